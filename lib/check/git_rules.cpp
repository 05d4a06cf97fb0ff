#include "lib/check/git_rules.hpp"

#include "lib/i18n/i18n.hpp"

#include "lib/check/suspect.hpp"
#include "lib/git/history_index.hpp"
#include "lib/model/references.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <future>
#include <iterator>
#include <optional>

#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cswm::rules {
namespace {

using nlohmann::json;

std::string short_sha(const std::string& sha) {
    return sha.substr(0, 10);
}

} // namespace

std::vector<std::pair<std::string, std::string>> recorded_commits(const Document& document) {
    std::vector<std::pair<std::string, std::string>> commits;
    for (const FieldPath& field : document.kind->commit_fields) {
        for (const FieldPath::Match& match : field.find(document.data())) {
            if (match.value->is_string()) {
                commits.emplace_back(match.pointer, match.value->get<std::string>());
            } else if (match.value->is_array()) {
                for (std::size_t i = 0; i < match.value->size(); ++i) {
                    if ((*match.value)[i].is_string()) {
                        commits.emplace_back(match.pointer + "/" + std::to_string(i),
                                             (*match.value)[i].get<std::string>());
                    }
                }
            }
        }
    }
    return commits;
}

namespace {

Finding trailer_unknown_id(std::string_view commit, std::string_view summary, const std::string& id) {
    return {Severity::warning,
            "trailer-unknown-id",
            "commit " + std::string(commit),
            0,
            0,
            "",
            tr("check.trailer-unknown-id", fmt::arg("id", printable(id, 60)), fmt::arg("summary", summary))};
}

} // namespace

void check_trailer_ids_again(const std::vector<Document>& documents, const StoredTrailers& trailers,
                             const std::vector<std::string>& changed, std::vector<std::string>& unknown_ids,
                             Findings& out) {
    const std::unordered_set<std::string> known = defined_ids(documents);
    std::set<std::string> candidates(unknown_ids.begin(), unknown_ids.end());
    candidates.insert(changed.begin(), changed.end());
    unknown_ids.clear();
    for (const std::string& id : candidates) {
        if (known.contains(id)) {
            continue;
        }
        const std::vector<StoredTrailers::Naming> naming = trailers.naming(id);
        if (!naming.empty()) {
            unknown_ids.push_back(id);
        }
        for (const StoredTrailers::Naming& commit : naming) {
            out.push_back(trailer_unknown_id(commit.commit, commit.summary, id));
        }
    }
}

namespace {

class GitRules {
public:
    /// The rules over `history`, HEAD's walk (or the tip's); over no history, what is
    /// reachable from HEAD is asked of the repository (check_git_of).
    GitRules(const std::vector<Document>& documents, const Repo& repo, const GitPolicy& policy,
             const std::vector<CommitInfo>* history, Findings& out,
             std::vector<std::string>* unknown_trailer_ids = nullptr, HistoryBasis* record = nullptr)
        : m_documents(documents), m_repo(repo), m_policy(policy), m_out(out),
          m_unknown_trailer_ids(unknown_trailer_ids), m_record(record),
          m_history(history != nullptr ? *history : m_no_history), m_reachable(m_history),
          m_head(history != nullptr || !repo.has_commits() ? std::string() : repo.resolve_commit("HEAD")) {
        for (const Document& document : documents) {
            if (document.parsed() && !document.id.empty()) {
                m_by_id.emplace(document.id, &document);
            }
        }
    }

    void run() {
        for (const Document& document : m_documents) {
            if (!document.parsed() || document.kind == nullptr || document.kind->commit_fields.empty()) {
                continue;
            }
            check_recorded_commits(document);
            if (document.kind->name == "fix-confirmation") {
                check_fix_tested(document);
                if (m_policy.reviewed_fix_commits) {
                    check_fix_reviewed(document);
                }
            }
        }
        check_trailers();
        if (m_policy.require_committed) {
            check_committed();
        }
    }

    /// The commits `document` records, again.
    void check_recorded_commits(const Document& document) {
        for (const auto& [pointer, sha] : recorded_commits(document)) {
            check_recorded(document, pointer, sha);
        }
    }

