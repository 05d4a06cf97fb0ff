#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/logscan/scan.hpp"
#include "lib/ops/log_review.hpp"
#include "lib/report/logscan_report.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace cswm::cli {

Command register_logscan(CLI::App& parent) {
    struct Options {
        std::vector<std::string> files;
        std::optional<std::string> line_format;
        std::optional<std::string> since;
        std::optional<std::string> until;
        std::string format = "text";
        bool per_line = false;
        std::optional<std::string> into;
        std::optional<std::string> reviewer;
        std::size_t top = 10;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("logscan", tr("help.logscan"));
    app->add_option("FILE", options->files, tr("option.logscan-file"))->required();
    app->add_option("--line-format", options->line_format, tr("option.logscan-line-format"))->option_text("FMT");
    app->add_option("--since", options->since, tr("option.logscan-since"))->option_text("T");
    app->add_option("--until", options->until, tr("option.logscan-until"))->option_text("T");
    app->add_option("--format", options->format, tr("option.logscan-format"))
        ->check(CLI::IsMember({"text", "json", "jsonl"}));
    app->add_flag("--per-line", options->per_line, tr("option.logscan-per-line"));
    CLI::Option* into = app->add_option("--into", options->into, tr("option.logscan-into"))->option_text("MLOG-ID");
    app->add_option("--reviewer", options->reviewer, tr("option.logscan-reviewer"))->needs(into);
    app->add_option("--top", options->top, tr("option.logscan-top"))->needs(into)->check(CLI::Range(1, 1000));

    Command command{
        app, [options](Context& context) {
            if (options->per_line && options->format == "json") {
                throw Error(tr("logscan.per-line-format"));
            }
            logscan::ScanRequest request;
            request.files = options->files;
            request.cwd = context.cwd;
            request.line_format = options->line_format;
            request.since = options->since;
            request.until = options->until;
            request.today = today_iso();
            std::optional<LogReviewRequest> review;
            if (options->into) {
                review.emplace();
                review->id = *options->into;
                review->today = request.today;
                review->top = options->top;
                review->cwd = context.cwd;
                const Repo* repo = context.workspace->repo();
                review->reviewer =
                    options->reviewer.value_or(repo != nullptr ? repo->config_string("user.name").value_or("") : "");
                if (review->reviewer.empty()) {
                    throw Error(tr("logscan.no-reviewer"));
                }
            }
            logscan::LineSink sink;
            const bool jsonl = options->format == "jsonl";
            if (options->per_line) {
                sink = [&context, options, jsonl](const logscan::LineOutcome& outcome) {
                    write_line_outcome(context.out, outcome, options->files, jsonl);
                };
            }
            logscan::LogScan scan = logscan::scan_logs(request, sink);
            std::optional<LogReviewResult> written;
            if (review) {
                compare_with_earlier_reviews(*context.workspace, scan, context.cwd);
                written = append_log_review(*context.workspace, scan, *review);
            }
            if (!options->per_line) {
                if (options->format == "json") {
                    write_logscan_json(context.out, scan);
                } else if (jsonl) {
                    write_logscan_jsonl(context.out, scan);
                } else {
                    write_logscan_text(context.out, scan, context.color);
                }
            }
            if (written) {
                // A note for people: stdout may be data.
                std::ostream& note = options->format == "text" && !options->per_line ? context.out : context.err;
                note << (&note == &context.out ? "\n" : "")
                     << tr(written->findings == 1 ? "logscan.review-added-one" : "logscan.review-added-many",
                           fmt::arg("entry", written->entry), fmt::arg("id", written->id),
                           fmt::arg("path", written->path), fmt::arg("count", written->findings),
                           fmt::arg("new", written->fresh), fmt::arg("result", written->result))
                     << '\n';
            }
            return 0;
        }};
    command.needs = [options] { return options->into ? Needs::workspace : Needs::nothing; };
    return command;
}

} // namespace cswm::cli
