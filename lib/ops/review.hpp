#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cswm {

class Workspace;

struct ReviewRequest {
    std::string id;                      ///< document ID
    std::optional<std::string> by;       ///< the reviewer who looked: their entry of review.reviewers
    std::optional<std::string> role;     ///< role of a reviewer added to the chain (default: reviewer)
    std::optional<std::string> decision; ///< pending / approved / conditional / rejected / returned
};

/// One requirement's fingerprint in a quality spec's review, before and after.
struct FingerprintChange {
    std::string requirement;
    std::string before; ///< empty: not recorded before
    std::string after;  ///< empty: pruned (no case verifies it any more)
};

struct ReviewResult {
    std::string id;
    std::string path;                            ///< the document's file, relative to the root
    std::string date;                            ///< today, as recorded
    std::vector<std::string> changes;            ///< what changed, one line each ("review.date: … → …")
    std::vector<FingerprintChange> fingerprints; ///< quality specs: fingerprints added, changed or pruned
    std::size_t fingerprints_kept = 0;           ///< quality specs: fingerprints that stayed the same
    std::vector<std::string> unknown;            ///< quality specs: verified requirements no SRS states
    bool written = false;                        ///< false when nothing had to change
};

/// Records that the document was reviewed today: review.date (and the reviewer's entry
/// with `by`, added to the chain when absent), the decision when given (moving an
/// in-review document to approved, or back to draft when returned), and for a quality
/// spec the fingerprint of every requirement statement its cases verify, pruning the
/// others. Only the bytes that change are rewritten, atomically. Throws Error (exit 2)
/// for a kind without sign-off or a document without a review block.
ReviewResult record_review(const Workspace& workspace, const ReviewRequest& request);

} // namespace cswm
