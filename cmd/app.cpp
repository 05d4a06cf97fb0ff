#include "cmd/command.hpp"

#include "cmd/cli_text.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/dates_zone.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CSWM_LEAK_SANITIZER 1
#endif
#endif
#if !defined(CSWM_LEAK_SANITIZER) && defined(__SANITIZE_ADDRESS__)
#define CSWM_LEAK_SANITIZER 1
#endif
#if defined(CSWM_LEAK_SANITIZER)
#include <sanitizer/lsan_interface.h>
#else
#define CSWM_LEAK_SANITIZER 0
#endif

#ifndef CSWM_VERSION
#define CSWM_VERSION "0.0.0"
#endif

namespace cswm::cli {
namespace {

struct Entry {
    Command (*define)(CLI::App&);
    Needs needs;
};

/// Every subcommand, in the order of --help, and what it needs opened before it runs.
// clang-format off
constexpr Entry k_commands[] = {
    {register_init,     Needs::nothing},     // opens the repository itself: there is no config yet
    {register_new,      Needs::workspace},
    {register_list,     Needs::workspace},
    {register_show,     Needs::workspace},
    {register_check,    Needs::workspace},
    {register_trace,    Needs::workspace},   // git optional: commits' Refs: trailers when there is one
    {register_status,   Needs::workspace},
    {register_impact,   Needs::workspace},   // and git: lib says so when it is missing
    {register_link,     Needs::workspace},   // link, history and hook need git too: lib says so
    {register_history,  Needs::workspace},
    {register_hook,     Needs::workspace},
    {register_review,   Needs::workspace},
    {register_renumber, Needs::workspace},   // holds new's lock: no ID is taken meanwhile
    {register_import,   Needs::workspace},   // and git: the report records the tested commit
    {register_logscan,  Needs::nothing},     // a workspace with --into: the command says so after parsing
    {register_render,   Needs::workspace},   // git when there is one: the pages show history from HEAD
    {register_bundle,   Needs::repository},  // reads .cswm.yaml from the revision; verify needs nothing
    {register_schema,   Needs::repository},
    {register_completion, Needs::nothing},
    {register_complete, Needs::nothing},     // hidden; opens the workspace itself, silently
    {register_man,      Needs::nothing},     // hidden
};
// clang-format on

/// --color always|never decide; auto (the default) colours a terminal unless NO_COLOR is
/// set to anything non-empty (no-color.org).
bool wants_color(const std::string& mode, int fd) {
    if (mode == "always") {
        return true;
    }
    if (mode == "never") {
        return false;
    }
    const char* no_color = std::getenv("NO_COLOR");
    return (no_color == nullptr || *no_color == '\0') && ::isatty(fd) == 1;
}

/// "cswm chek" → "did you mean check?", before CLI11's generic message.
std::optional<std::string> mistyped_subcommand(int argc, char** argv, const CLI::App& app) {
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "-C" || word == "--color" || word == "--lang") {
            ++i;
            continue;
        }
        if (word.starts_with("-")) {
            if (app.get_option_no_throw(word.substr(0, word.find('='))) == nullptr) {
                return std::nullopt; // an unknown option: mistyped_after_error names it
            }
            continue;
        }
        std::vector<std::string> names;
        for (const CLI::App* sub : app.get_subcommands({})) {
            names.push_back(sub->get_name());
        }
        if (std::find(names.begin(), names.end(), word) != names.end()) {
            return std::nullopt;
        }
        std::string message = tr("cli.not-a-command", fmt::arg("word", printable(word, 60)));
        if (const auto suggestion = closest_match(word, names)) {
            message += tr("cli.did-you-mean", fmt::arg("command", *suggestion));
        }
        return message + "\n" + tr("cli.see-command-list");
    }
    return std::nullopt;
}

