#pragma once

// Internal to lib/check: the rule families that check_documents runs.

#include "lib/model/document.hpp"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cswm::rules {

/// Rules that look at one document alone: kind, schema, ID form, file name, placeholders.
void check_document(const Document& document, const Catalog& catalog, std::string_view documents_root, Findings& out);

/// Rules across the tree: duplicate document and item IDs, link targets.
void check_tree(const std::vector<Document>& documents, const Catalog& catalog, Findings& out);

/// The rules whose message names places in other documents (a duplicate's other
/// definitions, by line); every document so named has a finding of the same rule.
inline constexpr std::array<std::string_view, 2> k_rules_naming_places{"duplicate-id", "duplicate-item"};

/// Rules on what the values of one document mean together: spans and dates in order, a
/// test report's counts. check_document runs them.
void check_document_semantics(const Document& document, Findings& out);

/// ISO/IEC/IEEE 29148 on an SRS: one requirement per statement, in words that can be
/// tested (no "and/or", 「適當」). check_document runs it.
void check_requirement_wording(const Document& srs, Findings& out);

/// Rules on what values mean across documents, or against the clock: a report's cases are
/// its spec's, failures have fixes, a verified fix passed, the one-hour security
/// notification (which turns into a finding when the hour is over, without any input
/// changing).
void check_semantics(const std::vector<Document>& documents, Findings& out);

/// The earliest deadline, not before `now` (seconds since 1970), of a security incident
/// not yet notified: when check_semantics's findings change next with no input changed.
std::optional<long long> notification_due(const std::vector<Document>& documents, long long now);

/// What the chain rules need beyond the documents.
struct ChainSettings {
    int log_review_days = 30; ///< cadence.log_review_days: 0 turns the cadence rule off
    std::string today;        ///< YYYY-MM-DD
};

/// The traceability chain: approved requirements tested, approved cases run in the newest
/// report, anomaly requests recorded, logs reviewed on time.
void check_chain(const std::vector<Document>& documents, const ChainSettings& settings, Findings& out);

/// Files the rules looked for outside the documents and .cswm/schemas/ (a schema a
/// modeline names elsewhere), with whether each was there: a stored result holds while
/// each still is, or still is not.
using FilesLookedFor = std::vector<std::pair<std::string, bool>>;

/// The editors' schemas: a document's yaml-language-server modeline names its own kind's
/// schema in .cswm/schemas/ (not another kind's, not a missing file), and the schemas
/// exported there are the binary's (warnings, rule editor-schema). The files it looked for
/// elsewhere go to `looked_for` when given.
void check_editor_schemas(const std::vector<Document>& documents, const Catalog& catalog,
                          const std::filesystem::path& root, Findings& out, FilesLookedFor* looked_for = nullptr);

/// Where check_across puts the tree rules' findings, or whether it runs them at all.
struct TreeFindings {
    bool run = true;         ///< false: the caller has them (no document's tree view changed)
    Findings* out = nullptr; ///< when set, they go here, apart from the others
};

/// Every rule across documents but the git rules (tree, semantics, chain, editor schemas):
/// what no edit of a document's prose (lib/check/cross_view.hpp) can change.
void check_across(const std::vector<Document>& documents, const Catalog& catalog, const ChainSettings& settings,
                  const std::filesystem::path& root, Findings& out, FilesLookedFor* looked_for = nullptr,
                  TreeFindings tree = {});

/// True for a scaffold placeholder: a value such as "<what the user saw>", with no other
/// angle bracket inside (a masked log signature such as "<ip> refused" is none).
bool is_placeholder(const nlohmann::json& value);

} // namespace cswm::rules
