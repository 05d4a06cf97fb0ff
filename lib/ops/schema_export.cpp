#include "lib/ops/schema_export.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <fmt/format.h>

#include <system_error>

namespace cswm {
namespace {

/// Exported schemas are a few kilobytes; a larger file there is not ours.
constexpr std::uintmax_t k_largest_schema = 16U << 20U;

void create_folder(const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) {
        throw Error(tr("ops.cannot-create", fmt::arg("path", folder.string()), fmt::arg("reason", error.message())));
    }
}

ExportedSchema write_if_changed(const Kind& kind, const fs::path& folder) {
    const fs::path file = folder / (kind.name + ".schema.json");
    const std::string text = schema_text(kind.schema);
    const ReadResult current = read_regular_file(file, k_largest_schema);
    const bool changed = current.problem != ReadProblem::none || current.content != text;
    if (changed) {
        write_file_atomically(file, text);
    }
    return {file, changed};
}

} // namespace

std::string schema_text(const nlohmann::json& schema) {
    return schema.dump(2) + "\n";
}

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

fs::path schema_file(const fs::path& root, const std::string& kind) {
    return root / k_schema_folder / (kind + ".schema.json");
}

std::string schema_modeline(const fs::path& document, const fs::path& root, const std::string& kind) {
    const fs::path from = document.parent_path().lexically_normal();
    const fs::path relative = schema_file(root, kind).lexically_normal().lexically_relative(from);
    return fmt::format("# yaml-language-server: $schema={}\n", relative.generic_string());
}

SchemaState exported_schema_state(const fs::path& file, const nlohmann::json& schema) {
    std::error_code error;
    if (!fs::exists(fs::symlink_status(file, error))) {
        return SchemaState::missing;
    }
    const ReadResult current = read_regular_file(file, k_largest_schema);
    return current.problem == ReadProblem::none && current.content == schema_text(schema) ? SchemaState::current
                                                                                          : SchemaState::stale;
}

} // namespace cswm
