#pragma once

// Internal to lib/git: reading trees and blobs, in one place for every reader (file_at,
// blob_content, blob_at_path, the history walks).

#include "lib/git/handles.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace cswm::git {

using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;

/// The oid of a full 40-hex SHA; nullopt for anything else.
std::optional<git_oid> parse_full_oid(const std::string& sha);

/// The commit of that id; null when absent or not a commit.
CommitPtr commit_by_id(git_repository* repository, const git_oid& oid);

/// The tree of that id; null when absent or not a tree.
TreePtr tree_by_id(git_repository* repository, const git_oid& oid);

/// The commit's root tree; null when it cannot be read.
TreePtr tree_of(git_commit* commit);

/// The entry at `path` ('/'-separated) of `tree`; null when absent.
TreeEntryPtr entry_at(git_tree* tree, const std::string& path);

/// True for an entry git stores as a regular file (executable or not): no symlink, folder
/// or submodule.
bool is_regular_file(const git_tree_entry* entry);

/// The bytes of a blob; nullopt when absent or larger than `max_bytes` (`size` receives its
/// size whenever the blob exists).
std::optional<std::string> read_blob(git_repository* repository, const git_oid& oid, std::size_t max_bytes,
                                     std::size_t* size = nullptr);

} // namespace cswm::git