/// After CLI11 refused the command line: a mistyped option ("cswm check --fromat") or
/// subcommand of a subcommand ("cswm schema exprt") with "did you mean", or nullopt to
/// keep CLI11's message. `refused` is CLI11's message: only a word it names is judged.
std::optional<std::string> mistyped_after_error(int argc, char** argv, const CLI::App& app, const std::string& refused,
                                                bool subcommand_required) {
    const CLI::App* current = &app;
    std::string path = "cswm";
    auto find_option = [&](const std::string& name) -> const CLI::Option* {
        for (const CLI::App* scope = current; scope != nullptr; scope = scope->get_parent()) {
            if (const CLI::Option* option = scope->get_option_no_throw(name)) {
                return option;
            }
        }
        return nullptr;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "--") {
            return std::nullopt;
        }
        if (word.size() > 1 && word.starts_with("-")) {
            const std::string name = word.substr(0, word.find('='));
            const bool single_short = !name.starts_with("--") && name.size() == 2;
            if (const CLI::Option* option = find_option(name)) {
                if (option->get_items_expected_min() > 0 && word.find('=') == std::string::npos) {
                    ++i; // its value
                }
                continue;
            }
            if (!single_short && !name.starts_with("--")) {
                continue; // -abc: grouped short flags, left to CLI11
            }
            if (refused.find(name) == std::string::npos) {
                return std::nullopt;
            }
            std::vector<std::string> names;
            for (const CLI::App* scope = current; scope != nullptr; scope = scope->get_parent()) {
                for (const CLI::Option* option : scope->get_options()) {
                    for (const std::string& long_name : option->get_lnames()) {
                        names.push_back("--" + long_name);
                    }
                }
            }
            std::string message =
                tr("cli.unknown-option", fmt::arg("option", printable(name, 60)), fmt::arg("command", path));
            if (const auto suggestion = closest_match(name, names)) {
                message += tr("cli.did-you-mean", fmt::arg("command", *suggestion));
            }
            return message + "\n" + tr("cli.see-options", fmt::arg("command", path));
        }
        std::vector<std::string> names;
        for (const CLI::App* sub : current->get_subcommands({})) {
            if (sub->get_name() == word) {
                current = sub;
                path += " " + word;
                break;
            }
            if (!sub->get_group().empty()) {
                names.push_back(sub->get_name());
            }
        }
        if (current->get_name() == word) {
            continue;
        }
        // A word that is no subcommand: a positional, unless this command takes none.
        const bool takes_positionals =
            !current->get_options([](const CLI::Option* option) { return option->get_positional(); }).empty();
        if (names.empty() || takes_positionals) {
            continue; // a positional value
        }
        if (refused.find(word) == std::string::npos && !subcommand_required) {
            return std::nullopt;
        }
        std::string message =
            tr("cli.not-a-subcommand", fmt::arg("word", printable(word, 60)), fmt::arg("command", path));
        if (const auto suggestion = closest_match(word, names)) {
            message += tr("cli.did-you-mean", fmt::arg("command", *suggestion));
        }
        return message + "\n" + tr("cli.see-subcommands", fmt::arg("command", path));
    }
    return std::nullopt;
}

/// The language of --lang given anywhere on the command line (`--lang X`, `--lang=X`), read
/// before CLI11 parses, so that help and usage errors can already follow it.
std::optional<i18n::Language> language_in_arguments(int argc, char** argv) {
    std::optional<i18n::Language> found;
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--lang" && i + 1 < argc) {
            found = i18n::parse_language(argv[i + 1]);
        } else if (word.starts_with("--lang=")) {
            found = i18n::parse_language(word.substr(7));
        }
    }
    return found;
}

/// Messages of a command that opens no workspace follow the working tree's .cswm.yaml
/// `language:` like every other (--lang first, the locale when it says none). A broken or
/// unreadable configuration changes nothing here: the command says so if it reads it.
void follow_working_tree_language(const std::filesystem::path& root) {
    std::error_code error;
    const std::filesystem::path file = root / k_config_file;
    if (root.empty() || !std::filesystem::is_regular_file(file, error)) {
        return;
    }
    try {
        const Config config = load_config(file, k_config_file);
        if (config.language_given) {
            if (const auto chosen = i18n::parse_language(config.language)) {
                i18n::set_language(*chosen);
            }
        }
    } catch (const std::exception&) {
        // The locale's language (already set).
    }
}

