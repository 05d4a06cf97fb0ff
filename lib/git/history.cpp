// Walking commits: what a Repo knows of history, trailers aside.

#include "lib/git/handles.hpp"
#include "lib/git/repo.hpp"
#include "lib/util/text.hpp"

#include <algorithm>
#include <unordered_map>

namespace cswm {
namespace {

constexpr std::size_t k_max_message = 64 * 1024; // a 64 MB message is not read into output

CommitInfo describe(git_commit* commit) {
    CommitInfo info;
    info.sha = git_oid_tostr_s(git_commit_id(commit));
    const git_signature* author = git_commit_author(commit);
    if (author != nullptr) {
        info.author = printable(author->name != nullptr ? author->name : "", 200);
        info.email = printable(author->email != nullptr ? author->email : "", 200);
        info.time = static_cast<long long>(author->when.time);
        info.offset_minutes = author->when.offset;
    }
    info.commit_time = static_cast<long long>(git_commit_time(commit));
    const char* message = git_commit_message(commit);
    const std::string_view text = message != nullptr ? std::string_view(message) : std::string_view();
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

git::CommitPtr lookup(git_repository* repository, const git_oid& oid) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repository, &oid) != 0) {
        return nullptr;
    }
    return git::CommitPtr(raw);
}

/// The blob id of `path` in the commit's tree, when it is there.
std::optional<git_oid> blob_at(git_commit* commit, const std::string& path) {
    git_tree* tree_raw = nullptr;
    if (git_commit_tree(&tree_raw, commit) != 0) {
        return std::nullopt;
    }
    const git::TreePtr tree(tree_raw);
    git_tree_entry* entry_raw = nullptr;
    if (git_tree_entry_bypath(&entry_raw, tree.get(), path.c_str()) != 0) {
        return std::nullopt;
    }
    const git::TreeEntryPtr entry(entry_raw);
    return *git_tree_entry_id(entry.get());
}

