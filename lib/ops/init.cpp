#include "lib/ops/init.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/ops/schema_export.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/workspace/config.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <system_error>

namespace cswm {

InitReport init_workspace(const fs::path& start, const std::optional<std::string>& language) {
    const Repo repo = Repo::discover(start);
    InitReport report;
    report.root = repo.workdir();
    const fs::path config_file = repo.workdir() / k_config_file;
    const std::string wanted = language.value_or("en");
    report.config_written = create_file_exclusively(config_file, default_config_text(wanted));
    const Config config = load_config(config_file, k_config_file);
    check_documents_root(repo.workdir(), config);
    report.language = config.language;
    if (!report.config_written && language && *language != config.language) {
        report.ignored_language = *language;
    }
    for (const Kind& kind : Catalog::builtin().kinds()) {
        const fs::path folder = repo.workdir() / config.root / kind.name;
        std::error_code error;
        if (fs::is_directory(folder, error)) {
            continue;
        }
        fs::create_directories(folder, error);
        if (error) {
            throw Error(
                tr("ops.cannot-create", fmt::arg("path", folder.string()), fmt::arg("reason", error.message())));
        }
        report.folders_created.push_back(relative_to(folder, repo.workdir()));
    }
    for (const ExportedSchema& exported : export_schemas(Catalog::builtin(), repo.workdir() / k_schema_folder)) {
        if (exported.written) {
            report.schemas_written.push_back(relative_to(exported.file, repo.workdir()));
        }
    }
    return report;
}

} // namespace cswm
