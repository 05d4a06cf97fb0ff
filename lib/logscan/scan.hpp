#pragma once

#include "lib/logscan/miner.hpp"
#include "lib/logscan/review.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cswm::logscan {

/// What `cswm logscan` reads, and how.
struct ScanRequest {
    std::vector<std::string> files; ///< as given; read relative to `cwd`
    std::filesystem::path cwd;
    std::optional<std::string> line_format; ///< when absent, a built-in format is detected per file
    std::optional<std::string> since;       ///< entries before it are left out
    std::optional<std::string> until;       ///< entries after it are left out
    std::string today;                      ///< YYYY-MM-DD: the year of timestamps that have none
    MinerSettings miner;
};

/// What became of one input line, for --per-line.
struct LineOutcome {
    std::size_t source = 0;               ///< index into the request's files
    std::uint64_t line = 0;               ///< 1-based
    std::optional<SignatureId> signature; ///< none for blank lines and entries out of range
    bool continuation = false;            ///< a line without a header, in the entry before it
};

/// Receives every line's outcome as the scan goes, in input order.
using LineSink = std::function<void(const LineOutcome&)>;

/// Reads the files one line at a time, splits each line by the format, keeps the
/// entries in range and mines their messages into signatures. Every file is opened
/// and checked before any is read, so a missing or binary file stops the scan before
/// anything is printed. Throws Error (exit 2) for unreadable files, a bad format or
/// bad --since/--until.
LogScan scan_logs(const ScanRequest& request, const LineSink& sink = {});

} // namespace cswm::logscan
