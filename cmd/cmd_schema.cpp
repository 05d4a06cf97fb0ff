#include "cmd/command.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/ops/schema_export.hpp"
#include "lib/util/files.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {

Command register_schema(CLI::App& parent) {
    struct Options {
        std::filesystem::path folder;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("schema", tr("help.schema"));
    app->require_subcommand(1);
    CLI::App* export_app = app->add_subcommand("export", tr("help.schema-export"));
    export_app->add_option("--dir,-d", options->folder, tr("option.schema-export-dir"));
    return {app, [options](Context& context) {
                const std::filesystem::path folder = options->folder.empty() ? context.repo_root / ".cswm" / "schemas"
                                                     : options->folder.is_absolute() ? options->folder
                                                                                     : context.cwd / options->folder;
                for (const ExportedSchema& exported : export_schemas(Catalog::builtin(), folder)) {
                    context.out << tr(exported.written ? "schema.wrote" : "schema.unchanged",
                                      fmt::arg("file", relative_to(exported.file, context.cwd)))
                                << '\n';
                }
                return 0;
            }};
}

} // namespace cswm::cli
