// Walking commits: what a Repo knows of history, trailers aside.

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

git::CommitPtr lookup(git_repository* repository, const git_oid& oid) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repository, &oid) != 0) {
        return nullptr;
    }
    return git::CommitPtr(raw);
}

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
    /// the path the file had before the commit: another when the commit renamed it.
    bool changed(const std::string& path, std::string& older) {
        older = path;
        const std::optional<git_oid> here = blob_at(m_commit.get(), path);
        if (!here) {
            return false;
        }
        read_parents();
        bool unchanged = false;
        for (const git::CommitPtr& parent : m_parents) {
            if (parent) {
                const std::optional<git_oid> blob = blob_at(parent.get(), path);
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
            m_parents.push_back(lookup(m_repository, *git_commit_parent_id(m_commit.get(), i)));
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
    git_tree* raw = nullptr;
    if (entry == nullptr || git_tree_entry_type(entry) != GIT_OBJECT_TREE ||
        git_tree_lookup(&raw, repository, git_tree_entry_id(entry)) != 0) {
        return nullptr;
    }
    return git::TreePtr(raw);
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

git::TreePtr tree_by_id(git_repository* repository, const std::array<unsigned char, 20>& id) {
    git_oid oid;
    std::memcpy(oid.id, id.data(), id.size());
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, repository, &oid) != 0) {
        return nullptr;
    }
    return git::TreePtr(raw);
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
        const git::CommitPtr found = lookup(m_handle->repository.get(), oid);
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

void Repo::walk_file_history(const std::string& path, const std::vector<CommitInfo>& commits,
                             const std::function<bool(const FileRevision&)>& visit) const {
    git_repository* repository = m_handle->repository.get();
    std::string current = path;
    std::string older;
    // Newest first along first parents and merges alike; a rename switches the path
    // followed for the older commits.
    for (const CommitInfo& info : commits) {
        git_oid oid;
        git_oid_fromstr(&oid, info.sha.c_str());
        git::CommitPtr commit = lookup(repository, oid);
        if (!commit) {
            continue;
        }
        CommitStep step(repository, std::move(commit));
        if (!step.changed(current, older)) {
            continue;
        }
        if (!visit(FileRevision{info, current})) {
            return;
        }
        current = older;
    }
}

std::vector<std::vector<FileRevision>> Repo::file_histories(const std::vector<CommitInfo>& commits,
                                                            const std::vector<std::string>& paths) const {
    git_repository* repository = m_handle->repository.get();
    std::vector<std::vector<FileRevision>> histories(paths.size());
    Followed followed;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (plain_path(paths[i])) {
            followed.add(paths[i], {i});
        } else {
            histories[i] = file_history_in(commits, paths[i]);
        }
    }
    // The trees of each commit and its first parent come from the walk: a commit is read
    // only when a followed path changed in it (merges and renames are judged on it then).
    std::vector<std::string> found;
    std::vector<std::pair<std::string, std::string>> renames;
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
            tree = tree_by_id(repository, info.tree);
            parent_tree = tree_by_id(repository, info.parent_tree);
        } else {
            // A root commit, or a list made otherwise than by a walk: read the commits.
            git::CommitPtr commit = lookup(repository, oid);
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
            git::CommitPtr commit = lookup(repository, oid);
            if (!commit) {
                continue;
            }
            step.emplace(repository, std::move(commit));
        }
        renames.clear();
        for (const std::string& path : found) {
            if (!step->changed(path, older)) {
                continue;
            }
            for (const std::size_t file : followed.paths.at(path)) {
                histories[file].push_back(FileRevision{info, path});
            }
            if (older != path) {
                renames.emplace_back(path, older);
            }
        }
        // Every path is judged against this commit before any follows its older name.
        std::vector<std::pair<std::string, std::vector<std::size_t>>> moved;
        for (const auto& [path, before] : renames) {
            moved.emplace_back(before, followed.paths.at(path));
            followed.remove(path);
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

std::vector<FileRevision> Repo::file_history_in(const std::vector<CommitInfo>& history, const std::string& path) const {
    std::vector<FileRevision> revisions;
    walk_file_history(path, history, [&](const FileRevision& revision) {
        revisions.push_back(revision);
        return true;
    });
    return revisions;
}

std::optional<std::string> Repo::file_at(const std::string& sha, const std::string& path, std::size_t max_bytes) const {
    const std::optional<git_oid> oid = is_full_sha(sha) ? git::parse_full_oid(sha) : std::nullopt;
    if (!oid) {
        return std::nullopt;
    }
    git_repository* repository = m_handle->repository.get();
    const git::CommitPtr commit = lookup(repository, *oid);
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
