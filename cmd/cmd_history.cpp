#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/history.hpp"
#include "lib/report/history_report.hpp"

#include <memory>

namespace cswm::cli {

Command register_history(CLI::App& parent) {
    struct Options {
        std::string id;
        std::string format = "text";
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("history", tr("help.history"));
    app->add_option("ID", options->id, tr("option.id-fix"))->required();
    app->add_option("--format", options->format, tr("option.format"))->check(CLI::IsMember({"text", "json"}));
    return {app, [options](Context& context) {
                const HistoryResult history = document_history(*context.workspace, options->id);
                if (options->format == "json") {
                    write_history_json(context.out, history);
                } else {
                    write_history_text(context.out, history);
                }
                return 0;
            }};
}

} // namespace cswm::cli
