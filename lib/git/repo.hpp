#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

/// A `Key: value` line of a commit message's trailer block.
struct Trailer {
    std::string key;
    std::string value;
};

/// One commit, its text made safe to print (control bytes escaped, summary bounded).
struct CommitInfo {
    std::string sha; ///< full 40-hex
    std::string author;
    std::string email;
    long long time = 0;               ///< author time, seconds since 1970
    int offset_minutes = 0;           ///< author's time zone
    long long commit_time = 0;        ///< committer time
    std::string summary;              ///< first line
    std::string message;              ///< whole message, bounded
    std::vector<std::string> parents; ///< full SHAs
    std::vector<Trailer> trailers;    ///< read from the whole message, however long
    /// The commit's tree, binary, when read from the repository (all zero when not), and
    /// its first parent's when a walk read that parent too (all zero for a root commit or
    /// a parent it did not reach): what file histories compare, without reading either
    /// commit again.
    std::array<unsigned char, 20> tree{};
    std::array<unsigned char, 20> parent_tree{};
};

/// What a SHA stored in a document names.
enum class ObjectState {
    commit,         ///< a commit of this repository
    missing,        ///< no such object
    not_commit,     ///< a tree, blob or tag that is not a commit
    beyond_shallow, ///< absent, but the clone is shallow: it may be behind the boundary
};

/// A revision of one file: the commit that changed it, and its path in that commit.
struct FileRevision {
    CommitInfo commit;
    std::string path;
};

/// One file of a commit's tree, as git stores it (nothing read from the working tree).
struct TreeFile {
    enum class Type { file, executable, symlink, submodule };
    std::string path; ///< '/'-separated, relative to the tree's top; raw bytes of the names
    std::string blob; ///< full SHA of the blob (of the commit, for a submodule)
    Type type = Type::file;
};

/// What changed in one commit against its first parent (the empty tree for a root commit).
struct CommitChanges {
    std::vector<std::string> files; ///< paths added, modified, deleted or renamed (new and old), sorted
    std::string patch;              ///< unified diff as `git show --format=` prints it; empty unless asked
};

/// A git repository, opened through libgit2. The only type in cswm that knows libgit2.
class Repo {
public:
    /// Finds the repository that holds `start`, as git does (walking up). Throws Error
    /// (exit 2) with a clear message: not a repository, dubious ownership, bare.
    static Repo discover(const fs::path& start);
    /// Like discover, but nullopt when `start` is in no repository at all.
    static std::optional<Repo> discover_if_any(const fs::path& start);

    /// From now on, in this process, libgit2 keeps the commits it reads in its cache, as it
    /// does by default. cswm does not: check reads each commit once and keeps what it reads
    /// again. A bundle's pages read the same commits again and again (N = 50,000: 60 s with
    /// the cache, 64 s without).
    static void keep_commits_cached();

    ~Repo();
    Repo(Repo&&) noexcept;
    Repo& operator=(Repo&&) noexcept;

    /// The working tree's top folder.
    const fs::path& workdir() const { return m_workdir; }
    /// The .git folder (for worktrees, the worktree's own).
    const fs::path& git_dir() const { return m_git_dir; }

    /// A configuration value such as user.name, when set.
    std::optional<std::string> config_string(const std::string& name) const;

    bool has_commits() const;
    bool is_shallow() const;

    /// The full SHA of the commit a revision names: a full or short SHA, a branch, a tag,
    /// HEAD~2. Throws Error (exit 2) telling absent, ambiguous and not-a-commit apart.
    std::string resolve_commit(const std::string& revision) const;

    /// What a full SHA names here; `type` receives "tree", "blob"… for not_commit.
    ObjectState object_state(const std::string& sha, std::string* type = nullptr) const;

    /// True when the object is in the repository: its pack index or loose file says so,
    /// without reading the object (object_state reads its header from the pack).
    bool has_object(const std::string& sha) const;

    /// The commit, or nullopt when absent or not a commit.
    std::optional<CommitInfo> commit(const std::string& sha) const;

    /// Every commit reachable from HEAD, walking parents (a missing parent, as in a
    /// shallow clone, ends that line). Empty when there are no commits.
    std::vector<CommitInfo> commits_from_head() const;

    /// The commits of a range, newest first: `A..B` (reachable from B and not from A; an
    /// empty side means HEAD), or one revision alone (that commit). Parents are walked by
    /// hand, so a shallow clone's boundary ends the walk. Throws Error (exit 2) for a bad
    /// range, naming the revision that is wrong.
    std::vector<CommitInfo> commits_in_range(const std::string& range) const;

    /// Paths (relative, '/') a commit changed: against its parent; for a merge, the paths
    /// that differ from every parent; for a root commit, every file. A rename gives both
    /// paths. Empty when the parents are beyond a shallow clone's boundary.
    std::vector<std::string> changed_paths(const std::string& sha) const;

    /// The commits of commits_from_head in the same order, with only `sha` and
    /// `commit_time` filled in: for walks that need the order, not the messages.
    std::vector<CommitInfo> commit_order_from_head() const;

