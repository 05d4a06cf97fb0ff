#include "lib/catalog/catalog.hpp"
#include "lib/import/junit_mapping.hpp"
#include "lib/import/junit_results.hpp"
#include "lib/import/report_fill.hpp"
#include "lib/ops/new_document.hpp"
#include "lib/util/error.hpp"
#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

using namespace cswm;
using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

namespace {

const std::vector<SpecCase> k_cases = {
    {"TC-101", {"perf.PreviewLoadTest.*"}},
    {"TC-102", {"service.tests.test_preview.test_converter_down*"}},
    {"TC-103", {}},
    {"TC-104", {"regression.*"}},
};

JunitCase make_test(std::string classname, std::string name, JunitOutcome outcome = JunitOutcome::passed) {
    JunitCase test;
    test.classname = std::move(classname);
    test.name = std::move(name);
    test.outcome = outcome;
    test.seconds = 1.5;
    test.timestamp = "2026-11-23T10:00:00";
    test.hostname = "ci-1";
    return test;
}

/// Tests kept alive while ImportedTest points at them.
struct Run {
    std::deque<JunitCase> cases;
    std::vector<ImportedTest> tests;

    void add(JunitCase test) {
        cases.push_back(std::move(test));
        tests.push_back({&cases.back(), "results/unit.xml", map_test(cases.back(), k_cases)});
    }
};

} // namespace

TEST_CASE("junit mapping: TC IDs as people write them in test names") {
    CHECK(tc_ids_in("test_TC_101_upload") == std::vector<std::string>{"TC-101"});
    CHECK(tc_ids_in("TC-102 and tc103") == std::vector<std::string>{"TC-102", "TC-103"});
    CHECK(tc_ids_in("testTC104Resume") == std::vector<std::string>{"TC-104"});
    CHECK(tc_ids_in("etc101, TC-12, atc_101").empty());
    CHECK(tc_ids_in("TC 0105") == std::vector<std::string>{"TC-0105"});
}

TEST_CASE("junit mapping: globs match whole names, * across dots, ? one character") {
    CHECK(glob_match("perf.PreviewLoadTest.*", "perf.PreviewLoadTest.previewOpen200Users"));
    CHECK(glob_match("regression.*", "regression.sub.TestX"));
    CHECK_FALSE(glob_match("regression.*", "nonregression.TestX"));
    CHECK(glob_match("test_?", "test_é"));
    CHECK_FALSE(glob_match("test_?", "test_ab"));
    CHECK(glob_match("*a*a*a*a*b", std::string(5000, 'a') + "b"));
    CHECK_FALSE(glob_match("*a*a*a*a*b", std::string(5000, 'a')));
    CHECK(glob_match("", ""));
    CHECK_FALSE(glob_match("", "x"));
}

TEST_CASE("junit mapping: a TC ID first, then the tc property, then the spec's patterns in order") {
    JunitCase by_name = make_test("perf.PreviewLoadTest", "test_TC104_open");
    CHECK(map_test(by_name, k_cases).case_id == "TC-104");
    CHECK(map_test(by_name, k_cases).rule == MatchRule::tc_id);

    JunitCase by_property = make_test("perf.PreviewLoadTest", "open");
    by_property.properties = {{"tc", "TC-102"}};
    CHECK(map_test(by_property, k_cases).case_id == "TC-102");
    CHECK(map_test(by_property, k_cases).rule == MatchRule::tc_property);
    by_property.properties = {{"tc", " 103 "}}; // record_property("tc", 103): the number alone
    CHECK(map_test(by_property, k_cases).case_id == "TC-103");
    by_property.properties = {{"tc", "12"}};
    CHECK(map_test(by_property, k_cases).case_id == "TC-101"); // too short for an ID: the patterns decide

    CHECK(map_test(make_test("perf.PreviewLoadTest", "open"), k_cases).case_id == "TC-101");
    CHECK(map_test(make_test("", "regression.TestA"), k_cases).case_id == "TC-104"); // name alone

    const TestMapping foreign = map_test(make_test("x", "test_tc_999"), k_cases);
    CHECK(foreign.case_id.empty());
    CHECK(foreign.foreign_ids == std::vector<std::string>{"TC-999"});
}

