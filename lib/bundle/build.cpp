// build_bundle: a revision read from git, checked, and packed reproducibly.

#include "lib/bundle/bundle.hpp"
#include "lib/bundle/evidence.hpp"
#include "lib/bundle/index_page.hpp"
#include "lib/bundle/names.hpp"
#include "lib/bundle/revision.hpp"
#include "lib/chart/work_charts.hpp"
#include "lib/check/checker.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/ops/history.hpp"
#include "lib/ops/references.hpp"
#include "lib/render/page.hpp"
#include "lib/report/trace_report.hpp"
#include "lib/trace/trace.hpp"
#include "lib/util/dates_zone.hpp"
#include "lib/util/error.hpp"
#include "lib/util/parallel.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_set>

namespace cswm::bundle {
namespace {

using nlohmann::ordered_json;

/// ISO 8601 with the author's own offset, such as 2026-10-03T14:05:00+08:00.
std::string iso_with_offset(long long seconds, int offset_minutes) {
    std::string text = iso_utc(seconds + static_cast<long long>(offset_minutes) * 60);
    text.pop_back(); // the Z
    const int magnitude = std::abs(offset_minutes);
    return text + fmt::format("{}{:02}:{:02}", offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

/// Every commit a document records (that exists) or whose Refs: trailer names an ID the
/// revision defines, with who links it.
struct LinkedCommit {
    CommitInfo info;
    std::set<std::string> recorded_by; ///< document IDs whose commit fields hold it
    std::vector<std::string> refs;     ///< IDs its Refs: trailers name that exist
};

std::vector<LinkedCommit> linked_commits(const Repo& repo, const Snapshot& snapshot,
                                         const std::vector<CommitInfo>& history) {
    std::map<std::string, LinkedCommit> linked;
    for (const Document& document : snapshot.documents) {
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        for (const FieldPath& field : document.kind->commit_fields) {
            for (const FieldPath::Match& match : field.find(document.data())) {
                std::vector<std::string> shas;
                if (match.value->is_string()) {
                    shas.push_back(match.value->get<std::string>());
                } else if (match.value->is_array()) {
                    for (const auto& value : *match.value) {
                        if (value.is_string()) {
                            shas.push_back(value.get<std::string>());
                        }
                    }
                }
                for (const std::string& sha : shas) {
                    if (!is_full_sha(sha) || repo.object_state(sha) != ObjectState::commit) {
                        continue; // check reports it; there is nothing to pack
                    }
                    auto [entry, added] = linked.try_emplace(sha);
                    if (added) {
                        entry->second.info = *repo.commit(sha);
                    }
                    entry->second.recorded_by.insert(document.id.empty() ? document.path : document.id);
                }
            }
        }
    }
    const std::unordered_set<std::string> known = defined_ids(snapshot.documents);
    for (const CommitInfo& commit : history) {
        std::vector<std::string> refs;
        for (const std::string& id : referenced_ids(commit.trailers)) {
            if (known.contains(id)) {
                refs.push_back(id);
            }
        }
        if (refs.empty()) {
            continue;
        }
        auto [entry, added] = linked.try_emplace(commit.sha);
        if (added) {
            entry->second.info = commit;
        }
        entry->second.refs = std::move(refs);
    }
    std::vector<LinkedCommit> commits;
    for (auto& [sha, commit] : linked) {
        commits.push_back(std::move(commit));
    }
    std::sort(commits.begin(), commits.end(), [](const LinkedCommit& a, const LinkedCommit& b) {
        return std::tie(a.info.commit_time, a.info.sha) < std::tie(b.info.commit_time, b.info.sha);
    });
    return commits;
}

/// The changes of every commit, each in its own slot, read on every core: a libgit2
/// repository is not for several threads, so each worker but the first opens its own.
std::vector<CommitChanges> changes_of(const Repo& repo, const std::vector<LinkedCommit>& commits, bool with_patches) {
    std::vector<CommitChanges> changes(commits.size());
    std::vector<std::optional<Repo>> opened;
    const std::size_t wanted = std::min(worker_count(), commits.size() / 64 + 1);
    for (std::size_t worker = 1; worker < wanted; ++worker) {
        try {
            opened.push_back(Repo::discover(repo.workdir()));
        } catch (const Error&) {
            break; // one thread then: the same result, later
        }
    }
    // parallel_for hands out indices in batches, so a worker per index would share a
    // thread: one std::thread per opened repository instead, each over every n-th commit.
    const std::size_t workers = opened.size() + 1;
    std::vector<std::exception_ptr> failures(workers);
    auto work = [&](std::size_t worker) {
        try {
            const Repo& own = worker == 0 ? repo : *opened[worker - 1];
            for (std::size_t i = worker; i < commits.size(); i += workers) {
                changes[i] = own.commit_changes(commits[i].info.sha, with_patches);
            }
        } catch (...) {
            failures[worker] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t worker = 1; worker < workers; ++worker) {
        threads.emplace_back(work, worker);
    }
    work(0);
    for (std::thread& thread : threads) {
        thread.join();
    }
    for (const std::exception_ptr& failure : failures) {
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
    return changes;
}

/// One rendered page per document whose ID can name a page (the first file of an ID), as
/// `cswm render --format html` makes it, but from the revision: its history from there,
/// the check findings as of it. Returns document path → member name.
std::map<std::string, std::string> add_pages(const Repo& repo, const Snapshot& snapshot,
                                             const std::vector<CommitInfo>& history, const Findings& findings,
                                             const std::string& language, std::vector<Member>& members) {
    const std::map<std::string, std::string> targets = render::page_targets(snapshot.documents);
    std::map<std::string, std::vector<Reference>> references; // page ID → commits naming it
    for (const CommitInfo& commit : history) {
        std::map<std::string, std::vector<std::string>> named;
        for (const std::string& ref : referenced_ids(commit.trailers)) {
            if (const auto target = targets.find(ref); target != targets.end()) {
                named[target->second].push_back(ref);
            }
        }
        for (auto& [page, ids] : named) {
            references[page].push_back({commit, std::move(ids)});
        }
    }
    std::map<std::string, Findings> findings_by_path;
    for (const Finding& finding : findings) {
        findings_by_path[finding.path].push_back(finding);
    }
    std::vector<const Document*> paged;
    std::set<std::string> done;
    for (const Document& document : snapshot.documents) {
        if (!document.parsed() || document.kind == nullptr || !render::is_page_id(document.id) ||
            !done.insert(document.id).second) {
            continue; // the index links such a document to its source instead
        }
        paged.push_back(&document);
    }
    // The revisions of every page's file, in one walk of the history.
    std::vector<std::string> paths;
    for (const Document* document : paged) {
        paths.push_back(document->path);
    }
    std::vector<std::vector<FileRevision>> revisions = repo.file_histories(history, paths);
    // What each page shows is gathered here, where git is read (one libgit2 repository is
    // not for several threads); the pages are then rendered on every core, each into its
    // own slot, and added in the documents' order: the same bytes on any machine.
    std::vector<render::PageInput> inputs(paged.size());
    for (std::size_t n = 0; n < paged.size(); ++n) {
        const Document& document = *paged[n];
        render::PageInput& input = inputs[n];
        input.document = &document;
        input.revisions = std::move(revisions[n]);
        input.shallow = repo.is_shallow();
        if (const auto found = references.find(document.id); found != references.end()) {
            input.references = found->second;
        }
        for (const std::string& sha : render::named_commits(document)) {
            if (auto commit = repo.commit(sha)) {
                input.commits.emplace(sha, std::move(*commit));
            }
        }
        if (const auto found = findings_by_path.find(document.path); found != findings_by_path.end()) {
            input.findings = found->second;
        }
        input.targets = &targets;
    }
    std::vector<std::string> html(paged.size());
    parallel_for(paged.size(), [&](std::size_t n) {
        html[n] = render::document_html(inputs[n], language);
        inputs[n] = render::PageInput(); // its revisions and commits are no longer needed
    });
    std::map<std::string, std::string> pages;
    for (std::size_t n = 0; n < paged.size(); ++n) {
        const std::string name = "pages/" + paged[n]->id + ".html";
        members.push_back({name, std::move(html[n]), false, "", false});
        pages.emplace(paged[n]->path, name);
    }
    return pages;
}

std::string patch_member(const std::string& sha) {
    return "patches/" + sha + ".patch";
}

} // namespace

std::string repository_name(const Repo& repo) {
    std::string name;
    if (const auto url = repo.config_string("remote.origin.url")) {
        name = *url;
        while (!name.empty() && (name.back() == '/' || name.back() == '\\')) {
            name.pop_back();
        }
        name = name.substr(name.find_last_of("/:\\") == std::string::npos ? 0 : name.find_last_of("/:\\") + 1);
        if (name.ends_with(".git")) {
            name.resize(name.size() - 4);
        }
    }
    if (name.empty()) {
        name = repo.workdir().filename().string();
    }
    return name;
}

BundleOutput build_bundle(const Repo& repo, const Catalog& catalog, const BundleOptions& options) {
    auto progress = [&](const std::string& message) {
        if (options.progress) {
            options.progress(message);
        }
    };
    progress(tr("bundle.progress-revision"));
    const Snapshot snapshot = read_snapshot(repo, options.revision, catalog);
    // Times shown in the bundle must not depend on the machine that builds it: the
    // revision's configured zone, else UTC (docs/bundle.md).
    const ScopedDisplayZone zone(snapshot.config.time_zone.empty() ? TimeZone::utc()
                                                                   : TimeZone::named(snapshot.config.time_zone));
    const std::string& sha = snapshot.commit.sha;
    const std::string language = options.language.empty() ? snapshot.config.language : options.language;
    if (language != "en" && language != "zh-TW") {
        throw Error(tr("bundle.unknown-language", fmt::arg("language", language)));
    }
    i18n::set_language(*i18n::parse_language(language)); // findings in the archive speak its language, not the locale

    progress(tr("bundle.progress-checking", fmt::arg("count", snapshot.documents.size())));
    const std::vector<CommitInfo> history = repo.commits_from(sha);
    IndexInput index;
    index.snapshot = &snapshot;
    index.catalog = &catalog;
    index.language = language;
    index.labels = bundle_labels(language);
    index.repository = options.repository_name.empty() ? repository_name(repo) : options.repository_name;
    index.tool = options.tool;
    index.findings = check_revision(snapshot.documents, catalog, snapshot.config, repo, sha, snapshot.commit_date);
    index.matrix = competency_matrix(snapshot.documents, catalog, history);
    index.charts.push_back(chart::outcomes_chart(snapshot.documents, index.labels));
    index.charts.push_back(chart::anomaly_age_chart(snapshot.documents, snapshot.commit_date, index.labels));
    index.charts.push_back(chart::fix_time_chart(snapshot.documents, index.labels));

    std::ostringstream trace;
    write_trace_html(trace, build_trace(snapshot.documents, history), language, HtmlMode::fragment);
    index.trace_html = trace.str();
    index.trace_style = trace_html_style();

    progress(tr("bundle.progress-commits"));
    const std::vector<LinkedCommit> commits = linked_commits(repo, snapshot, history);
    index.commits = commits.size();

    std::unordered_set<std::string> reachable;
    for (const CommitInfo& commit : history) {
        reachable.insert(commit.sha);
    }
    progress(tr("bundle.progress-changes", fmt::arg("count", commits.size())));
    const std::vector<CommitChanges> all_changes = changes_of(repo, commits, options.with_patches);
    std::vector<Member> members;
    ordered_json commit_list = ordered_json::array();
    for (std::size_t i = 0; i < commits.size(); ++i) {
        const LinkedCommit& commit = commits[i];
        const CommitChanges& changes = all_changes[i];
        ordered_json entry;
        entry["sha"] = commit.info.sha;
        entry["author"] = {{"name", commit.info.author}, {"email", commit.info.email}};
        entry["author_date"] = iso_with_offset(commit.info.time, commit.info.offset_minutes);
        entry["commit_date"] = iso_utc(commit.info.commit_time);
        entry["parents"] = commit.info.parents;
        entry["message"] = commit.info.message;
        ordered_json trailers = ordered_json::array();
        for (const Trailer& trailer : commit.info.trailers) {
            trailers.push_back({{"key", trailer.key}, {"value", trailer.value}});
        }
        entry["trailers"] = trailers;
        entry["recorded_by"] = commit.recorded_by;
        entry["refs"] = commit.refs;
        entry["in_revision"] = reachable.contains(commit.info.sha);
        ordered_json files = ordered_json::array();
        for (const std::string& file : changes.files) {
            // JSON holds any valid UTF-8; other bytes are written as in member names.
            files.push_back(find_invalid_utf8(file) ? member_name(file) : file);
        }
        entry["files"] = files;
        if (options.with_patches) {
            entry["patch"] = patch_member(commit.info.sha);
            members.push_back({patch_member(commit.info.sha), changes.patch, false, "", false});
        }
        commit_list.push_back(std::move(entry));
    }
    ordered_json commits_root;
    commits_root["revision"] = sha;
    commits_root["commits"] = commit_list;
    members.push_back({"commits.json", commits_root.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n",
                       false, "", false});

    progress(tr("bundle.progress-rendering", fmt::arg("count", snapshot.documents.size())));
    index.pages = add_pages(repo, snapshot, history, index.findings, language, members);

    progress(tr("bundle.progress-index"));
    members.push_back({"index.html", render_index(index), false, "", false});

    for (const SourceFile& source : snapshot.sources) {
        Member member;
        member.name = source_member(source.tree.path);
        if (source.tree.type == TreeFile::Type::symlink) {
            // A regular file holding the link's text as git stores it: never followed, and
            // no member of a bundle is a link, so extracting one never creates a link that
            // a later member (or a naive extractor) could write through (docs/bundle.md).
            member.content = source.content;
        } else if (source.tree.type == TreeFile::Type::submodule) {
            continue; // a commit of another repository: no bytes here to pack
        } else {
            member.content = source.content;
            member.executable = source.tree.type == TreeFile::Type::executable;
        }
        members.push_back(std::move(member));
    }

    BundleOutput output;
    Manifest& manifest = output.manifest;
    manifest.tool = options.tool;
    manifest.repository = index.repository;
    manifest.revision = sha;
    manifest.commit_time = snapshot.commit_time;
    manifest.language = language;
    manifest.with_patches = options.with_patches;
    manifest.zlib = zlib_release();
    std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
    for (std::size_t i = 1; i < members.size(); ++i) {
        if (members[i].name == members[i - 1].name) {
            throw Error(tr("bundle.same-member", fmt::arg("name", shown_name(members[i].name))));
        }
    }
    manifest.entries.resize(members.size());
    parallel_for(members.size(), [&](std::size_t i) { // each member's hash into its own slot
        const Member& member = members[i];
        ManifestEntry& entry = manifest.entries[i];
        entry.path = member.name;
        entry.symlink = member.symlink;
        entry.target = member.target;
        entry.size = member.symlink ? 0 : member.content.size();
        entry.sha256 = sha256_hex(member.symlink ? member.target : member.content);
    });
    members.push_back({k_manifest_name, manifest_json(manifest), false, "", false});
    // What cswm writes, `bundle verify` must accept: never more members than it reads.
    if (members.size() > ReadLimits{}.max_entries) {
        throw Error(tr("bundle.would-hold-too-many", fmt::arg("count", members.size()),
                       fmt::arg("max", ReadLimits{}.max_entries)));
    }

    progress(tr("bundle.progress-packing", fmt::arg("count", members.size())));
    output.archive = write_archive(std::move(members), options.format, snapshot.commit.commit_time);
    if (repo.is_shallow()) {
        output.notes.push_back(tr("bundle.note-shallow"));
    }
    output.documents = snapshot.documents.size();
    output.commits = commits.size();
    for (const Finding& finding : index.findings) {
        (finding.severity == Severity::error ? output.errors : output.warnings) += 1;
    }
    return output;
}

} // namespace cswm::bundle
