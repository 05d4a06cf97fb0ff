#include "lib/check/whole_tree.hpp"

#include "lib/cache/stored_views.hpp"
#include "lib/check/cross_view.hpp"
#include "lib/check/git_rules.hpp"
#include "lib/check/rules.hpp"
#include "lib/model/references.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <set>
#include <unordered_map>
#include <unordered_set>

// The runs of the warm cache that keep stored findings of the rules across documents
// (check_with_cache, cached_check.cpp, chooses between them).

namespace cswm {
namespace {

/// The documents that changed since the stored result, by path: those parsed now.
std::unordered_map<std::string_view, const Document*>
changed_documents(const CacheData& next, const std::vector<std::optional<Document>>& parsed) {
    std::unordered_map<std::string_view, const Document*> changed;
    for (std::size_t i = 0; i < next.files.size(); ++i) {
        if (parsed[i]) {
            changed.emplace(next.files[i].path, &*parsed[i]);
        }
    }
    return changed;
}

/// Stored findings, each in a document that changed placed again by its pointer. False when
/// one is of a rule whose message names places in other documents (it cannot be placed so).
bool place_again(Findings& findings, const std::unordered_map<std::string_view, const Document*>& changed) {
    for (Finding& finding : findings) {
        const auto document = changed.find(finding.path);
        if (document == changed.end()) {
            continue;
        }
        if (std::find(rules::k_rules_naming_places.begin(), rules::k_rules_naming_places.end(), finding.rule) !=
            rules::k_rules_naming_places.end()) {
            return false;
        }
        if (!finding.pointer.empty()) {
            const Position position = document->second->position_of(finding.pointer, finding.at_key);
            finding.line = position.line;
            finding.column = position.column;
        }
    }
    return true;
}

/// True when every file is a document read whole, each either unchanged (its findings
/// `known`) or parsed now: what the runs below need of the tree.
bool only_documents(const CacheData& next, const std::vector<std::optional<Document>>& parsed,
                    const std::vector<const Findings*>& known) {
    for (std::size_t i = 0; i < next.files.size(); ++i) {
        if (!is_content_key(next.files[i].key) || (known[i] == nullptr && !parsed[i])) {
            return false;
        }
    }
    return true;
}

/// Every document's own findings (stored for the unchanged, `known`; computed now for
/// those `parsed`, and kept in `next` for the cache), with `tree`, `across` and `git`
/// beside them, sorted, under .cswm.yaml's severities and waivers (which read `documents`'
/// places when a waiver names an ID; none are needed otherwise).
void join_findings(const Workspace& workspace, CacheData& next, const std::vector<std::optional<Document>>& parsed,
                   const std::vector<const Findings*>& known, const std::vector<Document>& documents,
                   WholeTree& whole) {
    std::vector<Findings> own(next.files.size());
    parallel_for(next.files.size(), [&](std::size_t i) {
        if (known[i] == nullptr) {
            own[i] = findings_of_one(*parsed[i], workspace.catalog(), workspace.config().root);
        }
    });
    for (std::size_t i = 0; i < next.files.size(); ++i) {
        if (known[i] == nullptr) {
            next.files[i].document_findings = std::move(own[i]);
        }
        const Findings& found = *next.files[i].document_findings;
        whole.findings.insert(whole.findings.end(), found.begin(), found.end());
    }
    whole.findings.insert(whole.findings.end(), whole.tree.begin(), whole.tree.end());
    whole.findings.insert(whole.findings.end(), whole.across.begin(), whole.across.end());
    whole.findings.insert(whole.findings.end(), whole.git.begin(), whole.git.end());
    sort_findings(whole.findings);
    whole.waived = apply_rule_settings(workspace.config(), documents, today_iso(), whole.findings);
}

/// A document's top-level `commit` (a test report's build), null when it has none.
nlohmann::json top_level_commit(const Document& document) {
    const nlohmann::json& data = document.data();
    return data.is_object() ? data.value("commit", nlohmann::json()) : nlohmann::json();
}

bool is_signed_off_fix(const Document& document) {
    return document.parsed() && document.kind != nullptr && document.kind->name == "fix-confirmation" &&
           rules::is_signed_off(document);
}

/// Quality specs and SRSs: the suspect-link rule reads them together, with their file
/// histories, so an edit of one reaches beyond its own git rules.
bool read_by_suspect_rule(const Document& document) {
    return document.kind->name == "quality-spec" || document.kind->name == "srs";
}

/// Whether an added document leaves the git rules of the others as they were: one they
/// cannot tell from its absence. Not a quality spec or an SRS (the suspect-link rule reads
/// them together), defining no ID a Refs: trailer named in vain (`unknown_trailer_ids`,
/// sorted), and with an ID no other document has (fixes find their report by it).
bool added_alone(const std::vector<Document>& documents, std::size_t index,
                 const std::vector<std::string>& unknown_trailer_ids) {
    const Document& added = documents[index];
    if (!added.parsed() || added.kind == nullptr || read_by_suspect_rule(added)) {
        return false;
    }
    std::vector<std::string> ids = item_ids(added);
    ids.push_back(added.id);
    for (const std::string& id : ids) {
        if (std::binary_search(unknown_trailer_ids.begin(), unknown_trailer_ids.end(), id)) {
            return false;
        }
    }
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (i != index && !added.id.empty() && documents[i].id == added.id) {
            return false;
        }
    }
    return true;
}

/// The stored git findings (`git`) brought up to date after the edits of what the git rules
/// read of a few documents, or documents added (`edits`): false when an edit reaches beyond
/// the rules of one document, and the tree must be checked:
/// - the document's stored view is missing, or does not give the git view the stored
///   findings saw (the views are checked against their hashes);
/// - its kind, ID or item IDs changed: Refs: trailers and fixes name documents by them;
/// - it is a quality spec or an SRS: the suspect-link rule reads them together, and their
///   file histories;
/// - its recorded commits changed while fix commits must be reviewed: a merge's review is
///   looked for in HEAD's history, which is not walked;
/// - an added document is not added_alone.
/// Otherwise the recorded-commit findings of the documents whose commits changed (or that
/// were added) are found again, and fix-not-tested of the fixes edited or added or naming a
/// report whose `commit` changed (or that was added); every other stored git finding is kept.
bool git_findings_again(const Workspace& workspace, const CacheData& next, const std::vector<Document>& documents,
                        const std::vector<GitEdit>& edits, const StoredViews& stored_views,
                        const std::vector<std::string>& unknown_trailer_ids, Findings& git) {
    std::vector<std::size_t> recorded;
    std::set<std::size_t> fixes;
    std::unordered_set<std::string> retested_reports;
    for (const GitEdit& edit : edits) {
        const Document& now = documents[edit.index];
        if (edit.stored_git_view.empty()) {
            if (!added_alone(documents, edit.index, unknown_trailer_ids) ||
                (workspace.config().reviewed_fix_commits && !rules::recorded_commits(now).empty())) {
                return false;
            }
            recorded.push_back(edit.index);
            if (now.kind->name == "fix-confirmation") {
                fixes.insert(edit.index);
            }
            retested_reports.insert(now.id);
            continue;
        }
        const auto view = stored_views.by_path.find(next.files[edit.index].path);
        if (view == stored_views.by_path.end()) {
            return false;
        }
        const std::optional<Document> before = document_from_view(view->second, workspace.catalog(), workspace.root());
        if (!before || content_hash(git_view(*before)) != edit.stored_git_view || !now.parsed() || !before->parsed() ||
            now.kind == nullptr || before->kind != now.kind || before->id != now.id ||
            item_ids(*before) != item_ids(now) || read_by_suspect_rule(now)) {
            return false;
        }
        if (rules::recorded_commits(*before) != rules::recorded_commits(now)) {
            if (workspace.config().reviewed_fix_commits) {
                return false;
            }
            recorded.push_back(edit.index);
        }
        if (now.kind->name == "fix-confirmation") {
            fixes.insert(edit.index);
        }
        if (top_level_commit(*before) != top_level_commit(now)) {
            retested_reports.insert(now.id);
        }
    }
    if (!retested_reports.empty()) {
        for (std::size_t i = 0; i < documents.size(); ++i) {
            const Document& fix = documents[i];
            if (!is_signed_off_fix(fix)) {
                continue;
            }
            const auto verified_by = fix.data().find("verified_by");
            if (verified_by != fix.data().end() && verified_by->is_string() &&
                retested_reports.contains(verified_by->get<std::string>())) {
                fixes.insert(i);
            }
        }
    }
    std::unordered_set<std::string_view> recorded_paths;
    std::unordered_set<std::string_view> fix_paths;
    for (const std::size_t index : recorded) {
        recorded_paths.insert(documents[index].path);
    }
    for (const std::size_t index : fixes) {
        fix_paths.insert(documents[index].path);
    }
    std::erase_if(git, [&](const Finding& finding) {
        if (finding.rule == "fix-not-tested") {
            return fix_paths.contains(finding.path);
        }
        return recorded_paths.contains(finding.path) &&
               std::find(rules::k_recorded_commit_rules.begin(), rules::k_recorded_commit_rules.end(), finding.rule) !=
                   rules::k_recorded_commit_rules.end();
    });
    try {
        rules::check_git_of(documents, recorded, {fixes.begin(), fixes.end()}, *workspace.repo(), git);
    } catch (const Error&) {
        return false; // HEAD not to be resolved now: the whole tree's check says what can be said
    }
    return true;
}

} // namespace

