#include "cmd/command.hpp"

#include "cmd/completion.hpp"
#include "cmd/manpage.hpp"
#include "lib/catalog/catalog.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/ops/query.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {
namespace {

const CLI::App& root_of(const CLI::App& app) {
    const CLI::App* root = &app;
    while (root->get_parent() != nullptr) {
        root = root->get_parent();
    }
    return *root;
}

/// The document IDs of the workspace the words point at (`-C DIR` among them, else the
/// current folder); none, silently, outside a workspace or when anything goes wrong:
/// a TAB must never print errors into the command line being typed.
std::vector<std::string> workspace_ids(const Context& context, const std::vector<std::string>& words,
                                       const std::string& kind) {
    std::filesystem::path folder = context.cwd;
    for (std::size_t i = 0; i + 2 < words.size(); ++i) {
        if (words[i] == "-C") {
            folder = context.cwd / words[i + 1];
            break;
        }
    }
    try {
        const Workspace workspace = Workspace::open(folder);
        std::vector<std::string> ids;
        ListFilter filter;
        if (!kind.empty()) {
            filter.kind = kind;
        }
        for (const Document& document : list_documents(workspace, filter)) {
            ids.push_back(document.id);
        }
        return ids;
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace

Command register_completion(CLI::App& parent) {
    auto shell = std::make_shared<std::string>();
    CLI::App* app = parent.add_subcommand("completion", tr("help.completion"));
    app->add_option("SHELL", *shell, tr("option.completion-shell"))
        ->required()
        ->check(CLI::IsMember(k_completion_shells));
    app->footer(tr("option.completion-footer"));
    return {app, [shell](Context& context) {
                context.out << completion_script(*shell);
                return 0;
            }};
}

Command register_complete(CLI::App& parent) {
    auto words = std::make_shared<std::vector<std::string>>();
    // Hidden (empty group): what the completion scripts call at each TAB.
    CLI::App* app = parent.add_subcommand("__complete", "Candidates for the last word, for the completion scripts");
    app->group("");
    app->add_option("WORDS", *words, "The words after cswm; the last is the one being completed");
    const CLI::App* root = &parent;
    return {app, [words, root](Context& context) {
                CompletionSources sources;
                sources.ids = [&context, &words](const std::string& kind) {
                    return workspace_ids(context, *words, kind);
                };
                sources.kinds = [] { return Catalog::builtin().names(); };
                if (words->empty()) {
                    words->emplace_back();
                }
                context.out << completion_lines(complete(root_of(*root), *words, sources));
                return 0;
            }};
}

Command register_man(CLI::App& parent) {
    auto folder = std::make_shared<std::string>();
    // Hidden: the build runs it to write the man pages it installs.
    CLI::App* app = parent.add_subcommand("__man", "Write the man pages, cswm.1 and one per command, into DIR");
    app->group("");
    app->add_option("DIR", *folder, "Folder to write into")->required();
    const CLI::App* root = &parent;
    return {app, [folder, root](Context& context) {
                const auto written = write_man_pages(root_of(*root), context.cwd / *folder, CSWM_VERSION);
                if (!context.quiet) {
                    context.err << fmt::format("cswm: wrote {} man pages into {}\n", written.size(), *folder);
                }
                return 0;
            }};
}

} // namespace cswm::cli
