#include "lib/catalog/catalog.hpp"
#include "lib/check/checker.hpp"
#include "lib/check/rules.hpp"
#include "lib/model/document.hpp"
#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

using namespace cswm;

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& lines) {
        std::string text = "{";
        for (const std::string& line : lines) {
            text += "\n  " + line;
        }
        return (text + "\n}").c_str();
    }
};
} // namespace doctest

namespace {

/// `text` with the first `from` replaced by `to`; fails the test when `from` is absent.
std::string with(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the document: " << from);
    return text.replace(at, from.size(), to);
}

/// The built-in en scaffold of `kind`, rendered as `cswm new` would.
std::string scaffold(const std::string& kind, const std::string& id) {
    const Kind* found = Catalog::builtin().find(kind);
    REQUIRE(found != nullptr);
    std::string text = found->scaffolds.at("en");
    for (const auto& [variable, value] :
         std::vector<std::pair<std::string, std::string>>{{"{{{id}}}", "\"" + id + "\""},
                                                          {"{{{title}}}", "\"Slow PDF preview\""},
                                                          {"{{{owner}}}", "\"Ann Lee\""},
                                                          {"{{{created}}}", "2026-01-05"}}) {
        for (std::size_t at = 0; (at = text.find(variable, at)) != std::string::npos;) {
            text.replace(at, variable.size(), value);
        }
    }
    return text;
}

/// The scaffold with every placeholder filled in: a clean draft.
std::string filled(const std::string& kind, const std::string& id) {
    return std::regex_replace(scaffold(kind, id), std::regex("\"<[^\"\\n]*>\""), "\"filled in\"");
}

/// A Document as Workspace::load makes it from a file's text.
Document load(const std::string& path, const std::string& text) {
    Document document;
    document.path = path;
    document.file = std::filesystem::path("/repo") / path;
    document.yaml = parse_yaml_document(text, YamlLimits{});
    for (const YamlProblem& problem : document.yaml.problems) {
        document.findings.push_back(
            {Severity::error, problem.rule, path, problem.position.line, problem.position.column, "", problem.message});
    }
    if (document.parsed()) {
        auto text_field = [&](const char* key) {
            const auto found = document.data().find(key);
            return found != document.data().end() && found->is_string() ? found->get<std::string>() : std::string();
        };
        document.id = text_field("id");
        document.title = text_field("title");
        document.status = text_field("status");
        document.kind = Catalog::builtin().find(text_field("kind"));
        for (Finding& finding : document.findings) {
            finding.id = document.id;
        }
    }
    return document;
}

/// Every finding as "path:line:column severity rule id: message".
std::vector<std::string> check(const std::vector<Document>& documents) {
    std::vector<std::string> lines;
    for (const Finding& finding : check_documents(documents, Catalog::builtin(), "maint")) {
        lines.push_back(finding.path + ":" + std::to_string(finding.line) + ":" + std::to_string(finding.column) + " " +
                        std::string(severity_name(finding.severity)) + " " + finding.rule + " " + finding.id + ": " +
                        finding.message);
    }
    return lines;
}

std::vector<std::string> check_one(const std::string& path, const std::string& text) {
    return check({load(path, text)});
}

const std::string k_fix = "maint/fix-confirmation/FIX-001-slow-pdf-preview.yaml";

} // namespace

TEST_CASE("a filled scaffold of every kind is clean, a fresh one has placeholder warnings only") {
    for (const Kind& kind : Catalog::builtin().kinds()) {
        CAPTURE(kind.name);
        const std::string id = kind.prefix + "-001";
        const std::string path = "maint/" + kind.name + "/" + id + "-x.yaml";
        CHECK(check_one(path, filled(kind.name, id)).empty());
        const std::vector<std::string> fresh = check_one(path, scaffold(kind.name, id));
        CHECK_FALSE(fresh.empty());
        for (const std::string& line : fresh) {
            CHECK(line.find(" warning placeholder ") != std::string::npos);
        }
    }
}

TEST_CASE("kind: missing, misspelt, unknown") {
    const std::string fix = filled("fix-confirmation", "FIX-001");
    CHECK(check_one(k_fix, with(fix, "kind: fix-confirmation\n", "")) ==
          std::vector<std::string>{k_fix + ":1:1 error kind FIX-001: field 'kind' is missing: say which work product "
                                           "this is (feasibility-report, feasibility-plan, srs, quality-spec, "
                                           "test-report, fix-confirmation, anomaly-request, anomaly-record, "
                                           "maintenance-log)"});
    CHECK(check_one(k_fix, with(fix, "kind: fix-confirmation", "kind: fix-confirmaton")) ==
          std::vector<std::string>{k_fix + ":1:7 error kind FIX-001: unknown kind 'fix-confirmaton' (did you mean "
                                           "'fix-confirmation'?)"});
    const std::vector<std::string> unknown = check_one(k_fix, with(fix, "kind: fix-confirmation", "kind: 42"));
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].starts_with(k_fix + ":1:7 error kind FIX-001: unknown kind '42': kinds are feasibility-report"));
}

