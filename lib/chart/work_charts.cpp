#include "lib/chart/work_charts.hpp"

#include "lib/catalog/embedded.hpp"
#include "lib/model/ids.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace cswm::chart {
namespace {

using nlohmann::json;

const json* member(const json& object, const char* key) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto found = object.find(key);
    return found != object.end() ? &*found : nullptr;
}

std::string text_at(const json& data, const char* key, const char* sub = nullptr) {
    const json* value = member(data, key);
    if (value != nullptr && sub != nullptr) {
        value = member(*value, sub);
    }
    return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

/// The date (YYYY-MM-DD) a test report stands for: when its testing ended.
std::string report_date(const Document& report) {
    for (const std::string& date : {text_at(report.data(), "period", "end"), text_at(report.data(), "period", "start"),
                                    text_at(report.data(), "created")}) {
        if (date.size() >= 10 && is_iso_date(date.substr(0, 10))) {
            return date.substr(0, 10);
        }
    }
    return {};
}

std::optional<long long> days_between(const std::string& from, const std::string& to) {
    const auto start = epoch_seconds(from.substr(0, std::min<std::size_t>(from.size(), 10)));
    const auto end = epoch_seconds(to.substr(0, std::min<std::size_t>(to.size(), 10)));
    if (!start || !end) {
        return std::nullopt;
    }
    return (*end - *start) / 86400;
}

constexpr std::size_t k_max_bars = 40;

/// "(the newest {shown} of {total})" filled in.
std::string fill_counts(std::string text, std::size_t shown, std::size_t total) {
    for (const auto& [key, value] : {std::pair<std::string, std::size_t>{"{shown}", shown}, {"{total}", total}}) {
        if (const std::size_t at = text.find(key); at != std::string::npos) {
            text.replace(at, key.size(), std::to_string(value));
        }
    }
    return text;
}

std::string label(const json& labels, const char* key) {
    return labels.value(key, std::string(key));
}

std::vector<const Document*> of_kind(const std::vector<Document>& documents, const char* kind) {
    std::vector<const Document*> found;
    for (const Document& document : documents) {
        if (document.parsed() && document.kind != nullptr && document.kind->name == kind && !document.id.empty()) {
            found.push_back(&document);
        }
    }
    return found;
}

} // namespace

json chart_labels(const std::string& language) {
    for (const EmbeddedFile& file : embedded_templates()) {
        if (file.path == "chart/labels.json") {
            const json all = json::parse(file.data);
            return all.contains(language) ? all[language] : all["en"];
        }
    }
    throw Error("templates/chart/labels.json is missing from this build of cswm");
}

BarChart outcomes_chart(const std::vector<Document>& documents, const json& labels) {
    static const std::array<const char*, 4> outcomes{"passed", "failed", "blocked", "skipped"};
    BarChart chart;
    chart.title = label(labels, "chart_outcomes");
    chart.value_label = label(labels, "chart_outcomes_axis");
    chart.empty_text = label(labels, "chart_outcomes_empty");
    for (const char* outcome : outcomes) {
        chart.series.push_back(label(labels, (std::string("outcome_") + outcome).c_str()));
    }
    std::vector<std::pair<std::string, const Document*>> reports;
    for (const Document* report : of_kind(documents, "test-report")) {
        reports.emplace_back(report_date(*report), report);
    }
    std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first, a.second->id) < std::tie(b.first, b.second->id);
    });
    // A bar narrower than a label reads as noise: the newest reports only, saying so.
    if (reports.size() > k_max_bars) {
        chart.title += " " + fill_counts(label(labels, "chart_newest"), k_max_bars, reports.size());
        reports.erase(reports.begin(), reports.end() - static_cast<std::ptrdiff_t>(k_max_bars));
    }
    for (const auto& [date, report] : reports) {
        // Counted from the results themselves: the summary is what check compares them with.
        std::array<double, 4> counts{};
        if (const json* results = member(report->data(), "results"); results != nullptr && results->is_array()) {
            for (const json& result : *results) {
                const std::string outcome = text_at(result, "outcome");
                for (std::size_t i = 0; i < outcomes.size(); ++i) {
                    if (outcome == outcomes[i]) {
                        ++counts[i];
                    }
                }
            }
        }
        chart.bars.push_back({date.empty() ? report->id : report->id + " " + date, {counts.begin(), counts.end()}});
    }
    return chart;
}

