#pragma once

#include "lib/yaml/loader.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

/// A waiver of .cswm.yaml: findings of one rule, for one document or item (`id`) or for
/// the files under `path`, reported as waived instead of failing the run.
struct WaiverSetting {
    std::string rule;
    std::string id;            ///< a document ID or an item ID (REQ-042); empty when `path` is set
    std::string path;          ///< a file or folder relative to the repository root; empty when `id` is set
    std::string justification; ///< why the finding is acceptable (required)
    std::string expires;       ///< YYYY-MM-DD, or empty: the waiver holds up to and including this day
    Position at;               ///< the waiver's place in the configuration
    Position rule_at;          ///< the place of its rule's name
};

/// A rule's severity set in .cswm.yaml's `rules:`.
struct RuleSetting {
    std::string rule;
    std::string severity; ///< error, warning or off
    Position at;          ///< the place of the rule's name
};

/// The settings of .cswm.yaml, with defaults for what it leaves out.
struct Config {
    std::string root = "maint";  ///< documents folder, relative to the repository root
    std::string language = "en"; ///< en or zh-TW
    std::string time_zone;       ///< IANA name of the zone dates are shown in; empty: the system's
    bool language_given = false; ///< `language:` is in the file: messages follow it, not the locale
    std::uintmax_t max_document_bytes = 1U << 20U;
    YamlLimits yaml;
    bool reviewed_fix_commits = false; ///< policy: fix commits need Reviewed-by:
    int log_review_days = 30;          ///< cadence: the longest gap between log reviews
    std::vector<RuleSetting> rules;    ///< severities set per rule, in file order
    std::vector<WaiverSetting> waivers;
    std::string file = ".cswm.yaml"; ///< how messages name the configuration file
};

inline constexpr const char* k_config_file = ".cswm.yaml";

/// Reads and validates a configuration file. Throws Error (exit 2) naming the file,
/// line and column of the first problem: a broken configuration stops every command.
Config load_config(const fs::path& file, const std::string& display_path);

/// Validates the text of a configuration file (what load_config does once it has read
/// it, for a file read from git, the fuzzer and tests); throws Error like load_config.
Config parse_config(std::string_view text, const std::string& display_path);

/// The text `cswm init` writes: the defaults, commented in the chosen language.
std::string default_config_text(const std::string& language);

} // namespace cswm
