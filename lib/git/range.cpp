// Ranges of commits and what each commit changed: what `cswm impact` reads from git.

#include "lib/git/handles.hpp"
#include "lib/git/objects.hpp"
#include "lib/git/repo.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_set>

namespace cswm {
namespace {

git::CommitPtr lookup_commit(git_repository* repository, const git_oid& oid) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repository, &oid) != 0) {
        return nullptr;
    }
    return git::CommitPtr(raw);
}

git_oid oid_of(const std::string& sha) {
    git_oid oid;
    git_oid_fromstr(&oid, sha.c_str());
    return oid;
}

/// Every commit reachable from `tip` (itself included) that `stop` does not hold; a
/// missing parent, as past a shallow clone's boundary, ends that line.
std::vector<std::string> walk(git_repository* repository, const std::string& tip,
                              const std::unordered_set<std::string>& stop) {
    std::vector<std::string> found;
    std::unordered_set<std::string> seen;
    std::vector<std::string> pending{tip};
    while (!pending.empty()) {
        const std::string sha = pending.back();
        pending.pop_back();
        if (stop.contains(sha) || !seen.insert(sha).second) {
            continue;
        }
        const git::CommitPtr commit = lookup_commit(repository, oid_of(sha));
        if (!commit) {
            continue;
        }
        found.push_back(sha);
        for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
            pending.emplace_back(git_oid_tostr_s(git_commit_parent_id(commit.get(), i)));
        }
    }
    return found;
}

/// Paths that differ between two trees (`old_tree` null: every path of `new_tree`).
std::set<std::string> diff_paths(git_repository* repository, git_tree* old_tree, git_tree* new_tree) {
    std::set<std::string> paths;
    git_diff* raw = nullptr;
    if (git_diff_tree_to_tree(&raw, repository, old_tree, new_tree, nullptr) != 0) {
        return paths;
    }
    const git::DiffPtr diff(raw);
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        if (delta->old_file.path != nullptr && delta->status != GIT_DELTA_ADDED) {
            paths.insert(delta->old_file.path);
        }
        if (delta->new_file.path != nullptr && delta->status != GIT_DELTA_DELETED) {
            paths.insert(delta->new_file.path);
        }
    }
    return paths;
}

} // namespace

std::vector<CommitInfo> Repo::commits_in_range(const std::string& range) const {
    git_repository* repository = m_handle->repository.get();
    const std::string shown = printable(range, 120);
    if (range.find("...") != std::string::npos) {
        throw Error(tr("git.symmetric-range", fmt::arg("range", shown)));
    }
    if (!has_commits()) {
        throw Error(tr("git.range-no-commits", fmt::arg("range", shown)));
    }
    const std::size_t dots = range.find("..");
    std::string tip;
    std::unordered_set<std::string> hidden;
    auto resolve = [&](const std::string& revision) {
        try {
            return resolve_commit(revision.empty() ? std::string("HEAD") : revision);
        } catch (const Error& error) {
            throw Error(tr("git.range-error", fmt::arg("range", shown), fmt::arg("reason", error.what())));
        }
    };
    if (dots == std::string::npos) {
        tip = resolve(range);
        const std::optional<CommitInfo> only = commit(tip);
        return only ? std::vector<CommitInfo>{*only} : std::vector<CommitInfo>{};
    }
    const std::string base_name = range.substr(0, dots);
    const std::string tip_name = range.substr(dots + 2);
    if (base_name.empty() && tip_name.empty()) {
        throw Error(tr("git.range-empty", fmt::arg("range", shown)));
    }
    const std::string base = resolve(base_name);
    tip = resolve(tip_name);
    for (std::string& sha : walk(repository, base, {})) {
        hidden.insert(std::move(sha));
    }
    std::vector<CommitInfo> commits;
    for (const std::string& sha : walk(repository, tip, hidden)) {
        if (std::optional<CommitInfo> info = commit(sha)) {
            commits.push_back(std::move(*info));
        }
    }
    std::stable_sort(commits.begin(), commits.end(), [](const CommitInfo& a, const CommitInfo& b) {
        return a.commit_time != b.commit_time ? a.commit_time > b.commit_time : a.sha < b.sha;
    });
    return commits;
}

std::vector<std::string> Repo::changed_paths(const std::string& sha) const {
    git_repository* repository = m_handle->repository.get();
    git_oid oid;
    if (git_oid_fromstrn(&oid, sha.c_str(), sha.size()) != 0) {
        return {};
    }
    const git::CommitPtr commit = lookup_commit(repository, oid);
    if (!commit) {
        return {};
    }
    const git::TreePtr tree = git::tree_of(commit.get());
    if (!tree) {
        return {};
    }
    const unsigned parents = git_commit_parentcount(commit.get());
    if (parents == 0) {
        const std::set<std::string> all = diff_paths(repository, nullptr, tree.get());
        return {all.begin(), all.end()};
    }
    // A merge changed what differs from every parent: what its own resolution brought,
    // not what the merged branch's commits (walked on their own) did.
    std::optional<std::set<std::string>> common;
    for (unsigned i = 0; i < parents; ++i) {
        const git::CommitPtr parent = lookup_commit(repository, *git_commit_parent_id(commit.get(), i));
        if (!parent) {
            continue; // beyond a shallow clone's boundary
        }
        const git::TreePtr parent_tree = git::tree_of(parent.get());
        std::set<std::string> paths = diff_paths(repository, parent_tree.get(), tree.get());
        if (!common) {
            common = std::move(paths);
        } else {
            std::set<std::string> both;
            std::set_intersection(common->begin(), common->end(), paths.begin(), paths.end(),
                                  std::inserter(both, both.end()));
            common = std::move(both);
        }
    }
    return common ? std::vector<std::string>(common->begin(), common->end()) : std::vector<std::string>();
}

} // namespace cswm
