#include "lib/trace/trace.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/model/ids.hpp"

#include "lib/model/json_text.hpp"
#include "lib/model/references.hpp"
#include "lib/trace/chain.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace cswm {
namespace {

using nlohmann::json;

void add_unique(std::vector<std::string>& list, const std::string& id) {
    if (!id.empty() && std::find(list.begin(), list.end(), id) == list.end()) {
        list.push_back(id);
    }
}

void sort_ids(std::vector<std::string>& ids) {
    std::sort(ids.begin(), ids.end(), id_less);
}

/// Every document, requirement and test case by ID, and the links between them.
class Index {
public:
    Index(const std::vector<Document>& documents, const std::vector<CommitInfo>& history) {
        for (const Document& document : documents) {
            if (document.parsed() && document.kind != nullptr && !document.id.empty()) {
                m_documents.emplace(document.id, &document);
                m_nodes.insert(document.id);
            }
        }
        for (const CommitInfo& commit : history) {
            m_summaries.emplace(commit.sha, commit.summary);
            for (const std::string& id : referenced_ids(commit.trailers)) {
                m_refs[id].push_back(commit.sha);
            }
        }
        m_newest = newest_reports(documents);
        for (const auto& [id, document] : m_documents) {
            read_links(*document);
        }
    }

    const Document* document(const std::string& id) const {
        const auto found = m_documents.find(id);
        return found == m_documents.end() ? nullptr : found->second;
    }
    const Document* of_kind(const std::string& id, std::string_view kind) const {
        const Document* found = document(id);
        return found != nullptr && found->kind->name == kind ? found : nullptr;
    }
    std::vector<const Document*> all_of_kind(std::string_view kind) const {
        std::vector<const Document*> found;
        for (const auto& [id, document] : m_documents) {
            if (document->kind->name == kind) {
                found.push_back(document);
            }
        }
        std::sort(found.begin(), found.end(),
                  [](const Document* a, const Document* b) { return id_less(a->id, b->id); });
        return found;
    }

    TraceCommit commit(const std::string& sha) const {
        const auto found = m_summaries.find(sha);
        return {sha, found == m_summaries.end() ? std::string() : found->second};
    }
    std::vector<TraceCommit> referencing(const std::string& id) const {
        std::vector<TraceCommit> commits;
        const auto found = m_refs.find(id);
        if (found != m_refs.end()) {
            for (const std::string& sha : found->second) {
                commits.push_back(commit(sha));
            }
        }
        return commits;
    }

    const Document* newest_report(const std::string& quality_spec) const {
        const auto found = m_newest.find(quality_spec);
        return found == m_newest.end() ? nullptr : found->second;
    }

    /// The test cases that verify a requirement, in order of their quality specs.
    const std::vector<std::pair<const Document*, const json*>>& cases_of(const std::string& requirement) const {
        static const std::vector<std::pair<const Document*, const json*>> none;
        const auto found = m_cases_verifying.find(requirement);
        return found == m_cases_verifying.end() ? none : found->second;
    }
    /// Fix confirmations a case's results name, or whose source is the case.
    std::vector<std::string> fixes_of_case(const std::string& test_case) const {
        const auto found = m_case_fixes.find(test_case);
        return found == m_case_fixes.end() ? std::vector<std::string>() : found->second;
    }
    std::vector<std::string> fixes_of_record(const std::string& record) const {
        const auto found = m_record_fixes.find(record);
        return found == m_record_fixes.end() ? std::vector<std::string>() : found->second;
    }
    std::vector<std::string> records_of(const std::string& request) const {
        const auto found = m_records.find(request);
        return found == m_records.end() ? std::vector<std::string>() : found->second;
    }
    std::vector<std::string> requirements_from(const std::string& source) const {
        const auto found = m_requirements_from.find(source);
        return found == m_requirements_from.end() ? std::vector<std::string>() : found->second;
    }

    bool is_node(const std::string& id) const { return m_nodes.contains(id); }
    const std::set<std::string>& nodes() const { return m_nodes; }

