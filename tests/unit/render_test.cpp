#include "lib/catalog/catalog.hpp"
#include "lib/model/document.hpp"
#include "lib/render/labels.hpp"
#include "lib/render/markdown.hpp"
#include "lib/render/page.hpp"
#include "lib/util/dates_zone.hpp"
#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>
#include <string>

using namespace cswm;
using namespace cswm::render;
using nlohmann::json;

namespace {

Document load(const std::string& path, const std::string& text) {
    Document document;
    document.path = path;
    document.yaml = parse_yaml_document(text, YamlLimits{});
    REQUIRE(document.parsed());
    document.id = document.data().value("id", "");
    document.title = document.data().value("title", "");
    document.status = document.data().value("status", "");
    document.kind = Catalog::builtin().find(document.data().value("kind", ""));
    return document;
}

/// What cmark-gfm prints for text in a paragraph: its own escaping of the four characters.
std::string html_text(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

/// Every property name of a schema, at any depth.
void property_names(const json& schema, std::set<std::string>& out) {
    if (schema.is_object()) {
        if (const auto properties = schema.find("properties"); properties != schema.end() && properties->is_object()) {
            for (const auto& [key, value] : properties->items()) {
                out.insert(key);
            }
        }
        for (const auto& [key, value] : schema.items()) {
            property_names(value, out);
        }
    } else if (schema.is_array()) {
        for (const json& item : schema) {
            property_names(item, out);
        }
    }
}

void enum_values(const json& schema, std::set<std::string>& out) {
    if (schema.is_object()) {
        if (const auto values = schema.find("enum"); values != schema.end() && values->is_array()) {
            for (const json& value : *values) {
                if (value.is_string()) {
                    out.insert(value.get<std::string>());
                } else if (value.is_number()) {
                    out.insert(value.dump());
                }
            }
        }
        for (const auto& [key, value] : schema.items()) {
            enum_values(value, out);
        }
    } else if (schema.is_array()) {
        for (const json& item : schema) {
            enum_values(item, out);
        }
    }
}

/// True when `path` (dotted, lists stepped through) names a property of `schema`.
bool schema_has_path(const json& schema, std::string_view path) {
    const json* node = &schema;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = std::min(path.find('.', start), path.size());
        const std::string key(path.substr(start, dot - start));
        while (node->contains("items") && !node->contains("properties")) {
            node = &node->at("items");
        }
        if (!node->contains("properties") || !node->at("properties").contains(key)) {
            return false;
        }
        node = &node->at("properties").at(key);
        start = dot + 1;
    }
    return true;
}

std::string scaffold_text(const Kind& kind, const std::string& language) {
    std::string text = kind.scaffolds.at(language);
    const std::pair<const char*, const char*> variables[] = {{"{{{id}}}", "\"XX-001\""},
                                                             {"{{{title}}}", "\"A title\""},
                                                             {"{{{owner}}}", "\"Ann Lee\""},
                                                             {"{{{created}}}", "\"2026-01-05\""}};
    for (const auto& [variable, value] : variables) {
        for (std::size_t at = text.find(variable); at != std::string::npos; at = text.find(variable)) {
            text.replace(at, std::string_view(variable).size(), value);
        }
    }
    const std::string id = kind.prefix + "-001";
    for (std::size_t at = text.find("XX-001"); at != std::string::npos; at = text.find("XX-001")) {
        text.replace(at, 6, id);
    }
    return text;
}

} // namespace