TEST_CASE("ID form, another kind's prefix, and the file name") {
    const std::string fix = filled("fix-confirmation", "FIX-001");
    CHECK(check_one(k_fix, with(fix, "id: \"FIX-001\"", "id: \"FIX-1\"")) ==
          std::vector<std::string>{k_fix + ":2:5 error id-format FIX-1: id 'FIX-1' is not of the form FIX-NNN (three "
                                           "digits or more, such as FIX-001)"});
    CHECK(check_one(k_fix, with(fix, "id: \"FIX-001\"", "id: \"TR-001\"")) ==
          std::vector<std::string>{k_fix + ":2:5 error id-format TR-001: id 'TR-001' has the prefix of a test-report, "
                                           "but this document is a fix-confirmation (FIX-NNN)"});
    // An ID that is a number is not text: the schema says so, and the ID rule too.
    const std::vector<std::string> number = check_one(k_fix, with(fix, "id: \"FIX-001\"", "id: 17"));
    REQUIRE(number.size() == 1);
    CHECK(number[0] == k_fix + ":2:5 error id-format : id 17 is not of the form FIX-NNN (three digits or more, such "
                               "as FIX-001)");
    // Four digits are fine; the file name must start with the ID, not just share a prefix.
    CHECK(check_one("maint/fix-confirmation/FIX-1000-x.yaml", filled("fix-confirmation", "FIX-1000")).empty());
    CHECK(check_one("maint/fix-confirmation/FIX-0010.yaml", filled("fix-confirmation", "FIX-0010")).empty());
    CHECK(check_one("maint/fix-confirmation/FIX-0010.yaml", filled("fix-confirmation", "FIX-001")) ==
          std::vector<std::string>{"maint/fix-confirmation/FIX-0010.yaml:2:5 error file-name FIX-001: file name "
                                   "'FIX-0010.yaml' does not start with the document's ID FIX-001: rename it "
                                   "FIX-001.yaml"});
    CHECK(check_one("maint/fix-confirmation/FIX-008-login.yaml", fix) ==
          std::vector<std::string>{"maint/fix-confirmation/FIX-008-login.yaml:2:5 error file-name FIX-001: file name "
                                   "'FIX-008-login.yaml' does not start with the document's ID FIX-001: rename it "
                                   "FIX-001-login.yaml"});
    CHECK(check_one("maint/fix-confirmation/login.yaml", fix) ==
          std::vector<std::string>{"maint/fix-confirmation/login.yaml:2:5 error file-name FIX-001: file name "
                                   "'login.yaml' does not start with the document's ID FIX-001: rename it "
                                   "FIX-001-login.yaml"});
}

TEST_CASE("a document in another kind's folder is a warning; outside the kind folders it is fine") {
    const std::string fix = filled("fix-confirmation", "FIX-001");
    CHECK(check_one("maint/test-report/FIX-001-x.yaml", fix) ==
          std::vector<std::string>{"maint/test-report/FIX-001-x.yaml:1:7 warning kind-folder FIX-001: a "
                                   "fix-confirmation in the folder of test-report documents: move it to "
                                   "maint/fix-confirmation/"});
    CHECK(check_one("maint/archive/2025/FIX-001-x.yaml", fix).empty());
    CHECK(check_one("maint/FIX-001-x.yaml", fix).empty());
}

TEST_CASE("placeholders: warnings in a draft, errors after it, and no schema noise inside them") {
    const std::string fix = scaffold("fix-confirmation", "FIX-001");
    const std::vector<std::string> draft = check_one(k_fix, fix);
    REQUIRE(draft.size() == 7);
    CHECK(draft[0] == k_fix + ":21:16 warning placeholder FIX-001: symptom.description still holds the scaffold's "
                              "placeholder <what happens, and how it differs from what should happen>: fill it in");

    // Out of draft: the same placeholders are errors, and the status rules apply too.
    const std::string open =
        with(with(with(fix, "status: draft", "status: open"), "  report: null", "  report: TR-001"), "  case: null",
             "  case: TC-001");
    const std::vector<std::string> findings = check_one(k_fix, open);
    std::size_t errors = 0;
    for (const std::string& line : findings) {
        if (line.find(" error placeholder ") != std::string::npos) {
            CHECK(line.ends_with("(status is 'open', not draft)"));
            ++errors;
        }
    }
    CHECK(errors == 7);

    // An empty status counts as a draft; a placeholder in the title is one too.
    const std::vector<std::string> titled = check_one(
        k_fix, with(filled("fix-confirmation", "FIX-001"), "title: \"Slow PDF preview\"", "title: \"<title>\""));
    CHECK(titled == std::vector<std::string>{k_fix + ":3:8 warning placeholder FIX-001: title still holds the "
                                                     "scaffold's placeholder <title>: fill it in"});
}

