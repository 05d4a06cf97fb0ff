#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>

namespace cswm {

class Workspace;

namespace cli {

/// What a command needs opened before it runs; main opens it in one place.
enum class Needs { nothing, repository, workspace };

/// What every command gets: streams, the folder it runs in, and the workspace when it
/// asked for one.
struct Context {
    std::ostream& out;
    std::ostream& err;
    std::filesystem::path cwd;
    bool color = false;                   ///< --color, else: stdout is a terminal and NO_COLOR is unset
    const Workspace* workspace = nullptr; ///< set for Needs::workspace
    std::filesystem::path repo_root;      ///< set for Needs::repository and Needs::workspace
    bool quiet = false;                   ///< -q: no notes or progress on stderr (warnings and errors stay)
    bool verbose = false;                 ///< -v: say on stderr what was opened and how long it took
    std::string lang_flag = {};           ///< the global --lang, empty when not given
    /// What the command built and need not be freed: when the process ends right after the
    /// command (run's `end_process`), it is left for the system to take back. Freeing the
    /// documents of a large tree one node at a time took 0.1 s of a 2 s check.
    std::shared_ptr<const void> keep_until_exit = {};
};

/// A subcommand: its CLI11 node and what runs when it was chosen. The returned int is
/// the exit status.
struct Command {
    CLI::App* app = nullptr;
    std::function<int(Context&)> run;
    /// When set, says after parsing what the command needs, for a command whose options
    /// decide it (logscan needs a workspace only with --into); else the table says.
    std::function<Needs()> needs = {};
};

Command register_init(CLI::App& parent);
Command register_new(CLI::App& parent);
Command register_list(CLI::App& parent);
Command register_show(CLI::App& parent);
Command register_check(CLI::App& parent);
Command register_schema(CLI::App& parent);
Command register_link(CLI::App& parent);
Command register_history(CLI::App& parent);
Command register_hook(CLI::App& parent);
Command register_import(CLI::App& parent);
Command register_logscan(CLI::App& parent);
Command register_render(CLI::App& parent);
Command register_renumber(CLI::App& parent);
Command register_trace(CLI::App& parent);
Command register_status(CLI::App& parent);
Command register_impact(CLI::App& parent);
Command register_review(CLI::App& parent);
Command register_completion(CLI::App& parent);
Command register_complete(CLI::App& parent); ///< hidden: what the completion scripts call
Command register_man(CLI::App& parent);      ///< hidden: writes the man pages at build time
Command register_bundle(CLI::App& parent);

/// Parses the command line, opens what the chosen command needs, runs it, and turns
/// errors into messages and exit statuses (SPEC §3). With `end_process`, a command that
/// completes ends the process with its status at once (the streams flushed), without
/// destroying the workspace, the repository's caches or Context::keep_until_exit.
int run(int argc, char** argv, std::ostream& out, std::ostream& err, bool end_process = false);

} // namespace cli
} // namespace cswm