TEST_CASE("junit results: one result per case, the worst outcome wins, unmapped tests are kept") {
    Run run;
    run.add(make_test("perf.PreviewLoadTest", "open"));
    JunitCase failing = make_test("service.tests.test_preview", "test_converter_down_a", JunitOutcome::failed);
    failing.type = "AssertionError";
    failing.message = "assert 2 == 3\nmore";
    run.add(failing);
    run.add(make_test("service.tests.test_preview", "test_converter_down_b"));
    run.add(make_test("regression", "TestSkip", JunitOutcome::skipped));
    run.add(make_test("web", "unmapped_a"));
    run.add(make_test("web", "unmapped_b", JunitOutcome::error));
    JunitCase flaky = make_test("perf.PreviewLoadTest", "rerun");
    flaky.flaky = true;
    run.add(flaky);

    const ImportedResults results = build_results(run.tests, k_cases, "QS-004");
    REQUIRE(results.by_case.size() == 3);
    const ordered_json& tc101 = results.by_case.at("TC-101");
    CHECK(tc101["outcome"] == "passed");
    CHECK(tc101["flaky"] == true);
    CHECK(tc101["duration_seconds"] == 3.0);
    CHECK(tc101["evidence"] == ordered_json::array({"results/unit.xml (ci-1, 2026-11-23T10:00:00)"}));
    const ordered_json& tc102 = results.by_case.at("TC-102");
    CHECK(tc102["outcome"] == "failed");
    CHECK(tc102["actual"] == "service.tests.test_preview.test_converter_down_a: AssertionError: assert 2 == 3");
    CHECK(results.by_case.at("TC-104")["outcome"] == "skipped");
    REQUIRE(results.unmapped.size() == 2);
    // Unmapped tests are entries of unmapped_tests, not results: no case, the tests first.
    CHECK_FALSE(results.unmapped[0].contains("case"));
    CHECK(results.unmapped[0].begin().key() == "tests");
    CHECK(results.unmapped[0]["tests"] == ordered_json::array({"web.unmapped_b"}));
    CHECK(results.unmapped[0]["outcome"] == "failed");
    CHECK(results.unmapped[1]["outcome"] == "passed");
    CHECK(results.unmapped_names == std::vector<std::string>{"web.unmapped_a", "web.unmapped_b"});
    CHECK(results.all_names.size() == 7);
    REQUIRE(results.tallies.size() == 4);
    CHECK(results.tallies[2].tests == 0);

    const ordered_json merged = merge_results(json::array({json{{"case", nullptr}, {"outcome", nullptr}}}), results,
                                              k_cases, "QS-004", "TR-011");
    REQUIRE(merged.size() == 4); // the four cases in spec order, nothing else
    CHECK(merged[2]["case"] == "TC-103");
    CHECK(merged[2]["outcome"].is_null());
    const ordered_json summary = summarize(merged);
    CHECK(summary ==
          ordered_json{{"total", 3}, {"passed", 1}, {"failed", 1}, {"blocked", 0}, {"skipped", 1}, {"flaky", 1}});
    CHECK(merge_unmapped(json(nullptr), results) == ordered_json(results.unmapped));
}

TEST_CASE("junit results: unmapped_tests keeps other parts of the run, and gives way to the same tests again") {
    Run first;
    first.add(make_test("web", "unmapped_a"));
    first.add(make_test("web", "unmapped_b", JunitOutcome::failed));
    const ImportedResults part_one = build_results(first.tests, k_cases, "QS-004");
    const json after_one = json::parse(merge_unmapped(json::array(), part_one).dump());
    REQUIRE(after_one.size() == 2);

    Run second;
    second.add(make_test("cli", "unmapped_c"));
    const ImportedResults part_two = build_results(second.tests, k_cases, "QS-004");
    const ordered_json after_two = merge_unmapped(after_one, part_two);
    REQUIRE(after_two.size() == 3); // the first part's two entries stay
    CHECK(after_two[0].begin().key() == "tests");
    CHECK(after_two[2]["tests"] == ordered_json::array({"cli.unmapped_c"}));

    // The first part again, now that unmapped_a has a TC ID: its old entry gives way.
    Run again;
    again.add(make_test("web", "unmapped_a_TC101"));
    again.cases.back().name = "unmapped_a";
    again.tests.back().mapping.case_id = "TC-101";
    again.add(make_test("web", "unmapped_b", JunitOutcome::failed));
    const ImportedResults redone = build_results(again.tests, k_cases, "QS-004");
    const ordered_json after_again = merge_unmapped(json::parse(after_two.dump()), redone);
    REQUIRE(after_again.size() == 2);
    CHECK(after_again[0]["tests"] == ordered_json::array({"cli.unmapped_c"}));
    CHECK(after_again[1]["tests"] == ordered_json::array({"web.unmapped_b"}));

    // An author's own entry for tests this import does not bring stays.
    const json own = json::array({json{{"tests", json::array({"manual.exploratory"})}, {"outcome", "passed"}}});
    CHECK(merge_unmapped(own, redone).size() == 2);
}

