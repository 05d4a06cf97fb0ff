// Following files through history: the commits that changed a file, across renames, for
// one file or for many in one walk.

#include "lib/git/handles.hpp"
#include "lib/git/objects.hpp"
#include "lib/git/repo.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace cswm {
namespace {

/// The id of what `path` is in the commit's tree (a blob, or a folder's tree), when there.
std::optional<git_oid> blob_at(git_commit* commit, const std::string& path) {
    const git::TreePtr tree = git::tree_of(commit);
    if (!tree) {
        return std::nullopt;
    }
    const git::TreeEntryPtr entry = git::entry_at(tree.get(), path);
    if (!entry) {
        return std::nullopt;
    }
    return *git_tree_entry_id(entry.get());
}

/// One commit of a file walk, read once for every path followed through it: its parents
/// and its renames are looked up when a path first needs them.
class CommitStep {
public:
    CommitStep(git_repository* repository, git::CommitPtr commit)
        : m_repository(repository), m_commit(std::move(commit)) {}

    git_commit* commit() const { return m_commit.get(); }

    /// Whether the commit changed the file at `path`: it is there, and differs from every
    /// parent (a merge that took one side's version did not change it), and the first parent
    /// is readable (past a shallow clone's boundary nothing can be said). `older` receives
    /// the path the file had before the commit: another when the commit renamed it. `added`
    /// receives whether the commit brought the file in: every parent readable and none
    /// holding it, and no rename.
    bool changed(const std::string& path, std::string& older, bool& added) {
        older = path;
        added = false;
        const std::optional<git_oid> here = blob_at(m_commit.get(), path);
        if (!here) {
            return false;
        }
        read_parents();
        bool unchanged = false;
        bool in_a_parent = false;
        for (const git::CommitPtr& parent : m_parents) {
            if (parent) {
                const std::optional<git_oid> blob = blob_at(parent.get(), path);
                in_a_parent = in_a_parent || blob.has_value();
                unchanged = unchanged || (blob && git_oid_equal(&*blob, &*here));
            }
        }
        const bool first_readable = !m_parents.empty() && m_parents.front();
        if (unchanged || (m_parent_missing && !first_readable)) {
            return false;
        }
        if (first_readable && !blob_at(m_parents.front().get(), path)) {
            read_renames();
            if (const auto found = m_renamed.find(path); found != m_renamed.end()) {
                older = found->second;
            }
        }
        added = !in_a_parent && !m_parent_missing && older == path;
        return true;
    }

    /// The first parent when the commit has one that can be read; `missing` tells a parent
    /// beyond a shallow boundary from a root commit.
    git_commit* first_parent(bool& missing) {
        read_parents();
        missing = m_parent_missing && (m_parents.empty() || !m_parents.front());
        return m_parents.empty() ? nullptr : m_parents.front().get();
    }

private:
    void read_parents() {
        if (m_parents_read) {
            return;
        }
        m_parents_read = true;
        for (unsigned i = 0; i < git_commit_parentcount(m_commit.get()); ++i) {
            m_parents.push_back(git::commit_by_id(m_repository, *git_commit_parent_id(m_commit.get(), i)));
            m_parent_missing = m_parent_missing || !m_parents.back();
        }
    }

    /// The renames against the first parent by git's similarity rules, new path → old path
    /// (the first delta of a new path counts).
    void read_renames() {
        if (m_renames_read) {
            return;
        }
        m_renames_read = true;
        const git::TreePtr old_tree = git::tree_of(m_parents.front().get());
        const git::TreePtr new_tree = git::tree_of(m_commit.get());
        if (!old_tree || !new_tree) {
            return;
        }
        git_diff* diff_raw = nullptr;
        if (git_diff_tree_to_tree(&diff_raw, m_repository, old_tree.get(), new_tree.get(), nullptr) != 0) {
            return;
        }
        const git::DiffPtr diff(diff_raw);
        git_diff_find_options options;
        git_diff_find_options_init(&options, GIT_DIFF_FIND_OPTIONS_VERSION); // every field, not the macro's first
        options.flags = GIT_DIFF_FIND_RENAMES;
        if (git_diff_find_similar(diff.get(), &options) != 0) {
            return;
        }
        for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
            const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
            if (delta->status == GIT_DELTA_RENAMED) {
                m_renamed.emplace(delta->new_file.path, delta->old_file.path);
            }
        }
    }