    /// A verified or closed fix must have been confirmed by a test of a build containing it.
    void check_fix_tested(const Document& fix) {
        if (!is_signed_off(fix)) {
            return;
        }
        const json& data = fix.data();
        const auto verified_by = data.find("verified_by");
        if (verified_by == data.end() || !verified_by->is_string()) {
            return; // the schema asks for it at this status
        }
        const auto report = m_by_id.find(verified_by->get<std::string>());
        if (report == m_by_id.end() || !report->second->data().contains("commit") ||
            !report->second->data()["commit"].is_string()) {
            return; // the link rules and the report's own schema speak of that
        }
        const std::string tested = report->second->data()["commit"].get<std::string>();
        if (!is_commit(tested)) {
            return;
        }
        for (const auto& [pointer, sha] : recorded_commits(fix)) {
            if (is_commit(sha) && !contains(tested, sha)) {
                m_out.push_back(
                    fix.finding_at("/verified_by", false, Severity::error, "fix-not-tested",
                                   tr("check.fix-not-tested", fmt::arg("report", report->second->id),
                                      fmt::arg("tested", short_sha(tested)), fmt::arg("sha", short_sha(sha)))));
            }
        }
    }

private:
    void check_recorded(const Document& document, const std::string& pointer, const std::string& sha) {
        if (!is_full_sha(sha)) {
            return; // the schema says what form a SHA has
        }
        if (m_reachable.find(sha) != nullptr) {
            return; // met by HEAD's walk: a commit HEAD reaches
        }
        std::string type;
        switch (m_repo.object_state(sha, &type)) {
        case ObjectState::missing:
            m_out.push_back(document.finding_at(pointer, false, Severity::error, "commit-missing",
                                                tr("check.commit-missing", fmt::arg("sha", sha))));
            return;
        case ObjectState::not_commit:
            m_out.push_back(
                document.finding_at(pointer, false, Severity::error, "commit-missing",
                                    tr("check.commit-not-commit", fmt::arg("sha", sha), fmt::arg("type", type))));
            return;
        case ObjectState::beyond_shallow:
            m_out.push_back(document.finding_at(pointer, false, Severity::warning, "commit-unverifiable",
                                                tr("check.commit-unverifiable", fmt::arg("sha", short_sha(sha)))));
            return;
        case ObjectState::commit:
            break;
        }
        if (!m_repo.is_shallow() && !reachable(sha)) {
            m_out.push_back(document.finding_at(pointer, false, Severity::warning, "commit-unreachable",
                                                tr("check.commit-unreachable", fmt::arg("sha", short_sha(sha)))));
        }
    }

    /// Policy: each fix commit carries Reviewed-by:, or came in through a merge that does.
    void check_fix_reviewed(const Document& fix) {
        for (const auto& [pointer, sha] : recorded_commits(fix)) {
            const CommitInfo* found = m_reachable.find(sha);
            if (found == nullptr || has_review_trailer(found->trailers)) {
                continue;
            }
            if (!merged_with_review(sha)) {
                m_out.push_back(fix.finding_at(pointer, false, Severity::error, "fix-not-reviewed",
                                               tr("check.fix-not-reviewed", fmt::arg("sha", short_sha(sha)))));
            }
        }
    }

    /// True when `descendant` is `ancestor` or descends from it. HistoryIndex answers at
    /// once for a descendant on HEAD's first-parent line. Otherwise the parents of every
    /// commit reachable from HEAD are in memory already: walk them first, depth first, not
    /// below commits a day older than the ancestor (no descendant is that much older unless
    /// clocks were badly off). Only when that walk does not find the ancestor does libgit2
    /// answer exactly.
    bool contains(const std::string& descendant, const std::string& ancestor) const {
        if (descendant == ancestor) {
            return true;
        }
        if (const std::optional<bool> known = m_reachable.reaches(descendant, ancestor)) {
            return *known;
        }
        const CommitInfo* target = m_reachable.find(ancestor);
        if (target != nullptr && m_reachable.find(descendant) != nullptr) {
            const long long floor = target->commit_time - 86400;
            std::vector<std::string_view> stack{descendant};
            std::unordered_set<std::string_view> seen{descendant};
            while (!stack.empty()) {
                const CommitInfo* found = m_reachable.find(stack.back());
                stack.pop_back();
                if (found == nullptr) {
                    continue;
                }
                for (const std::string& parent : found->parents) {
                    if (parent == ancestor) {
                        return true;
                    }
                    const CommitInfo* next = m_reachable.find(parent);
                    if (next != nullptr && next->commit_time >= floor && seen.insert(next->sha).second) {
                        stack.push_back(next->sha);
                    }
                }
            }
        }
        return m_repo.contains(descendant, ancestor);
    }

    /// Whether `sha` names a commit here: known at once for one HEAD's walk met, else read
    /// from the object database. (Reading pack headers takes libgit2's global pack lock,
    /// which the suspect rule's walk on the other thread takes for every tree.)
    bool is_commit(const std::string& sha) const {
        return m_reachable.find(sha) != nullptr || m_repo.object_state(sha) == ObjectState::commit;
    }

    /// Whether HEAD (or the tip) reaches `sha`: whether the walk met it, or the repository's
    /// answer when there was no walk.
    bool reachable(const std::string& sha) const {
        return m_head.empty() ? m_reachable.find(sha) != nullptr : contains(m_head, sha);
    }

