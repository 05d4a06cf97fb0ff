#include "cmd/command.hpp"

#include "lib/bundle/bundle.hpp"
#include "lib/bundle/names.hpp"
#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <ostream>
#include <unistd.h>

#ifndef CSWM_VERSION
#define CSWM_VERSION "0.0.0"
#endif

namespace cswm::cli {
namespace {

struct Options {
    std::string revision = "HEAD";
    std::string output;
    bool with_patches = false;
    std::string language;
    std::string name;
    std::string verify_file;
    bool verify_repo = false;
};

bundle::ArchiveFormat format_of(const std::string& output) {
    if (output.ends_with(".zip")) {
        return bundle::ArchiveFormat::zip;
    }
    if (output.ends_with(".tar.gz") || output.ends_with(".tgz")) {
        return bundle::ArchiveFormat::tar_gz;
    }
    throw Error(tr("bundle.output-name", fmt::arg("output", output)));
}

int run_bundle(const Options& options, Context& context) {
    const Repo repo = Repo::discover(context.repo_root);
    bundle::BundleOptions bundle_options;
    bundle_options.revision = options.revision;
    bundle_options.language = options.language.empty() ? context.lang_flag : options.language;
    bundle_options.with_patches = options.with_patches;
    bundle_options.tool = std::string("cswm ") + CSWM_VERSION;
    bundle_options.repository_name = options.name;
    bundle_options.format = options.output.empty() ? bundle::ArchiveFormat::tar_gz : format_of(options.output);
    // Progress only where someone watches: a terminal.
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    // Only once the work has taken a while: a quick bundle prints nothing but its result.
    const auto start = std::chrono::steady_clock::now();
    bool shown = false;
    if (terminal) {
        bundle_options.progress = [&context, &shown, start](std::string_view message) {
            if (std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(700)) {
                context.err << "\r\033[Kbundle: " << message << std::flush;
                shown = true;
            }
        };
    }
    bundle_options.output = options.output;
    bundle_options.base = context.cwd;
    const i18n::Language messages = i18n::language();
    const bundle::BundleOutput output = bundle::write_bundle(repo, Catalog::builtin(), bundle_options);
    if (bundle_options.language.empty()) {
        // The archive spoke the revision's language; the person at the terminal keeps theirs.
        i18n::set_language(messages);
    }
    if (shown) {
        context.err << "\r\033[K" << std::flush;
    }
    for (const std::string& note : output.notes) {
        context.err << "cswm: " << tr("result.note", fmt::arg("note", note)) << '\n';
    }
    context.out << tr("bundle.written", fmt::arg("file", output.file), fmt::arg("revision", output.manifest.revision),
                      fmt::arg("time", output.manifest.commit_time), fmt::arg("documents", output.documents),
                      fmt::arg("files", output.manifest.entries.size() + 1), fmt::arg("bytes", output.bytes))
                << '\n';
    context.out << tr("bundle.check-summary", fmt::arg("errors", output.errors), fmt::arg("warnings", output.warnings),
                      fmt::arg("commits", output.commits))
                << '\n';
    return 0;
}

int run_verify(const Options& options, Context& context) {
    std::optional<Repo> repo;
    if (options.verify_repo) {
        repo.emplace(Repo::discover(context.cwd));
    }
    const std::filesystem::path path(options.verify_file);
    const std::string file = (path.is_absolute() ? path : context.cwd / path).string();
    const bundle::VerifyResult result = bundle::verify_bundle(file, repo ? &*repo : nullptr, {}, options.verify_file);
    for (const bundle::VerifyProblem& problem : result.problems) {
        context.out << tr("bundle.problem-line", fmt::arg("label", bundle::problem_label(problem.type)),
                          fmt::arg("name", problem.name), fmt::arg("detail", problem.detail))
                    << '\n';
    }
    const std::string revision = result.manifest ? result.manifest->revision : tr("bundle.revision-unknown");
    if (!result.problems.empty()) {
        context.out << tr(result.problems.size() == 1 ? "bundle.not-verified-one" : "bundle.not-verified-many",
                          fmt::arg("file", options.verify_file), fmt::arg("count", result.problems.size()),
                          fmt::arg("verified", result.verified),
                          fmt::arg("total", result.manifest ? result.manifest->entries.size() : 0),
                          fmt::arg("revision", revision))
                    << '\n';
        return static_cast<int>(ExitCode::findings);
    }
    context.out << tr("bundle.verified", fmt::arg("file", options.verify_file), fmt::arg("count", result.verified),
                      fmt::arg("revision", revision), fmt::arg("time", result.manifest->commit_time),
                      fmt::arg("sources", options.verify_repo ? tr("bundle.verified-sources") : std::string()))
                << '\n';
    return 0;
}

} // namespace

Command register_bundle(CLI::App& parent) {
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("bundle", tr("help.bundle"));
    app->add_option("--rev", options->revision, tr("option.bundle-rev"));
    app->add_option("-o,--output", options->output, tr("option.bundle-output"))->option_text("FILE");
    app->add_flag("--with-patches", options->with_patches, tr("option.bundle-with-patches"));
    app->add_option("--lang", options->language, tr("option.bundle-lang"))->check(CLI::IsMember({"en", "zh-TW"}));
    app->add_option("--name", options->name, tr("option.bundle-name"));
    CLI::App* verify = app->add_subcommand("verify", tr("help.bundle-verify"));
    verify->add_option("FILE", options->verify_file, tr("option.bundle-verify-file"))->required();
    verify->add_flag("--repo", options->verify_repo, tr("option.bundle-verify-repo"));
    return {app,
            [options, verify](Context& context) {
                return verify->parsed() ? run_verify(*options, context) : run_bundle(*options, context);
            },
            [verify]() { return verify->parsed() ? Needs::nothing : Needs::repository; }};
}

} // namespace cswm::cli
