#pragma once

// Internal to lib/cache: the length-prefixed binary fields the cache files are written in.

#include "lib/model/finding.hpp"
#include "lib/util/files.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace cswm::cache_io {

inline constexpr std::size_t k_digest_size = 32; ///< SHA-256

inline std::string hex(const unsigned char* bytes, std::size_t size) {
    static constexpr std::string_view digits = "0123456789abcdef";
    std::string text;
    text.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        text += digits[bytes[i] >> 4U];
        text += digits[bytes[i] & 15U];
    }
    return text;
}

/// The value of a lower-case hex digit by its byte, -1 for any other byte.
inline constexpr std::array<int, 256> k_hex_values = [] {
    std::array<int, 256> values{};
    values.fill(-1);
    for (int digit = 0; digit < 10; ++digit) {
        values[static_cast<std::size_t>('0' + digit)] = digit;
    }
    for (int digit = 0; digit < 6; ++digit) {
        values[static_cast<std::size_t>('a' + digit)] = 10 + digit;
    }
    return values;
}();

/// Writes numbers (8 bytes, little-endian), strings (length first), hashes and findings.
class Writer {
public:
    void u64(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) {
            m_bytes += static_cast<char>((value >> (8U * static_cast<unsigned>(i))) & 0xffU);
        }
    }
    void i64(std::int64_t value) { u64(static_cast<std::uint64_t>(value)); }
    void str(std::string_view text) {
        u64(text.size());
        m_bytes.append(text);
    }
    /// A hash as 32 bytes when it is 64 lower-case hex digits (content keys, digests, view
    /// hashes: most of the file), else as text.
    void hash(std::string_view text) {
        std::array<char, 1 + k_digest_size> bytes{'h'};
        int all = text.size() == 2 * k_digest_size ? 0 : -1;
        for (std::size_t i = 0; all >= 0 && i < k_digest_size; ++i) {
            const int high = k_hex_values[static_cast<unsigned char>(text[2 * i])];
            const int low = k_hex_values[static_cast<unsigned char>(text[2 * i + 1])];
            all |= high | low;
            bytes[1 + i] = static_cast<char>((high << 4) | low);
        }
        if (all >= 0) {
            m_bytes.append(bytes.data(), bytes.size());
            return;
        }
        m_bytes += 's';
        str(text);
    }
    void finding(const Finding& finding) {
        u64(finding.severity == Severity::error ? 0 : 1);
        str(finding.rule);
        str(finding.path);
        i64(finding.line);
        i64(finding.column);
        str(finding.id);
        str(finding.message);
        str(finding.pointer);
        u64(finding.at_key ? 1 : 0);
    }
    void findings(const Findings& findings) {
        u64(findings.size());
        for (const Finding& each : findings) {
            finding(each);
        }
    }
    std::string& bytes() { return m_bytes; }

private:
    std::string m_bytes;
};

/// Reads what Writer wrote; any read past the end or any implausible value sets `failed`
/// and yields zeros, so a corrupt file is refused, never trusted.
class Reader {
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
    bool failed() const { return m_failed; }
    bool at_end() const { return m_at == m_bytes.size(); }
    std::size_t remaining() const { return m_bytes.size() - m_at; }
    /// Passes over `size` bytes.
    void skip(std::size_t size) {
        if (size > remaining()) {
            m_failed = true;
            m_at = m_bytes.size();
            return;
        }
        m_at += size;
    }
    std::uint64_t u64() {
        if (m_bytes.size() - m_at < 8) {
            m_failed = true;
            m_at = m_bytes.size();
            return 0;
        }
        std::uint64_t value = 0;
        for (unsigned i = 0; i < 8; ++i) {
            value |= static_cast<std::uint64_t>(static_cast<unsigned char>(m_bytes[m_at + i])) << (8U * i);
        }
        m_at += 8;
        return value;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    int small_int() {
        const std::int64_t value = i64();
        if (value < -1'000'000'000 || value > 1'000'000'000) {
            m_failed = true;
            return 0;
        }
        return static_cast<int>(value);
    }
    /// A count of items each at least `item_bytes` long: more than could fit is corrupt.
    std::size_t count(std::size_t item_bytes) {
        const std::uint64_t value = u64();
        if (value > (m_bytes.size() - m_at) / item_bytes) {
            m_failed = true;
            return 0;
        }
        return static_cast<std::size_t>(value);
    }
    std::string str() { return std::string(text()); }
    /// A string as a view of the bytes read.
    std::string_view text() {
        const std::uint64_t size = u64();
        if (size > m_bytes.size() - m_at) {
            m_failed = true;
            m_at = m_bytes.size();
            return {};
        }
        const std::string_view text = m_bytes.substr(m_at, size);
        m_at += size;
        return text;
    }
    /// What Writer::hash wrote.
    std::string hash() {
        if (m_at >= m_bytes.size()) {
            m_failed = true;
            return {};
        }
        const char tag = m_bytes[m_at++];
        if (tag == 's') {
            return str();
        }
        if (tag != 'h' || m_bytes.size() - m_at < k_digest_size) {
            m_failed = true;
            m_at = m_bytes.size();
            return {};
        }
        std::string text = hex(reinterpret_cast<const unsigned char*>(m_bytes.data() + m_at), k_digest_size);
        m_at += k_digest_size;
        return text;
    }
    Finding finding() {
        Finding finding;
        const std::uint64_t severity = u64();
        if (severity > 1) {
            m_failed = true;
        }
        finding.severity = severity == 0 ? Severity::error : Severity::warning;
        finding.rule = str();
        finding.path = str();
        finding.line = small_int();
        finding.column = small_int();
        finding.id = str();
        finding.message = str();
        finding.pointer = str();
        const std::uint64_t at_key = u64();
        if (at_key > 1) {
            m_failed = true;
        }
        finding.at_key = at_key == 1;
        return finding;
    }
    /// What Writer::findings wrote.
    Findings findings() {
        const std::size_t count = this->count(8 * 9);
        Findings found;
        found.reserve(count);
        for (std::size_t i = 0; i < count && !m_failed; ++i) {
            found.push_back(finding());
        }
        return found;
    }

private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
    bool m_failed = false;
};

/// The bytes of a cache file (up to 4 GiB); nullopt when it is not there or cannot be read.
inline std::optional<std::string> read_cache_file(const std::filesystem::path& file) {
    constexpr std::uintmax_t k_max_bytes = 1ULL << 32U;
    ReadResult read = read_regular_file(file, k_max_bytes);
    if (read.problem != ReadProblem::none) {
        return std::nullopt;
    }
    return std::move(read.content);
}

/// Writes a cache file atomically, making its folder; false (and nothing else) when it
/// cannot: a read-only .git still lets check run, only without a cache. A file whose
/// reader checks it whole (a hash of it, or of each part) needs no fsync
/// (Durability::rename_only): a crash may cost a full check, never a wrong answer, and two
/// fsyncs per file cost milliseconds here and far more on slow disks.
bool write_cache_file(const std::filesystem::path& file, std::string_view bytes, Durability durability);

} // namespace cswm::cache_io
