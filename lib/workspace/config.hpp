#pragma once

#include "lib/yaml/loader.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace cswm {

namespace fs = std::filesystem;

/// The settings of .cswm.yaml, with defaults for what it leaves out.
struct Config {
    std::string root = "maint";  ///< documents folder, relative to the repository root
    std::string language = "en"; ///< en or zh-TW
    std::uintmax_t max_document_bytes = 1U << 20U;
    YamlLimits yaml;
    bool reviewed_fix_commits = false; ///< policy: fix commits need Reviewed-by:
    int log_review_days = 30;          ///< cadence: the longest gap between log reviews
};

inline constexpr const char* k_config_file = ".cswm.yaml";

/// Reads and validates a configuration file. Throws Error (exit 2) naming the file,
/// line and column of the first problem: a broken configuration stops every command.
Config load_config(const fs::path& file, const std::string& display_path);

/// Validates the text of a configuration file (what load_config does once it has read
/// it); throws Error like load_config. For the fuzzer and tests.
Config parse_config_text(std::string_view text, const std::string& display_path);

/// The text `cswm init` writes: the defaults, commented in the chosen language.
std::string default_config_text(const std::string& language);

} // namespace cswm
