#include "cmd/command.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/ops/init.hpp"
#include "lib/ops/schema_export.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {

Command register_init(CLI::App& parent) {
    struct Options {
        std::optional<std::string> language;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("init", "Write .cswm.yaml and the document folders; safe to re-run");
    app->add_option("--lang", options->language, "Language of new documents and headings")
        ->check(CLI::IsMember(k_languages));
    return {app, [options](Context& context) {
                const InitReport report = init_workspace(context.cwd, options->language);
                if (report.config_written) {
                    context.out << fmt::format("wrote .cswm.yaml (language {})\n", report.language);
                } else {
                    context.out << fmt::format("kept the existing .cswm.yaml (language {})\n", report.language);
                }
                if (report.ignored_language) {
                    context.err << fmt::format("cswm: --lang {} ignored: .cswm.yaml already says {}; edit it to "
                                               "change\n",
                                               *report.ignored_language, report.language);
                }
                for (const std::string& folder : report.folders_created) {
                    context.out << fmt::format("created {}/\n", folder);
                }
                if (!report.schemas_written.empty()) {
                    context.out << fmt::format("exported {} schemas to {}/ for editors\n",
                                               report.schemas_written.size(), k_schema_folder);
                }
                context.out << fmt::format("ready in {}\n", report.root.string());
                return 0;
            }};
}

} // namespace cswm::cli
