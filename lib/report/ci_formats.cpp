#include "lib/report/ci_formats.hpp"

#include "lib/check/rule_catalog.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <unordered_set>

namespace cswm {
namespace {

using ordered = nlohmann::ordered_json;

/// A repository path as a URI reference: UTF-8 bytes outside the unreserved set are
/// percent-encoded ('/' kept), as SARIF's artifactLocation.uri requires.
std::string uri_of(const std::string& path) {
    std::string uri;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                           (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~' ||
                           byte == '/';
        uri += plain ? std::string(1, c) : fmt::format("%{:02X}", byte);
    }
    return uri;
}

/// Findings of commits (path "commit 1a2b3c4d5e") have no file to point at.
bool has_file(const Finding& finding) {
    return !finding.path.starts_with("commit ");
}

std::string with_id(const Finding& finding) {
    return finding.id.empty() ? finding.message : finding.id + ": " + finding.message;
}

/// Text that XML 1.0 can hold and a CI log shows as it is: valid UTF-8 with no control
/// characters but tab, LF and CR. File names and messages are bytes (a name may hold
/// 0xFF or an ESC): the rest becomes \xNN, as in the text output.
std::string safe_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t offset = 0;
    while (offset < text.size()) {
        const std::size_t start = offset;
        const char32_t c = next_code_point(text, offset);
        const bool invalid_byte = c == 0xFFFD && offset == start + 1;
        const bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c < 0xA0);
        if (invalid_byte) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[start]));
        } else if (control || c == 0xFFFE || c == 0xFFFF) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
        } else {
            out.append(text.substr(start, offset - start));
        }
    }
    return out;
}

/// GitHub's workflow-command escaping: data escapes %, CR and LF; properties also : and ,.
std::string github_escape(const std::string& raw, bool property) {
    std::string out;
    for (const char c : safe_text(raw)) {
        switch (c) {
        case '%':
            out += "%25";
            break;
        case '\r':
            out += "%0D";
            break;
        case '\n':
            out += "%0A";
            break;
        case ':':
            out += property ? "%3A" : ":";
            break;
        case ',':
            out += property ? "%2C" : ",";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

void write_findings_sarif(std::ostream& out, const CheckResult& result, const std::string& tool_version) {
    ordered rules = ordered::array();
    std::map<std::string, std::size_t> rule_index;
    for (const RuleInfo& rule : rule_catalog()) {
        rule_index[std::string(rule.id)] = rules.size();
        ordered entry;
        entry["id"] = rule.id;
        entry["shortDescription"] = {{"text", rule.summary}};
        entry["helpUri"] = fmt::format("https://cswm.dev/docs/check-rules#{}", rule.id);
        rules.push_back(std::move(entry));
    }
    ordered results = ordered::array();
    auto add_result = [&](const Finding& finding, const WaivedFinding* waived) {
        ordered entry;
        entry["ruleId"] = finding.rule;
        if (const auto found = rule_index.find(finding.rule); found != rule_index.end()) {
            entry["ruleIndex"] = found->second;
        }
        entry["level"] = finding.severity == Severity::error ? "error" : "warning";
        entry["message"] = {{"text", has_file(finding) ? with_id(finding) : finding.path + ": " + finding.message}};
        if (has_file(finding)) {
            ordered physical;
            physical["artifactLocation"] = {{"uri", uri_of(finding.path)}, {"uriBaseId", "%SRCROOT%"}};
            if (finding.line > 0) {
                physical["region"] = {{"startLine", finding.line}, {"startColumn", std::max(finding.column, 1)}};
            }
            entry["locations"] = ordered::array({{{"physicalLocation", physical}}});
        }
        if (waived != nullptr) {
            // Suppressed in .cswm.yaml, outside the documents: SARIF's "external" kind.
            ordered suppression;
            suppression["kind"] = "external";
            suppression["status"] = "accepted";
            suppression["justification"] = waived->justification;
            suppression["location"] = {
                {"physicalLocation",
                 {{"artifactLocation", {{"uri", uri_of(waived->waiver_file)}, {"uriBaseId", "%SRCROOT%"}}},
                  {"region", {{"startLine", std::max(waived->waiver_line, 1)}}}}}};
            if (!waived->expires.empty()) {
                suppression["properties"] = {{"expires", waived->expires}};
            }
            entry["suppressions"] = ordered::array({std::move(suppression)});
        }
        results.push_back(std::move(entry));
    };
    for (const Finding& finding : result.findings) {
        add_result(finding, nullptr);
    }
    for (const WaivedFinding& waived : result.waived) {
        add_result(waived.finding, &waived);
    }
    ordered driver;
    driver["name"] = "cswm";
    driver["version"] = tool_version;
    driver["informationUri"] = "https://cswm.dev";
    driver["rules"] = std::move(rules);
    ordered run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"description", {{"text", "the repository's top folder"}}}}}};
    run["results"] = std::move(results);
    ordered log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = ordered::array({std::move(run)});
    out << log.dump(2, ' ', false, ordered::error_handler_t::replace) << '\n';
}

