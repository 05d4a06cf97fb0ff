#include "lib/check/rules.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/check/suspect.hpp"
#include "lib/model/json_text.hpp"
#include "lib/trace/chain.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <unordered_map>
#include <unordered_set>

// The traceability chain, end to end: approved requirements are tested, approved test
// cases are run, anomaly requests are handled, logs are reviewed on time, and
// requirements are worded so that they can be tested at all.

namespace cswm::rules {
namespace {

using nlohmann::json;

std::vector<const Document*> of_kind(const std::vector<Document>& documents, std::string_view kind) {
    std::vector<const Document*> found;
    for (const Document& document : documents) {
        if (document.parsed() && document.kind != nullptr && document.kind->name == kind) {
            found.push_back(&document);
        }
    }
    return found;
}

/// Approved requirements that are still in force need at least one test case.
void check_requirements_tested(const std::vector<Document>& documents, Findings& out) {
    std::unordered_set<std::string> verified;
    for (const Document* spec : of_kind(documents, "quality-spec")) {
        for (const json& each : list_at(spec->data(), "cases")) {
            for (const json& requirement : list_at(each, "verifies")) {
                if (requirement.is_string()) {
                    verified.insert(requirement.get<std::string>());
                }
            }
        }
    }
    for (const Document* srs : of_kind(documents, "srs")) {
        if (srs->status != "approved") {
            continue;
        }
        const json& requirements = list_at(srs->data(), "requirements");
        for (std::size_t i = 0; i < requirements.size(); ++i) {
            const std::string id = json_text(requirements[i], "id");
            if (id.empty() || json_text(requirements[i], "change") == "removed" || verified.contains(id)) {
                continue;
            }
            out.push_back(srs->finding_at(fmt::format("/requirements/{}/id", i), false, Severity::error,
                                          "requirement-untested",
                                          tr("check.requirement-untested", fmt::arg("id", id))));
        }
    }
}

/// Every case of an approved quality spec has a result in the newest report that runs it.
void check_cases_run(const std::vector<Document>& documents, Findings& out) {
    const std::map<std::string, const Document*> newest = newest_reports(documents);
    for (const Document* spec : of_kind(documents, "quality-spec")) {
        if (spec->status != "approved") {
            continue;
        }
        const auto report = newest.find(spec->id);
        if (report == newest.end()) {
            out.push_back(spec->finding_at("/id", false, Severity::warning, "case-without-result",
                                           tr("check.spec-without-report", fmt::arg("id", spec->id))));
            continue;
        }
        std::unordered_set<std::string> run;
        for (const json& result : list_at(report->second->data(), "results")) {
            const auto outcome = result.find("outcome");
            if (outcome != result.end() && !outcome->is_null()) {
                run.insert(json_text(result, "case"));
            }
        }
        const json& cases = list_at(spec->data(), "cases");
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const std::string id = json_text(cases[i], "id");
            if (!id.empty() && !run.contains(id)) {
                out.push_back(spec->finding_at(fmt::format("/cases/{}/id", i), false, Severity::error,
                                               "case-without-result",
                                               tr("check.case-without-result", fmt::arg("case", id),
                                                  fmt::arg("report", report->second->id), fmt::arg("spec", spec->id))));
            }
        }
    }
}

/// Every anomaly request that was taken up has an anomaly record, or fed a requirement.
void check_requests_recorded(const std::vector<Document>& documents, Findings& out) {
    // Handled by an anomaly record, or taken into the requirements as a need (sources).
    std::unordered_set<std::string> recorded;
    for (const Document* record : of_kind(documents, "anomaly-record")) {
        recorded.insert(json_text(record->data(), "request"));
    }
    for (const Document* srs : of_kind(documents, "srs")) {
        // list_at: a requirement that is no mapping (the schema's finding) has no sources.
        for (const json& requirement : list_at(srs->data(), "requirements")) {
            for (const json& source : list_at(requirement, "sources")) {
                if (source.is_string()) {
                    recorded.insert(source.get<std::string>());
                }
            }
        }
    }
    for (const Document* request : of_kind(documents, "anomaly-request")) {
        // Taken up (accepted) or done (closed): by then someone has assessed and debugged it.
        if ((request->status != "accepted" && request->status != "closed") || recorded.contains(request->id)) {
            continue;
        }
        out.push_back(request->finding_at("/id", false, Severity::error, "request-without-record",
                                          tr("check.request-without-record", fmt::arg("id", request->id))));
    }
}

/// Logs are reviewed at least every `cadence_days` days, up to today.
void check_log_cadence(const std::vector<Document>& documents, int cadence_days, const std::string& today,
                       Findings& out) {
    const LastLogReview last_review = last_log_review(documents);
    if (!last_review.any_log || cadence_days <= 0) {
        return; // no maintenance log in force yet
    }
    const std::string& latest = last_review.date;
    const Document* where = last_review.log;
    const auto now = epoch_seconds(today);
    const auto last = latest.empty() ? std::nullopt : epoch_seconds(latest);
    if (!now) {
        return;
    }
    const long long days = last ? (*now - *last) / 86400 : -1;
    if (last && days <= cadence_days) {
        return;
    }
    out.push_back(where->finding_at("/log_reviews", true, Severity::warning, "log-review-overdue",
                                    last ? tr("check.log-review-overdue", fmt::arg("date", latest),
                                              fmt::arg("days", days), fmt::arg("cadence", cadence_days))
                                         : tr("check.log-review-none")));
}

std::size_t count_words(const std::string& text, const std::regex& word) {
    return static_cast<std::size_t>(
        std::distance(std::sregex_iterator(text.begin(), text.end(), word), std::sregex_iterator()));
}

/// 應 and 須 as modal verbs, not inside words such as 回應, 應用 or 必須 counted twice.
std::size_t count_chinese_modals(const std::string& text) {
    static const std::vector<std::string> not_modal{"回應", "反應", "對應", "相應", "供應", "適應", "應用",
                                                    "響應", "效應", "感應", "呼應", "因應", "理應"};
    std::string masked = text;
    for (const std::string& word : not_modal) {
        for (std::size_t at = masked.find(word); at != std::string::npos; at = masked.find(word, at)) {
            masked.replace(at, word.size(), std::string(word.size(), ' '));
        }
    }
    std::size_t count = 0;
    for (const std::string modal : {"必須", "應", "須"}) {
        for (std::size_t at = masked.find(modal); at != std::string::npos; at = masked.find(modal, at)) {
            masked.replace(at, modal.size(), std::string(modal.size(), ' '));
            ++count;
        }
    }
    return count;
}

} // namespace