    git_repository* m_repository;
    git::CommitPtr m_commit;
    bool m_parents_read = false;
    bool m_parent_missing = false;
    std::vector<git::CommitPtr> m_parents; ///< null where a parent cannot be read
    bool m_renames_read = false;
    std::unordered_map<std::string, std::string> m_renamed;
};

/// The paths followed by a shared walk, and the folders ('/'-terminated) they lie in.
struct Followed {
    std::unordered_map<std::string, std::vector<std::size_t>> paths; ///< path → requested files on it
    std::unordered_map<std::string, std::size_t> folders;            ///< folder → paths below it

    void add(const std::string& path, const std::vector<std::size_t>& files) {
        auto [entry, added] = paths.try_emplace(path);
        entry->second.insert(entry->second.end(), files.begin(), files.end());
        if (!added) {
            return;
        }
        for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
            ++folders[path.substr(0, slash + 1)];
        }
    }

    void remove(const std::string& path) {
        if (paths.erase(path) == 0) {
            return;
        }
        for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
            const auto folder = folders.find(path.substr(0, slash + 1));
            if (--folder->second == 0) {
                folders.erase(folder);
            }
        }
    }
};

git::TreePtr subtree(git_repository* repository, const git_tree_entry* entry) {
    if (entry == nullptr || git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
        return nullptr;
    }
    return git::tree_by_id(repository, *git_tree_entry_id(entry));
}

/// The followed paths whose entry in `now` is absent from `before` (null: an empty tree) or
/// has another id there, below `prefix`. Only folders whose ids differ and that hold a
/// followed path are entered, so a commit costs the folders it touched, not the whole tree.
/// A superset of what CommitStep::changed accepts: entries of unsorted trees that are not
/// matched count as different.
void changed_followed(git_repository* repository, git_tree* now, git_tree* before, std::string& prefix,
                      const Followed& followed, std::vector<std::string>& found) {
    const std::size_t count = git_tree_entrycount(now);
    const std::size_t before_count = before != nullptr ? git_tree_entrycount(before) : 0;
    std::size_t j = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(now, i);
        const git_tree_entry* match = nullptr;
        while (j < before_count) {
            const git_tree_entry* other = git_tree_entry_byindex(before, j);
            const int order = git_tree_entry_cmp(other, entry);
            if (order < 0) {
                ++j;
                continue;
            }
            if (order == 0) {
                match = other;
            }
            break;
        }
        if (match != nullptr && git_oid_equal(git_tree_entry_id(entry), git_tree_entry_id(match))) {
            continue;
        }
        const std::size_t length = prefix.size();
        prefix += git_tree_entry_name(entry);
        if (followed.paths.contains(prefix)) {
            found.push_back(prefix);
        }
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
            prefix += '/';
            if (followed.folders.contains(prefix)) {
                if (const git::TreePtr inner = subtree(repository, entry)) {
                    const git::TreePtr inner_before = subtree(repository, match);
                    changed_followed(repository, inner.get(), inner_before.get(), prefix, followed, found);
                }
            }
        }
        prefix.resize(length);
    }
}

/// True for a path the shared walk can follow by its tree entries: relative, '/'-separated,
/// no empty, "." or ".." part. Other paths are walked one by one.
bool plain_path(const std::string& path) {
    if (path.empty()) {
        return false;
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view part(path.data() + start, end - start);
        if (part.empty() || part == "." || part == "..") {
            return false;
        }
        start = end + 1;
    }
    return true;
}

bool is_known(const std::array<unsigned char, 20>& id) {
    return std::any_of(id.begin(), id.end(), [](unsigned char byte) { return byte != 0; });
}

/// A tree whose id a walk recorded in a CommitInfo.
git::TreePtr recorded_tree(git_repository* repository, const std::array<unsigned char, 20>& id) {
    git_oid oid;
    std::memcpy(oid.id, id.data(), id.size());
    return git::tree_by_id(repository, oid);
}

} // namespace

void Repo::walk_file_history(const std::string& path, const std::vector<CommitInfo>& commits,
                             const std::function<bool(const FileRevision&)>& visit, HistoryEnd end) const {
    git_repository* repository = m_handle->repository.get();
    std::string current = path;
    std::string older;
    // Newest first along first parents and merges alike; a rename switches the path
    // followed for the older commits.
    for (const CommitInfo& info : commits) {
        git_oid oid;
        git_oid_fromstr(&oid, info.sha.c_str());
        git::CommitPtr commit = git::commit_by_id(repository, oid);
        if (!commit) {
            continue;
        }
        CommitStep step(repository, std::move(commit));
        bool added = false;
        if (!step.changed(current, older, added)) {
            continue;
        }
        if (!visit(FileRevision{info, current}) || (added && end == HistoryEnd::addition)) {
            return;
        }
        current = older;
    }
}

