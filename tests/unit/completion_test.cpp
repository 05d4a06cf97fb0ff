#include "cmd/cli_model.hpp"
#include "cmd/completion.hpp"
#include "cmd/manpage.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace fs = std::filesystem;
using namespace cswm::cli;

namespace {

/// A command tree shaped like cswm's, with every kind of option the engine reads.
struct Tree {
    CLI::App root{"cswm — a test tree\nsecond line", "cswm"};
    std::string text;
    std::vector<std::string> many;
    bool flag = false;

    Tree() {
        root.add_option("-C", text, "Run in this folder")->option_text("DIR");
        root.add_option("--color", text, "Colour")->check(CLI::IsMember({"auto", "always", "never"}));
        CLI::App* show = root.add_subcommand("show", "Show one document");
        show->add_option("ID", text, "Document ID")->required();
        show->add_option("--format", text, "Format")->check(CLI::IsMember({"text", "json"}));
        CLI::App* new_app = root.add_subcommand("new", "Scaffold a document");
        new_app->add_option("KIND", text, "Kind")->required();
        new_app->add_option("--title,-t", text, "Title");
        new_app->add_option("--lang", text, "Language")->check(CLI::IsMember({"en", "zh-TW"}));
        CLI::App* link = root.add_subcommand("link", "Record commits");
        link->footer(".first line\nsecond line");
        link->add_option("ID", text, "Document ID");
        link->add_option("REV", many, "Commits");
        CLI::App* check = root.add_subcommand("check", "Validate .\\documents");
        check->add_option("PATH", many, "Only these");
        check->add_flag("--strict", flag, "Warnings fail too");
        CLI::App* import = root.add_subcommand("import", "Import evidence");
        CLI::App* junit = import->add_subcommand("junit", "From JUnit XML");
        junit->add_option("FILE", many, "Files");
        junit->add_option("--quality-spec", text, "The quality spec");
        junit->add_option("--commit", text, "The tested commit");
        CLI::App* hidden = root.add_subcommand("__complete", "Hidden");
        hidden->group("");
    }
};

CompletionSources sources() {
    CompletionSources result;
    result.ids = [](const std::string& kind) {
        if (kind == "quality-spec") {
            return std::vector<std::string>{"QS-001"};
        }
        return std::vector<std::string>{"FIX-001", "QS-001", "SRS-001", "SRS-002"};
    };
    result.kinds = [] { return std::vector<std::string>{"srs", "quality-spec", "fix-confirmation"}; };
    return result;
}

std::vector<std::string> words_of(const Completion& completion) {
    std::vector<std::string> words;
    for (const auto& [word, about] : completion.words) {
        words.push_back(word);
    }
    return words;
}

std::vector<std::string> complete_words(const std::vector<std::string>& words) {
    Tree tree;
    return words_of(complete(tree.root, words, sources()));
}

} // namespace

TEST_CASE("completion: commands, without the hidden ones, filtered by what was typed") {
    CHECK(complete_words({""}) == std::vector<std::string>{"show", "new", "link", "check", "import"});
    CHECK(complete_words({"s"}) == std::vector<std::string>{"show"});
    CHECK(complete_words({"__"}).empty());
    CHECK(complete_words({"import", ""}) == std::vector<std::string>{"junit"});
    Tree tree;
    const Completion completion = complete(tree.root, {"sh"}, sources());
    REQUIRE(completion.words.size() == 1);
    CHECK(completion.words[0].second == "Show one document");
}

TEST_CASE("completion: options of the command reached, and their values") {
    CHECK(complete_words({"new", "--"}) == std::vector<std::string>{"--help", "--title", "--lang"});
    CHECK(complete_words({"new", "-"}) == std::vector<std::string>{"--help", "-h", "--title", "-t", "--lang"});
    CHECK(complete_words({"new", "--lang", ""}) == std::vector<std::string>{"en", "zh-TW"});
    CHECK(complete_words({"new", "--lang=z"}) == std::vector<std::string>{"--lang=zh-TW"});
    CHECK(complete_words({"--color", "a"}) == std::vector<std::string>{"auto", "always"});
    CHECK(complete_words({"show", "--format", ""}) == std::vector<std::string>{"text", "json"});
    CHECK(complete_words({"import", "junit", "--c"}) == std::vector<std::string>{"--commit"});
}

TEST_CASE("completion: positionals by their names: kinds, IDs, files, revisions") {
    CHECK(complete_words({"new", ""}) == std::vector<std::string>{"srs", "quality-spec", "fix-confirmation"});
    // An option's value is skipped; a flag takes none.
    CHECK(complete_words({"new", "--title", "x", "q"}) == std::vector<std::string>{"quality-spec"});
    CHECK(complete_words({"show", "S"}) == std::vector<std::string>{"SRS-001", "SRS-002"});
    CHECK(complete_words({"-C", "repo", "show", "F"}) == std::vector<std::string>{"FIX-001"});
    // An option named after a kind takes IDs of that kind only.
    CHECK(complete_words({"import", "junit", "--quality-spec", ""}) == std::vector<std::string>{"QS-001"});

    Tree tree;
    CHECK(complete(tree.root, {"check", "--strict", ""}, sources()).shell == Completion::Shell::files);
    CHECK(complete(tree.root, {"-C", ""}, sources()).shell == Completion::Shell::folders);
    CHECK(complete(tree.root, {"import", "junit", "--commit", ""}, sources()).shell == Completion::Shell::revisions);
    // The second positional of link is REV, and repeats.
    const Completion revs = complete(tree.root, {"link", "FIX-001", "HEAD", ""}, sources());
    CHECK(revs.shell == Completion::Shell::revisions);
    CHECK(revs.words.empty()); // no command names after a positional
    // A flag's value is not completed: --strict takes none.
    CHECK(complete(tree.root, {"check", "--strict"}, sources()).words.size() == 1);
}

