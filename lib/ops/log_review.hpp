#pragma once

#include "lib/logscan/review.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <string>

namespace cswm {

class Workspace;

/// What `cswm logscan --into` adds, and to which maintenance log.
struct LogReviewRequest {
    std::string id;            ///< a maintenance log's ID, such as MLOG-007
    std::string reviewer;      ///< who reviewed, as Name or Name <mail>
    std::string today;         ///< the review's date, YYYY-MM-DD
    std::size_t top = 10;      ///< at most this many findings: the worst, then the most frequent
    std::filesystem::path cwd; ///< where the log paths on the command line are relative to
};

/// What `--into` wrote.
struct LogReviewResult {
    std::string id;
    std::string path;         ///< the maintenance log's file, relative to the root
    std::size_t entry = 0;    ///< 1-based position of the new entry in log_reviews
    std::size_t findings = 0; ///< signatures recorded
    std::size_t fresh = 0;    ///< of which new
    std::string result;       ///< normal, attention or action-required
};

/// Sets `is_new` on the scan's signatures against the latest earlier review of each
/// log file in the tree's maintenance logs (same path, or a glob in `sources` matching it).
void compare_with_earlier_reviews(const Workspace& workspace, logscan::LogScan& scan, const std::filesystem::path& cwd);

/// The log_reviews entry for a scan, keys in the scaffold's order: its findings are the
/// `top` worst signatures at warning level or above; its result is action-required when
/// one of them is new at error or above, attention when there is any, else normal.
nlohmann::ordered_json log_review_entry(const Workspace& workspace, const logscan::LogScan& scan,
                                        const LogReviewRequest& request);

/// Appends the entry to the maintenance log's log_reviews, changing only the bytes that
/// must change, atomically; the scaffold's example row, when it is the only one and
/// untouched, gives way to the entry. Throws Error (exit 2), writing nothing, when the ID names no
/// maintenance log, names a closed one, or the document does not parse cleanly.
LogReviewResult append_log_review(const Workspace& workspace, const logscan::LogScan& scan,
                                  const LogReviewRequest& request);

} // namespace cswm
