#pragma once

#include "lib/schema/exported.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace cswm {

class Catalog;
struct Kind;

/// One exported schema file, and whether this run changed it.
struct ExportedSchema {
    std::filesystem::path file;
    bool written = false; ///< false when the file already held exactly this schema
};

/// Writes `<kind>.schema.json` for every kind into `folder` (created if missing), each
/// atomically and only when its content changed.
std::vector<ExportedSchema> export_schemas(const Catalog& catalog, const std::filesystem::path& folder);

/// Writes the one kind's schema into `folder` (created if missing) unless it already
/// holds exactly the binary's: what `cswm new` does before it scaffolds.
ExportedSchema export_schema(const Kind& kind, const std::filesystem::path& folder);

} // namespace cswm
