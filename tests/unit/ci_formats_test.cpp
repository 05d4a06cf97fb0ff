#include "lib/report/ci_formats.hpp"
#include "lib/schema/validator.hpp"
#include "lib/util/files.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

using namespace cswm;

namespace {

CheckResult sample() {
    CheckResult result;
    result.documents = 2;
    result.paths = {"maint/test-report/TR-007-測試.yaml", "maint/fix-confirmation/FIX-001-a b.yaml"};
    result.findings = {
        {Severity::error, "summary-counts", "maint/test-report/TR-007-測試.yaml", 73, 11, "TR-007",
         "summary.passed is 5, but the results count 4"},
        {Severity::warning, "placeholder", "maint/fix-confirmation/FIX-001-a b.yaml", 21, 16, "FIX-001",
         "symptom.description still holds <what, where>: fill it in\nsecond line 100%"},
        {Severity::warning, "trailer-unknown-id", "commit 1a2b3c4d5e", 0, 0, "", "Refs: names FIX-099"},
        {Severity::error, "file", "maint/x.yaml", 0, 0, "", "is a FIFO"},
    };
    return result;
}

} // namespace

TEST_CASE("SARIF output is valid against the official 2.1.0 schema") {
    const std::filesystem::path schema_file =
        std::filesystem::path(CSWM_SHARED_DATA_DIR) / "sarif/sarif-schema-2.1.0.json";
    if (!std::filesystem::exists(schema_file)) {
        MESSAGE("skipped: " << schema_file.string() << " is absent (it lives beside the project, not in it)");
        return;
    }
    const SchemaValidator validator(nlohmann::json::parse(read_file_or_throw(schema_file)), SchemaValidator::Draft::v4);
    std::ostringstream out;
    write_findings_sarif(out, sample(), "0.1.0");
    const nlohmann::json sarif = nlohmann::json::parse(out.str());
    const auto violations = validator.validate(sarif);
    for (const SchemaViolation& violation : violations) {
        MESSAGE(violation.pointer << ": " << violation.message);
    }
    CHECK(violations.empty());
    nlohmann::json broken = sarif; // the schema really is applied: a level it does not know fails
    broken["runs"][0]["results"][0]["level"] = "fatal";
    CHECK_FALSE(validator.validate(broken).empty());
    const nlohmann::json& results = sarif["runs"][0]["results"];
    REQUIRE(results.size() == 4);
    CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "maint/test-report/TR-007-%E6%B8%AC%E8%A9%A6.yaml");
    CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 73);
    CHECK(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "maint/fix-confirmation/FIX-001-a%20b.yaml");
    CHECK_FALSE(results[2].contains("locations")); // a commit has no file
    CHECK_FALSE(results[3]["locations"][0]["physicalLocation"].contains("region"));
    CHECK(sarif["runs"][0]["tool"]["driver"]["rules"][results[0]["ruleIndex"].get<std::size_t>()]["id"] ==
          "summary-counts");
}

TEST_CASE("JUnit output has one case per rule per document, failed by errors only") {
    std::ostringstream out;
    write_findings_junit(out, sample());
    pugi::xml_document xml;
    REQUIRE(xml.load_string(out.str().c_str()));
    const pugi::xml_node suites = xml.child("testsuites");
    const pugi::xml_node report =
        suites.find_child_by_attribute("testsuite", "name", "maint/test-report/TR-007-測試.yaml");
    REQUIRE(report);
    const pugi::xml_node counts = report.find_child_by_attribute("testcase", "name", "summary-counts");
    CHECK(counts.child("failure"));
    CHECK(std::string(counts.child("failure").attribute("type").value()) == "summary-counts");
    const pugi::xml_node fix =
        suites.find_child_by_attribute("testsuite", "name", "maint/fix-confirmation/FIX-001-a b.yaml");
    const pugi::xml_node placeholder = fix.find_child_by_attribute("testcase", "name", "placeholder");
    CHECK_FALSE(placeholder.child("failure"));
    CHECK(std::string(placeholder.child("system-out").text().get()).find("fill it in") != std::string::npos);
    CHECK(suites.attribute("failures").as_int() == 2);
}

