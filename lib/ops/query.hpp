#pragma once

#include "lib/model/document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cswm {

class Workspace;

struct ListFilter {
    std::optional<std::string> kind; ///< a kind name; Error when unknown
    std::optional<std::string> status;
};

/// The documents that parsed and name a known kind, filtered, ordered by kind (in the
/// standard's order) and ID.
std::vector<Document> list_documents(const Workspace& workspace, const ListFilter& filter);

/// The one document with this ID. Throws Error when there is none ("did you mean") or
/// several files claim it.
Document find_document(const Workspace& workspace, const std::string& id);

} // namespace cswm
