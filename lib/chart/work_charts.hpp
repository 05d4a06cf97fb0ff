#pragma once

// The charts of the work in the documents: a bundle's index.html draws them at its
// revision, `cswm status --format html` at today.

#include "lib/chart/svg.hpp"
#include "lib/model/document.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cswm::chart {

/// The charts' labels in `language` (en when unknown), from templates/chart/labels.json.
nlohmann::json chart_labels(const std::string& language);

/// Test outcomes of each test report, in the order the reports ran (period end, else
/// start, else created); `labels` are the page's labels in its language.
BarChart outcomes_chart(const std::vector<Document>& documents, const nlohmann::json& labels);

/// Open anomaly requests by days since received, at `today` (YYYY-MM-DD), by severity.
BarChart anomaly_age_chart(const std::vector<Document>& documents, const std::string& today,
                           const nlohmann::json& labels);

/// For each verified or closed fix confirmation whose source is a failed test: days from
/// that test report to the report that verified the fix.
BarChart fix_time_chart(const std::vector<Document>& documents, const nlohmann::json& labels);

} // namespace cswm::chart
