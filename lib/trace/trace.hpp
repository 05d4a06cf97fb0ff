#pragma once

// The traceability matrix (SPEC §2, issue 5 "Views"): from feasibility to commits, built
// once from the loaded documents and printed by lib/report in every format.

#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// What is missing at one place of the chain.
enum class GapKind {
    untested,               ///< a requirement in force that no test case verifies
    no_report,              ///< a case whose quality spec no test report runs yet
    no_result,              ///< a case without a result in the newest report of its quality spec
    failed_without_fix,     ///< the latest result failed and names no fix confirmation
    fix_not_verified,       ///< a fix confirmation not verified or closed, or with no `verified_by`
    fix_without_commits,    ///< a fix confirmation past `open` that names no commit
    fix_missing,            ///< a result names a fix confirmation that does not exist
    request_without_record, ///< an accepted or closed anomaly request no record or requirement handles
};

/// The stable name of a gap kind, as JSON and CSV print it: "untested", "no-result"…
std::string_view gap_name(GapKind kind);

/// One gap: its kind, the ID it is on, and the ID it concerns (the report, the fix) if any.
struct Gap {
    GapKind kind;
    std::string subject;
    std::string other;
};

/// A commit named by a document or by a `Refs:` trailer.
struct TraceCommit {
    std::string sha;     ///< full 40-hex
    std::string summary; ///< empty when the commit is not in the history read
};

/// A fix confirmation as the chain sees it.
struct TraceFix {
    std::string id;
    std::string title;
    std::string status;
    std::string verified_by; ///< the verifying test report, empty when none
    std::vector<TraceCommit> commits;
    bool exists = true; ///< false when only named by a result
};

/// The result of a case in the newest test report of its quality spec.
struct TraceResult {
    std::string report;  ///< TR ID
    std::string outcome; ///< passed / failed / blocked / skipped
    std::string fix;     ///< the fix the result names, if any
    std::string commit;  ///< the commit the report tested, if recorded
};

/// A test case that verifies a requirement.
struct TraceCase {
    std::string id;
    std::string title;
    std::string quality_spec;
    std::string quality_spec_status;
    std::string newest_report;         ///< newest report of the quality spec; empty when none
    std::optional<TraceResult> result; ///< absent when that report has no result for it
    std::vector<TraceFix> fixes;       ///< named by its results in any report, or by their `source`
};

/// One requirement and everything below and above it.
struct TraceRequirement {
    std::string id;
    std::string title;
    std::string change; ///< added / modified / removed / unchanged
    std::string srs;
    std::string srs_status;
    std::vector<std::string> plans;       ///< the SRS's `based_on`
    std::vector<std::string> feasibility; ///< the plans' `based_on`
    std::vector<std::string> sources;     ///< AREQ/AREC/MLOG the need came from
    std::vector<TraceCommit> commits;     ///< commits whose `Refs:` name the requirement
    std::vector<TraceCase> cases;
    std::vector<Gap> gaps; ///< of the requirement, its cases and their fixes, in order
};

/// An anomaly record of a request, and its fix.
struct TraceRecord {
    std::string id;
    std::string title;
    std::string status;
    std::optional<TraceFix> fix;
};

/// An anomaly request, its records and the requirements that took it up.
struct TraceAnomaly {
    std::string id;
    std::string title;
    std::string status;
    std::vector<TraceRecord> records;
    std::vector<std::string> requirements;
    std::vector<Gap> gaps;
};

/// A document of the chain's kinds that no row of the matrix reaches: a feasibility
/// report or plan no SRS is based on, a fix confirmation no case or record leads to, an
/// anomaly record whose request does not exist.
struct TraceDocument {
    std::string id;
    std::string kind;
    std::string title;
    std::string status;
};

/// The whole matrix, or the part reachable from one ID.
struct TraceMatrix {
    std::string from; ///< the --from ID, empty for everything
    std::vector<TraceRequirement> requirements;
    std::vector<TraceAnomaly> anomalies;
    std::vector<TraceDocument> unlinked; ///< outside every row, by ID

    /// Every gap once, requirements first, in order.
    std::vector<Gap> gaps() const;
};

/// Builds the matrix from the documents (unparsed ones and unknown kinds are left out).
/// `history` (commits from HEAD) gives the `Refs:` trailers and commit summaries; it may
/// be empty. With `from`, keeps the chain reachable from that document or item ID, up
/// and down; throws Error (exit 2) with a "did you mean" when no document defines it.
TraceMatrix build_trace(const std::vector<Document>& documents, const std::vector<CommitInfo>& history,
                        const std::string& from = {});

/// True when a fix confirmation is verified: status `verified` or `closed`, and `verified_by`
/// names the test report that confirms it.
bool fix_verified(const std::string& status, const std::string& verified_by);

} // namespace cswm
