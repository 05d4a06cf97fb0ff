#pragma once

// The charts of a bundle, from the documents of its revision.

#include "lib/chart/svg.hpp"
#include "lib/model/document.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cswm::bundle {

/// Test outcomes of each test report, in the order the reports ran (period end, else
/// start, else created); `labels` are the page's labels in its language.
chart::BarChart outcomes_chart(const std::vector<Document>& documents, const nlohmann::json& labels);

/// Open anomaly requests by days since received, at `today` (YYYY-MM-DD), by severity.
chart::BarChart anomaly_age_chart(const std::vector<Document>& documents, const std::string& today,
                                  const nlohmann::json& labels);

/// For each verified or closed fix confirmation whose source is a failed test: days from
/// that test report to the report that verified the fix.
chart::BarChart fix_time_chart(const std::vector<Document>& documents, const nlohmann::json& labels);

} // namespace cswm::bundle