    /// True when `descendant` is `ancestor` or descends from it.
    bool contains(const std::string& descendant, const std::string& ancestor) const;

    /// The commits that changed the file at `path` (relative to the working tree), newest
    /// first, following renames.
    std::vector<FileRevision> file_history(const std::string& path) const;

    /// Where a file's history ends: at the root, as `git log --follow` (older files that
    /// had its path included), or at the commit that added it: none of its parents had the
    /// file and it was no rename (what came before was another file, or none).
    enum class HistoryEnd { root, addition };

    /// What file_history finds, over `commits` as commits_from_head returns them (so that
    /// several files share one walk), handed to `visit` newest first until it returns false
    /// (or, with HistoryEnd::addition, after the commit that added the file).
    void walk_file_history(const std::string& path, const std::vector<CommitInfo>& commits,
                           const std::function<bool(const FileRevision&)>& visit,
                           HistoryEnd end = HistoryEnd::root) const;

    /// file_history_in for many paths in one walk over `commits`: element i equals
    /// file_history_in(commits, paths[i], end). Each commit's tree is compared with its first
    /// parent's once, entering only folders that changed and hold a followed path, so the
    /// cost grows with the commits and what they touched, not with commits × paths. With
    /// HistoryEnd::addition the walk ends once every file's addition is met: the history
    /// before the files existed is not read.
    std::vector<std::vector<FileRevision>> file_histories(const std::vector<CommitInfo>& commits,
                                                          const std::vector<std::string>& paths,
                                                          HistoryEnd end = HistoryEnd::root) const;

    /// The bytes of the file at `path` (relative, '/') in commit `sha`: nullopt when the
    /// commit or the file is not there, it is no regular file, or it is over `max_bytes`.
    std::optional<std::string> file_at(const std::string& sha, const std::string& path, std::size_t max_bytes) const;

    /// How a file of the working tree stands against HEAD.
    enum class FileState { changed, untracked, ignored };
    /// Paths (relative, '/') of files that differ from HEAD, are untracked or are ignored.
    std::unordered_map<std::string, FileState> uncommitted_paths() const;

    /// commits_from (HEAD when `tip` is empty), each with only what check's rules read:
    /// `sha`, `commit_time`, `parents`, `trailers` and `summary` (no message, no author).
    std::vector<CommitInfo> commit_links_from(const std::string& tip) const;

    /// Every commit reachable from the commit `sha`, walking parents as commits_from_head.
    std::vector<CommitInfo> commits_from(const std::string& sha) const;

    /// file_history over the commits of `history` (newest first, as commits_from gives
    /// them): the history of a file as of another revision than HEAD.
    std::vector<FileRevision> file_history_in(const std::vector<CommitInfo>& history, const std::string& path,
                                              HistoryEnd end = HistoryEnd::root) const;

    /// The files of the commit's tree under `folder` ('/'-separated, "" for all), sorted
    /// bytewise by path; symlinks and submodules are listed, never followed.
    std::vector<TreeFile> tree_files(const std::string& commit_sha, const std::string& folder) const;

    /// The first folder on the path `folder` that the commit's tree holds as a symbolic link:
    /// its path and the link's text; nullopt when every existing part is a real folder.
    std::optional<std::pair<std::string, std::string>> link_on_path(const std::string& commit_sha,
                                                                    const std::string& folder) const;

    /// The bytes of a blob; nullopt when absent or larger than `max_bytes` (`size` receives
    /// its size whenever the blob exists).
    std::optional<std::string> blob_content(const std::string& blob_sha, std::size_t max_bytes,
                                            std::size_t* size = nullptr) const;

    /// The id git gives `bytes` as a blob (what `git hash-object` prints), whether stored
    /// or not.
    static std::string blob_id_of(std::string_view bytes);

    /// The blob SHA of `path` in the commit's tree, when it is a file there.
    std::optional<std::string> blob_at_path(const std::string& commit_sha, const std::string& path) const;

    /// The files a commit changed, and with `with_patch` its patch text.
    CommitChanges commit_changes(const std::string& sha, bool with_patch) const;

    /// Where commit hooks live: core.hooksPath when set, else .git/hooks.
    fs::path hooks_dir() const;

private:
    /// HEAD's full SHA, or "" with no commits or an unborn HEAD.
    std::string head_sha() const;
    /// Every commit reachable from `tip`, newest first; `level` says how much of each is
    /// read (history.cpp's Detail: the order, what check reads, everything).
    std::vector<CommitInfo> walk_from(const std::string& tip, int level) const;
    struct Handle;
    explicit Repo(std::unique_ptr<Handle> handle);
    std::unique_ptr<Handle> m_handle;
    fs::path m_workdir;
    fs::path m_git_dir;
};

/// The trailers of a commit message, by git's rules (the last paragraph of `Key: value`
/// lines, continuation lines joined); keys as written.
std::vector<Trailer> parse_trailers(const std::string& message);

/// True for a full, lower-case 40-hex SHA-1.
bool is_full_sha(const std::string& text);

} // namespace cswm
