#include "lib/check/checker.hpp"
#include "lib/check/whole_tree.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/check/git_rules.hpp"
#include "lib/check/rules.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/parallel.hpp"
#include "lib/workspace/journal.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <future>
#include <iterator>

namespace cswm {

namespace {

/// findings_of_one for every document, joined in document order, with those known already
/// (`known[i]`, when set, holds documents[i]'s: the cache's) and those computed kept in
/// `computed` (when not null) for the cache to store.
Findings check_each_document(const std::vector<Document>& documents, const Catalog& catalog,
                             std::string_view documents_root, const std::vector<const Findings*>& known,
                             std::vector<Findings>* computed) {
    // The rules of one document (its schema above all) need nothing of the others: run
    // them on every core, each into its own list.
    std::vector<Findings> per_document(documents.size());
    parallel_for(documents.size(), [&](std::size_t i) {
        per_document[i] = i < known.size() && known[i] != nullptr
                              ? *known[i]
                              : findings_of_one(documents[i], catalog, documents_root);
    });
    if (computed != nullptr) {
        *computed = per_document;
    }
    Findings findings;
    for (Findings& each : per_document) {
        std::move(each.begin(), each.end(), std::back_inserter(findings));
    }
    return findings;
}

} // namespace

rules::GitPolicy git_policy(const Config& config, bool require_committed, std::string tip) {
    rules::GitPolicy policy{config.reviewed_fix_commits, require_committed, std::move(tip), {}};
    policy.revisions.yaml = config.yaml;
    policy.revisions.max_bytes = std::max(policy.revisions.max_bytes, config.max_document_bytes);
    return policy;
}

Findings findings_of_one(const Document& document, const Catalog& catalog, std::string_view documents_root) {
    Findings found = document.findings;
    rules::check_document(document, catalog, documents_root, found);
    return found;
}

WholeTree check_whole_tree(const Workspace& workspace, const std::vector<Document>& documents, bool require_committed,
                           const std::vector<const Findings*>& known, std::vector<Findings>* computed,
                           std::future<std::vector<CommitInfo>>* history, bool record_history) {
    WholeTree whole;
    // The git rules read the documents and the repository and nothing the other rules
    // touch (no other rule reads a git object): they run on a thread of their own beside
    // them, starting with the wait for the history walk when it is still under way.
    const Repo* repo = workspace.repo();
    std::future<Findings> git_findings;
    if (repo != nullptr) {
        const rules::GitPolicy policy = git_policy(workspace.config(), require_committed, {});
        HistoryBasis* basis = record_history ? &whole.history_basis.emplace() : nullptr;
        git_findings = std::async(std::launch::async, [&documents, repo, policy, history, &whole, basis] {
            Findings found;
            rules::check_git(documents, *repo, policy,
                             history != nullptr && history->valid() ? history->get()
                                                                    : repo->commit_links_from(policy.tip),
                             found, &whole.unknown_trailer_ids, basis);
            return found;
        });
    }
    const long long started = static_cast<long long>(std::time(nullptr));
    whole.findings = check_each_document(documents, workspace.catalog(), workspace.config().root, known, computed);
    rules::check_across(documents, workspace.catalog(), {workspace.config().log_review_days, today_iso()},
                        workspace.root(), whole.across, &whole.looked_for, {true, &whole.tree});
    whole.expires = rules::notification_due(documents, started);
    if (repo != nullptr) {
        whole.git = git_findings.get();
    } else {
        whole.notes.push_back(tr("check.note-no-git"));
    }
    whole.findings.insert(whole.findings.end(), whole.tree.begin(), whole.tree.end());
    whole.findings.insert(whole.findings.end(), whole.across.begin(), whole.across.end());
    whole.findings.insert(whole.findings.end(), whole.git.begin(), whole.git.end());
    sort_findings(whole.findings);
    // Severities and waivers of .cswm.yaml, once every rule has run over the whole tree.
    whole.waived = apply_rule_settings(workspace.config(), documents, today_iso(), whole.findings);
    return whole;
}

std::size_t CheckResult::count(Severity severity) const {
    return static_cast<std::size_t>(std::count_if(
        findings.begin(), findings.end(), [&](const Finding& finding) { return finding.severity == severity; }));
}

Findings check_documents(const std::vector<Document>& documents, const Catalog& catalog,
                         std::string_view documents_root) {
    Findings findings = check_each_document(documents, catalog, documents_root, {}, nullptr);
    rules::check_tree(documents, catalog, findings);
    rules::check_semantics(documents, findings);
    sort_findings(findings);
    return findings;
}

void rules::check_across(const std::vector<Document>& documents, const Catalog& catalog, const ChainSettings& settings,
                         const std::filesystem::path& root, Findings& out, FilesLookedFor* looked_for,
                         TreeFindings tree) {
    // The tree rules take longest and share nothing with the others but the documents:
    // they run beside them, on a thread of their own; without them, the chain rules do.
    std::future<Findings> beside = std::async(std::launch::async, [&documents, &catalog, &settings, &tree] {
        Findings found;
        if (tree.run) {
            check_tree(documents, catalog, found);
        } else {
            check_chain(documents, settings, found);
        }
        return found;
    });
    Findings others;
    check_semantics(documents, others);
    if (tree.run) {
        check_chain(documents, settings, others);
    }
    check_editor_schemas(documents, catalog, root, others, looked_for);
    Findings found = beside.get();
    Findings& into = tree.run && tree.out != nullptr ? *tree.out : out;
    std::move(found.begin(), found.end(), std::back_inserter(into));
    std::move(others.begin(), others.end(), std::back_inserter(out));
}

CheckResult check_workspace(const Workspace& workspace, const CheckOptions& options) {
    const std::filesystem::path& base = options.base;
    std::vector<std::string> prefixes;
    for (const std::filesystem::path& path : options.only) {
        std::error_code error;
        const std::filesystem::path absolute = (path.is_absolute() ? path : base / path).lexically_normal();
        if (!std::filesystem::exists(std::filesystem::symlink_status(absolute, error))) {
            throw Error(tr("check.no-such-path", fmt::arg("path", path.string())));
        }
        std::string relative = relative_to(absolute, workspace.root());
        if (std::filesystem::path(relative).is_absolute()) {
            throw Error(tr("check.outside-repository", fmt::arg("path", path.string()),
                           fmt::arg("root", workspace.root().string())));
        }
        // "maint/x/" and "maint/x/." name the folder "maint/x"; "." the whole repository.
        while (relative.ends_with("/") || relative.ends_with("/.")) {
            relative.resize(relative.size() - (relative.ends_with("/") ? 1 : 2));
        }
        if (relative == ".") {
            relative.clear();
        }
        prefixes.push_back(relative);
    }
    const Workspace::Scan found = workspace.scan();
    CheckResult result;
    auto selected = [&](const std::string& path) {
        return prefixes.empty() || std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
                   return prefix.empty() || path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '/');
               });
    };
    // The paths load_all gives its documents: the files, then the folders it could not list.
    std::vector<std::string> paths;
    paths.reserve(found.files.size() + found.unreadable.size());
    for (const fs::path& file : found.files) {
        paths.push_back(relative_to(file, workspace.root()));
    }
    for (const auto& [folder, reason] : found.unreadable) {
        paths.push_back(relative_to(folder, workspace.root()));
    }
    for (const std::string& path : paths) {
        if (selected(path)) {
            ++result.documents;
            result.paths.push_back(path);
        }
    }
    if (!workspace.repo() && options.require_committed) {
        throw Error(tr("check.require-committed-needs-git"));
    }
    WholeTree whole;
    if (options.cache && workspace.repo() != nullptr && !options.require_committed && found.unreadable.empty()) {
        whole = check_with_cache(workspace, found, paths, *options.cache, result.cache_status);
    } else {
        // HEAD's history, which the git rules read, needs no document: it is walked on a
        // thread of its own while the documents are read and checked (nothing else uses the
        // repository until check_git takes the walk).
        std::future<std::vector<CommitInfo>> history;
        if (const Repo* repo = workspace.repo()) {
            history = std::async(std::launch::async, [repo] { return repo->commit_links_from({}); });
        }
        // Each document's own rules run as soon as it is parsed, beside the walk: what is
        // left for the rules across documents is then what waits for every document.
        std::vector<Findings> own(found.files.size());
        auto documents = std::make_shared<const std::vector<Document>>(
            workspace.load_scanned(found, {}, Places::on_demand, [&](std::size_t i, const Document& document) {
                own[i] = findings_of_one(document, workspace.catalog(), workspace.config().root);
            }));
        std::vector<const Findings*> known(own.size());
        std::transform(own.begin(), own.end(), known.begin(), [](const Findings& each) { return &each; });
        whole = check_whole_tree(workspace, *documents, options.require_committed, known, nullptr, &history);
        whole.documents = std::move(documents);
    }
    result.notes = std::move(whole.notes);
    // check writes nothing and takes no lock: it names a plan a killed renumber left (the
    // findings may show its documents half changed) and leaves settling it to the writers.
    if (const fs::path plan = journal_file(workspace); fs::exists(plan)) {
        std::string what = plan.filename().string();
        try {
            if (const std::optional<Journal> journal = read_journal(plan)) {
                what = journal->what;
            }
        } catch (const Error&) {
            // Unreadable: named by its file; the writers say more.
        }
        result.notes.push_back(tr("check.note-interrupted", fmt::arg("what", what)));
    }
    result.loaded = std::move(whole.documents);
    for (WaivedFinding& waived : whole.waived) {
        if (selected(waived.finding.path)) {
            result.waived.push_back(std::move(waived));
        }
    }
    for (Finding& finding : whole.findings) {
        if (selected(finding.path)) {
            result.findings.push_back(std::move(finding));
        }
    }
    return result;
}

Findings check_revision(const std::vector<Document>& documents, const Catalog& catalog, const Config& config,
                        const Repo& repo, const std::string& revision, const std::string& today) {
    Findings findings = check_documents(documents, catalog, config.root);
    rules::check_chain(documents, {config.log_review_days, today}, findings);
    const rules::GitPolicy policy = git_policy(config, false, revision);
    rules::check_git(documents, repo, policy, findings);
    sort_findings(findings);
    return findings;
}

} // namespace cswm