/// The path `path` had in `parent`, when the commit renamed it (git's similarity rules).
std::optional<std::string> renamed_from(git_repository* repository, git_commit* parent, git_commit* commit,
                                        const std::string& path) {
    git_tree* old_raw = nullptr;
    git_tree* new_raw = nullptr;
    if (git_commit_tree(&old_raw, parent) != 0) {
        return std::nullopt;
    }
    const git::TreePtr old_tree(old_raw);
    if (git_commit_tree(&new_raw, commit) != 0) {
        return std::nullopt;
    }
    const git::TreePtr new_tree(new_raw);
    git_diff* diff_raw = nullptr;
    if (git_diff_tree_to_tree(&diff_raw, repository, old_tree.get(), new_tree.get(), nullptr) != 0) {
        return std::nullopt;
    }
    const git::DiffPtr diff(diff_raw);
    git_diff_find_options options = GIT_DIFF_FIND_OPTIONS_INIT;
    options.flags = GIT_DIFF_FIND_RENAMES;
    if (git_diff_find_similar(diff.get(), &options) != 0) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        if (delta->status == GIT_DELTA_RENAMED && path == delta->new_file.path) {
            return std::string(delta->old_file.path);
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<CommitInfo> Repo::commit(const std::string& sha) const {
    git_oid oid;
    if (git_oid_fromstrn(&oid, sha.c_str(), sha.size()) != 0) {
        return std::nullopt;
    }
    const git::CommitPtr found = lookup(m_handle->repository.get(), oid);
    if (!found) {
        return std::nullopt;
    }
    return describe(found.get());
}

std::vector<CommitInfo> Repo::commits_from_head() const {
    return walk_from(head_sha(), true);
}

std::vector<CommitInfo> Repo::commit_order_from_head() const {
    return walk_from(head_sha(), false);
}

std::vector<CommitInfo> Repo::commits_from(const std::string& tip) const {
    return walk_from(tip, true);
}

std::string Repo::head_sha() const {
    git_oid head;
    if (!has_commits() || git_reference_name_to_id(&head, m_handle->repository.get(), "HEAD") != 0) {
        return {};
    }
    return git_oid_tostr_s(&head);
}

std::vector<CommitInfo> Repo::walk_from(const std::string& tip, bool described) const {
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
    std::unordered_map<std::string, bool> seen;
    std::vector<git_oid> pending{head};
    while (!pending.empty()) {
        const git_oid oid = pending.back();
        pending.pop_back();
        const std::string sha = git_oid_tostr_s(&oid);
        if (!seen.emplace(sha, true).second) {
            continue;
        }
        const git::CommitPtr found = lookup(m_handle->repository.get(), oid);
        if (!found) {
            continue;
        }
        for (unsigned i = 0; i < git_commit_parentcount(found.get()); ++i) {
            pending.push_back(*git_commit_parent_id(found.get(), i));
        }
        if (described) {
            commits.push_back(describe(found.get()));
        } else {
            CommitInfo info;
            info.sha = sha;
            info.commit_time = static_cast<long long>(git_commit_time(found.get()));
            commits.push_back(std::move(info));
        }
    }
    std::stable_sort(commits.begin(), commits.end(), [](const CommitInfo& a, const CommitInfo& b) {
        return a.commit_time != b.commit_time ? a.commit_time > b.commit_time : a.sha < b.sha;
    });
    return commits;
}

void Repo::walk_file_history(const std::string& path, const std::vector<CommitInfo>& commits,
                             const std::function<bool(const FileRevision&)>& visit) const {
    git_repository* repository = m_handle->repository.get();
    std::string current = path;
    // Newest first along first parents and merges alike; a rename switches the path
    // followed for the older commits.
    for (const CommitInfo& info : commits) {
        git_oid oid;
        git_oid_fromstr(&oid, info.sha.c_str());
        const git::CommitPtr commit = lookup(repository, oid);
        if (!commit) {
            continue;
        }
        const std::optional<git_oid> here = blob_at(commit.get(), current);
        if (!here) {
            continue;
        }
        // A merge changed the file only if it differs from every parent; a commit whose
        // parents are missing (a shallow clone's boundary) cannot be said to have changed it.
        const unsigned parents = git_commit_parentcount(commit.get());
        git::CommitPtr parent;
        bool unchanged = false;
        bool parent_missing = false;
        for (unsigned i = 0; i < parents; ++i) {
            git::CommitPtr each = lookup(repository, *git_commit_parent_id(commit.get(), i));
            if (!each) {
                parent_missing = true;
                continue;
            }
            const std::optional<git_oid> blob = blob_at(each.get(), current);
            unchanged = unchanged || (blob && git_oid_equal(&*blob, &*here));
            if (i == 0) {
                parent = std::move(each);
            }
        }
        if (unchanged || (parent_missing && !parent)) {
            continue;
        }
        const std::optional<git_oid> before = parent ? blob_at(parent.get(), current) : std::nullopt;
        if (!visit(FileRevision{info, current})) {
            return;
        }
        if (!before && parent) {
            if (auto old_path = renamed_from(repository, parent.get(), commit.get(), current)) {
                current = *old_path;
            }
        }
    }
}

std::vector<FileRevision> Repo::file_history(const std::string& path) const {
    return file_history_in(commits_from_head(), path);
}

std::vector<FileRevision> Repo::file_history_in(const std::vector<CommitInfo>& history, const std::string& path) const {
    std::vector<FileRevision> revisions;
    walk_file_history(path, history, [&](const FileRevision& revision) {
        revisions.push_back(revision);
        return true;
    });
    return revisions;
}

std::optional<std::string> Repo::file_at(const std::string& sha, const std::string& path, std::size_t max_bytes) const {
    git_oid oid;
    if (!is_full_sha(sha) || git_oid_fromstr(&oid, sha.c_str()) != 0) {
        return std::nullopt;
    }
    git_repository* repository = m_handle->repository.get();
    const git::CommitPtr commit = lookup(repository, oid);
    if (!commit) {
        return std::nullopt;
    }
    git_tree* tree_raw = nullptr;
    if (git_commit_tree(&tree_raw, commit.get()) != 0) {
        return std::nullopt;
    }
    const git::TreePtr tree(tree_raw);
    git_tree_entry* entry_raw = nullptr;
    if (git_tree_entry_bypath(&entry_raw, tree.get(), path.c_str()) != 0) {
        return std::nullopt;
    }
    const git::TreeEntryPtr entry(entry_raw);
    const git_filemode_t mode = git_tree_entry_filemode(entry.get());
    if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
        return std::nullopt; // a symlink, folder or submodule is no document
    }
    git_blob* blob_raw = nullptr;
    if (git_blob_lookup(&blob_raw, repository, git_tree_entry_id(entry.get())) != 0) {
        return std::nullopt;
    }
    const std::unique_ptr<git_blob, git::Deleter<git_blob, git_blob_free>> blob(blob_raw);
    const auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
    if (size > max_bytes) {
        return std::nullopt;
    }
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), size);
}

std::unordered_map<std::string, Repo::FileState> Repo::uncommitted_paths() const {
    std::unordered_map<std::string, FileState> paths;
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
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
