#include "lib/git/repo.hpp"

#include "lib/git/handles.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <regex>
#include <string_view>

namespace cswm {

namespace git {
namespace {
constexpr std::size_t k_cached_tree_limit = 16U << 20U;
constexpr std::size_t k_cached_commit_limit = 4096; // libgit2's default
constexpr std::size_t k_pack_window = 4U << 20U;
constexpr std::size_t k_pack_windows_mapped = 16U << 20U;
} // namespace

void ensure_initialised() {
    static const struct Init {
        Init() {
            git_libgit2_init();
            // libgit2 caches trees of at most 4 KB. A kind's folder of 5,000 documents is a
            // 250 KB tree that the history rules read again for every file they look up in
            // a commit (check at N = 50,000: 35 s, 11 s with the cache); the cache's total
            // stays bounded by its default 256 MB.
            git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, k_cached_tree_limit);
            // git hashes an object again only in fsck, not on every read as libgit2 does by
            // default: that was 5 % of a cold check's CPU (50,000 commits and their trees).
            git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
            // A walk reads each commit once, and CommitInfo keeps what is read again (its
            // tree): a cache of every commit (40 MB at 50,000) would serve nothing.
            git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, 0);
            // libgit2 maps a pack in windows of 1 GB on 64-bit systems: the whole pack, whose
            // pages then count in the resident memory as they are read (check at N = 10,000:
            // 14 MB of its 296). Windows of 4 MB, at most 16 MB mapped, cost no measurable time.
            git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, k_pack_window);
            git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, k_pack_windows_mapped);
        }
        ~Init() { git_libgit2_shutdown(); }
    } init;
}
} // namespace git

void Repo::keep_commits_cached() {
    git::ensure_initialised();
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, git::k_cached_commit_limit);
}

namespace {

fs::path without_trailing_slash(const char* path) {
    std::string text(path);
    while (text.size() > 1 && text.back() == '/') {
        text.pop_back();
    }
    return fs::path(text);
}

const char* object_type_name(git_object_t type) {
    switch (type) {
    case GIT_OBJECT_TREE:
        return "tree";
    case GIT_OBJECT_BLOB:
        return "blob";
    case GIT_OBJECT_TAG:
        return "tag";
    case GIT_OBJECT_COMMIT:
        return "commit";
    default:
        return "object";
    }
}

} // namespace

Repo::Repo(std::unique_ptr<Handle> handle) : m_handle(std::move(handle)) {
}
Repo::~Repo() = default;
Repo::Repo(Repo&&) noexcept = default;
Repo& Repo::operator=(Repo&&) noexcept = default;

std::optional<Repo> Repo::discover_if_any(const fs::path& start) {
    git::ensure_initialised();
    git_repository* raw = nullptr;
    const int status = git_repository_open_ext(&raw, start.c_str(), 0, nullptr);
    auto handle = std::make_unique<Handle>();
    handle->repository.reset(raw);
    if (status != 0) {
        const std::string message = git::last_error();
        // libgit2 reports a repository owned by someone else as a missing config value.
        if (message.find("safe.directory") != std::string::npos || message.find("owner") != std::string::npos) {
            throw Error(tr("git.dubious-ownership", fmt::arg("folder", start.string())));
        }
        if (status == GIT_ENOTFOUND) {
            return std::nullopt;
        }
        throw Error(tr("git.cannot-open", fmt::arg("folder", start.string()), fmt::arg("reason", message)));
    }
    if (git_repository_is_bare(handle->repository.get()) != 0) {
        throw Error(tr("git.bare"));
    }
    Repo repo(std::move(handle));
    repo.m_workdir = without_trailing_slash(git_repository_workdir(repo.m_handle->repository.get()));
    repo.m_git_dir = without_trailing_slash(git_repository_path(repo.m_handle->repository.get()));
    return repo;
}

Repo Repo::discover(const fs::path& start) {
    std::optional<Repo> repo = discover_if_any(start);
    if (!repo) {
        throw Error(tr("git.not-a-repository", fmt::arg("folder", start.string())));
    }
    return std::move(*repo);
}

