#include "lib/import/junit_parser.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/import/xml_input.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace cswm {
namespace {

constexpr std::size_t k_name_bytes = 500;
constexpr std::size_t k_message_bytes = 2000;
constexpr std::size_t k_short_bytes = 100;
/// A test that "took" longer than a week is a unit mistake (nanoseconds written as
/// seconds, as container-structure-test does), not a duration.
constexpr double k_max_seconds = 7.0 * 24 * 3600;

/// The element's name without a namespace prefix.
std::string_view local_name(const pugi::xml_node& node) {
    const std::string_view name = node.name();
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// All the character data directly inside an element (text and CDATA sections).
std::string inner_text(const pugi::xml_node& node) {
    std::string text;
    for (const pugi::xml_node& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            text += child.value();
        }
    }
    return text;
}

std::string attribute(const pugi::xml_node& node, const char* name, std::size_t max_bytes = k_name_bytes) {
    return clean_text(node.attribute(name).value(), false, max_bytes);
}

/// Seconds from a time value as runners write it: 1.5, 1.7e-05, 1,234.5 (grouped
/// thousands), 0,5 (decimal comma). Negative, unreadable and implausible values are
/// unknown, and counted.
std::optional<double> parse_seconds(std::string_view text, std::size_t& odd) {
    std::string number(text);
    number.erase(0, number.find_first_not_of(" \t\r\n"));
    number.erase(number.find_last_not_of(" \t\r\n") + 1);
    if (number.empty()) {
        return std::nullopt;
    }
    const std::size_t comma = number.find(',');
    if (comma != std::string::npos) {
        const bool grouped = number.find('.') != std::string::npos || number.size() - comma == 4;
        if (grouped) {
            std::erase(number, ',');
        } else {
            number[comma] = '.';
        }
    }
    double value = 0;
    const char* end = number.data() + number.size();
    const auto [stop, error] = std::from_chars(number.data(), end, value);
    if (error != std::errc() || stop != end || !std::isfinite(value) || value < 0 || value > k_max_seconds) {
        ++odd;
        return std::nullopt;
    }
    return value;
}

std::vector<std::pair<std::string, std::string>> properties_of(const pugi::xml_node& node) {
    std::vector<std::pair<std::string, std::string>> properties;
    for (const pugi::xml_node& block : node.children()) {
        if (local_name(block) != "properties") {
            continue;
        }
        for (const pugi::xml_node& property : block.children()) {
            if (local_name(property) != "property") {
                continue;
            }
            const pugi::xml_attribute value = property.attribute("value");
            properties.emplace_back(attribute(property, "name"),
                                    clean_text(value ? value.value() : inner_text(property), false, k_name_bytes));
        }
    }
    return properties;
}

/// The message of a failure, error or skipped element: its message attribute, else the
/// first non-empty line of its text (a stack trace's first line names the exception).
std::string message_of(const pugi::xml_node& element) {
    std::string message = clean_text(element.attribute("message").value(), true, k_message_bytes);
    if (!message.empty()) {
        return message;
    }
    const std::string text = clean_text(inner_text(element), true, k_message_bytes);
    return text.substr(0, text.find('\n'));
}

/// Where an element starts, as a line number (0 when pugixml cannot say).
int line_of(const pugi::xml_node& node, const LineIndex& lines) {
    const std::ptrdiff_t offset = node.offset_debug();
    return offset < 0 ? 0 : lines.line_of(static_cast<std::size_t>(offset));
}

/// A status attribute that says the test did not run: googletest's `notrun` (its
/// DISABLED_ tests), tst's and ctest's `disabled`, `skipped`. Without a <skipped>
/// element such a test would count as passed.
bool did_not_run(const pugi::xml_node& element) {
    std::string status = element.attribute("status").value();
    std::transform(status.begin(), status.end(), status.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::erase_if(status, [](char c) { return c == ' ' || c == '_' || c == '-'; });
    return status == "notrun" || status == "disabled" || status == "skipped" || status == "suppressed";
}

JunitCase read_case(const pugi::xml_node& element, const JunitSuite& suite, const LineIndex& lines,
                    std::size_t& odd_times) {
    JunitCase test;
    test.name = attribute(element, "name");
    test.classname = attribute(element, "classname");
    test.file = attribute(element, "file");
    test.line = line_of(element, lines);
    if (const pugi::xml_attribute time = element.attribute("time")) {
        test.seconds = parse_seconds(time.value(), odd_times);
    } else if (const pugi::xml_node time_element = element.child("time")) {
        test.seconds = parse_seconds(inner_text(time_element), odd_times);
    }
    pugi::xml_node failure;
    pugi::xml_node error;
    pugi::xml_node skipped;
    bool flaky = false;
    for (const pugi::xml_node& child : element.children()) {
        const std::string_view name = local_name(child);
        if (name == "failure" && !failure) {
            failure = child;
        } else if (name == "error" && !error) {
            error = child;
        } else if (name == "skipped" && !skipped) {
            skipped = child;
        } else if (name == "flakyFailure" || name == "flakyError" || name == "rerunFailure" || name == "rerunError") {
            // Surefire writes rerunFailure/rerunError beside a final <failure> when every
            // rerun failed; without one, the test passed on a rerun.
            flaky = true;
        }
    }
    const pugi::xml_node decisive = failure ? failure : error ? error : skipped;
    test.outcome = failure   ? JunitOutcome::failed
                   : error   ? JunitOutcome::error
                   : skipped ? JunitOutcome::skipped
                             : JunitOutcome::passed;
    test.flaky = flaky && test.outcome == JunitOutcome::passed;
    if (decisive) {
        test.message = message_of(decisive);
        test.type = attribute(decisive, "type", k_short_bytes * 2);
    } else if (did_not_run(element)) {
        test.outcome = JunitOutcome::skipped;
        test.message = fmt::format("not run (status {})", attribute(element, "status", k_short_bytes));
    }
    test.properties = properties_of(element);
    test.timestamp = attribute(element, "timestamp", k_short_bytes);
    if (test.timestamp.empty()) {
        test.timestamp = suite.timestamp;
    }
    test.hostname = attribute(element, "hostname", k_short_bytes);
    if (test.hostname.empty()) {
        test.hostname = test.property("hostname").value_or(suite.hostname);
    }
    return test;
}

/// A suite's own attributes, falling back on the enclosing suite's.
JunitSuite read_suite(const pugi::xml_node& element, const JunitSuite* outer) {
    JunitSuite suite;
    const std::string name = attribute(element, "name");
    suite.name = outer != nullptr && !outer->name.empty() ? outer->name + "/" + name : name;
    if (suite.name.size() > k_name_bytes) {
        // Deeply nested suites: the innermost names say the most.
        suite.name = "…/" + name;
    }
    suite.timestamp = attribute(element, "timestamp", k_short_bytes);
    suite.hostname = attribute(element, "hostname", k_short_bytes);
    if (suite.hostname.empty()) {
        for (const auto& [key, value] : properties_of(element)) {
            if (key == "hostname" && !value.empty()) {
                suite.hostname = value;
                break;
            }
        }
    }
    if (outer != nullptr) {
        suite.timestamp = suite.timestamp.empty() ? outer->timestamp : suite.timestamp;
        suite.hostname = suite.hostname.empty() ? outer->hostname : suite.hostname;
    }
    return suite;
}

[[noreturn]] void not_junit(const std::string& path, const pugi::xml_node& root, const LineIndex& lines) {
    const std::string name = clean_text(root.name(), false, 60);
    std::string hint;
    if (name == "test-results") {
        hint = tr("import.looks-like", fmt::arg("format", "NUnit 2 XML"));
    } else if (name == "test-run") {
        hint = tr("import.looks-like", fmt::arg("format", "NUnit 3 XML"));
    } else if (name == "assemblies") {
        hint = tr("import.looks-like", fmt::arg("format", "xUnit.net XML"));
    } else if (name == "TestRun") {
        hint = tr("import.looks-like-trx");
    }
    throw Error(tr("import.not-junit", fmt::arg("path", path), fmt::arg("line", line_of(root, lines)),
                   fmt::arg("name", name), fmt::arg("hint", hint)));
}

} // namespace

const char* outcome_name(JunitOutcome outcome) {
    switch (outcome) {
    case JunitOutcome::passed:
        return "passed";
    case JunitOutcome::failed:
        return "failed";
    case JunitOutcome::error:
        return "error";
    case JunitOutcome::skipped:
        return "skipped";
    }
    return "passed";
}

std::string JunitCase::full_name() const {
    // jest-junit writes the test's title as both classname and name by default.
    return classname.empty() || classname == name ? name : classname + "." + name;
}

std::optional<std::string> JunitCase::property(std::string_view key) const {
    const auto same = [key](const std::string& text) {
        return text.size() == key.size() && std::equal(text.begin(), text.end(), key.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
               });
    };
    for (const auto& [key_text, value] : properties) {
        if (same(key_text)) {
            return value;
        }
    }
    return std::nullopt;
}

