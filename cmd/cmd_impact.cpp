#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/report/impact_report.hpp"
#include "lib/trace/views.hpp"
#include "lib/workspace/workspace.hpp"

#include <memory>
#include <optional>

namespace cswm::cli {

Command register_impact(CLI::App& parent) {
    struct Options {
        std::string range;
        std::string format = "text";
        std::optional<std::string> language;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("impact", tr("help.impact"));
    app->add_option("REV_RANGE", options->range, tr("option.impact-range"))->required();
    app->add_option("--format", options->format, tr("option.format"))->check(CLI::IsMember({"text", "json"}));
    app->add_option("--lang", options->language, tr("option.view-lang"))->check(CLI::IsMember(k_languages));
    return {app, [options](Context& context) {
                const Workspace& workspace = *context.workspace;
                const ImpactReport impact = impact_workspace(workspace, options->range);
                if (options->format == "json") {
                    write_impact_json(context.out, impact);
                } else {
                    write_impact_text(context.out, impact, i18n::view_language(options->language));
                }
                return 0;
            }};
}

} // namespace cswm::cli
