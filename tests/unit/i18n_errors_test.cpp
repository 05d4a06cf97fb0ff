// Loader findings and errors of lib/ in both languages: the sentences composed around
// libyaml's problems, the file checks, and errors that stop a command.

#include "lib/catalog/catalog.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/model/document.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/workspace/workspace.hpp"
#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace cswm;
using i18n::Language;

namespace {

bool has_chinese(const std::string& text) {
    // Any code point of the CJK Unified Ideographs block, U+4E00..U+9FFF (E4 B8 80 .. E9 BF BF).
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead >= 0xE4 && lead <= 0xE9) {
            return true;
        }
    }
    return false;
}

std::vector<YamlProblem> problems_in(std::string_view text, Language language) {
    i18n::set_language(language);
    std::vector<YamlProblem> problems = parse_yaml_document(text, YamlLimits{}).problems;
    i18n::set_language(Language::en);
    return problems;
}

/// Broken documents that reach the loader's sentences: libyaml's syntax errors with and
/// without a context, the text checks before it, YAML features refused, structure.
const char* const k_broken[] = {
    "a: [1, 2\nb: 3\n",
    "a: {x: 1\n",
    "a: [1, 2\n",
    "a:\n  b: 1\n c: 2\n",
    "a:\n  - x\n  y: 1\n",
    "a: b: c\n",
    "a: @x\n",
    "a: `x\n",
    "a: \"\\q\"\n",
    "a: \"\\xZZ\"\n",
    "a: |0\n  x\n",
    "a: 'x' y\n",
    "a: 'open\nb: 1\n",
    "a: \"open\n",
    "key\nb: 1\n",
    "a: 1\n...\nb: 2\n",
    "a: *\n",
    "a: &\n",
    "a: !!str x\n",
    "a: &x 1\nb: *x\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "? [a]\n: 1\n",
    "a: 1\n---\nb: 2\n",
    "# only a comment\n",
    "- a\n- b\n",
    "just text\n",
    "~\n",
    "a:\n\tb: 1\n",
    "a:\n\u3000b: 1\n",
    "a\uff1a 1\nb: [\n",
    ("\xef\xbb\xbf"
     "a: 1\n"),
    "a: \xff\n",
    "a: 1\rb: 2\n",
    "a: \u2028\n",
    "a: \u2029\n",
    "a: \x01\n",
    "%FOO bar\n---\na: 1\n",
    "%YAML 2.0\n---\na: 1\n",
    "a:\n  - b\n c\n",
    "a: [1, 2]]\n",
};

} // namespace

TEST_CASE("every loader finding is a Chinese sentence in zh-TW and an English one in en") {
    for (const char* text : k_broken) {
        CAPTURE(text);
        const std::vector<YamlProblem> en = problems_in(text, Language::en);
        const std::vector<YamlProblem> zh = problems_in(text, Language::zh_TW);
        REQUIRE(en.size() == zh.size());
        for (std::size_t i = 0; i < en.size(); ++i) {
            CAPTURE(en[i].message);
            CAPTURE(zh[i].message);
            CHECK(en[i].rule == zh[i].rule);
            CHECK(en[i].position.line == zh[i].position.line);
            CHECK(en[i].position.column == zh[i].position.column);
            CHECK(has_chinese(zh[i].message));
            // The English says "：" only when it names the full-width colon it found.
            CHECK((!has_chinese(en[i].message) || en[i].message.find("U+FF1A") != std::string::npos));
            // No English sentence composed into the Chinese one ("the list … that opens at").
            CHECK(zh[i].message.find(" the ") == std::string::npos);
            CHECK(zh[i].message.find(" at ") == std::string::npos);
        }
    }
}

TEST_CASE("loader findings: the wording of a few, in both languages") {
    auto first = [](std::string_view text, Language language) { return problems_in(text, language).at(0).message; };
    CHECK(first("a: [1, 2\nb: 3\n", Language::en) ==
          "YAML syntax error: the list in brackets '[' that opens at 1:4 is not closed: ']' or ',' is missing here");
    CHECK(first("a: [1, 2\nb: 3\n", Language::zh_TW) ==
          "YAML 語法錯誤：從第 1 行第 4 欄開始、以方括號「[」括住的清單沒有結束：此處缺少「]」或「,」");
    CHECK(first("a: {x: 1\n", Language::en) ==
          "YAML syntax error: the mapping in braces '{' that opens at 1:4 is not closed: the file ends inside it");
    CHECK(first("a: {x: 1\n", Language::zh_TW) ==
          "YAML 語法錯誤：從第 1 行第 4 欄開始、以大括號「{」括住的鍵值對應沒有結束：檔案在其中就結束了");
    CHECK(first("a: 1\na: 2\n", Language::zh_TW) == "重複的鍵「a」（第一次出現在第 1 行）：兩個值之一會遺失");
    CHECK(first("a: \xff\n", Language::en) == "invalid UTF-8 (byte 0xff): save the file as UTF-8");
    CHECK(first("a: \xff\n", Language::zh_TW) == "無效的 UTF-8（位元組 0xff）：請將檔案另存為 UTF-8");
    CHECK(first("a: \u2028\n", Language::zh_TW) ==
          "文件中不可有行分隔字元 U+2028：各家 YAML 讀取程式對它是否結束一行看法不一");
}

TEST_CASE("a limit of .cswm.yaml is named in the finding in either language") {
    const YamlLimits limits{8, 1000};
    std::string deep = "a: ";
    for (int i = 0; i < 10; ++i) {
        deep += "[";
    }
    for (int i = 0; i < 10; ++i) {
        deep += "]";
    }
    deep += "\n";
    for (const Language language : {Language::en, Language::zh_TW}) {
        i18n::set_language(language);
        Document document;
        parse_document_bytes(document, deep, limits, Catalog::builtin());
        REQUIRE_FALSE(document.findings.empty());
        CAPTURE(document.findings.front().message);
        CHECK(document.findings.front().message ==
              (language == Language::en ? "nesting too deep (more than 8 levels) (limits.max_depth in .cswm.yaml)"
                                        : "巢狀層次太深（超過 8 層）（.cswm.yaml 的 limits.max_depth）"));
    }
    i18n::set_language(Language::en);
}

TEST_CASE("errors of lib/util/files in the chosen language; strerror's own text kept") {
    const std::filesystem::path missing = std::filesystem::temp_directory_path() / "cswm-i18n-errors-no-such-file";
    i18n::set_language(Language::zh_TW);
    std::string message;
    try {
        (void)read_file_or_throw(missing);
    } catch (const Error& error) {
        message = error.what();
    }
    i18n::set_language(Language::en);
    CHECK(message == "無法讀取 " + missing.string() + "：No such file or directory");
    i18n::set_language(Language::zh_TW);
    try {
        (void)read_file_or_throw(std::filesystem::temp_directory_path());
    } catch (const Error& error) {
        message = error.what();
    }
    i18n::set_language(Language::en);
    CHECK(message == std::filesystem::temp_directory_path().string() + "：是資料夾，不是一般檔案");
}
