// Walking commits: what a Repo knows of history, trailers aside. Following files through
// that history is file_history.cpp's.

#include "lib/git/handles.hpp"
#include "lib/git/objects.hpp"
#include "lib/git/repo.hpp"
#include "lib/util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace cswm {
namespace {

constexpr std::size_t k_max_message = 64 * 1024; // a 64 MB message is not read into output

/// How much of a commit a walk reads: the order only (sha, commit time), what check's rules
/// read (parents, trailers, summary too), or everything.
enum class Detail { order, links, full };

void record_tree(git_commit* commit, CommitInfo& info) {
    std::memcpy(info.tree.data(), git_commit_tree_id(commit)->id, info.tree.size());
}

CommitInfo describe(git_commit* commit, Detail detail = Detail::full) {
    CommitInfo info;
    info.sha = git_oid_tostr_s(git_commit_id(commit));
    record_tree(commit, info);
    const git_signature* author = detail == Detail::full ? git_commit_author(commit) : nullptr;
    if (author != nullptr) {
        info.author = printable(author->name != nullptr ? author->name : "", 200);
        info.email = printable(author->email != nullptr ? author->email : "", 200);
        info.time = static_cast<long long>(author->when.time);
        info.offset_minutes = author->when.offset;
    }
    info.commit_time = static_cast<long long>(git_commit_time(commit));
    const char* message = git_commit_message(commit);
    const std::string_view text = message != nullptr ? std::string_view(message) : std::string_view();
    if (detail == Detail::full) {
        const std::string_view bounded = text.substr(0, k_max_message);
        // Keep newlines in the message, escape every other control byte.
        std::string safe;
        std::size_t start = 0;
        while (start <= bounded.size()) {
            const std::size_t end = std::min(bounded.find('\n', start), bounded.size());
            safe += printable(bounded.substr(start, end - start), k_max_message);
            if (end < bounded.size()) {
                safe += '\n';
            }
            start = end + 1;
        }
        info.message = safe;
    }
    info.trailers = parse_trailers(std::string(text)); // the trailers end the message: read all of it
    for (Trailer& trailer : info.trailers) {
        trailer.key = printable(trailer.key, 100);
        trailer.value = printable(trailer.value, 4000);
    }
    info.summary = printable(text.substr(0, std::min(text.find('\n'), std::size_t{300})), 200);
    for (unsigned i = 0; i < git_commit_parentcount(commit); ++i) {
        info.parents.push_back(git_oid_tostr_s(git_commit_parent_id(commit, i)));
    }
    return info;
}

} // namespace

std::optional<CommitInfo> Repo::commit(const std::string& sha) const {
    git_oid oid;
    if (git_oid_fromstrn(&oid, sha.c_str(), sha.size()) != 0) {
        return std::nullopt;
    }
    const git::CommitPtr found = git::commit_by_id(m_handle->repository.get(), oid);
    if (!found) {
        return std::nullopt;
    }
    return describe(found.get());
}

std::vector<CommitInfo> Repo::commits_from_head() const {
    return walk_from(head_sha(), static_cast<int>(Detail::full));
}

std::vector<CommitInfo> Repo::commit_order_from_head() const {
    return walk_from(head_sha(), static_cast<int>(Detail::order));
}

std::vector<CommitInfo> Repo::commits_from(const std::string& tip) const {
    return walk_from(tip, static_cast<int>(Detail::full));
}

std::vector<CommitInfo> Repo::commit_links_from(const std::string& tip) const {
    return walk_from(tip.empty() ? head_sha() : tip, static_cast<int>(Detail::links));
}

std::string Repo::head_sha() const {
    git_oid head;
    if (!has_commits() || git_reference_name_to_id(&head, m_handle->repository.get(), "HEAD") != 0) {
        return {};
    }
    return git_oid_tostr_s(&head);
}

namespace {

struct OidHash {
    std::size_t operator()(const git_oid& oid) const noexcept {
        std::size_t value = 0;
        std::memcpy(&value, oid.id, sizeof(value)); // a SHA-1's bytes are hash enough
        return value;
    }
};

struct OidEqual {
    bool operator()(const git_oid& a, const git_oid& b) const noexcept { return git_oid_equal(&a, &b) != 0; }
};

} // namespace

