#include "lib/import/junit_parser.hpp"
#include "lib/import/xml_input.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace cswm;
using namespace std::string_literals;

namespace {

#ifdef CSWM_SHARED_DATA_DIR
const fs::path k_shared_junit = fs::path(CSWM_SHARED_DATA_DIR) / "junit";
#else
const fs::path k_shared_junit;
#endif
const fs::path k_fixtures = fs::path(CSWM_SOURCE_DIR) / "tests" / "fixtures" / "junit";

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The Error message parsing `text` throws, or "" when it parses.
std::string rejection(const std::string& text) {
    try {
        parse_junit_text(text, "r.xml");
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

} // namespace

TEST_CASE("junit: every real-world file of shared/data parses with the counts of expected.json") {
    if (k_shared_junit.empty() || !fs::is_directory(k_shared_junit / "files")) {
        MESSAGE("skipped: no ../shared/data/junit beside the project");
        return;
    }
    const nlohmann::json expected = nlohmann::json::parse(read(k_shared_junit / "expected.json"));
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(k_shared_junit / "files")) {
        const std::string name = entry.path().filename().string();
        CAPTURE(name);
        REQUIRE(expected.contains(name));
        const nlohmann::json& counts = expected[name];
        const JunitFile file = parse_junit_file(entry.path(), name);
        // expected.json counts by elements alone, so a test with status="disabled" and no
        // <skipped> is "passed by rule" there (its notes say so); it did not run, and the
        // import says skipped. Every other count is expected.json's own.
        std::size_t not_run = 0;
        for (const nlohmann::json& note : counts.value("notes", nlohmann::json::array())) {
            const std::string text = note.get<std::string>();
            if (text.starts_with("passed by rule but marked not run")) {
                not_run = text.find(" x") == std::string::npos ? 1 : std::stoul(text.substr(text.rfind(" x") + 2));
            }
        }
        CHECK(file.count() == counts["tests"].get<std::size_t>());
        CHECK(file.count(JunitOutcome::passed) == counts["passed"].get<std::size_t>() - not_run);
        CHECK(file.count(JunitOutcome::failed) == counts["failed"].get<std::size_t>());
        CHECK(file.count(JunitOutcome::error) == counts["error"].get<std::size_t>());
        CHECK(file.count(JunitOutcome::skipped) == counts["skipped"].get<std::size_t>() + not_run);
        CHECK(file.flaky_count() == counts["flaky"].get<std::size_t>());
        ++files;
    }
    CHECK(files == expected.size());
    MESSAGE(files << " real-world JUnit files parsed");
}

TEST_CASE("junit: every hostile file of shared/data is refused, naming the file") {
    if (k_shared_junit.empty() || !fs::is_directory(k_shared_junit / "hostile")) {
        MESSAGE("skipped: no ../shared/data/junit beside the project");
        return;
    }
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(k_shared_junit / "hostile")) {
        const std::string name = entry.path().filename().string();
        CAPTURE(name);
        CHECK_THROWS_WITH_AS(parse_junit_file(entry.path(), name), doctest::Contains(name.c_str()), Error);
        ++files;
    }
    CHECK(files >= 8);
}

TEST_CASE("junit: outcomes, flaky reruns, odd times and inherited suite attributes") {
    const JunitFile file = parse_junit_file(k_fixtures / "outcomes.xml", "outcomes.xml");
    REQUIRE(file.suites.size() == 2);
    const JunitSuite& outer = file.suites[0];
    CHECK(outer.name == "shop");
    CHECK(outer.hostname == "ci-runner-3");
    CHECK(outer.timestamp == "2026-11-23T10:00:00");
    REQUIRE(outer.cases.size() == 6);
    CHECK(outer.cases[0].outcome == JunitOutcome::passed);
    CHECK(outer.cases[0].full_name() == "shop.CartTest.adds_an_item");
    CHECK(outer.cases[0].seconds == doctest::Approx(1234.5));
    CHECK(outer.cases[1].outcome == JunitOutcome::failed);
    CHECK(outer.cases[1].message == "expected 2 but was 3");
    CHECK(outer.cases[1].type == "AssertionError");
    CHECK(outer.cases[2].outcome == JunitOutcome::failed); // failure, error and skipped at once
    CHECK(outer.cases[3].outcome == JunitOutcome::passed);
    CHECK(outer.cases[3].flaky);
    CHECK(outer.cases[3].property("TC") == "TC-104");
    CHECK_FALSE(outer.cases[3].seconds.has_value()); // negative
    CHECK(outer.cases[4].outcome == JunitOutcome::skipped);
    CHECK(outer.cases[4].message == "no GPU here");
    CHECK(outer.cases[5].outcome == JunitOutcome::error);
    CHECK(outer.cases[5].message == "java.lang.IllegalStateException: boom"); // first text line
    CHECK(outer.cases[5].name == "colours in red"); // escape sequences and control characters removed
    const JunitSuite& inner = file.suites[1];
    CHECK(inner.name == "shop/payments");
    CHECK(inner.hostname == "ci-runner-3");
    CHECK(inner.cases.at(0).full_name() == "pays");
    CHECK(inner.cases.at(0).seconds == doctest::Approx(0.000017));
    CHECK(file.odd_times == 2);
}

