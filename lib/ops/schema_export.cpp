#include "lib/ops/schema_export.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <fmt/format.h>

#include <system_error>

namespace cswm {

std::string schema_text(const nlohmann::json& schema) {
    return schema.dump(2) + "\n";
}

std::vector<ExportedSchema> export_schemas(const Catalog& catalog, const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) {
        throw Error(fmt::format("cannot create {}: {}", folder.string(), error.message()));
    }
    std::vector<ExportedSchema> files;
    for (const Kind& kind : catalog.kinds()) {
        const fs::path file = folder / (kind.name + ".schema.json");
        const std::string text = schema_text(kind.schema);
        const ReadResult current = read_regular_file(file, 16U << 20U);
        const bool changed = current.problem != ReadProblem::none || current.content != text;
        if (changed) {
            write_file_atomically(file, text);
        }
        files.push_back({file, changed});
    }
    return files;
}

} // namespace cswm
