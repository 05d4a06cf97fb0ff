#include "lib/util/files.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cswm {
namespace {

std::string errno_text(int error) {
    return std::strerror(error);
}

std::string special_file_name(mode_t mode) {
    if (S_ISDIR(mode)) {
        return tr("files.a-folder");
    }
    if (S_ISFIFO(mode)) {
        return tr("files.a-fifo");
    }
    if (S_ISSOCK(mode)) {
        return tr("files.a-socket");
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return tr("files.a-device");
    }
    return tr("files.a-special-file");
}

/// Closes a descriptor on scope exit.
class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

void write_all(int fd, std::string_view content, const fs::path& path) {
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, left);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw Error(
                tr("files.cannot-write", fmt::arg("path", path.string()), fmt::arg("reason", errno_text(errno))));
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
}

void fsync_or_throw(int fd, const fs::path& path) {
    if (::fsync(fd) != 0) {
        throw Error(tr("files.cannot-flush", fmt::arg("path", path.string()), fmt::arg("reason", errno_text(errno))));
    }
}

void fsync_folder(const fs::path& folder) {
    Fd fd(::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) {
        ::fsync(fd.get()); // best effort: some file systems refuse fsync on folders
    }
}

/// A hidden temporary name beside `path`, so a crash leaves no file that looks like a
/// document (`check` reads only `*.yaml`, and skips hidden files). Its pattern is what
/// is_temporary_name recognises.
fs::path temporary_beside(const fs::path& path) {
    static std::mt19937_64 generator{std::random_device{}()};
    return path.parent_path() / fmt::format(".{}.{:016x}.tmp", path.filename().string(), generator());
}

constexpr std::size_t k_temporary_digits = 16;

/// Creates a new temporary file beside `path` with `mode`; returns its descriptor and sets
/// `temporary` to its name.
int open_temporary(const fs::path& path, mode_t mode, fs::path& temporary) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        temporary = temporary_beside(path);
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
        if (fd < 0) {
            if (errno == EEXIST) {
                continue;
            }
            throw Error(tr("files.cannot-create-in", fmt::arg("folder", path.parent_path().string()),
                           fmt::arg("reason", errno_text(errno))));
        }
        if (::fchmod(fd, mode) != 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            throw Error(tr("files.cannot-set-mode", fmt::arg("path", temporary.string()),
                           fmt::arg("reason", errno_text(error))));
        }
        return fd;
    }
    throw Error(tr("files.no-temporary", fmt::arg("path", path.string())));
}

/// Writes `content` to a new temporary file beside `path`, flushed to disk unless
/// `durability` says not to.
fs::path write_temporary(const fs::path& path, std::string_view content, mode_t mode, Durability durability) {
    fs::path temporary;
    Fd fd(open_temporary(path, mode, temporary));
    try {
        write_all(fd.get(), content, path);
        if (durability == Durability::flushed) {
            fsync_or_throw(fd.get(), path);
        }
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }
    return temporary;
}

/// The mode a file replacing `path` gets: that of the file there (which must be writable:
/// rename() needs only the folder's permission, and a document made read-only is refused
/// rather than replaced), else 0644.
mode_t mode_for_replacing(const fs::path& path) {
    mode_t mode = 0644;
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0) {
        mode = status.st_mode & 07777;
        if (::access(path.c_str(), W_OK) != 0) {
            throw Error(
                tr("files.cannot-write", fmt::arg("path", path.string()), fmt::arg("reason", errno_text(errno))));
        }
    }
    return mode;
}

/// Renames a written temporary over `path` and flushes the folder (unless `durability`
/// says not to); removes the temporary when the rename fails.
void rename_into_place(const fs::path& temporary, const fs::path& path, Durability durability = Durability::flushed) {
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw Error(tr("files.cannot-replace", fmt::arg("path", path.string()), fmt::arg("reason", errno_text(error))));
    }
    if (durability == Durability::flushed) {
        fsync_folder(path.parent_path());
    }
}

} // namespace

