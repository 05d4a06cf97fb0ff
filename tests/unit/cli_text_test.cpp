#include "cmd/cli_text.hpp"
#include "cmd/manpage.hpp"
#include "lib/i18n/i18n.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace cswm;
using namespace cswm::cli;

namespace {

/// Sets the language for one test and puts English back after it.
struct InLanguage {
    explicit InLanguage(i18n::Language language) { i18n::set_language(language); }
    ~InLanguage() { i18n::set_language(i18n::Language::en); }
    InLanguage(const InLanguage&) = delete;
    InLanguage& operator=(const InLanguage&) = delete;
};

/// A small command line shaped like cswm's, built after the language was chosen (as
/// cswm builds it).
struct Line {
    CLI::App app{"cswm — test", "cswm"};
    std::string format;
    std::vector<std::string> ids;
    std::string by;
    std::string role;
    std::size_t top = 10;
    int jobs = 1;
    bool all = false;
    bool strict = false;

    Line() {
        app.formatter(help_formatter());
        CLI::App* check = app.add_subcommand("check", "Validate");
        check->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
        check->add_flag("--strict", strict, "Warnings fail");
        check->add_option("--top", top, "At most")->check(CLI::Range(1, 1000));
        check->add_option("--jobs", jobs, "Threads");
        CLI::App* render = app.add_subcommand("render", "Render");
        render->add_option("ID", ids, "IDs");
        render->add_flag("--all", all, "Every document")->excludes("ID");
        CLI::App* show = app.add_subcommand("show", "Show");
        show->add_option("ID", format, "ID")->required();
        CLI::App* review = app.add_subcommand("review", "Review");
        CLI::Option* by_option = review->add_option("--by", by, "Reviewer");
        review->add_option("--role", role, "Role")->needs(by_option);
        CLI::App* schema = app.add_subcommand("schema", "Schemas");
        schema->require_subcommand(1);
        schema->add_subcommand("export", "Export");
    }

    /// The message of the parse error of a command line, in the current language.
    std::string refuse(const std::string& words) {
        try {
            app.parse(words, false);
        } catch (const CLI::ParseError& error) {
            return parse_error_message(error);
        }
        return "(parsed)";
    }
};

} // namespace

TEST_CASE("cli_text: English help and errors are CLI11's own words") {
    InLanguage english(i18n::Language::en);
    Line line;
    const std::string help = line.app.get_subcommand("check")->help();
    CHECK(help.find("Usage: check [OPTIONS]") != std::string::npos);
    CHECK(help.find("\nOptions:\n") != std::string::npos);
    CHECK(Line().refuse("check --format yaml") == "--format: yaml not in {text,json}");
    CHECK(Line().refuse("show A B") == "The following argument was not expected: B");
    CHECK(Line().refuse("show") == "ID is required");
    CHECK(Line().refuse("render --all X") == "ID excludes --all");
}

TEST_CASE("cli_text: Chinese help layout and every kind of parse error cswm's options cause") {
    InLanguage chinese(i18n::Language::zh_TW);
    Line line;
    const std::string help = line.app.get_subcommand("render")->help();
    CAPTURE(help);
    CHECK(help.find("用法：render [選項] [ID...]") != std::string::npos);
    CHECK(help.find("\n位置參數：\n") != std::string::npos);
    CHECK(help.find("\n選項：\n") != std::string::npos);
    CHECK(help.find("--all 不可併用： ID") != std::string::npos);
    const std::string top = line.app.help();
    CHECK(top.find("\n子指令：\n") != std::string::npos);
    CHECK(top.find("Usage") == std::string::npos);

    CHECK(Line().refuse("check --format yaml") == "--format：yaml 不是可用的值 {text,json} 之一");
    CHECK(Line().refuse("check --format").starts_with("--format：缺少 1 個"));
    CHECK(Line().refuse("check --top 5000") == "--top：值 5000 不在 1 到 1000 的範圍內");
    // CLI::Range judges the text before it is converted: CLI11 says "not in range".
    CHECK(Line().refuse("check --top many") == "--top：值 many 不在 1 到 1000 的範圍內");
    CHECK(Line().refuse("check --jobs many") == "--jobs 的值 many 無法解讀");
    CHECK(Line().refuse("check --strict=maybe").starts_with("--strict"));
    CHECK(Line().refuse("show A B") == "無法辨識這個引數：B");
    // CLI11 2.1 names extra arguments last first ("C B"), in English too.
    CHECK(Line().refuse("show A B C").starts_with("無法辨識這些引數："));
    CHECK(Line().refuse("show A B C").find('B') != std::string::npos);
    CHECK(Line().refuse("show") == "缺少必要的 ID");
    CHECK(Line().refuse("schema") == "須指定子指令");
    CHECK(Line().refuse("render --all X") == "ID 不能與 --all 同時使用");
    CHECK(Line().refuse("review --role lead") == "--role 須搭配 --by 使用");
}

TEST_CASE("cli_text: a form of error not known keeps CLI11's text") {
    InLanguage chinese(i18n::Language::zh_TW);
    const CLI::ValidationError error("--x", "something new");
    CHECK(parse_error_message(error) == "--x: something new");
}

TEST_CASE("man pages in Chinese: the sections and the option descriptions of the language") {
    InLanguage chinese(i18n::Language::zh_TW);
    Line line;
    const std::string page = man_page(*line.app.get_subcommand("check"), "1.2.3");
    CAPTURE(page);
    CHECK(page.starts_with(".TH \"CSWM\\-CHECK\" \"1\" \"\" \"cswm 1.2.3\" \"使用者指令\"\n"));
    CHECK(page.find(".SH 名稱\ncswm\\-check \\- Validate\n") != std::string::npos);
    CHECK(page.find(".SH 選項\n") != std::string::npos);
    CHECK(page.find(".SH OPTIONS") == std::string::npos);
    const std::string top = man_page(line.app, "1.2.3");
    CHECK(top.find("\\fBrender\\fR\nRender詳見 \\fBcswm\\-render\\fR(1)。") != std::string::npos);
}
