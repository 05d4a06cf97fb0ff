#include "lib/catalog/catalog.hpp"
#include "lib/check/waivers.hpp"
#include "lib/util/error.hpp"
#include "lib/workspace/config.hpp"
#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace cswm;

namespace {

/// A .cswm.yaml with `text`, read by load_config, in a folder of its own.
Config config_of(const std::string& text) {
    std::string pattern = (fs::temp_directory_path() / "cswm-waivers-test.XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    const fs::path file = fs::path(pattern) / ".cswm.yaml";
    std::ofstream(file, std::ios::binary) << text;
    struct Cleanup {
        fs::path folder;
        ~Cleanup() {
            std::error_code error;
            fs::remove_all(folder, error);
        }
    } cleanup{pattern};
    return load_config(file, ".cswm.yaml");
}

std::string config_error(const std::string& text) {
    try {
        const Config config = config_of(text);
        validate_rule_settings(config);
    } catch (const Error& error) {
        CHECK(error.code() == ExitCode::failure);
        return error.what();
    }
    return "no error";
}

const std::string k_srs_path = "maint/srs/SRS-001-uploads.yaml";

// Lines: REQ-001 spans 5-7, REQ-002 spans 8-10.
const std::string k_srs = "kind: srs\n"          // 1
                          "id: SRS-001\n"        // 2
                          "title: Uploads\n"     // 3
                          "requirements:\n"      // 4
                          "  - id: REQ-001\n"    // 5
                          "    statement: one\n" // 6
                          "    priority: high\n" // 7
                          "  - id: REQ-002\n"    // 8
                          "    statement: two\n" // 9
                          "    priority: low\n"; // 10

std::vector<Document> documents() {
    Document srs;
    srs.path = k_srs_path;
    srs.yaml = parse_yaml_document(k_srs, YamlLimits{});
    REQUIRE(srs.parsed());
    srs.kind = Catalog::builtin().find("srs");
    srs.id = "SRS-001";
    Document fix;
    fix.path = "maint/fix-confirmation/FIX-001.yaml";
    fix.yaml = parse_yaml_document("kind: fix-confirmation\nid: FIX-001\n", YamlLimits{});
    fix.kind = Catalog::builtin().find("fix-confirmation");
    fix.id = "FIX-001";
    return {srs, fix};
}

Finding finding(std::string rule, std::string path, int line, Severity severity = Severity::warning,
                std::string id = "SRS-001") {
    return {severity, std::move(rule), std::move(path), line, 5, std::move(id), "a problem"};
}

/// "rule path:line severity" per finding, for compact comparisons.
std::vector<std::string> lines(const Findings& findings) {
    std::vector<std::string> out;
    for (const Finding& each : findings) {
        out.push_back(each.rule + " " + each.path + ":" + std::to_string(each.line) + " " +
                      std::string(severity_name(each.severity)));
    }
    return out;
}

} // namespace

TEST_CASE("a waiver for an item covers the findings inside that item only") {
    const Config config = config_of("waivers:\n"
                                    "  - rule: requirement-wording\n"
                                    "    id: REQ-002\n"
                                    "    justification: agreed with the customer\n");
    Findings findings{finding("requirement-wording", k_srs_path, 6), finding("requirement-wording", k_srs_path, 9),
                      finding("requirement-untested", k_srs_path, 8, Severity::error)};
    const WaivedFindings waived = apply_rule_settings(config, documents(), "2026-01-05", findings);
    REQUIRE(waived.size() == 1);
    CHECK(waived[0].finding.line == 9);
    CHECK(waived[0].justification == "agreed with the customer");
    CHECK(waived[0].waiver_file == ".cswm.yaml");
    CHECK(waived[0].waiver_line == 2);
    CHECK(lines(findings) == std::vector<std::string>{"requirement-wording " + k_srs_path + ":6 warning",
                                                      "requirement-untested " + k_srs_path + ":8 error"});
}

TEST_CASE("a waiver for a document covers its findings by ID and by file") {
    const Config config = config_of("waivers:\n"
                                    "  - rule: schema\n"
                                    "    id: SRS-001\n"
                                    "    justification: migrated from Word\n");
    Findings findings{finding("schema", k_srs_path, 3, Severity::error),
                      finding("schema", k_srs_path, 0, Severity::error, ""),
                      finding("schema", "maint/fix-confirmation/FIX-001.yaml", 2, Severity::error, "FIX-001")};
    const WaivedFindings waived = apply_rule_settings(config, documents(), "2026-01-05", findings);
    CHECK(waived.size() == 2);
    CHECK(lines(findings) == std::vector<std::string>{"schema maint/fix-confirmation/FIX-001.yaml:2 error"});
}

TEST_CASE("a waiver for a path covers files in that folder, not in folders named like it") {
    const Config config = config_of("waivers:\n"
                                    "  - rule: placeholder\n"
                                    "    path: maint/srs/\n"
                                    "    justification: drafts\n");
    REQUIRE(config.waivers.at(0).path == "maint/srs");
    Findings findings{finding("placeholder", k_srs_path, 3), finding("placeholder", "maint/srs-old/x.yaml", 3)};
    const WaivedFindings waived = apply_rule_settings(config, documents(), "2026-01-05", findings);
    CHECK(waived.size() == 1);
    CHECK(lines(findings) == std::vector<std::string>{"placeholder maint/srs-old/x.yaml:3 warning"});
}

TEST_CASE("a waiver holds through its expiry day; after it, it waives nothing and is an error") {
    const Config config = config_of("waivers:\n"
                                    "  - rule: requirement-wording\n"
                                    "    id: REQ-001\n"
                                    "    justification: until the release\n"
                                    "    expires: 2026-03-31\n");
    Findings on_the_day{finding("requirement-wording", k_srs_path, 6)};
    CHECK(apply_rule_settings(config, documents(), "2026-03-31", on_the_day).size() == 1);
    CHECK(on_the_day.empty());

    Findings after{finding("requirement-wording", k_srs_path, 6), finding("requirement-wording", k_srs_path, 7)};
    CHECK(apply_rule_settings(config, documents(), "2026-04-01", after).empty());
    REQUIRE(after.size() == 3);
    CHECK(after[0].rule == "waiver-expired");
    CHECK(after[0].path == ".cswm.yaml");
    CHECK(after[0].line == 2);
    CHECK(after[0].severity == Severity::error);
    CHECK(after[0].message.find("expired on 2026-03-31 and 2 findings count again") != std::string::npos);
}

TEST_CASE("a waiver that matches nothing is a warning, saying when its ID names nothing") {
    const Config config = config_of("waivers:\n"
                                    "  - rule: requirement-wording\n"
                                    "    id: REQ-001\n"
                                    "    justification: a\n"
                                    "  - rule: requirement-wording\n"
                                    "    id: REQ-404\n"
                                    "    justification: b\n");
    Findings findings;
    CHECK(apply_rule_settings(config, documents(), "2026-01-05", findings).empty());
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].rule == "waiver-unused");
    CHECK(findings[0].severity == Severity::warning);
    CHECK(findings[0].message.find("matches no finding") != std::string::npos);
    CHECK(findings[1].line == 5);
    CHECK(findings[1].message.find("REQ-404, which no document or item has") != std::string::npos);
}

