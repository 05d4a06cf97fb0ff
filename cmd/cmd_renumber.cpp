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
                const char* verb = request->dry_run ? "would renumber" : "renumbered";
                out << fmt::format("{} {} as {} in {}\n", verb, result.old_id, result.new_id, result.path);
                if (result.new_path != result.path) {
                    out << fmt::format("{} {} to {}\n", request->dry_run ? "would rename" : "renamed", result.path,
                                       result.new_path);
                }
                out << fmt::format("{} {} mention{} in {} file{}:\n", request->dry_run ? "would rewrite" : "rewrote",
                                   result.rewritten.size(), result.rewritten.size() == 1 ? "" : "s", result.files,
                                   result.files == 1 ? "" : "s");
                for (const IdMention& mention : result.rewritten) {
                    out << mention_text(mention);
                }
                if (!result.left.empty()) {
                    out << fmt::format("left as written, since {} still names the other document: check each one\n",
                                       result.old_id);
                    for (const IdMention& mention : result.left) {
                        out << mention_text(mention);
                    }
                }
                if (!result.commits.empty()) {
                    out << fmt::format("note: {} commit{} name{} {} in Refs: trailers; commits cannot change, so they "
                                       "keep the old ID:\n",
                                       result.commits.size(), result.commits.size() == 1 ? "" : "s",
                                       result.commits.size() == 1 ? "s" : "", result.old_id);
                    for (const CommitInfo& commit : result.commits) {
                        out << fmt::format("  {} {}\n", commit.sha.substr(0, 10), printable(commit.summary, 80));
                    }
                    if (!result.duplicate) {
                        out << fmt::format("check reports them (trailer-unknown-id); to accept that, waive it in "
                                           ".cswm.yaml:\n  - rule: trailer-unknown-id\n    id: {}\n    "
                                           "justification: renumbered to {}\n",
                                           result.old_id, result.new_id);
                    }
                }
                return 0;
            }};
}

} // namespace cswm::cli
