#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/query.hpp"
#include "lib/report/document_report.hpp"
#include "lib/util/files.hpp"
#include "lib/workspace/workspace.hpp"

#include <memory>

namespace cswm::cli {

Command register_show(CLI::App& parent) {
    struct Options {
        std::string id;
        std::string format = "text";
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("show", tr("help.show"));
    app->add_option("ID", options->id, tr("option.show-id"))->required();
    app->add_option("--format", options->format, tr("option.format"))->check(CLI::IsMember({"text", "json"}));
    return {app, [options](Context& context) {
                const Workspace& workspace = *context.workspace;
                const Document document = find_document(workspace, options->id);
                if (options->format == "json") {
                    write_show_json(context.out, document);
                } else {
                    write_show_text(context.out, document, read_file_or_throw(document.file),
                                    i18n::view_language(std::nullopt));
                }
                return 0;
            }};
}

} // namespace cswm::cli