ReadResult read_regular_file(const fs::path& path, std::uintmax_t max_bytes) {
    ReadResult result;
    struct stat link_status {};
    if (::lstat(path.c_str(), &link_status) != 0) {
        result.problem = ReadProblem::unreadable;
        result.detail = errno_text(errno);
        return result;
    }
    if (S_ISLNK(link_status.st_mode)) {
        result.problem = ReadProblem::symlink;
        return result;
    }
    if (!S_ISREG(link_status.st_mode)) {
        result.problem = ReadProblem::not_regular;
        result.detail = special_file_name(link_status.st_mode);
        return result;
    }
    Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0) {
        result.problem = errno == ELOOP ? ReadProblem::symlink : ReadProblem::unreadable;
        result.detail = errno_text(errno);
        return result;
    }
    // The file may have been swapped since lstat: trust only what is open.
    struct stat status {};
    if (::fstat(fd.get(), &status) != 0) {
        result.problem = ReadProblem::unreadable;
        result.detail = errno_text(errno);
        return result;
    }
    if (!S_ISREG(status.st_mode)) {
        result.problem = ReadProblem::not_regular;
        result.detail = special_file_name(status.st_mode);
        return result;
    }
    result.size = static_cast<std::uintmax_t>(status.st_size);
    if (result.size > max_bytes) {
        result.problem = ReadProblem::too_large;
        return result;
    }
    result.content.resize(result.size);
    std::size_t done = 0;
    while (done < result.content.size()) {
        const ssize_t got = ::read(fd.get(), result.content.data() + done, result.content.size() - done);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            result.problem = ReadProblem::unreadable;
            result.detail = errno_text(errno);
            result.content.clear();
            return result;
        }
        if (got == 0) {
            break; // the file shrank while we read it
        }
        done += static_cast<std::size_t>(got);
    }
    result.content.resize(done);
    return result;
}

std::string read_file_or_throw(const fs::path& path) {
    ReadResult read = read_regular_file(path, std::uintmax_t{64} << 20);
    switch (read.problem) {
    case ReadProblem::none:
        return std::move(read.content);
    case ReadProblem::symlink:
        throw Error(tr("files.symlink", fmt::arg("path", path.string())));
    case ReadProblem::not_regular:
        throw Error(tr("files.not-regular", fmt::arg("path", path.string()), fmt::arg("what", read.detail)));
    case ReadProblem::too_large:
        throw Error(tr("files.too-large", fmt::arg("path", path.string()), fmt::arg("size", read.size)));
    case ReadProblem::unreadable:
        break;
    }
    throw Error(tr("files.cannot-read", fmt::arg("path", path.string()), fmt::arg("reason", read.detail)));
}

void write_file_atomically(const fs::path& path, std::string_view content, Durability durability) {
    const fs::path temporary = write_temporary(path, content, mode_for_replacing(path), durability);
    rename_into_place(temporary, path, durability);
}

AtomicFileWriter::AtomicFileWriter(const fs::path& path) : m_path(path) {
    m_fd = open_temporary(path, mode_for_replacing(path), m_temporary);
}

AtomicFileWriter::~AtomicFileWriter() {
    if (m_fd >= 0) {
        ::close(m_fd);
        ::unlink(m_temporary.c_str());
    }
}

void AtomicFileWriter::write(std::string_view bytes) {
    if (m_fd < 0) {
        throw Error(tr("files.cannot-write", fmt::arg("path", m_path.string()), fmt::arg("reason", errno_text(EBADF))));
    }
    write_all(m_fd, bytes, m_path);
    m_size += bytes.size();
}

void AtomicFileWriter::commit() {
    if (m_fd < 0) {
        throw Error(tr("files.cannot-write", fmt::arg("path", m_path.string()), fmt::arg("reason", errno_text(EBADF))));
    }
    int error = ::fsync(m_fd) != 0 ? errno : 0;
    if (::close(m_fd) != 0 && error == 0) {
        error = errno;
    }
    m_fd = -1; // closed: from here the temporary is removed below or by rename_into_place
    if (error != 0) {
        ::unlink(m_temporary.c_str());
        throw Error(tr("files.cannot-flush", fmt::arg("path", m_path.string()), fmt::arg("reason", errno_text(error))));
    }
    rename_into_place(m_temporary, m_path);
}

