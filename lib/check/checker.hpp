#pragma once

#include "lib/cache/check_cache.hpp"
#include "lib/check/waivers.hpp"
#include "lib/model/document.hpp"
#include "lib/model/finding.hpp"
#include "lib/workspace/config.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cswm {

class Workspace;
class Repo;

/// What `check` is asked to do.
struct CheckOptions {
    std::vector<std::filesystem::path> only; ///< report on these files or folders only (all when empty)
    std::filesystem::path base;              ///< what relative paths in `only` are relative to
    bool require_committed = false;          ///< documents with uncommitted changes are errors
    /// Who this build is, for the warm cache under .git/cswm/ (lib/cache); unset: no cache.
    /// Never used outside git, with unreadable folders, or with require_committed.
    std::optional<CacheIdentity> cache;
};

/// What `check` found.
struct CheckResult {
    Findings findings;              ///< sorted by path, line and column
    WaivedFindings waived;          ///< covered by waivers of .cswm.yaml: reported, never failing
    std::size_t documents = 0;      ///< documents whose findings were reported
    std::vector<std::string> paths; ///< their paths, sorted
    std::vector<std::string> notes; ///< said once on stderr, such as "git rules skipped"
    /// What the cache did: "off", "hit", "partial" (only changed documents checked),
    /// "across" (and the rules across documents but git's), "across, git" (and the git
    /// rules of the documents edited or added), "miss" or "miss, not written"
    /// (CSWM_CACHE_TRACE shows it; docs/cache.md).
    std::string cache_status = "off";
    /// The documents read to compute it (none when the cache served the result): a caller
    /// about to exit may keep them rather than free them.
    std::shared_ptr<const std::vector<Document>> loaded;

    std::size_t count(Severity severity) const;
};

/// Runs every rule over every document (cross-document rules need the whole tree), the
/// git rules when the workspace is in a repository, and keeps the findings of the files
/// the options select. Throws Error when a selected path does not exist or is outside.
CheckResult check_workspace(const Workspace& workspace, const CheckOptions& options);

/// The rules themselves, over documents already loaded: what check_workspace runs.
Findings check_documents(const std::vector<Document>& documents, const Catalog& catalog,
                         std::string_view documents_root);

/// Every rule over documents read from the commit `revision` (not the working tree), as
/// they stood then: the git rules take `revision` for HEAD, the chain rules `today` for
/// the date. What `bundle` reports; the findings are sorted.
Findings check_revision(const std::vector<Document>& documents, const Catalog& catalog, const Config& config,
                        const Repo& repo, const std::string& revision, const std::string& today);

} // namespace cswm