    /// Every ID reachable from `from` against the links (its ancestors) and along them (its
    /// descendants), and `from` itself. Visits each ID once, so cycles end.
    std::unordered_set<std::string> reachable(const std::string& from) const {
        std::unordered_set<std::string> all{from};
        for (const auto* edges : {&m_down, &m_up}) {
            std::unordered_set<std::string> seen{from};
            std::deque<std::string> pending{from};
            while (!pending.empty()) {
                const std::string id = pending.front();
                pending.pop_front();
                const auto found = edges->find(id);
                if (found == edges->end()) {
                    continue;
                }
                for (const std::string& next : found->second) {
                    if (seen.insert(next).second) {
                        pending.push_back(next);
                        all.insert(next);
                    }
                }
            }
        }
        return all;
    }

private:
    /// `from` comes before `to` in the chain (FEAS before PLAN, a case before its fix).
    void link(const std::string& from, const std::string& to) {
        if (from.empty() || to.empty() || from == to) {
            return;
        }
        add_unique(m_down[from], to);
        add_unique(m_up[to], from);
    }

    void read_links(const Document& document) {
        const json& data = document.data();
        const std::string& kind = document.kind->name;
        const std::string& id = document.id;
        for (const std::string& older : ids_at(data, "supersedes")) {
            link(older, id);
        }
        if (kind == "feasibility-plan" || kind == "srs") {
            for (const std::string& upstream : ids_at(data, "based_on")) {
                link(upstream, id);
            }
        }
        if (kind == "srs") {
            for (const json& requirement : list_at(data, "requirements")) {
                const std::string item = json_text(requirement, "id");
                if (item.empty()) {
                    continue;
                }
                m_nodes.insert(item);
                link(id, item);
                for (const std::string& source : ids_at(requirement, "sources")) {
                    link(source, item);
                    add_unique(m_requirements_from[source], item);
                }
            }
        } else if (kind == "quality-spec") {
            link(json_text(data, "srs"), id);
            for (const json& test_case : list_at(data, "cases")) {
                const std::string item = json_text(test_case, "id");
                if (item.empty()) {
                    continue;
                }
                m_nodes.insert(item);
                link(id, item);
                for (const std::string& requirement : ids_at(test_case, "verifies")) {
                    link(requirement, item);
                    m_cases_verifying[requirement].emplace_back(&document, &test_case);
                }
            }
        } else if (kind == "test-report") {
            link(json_text(data, "quality_spec"), id);
            for (const json& result : list_at(data, "results")) {
                const std::string test_case = json_text(result, "case");
                const std::string fix = json_text(result, "fix");
                link(test_case, id);
                link(test_case.empty() ? id : test_case, fix);
                if (!test_case.empty()) {
                    add_unique(m_case_fixes[test_case], fix);
                }
            }
        } else if (kind == "fix-confirmation") {
            const json& source = object_at(data, "source");
            const std::string test_case = json_text(source, "case");
            const std::string record = json_text(source, "record");
            link(test_case.empty() ? json_text(source, "report") : test_case, id);
            link(record, id);
            if (!test_case.empty()) {
                add_unique(m_case_fixes[test_case], id);
            }
            add_unique(m_record_fixes[record], id);
            link(id, json_text(data, "verified_by"));
        } else if (kind == "anomaly-record") {
            const std::string request = json_text(data, "request");
            link(request, id);
            add_unique(m_records[request], id);
            const std::string fix = json_text(data, "fix");
            link(id, fix);
            add_unique(m_record_fixes[id], fix);
        } else if (kind == "maintenance-log") {
            for (const json& action : list_at(data, "actions")) {
                for (const std::string& ref : ids_at(action, "refs")) {
                    link(ref, id);
                }
            }
        }
    }

