#include "cmd/command.hpp"

#include "lib/cache/check_cache.hpp"
#include "lib/check/checker.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/report/ci_formats.hpp"
#include "lib/report/findings_report.hpp"
#include "lib/util/error.hpp"

#include <cstdlib>
#include <memory>

namespace cswm::cli {
namespace {

/// The checker's cache status (hit, partial, across, "across, git", miss, "miss, not written", off) in the user's
/// language.
std::string cache_status_text(const std::string& status) {
    if (status == "hit") {
        return tr("check.cache-hit");
    }
    if (status == "partial") {
        return tr("check.cache-partial");
    }
    if (status == "across") {
        return tr("check.cache-across");
    }
    if (status == "across, git") {
        return tr("check.cache-across-git");
    }
    if (status == "miss") {
        return tr("check.cache-miss");
    }
    if (status == "miss, not written") {
        return tr("check.cache-miss-not-written");
    }
    if (status == "off") {
        return tr("check.cache-off");
    }
    return status;
}

} // namespace

Command register_check(CLI::App& parent) {
    struct Options {
        CheckOptions check;
        std::string format = "text";
        bool strict = false;
        bool no_cache = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("check", tr("help.check"));
    app->add_option("PATH", options->check.only, tr("option.check-path"));
    app->add_option("--format", options->format, tr("option.check-format"))
        ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
    app->add_flag("--strict", options->strict, tr("option.check-strict"));
    app->add_flag("--require-committed", options->check.require_committed, tr("option.check-require-committed"));
    app->add_flag("--no-cache", options->no_cache, tr("option.check-no-cache"));
    return {app, [options](Context& context) {
                options->check.base = context.cwd;
                if (!options->no_cache && !cache_disabled_by_environment()) {
                    options->check.cache = build_cache_identity(CSWM_VERSION);
                    // Findings are cached as text: one language's never serves another's.
                    options->check.cache->message_language = std::string(i18n::language_name(i18n::language()));
                }
                const CheckResult result = check_workspace(*context.workspace, options->check);
                context.keep_until_exit = result.loaded;
                if (const char* trace = std::getenv("CSWM_CACHE_TRACE"); trace != nullptr && *trace != '\0') {
                    context.err << "cswm: "
                                << tr("check.cache-trace", fmt::arg("status", cache_status_text(result.cache_status)))
                                << '\n';
                }
                for (const std::string& note : context.quiet ? std::vector<std::string>{} : result.notes) {
                    context.err << "cswm: " << note << '\n';
                }
                if (options->format == "json") {
                    write_findings_json(context.out, result);
                } else if (options->format == "sarif") {
                    write_findings_sarif(context.out, result, CSWM_VERSION);
                } else if (options->format == "junit") {
                    write_findings_junit(context.out, result);
                } else if (options->format == "github") {
                    write_findings_github(context.out, result);
                } else {
                    write_findings_text(context.out, result, context.color);
                }
                const bool failed =
                    result.count(Severity::error) > 0 || (options->strict && result.count(Severity::warning) > 0);
                return static_cast<int>(failed ? ExitCode::findings : ExitCode::ok);
            }};
}

} // namespace cswm::cli
