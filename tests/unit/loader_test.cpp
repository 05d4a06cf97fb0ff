#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cswm;

namespace {

ParsedYaml parse(const std::string& text, YamlLimits limits = {}) {
    return parse_yaml_document(text, limits);
}

/// The rules of the problems found, in order.
std::string rules_of(const ParsedYaml& parsed) {
    std::string rules;
    for (const YamlProblem& problem : parsed.problems) {
        rules += (rules.empty() ? "" : ",") + problem.rule;
    }
    return rules;
}

} // namespace

TEST_CASE("plain scalars are typed by the YAML 1.2 core schema, quoted ones stay text") {
    const ParsedYaml parsed =
        parse("a: 017\nb: '017'\nc: yes\nd: true\ne: 2.4\nf: 2026-01-05\ng: ~\nh: 0x1F\ni: null\n");
    REQUIRE(parsed.root);
    const auto& root = *parsed.root;
    CHECK(root["a"] == 17); // decimal, not octal as in YAML 1.1
    CHECK(root["b"] == "017");
    CHECK(root["c"] == "yes"); // not a boolean in 1.2
    CHECK(root["d"] == true);
    CHECK(root["e"] == 2.4);
    CHECK(root["f"] == "2026-01-05"); // dates stay text
    CHECK(root["g"].is_null());
    CHECK(root["h"] == 31);
    CHECK(root["i"].is_null());
}

TEST_CASE("every node knows its line and column, in characters") {
    const ParsedYaml parsed = parse("title: 登入逾時\nlist:\n  - id: TC-001\n    name: x\n");
    REQUIRE(parsed.root);
    CHECK(parsed.places.at("/title").key.line == 1);
    CHECK(parsed.places.at("/title").value.column == 8);
    CHECK(parsed.places.at("/list/0/id").key.line == 3);
    CHECK(parsed.places.at("/list/0/id").key.column == 5);
    CHECK(parsed.places.at("/list/0/id").value.column == 9);
    // A missing node takes its nearest ancestor's place.
    CHECK(parsed.place_of("/list/0/missing").value.line == 3);
}

TEST_CASE("a Chinese value before the error does not shift the column") {
    const ParsedYaml parsed = parse("a: 中文中文\nb: [1, 2\n");
    REQUIRE_FALSE(parsed.root);
    CHECK(rules_of(parsed) == "syntax");
}

TEST_CASE("duplicate keys are reported with both lines") {
    const ParsedYaml parsed = parse("id: FIX-001\ntitle: a\nid: FIX-002\n");
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].rule == "duplicate-key");
    CHECK(parsed.problems[0].position.line == 3);
    CHECK(parsed.problems[0].message.find("first at line 1") != std::string::npos);
    CHECK((*parsed.root)["id"] == "FIX-001");
}

TEST_CASE("anchors, aliases, tags and merge keys are refused") {
    CHECK(rules_of(parse("a: &x 1\nb: *x\n")) == "yaml-feature,yaml-feature");
    CHECK(rules_of(parse("a: !!binary aGVsbG8=\n")) == "yaml-feature");
    CHECK(rules_of(parse("a: !custom x\n")) == "yaml-feature");
    CHECK(rules_of(parse("base: {x: 1}\n<<: {y: 2}\n")) == "yaml-feature");
}

TEST_CASE("an alias bomb costs nothing: aliases are never expanded") {
    std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    for (char name = 'b'; name <= 'j'; ++name) {
        bomb += std::string(1, name) + ": &" + name + " [";
        for (int i = 0; i < 9; ++i) {
            bomb += std::string(i ? "," : "") + "*" + static_cast<char>(name - 1);
        }
        bomb += "]\n";
    }
    const ParsedYaml parsed = parse(bomb);
    REQUIRE(parsed.root);
    CHECK(parsed.root->dump().size() < 2000);
    CHECK_FALSE(parsed.problems.empty());
}

TEST_CASE("a self-referencing alias does not loop") {
    const ParsedYaml parsed = parse("a: &x [1, *x]\n");
    CHECK(rules_of(parsed) == "yaml-feature,yaml-feature");
}

