// build_bundle: a revision read from git, checked, and packed reproducibly.

#include "lib/bundle/bundle.hpp"
#include "lib/bundle/commits_member.hpp"
#include "lib/bundle/evidence.hpp"
#include "lib/bundle/index_page.hpp"
#include "lib/bundle/names.hpp"
#include "lib/bundle/revision.hpp"
#include "lib/chart/work_charts.hpp"
#include "lib/check/checker.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/model/references.hpp"
#include "lib/ops/history.hpp"
#include "lib/render/page.hpp"
#include "lib/report/trace_report.hpp"
#include "lib/trace/trace.hpp"
#include "lib/util/dates_zone.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/parallel.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

namespace cswm::bundle {
namespace {

using nlohmann::ordered_json;

/// How many pages (or patches) are made, written and dropped at a time: enough to keep
/// both cores busy between writes, few enough that memory does not grow with the tree.
constexpr std::size_t k_batch = 256;

/// A page to render: the first document of an ID that can name a page file.
struct PagePlan {
    std::string name; ///< pages/ID.html
    const Document* document = nullptr;
    std::vector<FileRevision> revisions;
    /// Commits whose trailers name the page's IDs: index into the history, the IDs named.
    std::vector<std::pair<std::size_t, std::vector<std::string>>> references;
};

/// Every page, sorted by member name, with what git says of it (read here, on one thread:
/// one libgit2 repository is not for several threads); fills `pages` (document path →
/// member name) for index.html.
std::vector<PagePlan> plan_pages(const Repo& repo, const Snapshot& snapshot, const std::vector<CommitInfo>& history,
                                 const std::map<std::string, std::string>& targets,
                                 std::map<std::string, std::string>& pages) {
    std::vector<PagePlan> plans;
    std::set<std::string> done;
    std::map<std::string, std::size_t> plan_of_id;
    for (const Document& document : snapshot.documents) {
        if (!document.parsed() || document.kind == nullptr || !render::is_page_id(document.id) ||
            !done.insert(document.id).second) {
            continue; // the index links such a document to its source instead
        }
        PagePlan plan;
        plan.name = "pages/" + document.id + ".html";
        plan.document = &document;
        plan_of_id.emplace(document.id, plans.size());
        plans.push_back(std::move(plan));
    }
    for (std::size_t n = 0; n < history.size(); ++n) {
        std::map<std::string, std::vector<std::string>> named;
        for (const std::string& ref : referenced_ids(history[n].trailers)) {
            if (const auto target = targets.find(ref); target != targets.end()) {
                named[target->second].push_back(ref);
            }
        }
        for (auto& [page, ids] : named) {
            if (const auto plan = plan_of_id.find(page); plan != plan_of_id.end()) {
                plans[plan->second].references.emplace_back(n, std::move(ids));
            }
        }
    }
    // The revisions of every page's file, in one walk of the history.
    std::vector<std::string> paths;
    for (const PagePlan& plan : plans) {
        paths.push_back(plan.document->path);
    }
    std::vector<std::vector<FileRevision>> revisions = repo.file_histories(history, paths);
    for (std::size_t n = 0; n < plans.size(); ++n) {
        plans[n].revisions = std::move(revisions[n]);
        pages.emplace(plans[n].document->path, plans[n].name);
    }
    std::sort(plans.begin(), plans.end(), [](const PagePlan& a, const PagePlan& b) { return a.name < b.name; });
    return plans;
}

/// What the pages need besides their plans; shared, read-only, by the threads.
struct PageContext {
    const std::vector<CommitInfo>* history = nullptr;
    const std::map<std::string, Findings>* findings_by_path = nullptr;
    const std::map<std::string, std::string>* targets = nullptr;
    std::string language;
    bool shallow = false;
};

/// One page's HTML; `repo` reads the commits its fields name (the plan's revisions and
/// references are moved out of it).
std::string render_page(const Repo& repo, PagePlan& plan, const PageContext& context) {
    render::PageInput input;
    input.document = plan.document;
    input.revisions = std::move(plan.revisions);
    input.shallow = context.shallow;
    for (auto& [commit, ids] : plan.references) {
        input.references.push_back({(*context.history)[commit], std::move(ids)});
    }
    plan.references = {};
    for (const std::string& named : render::named_commits(*plan.document)) {
        if (auto commit = repo.commit(named)) {
            input.commits.emplace(named, std::move(*commit));
        }
    }
    if (const auto found = context.findings_by_path->find(plan.document->path);
        found != context.findings_by_path->end()) {
        input.findings = found->second;
    }
    input.targets = context.targets;
    return render::document_html(input, context.language);
}

/// Renders every page on worker threads, each with its own repository, at most
/// k_batch pages ahead of `write`, which this thread calls for each page in order: the
/// writing (compression, hashing) overlaps the rendering, and memory holds a window of
/// pages, not all. Without a repository to open, one thread does it all.
void render_pages(const Repo& repo, std::vector<PagePlan>& pages, const PageContext& context,
                  const std::function<void(const PagePlan&, std::string&&)>& write) {
    std::vector<std::optional<Repo>> repos;
    const std::size_t wanted = pages.empty() ? 0 : worker_count();
    for (std::size_t worker = 0; worker < wanted; ++worker) {
        try {
            repos.emplace_back(Repo::discover(repo.workdir()));
        } catch (const Error&) {
            break;
        }
    }
    if (repos.empty()) {
        for (PagePlan& plan : pages) {
            write(plan, render_page(repo, plan, context));
        }
        return;
    }
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> html(pages.size());
    std::vector<char> ready(pages.size(), 0);
    std::size_t next = 0;    // the next page a worker takes
    std::size_t written = 0; // pages written so far
    bool stop = false;
    std::exception_ptr failure;
    auto work = [&](std::size_t worker) {
        while (true) {
            std::size_t n = 0;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || next >= pages.size() || next < written + k_batch; });
                if (stop || next >= pages.size()) {
                    return;
                }
                n = next++;
            }
            try {
                std::string page = render_page(*repos[worker], pages[n], context);
                const std::lock_guard lock(mutex);
                html[n] = std::move(page);
                ready[n] = 1;
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!failure) {
                    failure = std::current_exception();
                }
                stop = true;
            }
            changed.notify_all();
        }
    };
    std::vector<std::thread> threads;
    // Whatever happens on this thread, the workers stop and are joined before it goes on.
    struct Join {
        std::vector<std::thread>& threads;
        std::mutex& mutex;
        std::condition_variable& changed;
        bool& stop;
        ~Join() {
            {
                const std::lock_guard lock(mutex);
                stop = true;
            }
            changed.notify_all();
            for (std::thread& thread : threads) {
                thread.join();
            }
        }
    } join{threads, mutex, changed, stop};
    for (std::size_t worker = 0; worker < repos.size(); ++worker) {
        threads.emplace_back(work, worker);
    }
    for (std::size_t n = 0; n < pages.size(); ++n) {
        std::string page;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return ready[n] != 0 || failure != nullptr; });
            if (ready[n] == 0) {
                break;
            }
            page = std::move(html[n]);
        }
        write(pages[n], std::move(page));
        {
            const std::lock_guard lock(mutex);
            written = n + 1;
        }
        changed.notify_all();
    }
    std::exception_ptr failed;
    {
        const std::lock_guard lock(mutex);
        failed = failure;
    }
    if (failed) {
        std::rethrow_exception(failed);
    }
}