    std::map<std::string, const Document*> m_documents;
    std::set<std::string> m_nodes;
    std::unordered_map<std::string, std::string> m_summaries;
    std::unordered_map<std::string, std::vector<std::string>> m_refs;
    std::map<std::string, const Document*> m_newest;
    std::unordered_map<std::string, std::vector<std::pair<const Document*, const json*>>> m_cases_verifying;
    std::unordered_map<std::string, std::vector<std::string>> m_case_fixes;
    std::unordered_map<std::string, std::vector<std::string>> m_record_fixes;
    std::unordered_map<std::string, std::vector<std::string>> m_records;
    std::unordered_map<std::string, std::vector<std::string>> m_requirements_from;
    std::unordered_map<std::string, std::vector<std::string>> m_down;
    std::unordered_map<std::string, std::vector<std::string>> m_up;
};

TraceFix make_fix(const Index& index, const std::string& id) {
    TraceFix fix;
    fix.id = id;
    const Document* document = index.of_kind(id, "fix-confirmation");
    if (document == nullptr) {
        fix.exists = false;
        return fix;
    }
    fix.title = document->title;
    fix.status = document->status;
    fix.verified_by = json_text(document->data(), "verified_by");
    for (const std::string& sha : ids_at(document->data(), "commits")) {
        fix.commits.push_back(index.commit(sha));
    }
    return fix;
}

void fix_gaps(const TraceFix& fix, std::vector<Gap>& gaps) {
    if (!fix.exists) {
        gaps.push_back({GapKind::fix_missing, fix.id, {}});
        return;
    }
    if (!fix_verified(fix.status, fix.verified_by)) {
        gaps.push_back({GapKind::fix_not_verified, fix.id, fix.verified_by});
    }
    if (fix.commits.empty() && fix.status != "draft" && fix.status != "open") {
        gaps.push_back({GapKind::fix_without_commits, fix.id, {}});
    }
}

TraceCase make_case(const Index& index, const Document& spec, const json& item) {
    TraceCase row;
    row.id = json_text(item, "id");
    row.title = json_text(item, "title");
    row.quality_spec = spec.id;
    row.quality_spec_status = spec.status;
    if (const Document* report = index.newest_report(spec.id)) {
        row.newest_report = report->id;
        for (const json& result : list_at(report->data(), "results")) {
            const auto outcome = result.find("outcome");
            if (json_text(result, "case") == row.id && outcome != result.end() && outcome->is_string()) {
                row.result = TraceResult{report->id, outcome->get<std::string>(), json_text(result, "fix"),
                                         json_text(report->data(), "commit")};
                break;
            }
        }
    }
    std::vector<std::string> fixes = index.fixes_of_case(row.id);
    sort_ids(fixes);
    for (const std::string& fix : fixes) {
        row.fixes.push_back(make_fix(index, fix));
    }
    return row;
}

/// A failed latest result is handled when it names a fix, or a fix names it as its source.
bool failure_handled(const Index& index, const TraceCase& row) {
    if (!row.result->fix.empty()) {
        return true;
    }
    return std::any_of(row.fixes.begin(), row.fixes.end(), [&](const TraceFix& fix) {
        const Document* document = index.of_kind(fix.id, "fix-confirmation");
        return document != nullptr && json_text(object_at(document->data(), "source"), "report") == row.result->report;
    });
}

void requirement_gaps(const Index& index, TraceRequirement& row) {
    row.gaps.clear();
    const bool in_force = row.change != "removed" && row.srs_status != "superseded";
    if (in_force && row.cases.empty()) {
        row.gaps.push_back({GapKind::untested, row.id, {}});
    }
    for (const TraceCase& test_case : row.cases) {
        if (test_case.quality_spec_status != "superseded") {
            if (test_case.newest_report.empty()) {
                row.gaps.push_back({GapKind::no_report, test_case.id, test_case.quality_spec});
            } else if (!test_case.result) {
                row.gaps.push_back({GapKind::no_result, test_case.id, test_case.newest_report});
            } else if (test_case.result->outcome == "failed" && !failure_handled(index, test_case)) {
                row.gaps.push_back({GapKind::failed_without_fix, test_case.id, test_case.result->report});
            }
        }
        for (const TraceFix& fix : test_case.fixes) {
            fix_gaps(fix, row.gaps);
        }
    }
}

void anomaly_gaps(TraceAnomaly& row) {
    row.gaps.clear();
    if ((row.status == "accepted" || row.status == "closed") && row.records.empty() && row.requirements.empty()) {
        row.gaps.push_back({GapKind::request_without_record, row.id, {}});
    }
    for (const TraceRecord& record : row.records) {
        if (record.fix) {
            fix_gaps(*record.fix, row.gaps);
        }
    }
}

std::vector<TraceRequirement> build_requirements(const Index& index) {
    std::vector<TraceRequirement> rows;
    for (const Document* srs : index.all_of_kind("srs")) {
        std::vector<std::string> plans = ids_at(srs->data(), "based_on");
        std::vector<std::string> feasibility;
        for (const std::string& plan : plans) {
            if (const Document* document = index.of_kind(plan, "feasibility-plan")) {
                for (const std::string& report : ids_at(document->data(), "based_on")) {
                    add_unique(feasibility, report);
                }
            }
        }
        for (const json& item : list_at(srs->data(), "requirements")) {
            TraceRequirement row;
            row.id = json_text(item, "id");
            if (row.id.empty()) {
                continue;
            }
            row.title = json_text(item, "title");
            row.change = json_text(item, "change");
            row.srs = srs->id;
            row.srs_status = srs->status;
            row.plans = plans;
            row.feasibility = feasibility;
            row.sources = ids_at(item, "sources");
            row.commits = index.referencing(row.id);
            std::set<std::string> seen;
            for (const auto& [spec, test_case] : index.cases_of(row.id)) {
                TraceCase made = make_case(index, *spec, *test_case);
                if (!made.id.empty() && seen.insert(made.id).second) {
                    row.cases.push_back(std::move(made));
                }
            }
            std::stable_sort(row.cases.begin(), row.cases.end(),
                             [](const TraceCase& a, const TraceCase& b) { return id_less(a.id, b.id); });
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

std::vector<TraceAnomaly> build_anomalies(const Index& index) {
    std::vector<TraceAnomaly> rows;
    for (const Document* request : index.all_of_kind("anomaly-request")) {
        TraceAnomaly row;
        row.id = request->id;
        row.title = request->title;
        row.status = request->status;
        std::vector<std::string> records = index.records_of(request->id);
        sort_ids(records);
        for (const std::string& id : records) {
            const Document* document = index.of_kind(id, "anomaly-record");
            if (document == nullptr) {
                continue;
            }
            TraceRecord record{id, document->title, document->status, std::nullopt};
            std::vector<std::string> fixes = index.fixes_of_record(id);
            const std::string named = json_text(document->data(), "fix");
            // The record's own `fix` first; else the fix whose source is the record.
            if (!named.empty()) {
                record.fix = make_fix(index, named);
            } else if (!fixes.empty()) {
                sort_ids(fixes);
                record.fix = make_fix(index, fixes.front());
            }
            row.records.push_back(std::move(record));
        }
        row.requirements = index.requirements_from(request->id);
        for (const std::string& record : records) {
            for (const std::string& requirement : index.requirements_from(record)) {
                add_unique(row.requirements, requirement);
            }
        }
        sort_ids(row.requirements);
        rows.push_back(std::move(row));
    }
    return rows;
}

/// The documents of the chain's kinds that no row shows.
std::vector<TraceDocument> build_unlinked(const Index& index, const TraceMatrix& matrix) {
    std::set<std::string> shown;
    for (const TraceRequirement& row : matrix.requirements) {
        shown.insert(row.feasibility.begin(), row.feasibility.end());
        shown.insert(row.plans.begin(), row.plans.end());
        for (const TraceCase& test_case : row.cases) {
            for (const TraceFix& fix : test_case.fixes) {
                shown.insert(fix.id);
            }
        }
    }
    for (const TraceAnomaly& row : matrix.anomalies) {
        for (const TraceRecord& record : row.records) {
            shown.insert(record.id);
            if (record.fix) {
                shown.insert(record.fix->id);
            }
        }
    }
    std::vector<TraceDocument> unlinked;
    for (const char* kind : {"feasibility-report", "feasibility-plan", "fix-confirmation", "anomaly-record"}) {
        for (const Document* document : index.all_of_kind(kind)) {
            if (!shown.contains(document->id)) {
                unlinked.push_back({document->id, document->kind->name, document->title, document->status});
            }
        }
    }
    std::sort(unlinked.begin(), unlinked.end(),
              [](const TraceDocument& a, const TraceDocument& b) { return id_less(a.id, b.id); });
    return unlinked;
}

/// Keeps what lies on a chain through one of `kept`.
void restrict(TraceMatrix& matrix, const std::unordered_set<std::string>& kept) {
    auto in = [&](const std::string& id) { return kept.contains(id); };
    std::vector<TraceRequirement> requirements;
    for (TraceRequirement& row : matrix.requirements) {
        std::erase_if(row.cases, [&](const TraceCase& test_case) { return !in(test_case.id); });
        if (in(row.id) || !row.cases.empty()) {
            requirements.push_back(std::move(row));
        }
    }
    matrix.requirements = std::move(requirements);
    std::vector<TraceAnomaly> anomalies;
    for (TraceAnomaly& row : matrix.anomalies) {
        std::erase_if(row.records, [&](const TraceRecord& record) { return !in(record.id); });
        std::erase_if(row.requirements, [&](const std::string& id) { return !in(id); });
        if (in(row.id) || !row.records.empty()) {
            anomalies.push_back(std::move(row));
        }
    }
    matrix.anomalies = std::move(anomalies);
    std::erase_if(matrix.unlinked, [&](const TraceDocument& document) { return !in(document.id); });
}

} // namespace

std::string_view gap_name(GapKind kind) {
    switch (kind) {
    case GapKind::untested:
        return "untested";
    case GapKind::no_report:
        return "no-test-report";
    case GapKind::no_result:
        return "no-result";
    case GapKind::failed_without_fix:
        return "failed-without-fix";
    case GapKind::fix_not_verified:
        return "fix-not-verified";
    case GapKind::fix_without_commits:
        return "fix-without-commits";
    case GapKind::fix_missing:
        return "fix-missing";
    case GapKind::request_without_record:
        return "request-without-record";
    }
    return "gap";
}

std::vector<Gap> TraceMatrix::gaps() const {
    std::vector<Gap> all;
    // A case that verifies two requirements shows its gap in both rows: count it once.
    // Hashed, not a scan of `all` per gap: a large tree has thousands of gaps.
    std::unordered_set<std::string> seen;
    auto add = [&](const std::vector<Gap>& gaps) {
        for (const Gap& gap : gaps) {
            // Kind, length of the subject, subject, other: no two gaps share a key.
            std::string key = std::to_string(static_cast<int>(gap.kind));
            key += ' ';
            key += std::to_string(gap.subject.size());
            key += ' ';
            key += gap.subject;
            key += gap.other;
            if (seen.insert(std::move(key)).second) {
                all.push_back(gap);
            }
        }
    };
    for (const TraceRequirement& row : requirements) {
        add(row.gaps);
    }
    for (const TraceAnomaly& row : anomalies) {
        add(row.gaps);
    }
    return all;
}

bool fix_verified(const std::string& status, const std::string& verified_by) {
    return (status == "verified" || status == "closed") && !verified_by.empty();
}

TraceMatrix build_trace(const std::vector<Document>& documents, const std::vector<CommitInfo>& history,
                        const std::string& from) {
    const Index index(documents, history);
    TraceMatrix matrix;
    matrix.from = from;
    matrix.requirements = build_requirements(index);
    matrix.anomalies = build_anomalies(index);
    matrix.unlinked = build_unlinked(index, matrix);
    if (!from.empty()) {
        if (!index.is_node(from)) {
            std::string message = tr("trace.from-unknown", fmt::arg("id", printable(from, 60)));
            const std::vector<std::string> known(index.nodes().begin(), index.nodes().end());
            if (const auto suggestion = closest_match(from, known)) {
                message += tr("ops.did-you-mean", fmt::arg("word", *suggestion));
            }
            throw Error(message);
        }
        restrict(matrix, index.reachable(from));
    }
    for (TraceRequirement& row : matrix.requirements) {
        requirement_gaps(index, row);
    }
    for (TraceAnomaly& row : matrix.anomalies) {
        anomaly_gaps(row);
    }
    return matrix;
}

} // namespace cswm
