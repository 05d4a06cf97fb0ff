#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace cswm {

class Workspace;

/// Installs the commit-msg hook in the repository's hooks folder (core.hooksPath when
/// set). An existing hook that cswm did not write is kept unless `force`. Returns the
/// hook's path. `cswm_path` is the binary the hook runs.
std::filesystem::path install_commit_hook(const Workspace& workspace, const std::filesystem::path& cswm_path,
                                          bool force);

/// One `Refs:` ID of a commit message that names nothing, with the nearest existing ID.
struct UnknownReference {
    std::string id;
    std::string suggestion; ///< empty when none is close
};

/// The `Refs:` IDs of a commit message file that no document or item has (comment lines
/// and a `git commit -v` diff are left out, as git leaves them out).
std::vector<UnknownReference> check_commit_message(const Workspace& workspace, const std::filesystem::path& file);

} // namespace cswm
