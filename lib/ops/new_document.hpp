#pragma once

#include <filesystem>
#include <string>

namespace cswm {

class Workspace;

struct NewDocumentRequest {
    std::string kind;     ///< a kind name of the catalogue
    std::string title;    ///< empty: the scaffold's title placeholder
    std::string language; ///< en or zh-TW
    std::string owner;    ///< empty: the scaffold's owner placeholder
    std::string today;    ///< YYYY-MM-DD
};

struct NewDocumentResult {
    std::string id;
    std::filesystem::path file;
    std::string path; ///< relative to the repository root
};

/// Scaffolds the next free ID of the kind: one more than the highest ID of that kind that
/// any file of the tree has (in its name or its `id:`), so IDs are never reused. Creation
/// is atomic and exclusive: concurrent runs get distinct IDs, nothing is overwritten.
NewDocumentResult create_document(const Workspace& workspace, const NewDocumentRequest& request);

/// The next ID for `prefix` after the highest number used in `ids`.
std::string next_id(const std::string& prefix, unsigned long highest);

} // namespace cswm
