#pragma once

// The schemas `cswm` exports for editors (yaml-language-server): where they live, their
// text, the modeline that names them, and whether a file holds the binary's. Writing them
// is lib/ops/schema_export's; the editor-schema rule only reads.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace cswm {

/// Where `cswm schema export`, `init` and `new` keep the schemas, relative to the
/// repository root: committed with the documents, so editors validate in every clone.
inline constexpr const char* k_schema_folder = ".cswm/schemas";

/// The schema text exported for one kind: pretty JSON with a final newline.
std::string schema_text(const nlohmann::json& schema);

/// `<root>/.cswm/schemas/<kind>.schema.json`.
std::filesystem::path schema_file(const std::filesystem::path& root, const std::string& kind);

/// The first line `cswm new` writes into a document: `# yaml-language-server: $schema=`
/// with the path from the document's folder to its kind's exported schema, so the
/// modeline works wherever the repository is cloned. Ends with a newline.
std::string schema_modeline(const std::filesystem::path& document, const std::filesystem::path& root,
                            const std::string& kind);

/// Whether an exported schema file is missing, current, or differs from the binary's.
enum class SchemaState { missing, current, stale };

/// The state of `file` against the schema text the binary would export.
SchemaState exported_schema_state(const std::filesystem::path& file, const nlohmann::json& schema);

} // namespace cswm
