#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/link.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {

Command register_link(CLI::App& parent) {
    auto request = std::make_shared<LinkRequest>();
    CLI::App* app = parent.add_subcommand("link", tr("help.link"));
    app->add_option("ID", request->id, tr("option.id-fix"))->required();
    app->add_option("REV", request->revisions, tr("option.link-rev"))->required();
    app->add_option("--action", request->action, tr("option.link-action"));
    return {app, [request](Context& context) {
                const LinkResult result = link_commits(*context.workspace, *request);
                for (const std::string& sha : result.added) {
                    context.out << tr("link.linked", fmt::arg("sha", sha), fmt::arg("path", result.path),
                                      fmt::arg("field", result.field))
                                << '\n';
                }
                for (const std::string& sha : result.present) {
                    context.out << tr("link.already-linked", fmt::arg("sha", sha), fmt::arg("path", result.path),
                                      fmt::arg("field", result.field))
                                << '\n';
                }
                return 0;
            }};
}

} // namespace cswm::cli
