#pragma once

#include "lib/git/repo.hpp"

#include <string>
#include <vector>

namespace cswm {

class Workspace;

/// A commit whose `Refs:` trailers name the document or one of its items.
struct Reference {
    CommitInfo commit;
    std::vector<std::string> ids; ///< the IDs it names that belong to the document
};

struct HistoryResult {
    std::string id;
    std::string path;
    std::vector<FileRevision> revisions; ///< commits that changed the file, newest first
    std::vector<Reference> references;   ///< commits that reference it, newest first
    bool shallow = false;                ///< the clone is shallow: older revisions are not here
};

/// The revisions of a document's file (following renames) and the commits whose trailers
/// reference the document or its items, from HEAD.
HistoryResult document_history(const Workspace& workspace, const std::string& id);

} // namespace cswm