std::vector<CommitInfo> Repo::walk_from(const std::string& tip, int level) const {
    const auto detail = static_cast<Detail>(level);
    std::vector<CommitInfo> commits;
    if (tip.empty()) {
        return commits;
    }
    git_oid head;
    if (git_oid_fromstrn(&head, tip.c_str(), tip.size()) != 0) {
        return commits;
    }
    // Parents are walked by hand: libgit2's revwalk ignores .git/shallow and fails on a
    // shallow clone, where a missing parent here simply ends that line of history.
    // Commits are told apart by their binary id: no text per commit for the bookkeeping.
    constexpr std::size_t k_unreadable = SIZE_MAX;
    std::unordered_map<git_oid, std::size_t, OidHash, OidEqual> seen; // → place in `commits`
    std::vector<std::optional<git_oid>> first_parents;                // of each of `commits`
    std::vector<git_oid> pending{head};
    while (!pending.empty()) {
        const git_oid oid = pending.back();
        pending.pop_back();
        const auto [place, added] = seen.try_emplace(oid, k_unreadable);
        if (!added) {
            continue;
        }
        const git::CommitPtr found = git::commit_by_id(m_handle->repository.get(), oid);
        if (!found) {
            continue;
        }
        for (unsigned i = 0; i < git_commit_parentcount(found.get()); ++i) {
            pending.push_back(*git_commit_parent_id(found.get(), i));
        }
        place->second = commits.size();
        first_parents.push_back(git_commit_parentcount(found.get()) > 0
                                    ? std::optional<git_oid>(*git_commit_parent_id(found.get(), 0))
                                    : std::nullopt);
        if (detail != Detail::order) {
            commits.push_back(describe(found.get(), detail));
        } else {
            CommitInfo info;
            info.sha = git_oid_tostr_s(&oid);
            info.commit_time = static_cast<long long>(git_commit_time(found.get()));
            record_tree(found.get(), info);
            commits.push_back(std::move(info));
        }
    }
    for (std::size_t i = 0; i < commits.size(); ++i) {
        if (first_parents[i]) {
            const auto parent = seen.find(*first_parents[i]);
            if (parent != seen.end() && parent->second != k_unreadable) {
                commits[i].parent_tree = commits[parent->second].tree;
            }
        }
    }
    std::stable_sort(commits.begin(), commits.end(), [](const CommitInfo& a, const CommitInfo& b) {
        return a.commit_time != b.commit_time ? a.commit_time > b.commit_time : a.sha < b.sha;
    });
    commits.shrink_to_fit(); // kept while the rules run: up to half its size was room to grow
    return commits;
}

std::optional<std::string> Repo::file_at(const std::string& sha, const std::string& path, std::size_t max_bytes) const {
    const std::optional<git_oid> oid = is_full_sha(sha) ? git::parse_full_oid(sha) : std::nullopt;
    if (!oid) {
        return std::nullopt;
    }
    git_repository* repository = m_handle->repository.get();
    const git::CommitPtr commit = git::commit_by_id(repository, *oid);
    if (!commit) {
        return std::nullopt;
    }
    const git::TreePtr tree = git::tree_of(commit.get());
    if (!tree) {
        return std::nullopt;
    }
    const git::TreeEntryPtr entry = git::entry_at(tree.get(), path);
    if (!entry || !git::is_regular_file(entry.get())) {
        return std::nullopt; // a symlink, folder or submodule is no document
    }
    return git::read_blob(repository, *git_tree_entry_id(entry.get()), max_bytes);
}

std::unordered_map<std::string, Repo::FileState> Repo::uncommitted_paths() const {
    std::unordered_map<std::string, FileState> paths;
    git_status_options options;
    git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                    GIT_STATUS_OPT_INCLUDE_IGNORED | GIT_STATUS_OPT_RECURSE_IGNORED_DIRS;
    git_status_list* raw = nullptr;
    if (git_status_list_new(&raw, m_handle->repository.get(), &options) != 0) {
        return paths;
    }
    const git::StatusListPtr list(raw);
    for (std::size_t i = 0; i < git_status_list_entrycount(list.get()); ++i) {
        const git_status_entry* entry = git_status_byindex(list.get(), i);
        if (entry->status == GIT_STATUS_CURRENT) {
            continue;
        }
        const git_diff_delta* delta =
            entry->index_to_workdir != nullptr ? entry->index_to_workdir : entry->head_to_index;
        if (delta == nullptr || delta->new_file.path == nullptr) {
            continue;
        }
        const FileState state = (entry->status & GIT_STATUS_IGNORED) != 0  ? FileState::ignored
                                : (entry->status & GIT_STATUS_WT_NEW) != 0 ? FileState::untracked
                                                                           : FileState::changed;
        paths.emplace(delta->new_file.path, state);
    }
    return paths;
}

} // namespace cswm