std::vector<std::vector<FileRevision>> Repo::file_histories(const std::vector<CommitInfo>& commits,
                                                            const std::vector<std::string>& paths,
                                                            HistoryEnd end) const {
    git_repository* repository = m_handle->repository.get();
    std::vector<std::vector<FileRevision>> histories(paths.size());
    Followed followed;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (plain_path(paths[i])) {
            followed.add(paths[i], {i});
        } else {
            histories[i] = file_history_in(commits, paths[i], end);
        }
    }
    // The trees of each commit and its first parent come from the walk: a commit is read
    // only when a followed path changed in it (merges and renames are judged on it then).
    std::vector<std::string> found;
    std::vector<std::pair<std::string, std::string>> renames;
    std::vector<std::string> ended;
    std::string prefix;
    std::string older;
    for (const CommitInfo& info : commits) {
        if (followed.paths.empty()) {
            break;
        }
        git_oid oid;
        if (git_oid_fromstrn(&oid, info.sha.c_str(), info.sha.size()) != 0) {
            continue;
        }
        std::optional<CommitStep> step;
        git::TreePtr tree;
        git::TreePtr parent_tree;
        if (is_known(info.tree) && is_known(info.parent_tree)) {
            if (info.tree == info.parent_tree) {
                continue; // the same tree as its first parent: changed_followed would find nothing
            }
            tree = recorded_tree(repository, info.tree);
            parent_tree = recorded_tree(repository, info.parent_tree);
        } else {
            // A root commit, or a list made otherwise than by a walk: read the commits.
            git::CommitPtr commit = git::commit_by_id(repository, oid);
            if (!commit) {
                continue;
            }
            step.emplace(repository, std::move(commit));
            bool parent_missing = false;
            git_commit* parent = step->first_parent(parent_missing);
            if (parent_missing) {
                continue; // beyond a shallow boundary: CommitStep::changed says no for every path
            }
            if (parent != nullptr &&
                git_oid_equal(git_commit_tree_id(step->commit()), git_commit_tree_id(parent)) != 0) {
                continue;
            }
            tree = git::tree_of(step->commit());
            parent_tree = parent != nullptr ? git::tree_of(parent) : nullptr;
        }
        if (!tree) {
            continue;
        }
        found.clear();
        prefix.clear();
        changed_followed(repository, tree.get(), parent_tree.get(), prefix, followed, found);
        if (found.empty()) {
            continue;
        }
        if (!step) {
            git::CommitPtr commit = git::commit_by_id(repository, oid);
            if (!commit) {
                continue;
            }
            step.emplace(repository, std::move(commit));
        }
        renames.clear();
        ended.clear();
        for (const std::string& path : found) {
            bool added = false;
            if (!step->changed(path, older, added)) {
                continue;
            }
            for (const std::size_t file : followed.paths.at(path)) {
                histories[file].push_back(FileRevision{info, path});
            }
            if (older != path) {
                renames.emplace_back(path, older);
            } else if (added && end == HistoryEnd::addition) {
                ended.push_back(path);
            }
        }
        // Every path is judged against this commit before any follows its older name.
        std::vector<std::pair<std::string, std::vector<std::size_t>>> moved;
        for (const auto& [path, before] : renames) {
            moved.emplace_back(before, followed.paths.at(path));
            followed.remove(path);
        }
        for (const std::string& path : ended) {
            followed.remove(path); // the walk ends when no path is left
        }
        for (const auto& [before, files] : moved) {
            followed.add(before, files);
        }
    }
    return histories;
}

std::vector<FileRevision> Repo::file_history(const std::string& path) const {
    return file_history_in(commits_from_head(), path);
}

std::vector<FileRevision> Repo::file_history_in(const std::vector<CommitInfo>& history, const std::string& path,
                                                HistoryEnd end) const {
    std::vector<FileRevision> revisions;
    walk_file_history(
        path, history,
        [&](const FileRevision& revision) {
            revisions.push_back(revision);
            return true;
        },
        end);
    return revisions;
}

} // namespace cswm