/// The archive in the making: members in strictly increasing name order, each one's entry
/// for the manifest kept as it is written.
class Packer {
public:
    explicit Packer(ArchiveWriter& writer) : m_writer(writer) {}

    void add(const std::string& name, std::string_view content, bool executable = false) {
        order(name);
        m_entries.push_back(m_writer.add_file(name, content, executable));
    }
    void begin(const std::string& name, std::uint64_t size) {
        order(name);
        m_writer.begin_file(name, size);
    }
    void write(std::string_view bytes) { m_writer.write(bytes); }
    void end() { m_entries.push_back(m_writer.end_file()); }
    std::vector<ManifestEntry> take_entries() { return std::move(m_entries); }

private:
    void order(const std::string& name) {
        if (!m_entries.empty() && name <= m_entries.back().path) {
            throw Error(name == m_entries.back().path ? tr("bundle.same-member", fmt::arg("name", shown_name(name)))
                                                      : tr("bundle.member-order", fmt::arg("name", shown_name(name)),
                                                           fmt::arg("previous", shown_name(m_entries.back().path))));
        }
    }
    ArchiveWriter& m_writer;
    std::vector<ManifestEntry> m_entries;
};

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

BundleOutput write_bundle(const Repo& repo, const Catalog& catalog, const BundleOptions& options) {
    Repo::keep_commits_cached(); // every page reads commits its neighbours read
    // The archive speaks the revision's language (set below); progress and notes are for
    // the person running the command, in theirs.
    const i18n::Language speaker = i18n::language();
    auto progress = [&](const std::string& message) {
        if (options.progress) {
            options.progress(message);
        }
    };
    progress(tr("bundle.progress-revision", speaker));
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

    progress(tr("bundle.progress-checking", speaker, fmt::arg("count", snapshot.documents.size())));
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
    {
        std::ostringstream trace;
        write_trace_html(trace, build_trace(snapshot.documents, history), language, HtmlMode::fragment);
        index.trace_html = trace.str();
    }
    index.trace_style = trace_html_style();

    progress(tr("bundle.progress-commits", speaker));
    const std::vector<LinkedCommit> commits = linked_commits(repo, snapshot, history);
    index.commits = commits.size();
    progress(tr("bundle.progress-changes", speaker, fmt::arg("count", commits.size())));
    const std::map<std::string, std::string> targets = render::page_targets(snapshot.documents);
    std::vector<PagePlan> pages = plan_pages(repo, snapshot, history, targets, index.pages);
    // index.html needs no repository: made here while the workers read the changes.
    std::string index_html;
    CommitsJson commit_list = commits_json(repo, sha, history, commits, options.with_patches, [&] {
        index_html = render_index(index);
        index.trace_html = std::string();
    });
    std::map<std::string, Findings> findings_by_path;
    for (const Finding& finding : index.findings) {
        findings_by_path[finding.path].push_back(finding);
    }
    std::vector<std::string> patches; // SHAs, in their members' order
    if (options.with_patches) {
        for (const LinkedCommit& commit : commits) {
            patches.push_back(commit.info.sha);
        }
        std::sort(patches.begin(), patches.end());
    }
    std::vector<std::pair<std::string, const SourceFile*>> sources; // member name, file
    for (const SourceFile& source : snapshot.sources) {
        if (source.tree.type != TreeFile::Type::submodule) { // another repository's commit: no bytes here
            sources.emplace_back(source_member(source.tree.path), &source);
        }
    }
    std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // What cswm writes, `bundle verify` must accept: never more members than it reads.
    const std::size_t member_count = 3 + pages.size() + patches.size() + sources.size();
    if (member_count > ReadLimits{}.max_entries) {
        throw Error(tr("bundle.would-hold-too-many", fmt::arg("count", member_count),
                       fmt::arg("max", ReadLimits{}.max_entries)));
    }

    BundleOutput output;
    output.file =
        options.output.empty() ? fmt::format("{}-{}.tar.gz", index.repository, sha.substr(0, 10)) : options.output;
    const std::filesystem::path file(output.file);
    const std::filesystem::path target = file.is_absolute() ? file : options.base / file;
    Manifest& manifest = output.manifest;
    manifest.tool = options.tool;
    manifest.repository = index.repository;
    manifest.revision = sha;
    manifest.commit_time = snapshot.commit_time;
    manifest.language = language;
    manifest.with_patches = options.with_patches;
    manifest.zlib = zlib_release();
    {
        // As every writer of cswm: under the repository's writer lock, remove what a bundle
        // killed halfway left in that folder (docs/bundle.md) and create the temporary file
        // that becomes the bundle only once complete. The lock goes before the pages render
        // (seconds at N = 10,000, a minute at 100,000) so that new, link and the others do
        // not wait: what it guards is the cleanup, and a temporary being written is never
        // as old as the cleanup requires (k_stale_temporary_age).
        std::optional<AtomicFileWriter> out;
        {
            const FileLock lock(repo.git_dir() / k_writer_lock_name);
            remove_stale_temporaries(target.parent_path());
            out.emplace(target);
        }
        ArchiveWriter writer(options.format, snapshot.commit.commit_time,
                             [&out](std::string_view bytes) { out->write(bytes); });
        Packer packer(writer);

        packer.begin("commits.json", commit_list.size());
        packer.write(commit_list.head);
        for (std::size_t i = 0; i < commit_list.entries.size(); ++i) {
            if (i > 0) {
                packer.write(",\n");
            }
            packer.write(commit_list.entries[i]);
            std::string().swap(commit_list.entries[i]);
        }
        packer.write(commit_list.tail);
        packer.end();
        commit_list = CommitsJson();

        progress(tr("bundle.progress-index", speaker));
        packer.add("index.html", index_html);
        index_html = std::string();

        progress(tr("bundle.progress-rendering", speaker, fmt::arg("count", pages.size())));
        PageContext page_context;
        page_context.history = &history;
        page_context.findings_by_path = &findings_by_path;
        page_context.targets = &targets;
        page_context.language = language;
        page_context.shallow = repo.is_shallow();
        render_pages(repo, pages, page_context,
                     [&packer](const PagePlan& plan, std::string&& html) { packer.add(plan.name, html); });

        for (std::size_t first = 0; first < patches.size(); first += k_batch) {
            const std::vector<std::string> batch(
                patches.begin() + static_cast<std::ptrdiff_t>(first),
                patches.begin() + static_cast<std::ptrdiff_t>(std::min(first + k_batch, patches.size())));
            std::vector<std::string> texts(batch.size());
            for_each_change(repo, batch, true,
                            [&texts](std::size_t i, CommitChanges&& changes) { texts[i] = std::move(changes.patch); });
            for (std::size_t i = 0; i < batch.size(); ++i) {
                packer.add(patch_member(batch[i]), texts[i]);
                std::string().swap(texts[i]);
            }
        }

        progress(tr("bundle.progress-packing", speaker, fmt::arg("count", member_count)));
        for (const auto& [name, source] : sources) {
            // The blob again, by its ID (so the bytes parsed), rather than every source held
            // since the revision was read. A link is a regular member holding its text as git
            // stores it: never followed, and no member of a bundle is a link, so extracting
            // one never creates a link that a later member (or a naive extractor) could
            // write through (docs/bundle.md).
            std::size_t size = 0;
            const auto content = repo.blob_content(source->tree.blob, k_max_source_bytes, &size);
            if (!content) {
                throw Error(tr("bundle.source-too-large", fmt::arg("path", printable(source->tree.path)),
                               fmt::arg("revision", sha.substr(0, 10)), fmt::arg("size", size),
                               fmt::arg("max", k_max_source_bytes)));
            }
            packer.add(name, *content, source->tree.type == TreeFile::Type::executable);
        }

        // Last, so that every member's hash is known when it is written: verify reads the
        // whole archive in one pass and finds it wherever it is.
        manifest.entries = packer.take_entries();
        const std::string manifest_text = manifest_json(manifest);
        writer.add_file(k_manifest_name, manifest_text);
        writer.close();
        out->commit();
        output.bytes = out->size();
    }
    if (repo.is_shallow()) {
        output.notes.push_back(tr("bundle.note-shallow", speaker));
    }
    output.documents = snapshot.documents.size();
    output.commits = commits.size();
    for (const Finding& finding : index.findings) {
        (finding.severity == Severity::error ? output.errors : output.warnings) += 1;
    }
    return output;
}

} // namespace cswm::bundle
