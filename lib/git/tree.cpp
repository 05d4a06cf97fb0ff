// Reading a commit's tree and blobs, and what a commit changed: what `bundle` packs, read
// from git objects alone so that the working tree (and its symlinks) never matters.

#include "lib/git/handles.hpp"
#include "lib/git/objects.hpp"
#include "lib/git/repo.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace cswm {
namespace git {

std::optional<git_oid> parse_full_oid(const std::string& sha) {
    git_oid oid;
    if (sha.size() != 40 || git_oid_fromstrn(&oid, sha.c_str(), sha.size()) != 0) {
        return std::nullopt;
    }
    return oid;
}

TreePtr tree_of(git_commit* commit) {
    git_tree* raw = nullptr;
    if (git_commit_tree(&raw, commit) != 0) {
        return nullptr;
    }
    return TreePtr(raw);
}

CommitPtr commit_by_id(git_repository* repository, const git_oid& oid) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repository, &oid) != 0) {
        return nullptr;
    }
    return CommitPtr(raw);
}

TreePtr tree_by_id(git_repository* repository, const git_oid& oid) {
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, repository, &oid) != 0) {
        return nullptr;
    }
    return TreePtr(raw);
}

TreeEntryPtr entry_at(git_tree* tree, const std::string& path) {
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, tree, path.c_str()) != 0) {
        return nullptr;
    }
    return TreeEntryPtr(raw);
}

bool is_regular_file(const git_tree_entry* entry) {
    const git_filemode_t mode = git_tree_entry_filemode(entry);
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

std::optional<std::string> read_blob(git_repository* repository, const git_oid& oid, std::size_t max_bytes,
                                     std::size_t* size) {
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, repository, &oid) != 0) {
        return std::nullopt;
    }
    const BlobPtr blob(raw);
    const auto raw_size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
    if (size != nullptr) {
        *size = raw_size;
    }
    if (raw_size > max_bytes) {
        return std::nullopt;
    }
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), raw_size);
}

} // namespace git

namespace {

using git::parse_full_oid;

git::TreePtr commit_tree(git_repository* repository, const std::string& sha) {
    const auto oid = parse_full_oid(sha);
    git_commit* commit_raw = nullptr;
    if (!oid || git_commit_lookup(&commit_raw, repository, &*oid) != 0) {
        throw Error(tr("git.commit-unreadable", fmt::arg("sha", sha), fmt::arg("reason", git::last_error())));
    }
    const git::CommitPtr commit(commit_raw);
    git::TreePtr tree = git::tree_of(commit.get());
    if (!tree) {
        throw Error(tr("git.tree-unreadable", fmt::arg("sha", sha), fmt::arg("reason", git::last_error())));
    }
    return tree;
}

struct WalkState {
    std::vector<TreeFile>* files;
};

int collect_entry(const char* root, const git_tree_entry* entry, void* payload) {
    auto* state = static_cast<WalkState*>(payload);
    TreeFile file;
    file.path = std::string(root) + git_tree_entry_name(entry);
    file.blob = git_oid_tostr_s(git_tree_entry_id(entry));
    switch (git_tree_entry_filemode(entry)) {
    case GIT_FILEMODE_BLOB:
        file.type = TreeFile::Type::file;
        break;
    case GIT_FILEMODE_BLOB_EXECUTABLE:
        file.type = TreeFile::Type::executable;
        break;
    case GIT_FILEMODE_LINK:
        file.type = TreeFile::Type::symlink;
        break;
    case GIT_FILEMODE_COMMIT:
        file.type = TreeFile::Type::submodule;
        break;
    default:
        return 0; // trees: the walk enters them
    }
    state->files->push_back(std::move(file));
    return 0;
}

} // namespace

std::optional<std::pair<std::string, std::string>> Repo::link_on_path(const std::string& commit_sha,
                                                                      const std::string& folder) const {
    git_repository* repository = m_handle->repository.get();
    const git::TreePtr tree = commit_tree(repository, commit_sha);
    std::string walked;
    for (std::size_t start = 0; start < folder.size();) {
        std::size_t end = folder.find('/', start);
        if (end == std::string::npos) {
            end = folder.size();
        }
        walked += (walked.empty() ? "" : "/") + folder.substr(start, end - start);
        start = end + 1;
        const git::TreeEntryPtr entry = git::entry_at(tree.get(), walked);
        if (!entry) {
            return std::nullopt; // not in this commit: nothing to follow
        }
        if (git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK) {
            std::string target =
                git::read_blob(repository, *git_tree_entry_id(entry.get()), 4096, nullptr).value_or("");
            return std::pair{walked, std::move(target)};
        }
    }
    return std::nullopt;
}

