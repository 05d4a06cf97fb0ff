#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace cswm::cli {

/// What an option's or a positional's value is, read from its CLI11 definition, for
/// completions and man pages.
enum class ValueKind {
    none,   ///< a flag: takes no value
    text,   ///< free text (a title, a date): nothing to offer
    choice, ///< one of a fixed set (CLI::IsMember)
    file,   ///< a file or folder path
    folder, ///< a folder
    id,     ///< a document ID of the workspace
    kind,   ///< a kind of the catalogue
    rev,    ///< a git revision
};

/// How one option or positional is completed.
struct ValueSpec {
    ValueKind kind = ValueKind::none;
    std::vector<std::string> choices; ///< for ValueKind::choice
};

/// Reads what an option takes from its definition, by convention rather than by a table,
/// so that commands added later are covered without edits here: a CLI::IsMember check
/// gives choices; the placeholder or positional name says the rest (ID/IDS → document
/// IDs, KIND or --kind → kinds, FILE/PATH → files, DIR → folders, REV/--commit →
/// revisions); anything else taking a value is free text.
ValueSpec value_spec(const CLI::Option& option);

/// Subcommands a user may type (hidden ones, whose group is empty, left out), in the
/// order of --help.
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app);

/// Options a user may type, positionals left out, hidden ones left out.
std::vector<const CLI::Option*> visible_options(const CLI::App& app);

/// Positionals, in order.
std::vector<const CLI::Option*> positionals(const CLI::App& app);

/// "cswm check", "cswm schema export": the command line that reaches `app`.
std::string command_path(const CLI::App& app);

} // namespace cswm::cli
