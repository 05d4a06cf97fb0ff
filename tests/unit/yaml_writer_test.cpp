#include "lib/util/error.hpp"
#include "lib/yaml/editor.hpp"
#include "lib/yaml/writer.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cswm;
using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

TEST_CASE("yaml writer: scalars stay plain only when they read back as the same text") {
    CHECK(yaml_scalar("TC-101") == "TC-101");
    CHECK(yaml_scalar("two words") == "two words");
    CHECK(yaml_scalar("0123") == "\"0123\"");
    CHECK(yaml_scalar("yes") == "yes"); // YAML 1.2: text
    CHECK(yaml_scalar("true") == "\"true\"");
    CHECK(yaml_scalar("null") == "\"null\"");
    CHECK(yaml_scalar("a: b") == "\"a: b\"");
    CHECK(yaml_scalar("- x") == "\"- x\"");
    CHECK(yaml_scalar(" lead") == "\" lead\"");
    CHECK(yaml_scalar("line\nbreak") == "\"line\\nbreak\"");
    CHECK(yaml_scalar("") == "\"\"");
    CHECK(yaml_scalar(ordered_json(1.5)) == "1.5");
    CHECK(yaml_scalar(ordered_json(nullptr)) == "null");
}

TEST_CASE("yaml writer: block lists of mappings, short flow lists, long ones in block") {
    const ordered_json value = ordered_json::array(
        {ordered_json{{"case", "TC-101"}, {"tests", {"a", "b"}}}, ordered_json{{"case", nullptr}, {"n", 2}}});
    CHECK(yaml_value_text(value, 0, "\n") == "\n  - case: TC-101\n    tests: [a, b]\n  - case: null\n    n: 2");
    const ordered_json long_list = ordered_json::array({std::string(50, 'x'), std::string(50, 'y')});
    CHECK(yaml_value_text(long_list, 4, "\n") ==
          "\n      - " + std::string(50, 'x') + "\n      - " + std::string(50, 'y'));
    CHECK(yaml_value_text(ordered_json::object(), 0, "\n") == " {}");
}

TEST_CASE("yaml editor: replace_value rewrites one block and leaves the comments that follow it") {
    const std::string text = "kind: x\n"
                             "results:\n"
                             "  - case: null   # test case\n"
                             "    notes: null\n"
                             "\n"
                             "# Counts\n"
                             "summary:\n"
                             "  total: 0\n";
    YamlEditor editor(text, YamlLimits{});
    CHECK(editor.replace_value("/results", ordered_json::array({ordered_json{{"case", "TC-1"}}})));
    CHECK(editor.text() == "kind: x\nresults:\n  - case: TC-1\n\n# Counts\nsummary:\n  total: 0\n");
    CHECK_FALSE(editor.replace_value("/results", ordered_json::array({ordered_json{{"case", "TC-1"}}})));
    CHECK(editor.replace_value("/summary", ordered_json{{"total", 1}, {"flaky", 0}}));
    CHECK(editor.text() == "kind: x\nresults:\n  - case: TC-1\n\n# Counts\nsummary:\n  total: 1\n  flaky: 0\n");
}

TEST_CASE("yaml editor: lists at the key's own column, CRLF, and a flow mapping refused") {
    YamlEditor flush("a:\n- 1\n- 2\nb: 3\r\n", YamlLimits{});
    CHECK(flush.replace_value("/a", ordered_json::array()));
    CHECK(flush.text() == "a: []\nb: 3\r\n");
    YamlEditor crlf("a: 1\r\nb: 2\r\n", YamlLimits{});
    CHECK(crlf.replace_value("/a", ordered_json{{"x", 1}}));
    CHECK(crlf.text() == "a:\r\n  x: 1\r\nb: 2\r\n");
    YamlEditor flow("a: {b: 1}\n", YamlLimits{});
    CHECK_THROWS_AS(flow.replace_value("/a/b", ordered_json(2)), Error);
}

TEST_CASE("yaml editor: replace_scalar inside a flow mapping or list ends the plain scalar at the indicator") {
    // A reviewer chain written `- {role: …, date: …}`, as examples/repo does: review --by
    // used to take the rest of the line as the date and refuse the edit.
    YamlEditor editor("reviewers:\n  - {role: reviewer, name: Ya-Ting Hsu, decision: pending, date: 2026-10-13, "
                      "comment: ok}\n  - [a, b]\n",
                      YamlLimits{});
    CHECK(editor.replace_scalar("/reviewers/0/decision", "approved"));
    CHECK(editor.replace_scalar("/reviewers/0/date", "2026-11-27"));
    CHECK(editor.replace_scalar("/reviewers/1/1", "c"));
    CHECK(editor.text() == "reviewers:\n  - {role: reviewer, name: Ya-Ting Hsu, decision: approved, date: 2026-11-27, "
                           "comment: ok}\n  - [a, c]\n");
}

TEST_CASE("yaml editor: replace_scalar keeps the line's comment; insert_after adds a key below a block") {
    YamlEditor editor("period:\n  start: 2026-11-24   # first day\n  end: 'x''y'\ntail: 1\n", YamlLimits{});
    CHECK(editor.replace_scalar("/period/start", "2026-11-23"));
    CHECK(editor.replace_scalar("/period/end", "2026-11-25"));
    CHECK(editor.text() == "period:\n  start: 2026-11-23   # first day\n  end: 2026-11-25\ntail: 1\n");
    editor.insert_after("/period", "imported_from", ordered_json::array({"results/a.xml"}));
    CHECK(editor.text() ==
          "period:\n  start: 2026-11-23   # first day\n  end: 2026-11-25\nimported_from: [results/a.xml]\ntail: 1\n");
    CHECK_THROWS_AS(editor.insert_after("/period", "tail", ordered_json(2)), Error);
}