TEST_CASE("YAML problems become findings with the document's ID when it has one") {
    const std::string fix = filled("fix-confirmation", "FIX-001");
    CHECK(check_one(k_fix, with(fix, "severity: major", "severity: major\nseverity: minor")) ==
          std::vector<std::string>{k_fix + ":17:1 error duplicate-key FIX-001: duplicate key 'severity' (first at "
                                           "line 16): one of the two values would be lost"});
    const std::vector<std::string> broken = check_one(k_fix, with(fix, "severity: major", "severity: [major"));
    REQUIRE(broken.size() == 1);
    CHECK(broken[0].find(" error syntax : YAML syntax error: ") != std::string::npos);
}

TEST_CASE("duplicate document IDs name every other place") {
    const std::string fix = filled("fix-confirmation", "FIX-001");
    const std::vector<std::string> findings =
        check({load("maint/fix-confirmation/FIX-001-a.yaml", fix), load("maint/fix-confirmation/FIX-001-b.yaml", fix),
               load("maint/fix-confirmation/FIX-001-c.yaml", fix)});
    REQUIRE(findings.size() == 3);
    CHECK(findings[0] == "maint/fix-confirmation/FIX-001-a.yaml:2:5 error duplicate-id FIX-001: document ID FIX-001 "
                         "is also defined at maint/fix-confirmation/FIX-001-b.yaml:2, "
                         "maint/fix-confirmation/FIX-001-c.yaml:2: IDs must be unique in the repository");
    CHECK(findings[2].starts_with("maint/fix-confirmation/FIX-001-c.yaml:2:5 error duplicate-id FIX-001: document ID "
                                  "FIX-001 is also defined at maint/fix-confirmation/FIX-001-a.yaml:2, "));
}

TEST_CASE("duplicate requirement and test case IDs across documents name both places") {
    const std::string srs = with(filled("srs", "SRS-001"), "  - id: null", "  - id: REQ-001");
    const std::string srs2 = with(filled("srs", "SRS-002"), "  - id: null", "  - id: REQ-001");
    const std::vector<std::string> findings =
        check({load("maint/srs/SRS-001-a.yaml", srs), load("maint/srs/SRS-002-b.yaml", srs2)});
    REQUIRE(findings.size() == 2);
    CHECK(findings[0] == "maint/srs/SRS-001-a.yaml:37:9 error duplicate-item SRS-001: item ID REQ-001 is also "
                         "defined at maint/srs/SRS-002-b.yaml:37: IDs must be unique in the repository");
    CHECK(findings[1] == "maint/srs/SRS-002-b.yaml:37:9 error duplicate-item SRS-002: item ID REQ-001 is also "
                         "defined at maint/srs/SRS-001-a.yaml:37: IDs must be unique in the repository");

    // Twice in the same document counts too.
    const std::string qs = with(filled("quality-spec", "QS-001"), "  - id: null", "  - id: TC-001");
    const std::size_t begin = qs.find("cases:\n") + 7;
    const std::size_t end = qs.find("\n\n# P2.3.1 Complete");
    REQUIRE(end != std::string::npos);
    const std::string twice = with(qs, "cases:\n", "cases:\n" + qs.substr(begin, end - begin) + "\n");
    const std::vector<std::string> same = check_one("maint/quality-spec/QS-001-a.yaml", twice);
    REQUIRE(same.size() == 2);
    CHECK(same[0].find("duplicate-item QS-001: item ID TC-001 is also defined at maint/quality-spec/QS-001-a.yaml:") !=
          std::string::npos);
}

