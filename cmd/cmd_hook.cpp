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
    return {app, [options, install](Context& context) {
                if (install->parsed()) {
                    std::error_code error;
                    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
                    const std::filesystem::path hook = install_commit_hook(
                        *context.workspace, error ? std::filesystem::path("cswm") : self, options->force);
                    context.out << fmt::format("installed {}\n", relative_to(hook, context.cwd));
                    return 0;
                }
                const std::filesystem::path file =
                    options->message_file.is_absolute() ? options->message_file : context.cwd / options->message_file;
                const std::vector<UnknownReference> unknown = check_commit_message(*context.workspace, file);
                for (const UnknownReference& reference : unknown) {
                    context.err << fmt::format(
                        "cswm: Refs: names {}, which no document or item has{}\n", printable(reference.id, 60),
                        reference.suggestion.empty()
                            ? ""
                            : fmt::format(" (did you mean {}?)", printable(reference.suggestion, 60)));
                }
                if (!unknown.empty()) {
                    context.err << "cswm: commit rejected: fix the Refs: trailer (or commit with --no-verify)\n";
                    return static_cast<int>(ExitCode::findings);
                }
                return 0;
            }};
}

} // namespace cswm::cli
