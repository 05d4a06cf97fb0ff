#include "lib/schema/exported.hpp"

#include "lib/util/files.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <system_error>

namespace cswm {
namespace {

/// Exported schemas are a few kilobytes; a larger file there is not ours.
constexpr std::uintmax_t k_largest_schema = 16U << 20U;

} // namespace

std::string schema_text(const nlohmann::json& schema) {
    return schema.dump(2) + "\n";
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