TEST_CASE("nesting past the limit stops with a place, even 10,000 deep") {
    std::string deep;
    for (int i = 0; i < 10000; ++i) {
        deep += "[";
    }
    const ParsedYaml flow = parse("a: " + deep + "\n");
    REQUIRE_FALSE(flow.problems.empty());
    CHECK_FALSE(flow.root);
    std::string block;
    for (int i = 0; i < 100; ++i) {
        block += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
    }
    const ParsedYaml nested = parse(block, YamlLimits{10, 1000});
    REQUIRE(nested.problems.size() == 1);
    CHECK(nested.problems[0].rule == "limits");
    CHECK(nested.problems[0].position.line == 11); // the root mapping is level 1
}

TEST_CASE("the node budget bounds work on wide documents") {
    std::string wide = "a: [";
    for (int i = 0; i < 5000; ++i) {
        wide += "1,";
    }
    wide += "1]\n";
    const ParsedYaml parsed = parse(wide, YamlLimits{64, 1000});
    CHECK(rules_of(parsed) == "limits");
}

TEST_CASE("one document holding one mapping") {
    CHECK(rules_of(parse("")) == "structure");
    CHECK(rules_of(parse("# only a comment\n")) == "structure");
    CHECK(rules_of(parse("- a\n- b\n")) == "structure");
    CHECK(rules_of(parse("just text\n")) == "structure");
    CHECK(rules_of(parse("a: 1\n---\nb: 2\n")) == "structure");
    CHECK(parse("a: 1\n---\nb: 2\n").problems[0].position.line == 2);
}

TEST_CASE("encodings other than UTF-8 are refused before parsing") {
    CHECK(rules_of(parse(std::string("\xFF\xFE"
                                     "a\0:\0 \0"
                                     "1\0",
                                     10))) == "encoding");
    CHECK(rules_of(parse(std::string("a\0:\0", 4))) == "encoding");
    const ParsedYaml invalid = parse("a: ok\nb: caf\xE9\n");
    REQUIRE(invalid.problems.size() == 1);
    CHECK(invalid.problems[0].rule == "encoding");
    CHECK(invalid.problems[0].position.line == 2);
    CHECK(invalid.problems[0].position.column == 7);
    CHECK(rules_of(parse("a: \xC0\xAF\n")) == "encoding");     // overlong
    CHECK(rules_of(parse("a: \xED\xA0\x80\n")) == "encoding"); // surrogate
}

TEST_CASE("a UTF-8 byte-order mark is reported, and the rest still parsed") {
    const ParsedYaml parsed = parse("\xEF\xBB\xBFid: FIX-001\n");
    CHECK(rules_of(parsed) == "encoding");
    REQUIRE(parsed.root);
    CHECK((*parsed.root)["id"] == "FIX-001");
}

TEST_CASE("control characters are refused with their place") {
    const ParsedYaml escape = parse("a: 1\nb: x\x1b[31m\n");
    REQUIRE(escape.problems.size() == 1);
    CHECK(escape.problems[0].position.line == 2);
    CHECK(escape.problems[0].message.find("U+001B") != std::string::npos);
    CHECK(rules_of(parse(std::string("a: x\0y\n", 7))) == "encoding");
}

TEST_CASE("tabs in indentation are refused; tabs in values and block scalars are fine") {
    const ParsedYaml tabbed = parse("a:\n\tb: 1\n");
    REQUIRE(tabbed.problems.size() == 1);
    CHECK(tabbed.problems[0].position.line == 2);
    CHECK(parse("a: x\ty\n").problems.empty());
    CHECK(parse("a: |\n  code:\n  \tindented with a tab\nb: 2\n").problems.empty());
}

TEST_CASE("syntax errors carry a line and column") {
    const ParsedYaml parsed = parse("a: 1\nb: [1, 2\nc: 3\n");
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].rule == "syntax");
    CHECK(parsed.problems[0].position.line >= 2);
}

TEST_CASE("pointer tokens escape ~ and /") {
    CHECK(pointer_token("a/b~c") == "a~1b~0c");
}
