#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

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

/// The typing of plain scalars as it was written with std::regex before the hand-written
/// classifier replaced it: the reference the classifier must agree with on every input.
nlohmann::json reference_plain_scalar(const std::string& text) {
    if (text == "true" || text == "True" || text == "TRUE") {
        return true;
    }
    if (text == "false" || text == "False" || text == "FALSE") {
        return false;
    }
    static const std::regex decimal("[-+]?[0-9]+");
    static const std::regex octal("0o[0-7]+");
    static const std::regex hexadecimal("0x[0-9a-fA-F]+");
    static const std::regex floating(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (text.empty() || text.size() > 64) {
        return text;
    }
    const char first = text[0];
    if (!(first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9'))) {
        return text;
    }
    auto integer = [&](std::string_view digits, int base) -> nlohmann::json {
        if (!digits.empty() && digits[0] == '+') {
            digits.remove_prefix(1);
        }
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
        if (error == std::errc() && end == digits.data() + digits.size()) {
            return value;
        }
        return std::strtod(text.c_str(), nullptr);
    };
    if (std::regex_match(text, decimal)) {
        return integer(text, 10);
    }
    if (std::regex_match(text, octal)) {
        return integer(std::string_view(text).substr(2), 8);
    }
    if (std::regex_match(text, hexadecimal)) {
        return integer(std::string_view(text).substr(2), 16);
    }
    if (std::regex_match(text, floating)) {
        return std::strtod(text.c_str(), nullptr);
    }
    return text;
}

/// Same value and same JSON type (17 and 17.0 differ).
bool same_typing(const nlohmann::json& a, const nlohmann::json& b) {
    return a.type() == b.type() && a == b;
}

} // namespace

TEST_CASE("the plain-scalar classifier types exactly as the core-schema regexes did") {
    // YAML 1.2 core schema cases, and the near misses around each form.
    const std::vector<std::string> cases = {"0",
                                            "-0",
                                            "+0",
                                            "017",
                                            "-17",
                                            "+17",
                                            "12345678901234567890",
                                            "-9223372036854775808",
                                            "9223372036854775807",
                                            "9223372036854775808",
                                            "0o17",
                                            "0o",
                                            "0o8",
                                            "0O17",
                                            "-0o17",
                                            "+0o17",
                                            "0o777777777777777777777777",
                                            "0x1F",
                                            "0xff",
                                            "0X1F",
                                            "0x",
                                            "0xg",
                                            "-0x1F",
                                            "0x1e5",
                                            "0xFFFFFFFFFFFFFFFFFF",
                                            "1.5",
                                            "-1.5",
                                            "+1.5",
                                            ".5",
                                            "-.5",
                                            "+.5",
                                            "5.",
                                            "1e5",
                                            "1E5",
                                            "1e+5",
                                            "1e-5",
                                            "1.5e3",
                                            ".5e3",
                                            "5.e3",
                                            "1e",
                                            "1e+",
                                            ".e3",
                                            ".",
                                            "-.",
                                            "+",
                                            "-",
                                            "1.2.3",
                                            "1_000",
                                            ".inf",
                                            "-.inf",
                                            ".Inf",
                                            ".nan",
                                            ".NaN",
                                            "2026-01-05",
                                            "2.4.0",
                                            "v2.4",
                                            "1:30",
                                            "1 2",
                                            "0b101",
                                            "true",
                                            "True",
                                            "TRUE",
                                            "tRUE",
                                            "false",
                                            "False",
                                            "FALSE",
                                            "yes",
                                            "no",
                                            "on",
                                            "off",
                                            "null",
                                            "~",
                                            "",
                                            "1e400",
                                            "-1e400",
                                            "0.0000000000000000000000001",
                                            std::string(64, '1'),
                                            std::string(65, '1'),
                                            "REQ-001",
                                            "- 1",
                                            "+-1",
                                            "--1",
                                            "1-",
                                            "1e5x",
                                            "٣"};
    for (const std::string& text : cases) {
        CAPTURE(text);
        CHECK(same_typing(type_plain_scalar(text), reference_plain_scalar(text)));
    }
    // Every string of up to four characters over the characters that matter.
    const std::string alphabet = "0179+-.eEoxXaF";
    std::vector<std::string> current = {""};
    std::size_t compared = 0;
    for (int length = 1; length <= 4; ++length) {
        std::vector<std::string> next;
        for (const std::string& prefix : current) {
            for (const char c : alphabet) {
                next.push_back(prefix + c);
            }
        }
        for (const std::string& text : next) {
            if (!same_typing(type_plain_scalar(text), reference_plain_scalar(text))) {
                FAIL_CHECK("typed differently: " << text);
            }
            ++compared;
        }
        current = std::move(next);
    }
    CHECK(compared > 40000);
}

TEST_CASE("node places are found by pointer; a pointer without a node is not") {
    const ParsedYaml parsed = parse("b: 1\na:\n  - x\n  - {k: v}\n");
    REQUIRE(parsed.root);
    CHECK(parsed.places().size() == 6); // "", /b, /a, /a/0, /a/1 and /a/1/k
    CHECK(parsed.places().at("/a/1/k").value.line == 4);
    CHECK(parsed.places().at("/b").key.column == 1);
    CHECK(parsed.places().contains(""));
    CHECK(parsed.places().find("/a/2") == nullptr);
    CHECK(parsed.places().find("/a/1/") == nullptr);
    CHECK_THROWS_AS(parsed.places().at("/c"), std::out_of_range);
    CHECK(parsed.place_of("/a/1/k/deeper").value.line == 4); // the nearest ancestor
}

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
    CHECK(parsed.places().at("/title").key.line == 1);
    CHECK(parsed.places().at("/title").value.column == 8);
    CHECK(parsed.places().at("/list/0/id").key.line == 3);
    CHECK(parsed.places().at("/list/0/id").key.column == 5);
    CHECK(parsed.places().at("/list/0/id").value.column == 9);
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

TEST_CASE("duplicate keys: each repeat names the first's line, in nested maps and by the thousand") {
    // Places are listed, not hashed, while parsing; a repeat looks the first one up in an
    // index made at the first repeat and kept up to date (not a search per repeat).
    std::string text = "id: X\nnested:\n  a: 1\n  b: 2\n  a: 3\nlist:\n  - {k: 1, k: 2}\n";
    for (int i = 0; i < 3000; ++i) {
        text += "id: again\n";
    }
    const ParsedYaml parsed = parse(text);
    REQUIRE(parsed.problems.size() == 3002);
    CHECK(parsed.problems[0].position.line == 5);
    CHECK(parsed.problems[0].message.find("first at line 3") != std::string::npos);
    CHECK(parsed.problems[1].position.line == 7);
    CHECK(parsed.problems[1].message.find("first at line 7") != std::string::npos);
    for (std::size_t i = 2; i < parsed.problems.size(); ++i) {
        CHECK(parsed.problems[i].message.find("first at line 1") != std::string::npos);
    }
    CHECK((*parsed.root)["id"] == "X");
    CHECK((*parsed.root)["nested"]["a"] == 1);
    CHECK(parsed.places().at("/nested/a").key.line == 3);
    CHECK(parsed.places().at("/list/0/k").key.line == 7);
    CHECK(parsed.places().size() == 8); // "", id, nested, a, b, list, list/0, list/0/k: none for the repeats
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

// --- edges of libyaml, the parser under the loader ---------------------------------------

TEST_CASE("UTF-16 and UTF-32 text is refused by our checks before libyaml could transcode it") {
    // libyaml detects UTF-16 by its byte-order mark and would read it; we do not.
    const std::string utf16be("\xFE\xFF\0a\0:\0 \0"
                              "1\0\n",
                              12);
    CHECK(rules_of(parse(utf16be)) == "encoding");
    CHECK(parse(utf16be).problems[0].message.find("UTF-16") != std::string::npos);
    const std::string utf16le_no_bom("a\0:\0 \0"
                                     "1\0\n\0",
                                     10);
    CHECK(rules_of(parse(utf16le_no_bom)) == "encoding");
    const std::string utf32le("\xFF\xFE\0\0a\0\0\0", 8);
    CHECK(parse(utf32le).problems[0].message.find("UTF-32") != std::string::npos);
}

TEST_CASE("100,000 levels of [ are refused at the depth limit, without deep recursion") {
    const std::string deep = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    const ParsedYaml parsed = parse(deep);
    CHECK_FALSE(parsed.root);
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].rule == "limits");
    CHECK(parsed.problems[0].position.line == 1);
    CHECK(parsed.problems[0].position.column == 3 + 64); // the 64th '[' opens level 65
    // The same for braces, and with nothing closing them (each '{' inside braces is a key
    // that is a mapping: refused as well, until the limit stops it all).
    const ParsedYaml braces = parse("a: " + std::string(100000, '{'));
    CHECK_FALSE(braces.root);
    REQUIRE_FALSE(braces.problems.empty());
    CHECK(braces.problems.back().rule == "limits");
    CHECK(braces.problems.size() <= 64);
}

