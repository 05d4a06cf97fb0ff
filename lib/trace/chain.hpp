#pragma once

// Facts of the traceability chain that check's chain rules and the views (trace, status)
// must read the same way.

#include "lib/model/document.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cswm {

/// The newest test report of each quality spec, by quality-spec ID: the report whose
/// period ends last (its `created` date when it has no period end), then the highest ID.
std::map<std::string, const Document*> newest_reports(const std::vector<Document>& documents);

/// The latest log review recorded in a maintenance log that is not a draft.
struct LastLogReview {
    std::string date;              ///< YYYY-MM-DD; empty when no review is recorded
    const Document* log = nullptr; ///< the log holding it (the first log when none)
    bool any_log = false;          ///< some maintenance log is in force at all
};
LastLogReview last_log_review(const std::vector<Document>& documents);

/// Whole days from `from` (YYYY-MM-DD, or a date and time of which the date counts) to
/// `to` (YYYY-MM-DD); nullopt when either is no date.
std::optional<long long> days_between(const std::string& from, const std::string& to);

} // namespace cswm