/// Parses, opens what the chosen command needs and runs it; errors propagate to run().
/// Ends the process with `status` once the streams are written out, destroying nothing:
/// what is still allocated goes back with the process (a sanitizer build still looks for
/// leaks first: what is kept is reachable, so only real leaks are reported).
[[noreturn]] void end_now(int status, std::ostream& out, std::ostream& err) {
    out.flush();
    err.flush();
    std::fflush(nullptr);
#if CSWM_LEAK_SANITIZER
    __lsan_do_leak_check();
#endif
    std::_Exit(status);
}

int parse_and_dispatch(int argc, char** argv, std::ostream& out, std::ostream& err, bool end_process) {
    CLI::App app{tr("help.cswm"), "cswm"};
    app.formatter(help_formatter()); // before the subcommands: they inherit it
    app.set_help_flag("-h,--help", tr("help.option-help"));
    app.set_version_flag("--version", std::string("cswm ") + CSWM_VERSION, tr("help.option-version"));
    app.require_subcommand(0, 1);
    std::string directory;
    app.add_option("-C", directory, tr("help.option-dir"))->option_text("DIR");
    std::string color = "auto";
    app.add_option("--color", color, tr("help.option-color"))->check(CLI::IsMember({"auto", "always", "never"}));
    bool quiet = false;
    bool verbose = false;
    app.add_flag("-q,--quiet", quiet, tr("help.option-quiet"));
    app.add_flag("-v,--verbose", verbose, tr("help.option-verbose"));
    std::string lang_flag;
    app.add_option("--lang", lang_flag, tr("help.option-lang"))->check(CLI::IsMember(k_languages));
    // `cswm check --lang zh-TW` and `cswm check -q` too: a subcommand passes the options it
    // does not know to cswm. A subcommand with its own --lang (render, new …) keeps it.
    app.fallthrough();
    app.footer(tr("help.footer"));

    std::vector<std::pair<Command, Needs>> commands;
    for (const Entry& entry : k_commands) {
        commands.emplace_back(entry.define(app), entry.needs);
    }
    try {
        if (const auto message = mistyped_subcommand(argc, argv, app)) {
            throw Error(*message);
        }
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion&) {
        out << app.version() << '\n';
        return 0;
    } catch (const CLI::ParseError& error) {
        const bool subcommand_required = dynamic_cast<const CLI::RequiredError*>(&error) != nullptr &&
                                         std::string(error.what()).find("subcommand") != std::string::npos;
        if (const auto message = mistyped_after_error(argc, argv, app, error.what(), subcommand_required)) {
            throw Error(*message);
        }
        throw Error(fmt::format("{}\n{}", parse_error_message(error), tr("cli.see-usage")));
    }

    if (quiet && verbose) {
        throw Error(tr("cli.quiet-and-verbose"));
    }
    Context context{out, err, std::filesystem::current_path(), wants_color(color, STDOUT_FILENO), nullptr, {}};
    context.quiet = quiet;
    context.verbose = verbose;
    context.lang_flag = lang_flag;
    if (const auto chosen = i18n::parse_language(lang_flag)) {
        i18n::set_language(*chosen);
    }
    if (!directory.empty()) {
        std::error_code error;
        context.cwd = std::filesystem::absolute(directory, error);
        if (error || !std::filesystem::is_directory(context.cwd, error)) {
            throw Error(tr("cli.no-such-folder", fmt::arg("folder", directory)));
        }
    }
    for (auto& [command, table_needs] : commands) {
        if (!command.app->parsed()) {
            continue;
        }
        const Needs needs = command.needs ? command.needs() : table_needs;
        std::optional<Workspace> workspace;
        const auto started = std::chrono::steady_clock::now();
        if (needs == Needs::workspace) {
            workspace.emplace(Workspace::open(context.cwd));
            context.workspace = &*workspace;
            context.repo_root = workspace->root();
            if (!workspace->config().time_zone.empty()) {
                set_display_zone(TimeZone::named(workspace->config().time_zone)); // before any thread starts
            }
            // Messages: --lang, else the workspace's language, else the locale (already set).
            if (lang_flag.empty() && workspace->config().language_given) {
                i18n::set_language(i18n::parse_language(workspace->config().language).value_or(i18n::language()));
            }
            if (verbose) {
                err << "cswm: "
                    << tr(workspace->repo() ? "cli.verbose-workspace" : "cli.verbose-workspace-no-git",
                          fmt::arg("root", workspace->root().string()), fmt::arg("config", k_config_file),
                          fmt::arg("folder", workspace->config().root),
                          fmt::arg("language", workspace->config().language))
                    << '\n';
            }
        } else if (needs == Needs::repository) {
            context.repo_root = Repo::discover(context.cwd).workdir();
            if (lang_flag.empty()) {
                follow_working_tree_language(context.repo_root);
            }
            if (verbose) {
                err << "cswm: " << tr("cli.verbose-repository", fmt::arg("root", context.repo_root.string())) << '\n';
            }
        }
        if (needs == Needs::nothing && lang_flag.empty() && command.app->get_name() != "__man") {
            // logscan, bundle verify, completion: the same rule as every command, when there is
            // a working tree with a .cswm.yaml here.
            try {
                follow_working_tree_language(Repo::discover(context.cwd).workdir());
            } catch (const std::exception&) {
                // Not in a repository: the locale's language (already set).
            }
        }
        const int status = command.run(context);
        if (verbose) {
            const auto elapsed =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            err << "cswm: "
                << tr("cli.verbose-took", fmt::arg("command", command.app->get_name()), fmt::arg("ms", elapsed.count()),
                      fmt::arg("status", status))
                << '\n';
        }
        if (end_process) {
            end_now(status, out, err);
        }
        return status;
    }
    err << app.help();
    return static_cast<int>(ExitCode::failure);
}

} // namespace

