#pragma once

// Suspect links: a test case whose requirement's statement changed after its quality spec
// was reviewed. Shared by the check rule and by `cswm review`, which records what the
// reviewer saw.

#include "lib/cache/history_basis.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cswm {

/// The fingerprint of a requirement statement: the first 12 hex digits of the SHA-256 of
/// its text without any white space (ASCII, no-break and ideographic spaces), so that
/// refilling a paragraph, English or Chinese, changes nothing.
std::string statement_fingerprint(std::string_view statement);

/// Where a requirement is stated now.
struct StatedRequirement {
    const Document* srs = nullptr;
    std::string statement;
};

/// Every requirement with an ID and a text statement, by ID, over the SRS documents (the
/// first one where an ID is defined twice: duplicate-item reports that).
std::unordered_map<std::string, StatedRequirement> stated_requirements(const std::vector<Document>& documents);

/// The requirements a quality spec's cases verify, sorted, once each.
std::vector<std::string> verified_requirements(const Document& quality_spec);

/// The fingerprints a quality spec's review records (review.fingerprints), by requirement.
std::map<std::string, std::string> recorded_fingerprints(const Document& quality_spec);

/// How older revisions of the documents are read: with the limits the documents were read
/// with (.cswm.yaml's), so that a revision holding a document's bytes reads as the document
/// does, whether or not it is recognised by its blob.
struct RevisionLimits {
    YamlLimits yaml;
    std::uintmax_t max_bytes = 16U << 20U; ///< a revision bigger than this is not read
};

namespace rules {

/// suspect-link, from the fingerprints approved quality specs record: every test case
/// verifying a requirement whose statement no longer matches (or was never recorded).
void check_suspect_links(const std::vector<Document>& documents, Findings& out);

/// suspect-link for approved quality specs that record no fingerprints: the requirement
/// statements are compared with the SRS as of the commit that approved the spec (its
/// status approved with its current review date). Says nothing when there is no such
/// commit in the history that is there.
void check_suspect_links_in_history(const std::vector<Document>& documents, const Repo& repo, Findings& out,
                                    const RevisionLimits& limits = {});

/// check_suspect_links_in_history over `head_history`, HEAD's commits in the order of
/// `repo.commit_order_from_head()` (any walk of HEAD with at least `sha` filled in). When
/// `record` is given, what the rule read of the history goes into its approvals and
/// statements, for check_suspect_links_from_basis.
void check_suspect_links_in_history(const std::vector<Document>& documents, const Repo& repo,
                                    const std::vector<CommitInfo>& head_history, Findings& out,
                                    const RevisionLimits& limits = {}, SuspectBasis* record = nullptr);

/// check_suspect_links_in_history without walking HEAD's history: from what a run over the
/// same HEAD recorded of it (`basis`). The same findings, or false, having found nothing,
/// when the basis does not hold what is needed: a spec approved (or reviewed again) since,
/// whose approval is in the history, or a requirement compared now in an SRS whose file
/// had another name at the approval.
bool check_suspect_links_from_basis(const std::vector<Document>& documents, const Repo& repo, const SuspectBasis& basis,
                                    Findings& out, const RevisionLimits& limits = {});

} // namespace rules
} // namespace cswm
