#include "lib/catalog/catalog.hpp"
#include "lib/chart/work_charts.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"
#include "lib/model/ids.hpp"
#include "lib/report/status_report.hpp"
#include "lib/report/trace_report.hpp"
#include "lib/trace/chain.hpp"
#include "lib/trace/status.hpp"
#include "lib/trace/trace.hpp"
#include "lib/util/error.hpp"
#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace cswm;

namespace {

/// A Document as Workspace::load makes it, from its YAML text (schemas are not the point
/// here: the chain is).
Document doc(const std::string& text) {
    Document document;
    document.yaml = parse_yaml_document(text, YamlLimits{});
    REQUIRE_MESSAGE(document.parsed(), text);
    auto field = [&](const char* key) {
        const auto found = document.data().find(key);
        return found != document.data().end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    document.id = field("id");
    document.title = field("title");
    document.status = field("status");
    document.kind = Catalog::builtin().find(field("kind"));
    REQUIRE(document.kind != nullptr);
    document.path = "maint/" + document.kind->name + "/" + document.id + ".yaml";
    return document;
}

/// A small chain with one gap of every kind, and one complete anomaly chain.
std::vector<Document> chain() {
    std::vector<Document> documents;
    documents.push_back(doc("kind: feasibility-report\nid: FEAS-001\ntitle: F\nstatus: approved\n"));
    documents.push_back(
        doc("kind: feasibility-plan\nid: PLAN-001\ntitle: P\nstatus: approved\nbased_on: [FEAS-001]\n"));
    documents.push_back(doc("kind: srs\nid: SRS-001\ntitle: S\nstatus: approved\nbased_on: [PLAN-001]\n"
                            "requirements:\n"
                            "  - {id: REQ-001, title: Tested, change: added, sources: [AREQ-002]}\n"
                            "  - {id: REQ-002, title: Untested, change: added}\n"
                            "  - {id: REQ-003, title: Gone, change: removed}\n"));
    documents.push_back(doc("kind: quality-spec\nid: QS-001\ntitle: Q\nstatus: approved\nsrs: SRS-001\n"
                            "cases:\n"
                            "  - {id: TC-001, title: One, verifies: [REQ-001]}\n"
                            "  - {id: TC-002, title: Two, verifies: [REQ-001]}\n"));
    // TR-001 is older by its period; TR-009 has the higher ID but ended earlier still.
    documents.push_back(doc("kind: test-report\nid: TR-001\ntitle: First\nstatus: approved\nquality_spec: QS-001\n"
                            "period: {start: 2026-01-01, end: 2026-01-10}\n"
                            "results:\n  - {case: TC-001, outcome: failed, fix: FIX-001}\n"
                            "  - {case: TC-002, outcome: passed}\n"));
    documents.push_back(doc("kind: test-report\nid: TR-002\ntitle: Second\nstatus: approved\nquality_spec: QS-001\n"
                            "commit: a111111111111111111111111111111111111111\n"
                            "period: {start: 2026-02-01, end: 2026-02-03}\n"
                            "results:\n  - {case: TC-001, outcome: failed, fix: null}\n"
                            "  - {case: TC-002, outcome: null}\n"));
    documents.push_back(doc("kind: test-report\nid: TR-009\ntitle: Old\nstatus: approved\nquality_spec: QS-001\n"
                            "period: {start: 2025-12-01, end: 2025-12-02}\n"
                            "results:\n  - {case: TC-001, outcome: passed}\n  - {case: TC-002, outcome: passed}\n"));
    documents.push_back(doc("kind: fix-confirmation\nid: FIX-001\ntitle: Fix one\nstatus: fixed\ncreated: 2026-01-11\n"
                            "source: {report: TR-001, case: TC-001}\nverified_by: null\ncommits: []\n"));
    documents.push_back(doc("kind: anomaly-request\nid: AREQ-001\ntitle: Nobody handles it\nstatus: accepted\n"
                            "received_at: 2026-01-20T10:00:00+08:00\ncreated: 2026-01-21\n"));
    documents.push_back(doc("kind: anomaly-request\nid: AREQ-002\ntitle: Handled\nstatus: closed\n"));
    documents.push_back(doc("kind: anomaly-record\nid: AREC-001\ntitle: Record\nstatus: investigating\n"
                            "request: AREQ-002\nfix: FIX-002\ncreated: 2026-02-01\n"));
    documents.push_back(doc("kind: fix-confirmation\nid: FIX-002\ntitle: Fix two\nstatus: closed\n"
                            "source: {record: AREC-001}\nverified_by: TR-002\n"
                            "commits: [b222222222222222222222222222222222222222]\n"));
    return documents;
}

std::vector<std::string> gap_list(const TraceMatrix& matrix) {
    std::vector<std::string> found;
    for (const Gap& gap : matrix.gaps()) {
        found.push_back(std::string(gap_name(gap.kind)) + " " + gap.subject +
                        (gap.other.empty() ? "" : " " + gap.other));
    }
    return found;
}

const TraceRequirement* requirement(const TraceMatrix& matrix, const std::string& id) {
    for (const TraceRequirement& row : matrix.requirements) {
        if (row.id == id) {
            return &row;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("trace: every kind of gap, and none where the chain is whole") {
    const std::vector<Document> documents = chain();
    const TraceMatrix matrix = build_trace(documents, {});
    CHECK(gap_list(matrix) == std::vector<std::string>{
                                  "failed-without-fix TC-001 TR-002",
                                  "fix-not-verified FIX-001",
                                  "fix-without-commits FIX-001",
                                  "no-result TC-002 TR-002",
                                  "untested REQ-002",
                                  "request-without-record AREQ-001",
                              });
    const TraceRequirement* tested = requirement(matrix, "REQ-001");
    REQUIRE(tested != nullptr);
    CHECK(tested->feasibility == std::vector<std::string>{"FEAS-001"});
    CHECK(tested->plans == std::vector<std::string>{"PLAN-001"});
    REQUIRE(tested->cases.size() == 2);
    // The fix named by the older report stays with the case.
    REQUIRE(tested->cases[0].fixes.size() == 1);
    CHECK(tested->cases[0].fixes[0].id == "FIX-001");
    const TraceRequirement* removed = requirement(matrix, "REQ-003");
    REQUIRE(removed != nullptr);
    CHECK(removed->gaps.empty());
    REQUIRE(matrix.anomalies.size() == 2);
    CHECK(matrix.anomalies[1].requirements == std::vector<std::string>{"REQ-001"});
    REQUIRE(matrix.anomalies[1].records.size() == 1);
    REQUIRE(matrix.anomalies[1].records[0].fix.has_value());
    CHECK(matrix.anomalies[1].records[0].fix->commits.size() == 1);
}

TEST_CASE("trace: the latest result is in the report whose period ends last, not the highest ID") {
    const std::vector<Document> documents = chain();
    CHECK(newest_reports(documents).at("QS-001")->id == "TR-002");
    const TraceMatrix matrix = build_trace(documents, {});
    const TraceCase& first = requirement(matrix, "REQ-001")->cases[0];
    CHECK(first.newest_report == "TR-002");
    REQUIRE(first.result.has_value());
    CHECK(first.result->outcome == "failed");
    CHECK(first.result->commit == "a111111111111111111111111111111111111111");
    // TC-002's result in TR-002 has no outcome yet: not run.
    CHECK_FALSE(requirement(matrix, "REQ-001")->cases[1].result.has_value());
}

TEST_CASE("trace: a fix whose source is the failed result handles the failure") {
    std::vector<Document> documents = chain();
    documents.push_back(doc("kind: fix-confirmation\nid: FIX-003\ntitle: Fix three\nstatus: open\n"
                            "source: {report: TR-002, case: TC-001}\n"));
    const std::vector<std::string> gaps = gap_list(build_trace(documents, {}));
    CHECK(std::find(gaps.begin(), gaps.end(), "failed-without-fix TC-001 TR-002") == gaps.end());
    CHECK(std::find(gaps.begin(), gaps.end(), "fix-not-verified FIX-003") != gaps.end());
}

TEST_CASE("trace --from keeps the chain through one ID, up and down") {
    const std::vector<Document> documents = chain();
    SUBCASE("a test case: its requirement, that case only, and the request behind the requirement") {
        const TraceMatrix matrix = build_trace(documents, {}, "TC-002");
        REQUIRE(matrix.requirements.size() == 1);
        CHECK(matrix.requirements[0].id == "REQ-001");
        REQUIRE(matrix.requirements[0].cases.size() == 1);
        CHECK(matrix.requirements[0].cases[0].id == "TC-002");
        REQUIRE(matrix.anomalies.size() == 1);
        CHECK(matrix.anomalies[0].id == "AREQ-002");
        CHECK(matrix.anomalies[0].records.empty());
    }
    SUBCASE("an SRS: all its requirements; a request that fed one is beside the SRS, not on its chain") {
        const TraceMatrix matrix = build_trace(documents, {}, "SRS-001");
        CHECK(matrix.requirements.size() == 3);
        CHECK(matrix.anomalies.empty());
    }
    SUBCASE("an anomaly request: its record, its fix, the requirement it fed") {
        const TraceMatrix matrix = build_trace(documents, {}, "AREQ-002");
        REQUIRE(matrix.anomalies.size() == 1);
        CHECK(matrix.anomalies[0].records.size() == 1);
        REQUIRE(matrix.requirements.size() == 1);
        CHECK(matrix.requirements[0].id == "REQ-001");
    }
    SUBCASE("a fix: the case it fixed and its requirement, not the report's other cases") {
        const TraceMatrix matrix = build_trace(documents, {}, "FIX-001");
        REQUIRE(matrix.requirements.size() == 1);
        REQUIRE(matrix.requirements[0].cases.size() == 1);
        CHECK(matrix.requirements[0].cases[0].id == "TC-001");
    }
    SUBCASE("an untested requirement: itself, with its gap") {
        const TraceMatrix matrix = build_trace(documents, {}, "REQ-002");
        REQUIRE(matrix.requirements.size() == 1);
        CHECK(gap_list(matrix) == std::vector<std::string>{"untested REQ-002"});
        CHECK(matrix.anomalies.empty());
    }
    SUBCASE("an unknown ID stops the command, with a suggestion") {
        CHECK_THROWS_WITH_AS(build_trace(documents, {}, "REQ-02"), doctest::Contains("did you mean REQ-002?"), Error);
    }
}

TEST_CASE("trace --from ends on links that go round in circles") {
    std::vector<Document> documents = chain();
    documents.push_back(doc("kind: quality-spec\nid: QS-002\ntitle: Q2\nstatus: approved\nsupersedes: QS-003\n"
                            "cases: [{id: TC-010, verifies: [REQ-001]}]\n"));
    documents.push_back(doc("kind: quality-spec\nid: QS-003\ntitle: Q3\nstatus: superseded\nsupersedes: QS-002\n"
                            "cases: [{id: TC-011, verifies: [REQ-002]}]\n"));
    documents.push_back(doc("kind: srs\nid: SRS-002\ntitle: S2\nstatus: draft\nbased_on: [SRS-002, SRS-003]\n"
                            "requirements: [{id: REQ-010, sources: [AREQ-003]}]\n"));
    documents.push_back(doc("kind: srs\nid: SRS-003\ntitle: S3\nstatus: draft\nbased_on: [SRS-002]\n"
                            "requirements: [{id: REQ-011}]\n"));
    const TraceMatrix matrix = build_trace(documents, {}, "QS-002");
    std::vector<std::string> cases;
    for (const TraceRequirement& row : matrix.requirements) {
        for (const TraceCase& test_case : row.cases) {
            cases.push_back(test_case.id);
        }
    }
    std::sort(cases.begin(), cases.end());
    CHECK(cases == std::vector<std::string>{"TC-010", "TC-011"});
    const TraceMatrix round = build_trace(documents, {}, "SRS-003");
    CHECK(round.requirements.size() == 2); // REQ-010 and REQ-011, each SRS based on the other
}

TEST_CASE("trace: Refs: trailers of the history are the requirement's commits") {
    CommitInfo commit;
    commit.sha = "3333333333333333333333333333333333333333";
    commit.summary = "implement it";
    commit.trailers = parse_trailers("implement it\n\nRefs: REQ-001, FIX-002\n");
    const TraceMatrix matrix = build_trace(chain(), {commit});
    const TraceRequirement* row = requirement(matrix, "REQ-001");
    REQUIRE(row->commits.size() == 1);
    CHECK(row->commits[0].summary == "implement it");
    // A fix's commit outside the history read has no summary, but is listed.
    CHECK(matrix.anomalies[1].records[0].fix->commits[0].summary.empty());
}

TEST_CASE("trace: documents that no row reaches are listed outside the chain") {
    std::vector<Document> documents = chain();
    documents.push_back(doc("kind: feasibility-report\nid: FEAS-002\ntitle: Led nowhere\nstatus: approved\n"));
    documents.push_back(doc("kind: fix-confirmation\nid: FIX-009\ntitle: No source\nstatus: open\n"));
    documents.push_back(
        doc("kind: anomaly-record\nid: AREC-009\ntitle: Lost request\nstatus: open\nrequest: AREQ-099\n"));
    const TraceMatrix matrix = build_trace(documents, {});
    std::vector<std::string> ids;
    for (const TraceDocument& document : matrix.unlinked) {
        ids.push_back(document.id);
    }
    CHECK(ids == std::vector<std::string>{"AREC-009", "FEAS-002", "FIX-009"});
    const TraceMatrix from = build_trace(documents, {}, "FEAS-002");
    REQUIRE(from.unlinked.size() == 1);
    CHECK(from.unlinked[0].id == "FEAS-002");
    CHECK(from.requirements.empty());
    CHECK(build_trace(documents, {}, "SRS-001").unlinked.empty());
}

TEST_CASE("id_less orders IDs by prefix and number") {
    CHECK(id_less("REQ-9", "REQ-10"));
    CHECK(id_less("REQ-010", "TC-001"));
    CHECK_FALSE(id_less("TC-2", "TC-2"));
    CHECK(id_less("X", "X-1"));
    // Charts order by it too (they had an order of their own, which put FIX-8 before FIX-07).
    CHECK(id_less("FIX-07", "FIX-8"));
    CHECK(id_less("FIX-999", "FIX-1000"));
}

TEST_CASE("id_less without copies orders as the former tuple of (prefix, number, ID) did") {
    auto former = [](const std::string& a, const std::string& b) {
        auto split = [](const std::string& id) {
            const std::size_t dash = id.rfind('-');
            if (dash == std::string::npos || dash + 1 >= id.size() ||
                id.find_first_not_of("0123456789", dash + 1) != std::string::npos || id.size() - dash > 18) {
                return std::make_tuple(id, -1LL, id);
            }
            return std::make_tuple(id.substr(0, dash), std::atoll(id.c_str() + dash + 1), id);
        };
        return split(a) < split(b);
    };
    const std::vector<std::string> ids{"",
                                       "-",
                                       "-1",
                                       "REQ",
                                       "REQ-",
                                       "REQ-1",
                                       "REQ-01",
                                       "REQ-001",
                                       "REQ-10",
                                       "REQ-9",
                                       "REQ-1a",
                                       "REQ-X-2",
                                       "REQ-X",
                                       "REQ-99999999999999999",
                                       "REQ-999999999999999999",
                                       "REQ-1-2",
                                       "REQ-1-10",
                                       "TC-001",
                                       "TC",
                                       "tc-1",
                                       "A-B-3",
                                       "A-B",
                                       "A-",
                                       "A"};
    for (const std::string& a : ids) {
        for (const std::string& b : ids) {
            INFO(a, " < ", b);
            CHECK(id_less(a, b) == former(a, b));
        }
    }
}

TEST_CASE("TraceMatrix::gaps counts each gap once, in order, and tells apart gaps whose texts join alike") {
    TraceMatrix matrix;
    TraceRequirement first;
    first.gaps = {{GapKind::no_result, "TC-001", "TR-001"},
                  {GapKind::fix_missing, "FIX-001", ""},
                  {GapKind::no_result, "a\nb", "c"},
                  {GapKind::no_result, "a", "b\nc"},
                  {GapKind::no_result, "ab", "c"}};
    TraceRequirement second;
    second.gaps = {{GapKind::no_result, "TC-001", "TR-001"},
                   {GapKind::no_report, "TC-001", "TR-001"},
                   {GapKind::no_result, "a", "bc"}};
    matrix.requirements = {first, second};
    TraceAnomaly anomaly;
    anomaly.gaps = {{GapKind::fix_missing, "FIX-001", ""}, {GapKind::fix_not_verified, "FIX-002", ""}};
    matrix.anomalies = {anomaly};
    std::vector<std::string> seen;
    for (const Gap& gap : matrix.gaps()) {
        seen.push_back(std::string(gap_name(gap.kind)) + "|" + gap.subject + "|" + gap.other);
    }
    CHECK(seen == std::vector<std::string>{"no-result|TC-001|TR-001", "fix-missing|FIX-001|", "no-result|a\nb|c",
                                           "no-result|a|b\nc", "no-result|ab|c", "no-test-report|TC-001|TR-001",
                                           "no-result|a|bc", "fix-not-verified|FIX-002|"});
}

TEST_CASE("trace printers: CSV per RFC 4180, HTML and Markdown escaped, JSON stable") {
    std::vector<Document> documents;
    documents.push_back(doc("kind: srs\nid: SRS-001\ntitle: S\nstatus: approved\nrequirements:\n"
                            "  - {id: REQ-001, title: \"Say \\\"hi\\\", <script>alert(1)</script> | *x*\\nnext\", "
                            "change: added}\n"));
    const TraceMatrix matrix = build_trace(documents, {});

    std::ostringstream csv;
    write_trace_csv(csv, matrix);
    const std::string text = csv.str();
    CHECK(text.find("\"Say \"\"hi\"\", <script>alert(1)</script> | *x*\nnext\"") != std::string::npos);
    CHECK(text.find("\r\nrequirement,") != std::string::npos);
    CHECK(text.ends_with(",untested:REQ-001,,,\r\n"));
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"x\"") == "\"say \"\"x\"\"\"");
    CHECK(csv_field("line\r\nbreak") == "\"line\r\nbreak\"");

    std::ostringstream html;
    write_trace_html(html, matrix, "en", HtmlMode::page);
    CHECK(html.str().find("<script>") == std::string::npos);
    CHECK(html.str().find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.str().find("&quot;hi&quot;") != std::string::npos);
    CHECK(html.str().starts_with("<!DOCTYPE html>"));
    CHECK(html.str().find("http") == std::string::npos); // nothing fetched
    std::ostringstream fragment;
    write_trace_html(fragment, matrix, "zh-TW", HtmlMode::fragment);
    CHECK(fragment.str().find("<html") == std::string::npos);
    CHECK(fragment.str().find("<section class=\"cswm-trace\">") != std::string::npos);
    CHECK(fragment.str().find("缺口：") != std::string::npos);
    CHECK(trace_html_style().find(".cswm-trace") != std::string::npos);

    CHECK(markdown_cell("a | b") == "a \\| b");
    CHECK(markdown_cell("*x*\nnext") == "\\*x\\* next");
    std::ostringstream markdown;
    write_trace_markdown(markdown, matrix, "en");
    CHECK(markdown.str().find("<script>") == std::string::npos);

    std::ostringstream json;
    write_trace_json(json, matrix);
    const nlohmann::json parsed = nlohmann::json::parse(json.str());
    CHECK(parsed["from"].is_null());
    CHECK(parsed["gaps"].size() == 1);
    CHECK(parsed["gaps"][0]["gap"] == "untested");
    CHECK(parsed["requirements"][0]["cases"].empty());
}

TEST_CASE("status: open work with ages, and the log-review cadence") {
    std::vector<Document> documents = chain();
    documents.push_back(doc("kind: maintenance-log\nid: MLOG-001\ntitle: L\nstatus: open\n"
                            "log_reviews: [{date: 2026-01-01}, {date: 2026-02-10}]\n"));
    documents.push_back(doc("kind: maintenance-log\nid: MLOG-002\ntitle: Draft\nstatus: draft\n"
                            "log_reviews: [{date: 2026-03-01}]\n"));
    const TraceMatrix matrix = build_trace(documents, {});
    const StatusReport status = build_status(documents, matrix, 30, "2026-03-15");
    REQUIRE(status.untested.size() == 1);
    CHECK(status.untested[0].id == "REQ-002");
    REQUIRE(status.without_results.size() == 1);
    CHECK(status.without_results[0].report == "TR-002");
    REQUIRE(status.failures_without_fix.size() == 1);
    CHECK(status.failures_without_fix[0].id == "TC-001");
    REQUIRE(status.fixes_not_verified.size() == 1);
    CHECK(status.fixes_not_verified[0].id == "FIX-001");
    CHECK(status.fixes_not_verified[0].age_days == 63);
    // Oldest first: AREQ-001 received 2026-01-20, AREC-001 created 2026-02-01.
    REQUIRE(status.open_anomalies.size() == 2);
    CHECK(status.open_anomalies[0].id == "AREQ-001");
    CHECK(status.open_anomalies[0].since == "2026-01-20");
    CHECK(status.open_anomalies[0].age_days == 54);
    CHECK(status.open_anomalies[1].id == "AREC-001");
    // The draft log's review does not count.
    CHECK(status.log_review.last == "2026-02-10");
    CHECK(status.log_review.days == 33);
    CHECK(status.log_review.overdue);
    CHECK(status.open_count() == 7);
    CHECK_FALSE(build_status(documents, matrix, 40, "2026-03-15").log_review.overdue);
    CHECK_FALSE(build_status(documents, matrix, 0, "2026-03-15").log_review.overdue);

    std::ostringstream text;
    write_status_text(text, status, "zh-TW");
    CHECK(text.str().find("逾期：上次於 2026-02-10（MLOG-001），33 天前") != std::string::npos);
    std::ostringstream json;
    write_status_json(json, status);
    const nlohmann::json parsed = nlohmann::json::parse(json.str());
    CHECK(parsed["open"] == 7);
    CHECK(parsed["open_anomalies"][0]["age_days"] == 54);
}

TEST_CASE("status HTML: the lists escaped, the overdue review marked, the charts inline, no script") {
    std::vector<Document> documents = chain();
    documents.push_back(doc("kind: maintenance-log\nid: MLOG-001\ntitle: L\nstatus: open\n"
                            "log_reviews: [{date: 2026-01-01}]\n"));
    documents.push_back(doc("kind: anomaly-request\nid: AREQ-009\ntitle: \"<img src=x onerror=alert(1)> & co\"\n"
                            "status: submitted\nreceived_at: 2026-03-10\n"));
    const StatusReport status = build_status(documents, build_trace(documents, {}), 30, "2026-03-15");
    const nlohmann::json labels = chart::chart_labels("zh-TW");
    CHECK(labels.at("outcome_passed") == "通過");
    CHECK(chart::chart_labels("xx").at("outcome_passed") == "passed"); // unknown language: English
    const std::vector<chart::BarChart> charts{chart::outcomes_chart(documents, labels),
                                              chart::anomaly_age_chart(documents, status.today, labels),
                                              chart::fix_time_chart(documents, labels)};
    std::ostringstream html;
    write_status_html(html, status, charts, "zh-TW");
    const std::string page = html.str();
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-TW\">", 0) == 0);
    CHECK(page.find("<h1>待辦工作（2026-03-15）</h1>") != std::string::npos);
    CHECK(page.find("&lt;img src=x onerror=alert(1)&gt; &amp; co") != std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<p class=\"overdue\">逾期：上次於 2026-01-01") != std::string::npos);
    CHECK(page.find("<h2>未結案的異常 (3)</h2>") != std::string::npos);
    CHECK(page.find("<h3>各測試報告的測試結果</h3>") != std::string::npos);
    CHECK(page.find("<svg") != std::string::npos);
}