/// The run that checks only the documents that changed, when the stored result saw the same
/// view of every document (`stored`'s views_fingerprint is next's): the rules across
/// documents would find what they found, so their findings are kept, each placed again by
/// its pointer in a document that changed, beside the findings of every document's own
/// rules. Nullopt when the stored findings cannot be trusted so, and the tree must be
/// checked:
/// - a file is not a readable document (its findings come from loading it, not stored);
/// - a changed document holds a duplicate ID: the duplicate's findings in other documents
///   name its lines, which an edit of its prose can move;
/// - a waiver names an ID: the waivers then read every document's places.
std::optional<WholeTree> check_changed_only(const Workspace& workspace, const CachedResult& stored, CacheData& next,
                                            const std::vector<std::optional<Document>>& parsed,
                                            const std::vector<const Findings*>& known) {
    if (waivers_name_ids(workspace.config()) || !only_documents(next, parsed, known)) {
        return std::nullopt;
    }
    const auto changed = changed_documents(next, parsed);
    WholeTree whole;
    whole.tree = stored.tree;
    whole.across = stored.across;
    whole.git = stored.git;
    whole.unknown_trailer_ids = stored.unknown_trailer_ids;
    if (!place_again(whole.tree, changed) || !place_again(whole.across, changed) || !place_again(whole.git, changed)) {
        return std::nullopt;
    }
    join_findings(workspace, next, parsed, known, {}, whole);
    return whole;
}

