#pragma once

// Internal to lib/check: the rules that read the git repository.

#include "lib/check/suspect.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
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
/// beforehand (on another thread, while the documents are read). `unknown_trailer_ids`,
/// when given, receives the IDs Refs: trailers name that no document defines, sorted;
/// `record`, when given, what the rules read of the history (the cache keeps it, so that
/// they can run again without the walk: check_trailer_ids_again,
/// check_suspect_links_from_basis).
void check_git(const std::vector<Document>& documents, const Repo& repo, const GitPolicy& policy,
               std::vector<CommitInfo> history, Findings& out, std::vector<std::string>* unknown_trailer_ids = nullptr,
               HistoryBasis* record = nullptr);

/// trailer-unknown-id (a Refs: trailer names an ID no document defines) again, over the
/// stored trailers, after documents stopped or started defining the IDs `changed`:
/// `unknown_ids` holds the IDs named in vain before, and then those named in vain now;
/// `out` receives the findings of all of them (those of the others were none before and
/// are none now).
void check_trailer_ids_again(const std::vector<Document>& documents, const StoredTrailers& trailers,
                             const std::vector<std::string>& changed, std::vector<std::string>& unknown_ids,
                             Findings& out);

/// The git rules that read one document, and no history: the commits it records
/// (k_recorded_commit_rules) for documents[i] of each i in `recorded`, and whether a fix
/// was tested on a build containing them (fix-not-tested) for each i in `fixes`. What
/// HEAD reaches is asked of the repository, commit by commit, as HEAD is not walked: the
/// cache's run after an edit of what these rules read of a few documents. Throws Error,
/// having found nothing, when HEAD cannot be resolved.
void check_git_of(const std::vector<Document>& documents, const std::vector<std::size_t>& recorded,
                  const std::vector<std::size_t>& fixes, const Repo& repo, Findings& out);

/// Whether a fix confirmation is signed off (verified or closed): fix-not-tested judges it
/// then, and its git view (cross_view) says so.
inline bool is_signed_off(const Document& fix) {
    return fix.status == "verified" || fix.status == "closed";
}

/// The rules a document's recorded commits give findings of.
inline constexpr std::array<std::string_view, 3> k_recorded_commit_rules{"commit-missing", "commit-unverifiable",
                                                                         "commit-unreachable"};

/// Every full-or-not SHA a document records in its kind's commit fields, with its pointer.
std::vector<std::pair<std::string, std::string>> recorded_commits(const Document& document);

} // namespace cswm::rules
