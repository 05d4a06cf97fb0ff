#pragma once

// What the git rules read of HEAD's history, kept beside the check cache so that they can
// run again after an edit without walking it: the Refs: trailers of every commit, and for
// the suspect-link rule when each approved quality spec was approved and what the
// requirements said then. It holds while HEAD (and every other input of the stored
// result's fingerprint, which is its key) is as it was.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

struct HistoryBasis {
    /// The IDs a commit's Refs: trailers name, as the trailer rule reads them.
    struct Trailers {
        std::string commit;  ///< the short SHA the findings name
        std::string summary; ///< the commit's first line
        std::vector<std::string> ids;
    };
    /// When an approved quality spec without recorded fingerprints was approved: the
    /// newest commit from which on it has been approved with review date `date` (empty
    /// when the history here does not show one).
    struct Approval {
        std::string path;
        std::string date;
        std::string sha;
    };
    /// What a requirement said as of a commit, in the SRS file at a path: the hash of its
    /// statement without white space, or empty when that revision does not state it.
    struct StatementThen {
        std::string sha;
        std::string srs_path;
        std::string requirement;
        std::string statement_hash;
    };

    std::vector<Trailers> trailers; ///< in the order of HEAD's walk, commits naming none left out
    std::vector<Approval> approvals;
    std::vector<StatementThen> statements; ///< every one the suspect-link rule compared
};

/// The parts of a basis a run needs: each is a file of its own (`<git dir>/cswm/
/// check-trailers`, `check-approvals`), read only when needed. The trailers are most of
/// the basis: 8 MB for 50,000 commits.
struct HistoryParts {
    bool trailers = true;
    bool approvals = true;
};

/// Reads `parts` of the basis under `git_dir` written under `key`; nullopt when one of them
/// is not there, cannot be read, or was written under another key (another HEAD, another
/// build).
std::optional<HistoryBasis> read_history_basis(const fs::path& git_dir, std::string_view key, HistoryParts parts = {});

/// Writes the basis under `key`, each part atomically; false when it cannot.
bool write_history_basis(const fs::path& git_dir, std::string_view key, const HistoryBasis& basis);

} // namespace cswm
