#include "cmd/command.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/i18n/i18n.hpp"
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
    CLI::App* app = parent.add_subcommand("init", tr("help.init"));
    app->add_option("--lang", options->language, tr("option.init-lang"))->check(CLI::IsMember(k_languages));
    return {app, [options](Context& context) {
                std::optional<std::string> language = options->language;
                if (!language && !context.lang_flag.empty()) {
                    language = context.lang_flag;
                }
                const InitReport report = init_workspace(context.cwd, language);
                if (context.lang_flag.empty()) { // from now on, the workspace's language
                    i18n::set_language(i18n::parse_language(report.language).value_or(i18n::language()));
                }
                context.out << tr(report.config_written ? "init.wrote-config" : "init.kept-config",
                                  fmt::arg("language", report.language))
                            << '\n';
                if (report.ignored_language) {
                    context.err << "cswm: "
                                << tr("init.language-ignored", fmt::arg("ignored", *report.ignored_language),
                                      fmt::arg("language", report.language))
                                << '\n';
                }
                for (const std::string& folder : report.folders_created) {
                    context.out << tr("init.created-folder", fmt::arg("folder", folder)) << '\n';
                }
                if (!report.schemas_written.empty()) {
                    context.out << tr("init.exported-schemas", fmt::arg("count", report.schemas_written.size()),
                                      fmt::arg("folder", k_schema_folder))
                                << '\n';
                }
                context.out << tr("init.ready", fmt::arg("root", report.root.string())) << '\n';
                return 0;
            }};
}

} // namespace cswm::cli