std::size_t JunitFile::count() const {
    std::size_t total = 0;
    for (const JunitSuite& suite : suites) {
        total += suite.cases.size();
    }
    return total;
}

std::size_t JunitFile::count(JunitOutcome outcome) const {
    std::size_t total = 0;
    for (const JunitSuite& suite : suites) {
        total += static_cast<std::size_t>(std::count_if(
            suite.cases.begin(), suite.cases.end(), [outcome](const JunitCase& c) { return c.outcome == outcome; }));
    }
    return total;
}

std::size_t JunitFile::flaky_count() const {
    std::size_t total = 0;
    for (const JunitSuite& suite : suites) {
        total += static_cast<std::size_t>(
            std::count_if(suite.cases.begin(), suite.cases.end(), [](const JunitCase& c) { return c.flaky; }));
    }
    return total;
}

JunitFile parse_junit_text(std::string_view text, const std::string& path, std::size_t max_cases) {
    text = checked_xml_text(text, path);
    const LineIndex lines(text);
    // A first bound before the tree is built: a file of nothing but tiny test cases would
    // cost the tree alone hundreds of megabytes.
    std::size_t tags = 0;
    for (std::size_t at = text.find("<testcase"); at != std::string_view::npos; at = text.find("<testcase", at + 9)) {
        if (++tags > max_cases) {
            throw Error(tr("import.too-many-cases", fmt::arg("path", path), fmt::arg("line", lines.line_of(at)),
                           fmt::arg("max", k_junit_max_cases)));
        }
    }
    pugi::xml_document document;
    // Without parse_doctype a DTD would be skipped silently; checked_xml_text refuses one,
    // and keeping it in the tree lets the check below refuse one it missed.
    const unsigned options = pugi::parse_default | pugi::parse_declaration | pugi::parse_doctype;
    const pugi::xml_parse_result parsed = document.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8);
    if (parsed.status == pugi::status_no_document_element) {
        throw Error(tr("import.no-element", fmt::arg("path", path)));
    }
    if (!parsed) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0));
        const Position position = position_of_offset(text, offset);
        // A file that stops mid-element or mid-text was cut short, whatever pugixml names.
        const std::size_t last = text.find_last_not_of(" \t\r\n");
        const bool cut = last == std::string_view::npos || text[last] != '>' || offset + 1 >= last;
        throw Error(tr("import.malformed", fmt::arg("path", path), fmt::arg("line", position.line),
                       fmt::arg("column", position.column), fmt::arg("reason", parsed.description()),
                       fmt::arg("cut", cut ? tr("import.cut-short") : std::string())));
    }
    pugi::xml_node root;
    for (const pugi::xml_node& child : document.children()) {
        if (child.type() == pugi::node_doctype) {
            throw Error(tr("import.dtd", fmt::arg("path", path)));
        }
        if (child.type() != pugi::node_element) {
            continue;
        }
        if (root) {
            throw Error(tr("import.second-root", fmt::arg("path", path), fmt::arg("line", line_of(child, lines)),
                           fmt::arg("name", clean_text(child.name(), false, 60))));
        }
        root = child;
    }
    const std::string_view root_name = local_name(root);
    if (root_name != "testsuites" && root_name != "testsuite") {
        not_junit(path, root, lines);
    }

    JunitFile file;
    file.path = path;
    // <testsuites> is a container, not a suite: it lends its timestamp and host, not its name.
    JunitSuite top = read_suite(root, nullptr);
    if (root_name == "testsuites") {
        top.name.clear();
    }
    // Depth-first over nested suites with an explicit stack: nesting is not bounded by
    // the file format, and the call stack must not be.
    std::vector<std::pair<pugi::xml_node, JunitSuite>> pending{{root, std::move(top)}};
    std::size_t cases = 0;
    while (!pending.empty()) {
        auto [element, suite] = std::move(pending.back());
        pending.pop_back();
        std::vector<std::pair<pugi::xml_node, JunitSuite>> inner;
        for (const pugi::xml_node& child : element.children()) {
            const std::string_view name = local_name(child);
            if (name == "testcase") {
                if (++cases > max_cases) {
                    throw Error(tr("import.too-many-cases", fmt::arg("path", path),
                                   fmt::arg("line", line_of(child, lines)), fmt::arg("max", k_junit_max_cases)));
                }
                suite.cases.push_back(read_case(child, suite, lines, file.odd_times));
            } else if (name == "testsuite") {
                inner.emplace_back(child, read_suite(child, &suite));
            } else if ((name == "error" || name == "failure") && suite.error.empty()) {
                suite.error = message_of(child);
                suite.error = suite.error.empty() ? std::string(name) : suite.error;
            }
        }
        if (element != root || root_name == "testsuite" || !suite.cases.empty() || !suite.error.empty()) {
            file.suites.push_back(std::move(suite));
        }
        // Reversed, so that suites come out in document order.
        for (auto it = inner.rbegin(); it != inner.rend(); ++it) {
            pending.push_back(std::move(*it));
        }
    }
    return file;
}

