#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace cswm {

class Catalog;

/// Writes `<kind>.schema.json` for every kind into `folder` (created if missing), each
/// atomically and only when its content changed. Returns the files written or current.
std::vector<std::filesystem::path> export_schemas(const Catalog& catalog, const std::filesystem::path& folder);

/// The schema text exported for one kind: pretty JSON with a final newline.
std::string schema_text(const nlohmann::json& schema);

} // namespace cswm
