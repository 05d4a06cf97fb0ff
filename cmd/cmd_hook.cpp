#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/hook.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {

Command register_hook(CLI::App& parent) {
    struct Options {
        bool force = false;
        std::filesystem::path message_file;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("hook", tr("help.hook"));
    app->require_subcommand(1);
    CLI::App* install = app->add_subcommand("install", tr("help.hook-install"));
    install->add_flag("--force", options->force, tr("option.hook-install-force"));
    CLI::App* check = app->add_subcommand("check-message", tr("help.hook-check-message"));
    check->add_option("FILE", options->message_file, tr("option.hook-check-message-file"))->required();
    return {
        app, [options, install](Context& context) {
            if (install->parsed()) {
                std::error_code error;
                const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
                const std::filesystem::path hook = install_commit_hook(
                    *context.workspace, error ? std::filesystem::path("cswm") : self, options->force);
                context.out << tr("hook.installed", fmt::arg("file", relative_to(hook, context.cwd))) << '\n';
                return 0;
            }
            const std::filesystem::path file =
                options->message_file.is_absolute() ? options->message_file : context.cwd / options->message_file;
            const std::vector<UnknownReference> unknown = check_commit_message(*context.workspace, file);
            for (const UnknownReference& reference : unknown) {
                context.err << "cswm: "
                            << tr("hook.unknown-reference", fmt::arg("id", printable(reference.id, 60)),
                                  fmt::arg("suggestion", reference.suggestion.empty()
                                                             ? std::string()
                                                             : tr("check.link-did-you-mean",
                                                                  fmt::arg("id", printable(reference.suggestion, 60)))))
                            << '\n';
            }
            if (!unknown.empty()) {
                context.err << "cswm: " << tr("hook.commit-rejected") << '\n';
                return static_cast<int>(ExitCode::findings);
            }
            return 0;
        }};
}

} // namespace cswm::cli