TEST_CASE("a huge flow list on one line parses, with the place of every item") {
    std::string wide = "a: [";
    for (int i = 0; i < 100000; ++i) {
        wide += (i ? ", " : "") + std::to_string(i);
    }
    wide += "]\n";
    const ParsedYaml parsed = parse(wide);
    REQUIRE(parsed.root);
    CHECK(parsed.problems.empty());
    CHECK((*parsed.root)["a"].size() == 100000);
    CHECK((*parsed.root)["a"][99999] == 99999);
    CHECK(parsed.places().at("/a/99999").value.column == static_cast<int>(wide.size()) - 6);
    // Past the node budget: stopped with a place on that line.
    const ParsedYaml bounded = parse(wide, YamlLimits{64, 50000});
    CHECK(rules_of(bounded) == "limits");
    CHECK(bounded.problems[0].position.line == 1);
}

TEST_CASE("%YAML 1.1 and 1.2 directives are read; other versions are a syntax error; %TAG alone is harmless") {
    CHECK(parse("%YAML 1.2\n---\na: 1\n").problems.empty());
    CHECK(parse("%YAML 1.1\n---\na: 1\n").problems.empty());
    const ParsedYaml future = parse("%YAML 2.0\n---\na: 1\n");
    CHECK(rules_of(future) == "syntax");
    CHECK(future.problems[0].message.find("%YAML") != std::string::npos);
    CHECK_FALSE(future.root);
    CHECK(parse("%TAG !e! tag:example.com,2026:\n---\na: 1\n").problems.empty());
    // A tag through that handle is still a tag.
    CHECK(rules_of(parse("%TAG !e! tag:example.com,2026:\n---\na: !e!x 1\n")) == "yaml-feature");
    CHECK(rules_of(parse("%YAML 1.2\n%YAML 1.2\n---\na: 1\n")) == "syntax");
}

