#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace cswm {

class Catalog;

/// One exported schema file, and whether this run changed it.
struct ExportedSchema {
    std::filesystem::path file;
    bool written = false; ///< false when the file already held exactly this schema
};

/// Writes `<kind>.schema.json` for every kind into `folder` (created if missing), each
/// atomically and only when its content changed.
std::vector<ExportedSchema> export_schemas(const Catalog& catalog, const std::filesystem::path& folder);

/// The schema text exported for one kind: pretty JSON with a final newline.
std::string schema_text(const nlohmann::json& schema);

} // namespace cswm