std::optional<std::string> Repo::config_string(const std::string& name) const {
    git_config* raw = nullptr;
    if (git_repository_config_snapshot(&raw, m_handle->repository.get()) != 0) {
        return std::nullopt;
    }
    const git::ConfigPtr config(raw);
    const char* value = nullptr;
    if (git_config_get_string(&value, config.get(), name.c_str()) == 0 && value != nullptr) {
        return std::string(value);
    }
    return std::nullopt;
}

bool Repo::has_commits() const {
    return git_repository_head_unborn(m_handle->repository.get()) == 0 &&
           git_repository_is_empty(m_handle->repository.get()) == 0;
}

bool Repo::is_shallow() const {
    return git_repository_is_shallow(m_handle->repository.get()) == 1;
}

std::string Repo::resolve_commit(const std::string& revision) const {
    git_repository* repository = m_handle->repository.get();
    const std::string shown = printable(revision, 80);
    if (revision.empty()) {
        throw Error(tr("git.empty-revision"));
    }
    git_object* raw = nullptr;
    int status = GIT_ENOTFOUND;
    // A hex prefix is looked up as an object first, so that a branch named like a SHA
    // cannot shadow it; names (branches, tags, HEAD~2) go through revparse.
    static const std::regex hex("[0-9a-fA-F]{4,40}");
    if (std::regex_match(revision, hex)) {
        git_oid oid;
        if (git_oid_fromstrn(&oid, revision.c_str(), revision.size()) == 0) {
            status = git_object_lookup_prefix(&raw, repository, &oid, revision.size(), GIT_OBJECT_ANY);
        }
        if (status == GIT_EAMBIGUOUS) {
            throw Error(tr("git.ambiguous-prefix", fmt::arg("revision", shown)));
        }
    }
    if (status != 0) {
        status = git_revparse_single(&raw, repository, revision.c_str());
    }
    if (status == GIT_EAMBIGUOUS) {
        throw Error(tr("git.ambiguous", fmt::arg("revision", shown)));
    }
    if (status != 0) {
        if (!has_commits()) {
            throw Error(tr("git.no-commits-yet", fmt::arg("revision", shown)));
        }
        throw Error(tr("git.unknown-revision", fmt::arg("revision", shown)));
    }
    const git::ObjectPtr object(raw);
    git_object* peeled_raw = nullptr;
    const git_object_t type = git_object_type(object.get());
    if (type == GIT_OBJECT_TREE || type == GIT_OBJECT_BLOB ||
        git_object_peel(&peeled_raw, object.get(), GIT_OBJECT_COMMIT) != 0) {
        throw Error(tr("git.not-a-commit", fmt::arg("revision", shown), fmt::arg("type", object_type_name(type))));
    }
    const git::ObjectPtr peeled(peeled_raw);
    return git_oid_tostr_s(git_object_id(peeled.get()));
}

ObjectState Repo::object_state(const std::string& sha, std::string* type) const {
    git_oid oid;
    if (git_oid_fromstrn(&oid, sha.c_str(), sha.size()) != 0) {
        return ObjectState::missing;
    }
    // The object's header says its type: no need to inflate and parse the whole object
    // (check asks for every SHA the documents record, 4,444 at N = 10,000).
    git_odb* odb_raw = nullptr;
    std::size_t size = 0;
    git_object_t found = GIT_OBJECT_INVALID;
    if (git_repository_odb(&odb_raw, m_handle->repository.get()) != 0) {
        return ObjectState::missing;
    }
    const git::OdbPtr odb(odb_raw);
    if (git_odb_read_header(&size, &found, odb.get(), &oid) != 0) {
        return is_shallow() ? ObjectState::beyond_shallow : ObjectState::missing;
    }
    if (found == GIT_OBJECT_COMMIT) {
        return ObjectState::commit;
    }
    if (type != nullptr) {
        *type = object_type_name(found);
    }
    return ObjectState::not_commit;
}

