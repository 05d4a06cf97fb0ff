#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/renumber.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/journal.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {
namespace {

std::string mention_text(const IdMention& mention) {
    return mention.field.empty() ? fmt::format("  {}:{}\n", mention.path, mention.line)
                                 : fmt::format("  {}:{}: {}\n", mention.path, mention.line, mention.field);
}

} // namespace

Command register_renumber(CLI::App& parent) {
    auto request = std::make_shared<RenumberRequest>();
    auto resume = std::make_shared<bool>(false);
    CLI::App* app = parent.add_subcommand("renumber", tr("help.renumber"));
    CLI::Option* old_id = app->add_option("OLD", request->old_id, tr("option.renumber-old"));
    app->add_option("NEW", request->new_id, tr("option.renumber-new"));
    app->add_option("--file", request->file, tr("option.renumber-file"));
    app->add_flag("--dry-run", request->dry_run, tr("option.renumber-dry-run"));
    app->add_flag("--resume", *resume, tr("option.renumber-resume"))->excludes(old_id);
    return {app, [request, resume](Context& context) {
                if (*resume) {
                    const Settled settled = resume_renumber(*context.workspace);
                    context.out << (settled.outcome == Settled::Outcome::finished
                                        ? tr("renumber.resume-finished", fmt::arg("what", settled.what))
                                    : settled.outcome == Settled::Outcome::rolled_back
                                        ? tr("renumber.resume-rolled-back", fmt::arg("what", settled.what))
                                        : tr("renumber.resume-nothing"))
                                << '\n';
                    return 0;
                }
                if (request->old_id.empty()) {
                    throw Error(tr("renumber.old-required"));
                }
                request->base = context.cwd;
                const RenumberResult result = renumber(*context.workspace, *request);
                std::ostream& out = context.out;
                const bool dry = request->dry_run;
                out << tr(dry ? "renumber.would-renumber" : "renumber.renumbered", fmt::arg("old", result.old_id),
                          fmt::arg("new", result.new_id), fmt::arg("path", result.path))
                    << '\n';
                if (result.new_path != result.path) {
                    out << tr(dry ? "renumber.would-rename" : "renumber.renamed", fmt::arg("path", result.path),
                              fmt::arg("new_path", result.new_path))
                        << '\n';
                }
                const std::size_t mentions = result.rewritten.size();
                out << tr(dry ? "renumber.would-rewrite" : "renumber.rewrote",
                          fmt::arg("mentions", tr(mentions == 1 ? "renumber.mentions-one" : "renumber.mentions-many",
                                                  fmt::arg("count", mentions))),
                          fmt::arg("files", tr(result.files == 1 ? "renumber.files-one" : "renumber.files-many",
                                               fmt::arg("count", result.files))))
                    << '\n';
                for (const IdMention& mention : result.rewritten) {
                    out << mention_text(mention);
                }
                if (!result.left.empty()) {
                    out << tr("renumber.left-as-written", fmt::arg("id", result.old_id)) << '\n';
                    for (const IdMention& mention : result.left) {
                        out << mention_text(mention);
                    }
                }
                if (!result.commits.empty()) {
                    out << tr(result.commits.size() == 1 ? "renumber.commits-keep-one" : "renumber.commits-keep-many",
                              fmt::arg("count", result.commits.size()), fmt::arg("id", result.old_id))
                        << '\n';
                    for (const CommitInfo& commit : result.commits) {
                        out << fmt::format("  {} {}\n", commit.sha.substr(0, 10), printable(commit.summary, 80));
                    }
                    if (!result.duplicate) {
                        out << tr("renumber.waive-hint", fmt::arg("old", result.old_id), fmt::arg("new", result.new_id))
                            << '\n';
                    }
                }
                return 0;
            }};
}

} // namespace cswm::cli