TEST_CASE("--- and ... markers around one document are fine; a second document is refused") {
    const ParsedYaml marked = parse("---\na: 1\n...\n");
    CHECK(marked.problems.empty());
    REQUIRE(marked.root);
    CHECK(marked.places().at("/a").key.line == 2);
    CHECK(parse("# head\n---\na: 1\n...\n# tail\n").problems.empty());
    const ParsedYaml second = parse("---\na: 1\n---\nb: 2\n");
    CHECK(rules_of(second) == "structure");
    CHECK(second.problems[0].position.line == 3);
    CHECK(rules_of(parse("a: 1\n...\nb: 2\n")) == "syntax"); // text after the end marker
    CHECK(rules_of(parse("---\n")) == "structure");          // an empty document
    CHECK(rules_of(parse("---\n...\n")) == "structure");
}

TEST_CASE("very long scalars parse whole, plain, quoted and block") {
    const std::string word(2'000'000, 'x');
    const ParsedYaml plain = parse("a: " + word + "\nb: 1\n");
    REQUIRE(plain.root);
    CHECK((*plain.root)["a"].get<std::string>().size() == word.size());
    CHECK(plain.places().at("/b").key.line == 2);
    const ParsedYaml quoted = parse("a: \"" + word + "\"\n");
    REQUIRE(quoted.root);
    CHECK((*quoted.root)["a"].get<std::string>().size() == word.size());
    const ParsedYaml block = parse("a: |\n  " + word + "\n  " + word + "\nb: 2\n");
    REQUIRE(block.root);
    CHECK((*block.root)["a"].get<std::string>().size() == 2 * word.size() + 2);
    CHECK(block.places().at("/b").key.line == 4);
}

TEST_CASE("columns count characters and lines count line feeds, past wide characters and CRLF") {
    const ParsedYaml parsed = parse("title: 登入逾時\r\nb: é\r\nlist: [中, 文, x]\r\n");
    REQUIRE(parsed.root);
    CHECK(parsed.problems.empty());
    CHECK((*parsed.root)["b"] == "é");
    CHECK(parsed.places().at("/b").key.line == 2);
    CHECK(parsed.places().at("/b").value.column == 4);
    CHECK(parsed.places().at("/list/2").value.line == 3);
    CHECK(parsed.places().at("/list/2").value.column == 14);
    // Byte offsets stay bytes: the editor cuts the text by them.
    const std::string text = "title: 登入逾時\nb: 1\n";
    const ParsedYaml offsets = parse(text);
    CHECK(offsets.places().at("/b").value_offset == text.find("1\n"));
    CHECK(offsets.places().at("/b").key_offset == text.find("b:"));
}

