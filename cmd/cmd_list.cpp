#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/query.hpp"
#include "lib/report/document_report.hpp"
#include "lib/workspace/workspace.hpp"

#include <memory>

namespace cswm::cli {

Command register_list(CLI::App& parent) {
    struct Options {
        ListFilter filter;
        std::string format = "text";
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("list", tr("help.list"));
    app->add_option("--kind,-k", options->filter.kind, tr("option.list-kind"));
    app->add_option("--status,-s", options->filter.status, tr("option.list-status"));
    app->add_option("--format", options->format, tr("option.format"))->check(CLI::IsMember({"text", "json"}));
    return {app, [options](Context& context) {
                const Workspace& workspace = *context.workspace;
                const std::vector<Document> documents = list_documents(workspace, options->filter);
                if (options->format == "json") {
                    write_list_json(context.out, documents);
                } else {
                    write_list_text(context.out, documents, i18n::view_language(std::nullopt));
                }
                return 0;
            }};
}

} // namespace cswm::cli
