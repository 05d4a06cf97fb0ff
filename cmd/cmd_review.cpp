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
                context.out << tr(result.written ? "review.reviewed" : "review.already-reviewed",
                                  fmt::arg("id", result.id), fmt::arg("path", result.path),
                                  fmt::arg("date", result.date))
                            << '\n';
                for (const std::string& change : result.changes) {
                    context.out << fmt::format("  {}\n", change);
                }
                for (const FingerprintChange& change : result.fingerprints) {
                    if (change.before.empty()) {
                        context.out << tr("review.fingerprint-recorded", fmt::arg("requirement", change.requirement),
                                          fmt::arg("fingerprint", change.after))
                                    << '\n';
                    } else if (change.after.empty()) {
                        context.out << tr("review.fingerprint-removed", fmt::arg("requirement", change.requirement),
                                          fmt::arg("fingerprint", change.before))
                                    << '\n';
                    } else {
                        context.out << tr("review.fingerprint-changed", fmt::arg("requirement", change.requirement),
                                          fmt::arg("before", change.before), fmt::arg("after", change.after))
                                    << '\n';
                    }
                }
                if (result.fingerprints_kept > 0) {
                    context.out << tr(result.fingerprints_kept == 1 ? "review.fingerprints-kept-one"
                                                                    : "review.fingerprints-kept-many",
                                      fmt::arg("count", result.fingerprints_kept))
                                << '\n';
                }
                for (const std::string& requirement : result.unknown) {
                    context.err << tr("review.requirement-not-stated", fmt::arg("id", requirement)) << '\n';
                }
                return 0;
            }};
}

} // namespace cswm::cli
