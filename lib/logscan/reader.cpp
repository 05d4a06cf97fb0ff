#include "lib/logscan/reader.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace cswm::logscan {
namespace {

constexpr std::size_t k_max_line = 64 * 1024;
constexpr std::size_t k_buffer = 1024 * 1024;
/// How much of the start of a file is checked for being text.
constexpr std::size_t k_sniff = 64 * 1024;

/// The name of a compression zlib cannot read, from a file's first bytes.
const char* other_compression(const unsigned char* magic, ssize_t size) {
    if (size >= 3 && std::memcmp(magic, "BZh", 3) == 0) {
        return "bzip2";
    }
    if (size >= 6 && std::memcmp(magic,
                                 "\xFD"
                                 "7zXZ\0",
                                 6) == 0) {
        return "xz";
    }
    if (size >= 4 && std::memcmp(magic, "\x28\xB5\x2F\xFD", 4) == 0) {
        return "zstd";
    }
    return nullptr;
}

} // namespace

LogReader::LogReader(const std::filesystem::path& path, std::string display) : m_display(std::move(display)) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        throw Error(tr("logscan.file-error", fmt::arg("path", m_display), fmt::arg("reason", std::strerror(errno))));
    }
    if (S_ISDIR(info.st_mode)) {
        throw Error(tr("logscan.folder", fmt::arg("path", m_display)));
    }
    if (!S_ISREG(info.st_mode)) {
        throw Error(tr("logscan.not-regular", fmt::arg("path", m_display)));
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        throw Error(tr("logscan.file-error", fmt::arg("path", m_display), fmt::arg("reason", std::strerror(errno))));
    }
    unsigned char magic[6] = {};
    const ssize_t got = ::pread(fd, magic, sizeof magic, 0);
    if (const char* other = other_compression(magic, got)) {
        ::close(fd);
        throw Error(tr("logscan.other-compression", fmt::arg("path", m_display), fmt::arg("compression", other)));
    }
    m_compressed = got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    m_file.reset(gzdopen(fd, "rb"));
    if (m_file == nullptr) {
        ::close(fd);
        throw Error(tr("logscan.out-of-memory", fmt::arg("path", m_display)));
    }
    gzbuffer(m_file.get(), 128 * 1024);
    m_buffer.resize(k_buffer);
    while (m_end < k_sniff && fill()) {
    }
    check_text();
}

void LogReader::Close::operator()(gzFile_s* file) const {
    gzclose(file);
}

bool LogReader::fill() {
    if (m_eof) {
        return false;
    }
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    const int read = gzread(m_file.get(), m_buffer.data() + m_end, static_cast<unsigned>(m_buffer.size() - m_end));
    int code = Z_OK;
    std::string_view message = gzerror(m_file.get(), &code);
    if (read < 0 || (code != Z_OK && code != Z_STREAM_END)) {
        // zlib names the file "<fd:3>: "; the message names it already.
        if (message.starts_with("<fd:") && message.find(": ") != std::string_view::npos) {
            message.remove_prefix(message.find(": ") + 2);
        }
        const std::string after = m_line > 0 ? tr("logscan.after-line", fmt::arg("line", m_line)) : std::string();
        throw Error(tr(m_compressed ? "logscan.corrupt-gzip" : "logscan.read-error", fmt::arg("path", m_display),
                       fmt::arg("reason", message), fmt::arg("after", after)));
    }
    if (read == 0) {
        m_eof = true;
        return false;
    }
    m_end += static_cast<std::size_t>(read);
    return true;
}

void LogReader::check_text() {
    const std::size_t size = std::min(m_end, k_sniff);
    const char* nul = static_cast<const char*>(std::memchr(m_buffer.data(), '\0', size));
    std::size_t control = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(m_buffer[i]);
        control += byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t' && byte != 0x1b ? 1U : 0U;
    }
    if (nul != nullptr || control * 20 > size) {
        const std::size_t at = nul != nullptr ? static_cast<std::size_t>(nul - m_buffer.data()) : 0;
        throw Error(nul != nullptr ? tr("logscan.binary-nul", fmt::arg("path", m_display), fmt::arg("offset", at))
                                   : tr("logscan.binary-control", fmt::arg("path", m_display)));
    }
}

std::string_view LogReader::finish(std::size_t start, std::size_t length) {
    ++m_line;
    if (length > 0 && m_buffer[start + length - 1] == '\r') {
        --length;
    }
    return {m_buffer.data() + start, length};
}

bool LogReader::next(std::string_view& line) {
    while (true) {
        const std::size_t available = m_end - m_pos;
        const auto* newline = static_cast<const char*>(std::memchr(m_buffer.data() + m_pos, '\n', available));
        if (m_discarding) {
            m_pos = newline != nullptr ? static_cast<std::size_t>(newline - m_buffer.data()) + 1 : m_end;
            m_discarding = newline == nullptr;
            if (m_discarding && !fill()) {
                return false;
            }
            continue;
        }
        if (newline != nullptr) {
            const std::size_t start = m_pos;
            const auto length = static_cast<std::size_t>(newline - (m_buffer.data() + m_pos));
            m_pos += length + 1;
            line = finish(start, std::min(length, k_max_line));
            if (length > k_max_line) {
                ++m_cut_lines;
            }
            return true;
        }
        if (available >= k_max_line) {
            const std::size_t start = m_pos;
            m_pos += k_max_line;
            m_discarding = true;
            ++m_cut_lines;
            line = finish(start, k_max_line);
            return true;
        }
        if (!fill()) {
            if (m_pos == m_end) {
                return false;
            }
            const std::size_t start = m_pos;
            m_pos = m_end;
            line = finish(start, available);
            return true;
        }
    }
}

} // namespace cswm::logscan