BarChart anomaly_age_chart(const std::vector<Document>& documents, const std::string& today, const json& labels) {
    static const std::array<const char*, 4> severities{"critical", "major", "minor", "trivial"};
    BarChart chart;
    chart.title = label(labels, "chart_anomalies");
    chart.value_label = label(labels, "chart_anomalies_axis");
    chart.empty_text = label(labels, "chart_anomalies_empty");
    for (const char* severity : severities) {
        chart.series.push_back(severity);
    }
    chart.series.push_back(label(labels, "severity_unassessed"));
    const std::array<std::string, 4> buckets{label(labels, "age_week"), label(labels, "age_month"),
                                             label(labels, "age_quarter"), label(labels, "age_older")};
    std::array<std::vector<double>, 4> counts;
    for (auto& bucket : counts) {
        bucket.assign(chart.series.size(), 0);
    }
    bool any = false;
    for (const Document* request : of_kind(documents, "anomaly-request")) {
        if (request->status == "closed" || request->status == "rejected" || request->status == "draft") {
            continue;
        }
        std::string received = text_at(request->data(), "received_at");
        if (received.empty()) {
            received = text_at(request->data(), "created");
        }
        const auto days = days_between(received, today);
        if (!days) {
            continue;
        }
        const std::size_t bucket = *days <= 7 ? 0 : *days <= 30 ? 1 : *days <= 90 ? 2 : 3;
        const std::string severity = text_at(request->data(), "severity");
        const auto found = std::find(severities.begin(), severities.end(), severity);
        counts[bucket][static_cast<std::size_t>(found - severities.begin())] += 1;
        any = true;
    }
    if (any) {
        for (std::size_t i = 0; i < buckets.size(); ++i) {
            chart.bars.push_back({buckets[i], counts[i]});
        }
    }
    return chart;
}

BarChart fix_time_chart(const std::vector<Document>& documents, const json& labels) {
    BarChart chart;
    chart.title = label(labels, "chart_fix_time");
    chart.value_label = label(labels, "chart_fix_time_axis");
    chart.empty_text = label(labels, "chart_fix_time_empty");
    chart.series.push_back(label(labels, "fix_days"));
    std::map<std::string, const Document*> reports;
    for (const Document* report : of_kind(documents, "test-report")) {
        reports.emplace(report->id, report);
    }
    std::vector<std::pair<std::string, double>> fixes;
    for (const Document* fix : of_kind(documents, "fix-confirmation")) {
        if (fix->status != "verified" && fix->status != "closed") {
            continue;
        }
        const auto failed = reports.find(text_at(fix->data(), "source", "report"));
        const auto verified = reports.find(text_at(fix->data(), "verified_by"));
        if (failed == reports.end() || verified == reports.end()) {
            continue;
        }
        const auto days = days_between(report_date(*failed->second), report_date(*verified->second));
        if (days && *days >= 0) {
            fixes.emplace_back(fix->id, static_cast<double>(*days));
        }
    }
    std::sort(fixes.begin(), fixes.end(), [](const auto& a, const auto& b) { return id_less(a.first, b.first); });
    if (fixes.size() > k_max_bars) {
        chart.title += " " + fill_counts(label(labels, "chart_newest"), k_max_bars, fixes.size());
        fixes.erase(fixes.begin(), fixes.end() - static_cast<std::ptrdiff_t>(k_max_bars));
    }
    for (const auto& [id, days] : fixes) {
        chart.bars.push_back({id, {days}});
    }
    return chart;
}

} // namespace cswm::chart