TEST_CASE("rules: sets severities, off drops findings, and applies to the waiver rules too") {
    const Config config = config_of("rules:\n"
                                    "  requirement-wording: error\n"
                                    "  placeholder: off\n"
                                    "  case-without-result: warning\n"
                                    "  waiver-unused: off\n"
                                    "waivers:\n"
                                    "  - rule: schema\n"
                                    "    id: SRS-001\n"
                                    "    justification: nothing to waive\n");
    Findings findings{finding("requirement-wording", k_srs_path, 6), finding("placeholder", k_srs_path, 3),
                      finding("case-without-result", k_srs_path, 2, Severity::error)};
    CHECK(apply_rule_settings(config, documents(), "2026-01-05", findings).empty());
    CHECK(lines(findings) == std::vector<std::string>{"case-without-result " + k_srs_path + ":2 warning",
                                                      "requirement-wording " + k_srs_path + ":6 error"});
}

TEST_CASE("a waived finding keeps the severity rules: gives it") {
    const Config config = config_of("rules:\n"
                                    "  requirement-wording: error\n"
                                    "waivers:\n"
                                    "  - rule: requirement-wording\n"
                                    "    id: REQ-001\n"
                                    "    justification: agreed\n");
    Findings findings{finding("requirement-wording", k_srs_path, 6)};
    const WaivedFindings waived = apply_rule_settings(config, documents(), "2026-01-05", findings);
    REQUIRE(waived.size() == 1);
    CHECK(waived[0].finding.severity == Severity::error);
    CHECK(findings.empty());
}