TEST_CASE("junit: ctest --output-junit, the JUnit 5 console launcher and Gradle, as they write it") {
    // None of the three is among shared/data's files: the fixtures follow what each writes.
    const JunitFile ctest = parse_junit_file(k_fixtures / "ctest.xml", "ctest.xml");
    REQUIRE(ctest.suites.size() == 1);
    CHECK(ctest.suites[0].hostname == "ci-runner-4");
    CHECK(ctest.suites[0].timestamp == "2026-11-23T10:20:31");
    REQUIRE(ctest.count() == 4);
    CHECK(ctest.count(JunitOutcome::passed) == 1);
    CHECK(ctest.count(JunitOutcome::failed) == 1);
    CHECK(ctest.count(JunitOutcome::skipped) == 2); // status disabled and notrun, each with <skipped>
    const JunitCase& merge = ctest.suites[0].cases[0];
    CHECK(merge.full_name() == "storage.merge_tc_107"); // ctest repeats the name as the classname
    CHECK(merge.seconds == doctest::Approx(0.412891));
    CHECK(ctest.suites[0].cases[1].message == "Failed");
    CHECK(ctest.suites[0].cases[3].message == "SKIP_REGULAR_EXPRESSION_MATCHED");

    const JunitFile console = parse_junit_file(k_fixtures / "junit5-console.xml", "junit5-console.xml");
    REQUIRE(console.count() == 4);
    CHECK(console.count(JunitOutcome::failed) == 1);
    CHECK(console.count(JunitOutcome::skipped) == 1);
    const JunitSuite& jupiter = console.suites.at(0);
    CHECK(jupiter.hostname == "ci-runner-3");
    CHECK(jupiter.cases[1].full_name() == "files.PreviewTest.previewOfLargePdf()");
    CHECK(jupiter.cases[1].type == "org.opentest4j.AssertionFailedError");
    CHECK(jupiter.cases[1].message == "expected: <2000> but was: <3120>");
    CHECK(jupiter.cases[2].message == "public void files.PreviewTest.previewOfDocx() is @Disabled");
    CHECK(jupiter.cases[3].full_name() == "files.UploadTest.uploadSizes(int)[1]");

    const JunitFile gradle = parse_junit_file(k_fixtures / "gradle.xml", "gradle.xml");
    REQUIRE(gradle.count() == 3);
    const JunitSuite& upload = gradle.suites.at(0);
    CHECK(upload.name == "files.UploadTest");
    CHECK(upload.timestamp == "2026-11-24T01:20:01");
    CHECK(upload.cases[1].outcome == JunitOutcome::failed);
    CHECK(upload.cases[1].name == "TC-107 merge behind the gateway timeout"); // a @DisplayName
    CHECK(upload.cases[2].outcome == JunitOutcome::skipped);
    CHECK(upload.cases[2].message.empty());
}

TEST_CASE("junit: a test whose status says it did not run, without <skipped>, is skipped, not passed") {
    // googletest writes DISABLED_ tests as status="notrun" result="suppressed", tst as
    // status='disabled', both without a <skipped> element.
    const JunitFile file = parse_junit_text(
        "<testsuites><testsuite name=\"Upload\">"
        "<testcase name=\"DISABLED_HugeFile\" status=\"notrun\" result=\"suppressed\" classname=\"Upload\"/>"
        "<testcase name=\"disabled_test\" status='disabled' time='0'/>"
        "<testcase name=\"Chunks\" status=\"run\" result=\"completed\" classname=\"Upload\"/>"
        "<testcase name=\"Broken\" status=\"disabled\"><failure message=\"x\"/></testcase>"
        "</testsuite></testsuites>",
        "gtest.xml");
    const std::vector<JunitCase>& cases = file.suites.at(0).cases;
    REQUIRE(cases.size() == 4);
    CHECK(cases[0].outcome == JunitOutcome::skipped);
    CHECK(cases[0].message == "not run (status notrun)");
    CHECK(cases[1].outcome == JunitOutcome::skipped);
    CHECK(cases[2].outcome == JunitOutcome::passed);
    CHECK(cases[3].outcome == JunitOutcome::failed); // an element always wins
}