void check_requirement_wording(const Document& srs, Findings& out) {
    static const std::regex shall(R"(\bshall\b)", std::regex::icase);
    static const std::vector<std::string> weak_english{
        "etc.",        "as appropriate", "user-friendly", "user friendly", "as soon as possible",
        "if possible", "and/or",         "as needed",     "adequate",      "sufficient"};
    static const std::vector<std::string> weak_chinese{"適當", "盡可能", "儘可能", "盡量", "儘量", "友善", "適時"};
    if (!srs.parsed() || srs.kind == nullptr || srs.kind->name != "srs") {
        return;
    }
    const json& requirements = list_at(srs.data(), "requirements");
    for (std::size_t i = 0; i < requirements.size(); ++i) {
        const std::string statement = json_text(requirements[i], "statement");
        const std::string id = json_text(requirements[i], "id");
        const std::string pointer = fmt::format("/requirements/{}/statement", i);
        if (statement.empty() || is_placeholder(json(statement))) {
            continue;
        }
        const std::size_t modals = count_words(statement, shall) + count_chinese_modals(statement);
        if (modals > 1) {
            out.push_back(
                srs.finding_at(pointer, false, Severity::warning, "requirement-wording",
                               tr("check.requirement-modals", fmt::arg("id", id), fmt::arg("count", modals))));
        }
        std::vector<std::string> weak;
        std::string lower = statement;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        for (const std::string& word : weak_english) {
            if (lower.find(word) != std::string::npos) {
                weak.push_back("\"" + word + "\"");
            }
        }
        for (const std::string& word : weak_chinese) {
            if (statement.find(word) != std::string::npos) {
                weak.push_back("「" + word + "」");
            }
        }
        static const std::regex etc_chinese("等(?!待|級|候|於|同)");
        if (std::regex_search(statement, etc_chinese) && statement.find("相等") == std::string::npos &&
            statement.find("平等") == std::string::npos && statement.find("對等") == std::string::npos) {
            weak.push_back("「等」");
        }
        if (!weak.empty()) {
            out.push_back(srs.finding_at(
                pointer, false, Severity::warning, "requirement-wording",
                tr("check.requirement-weak-words", fmt::arg("id", id), fmt::arg("words", join(weak, ", ")))));
        }
    }
}

namespace {

/// `supersedes` runs from a newer revision to the one it replaces, so following it must end:
/// a document that supersedes itself, or two or more that supersede each other in a ring,
/// leave no revision in force. Each ring is named once, at its smallest ID, from there.
void check_supersedes_cycles(const std::vector<Document>& documents, Findings& out) {
    std::map<std::string, const Document*> by_id; // ordered: rings are found from the smallest ID
    for (const Document& document : documents) {
        if (document.parsed() && !document.id.empty() && document.data().is_object()) {
            const auto older = document.data().find("supersedes");
            if (older != document.data().end() && older->is_string() && !older->get<std::string>().empty()) {
                by_id.emplace(document.id, &document); // a duplicate ID has its own finding; the first counts
            }
        }
    }
    const auto next = [&](const std::string& id) -> const std::string* {
        const auto found = by_id.find(id);
        return found == by_id.end() ? nullptr : found->second->data().at("supersedes").get_ptr<const std::string*>();
    };
    // Out-degree one: walk each chain once; a walk that meets its own trail closed a ring.
    std::unordered_map<std::string, int> walk_of; // ID -> the walk that first reached it
    int walk = 0;
    for (const auto& [start, document] : by_id) {
        if (walk_of.contains(start)) {
            continue;
        }
        ++walk;
        const std::string* at = &start;
        while (at != nullptr && !walk_of.contains(*at)) {
            walk_of.emplace(*at, walk);
            at = next(*at);
        }
        if (at == nullptr || walk_of.at(*at) != walk) {
            continue; // the chain ended, or joined one already walked
        }
        std::vector<std::string> ring{*at};
        for (const std::string* member = next(*at); member != nullptr && *member != ring.front();
             member = next(*member)) {
            ring.push_back(*member);
        }
        const auto smallest = std::min_element(ring.begin(), ring.end());
        std::rotate(ring.begin(), smallest, ring.end());
        ring.push_back(ring.front());
        out.push_back(by_id.at(ring.front())
                          ->finding_at("/supersedes", false, Severity::error, "supersedes-cycle",
                                       tr("check.supersedes-cycle", fmt::arg("cycle", join(ring, " → ")))));
    }
}

} // namespace

void check_chain(const std::vector<Document>& documents, const ChainSettings& settings, Findings& out) {
    check_requirements_tested(documents, out);
    check_cases_run(documents, out);
    check_requests_recorded(documents, out);
    check_log_cadence(documents, settings.log_review_days, settings.today, out);
    check_suspect_links(documents, out);
    check_supersedes_cycles(documents, out);
}

} // namespace cswm::rules
