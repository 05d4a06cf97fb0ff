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
#include <future>
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

/// What the git rules read of a document that defines the findings they keep: null
/// stands for no document (added since, or removed), and an unparsed one reads as having
/// no kind, ID or commits.
bool is_parsed(const Document* document) {
    return document != nullptr && document->parsed();
}

const Kind* kind_of(const Document* document) {
    return is_parsed(document) ? document->kind : nullptr;
}

bool is_kind(const Document* document, std::string_view kind) {
    return kind_of(document) != nullptr && kind_of(document)->name == kind;
}

/// The ID fixes find a report by (the first document with it, in scan order, of any kind).
std::string id_of(const Document* document) {
    return is_parsed(document) ? document->id : std::string();
}

/// The IDs a document defines for Refs: trailers (defined_ids), sorted.
std::vector<std::string> defined_by(const Document* document) {
    std::vector<std::string> ids;
    if (is_parsed(document) && !document->id.empty()) {
        ids = item_ids(*document);
        ids.push_back(document->id);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    return ids;
}

std::vector<std::pair<std::string, std::string>> commits_of(const Document* document) {
    return kind_of(document) != nullptr ? rules::recorded_commits(*document)
                                        : std::vector<std::pair<std::string, std::string>>();
}

/// A document's top-level `commit` (a test report's build), null when it has none.
nlohmann::json top_level_commit(const Document* document) {
    if (!is_parsed(document) || !document->data().is_object()) {
        return nullptr;
    }
    return document->data().value("commit", nlohmann::json());
}

/// Quality specs and SRSs: the suspect-link rule reads them together, with what the
/// history said of them.
bool read_by_suspect_rule(const Document* document) {
    return is_kind(document, "quality-spec") || is_kind(document, "srs");
}

/// The stored git findings (`whole.git`, and `whole.unknown_trailer_ids`) brought up to
/// date after `edits` of what the git rules read of some documents (added, removed or
/// changed), without walking HEAD's history. Each edited document is compared with itself
/// as the stored findings saw it, rebuilt from its stored view (which must give the git
/// view they saw), and what its change can reach is found again:
/// - its recorded commits (commit-missing, -unverifiable, -unreachable), when they, its
///   kind or its ID changed (the findings name the ID);
/// - fix-not-tested of an edited fix, and of every signed-off fix naming an ID whose
///   document changed hands or whose build (`commit`) changed;
/// - trailer-unknown-id over the stored Refs: trailers, when an ID went away or one named
///   in vain came;
/// - suspect-link, from the stored approvals, when a quality spec or an SRS changed
///   (both stored under `history_key`: history_basis.hpp).
/// Every other stored finding is kept; a removed document's go. False when the tree must
/// be checked: a stored view is missing or not the one recorded; fix commits must be
/// reviewed and an edited fix's commits changed (a merge's review is in the history); the
/// history basis is needed and missing; the suspect rule needs more of the history
/// than is stored; HEAD cannot be resolved.
bool git_findings_again(const Workspace& workspace, const std::vector<Document>& documents,
                        const std::vector<GitEdit>& edits, const StoredViews& stored_views,
                        std::string_view history_key, WholeTree& whole) {
    const std::vector<std::string>& unknown = whole.unknown_trailer_ids;
    std::vector<std::size_t> recorded;
    std::set<std::size_t> fixes;
    std::unordered_set<std::string> reports;
    std::unordered_set<std::string_view> removed;
    std::unordered_set<std::string_view> recorded_paths;
    std::unordered_set<std::string_view> fix_paths;
    std::vector<std::string> ids_changed; // for the trailer rule
    bool suspect_again = false;
    for (const GitEdit& edit : edits) {
        std::optional<Document> stored;
        if (!edit.stored_git_view.empty()) {
            const auto view = stored_views.by_path.find(edit.path);
            if (view == stored_views.by_path.end()) {
                return false;
            }
            stored = document_from_view(view->second, workspace.catalog(), workspace.root());
            if (!stored || content_hash(git_view(*stored)) != edit.stored_git_view) {
                return false;
            }
        }
        const Document* before = stored ? &*stored : nullptr;
        const Document* now = edit.index ? &documents[*edit.index] : nullptr;
        suspect_again = suspect_again || read_by_suspect_rule(before) || read_by_suspect_rule(now);
        const std::vector<std::string> defined_before = defined_by(before);
        const std::vector<std::string> defined_now = defined_by(now);
        for (const std::string& id : defined_before) {
            if (!std::binary_search(defined_now.begin(), defined_now.end(), id)) {
                ids_changed.push_back(id);
            }
        }
        for (const std::string& id : defined_now) {
            if (std::binary_search(unknown.begin(), unknown.end(), id)) {
                ids_changed.push_back(id);
            }
        }
        const bool id_changed = id_of(before) != id_of(now);
        if (id_changed || top_level_commit(before) != top_level_commit(now)) {
            for (const std::string& id : {id_of(before), id_of(now)}) {
                if (!id.empty()) {
                    reports.insert(id);
                }
            }
        }
        if (now == nullptr) {
            removed.insert(edit.path);
            continue;
        }
        const auto commits = commits_of(now);
        if (before == nullptr || id_changed || kind_of(before) != kind_of(now) || commits_of(before) != commits) {
            if (workspace.config().reviewed_fix_commits && is_kind(now, "fix-confirmation") && !commits.empty()) {
                return false;
            }
            if (!commits.empty()) {
                recorded.push_back(*edit.index);
            }
            recorded_paths.insert(edit.path);
        }
        if (is_kind(before, "fix-confirmation") || is_kind(now, "fix-confirmation")) {
            fix_paths.insert(edit.path);
            if (is_kind(now, "fix-confirmation")) {
                fixes.insert(*edit.index);
            }
        }
    }
    if (!reports.empty()) {
        for (std::size_t i = 0; i < documents.size(); ++i) {
            const Document& fix = documents[i];
            if (!is_kind(&fix, "fix-confirmation") || !rules::is_signed_off(fix)) {
                continue;
            }
            const auto verified_by = fix.data().find("verified_by");
            if (verified_by != fix.data().end() && verified_by->is_string() &&
                reports.contains(verified_by->get<std::string>())) {
                fixes.insert(i);
                fix_paths.insert(fix.path);
            }
        }
    }
    const fs::path& git_dir = workspace.repo()->git_dir();
    const bool trailers_again = !ids_changed.empty();
    std::optional<StoredTrailers> trailers;
    std::optional<SuspectBasis> suspect;
    if ((trailers_again && !(trailers = StoredTrailers::read(git_dir, history_key))) ||
        (suspect_again && !(suspect = read_suspect_basis(git_dir, history_key)))) {
        return false;
    }
    Findings& git = whole.git;
    std::erase_if(git, [&](const Finding& finding) {
        if (removed.contains(finding.path)) {
            return true;
        }
        if (finding.rule == "fix-not-tested") {
            return fix_paths.contains(finding.path);
        }
        if (finding.rule == "trailer-unknown-id") {
            return trailers_again;
        }
        if (finding.rule == "suspect-link") {
            return suspect_again;
        }
        return recorded_paths.contains(finding.path) &&
               (finding.rule == "fix-not-reviewed" ||
                std::find(rules::k_recorded_commit_rules.begin(), rules::k_recorded_commit_rules.end(), finding.rule) !=
                    rules::k_recorded_commit_rules.end());
    });
    try {
        rules::check_git_of(documents, recorded, {fixes.begin(), fixes.end()}, *workspace.repo(), git);
        if (trailers_again) {
            rules::check_trailer_ids_again(documents, *trailers, ids_changed, whole.unknown_trailer_ids, git);
        }
        if (suspect_again &&
            !rules::check_suspect_links_from_basis(documents, *workspace.repo(), *suspect, git,
                                                   git_policy(workspace.config(), false, {}).revisions)) {
            return false;
        }
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
                                            bool tree_unchanged, const std::vector<GitEdit>& git_edits,
                                            std::string_view history_key) {
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
    // The git rules' findings are brought up to date beside the other rules: they share
    // the documents (places are made safely from any thread) and nothing of `whole`.
    std::future<bool> git_again;
    if (!git_edits.empty()) {
        git_again = std::async(std::launch::async, [&] {
            return git_findings_again(workspace, *documents, git_edits, stored_views, history_key, whole);
        });
    }
    const long long started = static_cast<long long>(std::time(nullptr));
    rules::check_across(*documents, workspace.catalog(), {workspace.config().log_review_days, today_iso()},
                        workspace.root(), whole.across, &whole.looked_for, {!keep_tree, &whole.tree});
    if (git_again.valid() && !git_again.get()) {
        return std::nullopt;
    }
    whole.expires = rules::notification_due(*documents, started);
    join_findings(workspace, next, parsed, known, *documents, whole);
    whole.documents = std::move(documents);
    return whole;
}

} // namespace cswm
