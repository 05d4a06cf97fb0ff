#pragma once

// What a revision holds, read from git objects alone: its configuration, its documents,
// and the files of the documents folder byte for byte.

#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"
#include "lib/workspace/config.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cswm::bundle {

/// One file of the documents folder (or .cswm.yaml) at the revision.
struct SourceFile {
    TreeFile tree;       ///< path, blob and type as git stores them
    std::string content; ///< blob bytes (a symlink's target text); emptied by read_snapshot once parsed
};

/// A revision, read from git.
struct Snapshot {
    CommitInfo commit;
    std::string commit_date; ///< YYYY-MM-DD (UTC) of the commit time: the "today" of its rules
    std::string commit_time; ///< ISO 8601 UTC
    Config config;
    std::vector<SourceFile> sources; ///< .cswm.yaml first, then the documents folder, sorted
    std::vector<Document> documents; ///< every *.yaml/*.yml of the documents folder, loaded
};

/// The largest file a bundle takes from the tree.
inline constexpr std::size_t k_max_source_bytes = 64U << 20U;

/// Reads the revision `revision` names (a SHA, tag, branch, HEAD~2). Throws Error (exit 2)
/// when it names no commit, has no .cswm.yaml or a broken one, or a file past k_max_source_bytes.
Snapshot read_snapshot(const Repo& repo, const std::string& revision, const Catalog& catalog);

/// ISO 8601 UTC text of seconds since 1970, such as 2026-11-20T02:00:00Z.
std::string iso_utc(long long seconds);

} // namespace cswm::bundle
