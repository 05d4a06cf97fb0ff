#pragma once

// Internal to lib/check: the whole-tree run that check_workspace makes, and the same run
// through the warm cache under .git/cswm/ (cached_check.cpp).

#include "lib/cache/check_cache.hpp"
#include "lib/cache/history_basis.hpp"
#include "lib/cache/stored_views.hpp"
#include "lib/check/git_rules.hpp"
#include "lib/check/rules.hpp"
#include "lib/check/waivers.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"
#include "lib/workspace/workspace.hpp"

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// Every rule's findings over the whole tree, after .cswm.yaml's severities and waivers:
/// what a run computes before `check PATH` selects, and what the cache stores.
struct WholeTree {
    Findings findings;
    WaivedFindings waived;
    std::vector<std::string> notes;
    std::shared_ptr<const std::vector<Document>> documents; ///< what was read, when anything was
    Findings tree;                                          ///< the tree rules', before severities and waivers
    Findings across;                                        ///< the other rules across documents but git's, likewise
    Findings git;                                           ///< the git rules', before severities and waivers
    std::optional<long long> expires;                       ///< when `across` may change with no input changed
    rules::FilesLookedFor looked_for;                       ///< files outside the tree `across` depends on
    std::vector<std::string> unknown_trailer_ids;           ///< IDs Refs: trailers name and nothing defines
    std::optional<HistoryBasis> history_basis;              ///< what the git rules read of HEAD's history
};

/// The findings of reading one document and of its own rules (schema, IDs, file name,
/// placeholders, its dates and counts): what the cache keeps per file.
Findings findings_of_one(const Document& document, const Catalog& catalog, std::string_view documents_root);

/// Every rule over `documents`, with the findings of single documents known already
/// (`known[i]`, when set, holds what findings_of_one gives for documents[i]: the cache's)
/// and those computed kept in `computed` (when not null) for the cache to store; the git
/// rules take `history` (HEAD's walk, under way on another thread) when it is valid, and
/// with `record_history` keep what they read of it in WholeTree::history_basis.
WholeTree check_whole_tree(const Workspace& workspace, const std::vector<Document>& documents, bool require_committed,
                           const std::vector<const Findings*>& known = {}, std::vector<Findings>* computed = nullptr,
                           std::future<std::vector<CommitInfo>>* history = nullptr, bool record_history = false);

/// The run that checks only the documents that changed (`parsed`; the findings of the
/// others' own rules are `known`), keeping every stored finding of the rules across
/// documents: when the stored result saw the same view of every document. Nullopt when the
/// stored findings cannot be trusted so (kept_findings.cpp says when).
std::optional<WholeTree> check_changed_only(const Workspace& workspace, const CachedResult& stored, CacheData& next,
                                            const std::vector<std::optional<Document>>& parsed,
                                            const std::vector<const Findings*>& known);

/// A document whose git view is not the one the stored git findings saw.
struct GitEdit {
    std::optional<std::size_t> index; ///< in the scan; none for a document removed since
    std::string_view path;
    std::string stored_git_view; ///< the hash of the view they saw; empty for a document added since
};

/// The run after an edit with HEAD as it was: the other rules across documents run again
/// over the changed documents and the others rebuilt from `stored_views`, and the git
/// rules' stored findings kept (and the tree rules' when `tree_unchanged`), but those that
/// `git_edits` can reach, found again without walking HEAD's history (from what a full
/// check stored of it under `history_key`, when they need it). Nullopt when that cannot
/// be done (kept_findings.cpp says when).
std::optional<WholeTree> check_across_again(const Workspace& workspace, const CachedResult& stored, CacheData& next,
                                            std::vector<std::optional<Document>>& parsed,
                                            const std::vector<const Findings*>& known, const StoredViews& stored_views,
                                            bool tree_unchanged, const std::vector<GitEdit>& git_edits,
                                            std::string_view history_key);

/// What the git rules need of .cswm.yaml: the review policy, and the limits the documents
/// were read with, for their older revisions.
rules::GitPolicy git_policy(const Config& config, bool require_committed, std::string tip);

/// check_whole_tree through the cache (see cached_check.cpp); `status` says what the cache
/// did (CheckResult::cache_status).
WholeTree check_with_cache(const Workspace& workspace, const Workspace::Scan& found,
                           const std::vector<std::string>& paths, const CacheIdentity& identity, std::string& status);

} // namespace cswm