TEST_CASE("markdown_escape neutralises every inline construct") {
    CHECK(markdown_escape("a|b") == "a\\|b");
    CHECK(markdown_escape("*bold* _it_ `code`") == "\\*bold\\* \\_it\\_ \\`code\\`");
    CHECK(markdown_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
    CHECK(markdown_escape("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))");
    CHECK(markdown_escape("&amp; ~~x~~ \\") == "\\&amp; \\~\\~x\\~\\~ \\\\");
    CHECK(markdown_escape("# heading") == "\\# heading");
    CHECK(markdown_escape("- item") == "\\- item");
    CHECK(markdown_escape("---") == "\\---");
    CHECK(markdown_escape("+ item") == "\\+ item");
    CHECK(markdown_escape("12. item") == "12\\. item");
    CHECK(markdown_escape("3) item") == "3\\) item");
    CHECK(markdown_escape("v2.4 -x 2.4") == "v2.4 -x 2.4"); // no needless escapes
    CHECK(markdown_escape("one\ntwo\r\nthree") == "one two three");
    CHECK(markdown_escape("    indented  ") == "indented");
    CHECK(markdown_escape("測試報告｜第一頁") == "測試報告｜第一頁");
}

TEST_CASE("escaped text reads back as the same characters through cmark-gfm") {
    const std::string hostile[] = {
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "![img](http://evil.example/x.png)",
        "<http://evil.example>",
        "&lt;b&gt; &#x3C;script&#x3E;",
        "*a* **b** _c_ __d__ `e` ~~f~~",
        "# not a heading",
        "> not a quote",
        "1. not a list",
        "- not a list",
        "a | b | c",
        "back\\slash\\",
        "<!-- comment -->",
        "[ref]: http://evil.example",
        "測試 <b>粗體</b> 完成",
    };
    for (const std::string& text : hostile) {
        CAPTURE(text);
        CHECK(markdown_to_html(markdown_escape(text)) == "<p>" + html_text(text) + "</p>\n");
    }
}

TEST_CASE("escaped text stays in its table cell") {
    const std::string table = "| h |\n| --- |\n| " + markdown_escape("x | y <i>z</i>") + " |\n";
    CHECK(markdown_to_html(table).find("<td>x | y &lt;i&gt;z&lt;/i&gt;</td>") != std::string::npos);
}

TEST_CASE("markdown_paragraphs keeps lines and paragraphs, escaping each line") {
    CHECK(markdown_paragraphs("first\n# second\n\n- third\n") == "first\\\n\\# second\n\n\\- third");
    CHECK(markdown_to_html(markdown_paragraphs("a\nb\n\nc")) == "<p>a<br />\nb</p>\n<p>c</p>\n");
}

TEST_CASE("cmark-gfm's safe mode drops raw HTML and javascript: links") {
    const std::string html = markdown_to_html("<script>x</script>\n\n[a](javascript:alert(1)) <b>b</b>\n");
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("javascript:") == std::string::npos);
}

TEST_CASE("only http and https URLs become links") {
    CHECK(is_linkable_url("https://ci.example/jobs/1"));
    CHECK(is_linkable_url("http://x.example/a?b=c&d=e#f"));
    CHECK_FALSE(is_linkable_url("javascript:alert(1)"));
    CHECK_FALSE(is_linkable_url("https://x.example/a b"));
    CHECK_FALSE(is_linkable_url("https://x.example/a)b"));
    CHECK_FALSE(is_linkable_url("data:text/html,<script>"));
    CHECK_FALSE(is_linkable_url("HTTPS://x.example"));
}

TEST_CASE("labels: both languages have the same keys, and no field or value of any kind lacks one") {
    const Labels& en = Labels::builtin("en");
    const Labels& zh = Labels::builtin("zh-TW");
    for (const char* section : {"ui", "fields", "values"}) {
        CAPTURE(section);
        std::set<std::string> en_keys;
        std::set<std::string> zh_keys;
        for (const auto& [key, value] : en.table().at(section).items()) {
            en_keys.insert(key);
        }
        for (const auto& item : zh.table().at(section).items()) { // doctest's macros can't capture bindings
            zh_keys.insert(item.key());
            CHECK_MESSAGE(item.value().is_string(), item.key());
        }
        CHECK(en_keys == zh_keys);
    }
    CHECK(en.table().at("kinds").size() == zh.table().at("kinds").size());
    for (const Kind& kind : Catalog::builtin().kinds()) {
        CAPTURE(kind.name);
        std::set<std::string> names;
        property_names(kind.schema, names);
        CHECK_FALSE(names.empty());
        for (const std::string& name : names) {
            CAPTURE(name);
            CHECK(en.table().at("fields").contains(name));
            CHECK(zh.table().at("fields").contains(name));
        }
        std::set<std::string> values;
        enum_values(kind.schema, values);
        for (const std::string& value : values) {
            CAPTURE(value);
            CHECK(zh.table().at("values").contains(value));
            CHECK(en.table().at("values").contains(value));
        }
        for (const Labels* labels : {&en, &zh}) {
            const json& overrides = labels->table().at("kinds");
            if (overrides.contains(kind.name)) {
                for (const auto& item : overrides.at(kind.name).items()) {
                    const std::string& path = item.key();
                    CAPTURE(path);
                    CHECK(schema_has_path(kind.schema, path));
                    CHECK(en.table().at("kinds").at(kind.name).contains(path));
                    CHECK(zh.table().at("kinds").at(kind.name).contains(path));
                }
            }
        }
    }
    for (const auto& item : en.table().at("kinds").items()) {
        CHECK_MESSAGE(Catalog::builtin().find(item.key()) != nullptr, item.key());
    }
    CHECK(zh.field("test-report", "version") == "受測版本");
    CHECK(zh.field("srs", "version") == "版次");
    CHECK(zh.field("test-report", "results.case") == "測試案例");
    CHECK(zh.value("passed") == "通過");
    CHECK(zh.value("not-a-vocabulary-word") == "not-a-vocabulary-word");
    CHECK_THROWS(Labels::builtin("fr"));
}

TEST_CASE("every kind's scaffold renders in both languages, with the kind's name and every label") {
    for (const Kind& kind : Catalog::builtin().kinds()) {
        for (const std::string& language : k_languages) {
            CAPTURE(kind.name);
            CAPTURE(language);
            const Document document = load("maint/x.yaml", scaffold_text(kind, language));
            PageInput input;
            input.document = &document;
            input.in_repository = false;
            const std::string page = document_markdown(input, PageOptions{language, "md"});
            CHECK(page.starts_with("# " + kind.display_name(language) + "\n"));
            CHECK(page.find(kind.prefix + "-001") != std::string::npos);
            CHECK(page == document_markdown(input, PageOptions{language, "md"})); // deterministic
            // A label missing from the tables would show as its raw key.
            for (const char* key : {"| document_id |", "| general |", "## sign_off", "## findings"}) {
                CHECK(page.find(key) == std::string::npos);
            }
            const std::string html = document_html(input, language);
            CHECK(html.find(fmt::format("<html lang=\"{}\">", language)) != std::string::npos);
            CHECK(html.find("<script") == std::string::npos);
        }
    }
}

TEST_CASE("a hostile document renders as text: no HTML, no script link, no broken table") {
    const Document document = load("maint/test-report/TR-001-x.yaml", R"yaml(kind: test-report
id: TR-001
title: "<script>alert('t')</script>"
status: draft
owner: "Eve <img src=x onerror=alert(1)>"
created: 2026-01-05
quality_spec: QS-001
environment:
  name: "[click](javascript:alert(1))"
  endpoint: "javascript:alert(1)"
  details: "a | b | c"
results:
  - case: TC-001
    outcome: failed
    actual: "<iframe src=https://evil.example></iframe> **bold** | pipe"
    evidence: ["https://ci.example/1", "javascript:alert(2)"]
conclusion:
  description: |
    # not a heading
    <script>alert(3)</script>
)yaml");
    PageInput input;
    input.document = &document;
    input.in_repository = false;
    const std::map<std::string, std::string> targets{{"QS-001", "QS-001"}, {"TC-001", "QS-001"}};
    input.targets = &targets;
    input.findings.push_back({Severity::error, "schema", document.path, 3, 8, "TR-001", "bad <b>value</b>"});
    const std::string markdown = document_markdown(input, PageOptions{"en", "md"});
    CHECK(markdown.find("[QS-001](QS-001.md)") != std::string::npos);
    CHECK(markdown.find("[TC-001](QS-001.md)") != std::string::npos);
    CHECK(markdown.find("[https://ci.example/1](https://ci.example/1)") != std::string::npos);
    const std::string html = document_html(input, "en");
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<iframe") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("href=\"javascript") == std::string::npos);
    CHECK(html.find("<strong>") == std::string::npos);
    CHECK(html.find("<h1>Test report</h1>") != std::string::npos);
    CHECK(html.find("href=\"QS-001.html\"") != std::string::npos);
    CHECK(html.find("&lt;script&gt;alert('t')&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<td>a | b | c</td>") != std::string::npos);
    CHECK(html.find("bad &lt;b&gt;value&lt;/b&gt;") != std::string::npos);
    CHECK(html.find("# not a heading") != std::string::npos);
    CHECK(html.find("<title>TR-001 Test report — &lt;script&gt;") != std::string::npos);
}