TEST_CASE("junit: reruns: a pass after flaky or rerun failures is flaky, a final failure is a failure") {
    const JunitFile file =
        parse_junit_text("<testsuite name=\"s\">"
                         "<testcase name=\"a\"><flakyFailure message=\"x\"/></testcase>"
                         "<testcase name=\"b\"><flakyError message=\"x\"/></testcase>"
                         "<testcase name=\"c\"><rerunFailure message=\"x\"/></testcase>"
                         "<testcase name=\"d\"><failure message=\"last\"/><rerunFailure message=\"x\"/></testcase>"
                         "<testcase name=\"e\"><rerunError message=\"x\"/></testcase>"
                         "</testsuite>",
                         "reruns.xml");
    const std::vector<JunitCase>& cases = file.suites.at(0).cases;
    REQUIRE(cases.size() == 5);
    for (const std::size_t flaky : {0U, 1U, 2U, 4U}) {
        CAPTURE(flaky);
        CHECK(cases[flaky].outcome == JunitOutcome::passed);
        CHECK(cases[flaky].flaky);
    }
    CHECK(cases[3].outcome == JunitOutcome::failed);
    CHECK_FALSE(cases[3].flaky);
    CHECK(cases[3].message == "last");
}

TEST_CASE("junit: bad input is refused with the place and a reason") {
    CHECK(rejection("") == "r.xml: the file is empty: not JUnit XML (did the test run stop before writing it?)");
    CHECK(rejection("<testsuites>\n<testsuite>").find("r.xml:2:11: malformed XML") == 0);
    CHECK(rejection("\n<?xml version=\"1.0\"?><testsuites/>").find("r.xml:2:1: the XML declaration") == 0);
    CHECK(
        rejection("<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY x \"y\">]><testsuites/>").find("r.xml:2:1: a DTD") ==
        0);
    CHECK(rejection("<testsuites>\xC3\x28</testsuites>").find("r.xml:1:13: invalid UTF-8") == 0);
    CHECK(rejection("<testsuites>\0</testsuites>"s).find("NUL") != std::string::npos);
    CHECK(rejection("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><testsuites name=\"\xE9\"/>")
              .find("encoding=\"ISO-8859-1\"") != std::string::npos);
    CHECK(rejection("\xFF\xFE<\0t\0"s).find("UTF-16") != std::string::npos);
    CHECK(rejection("<test-results/>").find("NUnit 2") != std::string::npos);
    CHECK(rejection("<testsuite/><testsuite/>").find("r.xml:1: a second root element") == 0);
    CHECK(rejection("just text").find("no XML element") != std::string::npos);
    CHECK(rejection("\xEF\xBB\xBF<testsuites/>").empty()); // a UTF-8 byte-order mark is fine
    CHECK(rejection("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><testsuites/>").empty()); // ASCII is Latin-1 too
}

TEST_CASE("junit: a file of more test cases than one import takes is refused before its tree is built") {
    const std::string two = "<testsuite><testcase name=\"a\"/>\n<testcase name=\"b\"/></testsuite>";
    CHECK_THROWS_WITH_AS(parse_junit_text(two, "many.xml", 1), doctest::Contains("many.xml:2: more than"), Error);
    CHECK(parse_junit_text(two, "many.xml", 2).count() == 2);
}

TEST_CASE("junit: entities other than XML's own are never expanded") {
    const JunitFile file =
        parse_junit_text("<testsuite><testcase name=\"a &amp; &#x42; &lt;&xxe;\"/></testsuite>", "e.xml");
    CHECK(file.suites.at(0).cases.at(0).name == "a & B <&xxe;");
}

TEST_CASE("junit: deep nesting costs no call stack") {
    std::string text;
    for (int i = 0; i < 20000; ++i) {
        text += "<testsuite name=\"s\">";
    }
    text += "<testcase name=\"deep\"/>";
    for (int i = 0; i < 20000; ++i) {
        text += "</testsuite>";
    }
    const JunitFile file = parse_junit_text(text, "deep.xml");
    CHECK(file.count() == 1);
    CHECK(file.suites.size() == 20000);
}

TEST_CASE("junit: clean_text keeps line breaks only where asked and cuts at a character") {
    CHECK(clean_text("  a\r\nb\tc\x07  ", true, 100) == "a\nb c");
    CHECK(clean_text("a\nb", false, 100) == "a b");
    CHECK(clean_text("\x1B[31mred\x1B[0m", false, 100) == "red");
    CHECK(clean_text("中文字", false, 4) == "中…");
}