TEST_CASE("bad rule settings stop check with their place in .cswm.yaml") {
    CHECK(config_error("waivers:\n  - rule: requirement-wordng\n    id: REQ-1\n    justification: x\n") ==
          std::string(".cswm.yaml:2:11: waivers[0].rule: unknown rule 'requirement-wordng': did you mean "
                      "'requirement-wording'? (the rules are listed in docs/check-rules.md)"));
    CHECK(config_error("rules:\n  placeholdr: off\n").starts_with(".cswm.yaml:2:3: rules.placeholdr: unknown rule"));
    CHECK(config_error("rules:\n  syntax: off\n").find("cannot be given another severity") != std::string::npos);
    CHECK(config_error("waivers:\n  - rule: encoding\n    path: maint\n    justification: x\n")
              .find("cannot be waived") != std::string::npos);
    CHECK(config_error("waivers:\n  - rule: waiver-unused\n    path: maint\n    justification: x\n")
              .find("about waivers themselves") != std::string::npos);
    CHECK(config_error("rules:\n  placeholder: fatal\n") ==
          std::string(".cswm.yaml:2:16: rules.placeholder: 'fatal' is not one of: error, warning, off"));
    CHECK(config_error("waivers:\n  - rule: placeholder\n    id: X-1\n") ==
          std::string(".cswm.yaml:2:5: required field 'justification' is missing in waivers[0]"));
    CHECK(config_error("waivers:\n  - rule: placeholder\n    id: X-1\n    justification: \"  \"\n")
              .starts_with(".cswm.yaml:4:20: waivers[0].justification: say why"));
    CHECK(config_error("waivers:\n  - rule: placeholder\n    id: X-1\n    justification: x\n    expires: 2026-02-30\n")
              .starts_with(".cswm.yaml:5:14: waivers[0].expires: '2026-02-30' is not a valid date"));
    CHECK(config_error("waivers:\n  - rule: placeholder\n    id: X-1\n    path: maint\n    justification: x\n")
              .find("one of the two") != std::string::npos);
    CHECK(config_error("waivers:\n  - rule: placeholder\n    path: /etc\n    justification: x\n")
              .find("must be inside the repository") != std::string::npos);
    CHECK(config_error("rules:\n  placeholder: warning\n") == "no error");
}

TEST_CASE("the commented rules: and waivers: examples of cswm init are valid once uncommented") {
    for (const std::string language : {"en", "zh-TW"}) {
        const std::string text = default_config_text(language);
        std::string uncommented;
        std::size_t uncommented_lines = 0;
        for (std::size_t start = 0; start < text.size();) {
            const std::size_t end = text.find('\n', start);
            std::string line = text.substr(start, end - start);
            if (line == "# rules:" || line == "# waivers:" || line.starts_with("#   ")) {
                line = line.substr(2);
                ++uncommented_lines;
            }
            uncommented += line + "\n";
            start = end == std::string::npos ? text.size() : end + 1;
        }
        CAPTURE(language);
        CHECK(uncommented_lines == 8);
        const Config config = config_of(uncommented);
        CHECK_NOTHROW(validate_rule_settings(config));
        CHECK(config.rules.size() == 2);
        REQUIRE(config.waivers.size() == 1);
        CHECK(config.waivers[0].expires == "2027-03-31");
    }
}

TEST_CASE("a waiver for an ID covers findings of commits that name it, and no longer ID") {
    const Config config = config_of("waivers:\n"
                                    "  - rule: trailer-unknown-id\n"
                                    "    id: REQ-042\n"
                                    "    justification: renumbered to REQ-043\n");
    Findings findings{
        {Severity::warning, "trailer-unknown-id", "commit 1a2b3c4d5e", 0, 0, "", "Refs: names REQ-042, which no..."},
        {Severity::warning, "trailer-unknown-id", "commit 2a2b3c4d5e", 0, 0, "", "Refs: names REQ-0421, which..."}};
    CHECK(apply_rule_settings(config, documents(), "2026-01-05", findings).size() == 1);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].path == "commit 2a2b3c4d5e");
}