TEST_CASE("links: to nothing (with the nearest ID), to the wrong kind, and across the tree") {
    const std::string srs = with(filled("srs", "SRS-001"), "  - id: null", "  - id: REQ-001");
    const std::string qs =
        with(with(filled("quality-spec", "QS-001"), "  - id: null", "  - id: TC-001"), "srs: null", "srs: SRS-001");
    const std::string report = with(filled("test-report", "TR-001"), "quality_spec: null", "quality_spec: QS-001");
    std::vector<Document> tree{load("maint/srs/SRS-001-a.yaml", srs), load("maint/quality-spec/QS-001-a.yaml", qs),
                               load("maint/test-report/TR-001-a.yaml", report)};
    CHECK(check(tree).empty());

    const std::string fix = filled("fix-confirmation", "FIX-001");
    tree.push_back(
        load(k_fix, with(with(with(fix, "  report: null", "  report: TR-002"), "  case: null", "  case: REQ-001"),
                         "regression:\n  cases: []", "regression:\n  cases: [TC-001, TC-009]")));
    const std::vector<std::string> findings = check(tree);
    CHECK(findings == std::vector<std::string>{
                          k_fix + ":14:11 error link-target FIX-001: source.report names TR-002, which does not exist "
                                  "(did you mean TR-001?)",
                          k_fix + ":15:9 error link-kind FIX-001: source.case names REQ-001, a REQ item, but must "
                                  "name a TC item",
                          k_fix + ":53:19 error link-target FIX-001: regression.cases[1] names TC-009, which does not "
                                  "exist (did you mean TC-001?)",
                      });
}

TEST_CASE("a link to a document of unknown kind, and links from documents that did not parse") {
    const std::string qs = with(filled("quality-spec", "QS-001"), "kind: quality-spec", "kind: quality-specs");
    const std::string report = with(filled("test-report", "TR-001"), "quality_spec: null", "quality_spec: QS-001");
    const std::vector<std::string> findings =
        check({load("maint/quality-spec/QS-001-a.yaml", qs), load("maint/test-report/TR-001-a.yaml", report),
               load("maint/test-report/TR-002-a.yaml", "id: [TR-002\n")});
    // The link to QS-001 is not reported: its unknown kind is, once, where it is wrong.
    REQUIRE(findings.size() == 2);
    CHECK(findings[0] == "maint/quality-spec/QS-001-a.yaml:1:7 error kind QS-001: unknown kind 'quality-specs' (did "
                         "you mean 'quality-spec'?)");
    CHECK(findings[1].starts_with("maint/test-report/TR-002-a.yaml:"));
    CHECK(findings[1].find(" error syntax ") != std::string::npos);
}

TEST_CASE("findings come sorted by path, line and column") {
    const std::string fix = filled("fix-confirmation", "FIX-001");
    const std::vector<std::string> findings =
        check({load("maint/fix-confirmation/FIX-001-b.yaml", with(fix, "severity: major", "severity: high")),
               load("maint/fix-confirmation/FIX-001-a.yaml", with(fix, "title: \"Slow PDF preview\"", "title: 1"))});
    REQUIRE(findings.size() == 4);
    CHECK(findings[0].starts_with("maint/fix-confirmation/FIX-001-a.yaml:2:5 error duplicate-id"));
    CHECK(findings[1].starts_with("maint/fix-confirmation/FIX-001-a.yaml:3:8 error schema"));
    CHECK(findings[2].starts_with("maint/fix-confirmation/FIX-001-b.yaml:2:5 error duplicate-id"));
    CHECK(findings[3].starts_with("maint/fix-confirmation/FIX-001-b.yaml:16:11 error schema"));
}

TEST_CASE("a complex key is reported once and the rest of the mapping still reads right") {
    const std::string fix = filled("fix-confirmation", "FIX-001");
    CHECK(check_one(k_fix, with(fix, "\nseverity: major", "\n? [a, b]\n: value\nseverity: major")) ==
          std::vector<std::string>{k_fix + ":16:3 error yaml-feature FIX-001: a mapping key must be a plain value, "
                                           "not a list or mapping"});
}

namespace {

std::vector<std::string> semantic_findings(const std::vector<Document>& documents, const std::string& rule) {
    Findings findings;
    for (const Document& document : documents) {
        rules::check_document_semantics(document, findings);
    }
    rules::check_semantics(documents, findings);
    sort_findings(findings);
    std::vector<std::string> lines;
    for (const Finding& finding : findings) {
        if (finding.rule == rule) {
            lines.push_back(finding.path + ":" + std::to_string(finding.line) + " " + finding.message);
        }
    }
    return lines;
}

const std::string k_fix_path = "maint/fix-confirmation/FIX-001-x.yaml";
const std::string k_report_path = "maint/test-report/TR-002-x.yaml";

std::string fix(const std::string& status) {
    return "kind: fix-confirmation\nid: FIX-001\nstatus: " + status +
           "\nsource:\n  report: TR-001\n  case: TC-001\nverified_by: TR-002\nregression:\n"
           "  cases: [TC-001, TC-002, TC-003]\n";
}

std::string report(const std::string& first, const std::string& second) {
    return "kind: test-report\nid: TR-002\nstatus: approved\nresults:\n  - case: TC-001\n    outcome: " + first +
           "\n  - case: TC-002\n    outcome: " + second + "\n  - case: TC-003\n    outcome: passed\n";
}

} // namespace

