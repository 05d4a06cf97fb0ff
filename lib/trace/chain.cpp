#include "lib/trace/chain.hpp"

#include "lib/model/json_text.hpp"
#include "lib/util/dates.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace cswm {
namespace {

using nlohmann::json;

bool is_kind(const Document& document, std::string_view kind) {
    return document.parsed() && document.kind != nullptr && document.kind->name == kind;
}

} // namespace

std::map<std::string, const Document*> newest_reports(const std::vector<Document>& documents) {
    std::map<std::string, const Document*> newest;
    auto key = [](const Document& report) {
        const std::string end = json_text(object_at(report.data(), "period"), "end");
        const std::size_t dash = report.id.rfind('-');
        const long number = dash == std::string::npos ? 0 : std::strtol(report.id.c_str() + dash + 1, nullptr, 10);
        return std::make_pair(end.empty() ? json_text(report.data(), "created") : end, number);
    };
    for (const Document& report : documents) {
        if (!is_kind(report, "test-report")) {
            continue;
        }
        const std::string spec = json_text(report.data(), "quality_spec");
        if (spec.empty()) {
            continue;
        }
        auto [at, inserted] = newest.emplace(spec, &report);
        if (!inserted && key(*at->second) < key(report)) {
            at->second = &report;
        }
    }
    return newest;
}

LastLogReview last_log_review(const std::vector<Document>& documents) {
    LastLogReview last;
    for (const Document& log : documents) {
        if (!is_kind(log, "maintenance-log") || log.status == "draft") {
            continue;
        }
        if (!last.any_log) {
            last.any_log = true;
            last.log = &log;
        }
        for (const json& review : list_at(log.data(), "log_reviews")) {
            if (!review.is_object()) {
                continue;
            }
            const std::string date = json_text(review, "date").substr(0, 10);
            if (is_iso_date(date) && date > last.date) {
                last.date = date;
                last.log = &log;
            }
        }
    }
    return last;
}

std::optional<long long> days_between(const std::string& from, const std::string& to) {
    const auto start = epoch_seconds(from.substr(0, std::min<std::size_t>(from.size(), 10)));
    const auto end = epoch_seconds(to);
    if (!start || !end) {
        return std::nullopt;
    }
    return (*end - *start) / 86400;
}

} // namespace cswm
