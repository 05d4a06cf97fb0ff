#pragma once

// Internal to lib/check: the rules that read the git repository.

#include "lib/check/suspect.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"

#include <string>
#include <vector>

namespace cswm::rules {

struct GitPolicy {
    bool reviewed_fix_commits = false; ///< fix commits need Reviewed-by: (or a reviewed merge)
    bool require_committed = false;    ///< documents with uncommitted changes are errors
    std::string tip;                   ///< the commit that plays HEAD (a bundled revision); empty: HEAD
    RevisionLimits revisions;          ///< how older revisions are read: as the documents were
};

/// Commit SHAs recorded in documents exist, are commits and are reachable from HEAD; a
/// verified fix was tested on a build containing it; Refs: trailers name existing IDs;
/// and the policies above.
void check_git(const std::vector<Document>& documents, const Repo& repo, const GitPolicy& policy, Findings& out);

/// check_git over `history`, which must be `repo.commit_links_from(policy.tip)`: walked
/// beforehand (on another thread, while the documents are read).
void check_git(const std::vector<Document>& documents, const Repo& repo, const GitPolicy& policy,
               std::vector<CommitInfo> history, Findings& out);

} // namespace cswm::rules
