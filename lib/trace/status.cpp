#include "lib/trace/status.hpp"

#include "lib/model/ids.hpp"
#include "lib/model/json_text.hpp"
#include "lib/trace/chain.hpp"

#include <algorithm>
#include <set>

namespace cswm {
namespace {

using nlohmann::json;

/// The date part of a date or date-time field, when it is one.
std::string date_of(const std::string& value) {
    return value.size() >= 10 && days_between(value.substr(0, 10), value.substr(0, 10)) ? value.substr(0, 10)
                                                                                        : std::string();
}

StatusEntry dated(const Document& document, const std::string& since, const std::string& today) {
    StatusEntry entry{document.id, document.title, document.kind->name, document.status, {}, since, std::nullopt};
    if (!since.empty()) {
        entry.age_days = days_between(since, today);
    }
    return entry;
}

/// When an anomaly began to be open work: a request when it was received, a record when
/// the team learned of it; else the document's `created`.
std::string anomaly_since(const Document& document) {
    const json& data = document.data();
    std::string since;
    if (document.kind->name == "anomaly-request") {
        since = date_of(json_text(data, "received_at"));
    } else if (const auto timeline = data.find("timeline"); timeline != data.end()) {
        since = date_of(json_text(*timeline, "learned_at"));
    }
    return since.empty() ? date_of(json_text(data, "created")) : since;
}

} // namespace

std::size_t StatusReport::open_count() const {
    return untested.size() + without_results.size() + failures_without_fix.size() + fixes_not_verified.size() +
           open_anomalies.size() + (log_review.overdue ? 1 : 0);
}

StatusReport build_status(const std::vector<Document>& documents, const TraceMatrix& matrix, int cadence_days,
                          const std::string& today) {
    StatusReport report;
    report.today = today;
    std::set<std::string> seen;
    for (const TraceRequirement& row : matrix.requirements) {
        for (const Gap& gap : row.gaps) {
            if (!seen.insert(std::string(gap_name(gap.kind)) + " " + gap.subject).second) {
                continue; // a case verifying two requirements is one piece of work
            }
            if (gap.kind == GapKind::untested) {
                report.untested.push_back({row.id, row.title, row.srs, {}, {}, {}, std::nullopt});
            } else if (gap.kind == GapKind::no_report || gap.kind == GapKind::no_result) {
                const auto found = std::find_if(row.cases.begin(), row.cases.end(),
                                                [&](const TraceCase& each) { return each.id == gap.subject; });
                report.without_results.push_back({gap.subject,
                                                  found != row.cases.end() ? found->title : std::string(),
                                                  found != row.cases.end() ? found->quality_spec : std::string(),
                                                  {},
                                                  gap.kind == GapKind::no_result ? gap.other : std::string(),
                                                  {},
                                                  std::nullopt});
            } else if (gap.kind == GapKind::failed_without_fix) {
                const auto found = std::find_if(row.cases.begin(), row.cases.end(),
                                                [&](const TraceCase& each) { return each.id == gap.subject; });
                report.failures_without_fix.push_back({gap.subject,
                                                       found != row.cases.end() ? found->title : std::string(),
                                                       found != row.cases.end() ? found->quality_spec : std::string(),
                                                       {},
                                                       gap.other,
                                                       {},
                                                       std::nullopt});
            }
        }
    }
    auto by_id = [](const StatusEntry& a, const StatusEntry& b) { return id_less(a.id, b.id); };
    for (auto* list : {&report.untested, &report.without_results, &report.failures_without_fix}) {
        std::stable_sort(list->begin(), list->end(), by_id);
    }
    std::vector<const Document*> sorted;
    for (const Document& document : documents) {
        if (document.parsed() && document.kind != nullptr && !document.id.empty()) {
            sorted.push_back(&document);
        }
    }
    std::sort(sorted.begin(), sorted.end(), [](const Document* a, const Document* b) { return id_less(a->id, b->id); });
    for (const Document* document : sorted) {
        const std::string& kind = document->kind->name;
        if (kind == "fix-confirmation" && !fix_verified(document->status, json_text(document->data(), "verified_by"))) {
            report.fixes_not_verified.push_back(
                dated(*document, date_of(json_text(document->data(), "created")), today));
        } else if ((kind == "anomaly-request" && document->status != "closed" && document->status != "rejected") ||
                   (kind == "anomaly-record" && document->status != "closed")) {
            report.open_anomalies.push_back(dated(*document, anomaly_since(*document), today));
        }
    }
    std::stable_sort(
        report.open_anomalies.begin(), report.open_anomalies.end(),
        [](const StatusEntry& a, const StatusEntry& b) { return a.age_days.value_or(-1) > b.age_days.value_or(-1); });

    const LastLogReview last = last_log_review(documents);
    LogReviewStatus& log = report.log_review;
    log.any_log = last.any_log;
    log.cadence_days = cadence_days;
    log.last = last.date;
    log.log = last.log != nullptr ? last.log->id : std::string();
    if (!last.date.empty()) {
        log.days = days_between(last.date, today);
    }
    // The same judgement as check's log-review-overdue rule.
    log.overdue = last.any_log && cadence_days > 0 && (!log.days || *log.days > cadence_days);
    return report;
}

} // namespace cswm
