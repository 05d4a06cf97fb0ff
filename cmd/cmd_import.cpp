#include "cmd/command.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/import/junit_import.hpp"
#include "lib/report/import_report.hpp"
#include "lib/util/dates.hpp"
#include "lib/workspace/workspace.hpp"

#include <memory>

namespace cswm::cli {

Command register_import(CLI::App& parent) {
    auto request = std::make_shared<JunitImportRequest>();
    auto language = std::make_shared<std::optional<std::string>>();
    CLI::App* app = parent.add_subcommand("import", tr("help.import"));
    app->require_subcommand(1);
    CLI::App* junit = app->add_subcommand("junit", tr("help.import-junit"));
    junit->add_option("FILE", request->files, tr("option.import-file"))->required();
    junit->add_option("--quality-spec", request->quality_spec, tr("option.import-quality-spec"))
        ->required()
        ->option_text("QS-ID");
    junit->add_option("--commit", request->revision, tr("option.import-commit"))->option_text("REV");
    junit->add_option("--into", request->into, tr("option.import-into"))->option_text("TR-ID");
    junit->add_option("--title,-t", request->title, tr("option.import-title"));
    junit->add_option("--lang", *language, tr("option.import-lang"))->check(CLI::IsMember(k_languages));
    junit->footer(tr("option.import-footer"));
    // Assigned member by member: Command may gain members that this command leaves at their defaults.
    Command command;
    command.app = app;
    command.run = [request, language](Context& context) {
        const Workspace& workspace = *context.workspace;
        request->cwd = context.cwd;
        request->language =
            language->value_or(context.lang_flag.empty() ? workspace.config().language : context.lang_flag);
        if (const Repo* repo = workspace.repo()) {
            request->owner = repo->config_string("user.name").value_or("");
        }
        request->today = today_iso();
        const JunitImportResult result = import_junit(workspace, *request);
        write_import_text(context.out, result);
        write_import_warnings(context.err, result);
        return 0;
    };
    return command;
}

} // namespace cswm::cli
