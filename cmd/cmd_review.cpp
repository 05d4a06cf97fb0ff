#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/review.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {

Command register_review(CLI::App& parent) {
    auto request = std::make_shared<ReviewRequest>();
    CLI::App* app = parent.add_subcommand("review", tr("help.review"));
    app->add_option("ID", request->id, tr("option.review-id"))->required();
    app->add_option("--by", request->by, tr("option.review-by"));
    app->add_option("--role", request->role, tr("option.review-role"))->needs(app->get_option("--by"));
    app->add_option("--decision", request->decision, tr("option.review-decision"))
        ->check(CLI::IsMember({"pending", "approved", "conditional", "rejected", "returned"}));
    return {app, [request](Context& context) {
                const ReviewResult result = record_review(*context.workspace, *request);
                context.out << fmt::format("{} {} in {} on {}\n", result.written ? "reviewed" : "already reviewed",
                                           result.id, result.path, result.date);
                for (const std::string& change : result.changes) {
                    context.out << fmt::format("  {}\n", change);
                }
                for (const FingerprintChange& change : result.fingerprints) {
                    if (change.before.empty()) {
                        context.out << fmt::format("  fingerprint {}: {} (recorded)\n", change.requirement,
                                                   change.after);
                    } else if (change.after.empty()) {
                        context.out << fmt::format("  fingerprint {}: {} (removed: no case verifies it)\n",
                                                   change.requirement, change.before);
                    } else {
                        context.out << fmt::format("  fingerprint {}: {} → {} (statement changed)\n",
                                                   change.requirement, change.before, change.after);
                    }
                }
                if (result.fingerprints_kept > 0) {
                    context.out << fmt::format("  {} fingerprint{} unchanged\n", result.fingerprints_kept,
                                               result.fingerprints_kept == 1 ? "" : "s");
                }
                for (const std::string& requirement : result.unknown) {
                    context.err << fmt::format("warning: {} is verified by a case but stated in no SRS: no "
                                               "fingerprint recorded for it\n",
                                               requirement);
                }
                return 0;
            }};
}

} // namespace cswm::cli
