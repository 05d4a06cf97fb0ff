#include "lib/check/checker.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/check/git_rules.hpp"
#include "lib/check/rules.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/parallel.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace cswm {

std::size_t CheckResult::count(Severity severity) const {
    return static_cast<std::size_t>(std::count_if(
        findings.begin(), findings.end(), [&](const Finding& finding) { return finding.severity == severity; }));
}

Findings check_documents(const std::vector<Document>& documents, const Catalog& catalog,
                         std::string_view documents_root) {
    // The rules of one document (its schema above all) need nothing of the others: run
    // them on every core, each into its own list, joined in document order.
    std::vector<Findings> per_document(documents.size());
    parallel_for(documents.size(), [&](std::size_t i) {
        const Document& document = documents[i];
        per_document[i] = document.findings;
        rules::check_document(document, catalog, documents_root, per_document[i]);
    });
    Findings findings;
    for (Findings& each : per_document) {
        std::move(each.begin(), each.end(), std::back_inserter(findings));
    }
    rules::check_tree(documents, catalog, findings);
    rules::check_semantics(documents, findings);
    sort_findings(findings);
    return findings;
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
    const std::vector<Document> documents = workspace.load_all();
    CheckResult result;
    auto selected = [&](const std::string& path) {
        return prefixes.empty() || std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
                   return prefix.empty() || path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '/');
               });
    };
    for (const Document& document : documents) {
        if (selected(document.path)) {
            ++result.documents;
            result.paths.push_back(document.path);
        }
    }
    Findings findings = check_documents(documents, workspace.catalog(), workspace.config().root);
    rules::check_chain(documents, {workspace.config().log_review_days, today_iso()}, findings);
    if (const Repo* repo = workspace.repo()) {
        rules::check_git(documents, *repo, {workspace.config().reviewed_fix_commits, options.require_committed, {}},
                         findings);
        sort_findings(findings);
    } else {
        result.notes.push_back("git rules skipped: not a git repository");
        if (options.require_committed) {
            throw Error(tr("check.require-committed-needs-git"));
        }
    }
    // Severities and waivers of .cswm.yaml, once every rule has run over the whole tree.
    for (WaivedFinding& waived : apply_rule_settings(workspace.config(), documents, today_iso(), findings)) {
        if (selected(waived.finding.path)) {
            result.waived.push_back(std::move(waived));
        }
    }
    for (Finding& finding : findings) {
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
    rules::GitPolicy policy{config.reviewed_fix_commits, false, revision};
    rules::check_git(documents, repo, policy, findings);
    sort_findings(findings);
    return findings;
}

} // namespace cswm
