#pragma once

// What the git rules read of HEAD's history, kept beside the check cache so that they can
// run again after an edit without walking it: the Refs: trailers of every commit
// (`<git dir>/cswm/check-trailers`), and for the suspect-link rule when each approved
// quality spec was approved and what the requirements said then (`check-approvals`).
// Each file holds while HEAD (and every other input of the stored result's fingerprint,
// which is its key) is as it was; each is read only by an edit that needs it.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

/// What the suspect-link rule read of the history.
struct SuspectBasis {
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

    std::vector<Approval> approvals;
    std::vector<StatementThen> statements; ///< every one the rule compared
};

/// The IDs a commit's Refs: trailers name, as the trailer rule reads them.
struct CommitTrailers {
    std::string commit;  ///< the short SHA the findings name
    std::string summary; ///< the commit's first line
    std::vector<std::string> ids;
};

/// What a full check records of the history: the trailers in the order of HEAD's walk
/// (commits naming nothing left out), and the suspect rule's basis.
struct HistoryBasis {
    std::vector<CommitTrailers> trailers;
    SuspectBasis suspect;
};

/// The stored trailers, by the IDs they name: the file is read whole, and only the
/// commits naming an ID asked about are decoded (8 MB hold 50,000 commits).
class StoredTrailers {
public:
    struct Naming {
        std::string_view commit;
        std::string_view summary;
    };

    /// The trailers under `git_dir` written under `key`; nullopt when there are none, they
    /// cannot be read, or were written under another key (another HEAD, another build).
    static std::optional<StoredTrailers> read(const fs::path& git_dir, std::string_view key);

    /// Each commit whose Refs: trailers name `id`, in the order of HEAD's walk (twice for a
    /// commit naming it twice).
    std::vector<Naming> naming(std::string_view id) const;

private:
    std::unique_ptr<const std::string> m_bytes;                  ///< what the views point into
    std::vector<Naming> m_commits;                               ///< in the order of the walk
    std::vector<std::pair<std::string_view, std::size_t>> m_ids; ///< sorted, with where their commits are
};

/// The suspect rule's basis under `git_dir` written under `key`; nullopt as for trailers.
std::optional<SuspectBasis> read_suspect_basis(const fs::path& git_dir, std::string_view key);

/// Writes both files under `key`, each atomically; false when one cannot be written.
bool write_history_basis(const fs::path& git_dir, std::string_view key, const HistoryBasis& basis);

} // namespace cswm
