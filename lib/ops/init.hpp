#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cswm {

/// What `cswm init` did; re-running it changes nothing the user wrote.
struct InitReport {
    std::filesystem::path root;                  ///< the repository's top folder
    bool config_written = false;                 ///< false when .cswm.yaml was already there
    std::string language;                        ///< the language now configured
    std::optional<std::string> ignored_language; ///< --lang that differs from an existing config
    std::vector<std::string> folders_created;    ///< relative to the repository root
    std::vector<std::string> schemas_written;    ///< exported schemas written or refreshed, relative to the root
};

/// Writes .cswm.yaml (unless present) and a folder per kind under the documents root,
/// and the kinds' schemas into .cswm/schemas/ (for editors), in the repository holding `start`. Throws Error when there
/// is no repository or the existing configuration is broken.
InitReport init_workspace(const std::filesystem::path& start, const std::optional<std::string>& language);

} // namespace cswm
