#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct gzFile_s;

namespace cswm::logscan {

/// Reads a log file line by line, streaming, gzip-compressed or not (zlib tells them
/// apart by their first bytes). Lines longer than 64 KiB are cut there, so a file
/// without line breaks costs bounded memory.
class LogReader {
public:
    /// Opens `path` and checks that it holds text. Throws Error (exit 2) naming
    /// `display`: missing, unreadable, a folder or special file, binary data, or a
    /// compression other than gzip.
    LogReader(const std::filesystem::path& path, std::string display);

    /// The next line, without its line break or a carriage return before it; false at
    /// the end. The view lives until the next call. Throws Error for corrupt or
    /// truncated gzip data.
    bool next(std::string_view& line);

    /// The 1-based number of the line `next` returned last.
    std::uint64_t line_number() const { return m_line; }
    /// True for gzip data.
    bool compressed() const { return m_compressed; }
    /// Lines that were cut at the length limit so far.
    std::uint64_t cut_lines() const { return m_cut_lines; }
    const std::string& display() const { return m_display; }

private:
    bool fill();
    void check_text();
    std::string_view finish(std::size_t start, std::size_t length);

    /// Closes the file, also when the constructor throws.
    struct Close {
        void operator()(gzFile_s* file) const;
    };

    std::string m_display;
    std::unique_ptr<gzFile_s, Close> m_file;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
    bool m_discarding = false; ///< skipping the rest of a line that was cut
    bool m_compressed = false;
    std::uint64_t m_line = 0;
    std::uint64_t m_cut_lines = 0;
};

} // namespace cswm::logscan