TEST_CASE("junit results: results with case null that an earlier import wrote give way, an author's with a fix stays") {
    Run run;
    run.add(make_test("web", "unmapped_a"));
    const ImportedResults results = build_results(run.tests, k_cases, "QS-004");
    const json earlier = json::array(
        {json{{"case", nullptr}, {"outcome", "passed"}, {"tests", {"web.unmapped_a"}}},
         json{{"case", nullptr}, {"outcome", "failed"}, {"tests", {"web.unmapped_a"}}, {"fix", "FIX-001"}}});
    const ordered_json merged = merge_results(earlier, results, k_cases, "QS-004", "TR-011");
    REQUIRE(merged.size() == 5); // four cases, and the entry with a fix
    CHECK(merged[4]["fix"] == "FIX-001");
}

TEST_CASE("junit results: a draft's own outcomes are kept, and one that disagrees stops the import") {
    Run run;
    run.add(make_test("perf.PreviewLoadTest", "open"));
    const ImportedResults results = build_results(run.tests, k_cases, "QS-004");
    const json manual = json::array({json{{"case", "TC-103"}, {"outcome", "passed"}, {"notes", "by hand"}},
                                     json{{"case", "TC-101"}, {"outcome", nullptr}, {"fix", "FIX-001"}}});
    const ordered_json merged = merge_results(manual, results, k_cases, "QS-004", "TR-011");
    CHECK(merged[0]["outcome"] == "passed");
    CHECK(merged[0]["fix"] == "FIX-001");
    CHECK(merged[2]["notes"] == "by hand");
    CHECK(merge_results(merged, results, k_cases, "QS-004", "TR-011") == merged); // again: no change

    const json other = json::array({json{{"case", "TC-101"}, {"outcome", "failed"}}});
    CHECK_THROWS_WITH_AS(merge_results(other, results, k_cases, "QS-004", "TR-011"),
                         doctest::Contains("TR-011 already records results for TC-101 (failed there)"), Error);
}

TEST_CASE("junit fill: both scaffolds of the test report take an import and still parse") {
    Run run;
    run.add(make_test("perf.PreviewLoadTest", "open"));
    run.add(make_test("web", "unmapped"));
    const ImportedResults results = build_results(run.tests, k_cases, "QS-004");
    const Kind* kind = Catalog::builtin().find("test-report");
    REQUIRE(kind != nullptr);
    for (const char* language : {"en", "zh-TW"}) {
        CAPTURE(language);
        const NewDocumentRequest request{"test-report", "Run", language, "Ann Lee", "2026-11-26"};
        ReportFill fill;
        fill.report_id = "TR-011";
        fill.quality_spec = "QS-004";
        fill.commit = std::string(40, 'a');
        fill.first_day = "2026-11-23";
        fill.last_day = "2026-11-24";
        fill.sources = {"results/unit.xml"};
        fill.results = &results;
        fill.cases = &k_cases;
        const std::string scaffold = render_scaffold(*kind, request, "TR-011");
        const FilledReport filled = fill_test_report(scaffold, fill, YamlLimits{});
        const ParsedYaml parsed = parse_yaml_document(filled.text, YamlLimits{});
        REQUIRE(parsed.problems.empty());
        const json& data = *parsed.root;
        CHECK(data["quality_spec"] == "QS-004");
        CHECK(data["commit"] == std::string(40, 'a'));
        CHECK(data["period"] == json{{"start", "2026-11-23"}, {"end", "2026-11-24"}});
        CHECK(data["imported_from"] == json::array({"results/unit.xml"}));
        CHECK(data["results"].size() == 4);
        REQUIRE(data.contains("unmapped_tests"));
        CHECK(data["unmapped_tests"] ==
              json::array({json{{"tests", {"web.unmapped"}},
                                {"outcome", "passed"},
                                {"evidence", {"results/unit.xml (ci-1, 2026-11-23T10:00:00)"}},
                                {"duration_seconds", 1.5},
                                {"notes", results.unmapped[0]["notes"]}}}));
        CHECK(data["summary"]["total"] == 1);
        CHECK(data["review"] == parse_yaml_document(scaffold, YamlLimits{}).root->at("review")); // untouched
        CHECK(fill_test_report(filled.text, fill, YamlLimits{}).text == filled.text);

        fill.commit = std::string(40, 'b');
        CHECK_THROWS_WITH_AS(fill_test_report(filled.text, fill, YamlLimits{}),
                             doctest::Contains("TR-011 records commit aaaa"), Error);
    }
}

