#include "lib/ops/schema_export.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <fmt/format.h>

#include <system_error>

namespace cswm {
namespace {

void create_folder(const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) {
        throw Error(tr("ops.cannot-create", fmt::arg("path", folder.string()), fmt::arg("reason", error.message())));
    }
}

ExportedSchema write_if_changed(const Kind& kind, const fs::path& folder) {
    const fs::path file = folder / (kind.name + ".schema.json");
    const bool changed = exported_schema_state(file, kind.schema) != SchemaState::current;
    if (changed) {
        write_file_atomically(file, schema_text(kind.schema));
    }
    return {file, changed};
}

} // namespace

std::vector<ExportedSchema> export_schemas(const Catalog& catalog, const fs::path& folder) {
    create_folder(folder);
    std::vector<ExportedSchema> files;
    for (const Kind& kind : catalog.kinds()) {
        files.push_back(write_if_changed(kind, folder));
    }
    return files;
}

ExportedSchema export_schema(const Kind& kind, const fs::path& folder) {
    create_folder(folder);
    return write_if_changed(kind, folder);
}

} // namespace cswm