TEST_CASE("GitHub annotations escape what would break the command") {
    std::ostringstream out;
    write_findings_github(out, sample());
    const std::string text = out.str();
    CHECK(text.find("::error file=maint/test-report/TR-007-測試.yaml,line=73,col=11,title=cswm summary-counts::TR-007: "
                    "summary.passed is 5, but the results count 4\n") != std::string::npos);
    CHECK(text.find("fill it in%0Asecond line 100%25\n") != std::string::npos);
    CHECK(text.find("::warning title=cswm trailer-unknown-id::commit 1a2b3c4d5e: Refs: names FIX-099\n") !=
          std::string::npos);
}

TEST_CASE("waived findings: SARIF suppressions of kind external, JUnit skipped, GitHub notices") {
    CheckResult result;
    result.documents = 1;
    result.paths = {"maint/srs/SRS-001.yaml"};
    result.waived = {{{Severity::error, "requirement-untested", "maint/srs/SRS-001.yaml", 12, 9, "SRS-001",
                       "REQ-042 is approved but no test case of a quality spec verifies it"},
                      "Verified by the vendor, annex B",
                      "2027-03-31",
                      ".cswm.yaml",
                      14}};
    std::ostringstream sarif_text;
    write_findings_sarif(sarif_text, result, "0.1.0");
    const nlohmann::json sarif = nlohmann::json::parse(sarif_text.str());
    const nlohmann::json& suppression = sarif["runs"][0]["results"][0]["suppressions"][0];
    CHECK(suppression["kind"] == "external");
    CHECK(suppression["status"] == "accepted");
    CHECK(suppression["justification"] == "Verified by the vendor, annex B");
    CHECK(suppression["location"]["physicalLocation"]["region"]["startLine"] == 14);
    const std::filesystem::path schema_file =
        std::filesystem::path(CSWM_SHARED_DATA_DIR) / "sarif/sarif-schema-2.1.0.json";
    if (std::filesystem::exists(schema_file)) {
        const SchemaValidator validator(nlohmann::json::parse(read_file_or_throw(schema_file)),
                                        SchemaValidator::Draft::v4);
        CHECK(validator.validate(sarif).empty());
        nlohmann::json broken = sarif;
        broken["runs"][0]["results"][0]["suppressions"][0]["kind"] = "waived";
        CHECK_FALSE(validator.validate(broken).empty());
    } else {
        MESSAGE("schema check skipped: " << schema_file.string() << " is absent");
    }

    std::ostringstream junit_text;
    write_findings_junit(junit_text, result);
    pugi::xml_document junit;
    REQUIRE(junit.load_string(junit_text.str().c_str()));
    const pugi::xml_node test = junit.select_node("//testcase[@name='requirement-untested']").node();
    CHECK(test.child("skipped"));
    CHECK_FALSE(test.child("failure"));
    CHECK(junit.child("testsuites").attribute("failures").as_int() == 0);

    std::ostringstream github;
    write_findings_github(github, result);
    CHECK(github.str().starts_with("::notice file=maint/srs/SRS-001.yaml,line=12,col=9,title=cswm "
                                   "requirement-untested (waived)::SRS-001: REQ-042"));
}

TEST_CASE("file names with invalid UTF-8 and control bytes keep JUnit well-formed and annotations on one line") {
    CheckResult result;
    const std::string path = "maint/srs/SRS-001-bad\xff\x1b[31m\nname.yaml";
    result.documents = 1;
    result.paths = {path};
    result.findings = {{Severity::error, "schema", path, 4, 9, "SRS-001", "status: 'x\x01' is not allowed"}};
    std::ostringstream junit;
    write_findings_junit(junit, result);
    const std::string xml = junit.str();
    CHECK(xml.find('\xff') == std::string::npos);
    CHECK(xml.find("&#27;") == std::string::npos);
    CHECK(xml.find("&#1;") == std::string::npos);
    CHECK(xml.find("SRS-001-bad\\xff\\x1b[31m") != std::string::npos);
    pugi::xml_document parsed;
    CHECK(parsed.load_string(xml.c_str()));
    std::ostringstream github;
    write_findings_github(github, result);
    const std::string annotation = github.str();
    CHECK(annotation.find('\xff') == std::string::npos);
    CHECK(annotation.find('\x1b') == std::string::npos);
    CHECK(std::count(annotation.begin(), annotation.end(), '\n') == 1);
}