/// The run after an edit that the rules across documents see but the git rules see little
/// of (the recorded objects are as they were, and the git views the same but those of
/// `git_edits`): the documents that did not change are rebuilt from their stored views
/// (`stored_views`, each checked against its hash), the rules across documents but git's
/// run over them and the changed ones, and the git rules' findings are kept, placed again in
/// the changed documents, but those git_findings_again finds again. A rebuilt document's
/// places, which only its findings need, come from its file, read again only while it still
/// holds the bytes of its content key. Nullopt when a file is not a readable document, a
/// stored view is missing or not the one recorded, or an edit reaches beyond the git rules
/// of one document: the tree is checked.
std::optional<WholeTree> check_across_again(const Workspace& workspace, const CachedResult& stored, CacheData& next,
                                            std::vector<std::optional<Document>>& parsed,
                                            const std::vector<const Findings*>& known, const StoredViews& stored_views,
                                            bool tree_unchanged, const std::vector<GitEdit>& git_edits) {
    if (!only_documents(next, parsed, known)) {
        return std::nullopt;
    }
    auto documents = std::make_shared<std::vector<Document>>(next.files.size());
    std::atomic<bool> rebuilt{true};
    const std::uintmax_t max_bytes = workspace.config().max_document_bytes;
    const YamlLimits limits = workspace.config().yaml;
    parallel_for(next.files.size(), [&](std::size_t i) {
        const CachedFile& entry = next.files[i];
        if (parsed[i]) {
            return; // the changed ones are moved in below, once their own findings are known
        }
        const auto view = stored_views.by_path.find(entry.path);
        std::optional<Document> document;
        if (view != stored_views.by_path.end() && content_hash(view->second) == entry.view) {
            document = document_from_view(view->second, workspace.catalog(), workspace.root());
        }
        if (!document) {
            rebuilt = false;
            return;
        }
        document->yaml.places_from(
            [file = document->file, key = entry.key, max_bytes]() -> std::optional<std::string> {
                ReadResult again = read_regular_file(file, max_bytes);
                if (again.problem != ReadProblem::none || content_hash(again.content) != key) {
                    return std::nullopt;
                }
                return std::move(again.content);
            },
            limits);
        (*documents)[i] = std::move(*document);
    });
    if (!rebuilt) {
        return std::nullopt;
    }
    WholeTree whole;
    const auto changed = changed_documents(next, parsed);
    whole.git = stored.git;
    if (!place_again(whole.git, changed)) {
        return std::nullopt;
    }
    // The tree rules' findings too, when no tree view changed and none names the lines of a
    // changed document.
    whole.tree = stored.tree;
    const bool keep_tree = tree_unchanged && place_again(whole.tree, changed);
    if (!keep_tree) {
        whole.tree.clear();
    }
    for (std::size_t i = 0; i < next.files.size(); ++i) {
        if (parsed[i]) {
            (*documents)[i] = *parsed[i];
        }
    }
    whole.unknown_trailer_ids = stored.unknown_trailer_ids;
    if (!git_edits.empty() && !git_findings_again(workspace, next, *documents, git_edits, stored_views,
                                                  stored.unknown_trailer_ids, whole.git)) {
        return std::nullopt;
    }
    const long long started = static_cast<long long>(std::time(nullptr));
    rules::check_across(*documents, workspace.catalog(), {workspace.config().log_review_days, today_iso()},
                        workspace.root(), whole.across, &whole.looked_for, {!keep_tree, &whole.tree});
    whole.expires = rules::notification_due(*documents, started);
    join_findings(workspace, next, parsed, known, *documents, whole);
    whole.documents = std::move(documents);
    return whole;
}

} // namespace cswm