std::vector<TreeFile> Repo::tree_files(const std::string& commit_sha, const std::string& folder) const {
    git_repository* repository = m_handle->repository.get();
    git::TreePtr tree = commit_tree(repository, commit_sha);
    std::string prefix;
    if (!folder.empty()) {
        const git::TreeEntryPtr entry = git::entry_at(tree.get(), folder);
        if (!entry || git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) {
            return {};
        }
        git_tree* sub_raw = nullptr;
        if (git_tree_lookup(&sub_raw, repository, git_tree_entry_id(entry.get())) != 0) {
            throw Error(tr("git.folder-unreadable", fmt::arg("folder", folder), fmt::arg("sha", commit_sha),
                           fmt::arg("reason", git::last_error())));
        }
        tree = git::TreePtr(sub_raw);
        prefix = folder + "/";
    }
    std::vector<TreeFile> files;
    WalkState state{&files};
    if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collect_entry, &state) != 0) {
        throw Error(tr("git.tree-unwalkable", fmt::arg("sha", commit_sha), fmt::arg("reason", git::last_error())));
    }
    for (TreeFile& file : files) {
        file.path.insert(0, prefix);
    }
    std::sort(files.begin(), files.end(), [](const TreeFile& a, const TreeFile& b) { return a.path < b.path; });
    return files;
}

std::optional<std::string> Repo::blob_content(const std::string& blob_sha, std::size_t max_bytes,
                                              std::size_t* size) const {
    const auto oid = parse_full_oid(blob_sha);
    if (!oid) {
        return std::nullopt;
    }
    return git::read_blob(m_handle->repository.get(), *oid, max_bytes, size);
}

std::string Repo::blob_id_of(std::string_view bytes) {
    git::ensure_initialised();
    git_oid oid;
    if (git_odb_hash(&oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB) != 0) {
        return {};
    }
    return git_oid_tostr_s(&oid);
}

std::optional<std::string> Repo::blob_at_path(const std::string& commit_sha, const std::string& path) const {
    const git::TreePtr tree = commit_tree(m_handle->repository.get(), commit_sha);
    const git::TreeEntryPtr entry = git::entry_at(tree.get(), path);
    if (!entry || !git::is_regular_file(entry.get())) {
        return std::nullopt;
    }
    return std::string(git_oid_tostr_s(git_tree_entry_id(entry.get())));
}

CommitChanges Repo::commit_changes(const std::string& sha, bool with_patch) const {
    git_repository* repository = m_handle->repository.get();
    const auto oid = parse_full_oid(sha);
    git_commit* commit_raw = nullptr;
    if (!oid || git_commit_lookup(&commit_raw, repository, &*oid) != 0) {
        throw Error(tr("git.commit-unreadable", fmt::arg("sha", sha), fmt::arg("reason", git::last_error())));
    }
    const git::CommitPtr commit(commit_raw);
    git_tree* new_raw = nullptr;
    if (git_commit_tree(&new_raw, commit.get()) != 0) {
        throw Error(tr("git.tree-unreadable", fmt::arg("sha", sha), fmt::arg("reason", git::last_error())));
    }
    const git::TreePtr new_tree(new_raw);
    git::TreePtr old_tree;
    if (git_commit_parentcount(commit.get()) > 0) {
        git_commit* parent_raw = nullptr;
        // A parent beyond a shallow boundary is absent: the diff is then against nothing.
        if (git_commit_parent(&parent_raw, commit.get(), 0) == 0) {
            const git::CommitPtr parent(parent_raw);
            git_tree* old_raw = nullptr;
            if (git_commit_tree(&old_raw, parent.get()) == 0) {
                old_tree.reset(old_raw);
            }
        }
    }
    git_diff_options options;
    git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION); // every field, not only the macro's first ones
    options.flags = GIT_DIFF_SHOW_BINARY;
    git_diff* diff_raw = nullptr;
    if (git_diff_tree_to_tree(&diff_raw, repository, old_tree.get(), new_tree.get(), &options) != 0) {
        throw Error(tr("git.changes-unreadable", fmt::arg("sha", sha), fmt::arg("reason", git::last_error())));
    }
    const git::DiffPtr diff(diff_raw);
    if (with_patch) {
        // Rename detection (content similarity of every added and deleted file) only
        // changes how the patch reads: a rename pairs a deleted path with an added one, so
        // the paths listed below are the same without it.
        git_diff_find_options find;
        git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
        find.flags = GIT_DIFF_FIND_RENAMES;
        git_diff_find_similar(diff.get(), &find);
    }
    CommitChanges changes;
    std::set<std::string> files;
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        if (delta->old_file.path != nullptr && delta->status != GIT_DELTA_ADDED) {
            files.insert(delta->old_file.path);
        }
        if (delta->new_file.path != nullptr && delta->status != GIT_DELTA_DELETED) {
            files.insert(delta->new_file.path);
        }
    }
    changes.files.assign(files.begin(), files.end());
    if (with_patch) {
        git_buf buffer = GIT_BUF_INIT;
        if (git_diff_to_buf(&buffer, diff.get(), GIT_DIFF_FORMAT_PATCH) != 0) {
            throw Error(tr("git.patch-failed", fmt::arg("sha", sha), fmt::arg("reason", git::last_error())));
        }
        changes.patch.assign(buffer.ptr, buffer.size);
        git_buf_dispose(&buffer);
    }
    return changes;
}

} // namespace cswm