/// The language of messages before the command line is parsed: --lang, else (for --help
/// only, so that no other run pays for it) the workspace's, else the locale. Man pages are
/// English unless --lang says otherwise (the build writes both): they are written at build
/// time, whatever the builder's locale.
i18n::Language first_language(int argc, char** argv) {
    if (const auto flag = language_in_arguments(argc, argv)) {
        return *flag;
    }
    if (std::any_of(argv + 1, argv + argc, [](const char* word) { return std::string_view(word) == "__man"; })) {
        return i18n::Language::en;
    }
    const bool help = std::any_of(argv + 1, argv + argc, [](const char* word) {
        const std::string_view text = word;
        return text == "-h" || text == "--help" || text == "--help-all";
    });
    if (help) {
        try {
            const Workspace workspace = Workspace::open(std::filesystem::current_path());
            if (workspace.config().language_given) {
                if (const auto chosen = i18n::parse_language(workspace.config().language)) {
                    return *chosen;
                }
            }
        } catch (const std::exception&) {
            // No workspace here, or a broken one: the command itself will say so.
        }
    }
    return i18n::language_from_locale(std::getenv);
}

int run(int argc, char** argv, std::ostream& out, std::ostream& err, bool end_process) {
    i18n::set_language(first_language(argc, argv));
    try {
        return parse_and_dispatch(argc, argv, out, err, end_process);
    } catch (const Error& error) {
        err << "cswm: " << error.what() << '\n';
        return static_cast<int>(error.code());
    } catch (const std::exception& error) {
        err << "cswm: " << tr("cli.internal-error", fmt::arg("what", error.what())) << '\n';
        return static_cast<int>(ExitCode::failure);
    }
}

} // namespace cswm::cli
