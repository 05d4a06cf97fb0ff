#include "lib/check/whole_tree.hpp"

#include "lib/cache/history_basis.hpp"
#include "lib/cache/stored_views.hpp"
#include "lib/check/cross_view.hpp"
#include "lib/check/rules.hpp"
#include "lib/schema/exported.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/parallel.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <future>
#include <set>
#include <unordered_map>
#include <unordered_set>

// The warm path of check: what a run over the same inputs found is served; when only some
// documents changed, and no rule across documents can see the change, their stored
// findings are kept beside the changed documents' own; when the git rules cannot see it,
// theirs are kept and the other rules across documents run again over the documents as
// the cache keeps them (their views); otherwise the tree is checked.

namespace cswm {
namespace {

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

/// Whether the object of every full SHA the documents record is in the repository (1) or
/// not (0), beside those of `known` (looked up before, and kept): the git rules' findings
/// follow from these and from HEAD's history, so a stored result holds while none of them
/// changed. What a present object is (a commit or another object) is part of its SHA, and
/// whether the clone is shallow (which tells missing from beyond its boundary) is part of
/// the fingerprint: presence is all that can change. Only the pack indexes are read.
std::vector<std::pair<std::string, int>> recorded_objects(const std::vector<const Document*>& documents,
                                                          const Repo& repo,
                                                          const std::vector<std::pair<std::string, int>>& known = {}) {
    std::set<std::string> shas;
    for (const Document* document : documents) {
        if (document->parsed()) {
            collect_shas(document->data(), shas);
        }
    }
    std::vector<std::pair<std::string, int>> objects = known;
    std::set<std::string_view> seen;
    for (const auto& object : known) {
        seen.insert(object.first);
    }
    for (const std::string& sha : shas) {
        if (!seen.contains(sha)) {
            objects.emplace_back(sha, repo.has_object(sha) ? 1 : 0);
        }
    }
    std::sort(objects.begin(), objects.end());
    return objects;
}

/// True when every recorded object is there, or not, as it was (recorded_objects): one that
/// was missing is looked for again, since a fetch brings objects without moving HEAD.
/// 4,444 lookups in the pack indexes at N = 10,000.
bool objects_unchanged(const std::vector<std::pair<std::string, int>>& objects, const Repo& repo) {
    return std::all_of(objects.begin(), objects.end(),
                       [&](const auto& object) { return repo.has_object(object.first) == (object.second == 1); });
}

/// True when each file the rules looked for outside the tree is there, or not, as it was.
bool files_as_looked_for(const std::vector<std::pair<std::string, int>>& looked_for) {
    return std::all_of(looked_for.begin(), looked_for.end(), [](const auto& file) {
        std::error_code error;
        return fs::exists(fs::symlink_status(file.first, error)) == (file.second == 1);
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

/// What the cache keeps of a document as loaded: its digest and the hashes of its views.
/// Returns its cross view, for the views file.
std::string remember_loaded(CachedFile& entry, const Document& document) {
    std::string view = cross_view(document);
    entry.digest = document_digest(document);
    entry.view = content_hash(view);
    entry.git_view = content_hash(git_view(document));
    entry.tree_view = content_hash(tree_view(document));
    return view;
}

/// Sets CachedFile::digest and the hashes of its views of every entry of `next`: remembered for a
/// file whose content key is unchanged under the same .cswm.yaml and build (read_cache
/// checked the build),
/// "key:" + key for what is not parsed (a folder, a FIFO, a file too large: the key says
/// all a load makes of it), and otherwise by loading the file — from the bytes read while
/// hashing it. Those loads are returned, by index, for a run that must check the tree, and
/// their cross views are put in `views`.
/// A file whose key is unchanged but whose digest was never stored keeps an empty digest
/// and view: such a run misses and stores them.
std::vector<std::optional<Document>> digest_documents(const Workspace& workspace, const Workspace::Scan& found,
                                                      const std::optional<CacheData>& old, CacheData& next,
                                                      const std::vector<std::optional<ReadResult>>& read,
                                                      std::vector<std::string>& views) {
    std::unordered_map<std::string_view, const CachedFile*> remembered;
    const bool same_config = old && old->config_key == next.config_key;
    if (same_config) {
        for (const CachedFile& entry : old->files) {
            remembered.emplace(entry.path, &entry);
        }
    }
    std::vector<std::optional<Document>> parsed(next.files.size());
    views.assign(next.files.size(), std::string());
    parallel_for(next.files.size(), [&](std::size_t i) {
        CachedFile& entry = next.files[i];
        if (!is_content_key(entry.key)) {
            entry.digest = "key:" + entry.key;
            entry.view = entry.digest;
            entry.git_view = entry.digest;
            entry.tree_view = entry.digest;
            return;
        }
        const auto before = remembered.find(entry.path);
        if (!read[i] && before != remembered.end() && before->second->key == entry.key) {
            entry.digest = before->second->digest;
            entry.view = before->second->view;
            entry.git_view = before->second->git_view;
            entry.tree_view = before->second->tree_view;
            return;
        }
        if (read[i]) {
            parsed[i] = workspace.load_read(found.files[i], *read[i]);
            views[i] = remember_loaded(entry, *parsed[i]);
        }
    });
    return parsed;
}

/// The documents of the scan: those digest_documents loaded already, the others loaded now.
/// A document whose digest is known needs places only for its findings (on demand); one
/// without gets its digest, which covers every place, after the check. The own findings of
/// each document not `known` are found as soon as it is loaded, into `own` (while the
/// others are parsed and HEAD's history is walked), and `known` then points at them.
std::vector<Document> load_rest(const Workspace& workspace, const Workspace::Scan& found,
                                const std::vector<std::optional<ReadResult>>& read,
                                std::vector<std::optional<Document>>& parsed, const std::vector<CachedFile>& files,
                                std::vector<const Findings*>& known, std::vector<Findings>& own) {
    std::vector<Document> documents(found.files.size());
    own.assign(found.files.size(), {});
    known.resize(found.files.size(), nullptr);
    parallel_for(found.files.size(), [&](std::size_t i) {
        const Places places = i < files.size() && !files[i].digest.empty() ? Places::on_demand : Places::record;
        if (i < parsed.size() && parsed[i]) {
            documents[i] = std::move(*parsed[i]);
        } else if (i < read.size() && read[i]) {
            documents[i] = workspace.load_read(found.files[i], *read[i], places);
        } else {
            documents[i] = workspace.load(found.files[i], places);
        }
        if (known[i] == nullptr) {
            own[i] = findings_of_one(documents[i], workspace.catalog(), workspace.config().root);
            known[i] = &own[i];
        }
    });
    return documents;
}

/// The hash of `inputs` and of every file's path with what `of` says of it (its digest or
/// its view), under `what`.
std::string files_key(std::string_view what, const std::string& inputs, const std::vector<CachedFile>& files,
                      std::string CachedFile::*of) {
    Fingerprint whole;
    whole.add(what);
    whole.add(inputs);
    whole.add(static_cast<std::int64_t>(files.size()));
    for (const CachedFile& entry : files) {
        whole.add(entry.path);
        whole.add(entry.*of);
    }
    return whole.finish();
}

/// The documents whose git views are not those the stored git findings saw: each added
/// since (no stored view), removed since, or whose view changed. Nullopt when the stored
/// git views are not the ones of the stored result (its fingerprint differs from theirs
/// under the inputs now, `stored_git_views_key`). `before` holds `old`'s files by path.
std::optional<std::vector<GitEdit>>
git_views_edited(const CacheData& old, const CacheData& next,
                 const std::unordered_map<std::string_view, const CachedFile*>& before,
                 const std::string& git_views_key, const std::string& stored_git_views_key) {
    const std::string& seen = old.result->git_views_fingerprint;
    if (seen == git_views_key) {
        return std::vector<GitEdit>();
    }
    if (seen != stored_git_views_key) {
        return std::nullopt;
    }
    std::vector<GitEdit> edits;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < next.files.size(); ++i) {
        const auto found = before.find(next.files[i].path);
        if (found == before.end()) {
            edits.push_back({i, next.files[i].path, std::string()});
            continue;
        }
        ++kept;
        if (found->second->git_view != next.files[i].git_view) {
            edits.push_back({i, next.files[i].path, found->second->git_view});
        }
    }
    if (kept != old.files.size()) {
        std::unordered_set<std::string_view> present;
        for (const CachedFile& entry : next.files) {
            present.insert(entry.path);
        }
        for (const CachedFile& entry : old.files) {
            if (!present.contains(entry.path)) {
                edits.push_back({std::nullopt, entry.path, entry.git_view});
            }
        }
    }
    return edits;
}

} // namespace

/// check_whole_tree through the cache under .git/cswm/: every input is fingerprinted (the
/// identity of this build and its catalogue, .cswm.yaml, each document's path and content
/// key, HEAD, shallowness, today's date). When the stored result has the same fingerprint,
/// and what it depends on beyond (the recorded SHAs, files outside the tree, the clock)
/// still holds, it is served; when only documents changed and no rule across documents can
/// see the change, only they are checked (check_changed_only); when the git rules cannot see
/// it, the others run again over the stored views (check_across_again); otherwise the tree
/// is checked. Either way the result is stored. Content keys come from stat data like git's
/// index: a file whose stat is unchanged and not racy keeps its remembered hash, any other
/// is read and hashed (and those bytes are what gets parsed, not a second read).
WholeTree check_with_cache(const Workspace& workspace, const Workspace::Scan& found,
                           const std::vector<std::string>& paths, const CacheIdentity& identity, std::string& status) {
    const Repo& repo = *workspace.repo();
    const std::int64_t started = coarse_now_ns();
    const fs::path file = cache_file_in(repo.git_dir());
    // The files' stat data beside the reading of the cache (9 ms and 6 ms at N = 10,000,
    // on a thread each): which of them need hashing is known once both are there.
    std::future<std::optional<CacheData>> reading =
        std::async(std::launch::async, [&] { return read_cache(file, identity.text()); });
    std::vector<std::optional<FileStamp>> stamps(found.files.size());
    parallel_for(found.files.size(), [&](std::size_t i) { stamps[i] = stamp_of(found.files[i]); });
    std::optional<CacheData> old = reading.get();
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
        const std::optional<FileStamp>& stamp = stamps[i];
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
    std::vector<std::string> views;
    std::vector<std::optional<Document>> parsed = digest_documents(workspace, found, old, next, read, views);
    const std::string inputs = fingerprint.finish();
    const auto key_of = [&](const std::vector<CachedFile>& files) {
        return files_key("digests", inputs, files, &CachedFile::digest);
    };
    const auto views_key_of = [&](const std::vector<CachedFile>& files) {
        return files_key("views", inputs, files, &CachedFile::view);
    };
    const auto git_views_key_of = [&](const std::vector<CachedFile>& files) {
        return files_key("git views", inputs, files, &CachedFile::git_view);
    };
    const auto tree_views_key_of = [&](const std::vector<CachedFile>& files) {
        return files_key("tree views", inputs, files, &CachedFile::tree_view);
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
    // What the stored result depends on beyond its fingerprints: the clock (an incident's
    // hour running out), files outside the tree, the objects the recorded SHAs name.
    std::optional<bool> stored_holds;
    const auto holds = [&] {
        if (!stored_holds) {
            const CachedResult& stored = *old->result;
            const long long now = static_cast<long long>(std::time(nullptr));
            stored_holds = (stored.expires == 0 || now <= stored.expires) && files_as_looked_for(stored.looked_for) &&
                           objects_unchanged(stored.objects, repo);
        }
        return *stored_holds;
    };
    if (digests_known && old && old->result && old->result->fingerprint == key && holds()) {
        WholeTree whole;
        whole.findings = old->result->findings;
        whole.waived = old->result->waived;
        status = "hit";
        if (!files_same) {
            // New stat data (a touched file, a racy one now settled): remember it.
            next.result = std::move(old->result);
            write_cache(file, next);
        }
        return whole;
    }
    const bool views_known = std::none_of(next.files.begin(), next.files.end(), [](const CachedFile& entry) {
        return entry.view.empty() || entry.git_view.empty() || entry.tree_view.empty();
    });
    // The fingerprints of the views, each a SHA-256 over every path and hash, on every core;
    // with the stored git views' under these inputs, which tells which git views changed.
    std::string views_key;
    std::string git_views_key;
    std::string tree_views_key;
    std::string stored_git_views_key;
    const auto key_views = [&](bool with_stored) {
        parallel_for(with_stored ? 4 : 3, [&](std::size_t i) {
            switch (i) {
            case 0:
                views_key = views_key_of(next.files);
                break;
            case 1:
                git_views_key = git_views_key_of(next.files);
                break;
            case 2:
                tree_views_key = tree_views_key_of(next.files);
                break;
            default:
                stored_git_views_key = git_views_key_of(old->files);
            }
        });
    };
    if (views_known) {
        key_views(old && old->result);
    }
    // What a run stores: every finding, each family's apart with the fingerprint of the
    // views it saw, the objects recorded, when it expires and the files it looked for.
    const auto store = [&](const WholeTree& whole, std::string digests_key,
                           std::vector<std::pair<std::string, int>> objects) -> CachedResult& {
        CachedResult& stored = next.result.emplace();
        stored.fingerprint = std::move(digests_key);
        stored.findings = whole.findings;
        stored.waived = whole.waived;
        stored.objects = std::move(objects);
        stored.views_fingerprint = views_key;
        stored.across = whole.across;
        stored.git_views_fingerprint = git_views_key;
        stored.git = whole.git;
        stored.tree_views_fingerprint = tree_views_key;
        stored.tree = whole.tree;
        stored.unknown_trailer_ids = whole.unknown_trailer_ids;
        stored.expires = whole.expires.value_or(0);
        for (const auto& [path, there] : whole.looked_for) {
            stored.looked_for.emplace_back(path, there ? 1 : 0);
        }
        return stored;
    };
    // A run that kept findings records the objects of the changed documents beside those
    // the stored result recorded.
    const auto store_kept = [&](const WholeTree& whole) -> CachedResult& {
        std::vector<const Document*> changed;
        for (const std::optional<Document>& document : parsed) {
            if (document) {
                changed.push_back(&*document);
            }
        }
        return store(whole, digests_known ? key_of(next.files) : std::string(),
                     recorded_objects(changed, repo, old->result->objects));
    };
    if (views_known && old && old->result && old->result->views_fingerprint == views_key &&
        old->result->git_views_fingerprint == git_views_key && holds()) {
        if (std::optional<WholeTree> whole = check_changed_only(workspace, *old->result, next, parsed, known)) {
            CachedResult& stored = store_kept(*whole);
            stored.expires = old->result->expires;
            stored.looked_for = old->result->looked_for;
            status = write_cache(file, next) ? "partial" : "miss, not written";
            return std::move(*whole);
        }
    }
    // The rules across documents but git's run again over the stored views, when the git
    // rules see little changed: HEAD and the objects (in the fingerprints) as they were, and
    // every document's git view but those of `git_edits`.
    const std::optional<std::vector<GitEdit>> git_edits =
        views_known && old && old->result
            ? git_views_edited(*old, next, remembered, git_views_key, stored_git_views_key)
            : std::nullopt;
    if (git_edits && objects_unchanged(old->result->objects, repo)) {
        if (const std::optional<StoredViews> stored_views = read_views(repo.git_dir())) {
            if (std::optional<WholeTree> whole =
                    check_across_again(workspace, *old->result, next, parsed, known, *stored_views,
                                       old->result->tree_views_fingerprint == tree_views_key, *git_edits, inputs)) {
                store_kept(*whole);
                std::vector<std::pair<std::string_view, std::string_view>> all(next.files.size());
                std::vector<std::pair<std::string_view, std::string_view>> changed;
                for (std::size_t i = 0; i < next.files.size(); ++i) {
                    all[i] = {next.files[i].path,
                              parsed[i] ? std::string_view(views[i]) : stored_views->by_path.at(next.files[i].path)};
                    if (parsed[i]) {
                        changed.push_back(all[i]);
                    }
                }
                // Each view is checked against its hash before use: the two files need not
                // be written together, and the views may fail alone (the next such run misses).
                // Both are written at once, one on another thread.
                std::future<bool> views_written = std::async(std::launch::async, [&] {
                    return write_view_changes(repo.git_dir(), *stored_views, all, changed);
                });
                const bool written = write_cache(file, next);
                views_written.get();
                status = !written ? "miss, not written" : git_edits->empty() ? "across" : "across, git";
                return std::move(*whole);
            }
        }
    }
    // A miss: HEAD's history is walked beside the parse, as in a run without the cache.
    std::future<std::vector<CommitInfo>> history =
        std::async(std::launch::async, [&repo] { return repo.commit_links_from({}); });
    std::vector<Findings> own;
    auto loaded = std::make_shared<const std::vector<Document>>(
        load_rest(workspace, found, read, parsed, next.files, known, own));
    const std::vector<Document>& documents = *loaded;
    std::vector<Findings> computed;
    WholeTree whole = check_whole_tree(workspace, documents, false, known, &computed, &history, true);
    whole.documents = std::move(loaded);
    // Every document's view, for the views file: a later run after an edit the git rules do
    // not see rebuilds the unchanged documents from them.
    views.resize(documents.size());
    parallel_for(next.files.size(), [&](std::size_t i) {
        if (i >= documents.size() || !is_content_key(next.files[i].key)) {
            return;
        }
        if (next.files[i].digest.empty()) {
            views[i] = remember_loaded(next.files[i], documents[i]);
        } else if (views[i].empty()) {
            views[i] = cross_view(documents[i]);
        }
    });
    for (std::size_t i = 0; i < next.files.size() && i < computed.size(); ++i) {
        if (is_content_key(next.files[i].key) && !next.files[i].document_findings) {
            next.files[i].document_findings = std::move(computed[i]);
        }
    }
    std::vector<const Document*> all(documents.size());
    std::transform(documents.begin(), documents.end(), all.begin(), [](const Document& each) { return &each; });
    key_views(false);
    store(whole, key_of(next.files), recorded_objects(all, repo));
    std::vector<std::pair<std::string_view, std::string_view>> every_view;
    every_view.reserve(next.files.size());
    for (std::size_t i = 0; i < next.files.size(); ++i) {
        if (is_content_key(next.files[i].key)) {
            every_view.emplace_back(next.files[i].path, views[i]);
        }
    }
    write_views(repo.git_dir(), every_view);
    // What the git rules read of HEAD's history, for the runs after an edit: its key is the
    // fingerprint of every input but the documents, HEAD's among them.
    if (whole.history_basis) {
        write_history_basis(repo.git_dir(), inputs, *whole.history_basis);
    }
    status = write_cache(file, next) ? "miss" : "miss, not written";
    return whole;
}

} // namespace cswm