bool Repo::has_object(const std::string& sha) const {
    git_oid oid;
    if (git_oid_fromstrn(&oid, sha.c_str(), sha.size()) != 0) {
        return false;
    }
    git_odb* odb_raw = nullptr;
    if (git_repository_odb(&odb_raw, m_handle->repository.get()) != 0) {
        return false;
    }
    const git::OdbPtr odb(odb_raw);
    return git_odb_exists(odb.get(), &oid) == 1;
}

bool Repo::contains(const std::string& descendant, const std::string& ancestor) const {
    if (descendant == ancestor) {
        return true;
    }
    git_oid child;
    git_oid parent;
    if (git_oid_fromstr(&child, descendant.c_str()) != 0 || git_oid_fromstr(&parent, ancestor.c_str()) != 0) {
        return false;
    }
    return git_graph_descendant_of(m_handle->repository.get(), &child, &parent) == 1;
}

fs::path Repo::hooks_dir() const {
    if (const auto configured = config_string("core.hooksPath"); configured && !configured->empty()) {
        fs::path path(*configured);
        if (path.string().starts_with("~/")) {
            if (const char* home = std::getenv("HOME")) {
                path = fs::path(home) / path.string().substr(2);
            }
        }
        return path.is_absolute() ? path : m_workdir / path;
    }
    // A linked worktree runs the hooks of the repository it belongs to ($GIT_COMMON_DIR).
    return without_trailing_slash(git_repository_commondir(m_handle->repository.get())) / "hooks";
}

std::vector<Trailer> parse_trailers(const std::string& message) {
    // git's rules: the trailers are the last paragraph of the message (comment lines and
    // a scissors line's diff aside), each line `Key: value`, a line that starts with white
    // space continuing the one before. A last paragraph with any other line holds none.
    // (libgit2's parser drops tab continuations and lets an empty value swallow the next
    // trailer, so cswm reads them itself.)
    std::vector<std::string> lines;
    std::size_t start = 0;
    const std::string_view text(message.data(), std::min(message.find('\0'), message.size()));
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.starts_with("# ------------------------ >8 ------------------------")) {
            break;
        }
        if (!line.starts_with("#")) {
            lines.emplace_back(line);
        }
        start = end + 1;
    }
    auto blank = [](const std::string& line) { return line.find_first_not_of(" \t") == std::string::npos; };
    while (!lines.empty() && blank(lines.back())) {
        lines.pop_back();
    }
    std::size_t first = lines.size();
    while (first > 0 && !blank(lines[first - 1])) {
        --first;
    }
    if (first == 0) {
        return {}; // a message of one paragraph is all subject and body
    }
    // Each line is a trailer (`Key: value`, white space allowed before the colon), a
    // continuation (leading white space), or prose. Prose makes the paragraph no trailer
    // block, unless a git-generated trailer is there and trailers are a quarter of it.
    std::vector<Trailer> trailers;
    std::size_t prose = 0;
    bool generated = false;
    bool after_trailer = false;
    for (std::size_t i = first; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if ((line.front() == ' ' || line.front() == '\t') && after_trailer) {
            const std::size_t content = line.find_first_not_of(" \t");
            std::string& value = trailers.back().value;
            value += (value.empty() ? "" : " ") + line.substr(content);
            continue;
        }
        std::size_t key_end = 0;
        while (key_end < line.size() &&
               (std::isalnum(static_cast<unsigned char>(line[key_end])) != 0 || line[key_end] == '-')) {
            ++key_end;
        }
        std::size_t colon = key_end;
        while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t')) {
            ++colon;
        }
        if (key_end == 0 || colon >= line.size() || line[colon] != ':') {
            ++prose;
            after_trailer = false;
            generated = generated || line.starts_with("(cherry picked from commit ");
            continue;
        }
        const std::size_t value = line.find_first_not_of(" \t", colon + 1);
        trailers.push_back({line.substr(0, key_end), value == std::string::npos ? "" : line.substr(value)});
        generated = generated || trailers.back().key == "Signed-off-by";
        after_trailer = true;
    }
    const std::size_t total = lines.size() - first;
    if (prose > 0 && !(generated && trailers.size() * 4 >= total)) {
        return {};
    }
    return trailers;
}

bool is_full_sha(const std::string& text) {
    return text.size() == 40 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

} // namespace cswm