TEST_CASE("an empty value is placed at its key, and its offset is the next token, as the editor expects") {
    const std::string text = "a:\n# note\nb: ~\nc:\n";
    const ParsedYaml parsed = parse(text);
    REQUIRE(parsed.root);
    CHECK((*parsed.root)["a"].is_null());
    CHECK(parsed.places().at("/a").value.line == 1);
    CHECK(parsed.places().at("/a").value_offset == text.find("b: ~"));
    CHECK(parsed.places().at("/b").value_offset == text.find('~'));
    CHECK(parsed.places().at("/c").value_offset == text.size()); // the end of the text
    const ParsedYaml flow = parse("a: {x: , y: 1}\n");
    REQUIRE(flow.root);
    CHECK((*flow.root)["a"]["x"].is_null());
}

TEST_CASE("line and paragraph separators (U+2028, U+2029) are refused: YAML readers disagree on them") {
    const ParsedYaml parsed = parse("a: 1\nb: x\u2028y\n");
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].rule == "encoding");
    CHECK(parsed.problems[0].position.line == 2);
    CHECK(parsed.problems[0].position.column == 5);
    CHECK(rules_of(parse("a: x\u2029y\n")) == "encoding");
}

TEST_CASE("syntax errors say what is wrong where, in words") {
    auto message = [](const std::string& text) {
        const ParsedYaml parsed = parse(text);
        REQUIRE(parsed.problems.size() == 1);
        CHECK(parsed.problems[0].rule == "syntax");
        CHECK_FALSE(parsed.root);
        return std::to_string(parsed.problems[0].position.line) + ":" +
               std::to_string(parsed.problems[0].position.column) + " " + parsed.problems[0].message;
    };
    CHECK(message("id: [\n") ==
          "2:1 YAML syntax error: the list in brackets '[' that opens at 1:5 is not closed: the file ends inside it");
    CHECK(message("a: {b: 1\nc: 2\n") == "2:2 YAML syntax error: the mapping in braces '{' that opens at 1:4 is not "
                                         "closed: '}' or ',' is missing here");
    CHECK(message("notes: twice each: resumed\n")
              .starts_with("1:18 YAML syntax error: a ': ' here would start a key "
                           "inside a value: put the value in quotes"));
    CHECK(message("a:\n  - x\n  y: 1\n") == "3:3 YAML syntax error: this line is not indented as an item '- ' of "
                                            "the list that starts at 2:3: check its indentation");
    CHECK(message("a: x\n\nb\n") ==
          "3:1 YAML syntax error: the key that starts here has no ':' after it: write 'key: value', or "
          "indent the line if it continues the value above");
    CHECK(message("a: @x\n") == "1:4 YAML syntax error: a value cannot start with '@': put the value in quotes");
    CHECK(message("a: 1\nb: \"open\n") == "2:4 the quoted value that starts here is never closed");
    CHECK(message("a: 'it''s\n") == "1:4 the quoted value that starts here is never closed");
    CHECK(message("a: \"\\q\"\n").starts_with("1:5 YAML syntax error: unknown escape in a double-quoted value"));
    CHECK(message("a:\n  - !\"x\"\n") == "2:6 YAML syntax error: '!' at 2:5 starts a tag, and tags are not "
                                         "allowed in documents: put the value in quotes");
    CHECK(message("a: 1\n%\n")
              .starts_with("2:2 YAML syntax error: a line that starts with '%' (2:1) is read "
                           "as a directive"));
    CHECK(message("a: [1, 2]]\n")
              .starts_with("1:10 YAML syntax error: ']' cannot follow a value of the mapping "
                           "that starts at 1:1"));
}

TEST_CASE("libyaml reads what yaml-cpp got wrong: a key over two lines is refused, '?' inside flow text is text") {
    // yaml-cpp took "summary\nnext" as one key; a key must be on one line.
    CHECK(rules_of(parse("a: 1\nsummary\nnext: 2\n")) == "syntax");
    // yaml-cpp said "unknown token" for a '?' inside a plain value in braces.
    const ParsedYaml flow = parse("cost: {basis: volume tier?of the contract}\n");
    REQUIRE(flow.root);
    CHECK((*flow.root)["cost"]["basis"] == "volume tier?of the contract");
}