bool create_file_exclusively(const fs::path& path, std::string_view content) {
    const fs::path temporary = write_temporary(path, content, 0644, Durability::flushed);
    // link() fails with EEXIST instead of replacing: two writers can never both win.
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int error = errno;
    ::unlink(temporary.c_str());
    if (linked != 0) {
        if (error == EEXIST) {
            return false;
        }
        throw Error(tr("files.cannot-create", fmt::arg("path", path.string()), fmt::arg("reason", errno_text(error))));
    }
    fsync_folder(path.parent_path());
    return true;
}

bool is_temporary_name(std::string_view name) {
    constexpr std::string_view suffix = ".tmp";
    // "." NAME "." 16 hex digits ".tmp", with NAME not empty
    if (name.size() < 1 + 1 + 1 + k_temporary_digits + suffix.size() || name.front() != '.' ||
        !name.ends_with(suffix)) {
        return false;
    }
    const std::string_view digits = name.substr(name.size() - suffix.size() - k_temporary_digits, k_temporary_digits);
    if (name[name.size() - suffix.size() - k_temporary_digits - 1] != '.') {
        return false;
    }
    return std::all_of(digits.begin(), digits.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::size_t remove_stale_temporaries(const fs::path& folder, std::chrono::seconds min_age) {
    Fd dir_fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (dir_fd.get() < 0) {
        return 0;
    }
    const int listed = ::dup(dir_fd.get());
    DIR* const dir = listed >= 0 ? ::fdopendir(listed) : nullptr;
    if (dir == nullptr) {
        if (listed >= 0) {
            ::close(listed);
        }
        return 0;
    }
    const auto now = std::chrono::system_clock::now();
    std::vector<std::string> stale;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (!is_temporary_name(name)) {
            continue;
        }
        // lstat relative to the folder we opened: a link or a folder so named is left alone.
        struct stat status {};
        if (::fstatat(dir_fd.get(), entry->d_name, &status, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(status.st_mode) ||
            status.st_uid != ::geteuid()) {
            continue;
        }
        const auto modified =
            std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(
                std::chrono::seconds(status.st_mtim.tv_sec) + std::chrono::nanoseconds(status.st_mtim.tv_nsec)));
        if (now - modified >= min_age) {
            stale.emplace_back(name);
        }
    }
    ::closedir(dir);
    std::size_t removed = 0;
    for (const std::string& name : stale) {
        if (::unlinkat(dir_fd.get(), name.c_str(), 0) == 0) {
            ++removed;
        }
    }
    return removed;
}

FileLock::FileLock(const fs::path& path) {
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (m_fd < 0) {
        throw Error(
            tr("files.cannot-open-lock", fmt::arg("path", path.string()), fmt::arg("reason", errno_text(errno))));
    }
    while (::flock(m_fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            const int error = errno;
            ::close(m_fd);
            throw Error(
                tr("files.cannot-lock", fmt::arg("path", path.string()), fmt::arg("reason", errno_text(error))));
        }
    }
}

FileLock::~FileLock() {
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

namespace {

/// `path` below `base` as lexically_relative gives it, when that is the text after
/// "base/" (no "." or ".." element, no doubled or trailing separator): without the path
/// objects lexically_relative makes, 10,000 of them when a tree is checked.
std::optional<std::string> plainly_below(std::string_view path, std::string_view base) {
    if (base.empty() || base.ends_with('/') || path.size() <= base.size() + 1 || !path.starts_with(base) ||
        path[base.size()] != '/') {
        return std::nullopt;
    }
    const std::string_view rest = path.substr(base.size() + 1);
    std::size_t start = 0;
    while (start <= rest.size()) {
        const std::size_t end = std::min(rest.find('/', start), rest.size());
        const std::string_view element = rest.substr(start, end - start);
        if (element.empty() || element == "." || element == "..") {
            return std::nullopt;
        }
        start = end + 1;
    }
    return std::string(rest);
}

} // namespace

std::string relative_to(const fs::path& path, const fs::path& base) {
    if (std::optional<std::string> below = plainly_below(path.native(), base.native())) {
        return std::move(*below);
    }
    const fs::path relative = path.lexically_relative(base);
    if (relative.empty() || *relative.begin() == "..") {
        return path.generic_string();
    }
    return relative.generic_string();
}

} // namespace cswm
