#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cswm::cli {

/// What the shell should offer for the word under the cursor.
struct Completion {
    /// Words to offer, each with a one-line description (empty when there is none),
    /// already filtered by what was typed.
    std::vector<std::pair<std::string, std::string>> words;
    /// What the shell should also offer itself: paths (files and folders, or folders
    /// only), or git revisions (git knows them best).
    enum class Shell { none, files, folders, revisions } shell = Shell::none;
};

/// Where completions that depend on the workspace come from; each returns an empty list
/// rather than fail (outside a workspace, a broken configuration …).
struct CompletionSources {
    /// IDs of documents of one kind, or of every kind for "".
    std::function<std::vector<std::string>(const std::string& kind)> ids;
    std::function<std::vector<std::string>()> kinds;
};

/// Completes the last of `words` (the words after `cswm`, the last one being typed, maybe
/// empty) from the CLI11 definitions under `root`: subcommands, options, option values
/// and positionals, so every command registered is completed without a table of its own.
Completion complete(const CLI::App& root, const std::vector<std::string>& words, const CompletionSources& sources);

/// Writes a completion as the scripts read it: one `word<TAB>description` line per word,
/// then `:files`, `:folders` or `:revisions` when the shell should add those.
std::string completion_lines(const Completion& completion);

/// The shells there are scripts for.
inline const std::vector<std::string> k_completion_shells = {"bash", "zsh", "fish"};

/// The script a shell sources to complete cswm: `shell` is bash, zsh or fish. The scripts
/// are small: each asks `cswm __complete -- WORDS…` for the candidates.
std::string completion_script(const std::string& shell);

} // namespace cswm::cli
