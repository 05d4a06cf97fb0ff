#include "lib/check/checker.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/check/git_rules.hpp"
#include "lib/check/rules.hpp"
#include "lib/schema/exported.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/parallel.hpp"
#include "lib/workspace/journal.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <future>
#include <iterator>
#include <set>
#include <unordered_map>

namespace cswm {

namespace {

/// check_documents, with the findings of single documents known already (`known[i]`, when
/// set, holds what reading documents[i] and its own rules found: the cache's) and those
/// computed kept in `computed` (when not null) for the cache to store.
Findings check_documents_reusing(const std::vector<Document>& documents, const Catalog& catalog,
                                 std::string_view documents_root, const std::vector<const Findings*>& known,
                                 std::vector<Findings>* computed) {
    // The rules of one document (its schema above all) need nothing of the others: run
    // them on every core, each into its own list, joined in document order.
    std::vector<Findings> per_document(documents.size());
    parallel_for(documents.size(), [&](std::size_t i) {
        if (i < known.size() && known[i] != nullptr) {
            per_document[i] = *known[i];
            return;
        }
        const Document& document = documents[i];
        per_document[i] = document.findings;
        rules::check_document(document, catalog, documents_root, per_document[i]);
    });
    if (computed != nullptr) {
        *computed = per_document;
    }
    Findings findings;
    for (Findings& each : per_document) {
        std::move(each.begin(), each.end(), std::back_inserter(findings));
    }
    rules::check_tree(documents, catalog, findings);
    rules::check_semantics(documents, findings);
    sort_findings(findings);
    return findings;
}

/// Every rule's findings over the whole tree, after .cswm.yaml's severities and waivers:
/// what a run computes before `check PATH` selects, and what the cache stores.
struct WholeTree {
    Findings findings;
    WaivedFindings waived;
    std::vector<std::string> notes;
    std::shared_ptr<const std::vector<Document>> documents; ///< what was read, when anything was
};

WholeTree check_whole_tree(const Workspace& workspace, const std::vector<Document>& documents, bool require_committed,
                           const std::vector<const Findings*>& known = {}, std::vector<Findings>* computed = nullptr,
                           std::future<std::vector<CommitInfo>>* history = nullptr) {
    WholeTree whole;
    // The git rules read the documents and the repository and nothing the other rules
    // touch (no other rule reads a git object): they run on a thread of their own beside
    // them, starting with the wait for the history walk when it is still under way.
    const Repo* repo = workspace.repo();
    std::future<Findings> git_findings;
    if (repo != nullptr) {
        const rules::GitPolicy policy{workspace.config().reviewed_fix_commits, require_committed, {}};
        git_findings = std::async(std::launch::async, [&documents, repo, policy, history] {
            Findings found;
            if (history != nullptr && history->valid()) {
                rules::check_git(documents, *repo, policy, history->get(), found);
            } else {
                rules::check_git(documents, *repo, policy, found);
            }
            return found;
        });
    }
    whole.findings = check_documents_reusing(documents, workspace.catalog(), workspace.config().root, known, computed);
    rules::check_chain(documents, {workspace.config().log_review_days, today_iso()}, whole.findings);
    rules::check_editor_schemas(documents, workspace.catalog(), workspace.root(), whole.findings);
    if (repo != nullptr) {
        Findings found = git_findings.get();
        std::move(found.begin(), found.end(), std::back_inserter(whole.findings));
        sort_findings(whole.findings);
    } else {
        whole.notes.push_back(tr("check.note-no-git"));
    }
    // Severities and waivers of .cswm.yaml, once every rule has run over the whole tree.
    whole.waived = apply_rule_settings(workspace.config(), documents, today_iso(), whole.findings);
    return whole;
}

void collect_shas(const nlohmann::json& value, std::set<std::string>& out) {
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        if (is_full_sha(text)) {
            out.insert(text);
        }
    } else if (value.is_structured()) {
        for (const nlohmann::json& each : value) {
            collect_shas(each, out);
        }
    }
}

/// The state of every full SHA the documents record: the git rules' findings follow from
/// these and from HEAD's history, so a stored result holds while none of them changed.
std::vector<std::pair<std::string, int>> recorded_objects(const std::vector<Document>& documents, const Repo& repo) {
    std::set<std::string> shas;
    for (const Document& document : documents) {
        if (document.parsed()) {
            collect_shas(document.data(), shas);
        }
    }
    std::vector<std::pair<std::string, int>> objects;
    objects.reserve(shas.size());
    for (const std::string& sha : shas) {
        objects.emplace_back(sha, static_cast<int>(repo.object_state(sha)));
    }
    return objects;
}

bool objects_unchanged(const std::vector<std::pair<std::string, int>>& objects, const Repo& repo) {
    return std::all_of(objects.begin(), objects.end(), [&](const auto& object) {
        return static_cast<int>(repo.object_state(object.first)) == object.second;
    });
}

/// The commits where a shallow clone's history ends (`shallow` in the common git folder,
/// which a linked worktree names in `commondir`): `git fetch --deepen` moves them, and with
/// them the history the git rules walk, without moving HEAD.
std::string shallow_boundary(const fs::path& git_dir) {
    fs::path common = git_dir;
    const ReadResult pointer = read_regular_file(git_dir / "commondir", 4096);
    if (pointer.problem == ReadProblem::none) {
        std::string folder = pointer.content;
        while (!folder.empty() && (folder.back() == '\n' || folder.back() == '\r')) {
            folder.pop_back();
        }
        common = fs::path(folder).is_absolute() ? fs::path(folder) : (git_dir / folder).lexically_normal();
    }
    const ReadResult shallow = read_regular_file(common / "shallow", 1U << 26U);
    return fmt::format("shallow:{}:{}", static_cast<int>(shallow.problem), shallow.content);
}

/// A content hash, not a stand-in such as "special:…" for what could not be read.
bool is_content_key(const std::string& key) {
    return key.size() == 64 && key.find(':') == std::string::npos;
}

/// Sets CachedFile::digest of every entry of `next`: remembered for a file whose content
/// key is unchanged under the same .cswm.yaml and build (read_cache checked the build),
/// "key:" + key for what is not parsed (a folder, a FIFO, a file too large: the key says
/// all a load makes of it), and otherwise by loading the file — from the bytes read while
/// hashing it. Those loads are returned, by index, for a run that must check the tree.
/// A file whose key is unchanged but whose digest was never stored keeps an empty digest:
/// such a run misses and stores it.
std::vector<std::optional<Document>> digest_documents(const Workspace& workspace, const Workspace::Scan& found,
                                                      const std::optional<CacheData>& old, CacheData& next,
                                                      const std::vector<std::optional<ReadResult>>& read) {
    std::unordered_map<std::string_view, const CachedFile*> remembered;
    const bool same_config = old && old->config_key == next.config_key;
    if (same_config) {
        for (const CachedFile& entry : old->files) {
            remembered.emplace(entry.path, &entry);
        }
    }
    std::vector<std::optional<Document>> parsed(next.files.size());
    parallel_for(next.files.size(), [&](std::size_t i) {
        CachedFile& entry = next.files[i];
        if (!is_content_key(entry.key)) {
            entry.digest = "key:" + entry.key;
            return;
        }
        const auto before = remembered.find(entry.path);
        if (!read[i] && before != remembered.end() && before->second->key == entry.key) {
            entry.digest = before->second->digest;
            return;
        }
        if (read[i]) {
            parsed[i] = workspace.load_read(found.files[i], *read[i]);
            entry.digest = document_digest(*parsed[i]);
        }
    });
    return parsed;
}

/// The documents of the scan: those digest_documents loaded already, the others loaded now.
/// A document whose digest is known needs places only for its findings (on demand); one
/// without gets its digest, which covers every place, after the check.
std::vector<Document> load_rest(const Workspace& workspace, const Workspace::Scan& found,
                                const std::vector<std::optional<ReadResult>>& read,
                                std::vector<std::optional<Document>>& parsed, const std::vector<CachedFile>& files) {
    std::vector<Document> documents(found.files.size());
    parallel_for(found.files.size(), [&](std::size_t i) {
        const Places places = i < files.size() && !files[i].digest.empty() ? Places::on_demand : Places::record;
        if (i < parsed.size() && parsed[i]) {
            documents[i] = std::move(*parsed[i]);
        } else if (i < read.size() && read[i]) {
            documents[i] = workspace.load_read(found.files[i], *read[i], places);
        } else {
            documents[i] = workspace.load(found.files[i], places);
        }
    });
    return documents;
}

/// check_whole_tree through the cache under .git/cswm/: every input is fingerprinted (the
/// identity of this build and its catalogue, .cswm.yaml, each document's path and content
/// key, HEAD, shallowness, today's date); when the stored result has the same fingerprint
/// and the recorded SHAs still name what they named, it is served; otherwise the tree is
/// checked and the result stored. Content keys come from stat data like git's index: a
/// file whose stat is unchanged and not racy keeps its remembered hash, any other is read
/// and hashed (and those bytes are what gets parsed, not a second read).
WholeTree check_with_cache(const Workspace& workspace, const Workspace::Scan& found,
                           const std::vector<std::string>& paths, const CacheIdentity& identity, std::string& status) {
    const Repo& repo = *workspace.repo();
    const std::int64_t started = coarse_now_ns();
    const fs::path file = cache_file_in(repo.git_dir());
    std::optional<CacheData> old = read_cache(file, identity.text());
    std::unordered_map<std::string_view, const CachedFile*> remembered;
    if (old) {
        for (const CachedFile& entry : old->files) {
            remembered.emplace(entry.path, &entry);
        }
    }
    const std::uintmax_t max_bytes = workspace.config().max_document_bytes;
    const ReadResult config = read_regular_file(workspace.root() / k_config_file, 1U << 24U);
    CacheData next;
    next.identity = identity.text();
    next.started_ns = started;
    next.config_key = fmt::format("{}:{}", static_cast<int>(config.problem), content_hash(config.content));
    next.files.resize(found.files.size());
    std::vector<std::optional<ReadResult>> read(found.files.size());
    parallel_for(found.files.size(), [&](std::size_t i) {
        CachedFile& entry = next.files[i];
        entry.path = paths[i];
        const std::optional<FileStamp> stamp = stamp_of(found.files[i]);
        if (!stamp) {
            entry.key = "absent"; // gone since the scan: the load says so
            return;
        }
        entry.stamp = *stamp;
        if (!S_ISREG(stamp->mode)) {
            entry.key = fmt::format("special:{:o}", stamp->mode & S_IFMT);
            return;
        }
        if (stamp->size > max_bytes) {
            entry.key = fmt::format("too-large:{}", stamp->size);
            return;
        }
        const auto before = remembered.find(entry.path);
        if (before != remembered.end() && !before->second->key.starts_with("unreadable:") &&
            stamp_trusted(before->second->stamp, *stamp, old->started_ns)) {
            entry.key = before->second->key;
            return;
        }
        ReadResult bytes = read_regular_file(found.files[i], max_bytes);
        entry.key = bytes.problem == ReadProblem::none
                        ? content_hash(bytes.content)
                        : fmt::format("unreadable:{}:{}:{}", static_cast<int>(bytes.problem), bytes.size, bytes.detail);
        read[i] = std::move(bytes);
    });

    Fingerprint fingerprint;
    fingerprint.add("cswm check fingerprint 2");
    fingerprint.add(next.identity);
    fingerprint.add(next.config_key);
    fingerprint.add(today_iso());
    std::string head = "unborn";
    if (repo.has_commits()) {
        try {
            head = repo.resolve_commit("HEAD");
        } catch (const Error&) {
            head = "unresolved";
        }
    }
    fingerprint.add(head);
    fingerprint.add(repo.is_shallow() ? shallow_boundary(repo.git_dir()) : "complete");
    // The editor-schema rule compares the schemas exported for editors with the binary's.
    std::vector<std::string> exported;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(workspace.root() / k_schema_folder, error)) {
        const ReadResult bytes = read_regular_file(entry.path(), 1U << 24U);
        exported.push_back(fmt::format("{}:{}:{}", entry.path().filename().string(), static_cast<int>(bytes.problem),
                                       content_hash(bytes.content)));
    }
    std::sort(exported.begin(), exported.end());
    fingerprint.add(static_cast<std::int64_t>(exported.size()));
    for (const std::string& each : exported) {
        fingerprint.add(each);
    }
    // Documents by what the rules see of them (document_digest), not by their bytes: the
    // changed files alone are parsed here, and an edit the rules cannot see keeps the result.
    std::vector<std::optional<Document>> parsed = digest_documents(workspace, found, old, next, read);
    const std::string inputs = fingerprint.finish();
    const auto key_of = [&](const std::vector<CachedFile>& files) {
        Fingerprint whole;
        whole.add(inputs);
        whole.add(static_cast<std::int64_t>(files.size()));
        for (const CachedFile& entry : files) {
            whole.add(entry.path);
            whole.add(entry.digest);
        }
        return whole.finish();
    };
    // A digest not known yet (no digest stored for an unchanged file, or another
    // .cswm.yaml) never matches: such a run checks the tree and stores every digest.
    const bool digests_known = std::none_of(next.files.begin(), next.files.end(),
                                            [](const CachedFile& entry) { return entry.digest.empty(); });
    const std::string key = digests_known ? key_of(next.files) : std::string();

