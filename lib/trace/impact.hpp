#pragma once

// `cswm impact REV_RANGE`: the documents, requirements and test cases that the commits of
// a range touch.

#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"

#include <string>
#include <vector>

namespace cswm {

/// How a commit range reaches one ID.
struct ImpactVia {
    /// "file": the commits changed the document's file (for an item: its entry in the file);
    /// "commit-link": a commit field of the document names them; "trailer": their `Refs:`
    /// name the ID; "fix": through that touched fix confirmation; "requirement": the case
    /// verifies that touched requirement.
    std::string how;
    std::string through;              ///< the fix or requirement ID, or the commit field
    std::vector<std::string> commits; ///< full SHAs, newest first (empty for fix/requirement)
};

/// A document, requirement or test case that the range touches.
struct ImpactEntry {
    std::string id;
    std::string kind; ///< the document's kind; for items, "requirement" or "test-case"
    std::string title;
    std::string document; ///< for items: the SRS or quality spec that defines it
    std::string path;     ///< for documents: the file
    std::vector<ImpactVia> via;
};

struct ImpactReport {
    std::string range;
    std::vector<CommitInfo> commits; ///< newest first
    std::size_t merges = 0;
    std::vector<ImpactEntry> documents;
    std::vector<ImpactEntry> requirements;
    std::vector<ImpactEntry> test_cases;
    std::vector<std::string> unknown_refs; ///< IDs that `Refs:` trailers of the range name but nothing defines
};

/// What the commits of `range` touch among `documents`. Throws Error (exit 2) for a bad
/// range. `max_document_bytes` bounds the old versions of document files read from git.
ImpactReport build_impact(const std::vector<Document>& documents, const Repo& repo, const std::string& range,
                          std::size_t max_document_bytes);

} // namespace cswm