    bool merged_with_review(const std::string& sha) const {
        for (const CommitInfo& merge : m_history) {
            if (merge.parents.size() < 2 || !has_review_trailer(merge.trailers)) {
                continue;
            }
            if (m_repo.contains(merge.sha, sha) && !m_repo.contains(merge.parents.front(), sha)) {
                return true;
            }
        }
        return false;
    }

    /// Refs: trailers that name nothing.
    void check_trailers() {
        const std::unordered_set<std::string> known = defined_ids(m_documents);
        std::set<std::string> unknown;
        for (const CommitInfo& commit : m_history) {
            std::vector<std::string> ids = referenced_ids(commit.trailers);
            for (const std::string& id : ids) {
                if (!known.contains(id)) {
                    unknown.insert(id);
                    m_out.push_back(trailer_unknown_id(short_sha(commit.sha), commit.summary, id));
                }
            }
            if (m_record != nullptr && !ids.empty()) {
                m_record->trailers.push_back({short_sha(commit.sha), commit.summary, std::move(ids)});
            }
        }
        if (m_unknown_trailer_ids != nullptr) {
            m_unknown_trailer_ids->assign(unknown.begin(), unknown.end());
        }
    }

    void check_committed() {
        const auto uncommitted = m_repo.uncommitted_paths();
        for (const Document& document : m_documents) {
            const auto found = uncommitted.find(document.path);
            if (found == uncommitted.end()) {
                continue;
            }
            const std::string what = found->second == Repo::FileState::ignored     ? tr("check.uncommitted-ignored")
                                     : found->second == Repo::FileState::untracked ? tr("check.uncommitted-untracked")
                                                                                   : tr("check.uncommitted-changes");
            m_out.push_back({Severity::error, "uncommitted", document.path, 0, 0, document.id,
                             tr("check.uncommitted", fmt::arg("what", what))});
        }
    }

    const std::vector<Document>& m_documents;
    const Repo& m_repo;
    const GitPolicy& m_policy;
    Findings& m_out;
    std::vector<std::string>* m_unknown_trailer_ids;
    HistoryBasis* m_record;
    static inline const std::vector<CommitInfo> m_no_history;
    const std::vector<CommitInfo>& m_history; ///< newest first, as the walk gives it
    HistoryIndex m_reachable;
    std::string m_head; ///< HEAD, when there is no walk of it (and a HEAD)
    std::unordered_map<std::string, const Document*> m_by_id;
};

} // namespace

void check_git(const std::vector<Document>& documents, const Repo& repo, const GitPolicy& policy, Findings& out) {
    check_git(documents, repo, policy, repo.commit_links_from(policy.tip), out);
}

void check_git(const std::vector<Document>& documents, const Repo& repo, const GitPolicy& policy,
               std::vector<CommitInfo> history, Findings& out, std::vector<std::string>* unknown_trailer_ids,
               HistoryBasis* record) {
    // The suspect-link rule's walk of the specs' file histories is the longest of the git
    // rules (at N = 50,000 more than the others together) and shares nothing with them but
    // what it reads: it runs on a thread of its own, with a repository of its own (one
    // libgit2 repository is not for two threads). Its findings come after the others'.
    std::future<Findings> suspect;
    if (policy.tip.empty()) {
        suspect = std::async(std::launch::async, [&documents, &repo, &history, &policy, record] {
            Findings found;
            std::optional<Repo> own;
            try {
                own.emplace(Repo::discover(repo.workdir()));
            } catch (const Error&) {
                // Not to be opened again (it went away?): the findings say what can be said.
            }
            // The same walk: HEAD's.
            check_suspect_links_in_history(documents, own ? *own : repo, history, found, policy.revisions,
                                           record != nullptr ? &record->suspect : nullptr);
            return found;
        });
    }
    Findings found;
    // The trailers go into `record` on this thread, the suspect rule's reading on its own:
    // they fill different fields.
    GitRules(documents, repo, policy, &history, found, unknown_trailer_ids, record).run();
    if (suspect.valid()) {
        Findings suspected = suspect.get();
        std::move(suspected.begin(), suspected.end(), std::back_inserter(found));
    } else {
        check_suspect_links_in_history(documents, repo, found, policy.revisions);
    }
    std::move(found.begin(), found.end(), std::back_inserter(out));
}

void check_git_of(const std::vector<Document>& documents, const std::vector<std::size_t>& recorded,
                  const std::vector<std::size_t>& fixes, const Repo& repo, Findings& out) {
    const GitPolicy policy;
    GitRules rules(documents, repo, policy, nullptr, out);
    for (const std::size_t index : recorded) {
        rules.check_recorded_commits(documents[index]);
    }
    for (const std::size_t index : fixes) {
        rules.check_fix_tested(documents[index]);
    }
}

} // namespace cswm::rules