TEST_CASE("a page shows the history, references, findings and commits it is given, and nothing else") {
    // Times are shown in the display zone (.cswm.yaml's time_zone): Taipei's here.
    const ScopedDisplayZone zone(TimeZone::from_posix("Asia/Taipei", "CST-8"));
    const std::string fix_sha = "0123456789abcdef0123456789abcdef01234567";
    const Document report = load("maint/test-report/TR-002-x.yaml", fmt::format(R"yaml(kind: test-report
id: TR-002
title: Run
status: in-review
owner: Ann Lee
created: 2026-01-05
commit: {}
results:
  - case: TC-001
    outcome: passed
  - case: TC-002
    actual: it broke
    outcome: failed
    fix: FIX-001
)yaml",
                                                                                fix_sha));
    const Document spec = load("maint/quality-spec/QS-001-x.yaml", R"yaml(kind: quality-spec
id: QS-001
title: Spec
status: draft
owner: Ann Lee
created: 2026-01-05
cases:
  - id: TC-001
  - id: TC-002
)yaml");
    const Document broken = load("maint/x.yaml", "kind: test-report\nid: ../../etc/passwd\n");
    const auto targets = page_targets({report, spec, broken});
    CHECK(targets == std::map<std::string, std::string>{
                         {"QS-001", "QS-001"}, {"TC-001", "QS-001"}, {"TC-002", "QS-001"}, {"TR-002", "TR-002"}});
    CHECK(named_commits(report) == std::vector<std::string>{fix_sha});
    CHECK(is_page_id("AREQ-0042"));
    CHECK_FALSE(is_page_id("../TR-001"));
    CHECK_FALSE(is_page_id("TR-01"));

    CommitInfo commit;
    commit.sha = "fedcba9876543210fedcba9876543210fedcba98";
    commit.author = "Ann Lee";
    commit.time = 1767574800; // 2026-01-05T01:00:00Z
    commit.offset_minutes = 480;
    commit.summary = "TR-002: *run* <b>done</b>";
    CommitInfo fix_commit = commit;
    fix_commit.sha = fix_sha;
    fix_commit.summary = "fix the upload";

    PageInput input;
    input.document = &report;
    input.targets = &targets;
    input.revisions = {{commit, report.path}};
    input.references = {{commit, {"TR-002"}}};
    input.commits = {{fix_sha, fix_commit}};
    input.uncommitted = true;
    input.shallow = true;
    const std::string page = document_markdown(input, PageOptions{"en", "md"});
    CAPTURE(page);
    CHECK(page.find("| 1 · `fedcba9` · 2026-01-05 09:00 +08:00 · uncommitted changes |") != std::string::npos);
    CHECK(page.find("| `fedcba9` | 2026-01-05 09:00 +08:00 | Ann Lee | TR-002: \\*run\\* \\<b\\>done\\</b\\> |") !=
          std::string::npos);
    CHECK(page.find("[TR-002](TR-002.md) |") != std::string::npos); // the reference's IDs
    CHECK(page.find(fmt::format("| `0123456` | `{}` | 2026-01-05 09:00 +08:00 | Ann Lee | fix the upload |",
                                fix_sha)) != std::string::npos);
    CHECK(page.find("The clone is shallow") != std::string::npos);
    CHECK(page.find("The file has changes not committed yet") != std::string::npos);
    // Columns merged in the order written: `actual` of the second row stays before `outcome`.
    CHECK(page.find("| Case | Actual | Outcome | Fix confirmation |") != std::string::npos);
    CHECK(page.find("| [TC-002](QS-001.md) | it broke | failed | FIX-001 |") != std::string::npos); // no page: no link
    CHECK(page.find("No findings") != std::string::npos);

    const std::string zh = document_markdown(input, PageOptions{"zh-TW", "html"});
    CHECK(zh.find("| 測試案例 | 實際結果 | 結果 | 修正問題確認單 |") != std::string::npos);
    CHECK(zh.find("[TC-001](QS-001.html) |  | 通過 |") != std::string::npos);
    CHECK(zh.find("2026-01-05（民國 115 年 1 月 5 日）") != std::string::npos);
    CHECK(zh.find("| 審核中 |") != std::string::npos);
}

TEST_CASE("the index links every page and counts its findings") {
    const std::vector<IndexEntry> entries{{"TR-002", "test-report", "Run | one", "approved", 1, 2},
                                          {"QS-001", "quality-spec", "Spec", "draft", 0, 0}};
    const std::string en = index_markdown(entries, PageOptions{"en", "md"});
    CHECK(en.starts_with("# Documents\n"));
    CHECK(en.find("| [TR-002](TR-002.md) | Test report | Run \\| one | approved | 1 error, 2 warning |") !=
          std::string::npos);
    CHECK(en.find("| [QS-001](QS-001.md) | Quality specification | Spec | draft | — |") != std::string::npos);
    const std::string html = index_html(entries, "zh-TW");
    CHECK(html.find("<a href=\"TR-002.html\">TR-002</a>") != std::string::npos);
    CHECK(html.find("<title>文件一覽</title>") != std::string::npos);
    CHECK(html.find("已核准") != std::string::npos);
}
