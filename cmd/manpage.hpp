#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace cswm::cli {

/// The man page of one command, in roff, from its CLI11 definition: the same descriptions,
/// options and placeholders as its --help, so the two cannot drift.
std::string man_page(const CLI::App& app, const std::string& version);

/// "cswm", "cswm-check", "cswm-schema-export": the page's name.
std::string man_page_name(const CLI::App& app);

/// Writes NAME.1 for `root` and for every visible subcommand at any depth into `folder`
/// (created if missing); returns the files written.
std::vector<std::filesystem::path> write_man_pages(const CLI::App& root, const std::filesystem::path& folder,
                                                   const std::string& version);

} // namespace cswm::cli
