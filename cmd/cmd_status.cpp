#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/report/status_report.hpp"
#include "lib/trace/views.hpp"
#include "lib/workspace/workspace.hpp"

#include <memory>
#include <optional>

namespace cswm::cli {

Command register_status(CLI::App& parent) {
    struct Options {
        std::string format = "text";
        std::optional<std::string> language;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("status", tr("help.status"));
    app->add_option("--format", options->format, tr("option.format"))->check(CLI::IsMember({"text", "json", "html"}));
    app->add_option("--lang", options->language, tr("option.view-lang"))->check(CLI::IsMember(k_languages));
    return {app, [options](Context& context) {
                const Workspace& workspace = *context.workspace;
                const std::string language = i18n::view_language(options->language);
                if (options->format == "html") {
                    const StatusPage page = status_page_workspace(workspace, language);
                    write_status_html(context.out, page.status, page.charts, language);
                    return 0;
                }
                LoadedDocuments loaded;
                const StatusReport status = status_workspace(workspace, &loaded);
                context.keep_until_exit = std::move(loaded);
                if (options->format == "json") {
                    write_status_json(context.out, status);
                } else {
                    write_status_text(context.out, status, language);
                }
                return 0;
            }};
}

} // namespace cswm::cli
