#include "cmd/command.hpp"

#include "lib/util/error.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <unistd.h>

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
    {register_init,    Needs::nothing},     // opens the repository itself: there is no config yet
    {register_new,     Needs::workspace},
    {register_list,    Needs::workspace},
    {register_show,    Needs::workspace},
    {register_check,   Needs::workspace},
    {register_link,    Needs::workspace},   // these three need git too: lib says so when it is missing
    {register_history, Needs::workspace},
    {register_render,  Needs::workspace},   // git when there is one: the pages show history from HEAD
    {register_hook,    Needs::workspace},
    {register_import,  Needs::workspace},   // and git: the report records the tested commit
    {register_schema,  Needs::repository},
    {register_logscan, Needs::nothing},     // a workspace with --into: the command says so after parsing
    {register_trace,   Needs::workspace},   // git optional: commits' Refs: trailers when there is one
    {register_status,  Needs::workspace},
    {register_impact,  Needs::workspace},   // and git: lib says so when it is missing
    {register_bundle,  Needs::repository},  // reads .cswm.yaml from the revision; verify needs nothing
};
// clang-format on

bool wants_color(int fd) {
    return std::getenv("NO_COLOR") == nullptr && ::isatty(fd) == 1;
}

/// "cswm chek" → "did you mean check?", before CLI11's generic message.
std::optional<std::string> mistyped_subcommand(int argc, char** argv, const CLI::App& app) {
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "-C") {
            ++i;
            continue;
        }
        if (word.starts_with("-")) {
            continue;
        }
        std::vector<std::string> names;
        for (const CLI::App* sub : app.get_subcommands({})) {
            names.push_back(sub->get_name());
        }
        if (std::find(names.begin(), names.end(), word) != names.end()) {
            return std::nullopt;
        }
        std::string message = fmt::format("'{}' is not a cswm command", printable(word, 60));
        if (const auto suggestion = closest_match(word, names)) {
            message += fmt::format(": did you mean '{}'?", *suggestion);
        }
        return message + "\nrun `cswm --help` for the list of commands";
    }
    return std::nullopt;
}

/// Parses, opens what the chosen command needs and runs it; errors propagate to run().
int parse_and_dispatch(int argc, char** argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"cswm — the written work of cloud software maintenance, as checked YAML in git\n"
                 "(ISD3512-001v1 雲端軟體維護工程人員職能基準)",
                 "cswm"};
    app.set_version_flag("--version", std::string("cswm ") + CSWM_VERSION);
    app.require_subcommand(0, 1);
    std::string directory;
    app.add_option("-C", directory, "Run as if cswm was started in this folder")->option_text("DIR");
    app.footer("Exit status: 0 no errors; 1 findings at error severity; 2 the command could not run.\n"
               "Run `cswm COMMAND --help` for the options of one command.");

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
        throw Error(fmt::format("{}\nrun `cswm --help` for usage", error.what()));
    }

    Context context{out, err, std::filesystem::current_path(), wants_color(STDOUT_FILENO), nullptr, {}};
    if (!directory.empty()) {
        std::error_code error;
        context.cwd = std::filesystem::absolute(directory, error);
        if (error || !std::filesystem::is_directory(context.cwd, error)) {
            throw Error(fmt::format("-C {}: no such folder", directory));
        }
    }
    for (auto& [command, table_needs] : commands) {
        if (!command.app->parsed()) {
            continue;
        }
        const Needs needs = command.needs ? command.needs() : table_needs;
        std::optional<Workspace> workspace;
        if (needs == Needs::workspace) {
            workspace.emplace(Workspace::open(context.cwd));
            context.workspace = &*workspace;
            context.repo_root = workspace->root();
        } else if (needs == Needs::repository) {
            context.repo_root = Repo::discover(context.cwd).workdir();
        }
        return command.run(context);
    }
    err << app.help();
    return static_cast<int>(ExitCode::failure);
}

} // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
    try {
        return parse_and_dispatch(argc, argv, out, err);
    } catch (const Error& error) {
        err << "cswm: " << error.what() << '\n';
        return static_cast<int>(error.code());
    } catch (const std::exception& error) {
        err << "cswm: internal error: " << error.what() << '\n';
        return static_cast<int>(ExitCode::failure);
    }
}

} // namespace cswm::cli