JunitFile parse_junit_file(const fs::path& file, const std::string& display, std::size_t max_cases) {
    std::error_code error;
    const fs::file_status status = fs::symlink_status(file, error);
    if (status.type() == fs::file_type::not_found) {
        throw Error(tr("import.no-such-file", fmt::arg("path", display)));
    }
    // Results named on the command line may be symlinks (latest.xml → run-42.xml): the
    // target is read, and must be a regular file.
    const fs::path target = fs::is_symlink(status) ? fs::canonical(file, error) : file;
    if (error) {
        throw Error(tr("import.file-error", fmt::arg("path", display), fmt::arg("reason", error.message())));
    }
    ReadResult read = read_regular_file(target, k_junit_max_bytes);
    switch (read.problem) {
    case ReadProblem::none:
        break;
    case ReadProblem::not_regular:
        throw Error(tr("import.not-a-file", fmt::arg("path", display), fmt::arg("what", read.detail)));
    case ReadProblem::symlink:
        throw Error(tr("import.link-to-link", fmt::arg("path", display)));
    case ReadProblem::too_large:
        throw Error(tr("import.file-too-large", fmt::arg("path", display), fmt::arg("size", read.size),
                       fmt::arg("max", k_junit_max_bytes >> 20U)));
    case ReadProblem::unreadable:
        throw Error(tr("import.unreadable", fmt::arg("path", display), fmt::arg("reason", read.detail)));
    }
    return parse_junit_text(read.content, display, max_cases);
}

} // namespace cswm
