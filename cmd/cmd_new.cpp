#include "cmd/command.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/ops/new_document.hpp"
#include "lib/util/dates.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {

Command register_new(CLI::App& parent) {
    struct Options {
        std::string kind;
        std::string title;
        std::optional<std::string> language;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("new", tr("help.new"));
    app->add_option(
           "KIND", options->kind,
           tr("option.new-kind", fmt::arg("kinds", fmt::format("{}", fmt::join(Catalog::builtin().names(), ", ")))))
        ->required();
    app->add_option("--title,-t", options->title, tr("option.new-title"));
    app->add_option("--lang", options->language, tr("option.new-lang"))->check(CLI::IsMember(k_languages));
    return {app, [options](Context& context) {
                const Workspace& workspace = *context.workspace;
                NewDocumentRequest request;
                request.kind = options->kind;
                request.title = options->title;
                request.language = options->language.value_or(context.lang_flag.empty() ? workspace.config().language
                                                                                        : context.lang_flag);
                if (const Repo* repo = workspace.repo()) {
                    request.owner = repo->config_string("user.name").value_or("");
                }
                request.today = today_iso();
                const NewDocumentResult result = create_document(workspace, request);
                context.out << tr("new.created", fmt::arg("id", result.id), fmt::arg("path", result.path)) << '\n';
                if (!result.schema_written.empty()) {
                    context.out << tr("new.exported-schema", fmt::arg("file", result.schema_written)) << '\n';
                }
                return 0;
            }};
}

} // namespace cswm::cli