TEST_CASE("days_between counts whole days from a date or a date-time") {
    CHECK(days_between("2026-01-01", "2026-01-31") == 30);
    CHECK(days_between("2026-01-01T23:00:00+08:00", "2026-01-02") == 1);
    CHECK_FALSE(days_between("soon", "2026-01-02").has_value());
}

// A merge changed what differs from every parent; a range hides what its base reaches.
TEST_CASE("Repo: commits of a range, and the paths each changed") {
    namespace fs = std::filesystem;
    char pattern[] = "/tmp/cswm-trace-test.XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path dir(pattern);
    const std::string git =
        "git -C '" + dir.string() + "' -c user.name=Ann -c user.email=ann@example.com -c commit.gpgsign=false ";
    const std::string script = git + "init -q -b main && echo a > '" + (dir / "a").string() + "' && " + git +
                               "add a && " + git + "commit -qm one && " + git + "tag base && " + git +
                               "checkout -qb side && echo b > '" + (dir / "b").string() + "' && " + git + "add b && " +
                               git + "commit -qm side && " + git + "checkout -q main && echo c > '" +
                               (dir / "c").string() + "' && " + git + "add c && " + git + "commit -qm main && " + git +
                               "merge -q --no-ff -m merge side";
    REQUIRE(std::system(script.c_str()) == 0);
    const Repo repo = Repo::discover(dir);
    const std::vector<CommitInfo> range = repo.commits_in_range("base..HEAD");
    std::vector<std::string> summaries;
    for (const CommitInfo& commit : range) {
        summaries.push_back(commit.summary);
    }
    std::sort(summaries.begin(), summaries.end());
    CHECK(summaries == std::vector<std::string>{"main", "merge", "side"});
    const std::string merge = repo.resolve_commit("HEAD");
    CHECK(repo.changed_paths(merge).empty());
    CHECK(repo.changed_paths(repo.resolve_commit("side")) == std::vector<std::string>{"b"});
    CHECK(repo.changed_paths(repo.resolve_commit("base")) == std::vector<std::string>{"a"});
    CHECK(repo.commits_in_range("HEAD").size() == 1);
    CHECK(repo.commits_in_range("HEAD..base").empty());
    CHECK(repo.file_at(merge, "a", 100) == std::optional<std::string>("a\n"));
    CHECK_FALSE(repo.file_at(merge, "a", 1).has_value());
    CHECK_FALSE(repo.file_at(merge, "missing", 100).has_value());
    CHECK_THROWS_WITH_AS(repo.commits_in_range("nope..HEAD"), doctest::Contains("unknown revision nope"), Error);
    CHECK_THROWS_WITH_AS(repo.commits_in_range("base...HEAD"), doctest::Contains("symmetric"), Error);
    CHECK_THROWS_AS(repo.commits_in_range(".."), Error);
    fs::remove_all(dir);
}
