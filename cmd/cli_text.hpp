#pragma once

// What CLI11 itself says, in the language of cswm's messages: the layout words of --help
// (usage line, section headings, REQUIRED …) and its parse errors, re-said in our words.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace cswm::cli {

/// The formatter of --help: CLI11's layout, its words ("Usage", "OPTIONS", "Positionals",
/// "Options", "Subcommands", "REQUIRED", "Needs", "Excludes") in the current language.
/// Set it on the root App before subcommands are added: they inherit it.
std::shared_ptr<CLI::Formatter> help_formatter();

/// A parse error of CLI11 said in the current language: the kinds cswm's options can cause
/// (an argument not expected, a required one missing, a value not among the choices or out
/// of range or not a number, a value missing, two options that exclude or need each other)
/// are re-said from what the error names; any other keeps CLI11's English text.
std::string parse_error_message(const CLI::ParseError& error);

} // namespace cswm::cli
