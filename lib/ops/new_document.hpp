#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace cswm {

class Workspace;
struct Kind;

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
    std::string path;           ///< relative to the repository root
    std::string schema_written; ///< the kind's exported schema, relative to the root, when this run wrote it
};

/// Scaffolds the next free ID of the kind: one more than the highest ID of that kind that
/// any file of the tree has (in its name or its `id:`), so IDs are never reused. Creation
/// is atomic and exclusive: concurrent runs get distinct IDs, nothing is overwritten.
/// The file starts with a yaml-language-server modeline naming the kind's schema in
/// .cswm/schemas/, which is exported first when missing or stale.
NewDocumentResult create_document(const Workspace& workspace, const NewDocumentRequest& request);

/// Creates a file of `kind` with the next free ID, as create_document does (under the
/// lock, exclusively, never reusing an ID): `render` gives the file's text for the ID
/// offered, and is asked again with the next ID when that file name was taken meanwhile.
/// `title` names the file. Nothing is written when `render` throws.
NewDocumentResult create_with_next_id(const Workspace& workspace, const Kind& kind, const std::string& title,
                                      const std::function<std::string(const std::string& id)>& render);

/// The kind's scaffold in `request.language` for the document `id`, with its title,
/// owner and date filled in.
std::string render_scaffold(const Kind& kind, const NewDocumentRequest& request, const std::string& id);

/// Throws Error unless the title is one line of valid UTF-8 without control characters.
void validate_title(const std::string& title);

/// The highest number of the kind's IDs in the tree, in file names and `id:` fields (0 when
/// there is none): what create_document counts on from. Call it under the lock.
unsigned long highest_id_number(const Workspace& workspace, const Kind& kind);

/// The next ID for `prefix` after the highest number used in `ids`.
std::string next_id(const std::string& prefix, unsigned long highest);

} // namespace cswm
