#include "lib/check/rules.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/schema/exported.hpp"
#include "lib/util/files.hpp"

#include <fmt/format.h>

#include <map>
#include <system_error>

namespace cswm::rules {
namespace {

bool is_url(const std::string& target) {
    return target.find("://") != std::string::npos || target.starts_with("file:");
}

} // namespace

void check_editor_schemas(const std::vector<Document>& documents, const Catalog& catalog,
                          const std::filesystem::path& root, Findings& out, FilesLookedFor* looked_for) {
    namespace fs = std::filesystem;
    const fs::path folder = (root / k_schema_folder).lexically_normal();
    std::map<std::string, SchemaState> states;
    auto state_of = [&](const Kind& kind) {
        const auto known = states.find(kind.name);
        if (known != states.end()) {
            return known->second;
        }
        return states[kind.name] = exported_schema_state(schema_file(root, kind.name), kind.schema);
    };
    for (const Document& document : documents) {
        if (!document.modeline || document.kind == nullptr || is_url(document.modeline->schema)) {
            continue;
        }
        const SchemaModeline& modeline = *document.modeline;
        const Kind& kind = *document.kind;
        const fs::path expected = schema_file(root, kind.name).lexically_normal();
        const fs::path named = (document.file.parent_path() / modeline.schema).lexically_normal();
        const std::string wanted =
            expected.lexically_relative(document.file.parent_path().lexically_normal()).generic_string();
        auto report = [&](const std::string& message) {
            out.push_back({Severity::warning, "editor-schema", document.path, modeline.line, modeline.column,
                           document.id, message});
        };
        if (named != expected) {
            const std::string file_name = named.filename().string();
            const Kind* other = nullptr;
            if (named.parent_path() == folder && file_name.ends_with(".schema.json")) {
                other = catalog.find(file_name.substr(0, file_name.size() - std::string(".schema.json").size()));
            }
            std::error_code error;
            if (other != nullptr) {
                report(tr("check.modeline-other-kind", fmt::arg("named", other->name), fmt::arg("kind", kind.name),
                          fmt::arg("wanted", wanted)));
                continue;
            }
            const bool there = fs::exists(fs::symlink_status(named, error));
            if (looked_for != nullptr) {
                looked_for->emplace_back(named.string(), there);
            }
            if (!there) {
                report(
                    tr("check.modeline-missing-file", fmt::arg("named", modeline.schema), fmt::arg("wanted", wanted)));
            }
            continue;
        }
        if (state_of(kind) == SchemaState::missing) {
            report(tr("check.modeline-not-exported", fmt::arg("named", relative_to(expected, root))));
        }
    }
    for (const Kind& kind : catalog.kinds()) {
        if (state_of(kind) == SchemaState::stale) {
            out.push_back({Severity::warning, "editor-schema", relative_to(schema_file(root, kind.name), root), 0, 0,
                           "", tr("check.schema-stale", fmt::arg("kind", kind.name))});
        }
    }
}

} // namespace cswm::rules