TEST_CASE("junit results: an error a suite reports outside any test case is kept as an unmapped failure") {
    Run run;
    ImportedResults results = build_results(run.tests, k_cases, "QS-004");
    add_suite_error(results, "package/name/failing1", "Build error\nfailing_test.go:15: undefined: x", "results/go.xml",
                    "QS-004");
    REQUIRE(results.unmapped.size() == 1);
    CHECK(results.unmapped[0]["tests"] == ordered_json::array({"suite package/name/failing1"}));
    CHECK(results.unmapped[0]["outcome"] == "failed");
    CHECK(results.unmapped[0]["actual"] == "Build error");
    CHECK(results.unmapped_names == std::vector<std::string>{"suite package/name/failing1"});
    // Imported again, it gives way to itself: nothing doubles.
    const json once = json::parse(merge_unmapped(json::array(), results).dump());
    CHECK(merge_unmapped(once, results).size() == 1);
}

TEST_CASE("junit results: notes are written in the report's language, and either language's give way to a new import") {
    Run run;
    run.add(make_test("perf.PreviewLoadTest", "open"));
    JunitCase flaky = make_test("perf.PreviewLoadTest", "rerun");
    flaky.flaky = true;
    run.add(flaky);
    run.add(make_test("regression", "TestSkip", JunitOutcome::skipped));
    run.add(make_test("web", "unmapped_a"));
    run.add(make_test("web", "unmapped_b", JunitOutcome::failed));

    const ImportedResults chinese = build_results(run.tests, k_cases, "QS-004", i18n::Language::zh_TW);
    CHECK(chinese.by_case.at("TC-101")["notes"] == "2 項 JUnit 測試：通過 2；1 項僅在重新執行後通過");
    CHECK(chinese.by_case.at("TC-104")["actual"] == "略過");
    REQUIRE(chinese.unmapped.size() == 2);
    CHECK(chinese.unmapped[0]["notes"].get<std::string>().starts_with("未對應到 QS-004 的任何案例："));
    CHECK(chinese.unmapped[1]["notes"].get<std::string>().starts_with("1 項 JUnit 測試未對應到 QS-004 的任何案例："));
    const ordered_json chinese_report = merge_results(json::array(), chinese, k_cases, "QS-004", "TR-011");
    CHECK(chinese_report[2]["notes"].get<std::string>().starts_with("沒有 JUnit 結果："));

    // The next run, imported after the report's language changed: the notes the first import
    // wrote are the import's, not the author's, so they give way.
    run.add(make_test("perf.PreviewLoadTest", "close"));
    const ImportedResults english = build_results(run.tests, k_cases, "QS-004");
    CHECK(english.by_case.at("TC-101")["notes"] == "3 JUnit tests: 3 passed; 1 passed only on a rerun");
    const ordered_json again = merge_results(json::parse(chinese_report.dump()), english, k_cases, "QS-004", "TR-011");
    CHECK(again[0]["notes"] == "3 JUnit tests: 3 passed; 1 passed only on a rerun");
    const ImportedResults chinese_again = build_results(run.tests, k_cases, "QS-004", i18n::Language::zh_TW);
    const json english_report = json::parse(
        merge_results(json::array(), build_results({run.tests.begin(), run.tests.begin() + 2}, k_cases, "QS-004"),
                      k_cases, "QS-004", "TR-011")
            .dump());
    CHECK(english_report[0]["notes"] == "2 JUnit tests: 2 passed; 1 passed only on a rerun");
    CHECK(merge_results(english_report, chinese_again, k_cases, "QS-004", "TR-011")[0]["notes"] ==
          "3 項 JUnit 測試：通過 3；1 項僅在重新執行後通過");
    // An author's note in Chinese stays.
    const json own = json::array({json{{"case", "TC-103"}, {"outcome", "passed"}, {"notes", "人工測試通過"}}});
    CHECK(merge_results(own, chinese, k_cases, "QS-004", "TR-011")[2]["notes"] == "人工測試通過");
}
