#include "lib/util/error.hpp"
#include "lib/yaml/editor.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cswm;

namespace {

const std::string k_a = std::string(40, 'a');
const std::string k_b = std::string(40, 'b');

std::string appended(const std::string& text, const std::string& pointer, const std::string& value) {
    YamlEditor editor(text, YamlLimits{});
    editor.append_to_list(pointer, value);
    return editor.text();
}

} // namespace

TEST_CASE("a block list gains exactly one line, indented like its items") {
    const std::string before = "id: FIX-001\n# the fix\ncommits:\n  - " + k_a + "   # first\n\n# after\nnext: 1\n";
    CHECK(appended(before, "/commits", k_b) ==
          "id: FIX-001\n# the fix\ncommits:\n  - " + k_a + "   # first\n  - " + k_b + "\n\n# after\nnext: 1\n");
}

TEST_CASE("an empty flow list becomes a block list under its key, keeping the comment") {
    CHECK(appended("commits: []   # fix commits\nnext: 1\n", "/commits", k_a) ==
          "commits:    # fix commits\n  - " + k_a + "\nnext: 1\n");
    CHECK(appended("commits: []\n", "/commits", k_a) == "commits:\n  - " + k_a + "\n");
}

TEST_CASE("null and empty values become a block list") {
    CHECK(appended("commits: null\nx: 1\n", "/commits", k_a) == "commits:\n  - " + k_a + "\nx: 1\n");
    CHECK(appended("commits: ~ # none yet\n", "/commits", k_a) == "commits:  # none yet\n  - " + k_a + "\n");
    CHECK(appended("commits:\nx: 1\n", "/commits", k_a) == "commits:\n  - " + k_a + "\nx: 1\n");
}

TEST_CASE("a non-empty flow list gains the value before its bracket") {
    CHECK(appended("commits: [" + k_a + "]\n", "/commits", k_b) == "commits: [" + k_a + ", " + k_b + "]\n");
}

TEST_CASE("lists inside list items and flow mappings") {
    const std::string nested =
        "actions:\n  - title: one\n    commits: []\n  - title: two\n    commits:\n      - " + k_a + "\n";
    CHECK(appended(nested, "/actions/0/commits", k_b) == "actions:\n  - title: one\n    commits:\n      - " + k_b +
                                                             "\n  - title: two\n    commits:\n      - " + k_a + "\n");
    CHECK(appended(nested, "/actions/1/commits", k_b) == nested + "      - " + k_b + "\n");
    CHECK(appended("docs:\n  - {document: a.md, commits: []}\n", "/docs/0/commits", k_a) ==
          "docs:\n  - {document: a.md, commits: [" + k_a + "]}\n");
    CHECK(appended("docs:\n  - {document: a.md, commits: null}\n", "/docs/0/commits", k_a) ==
          "docs:\n  - {document: a.md, commits: [" + k_a + "]}\n");
}

TEST_CASE("CRLF line endings and a missing final newline are kept") {
    CHECK(appended("a: 1\r\ncommits:\r\n  - " + k_a + "\r\n", "/commits", k_b) ==
          "a: 1\r\ncommits:\r\n  - " + k_a + "\r\n  - " + k_b + "\r\n");
    CHECK(appended("commits:\n  - " + k_a, "/commits", k_b) == "commits:\n  - " + k_a + "\n  - " + k_b + "\n");
}

TEST_CASE("appending a value already there changes nothing") {
    YamlEditor editor("commits:\n  - " + k_a + "\n", YamlLimits{});
    CHECK_FALSE(editor.append_to_list("/commits", k_a));
    CHECK(editor.text() == "commits:\n  - " + k_a + "\n");
}

TEST_CASE("setting a scalar replaces only its null") {
    YamlEditor editor("quality_spec: QS-004\ncommit: null      # tested build\nversion: \"2.4\"\n", YamlLimits{});
    CHECK(editor.set_scalar("/commit", k_a));
    CHECK(editor.text() == "quality_spec: QS-004\ncommit: " + k_a + "      # tested build\nversion: \"2.4\"\n");
    CHECK_FALSE(editor.set_scalar("/commit", k_a));
    CHECK_THROWS_AS(editor.set_scalar("/commit", k_b), Error);

    YamlEditor empty("commit:\nx: 1\n", YamlLimits{});
    CHECK(empty.set_scalar("/commit", k_a));
    CHECK(empty.text() == "commit: " + k_a + "\nx: 1\n");
}

TEST_CASE("missing fields, wrong shapes and broken documents are refused") {
    CHECK_THROWS_AS(appended("a: 1\n", "/commits", k_a), Error);
    CHECK_THROWS_AS(appended("commits: text\n", "/commits", k_a), Error);
    CHECK_THROWS_AS(YamlEditor("a: [1\n", YamlLimits{}), Error);
    CHECK_THROWS_AS(YamlEditor("a: 1\na: 2\n", YamlLimits{}), Error);
}

TEST_CASE("a value that YAML would read as a number is written quoted") {
    const std::string digits(40, '1');
    CHECK(appended("commits:\n  - " + k_a + "\n", "/commits", digits) ==
          "commits:\n  - " + k_a + "\n  - \"" + digits + "\"\n");
    YamlEditor editor("commit: null\n", YamlLimits{});
    editor.set_scalar("/commit", "1234567e10");
    CHECK(editor.text() == "commit: \"1234567e10\"\n");
}
