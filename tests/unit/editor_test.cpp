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

namespace {

/// A log review as `cswm logscan --into` appends it, keys in the scaffold's order.
nlohmann::ordered_json review_item() {
    nlohmann::ordered_json item;
    item["date"] = "2026-11-30";
    item["reviewer"] = "Jun-Hao Lin";
    item["sources"] = {"logs/app.log"};
    item["range"] = {{"from", "2026-11-23T00:00:00+08:00"}, {"to", nullptr}};
    item["result"] = "attention";
    item["findings"] = {{{"signature", "disk <path> is <n>% full: # not a comment"}, {"count", 2}, {"is_new", true}}};
    return item;
}

const std::string k_review_text = "- date: 2026-11-30\n"
                                  "  reviewer: Jun-Hao Lin\n"
                                  "  sources: [logs/app.log]\n"
                                  "  range:\n"
                                  "    from: \"2026-11-23T00:00:00+08:00\"\n"
                                  "    to: null\n"
                                  "  result: attention\n"
                                  "  findings:\n"
                                  "    - signature: \"disk <path> is <n>% full: # not a comment\"\n"
                                  "      count: 2\n"
                                  "      is_new: true\n";

/// k_review_text indented by `spaces`.
std::string review_text(std::size_t spaces) {
    std::string text;
    std::size_t start = 0;
    while (start < k_review_text.size()) {
        const std::size_t end = k_review_text.find('\n', start) + 1;
        text += std::string(spaces, ' ') + k_review_text.substr(start, end - start);
        start = end;
    }
    return text;
}

std::string appended_item(const std::string& text) {
    YamlEditor editor(text, YamlLimits{});
    editor.append_mapping_to_list("/log_reviews", review_item());
    return editor.text();
}

} // namespace

TEST_CASE("a mapping is appended after the last line of the last item, indented like it") {
    const std::string before = "id: MLOG-007\n"
                               "log_reviews:\n"
                               "  - date: 2026-11-23\n"
                               "    findings:\n"
                               "      - signature: a\n"
                               "        level: warning\n"
                               "    notes: >-\n"
                               "      folded text\n"
                               "\n"
                               "      # still the folded text\n"
                               "    # a comment inside the item\n"
                               "\n"
                               "# P2.6.2 the next section\n"
                               "actions: []\n";
    const std::size_t end = before.find("\n# P2.6.2"); // after the item, before the blank line
    CHECK(appended_item(before) == before.substr(0, end) + review_text(2) + before.substr(end));
}

TEST_CASE("an empty, null or [] list becomes a block list under its key") {
    CHECK(appended_item("log_reviews: []   # one per review\nactions: []\n") ==
          "log_reviews:    # one per review\n" + review_text(2) + "actions: []\n");
    CHECK(appended_item("log_reviews: null\n") == "log_reviews:\n" + review_text(2));
    CHECK(appended_item("log_reviews:\nactions: []\n") == "log_reviews:\n" + review_text(2) + "actions: []\n");
}

TEST_CASE("items at the key's own column, CRLF, no final newline, and flow lists") {
    CHECK(appended_item("log_reviews:\n- date: 2026-11-23\nactions: []\n") ==
          "log_reviews:\n- date: 2026-11-23\n" + review_text(0) + "actions: []\n");
    std::string crlf = review_text(2);
    std::size_t at = 0;
    while ((at = crlf.find('\n', at)) != std::string::npos) {
        crlf.replace(at, 1, "\r\n");
        at += 2;
    }
    CHECK(appended_item("log_reviews:\r\n  - date: 2026-11-23\r\n") ==
          "log_reviews:\r\n  - date: 2026-11-23\r\n" + crlf);
    CHECK(appended_item("log_reviews:\n  - date: 2026-11-23") ==
          "log_reviews:\n  - date: 2026-11-23\n" + review_text(2));
    const std::string flow = appended_item("log_reviews: [{date: 2026-11-23}]\n");
    CHECK(flow.starts_with("log_reviews: [{date: 2026-11-23}, {\"date\":\"2026-11-30\","));
}

TEST_CASE("appending a mapping where there is no list, or inside a flow mapping, is refused") {
    YamlEditor editor("log_reviews: text\nother: {log_reviews: []}\n", YamlLimits{});
    CHECK_THROWS_WITH_AS(editor.append_mapping_to_list("/log_reviews", review_item()), "log_reviews is not a list",
                         Error);
    CHECK_THROWS_WITH_AS(editor.append_mapping_to_list("/missing", review_item()),
                         doctest::Contains("the document has no missing field"), Error);
    CHECK_THROWS_WITH_AS(editor.append_mapping_to_list("/other/log_reviews", review_item()),
                         doctest::Contains("inside a flow mapping"), Error);
    CHECK_THROWS_AS(editor.append_mapping_to_list("/log_reviews", nlohmann::ordered_json::object()), Error);
}

TEST_CASE("an empty value at the end of a file without a line break becomes a list (found by fuzzing)") {
    // The empty value's offset is the end of the text: nothing there is a `null` to remove.
    CHECK(appended("id: FIX-001\ncommits: ", "/commits", k_a) == "id: FIX-001\ncommits: \n  - " + k_a + "\n");
    YamlEditor editor("cy: ", YamlLimits{});
    editor.append_mapping_to_list("/cy", nlohmann::ordered_json{{"k", "v"}});
    CHECK(editor.text() == "cy: \n  - k: v\n");
}

TEST_CASE("insert_after a key that does not exist is refused with a message (found by fuzzing)") {
    YamlEditor editor("from: \n", YamlLimits{});
    CHECK_THROWS_AS(editor.insert_after("/no such field", "to", "x"), Error);
    CHECK(editor.text() == "from: \n");
}

TEST_CASE("set_scalar fills an empty value at the end of a file without a line break") {
    YamlEditor editor("id: TR-001\ncommit:", YamlLimits{});
    CHECK(editor.set_scalar("/commit", k_a));
    CHECK(editor.text() == "id: TR-001\ncommit: " + k_a);
}
