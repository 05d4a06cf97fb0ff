#include "lib/ops/history.hpp"

#include "lib/model/references.hpp"
#include "lib/ops/query.hpp"
#include "lib/workspace/workspace.hpp"

#include <algorithm>

namespace cswm {

HistoryResult document_history(const Workspace& workspace, const std::string& id) {
    const Repo& repo = workspace.require_repo("cswm history");
    const Document document = find_document(workspace, id);
    HistoryResult result;
    result.id = document.id;
    result.path = document.path;
    result.revisions = repo.file_history(document.path);
    result.shallow = repo.is_shallow();
    std::vector<std::string> own = item_ids(document);
    own.push_back(document.id);
    for (CommitInfo& commit : repo.commits_from_head()) {
        std::vector<std::string> named;
        for (const std::string& ref : referenced_ids(commit.trailers)) {
            if (std::find(own.begin(), own.end(), ref) != own.end()) {
                named.push_back(ref);
            }
        }
        if (!named.empty()) {
            result.references.push_back({std::move(commit), std::move(named)});
        }
    }
    return result;
}

} // namespace cswm
