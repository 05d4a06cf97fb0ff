#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cswm {

class Workspace;

struct LinkRequest {
    std::string id;                     ///< document ID
    std::vector<std::string> revisions; ///< SHAs, branches, tags, HEAD~2 …
    std::optional<int> action;          ///< 1-based element of a list field such as actions[].commits
};

struct LinkResult {
    std::string path;                 ///< the document's file, relative to the root
    std::string field;                ///< where the SHAs went, such as "actions[1].commits"
    std::vector<std::string> added;   ///< full SHAs recorded by this run
    std::vector<std::string> present; ///< full SHAs that were already there
};

/// Records the commits the revisions name in the document's commit field, changing only
/// the bytes that must change, atomically. Throws Error (exit 2) and writes nothing when
/// any revision is unknown, ambiguous or not a commit.
LinkResult link_commits(const Workspace& workspace, const LinkRequest& request);

} // namespace cswm