    // The findings of single documents whose content is what it was, under the same
    // .cswm.yaml (the documents folder and the YAML limits are there): reused as they are.
    std::vector<const Findings*> known(next.files.size(), nullptr);
    if (old && old->config_key == next.config_key) {
        for (std::size_t i = 0; i < next.files.size(); ++i) {
            CachedFile& entry = next.files[i];
            const auto before = remembered.find(entry.path);
            if (is_content_key(entry.key) && before != remembered.end() && before->second->document_findings &&
                (before->second->key == entry.key ||
                 (!entry.digest.empty() && before->second->digest == entry.digest))) {
                entry.document_findings = before->second->document_findings;
                known[i] = &*entry.document_findings;
            }
        }
    }

    const bool reread = std::any_of(read.begin(), read.end(), [](const auto& each) { return each.has_value(); });
    const bool files_same =
        old && !reread && old->files.size() == next.files.size() &&
        std::equal(old->files.begin(), old->files.end(), next.files.begin(),
                   [](const CachedFile& a, const CachedFile& b) {
                       return a.path == b.path && a.stamp == b.stamp && a.key == b.key && a.digest == b.digest;
                   });
    if (digests_known && old && old->result && old->result->fingerprint == key &&
        objects_unchanged(old->result->objects, repo)) {
        WholeTree whole{old->result->findings, old->result->waived, {}, nullptr};
        status = "hit";
        if (!files_same) {
            // New stat data (a touched file, a racy one now settled): remember it.
            next.result = std::move(old->result);
            write_cache(file, next);
        }
        return whole;
    }
    // A miss: HEAD's history is walked beside the parse, as in a run without the cache.
    std::future<std::vector<CommitInfo>> history =
        std::async(std::launch::async, [&repo] { return repo.commit_links_from({}); });
    auto loaded = std::make_shared<const std::vector<Document>>(load_rest(workspace, found, read, parsed, next.files));
    const std::vector<Document>& documents = *loaded;
    std::vector<Findings> computed;
    WholeTree whole = check_whole_tree(workspace, documents, false, known, &computed, &history);
    whole.documents = std::move(loaded);
    parallel_for(next.files.size(), [&](std::size_t i) {
        if (next.files[i].digest.empty() && i < documents.size()) {
            next.files[i].digest = document_digest(documents[i]);
        }
    });
    for (std::size_t i = 0; i < next.files.size() && i < computed.size(); ++i) {
        if (is_content_key(next.files[i].key) && !next.files[i].document_findings) {
            next.files[i].document_findings = std::move(computed[i]);
        }
    }
    next.result = CachedResult{key_of(next.files), whole.findings, whole.waived, recorded_objects(documents, repo)};
    status = write_cache(file, next) ? "miss" : "miss, not written";
    return whole;
}

} // namespace

