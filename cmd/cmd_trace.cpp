#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/report/trace_report.hpp"
#include "lib/trace/views.hpp"
#include "lib/util/error.hpp"
#include "lib/workspace/workspace.hpp"

#include <memory>
#include <optional>

namespace cswm::cli {

Command register_trace(CLI::App& parent) {
    struct Options {
        std::string format = "text";
        std::optional<std::string> from;
        std::optional<std::string> language;
        bool fragment = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("trace", tr("help.trace"));
    app->add_option("--format", options->format, tr("option.format"))
        ->check(CLI::IsMember({"text", "md", "html", "csv", "json"}));
    app->add_option("--from", options->from, tr("option.trace-from"))->option_text("ID");
    app->add_option("--lang", options->language, tr("option.trace-lang"))->check(CLI::IsMember(k_languages));
    app->add_flag("--fragment", options->fragment, tr("option.trace-fragment"));
    return {app, [options](Context& context) {
                if (options->from && options->from->empty()) {
                    throw Error(tr("trace.from-needs-id"));
                }
                if (options->fragment && options->format != "html") {
                    throw Error(tr("trace.fragment-needs-html"));
                }
                const Workspace& workspace = *context.workspace;
                const std::string language = i18n::view_language(options->language);
                LoadedDocuments loaded;
                const TraceMatrix matrix = trace_workspace(workspace, options->from.value_or(""), &loaded);
                context.keep_until_exit = std::move(loaded);
                if (options->format == "json") {
                    write_trace_json(context.out, matrix);
                } else if (options->format == "csv") {
                    write_trace_csv(context.out, matrix);
                } else if (options->format == "md") {
                    write_trace_markdown(context.out, matrix, language);
                } else if (options->format == "html") {
                    write_trace_html(context.out, matrix, language,
                                     options->fragment ? HtmlMode::fragment : HtmlMode::page);
                } else {
                    write_trace_text(context.out, matrix, language);
                }
                return 0;
            }};
}

} // namespace cswm::cli
