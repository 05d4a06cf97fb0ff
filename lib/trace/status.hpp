#pragma once

// `cswm status`: the open work at a glance, from the traceability matrix and the dates
// in the documents.

#include "lib/model/document.hpp"
#include "lib/trace/trace.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cswm {

/// One piece of open work.
struct StatusEntry {
    std::string id;
    std::string title;
    std::string where;                 ///< the document it belongs to or the report concerned
    std::string status;                ///< the document's status, for fixes and anomalies
    std::string report;                ///< the test report concerned, for cases
    std::string since;                 ///< YYYY-MM-DD the age counts from
    std::optional<long long> age_days; ///< from `since` to today
};

/// When the system logs were last reviewed, against the cadence.
struct LogReviewStatus {
    bool any_log = false;          ///< a maintenance log is in force
    std::string last;              ///< YYYY-MM-DD of the last review; empty when none
    std::string log;               ///< the maintenance log that records it
    std::optional<long long> days; ///< days since the last review
    int cadence_days = 30;         ///< cadence.log_review_days (0: no cadence)
    bool overdue = false;
};

struct StatusReport {
    std::string today;
    std::vector<StatusEntry> untested;             ///< requirements no test case verifies
    std::vector<StatusEntry> without_results;      ///< cases without a result in the newest report
    std::vector<StatusEntry> failures_without_fix; ///< latest results failed, no fix confirmation
    std::vector<StatusEntry> fixes_not_verified;
    std::vector<StatusEntry> open_anomalies; ///< requests and records not closed (or rejected), oldest first
    LogReviewStatus log_review;

    /// How many pieces of open work the lists hold (an overdue log review counts one).
    std::size_t open_count() const;
};

/// The open work of the documents, dated against `today` (YYYY-MM-DD).
StatusReport build_status(const std::vector<Document>& documents, const TraceMatrix& matrix, int cadence_days,
                          const std::string& today);

} // namespace cswm