void write_findings_junit(std::ostream& out, const CheckResult& result) {
    // Findings by document path, then by rule.
    std::map<std::string, std::map<std::string, std::vector<const Finding*>>> by_path;
    const std::unordered_set<std::string> documents(result.paths.begin(), result.paths.end());
    for (const std::string& path : result.paths) {
        by_path[path];
    }
    for (const Finding& finding : result.findings) {
        by_path[finding.path][finding.rule].push_back(&finding);
    }
    std::map<const Finding*, const WaivedFinding*> waivers;
    for (const WaivedFinding& waived : result.waived) {
        by_path[waived.finding.path][waived.finding.rule].push_back(&waived.finding);
        waivers[&waived.finding] = &waived;
    }
    pugi::xml_document document;
    pugi::xml_node suites = document.append_child("testsuites");
    suites.append_attribute("name") = "cswm check";
    std::size_t total_tests = 0;
    std::size_t total_failures = 0;
    for (const auto& [path, rules] : by_path) {
        pugi::xml_node suite = suites.append_child("testsuite");
        suite.append_attribute("name") = safe_text(path).c_str();
        std::size_t tests = 0;
        std::size_t failures = 0;
        const std::string classname = safe_text(path); // (a copy: clang 14 cannot capture a structured binding)
        auto add_case = [&](std::string_view rule, const std::vector<const Finding*>& findings) {
            pugi::xml_node test = suite.append_child("testcase");
            test.append_attribute("classname") = classname.c_str();
            test.append_attribute("name") = std::string(rule).c_str();
            ++tests;
            std::string errors;
            std::string warnings;
            std::string waived;
            for (const Finding* finding : findings) {
                const std::string line = fmt::format("{}:{}:{}: {}\n", printable(finding->path, 4096), finding->line,
                                                     finding->column, with_id(*finding));
                if (const auto found = waivers.find(finding); found != waivers.end()) {
                    waived +=
                        tr("ci.waived-line", fmt::arg("line", line.substr(0, line.size() - 1)),
                           fmt::arg("note", tr("report.waiver-note", fmt::arg("file", found->second->waiver_file),
                                               fmt::arg("line", found->second->waiver_line), fmt::arg("until", ""),
                                               fmt::arg("justification", found->second->justification)))) +
                        "\n";
                } else {
                    (finding->severity == Severity::error ? errors : warnings) += line;
                }
            }
            if (!errors.empty()) {
                ++failures;
                pugi::xml_node failure = test.append_child("failure");
                failure.append_attribute("message") = safe_text(findings.front()->message).c_str();
                failure.append_attribute("type") = std::string(rule).c_str();
                failure.append_child(pugi::node_pcdata).set_value(safe_text(errors).c_str());
            }
            if (errors.empty() && warnings.empty() && !waived.empty()) {
                pugi::xml_node skipped = test.append_child("skipped");
                skipped.append_attribute("message") = tr("ci.waived-in-config").c_str();
            }
            if (!warnings.empty() || !waived.empty()) {
                test.append_child("system-out")
                    .append_child(pugi::node_pcdata)
                    .set_value(safe_text(warnings + waived).c_str());
            }
        };
        // Commits, and files that are no document (.cswm.yaml), get a case only for the
        // rules that found something there.
        const bool is_commit = path.starts_with("commit ") || !documents.contains(path);
        if (is_commit) {
            for (const auto& [rule, findings] : rules) {
                add_case(rule, findings);
            }
        } else {
            static const std::vector<const Finding*> none;
            for (const RuleInfo& rule : rule_catalog()) {
                if (rule.id.starts_with("waiver-")) {
                    continue; // rules of .cswm.yaml, never of a document
                }
                const auto found = rules.find(std::string(rule.id));
                add_case(rule.id, found == rules.end() ? none : found->second);
            }
        }
        suite.append_attribute("tests") = tests;
        suite.append_attribute("failures") = failures;
        suite.append_attribute("errors") = 0;
        total_tests += tests;
        total_failures += failures;
    }
    suites.append_attribute("tests") = total_tests;
    suites.append_attribute("failures") = total_failures;
    document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
}

void write_findings_github(std::ostream& out, const CheckResult& result) {
    auto annotate = [&](const Finding& finding, const WaivedFinding* waived) {
        std::string properties;
        if (has_file(finding)) {
            properties = "file=" + github_escape(finding.path, true);
            if (finding.line > 0) {
                properties += fmt::format(",line={},col={}", finding.line, std::max(finding.column, 1));
            }
            properties += ",";
        }
        properties += "title=" + github_escape(waived ? tr("ci.title-waived", fmt::arg("rule", finding.rule))
                                                      : fmt::format("cswm {}", finding.rule),
                                               true);
        std::string message = has_file(finding) ? with_id(finding) : finding.path + ": " + finding.message;
        if (waived != nullptr) {
            message += tr("ci.waived-in", fmt::arg("file", waived->waiver_file), fmt::arg("line", waived->waiver_line),
                          fmt::arg("justification", waived->justification));
        }
        const std::string_view command = waived != nullptr                     ? "notice"
                                         : finding.severity == Severity::error ? "error"
                                                                               : "warning";
        out << fmt::format("::{} {}::{}\n", command, properties, github_escape(message, false));
    };
    for (const Finding& finding : result.findings) {
        annotate(finding, nullptr);
    }
    for (const WaivedFinding& waived : result.waived) {
        annotate(waived.finding, &waived);
    }
}

} // namespace cswm