TEST_CASE("completion: after --, only positionals; unknown words and options do not stop it") {
    Tree tree;
    const Completion after = complete(tree.root, {"check", "--", "--s"}, sources());
    CHECK(after.words.empty());
    CHECK(after.shell == Completion::Shell::files);
    CHECK(complete_words({"check", "--unknown", "--s"}) == std::vector<std::string>{"--strict"});
    CHECK(complete_words({"bogus", ""}).empty());
    CHECK(complete_words({}) == complete_words({""}));
}

TEST_CASE("completion: no sources means no IDs, not a crash") {
    Tree tree;
    CHECK(complete(tree.root, {"show", ""}, CompletionSources{}).words.empty());
    CHECK(complete(tree.root, {"new", ""}, CompletionSources{}).words.empty());
}

TEST_CASE("completion: lines for the scripts, and the scripts") {
    Completion completion;
    completion.words = {{"check", "Validate"}, {"SRS-001", ""}};
    completion.shell = Completion::Shell::folders;
    CHECK(completion_lines(completion) == "check\tValidate\nSRS-001\t\n:folders\n");
    CHECK(completion_lines(Completion{}).empty());
    CHECK(completion_script("bash").find("complete -F _cswm cswm") != std::string::npos);
    CHECK(completion_script("zsh").starts_with("#compdef cswm\n"));
    CHECK(completion_script("fish").find("complete -c cswm") != std::string::npos);
    CHECK(completion_script("tcsh").empty());
    for (const std::string& shell : k_completion_shells) {
        CHECK(completion_script(shell).find("__complete --") != std::string::npos);
    }
}

TEST_CASE("value_spec: read from the definitions") {
    Tree tree;
    const CLI::App* new_app = tree.root.get_subcommand("new");
    CHECK(value_spec(*new_app->get_option("KIND")).kind == ValueKind::kind);
    CHECK(value_spec(*new_app->get_option("--title")).kind == ValueKind::text);
    const ValueSpec lang = value_spec(*new_app->get_option("--lang"));
    CHECK(lang.kind == ValueKind::choice);
    CHECK(lang.choices == std::vector<std::string>{"en", "zh-TW"});
    CHECK(value_spec(*new_app->get_option("--help")).kind == ValueKind::none);
    CHECK(value_spec(*tree.root.get_option("-C")).kind == ValueKind::folder);
    CHECK(value_spec(*tree.root.get_subcommand("link")->get_option("REV")).kind == ValueKind::rev);
}

TEST_CASE("man pages: one per visible command, from the same definitions as --help") {
    Tree tree;
    const std::string page = man_page(*tree.root.get_subcommand("new"), "1.2.3");
    CHECK(page.starts_with(".TH \"CSWM\\-NEW\" \"1\" \"\" \"cswm 1.2.3\" \"User Commands\"\n"));
    CHECK(page.find(".SH NAME\ncswm\\-new \\- Scaffold a document\n") != std::string::npos);
    CHECK(page.find(".B cswm new\n[\\fIOPTIONS\\fR]\n\\fIKIND\\fR\n") != std::string::npos);
    CHECK(page.find("\\fB\\-t\\fR, \\fB\\-\\-title\\fR \\fITEXT\\fR\nTitle\n") != std::string::npos);
    CHECK(page.find("\\fB\\-\\-lang\\fR \\fI{en|zh\\-TW}\\fR\nLanguage\n") != std::string::npos);
    CHECK(page.find(".SH SEE ALSO\n\\fBcswm\\fR(1)\n") != std::string::npos);

    // The top page: its name without the "cswm — " lead, its commands, no hidden one.
    const std::string top = man_page(tree.root, "1.2.3");
    CHECK(top.find(".SH NAME\ncswm \\- a test tree\n") != std::string::npos);
    CHECK(top.find("\\fBimport\\fR\nImport evidence See \\fBcswm\\-import\\fR(1).") != std::string::npos);
    CHECK(top.find("__complete") == std::string::npos);

    // roff: a backslash is printed, not interpreted; a line never starts with a dot.
    const std::string check = man_page(*tree.root.get_subcommand("check"), "1");
    CHECK(check.find("Validate .\\edocuments") != std::string::npos);
    CHECK(check.find("[\\fIPATH\\fR...]") != std::string::npos);

    // A command's footer becomes NOTES, lines kept, none read as a roff request.
    CHECK(man_page(*tree.root.get_subcommand("link"), "1").find(".SH NOTES\n.nf\n\\&.first line\nsecond line\n.fi\n") !=
          std::string::npos);

    const fs::path folder = fs::temp_directory_path() / "cswm-man-test";
    fs::remove_all(folder);
    const auto written = write_man_pages(tree.root, folder, "1.2.3");
    std::vector<std::string> names;
    for (const fs::path& file : written) {
        names.push_back(file.filename().string());
        CHECK(fs::file_size(file) > 100);
    }
    CHECK(names == std::vector<std::string>{"cswm.1", "cswm-show.1", "cswm-new.1", "cswm-link.1", "cswm-check.1",
                                            "cswm-import.1", "cswm-import-junit.1"});
    fs::remove_all(folder);
}