std::size_t CheckResult::count(Severity severity) const {
    return static_cast<std::size_t>(std::count_if(
        findings.begin(), findings.end(), [&](const Finding& finding) { return finding.severity == severity; }));
}

Findings check_documents(const std::vector<Document>& documents, const Catalog& catalog,
                         std::string_view documents_root) {
    return check_documents_reusing(documents, catalog, documents_root, {}, nullptr);
}

CheckResult check_workspace(const Workspace& workspace, const CheckOptions& options) {
    const std::filesystem::path& base = options.base;
    std::vector<std::string> prefixes;
    for (const std::filesystem::path& path : options.only) {
        std::error_code error;
        const std::filesystem::path absolute = (path.is_absolute() ? path : base / path).lexically_normal();
        if (!std::filesystem::exists(std::filesystem::symlink_status(absolute, error))) {
            throw Error(tr("check.no-such-path", fmt::arg("path", path.string())));
        }
        std::string relative = relative_to(absolute, workspace.root());
        if (std::filesystem::path(relative).is_absolute()) {
            throw Error(tr("check.outside-repository", fmt::arg("path", path.string()),
                           fmt::arg("root", workspace.root().string())));
        }
        // "maint/x/" and "maint/x/." name the folder "maint/x"; "." the whole repository.
        while (relative.ends_with("/") || relative.ends_with("/.")) {
            relative.resize(relative.size() - (relative.ends_with("/") ? 1 : 2));
        }
        if (relative == ".") {
            relative.clear();
        }
        prefixes.push_back(relative);
    }
    const Workspace::Scan found = workspace.scan();
    CheckResult result;
    auto selected = [&](const std::string& path) {
        return prefixes.empty() || std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
                   return prefix.empty() || path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '/');
               });
    };
    // The paths load_all gives its documents: the files, then the folders it could not list.
    std::vector<std::string> paths;
    paths.reserve(found.files.size() + found.unreadable.size());
    for (const fs::path& file : found.files) {
        paths.push_back(relative_to(file, workspace.root()));
    }
    for (const auto& [folder, reason] : found.unreadable) {
        paths.push_back(relative_to(folder, workspace.root()));
    }
    for (const std::string& path : paths) {
        if (selected(path)) {
            ++result.documents;
            result.paths.push_back(path);
        }
    }
    if (!workspace.repo() && options.require_committed) {
        throw Error(tr("check.require-committed-needs-git"));
    }
    WholeTree whole;
    if (options.cache && workspace.repo() != nullptr && !options.require_committed && found.unreadable.empty()) {
        whole = check_with_cache(workspace, found, paths, *options.cache, result.cache_status);
    } else {
        // HEAD's history, which the git rules read, needs no document: it is walked on a
        // thread of its own while the documents are read and checked (nothing else uses the
        // repository until check_git takes the walk).
        std::future<std::vector<CommitInfo>> history;
        if (const Repo* repo = workspace.repo()) {
            history = std::async(std::launch::async, [repo] { return repo->commit_links_from({}); });
        }
        auto documents =
            std::make_shared<const std::vector<Document>>(workspace.load_scanned(found, {}, Places::on_demand));
        whole = check_whole_tree(workspace, *documents, options.require_committed, {}, nullptr, &history);
        whole.documents = std::move(documents);
    }
    result.notes = std::move(whole.notes);
    // check writes nothing and takes no lock: it names a plan a killed renumber left (the
    // findings may show its documents half changed) and leaves settling it to the writers.
    if (const fs::path plan = journal_file(workspace); fs::exists(plan)) {
        std::string what = plan.filename().string();
        try {
            if (const std::optional<Journal> journal = read_journal(plan)) {
                what = journal->what;
            }
        } catch (const Error&) {
            // Unreadable: named by its file; the writers say more.
        }
        result.notes.push_back(tr("check.note-interrupted", fmt::arg("what", what)));
    }
    result.loaded = std::move(whole.documents);
    for (WaivedFinding& waived : whole.waived) {
        if (selected(waived.finding.path)) {
            result.waived.push_back(std::move(waived));
        }
    }
    for (Finding& finding : whole.findings) {
        if (selected(finding.path)) {
            result.findings.push_back(std::move(finding));
        }
    }
    return result;
}

Findings check_revision(const std::vector<Document>& documents, const Catalog& catalog, const Config& config,
                        const Repo& repo, const std::string& revision, const std::string& today) {
    Findings findings = check_documents(documents, catalog, config.root);
    rules::check_chain(documents, {config.log_review_days, today}, findings);
    rules::GitPolicy policy{config.reviewed_fix_commits, false, revision};
    rules::check_git(documents, repo, policy, findings);
    sort_findings(findings);
    return findings;
}

} // namespace cswm
