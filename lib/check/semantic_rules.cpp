#include "lib/check/rules.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/model/json_text.hpp"
#include "lib/model/pointer_trail.hpp"
#include "lib/util/parallel.hpp"

#include "lib/util/dates.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <array>
#include <ctime>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

// Rules that a schema cannot say: what the values mean together. Each names the kind it
// is about; everything structural stays in templates/.

namespace cswm::rules {
namespace {

using nlohmann::json;

const json* at(const json& node, std::initializer_list<const char*> keys) {
    const json* current = &node;
    for (const char* key : keys) {
        if (!current->is_object()) {
            return nullptr;
        }
        const auto found = current->find(key);
        if (found == current->end()) {
            return nullptr;
        }
        current = &*found;
    }
    return current;
}

std::optional<long long> time_of(const json* value) {
    return value != nullptr && value->is_string() ? epoch_seconds(value->get<std::string>()) : std::nullopt;
}

std::string text_of(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

/// Every pair of dates that opens and closes a span (start/end, from/to) must not run
/// backwards, wherever it is in the document: in `node`, where `trail` is, and everything
/// under it.
void check_spans(const Document& document, const json& node, PointerTrail& trail, Findings& out) {
    if (node.is_object()) {
        for (const auto& [open, close] :
             std::array<std::pair<const char*, const char*>, 2>{{{"start", "end"}, {"from", "to"}}}) {
            const auto first = time_of(at(node, {open}));
            const auto last = time_of(at(node, {close}));
            if (first && last && *last < *first) {
                const std::string pointer = trail.pointer();
                out.push_back(document.finding_at(pointer + "/" + close, false, Severity::error, "date-order",
                                                  tr("check.span-backwards",
                                                     fmt::arg("end", pointer_label(pointer + "/" + close)),
                                                     fmt::arg("end_value", text_of(node[close])),
                                                     fmt::arg("start", pointer_label(pointer + "/" + open)),
                                                     fmt::arg("start_value", text_of(node[open])))));
            }
        }
        for (auto it = node.begin(); it != node.end(); ++it) {
            trail.push(it.key());
            check_spans(document, it.value(), trail, out);
            trail.pop();
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            trail.push(i);
            check_spans(document, node[i], trail, out);
            trail.pop();
        }
    }
}

/// `later` must not come before `earlier` (both JSON pointers of dates).
void check_not_before(const Document& document, const std::string& later, const std::string& earlier, Findings& out) {
    const json& data = document.data();
    const json::json_pointer later_pointer(later);
    const json::json_pointer earlier_pointer(earlier);
    if (!data.contains(later_pointer) || !data.contains(earlier_pointer)) {
        return;
    }
    const auto late = time_of(&data[later_pointer]);
    const auto early = time_of(&data[earlier_pointer]);
    if (late && early && *late < *early) {
        out.push_back(document.finding_at(later, false, Severity::error, "date-order",
                                          tr("check.date-before", fmt::arg("later", pointer_label(later)),
                                             fmt::arg("later_value", text_of(data[later_pointer])),
                                             fmt::arg("earlier", pointer_label(earlier)),
                                             fmt::arg("earlier_value", text_of(data[earlier_pointer])))));
    }
}

/// A fix cannot be confirmed, or made, before the problem was reported.
void check_fix_dates(const Document& document, Findings& out) {
    check_not_before(document, "/correction/fixed_on", "/symptom/reported_on", out);
    check_not_before(document, "/confirmation/date", "/symptom/reported_on", out);
    check_not_before(document, "/confirmation/date", "/correction/fixed_on", out);
}

/// The summary of a test report must match its results, which cswm counts itself.
void check_summary(const Document& document, Findings& out) {
    const json* results = at(document.data(), {"results"});
    const json* summary = at(document.data(), {"summary"});
    if (results == nullptr || !results->is_array() || summary == nullptr || !summary->is_object()) {
        return;
    }
    std::unordered_map<std::string, long long> counted{{"passed", 0}, {"failed", 0}, {"blocked", 0}, {"skipped", 0}};
    long long total = 0;
    for (const json& result : *results) {
        const json* outcome = at(result, {"outcome"});
        if (outcome == nullptr || outcome->is_null()) {
            continue; // not run yet
        }
        if (!outcome->is_string() || !counted.contains(outcome->get<std::string>())) {
            return; // the schema reports the outcome; counting around it would blame a right summary
        }
        ++counted[outcome->get<std::string>()];
        ++total;
    }
    counted["total"] = total;
    for (const char* field : {"total", "passed", "failed", "blocked", "skipped"}) {
        const json* stated = at(*summary, {field});
        if (stated == nullptr || !stated->is_number_integer() || stated->get<long long>() == counted[field]) {
            continue;
        }
        out.push_back(
            document.finding_at(std::string("/summary/") + field, false, Severity::error, "summary-counts",
                                tr("check.summary-counts", fmt::arg("field", field),
                                   fmt::arg("stated", stated->get<long long>()), fmt::arg("counted", counted[field]))));
    }
}

/// Each result is for a case of the report's own quality spec, and a failure names its fix.
void check_results(const Document& document, const std::unordered_map<std::string, const Document*>& by_id,
                   const std::unordered_set<std::string>& all_cases, Findings& out) {
    const json* results = at(document.data(), {"results"});
    if (results == nullptr || !results->is_array()) {
        return;
    }
    const json* spec_id = at(document.data(), {"quality_spec"});
    const Document* spec = nullptr;
    if (spec_id != nullptr && spec_id->is_string()) {
        const auto found = by_id.find(spec_id->get<std::string>());
        if (found != by_id.end() && found->second->kind != nullptr && found->second->kind->name == "quality-spec") {
            spec = found->second;
        }
    }
    std::vector<std::string> cases;
    if (spec != nullptr) {
        if (const json* spec_cases = at(spec->data(), {"cases"}); spec_cases != nullptr && spec_cases->is_array()) {
            for (const json& each : *spec_cases) {
                if (const json* id = at(each, {"id"}); id != nullptr && id->is_string()) {
                    cases.push_back(id->get<std::string>());
                }
            }
        }
    }
    const bool draft = document.status == "draft";
    for (std::size_t i = 0; i < results->size(); ++i) {
        const json& result = (*results)[i];
        const std::string pointer = "/results/" + std::to_string(i);
        const json* case_id = at(result, {"case"});
        // A case that exists nowhere is the link rule's finding; this one is for a case of another spec.
        if (spec != nullptr && case_id != nullptr && case_id->is_string() &&
            all_cases.contains(case_id->get<std::string>()) &&
            std::find(cases.begin(), cases.end(), case_id->get<std::string>()) == cases.end()) {
            out.push_back(document.finding_at(
                pointer + "/case", false, Severity::error, "result-case",
                tr("check.result-case", fmt::arg("case", case_id->get<std::string>()), fmt::arg("spec", spec->id))));
        }
        const json* outcome = at(result, {"outcome"});
        const json* fix = at(result, {"fix"});
        if (outcome != nullptr && *outcome == "failed" && (fix == nullptr || fix->is_null())) {
            out.push_back(document.finding_at(
                pointer + "/outcome", false, draft ? Severity::warning : Severity::error, "failed-without-fix",
                tr("check.failed-without-fix",
                   fmt::arg("case", case_id != nullptr && case_id->is_string() ? case_id->get<std::string>()
                                                                               : tr("check.the-case")),
                   fmt::arg("index", i))));
        }
    }
}

/// A fix is verified by a test report in which its source case, and the cases re-run for
/// regression, passed: a report where they failed, or did not run, confirms nothing.
void check_fix_verified(const Document& document, const std::unordered_map<std::string, const Document*>& by_id,
                        Findings& out) {
    if (document.status != "verified" && document.status != "closed") {
        return;
    }
    const json* verified_by = at(document.data(), {"verified_by"});
    if (verified_by == nullptr || !verified_by->is_string()) {
        return; // the schema asks for it
    }
    const auto found = by_id.find(verified_by->get<std::string>());
    if (found == by_id.end() || found->second->kind == nullptr || found->second->kind->name != "test-report") {
        return; // link-target and link-kind say so
    }
    const Document& report = *found->second;
    std::unordered_map<std::string, std::string> outcomes;
    if (const json* results = at(report.data(), {"results"}); results != nullptr && results->is_array()) {
        for (const json& result : *results) {
            const json* case_id = at(result, {"case"});
            const json* outcome = at(result, {"outcome"});
            if (case_id != nullptr && case_id->is_string()) {
                outcomes[case_id->get<std::string>()] =
                    outcome != nullptr && outcome->is_string() ? outcome->get<std::string>() : std::string();
            }
        }
    }
    auto require_pass = [&](const std::string& case_id, const std::string& pointer, const std::string& role) {
        const auto outcome = outcomes.find(case_id);
        if (outcome != outcomes.end() && outcome->second == "passed") {
            return;
        }
        out.push_back(document.finding_at(
            pointer, false, Severity::error, "fix-not-passed",
            tr("check.fix-not-passed", fmt::arg("id", document.id), fmt::arg("status", document.status),
               fmt::arg("case", case_id), fmt::arg("role", role),
               fmt::arg("outcome", outcome == outcomes.end() || outcome->second.empty()
                                       ? tr("check.outcome-none")
                                       : tr("check.outcome-is", fmt::arg("outcome", outcome->second))),
               fmt::arg("report", report.id))));
    };
    const json* source_case = at(document.data(), {"source", "case"});
    if (source_case != nullptr && source_case->is_string()) {
        require_pass(source_case->get<std::string>(), "/verified_by", tr("check.role-failed-case"));
    }
    if (const json* cases = at(document.data(), {"regression", "cases"}); cases != nullptr && cases->is_array()) {
        for (std::size_t i = 0; i < cases->size(); ++i) {
            const json& each = (*cases)[i];
            if (each.is_string() && !(source_case != nullptr && *source_case == each)) {
                require_pass(each.get<std::string>(), "/regression/cases/" + std::to_string(i),
                             tr("check.role-regression"));
            }
        }
    }
}

/// The incident block of an anomaly request that declares an information-security
/// incident with a readable learned_at, and that time.
std::optional<std::pair<const json*, long long>> security_incident(const Document& document) {
    if (document.kind == nullptr || document.kind->name != "anomaly-request") {
        return std::nullopt;
    }
    const json* incident = at(document.data(), {"security_incident"});
    if (incident == nullptr || at(*incident, {"is_security_incident"}) == nullptr ||
        *at(*incident, {"is_security_incident"}) != true) {
        return std::nullopt;
    }
    const auto learned = time_of(at(*incident, {"learned_at"}));
    if (!learned) {
        return std::nullopt; // the schema asks for learned_at
    }
    return std::pair{incident, *learned};
}

/// 資通安全管理法: an information-security incident is notified within one hour of
/// learning of it (`now`, in seconds since 1970, says whether that hour is over).
void check_security_notification(const Document& document, long long now, Findings& out) {
    const auto found = security_incident(document);
    if (!found) {
        return;
    }
    const auto& [incident, learned] = *found;
    const auto notified = time_of(at(*incident, {"notified_at"}));
    const long long deadline = learned + 3600;
    if (notified && *notified < learned) {
        out.push_back(document.finding_at("/security_incident/notified_at", false, Severity::error, "date-order",
                                          tr("check.notified-before-learned")));
    } else if (notified && *notified > deadline) {
        const long long late = *notified - learned;
        out.push_back(document.finding_at(
            "/security_incident/notified_at", false, Severity::error, "security-notification",
            tr("check.notified-late", fmt::arg("hours", late / 3600), fmt::arg("minutes", (late % 3600) / 60))));
    } else if (!notified && now > deadline) {
        out.push_back(document.finding_at("/security_incident", false, Severity::error, "security-notification",
                                          tr("check.not-notified")));
    }
}

} // namespace

void check_semantics(const std::vector<Document>& documents, Findings& out) {
    std::unordered_map<std::string, const Document*> by_id;
    std::unordered_set<std::string> all_cases;
    for (const Document& document : documents) {
        if (!document.parsed() || document.id.empty()) {
            continue;
        }
        by_id.emplace(document.id, &document);
        if (document.kind != nullptr && document.kind->name == "quality-spec") {
            for (const json& each : list_at(document.data(), "cases")) {
                if (const json* id = at(each, {"id"}); id != nullptr && id->is_string()) {
                    all_cases.insert(id->get<std::string>());
                }
            }
        }
    }
    // Each document against the tables above, on every core, joined in document order.
    const long long now = static_cast<long long>(std::time(nullptr));
    std::vector<Findings> per_document(documents.size());
    parallel_for(documents.size(), [&](std::size_t i) {
        const Document& document = documents[i];
        if (!document.parsed() || document.kind == nullptr) {
            return;
        }
        Findings& found = per_document[i];
        const std::string& kind = document.kind->name;
        if (kind == "test-report") {
            check_results(document, by_id, all_cases, found);
        } else if (kind == "fix-confirmation") {
            check_fix_verified(document, by_id, found);
        } else if (kind == "anomaly-request") {
            check_security_notification(document, now, found);
        }
    });
    for (Findings& found : per_document) {
        std::move(found.begin(), found.end(), std::back_inserter(out));
    }
}

void check_document_semantics(const Document& document, Findings& out) {
    if (!document.parsed() || document.kind == nullptr) {
        return;
    }
    PointerTrail trail;
    check_spans(document, document.data(), trail, out);
    if (document.kind->name == "test-report") {
        check_summary(document, out);
    } else if (document.kind->name == "fix-confirmation") {
        check_fix_dates(document, out);
    }
}

std::optional<long long> notification_due(const std::vector<Document>& documents, long long now) {
    std::optional<long long> due;
    for (const Document& document : documents) {
        if (!document.parsed()) {
            continue;
        }
        const auto found = security_incident(document);
        if (!found || time_of(at(*found->first, {"notified_at"}))) {
            continue;
        }
        const long long deadline = found->second + 3600;
        if (deadline >= now && (!due || deadline < *due)) {
            due = deadline;
        }
    }
    return due;
}

} // namespace cswm::rules