TEST_CASE("fix-not-passed: a verified fix needs passing results of its cases in verified_by") {
    CHECK(semantic_findings({load(k_fix_path, fix("verified")), load(k_report_path, report("passed", "passed"))},
                            "fix-not-passed")
              .empty());
    CHECK(semantic_findings({load(k_fix_path, fix("closed")), load(k_report_path, report("failed", "skipped"))},
                            "fix-not-passed") ==
          std::vector<std::string>{
              k_fix_path + ":7 FIX-001 is closed, but TC-001 (the case that failed) is failed in TR-002, the report "
                           "that verifies it: re-run it on a build with the fix and name a report where it passed",
              k_fix_path + ":9 FIX-001 is closed, but TC-002 (re-run for regression) is skipped in TR-002, the "
                           "report that verifies it: re-run it on a build with the fix and name a report where it "
                           "passed"});
    // A case the report did not run at all, and an outcome not filled in.
    std::string missing = fix("verified");
    missing.replace(missing.find("TC-003]"), 7, "TC-009]");
    CHECK(semantic_findings({load(k_fix_path, missing), load(k_report_path, report("null", "passed"))},
                            "fix-not-passed") ==
          std::vector<std::string>{
              k_fix_path + ":7 FIX-001 is verified, but TC-001 (the case that failed) has no result in TR-002, the "
                           "report that verifies it: re-run it on a build with the fix and name a report where it "
                           "passed",
              k_fix_path + ":9 FIX-001 is verified, but TC-009 (re-run for regression) has no result in TR-002, the "
                           "report that verifies it: re-run it on a build with the fix and name a report where it "
                           "passed"});
    // Before verified, and a verified_by that is no test report: other rules' business.
    CHECK(semantic_findings({load(k_fix_path, fix("fixed")), load(k_report_path, report("failed", "failed"))},
                            "fix-not-passed")
              .empty());
    CHECK(semantic_findings({load(k_fix_path, fix("verified"))}, "fix-not-passed").empty());
}

namespace {

std::vector<std::string> cycle_findings(const std::vector<std::pair<std::string, std::string>>& supersedes) {
    std::vector<Document> documents;
    for (const auto& [id, older] : supersedes) {
        documents.push_back(
            load("maint/srs/" + id + "-x.yaml", with(filled("srs", id), "supersedes: null", "supersedes: " + older)));
    }
    Findings findings;
    rules::check_chain(documents, rules::ChainSettings{30, "2026-01-05"}, findings);
    std::vector<std::string> lines;
    for (const Finding& finding : findings) {
        if (finding.rule == "supersedes-cycle") {
            lines.push_back(finding.id + ":" + std::to_string(finding.line) + " " +
                            std::string(severity_name(finding.severity)) + " " + finding.message);
        }
    }
    return lines;
}

} // namespace

TEST_CASE("supersedes-cycle: a ring of revisions is named once, at its smallest ID, from there") {
    const auto self = cycle_findings({{"SRS-001", "SRS-001"}});
    REQUIRE(self.size() == 1);
    CHECK(self[0].starts_with("SRS-001:"));
    CHECK(self[0].find("error supersedes runs in a cycle, SRS-001 → SRS-001,") != std::string::npos);

    // SRS-004 → SRS-002 → SRS-003 → SRS-004, found from any start; SRS-005 only leads into it.
    const auto ring = cycle_findings(
        {{"SRS-005", "SRS-003"}, {"SRS-003", "SRS-004"}, {"SRS-004", "SRS-002"}, {"SRS-002", "SRS-003"}});
    REQUIRE(ring.size() == 1);
    CHECK(ring[0].starts_with("SRS-002:"));
    CHECK(ring[0].find("SRS-002 → SRS-003 → SRS-004 → SRS-002,") != std::string::npos);

    // Two rings, and chains that end (at a document, at a missing one): only the rings.
    CHECK(cycle_findings({{"SRS-001", "SRS-002"},
                          {"SRS-002", "SRS-001"},
                          {"SRS-007", "SRS-006"},
                          {"SRS-006", "SRS-005"},
                          {"SRS-005", "SRS-009"},
                          {"SRS-010", "SRS-010"}})
              .size() == 2);
    CHECK(cycle_findings({{"SRS-003", "SRS-002"}, {"SRS-002", "SRS-001"}}).empty());
}
