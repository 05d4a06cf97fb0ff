#include "lib/render/site.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/check/checker.hpp"
#include "lib/model/references.hpp"
#include "lib/ops/query.hpp"
#include "lib/render/labels.hpp"
#include "lib/render/page.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace cswm::render {

RenderResult render_documents(const Workspace& workspace, const RenderRequest& request) {
    if (request.format != "md" && request.format != "html") {
        throw Error(tr("render.unknown-format", fmt::arg("format", printable(request.format, 40))));
    }
    const std::string language = request.language.empty() ? workspace.config().language : request.language;
    Labels::builtin(language); // an unknown language stops here, before any work
    i18n::set_language(i18n::parse_language(language).value_or(i18n::language())); // findings on the pages too

    RenderResult result;
    std::vector<Document> documents = list_documents(workspace, ListFilter{});
    // Which page each document and item ID is on; the first file claiming an ID wins.
    const std::map<std::string, std::string> targets = page_targets(documents);
    std::map<std::string, std::size_t> first_with_id;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (is_page_id(documents[i].id)) {
            first_with_id.emplace(documents[i].id, i);
        }
    }

    std::vector<std::size_t> selected;
    if (request.all) {
        for (std::size_t i = 0; i < documents.size(); ++i) {
            const Document& document = documents[i];
            if (!is_page_id(document.id)) {
                result.notes.push_back(tr("render.note-bad-id", fmt::arg("path", document.path),
                                          fmt::arg("id", printable(document.id, 60))));
            } else if (first_with_id.at(document.id) != i) {
                result.notes.push_back(tr("render.note-duplicate-id", fmt::arg("path", document.path),
                                          fmt::arg("other", documents[first_with_id.at(document.id)].path),
                                          fmt::arg("id", document.id)));
            } else {
                selected.push_back(i);
            }
        }
    } else {
        if (request.ids.empty()) {
            throw Error(tr("render.give-id"));
        }
        for (const std::string& id : request.ids) {
            const auto found = first_with_id.find(id);
            if (found == first_with_id.end() ||
                std::count_if(documents.begin(), documents.end(), [&](const Document& d) { return d.id == id; }) > 1) {
                find_document(workspace, id); // throws the full story: did you mean, unreadable, duplicate
                throw Error(tr("render.id-form", fmt::arg("id", printable(id, 60))));
            }
            if (std::find(selected.begin(), selected.end(), found->second) == selected.end()) {
                selected.push_back(found->second);
            }
        }
    }

    const CheckResult check = check_workspace(workspace, CheckOptions{});
    std::map<std::string, Findings> findings_by_path;
    for (const Finding& finding : check.findings) {
        findings_by_path[finding.path].push_back(finding);
    }

    const Repo* repo = workspace.repo();
    const bool has_history = repo != nullptr && repo->has_commits();
    // Commits whose trailers name a rendered document or its items, found in one walk.
    std::map<std::string, std::vector<Reference>> references;
    const std::vector<CommitInfo> history = has_history ? repo->commits_from_head() : std::vector<CommitInfo>{};
    if (has_history) {
        for (const CommitInfo& commit : history) {
            std::map<std::string, std::vector<std::string>> named; // page → IDs named
            for (const std::string& ref : referenced_ids(commit.trailers)) {
                if (const auto target = targets.find(ref); target != targets.end()) {
                    named[target->second].push_back(ref);
                }
            }
            for (auto& [page, ids] : named) {
                references[page].push_back({commit, std::move(ids)});
            }
        }
    }

    std::unordered_map<std::string, Repo::FileState> uncommitted;
    if (has_history) {
        uncommitted = repo->uncommitted_paths();
    }
    // The revisions of every page's file, in one walk of the history.
    std::vector<std::vector<FileRevision>> revisions;
    if (has_history) {
        std::vector<std::string> paths;
        for (const std::size_t i : selected) {
            paths.push_back(documents[i].path);
        }
        revisions = repo->file_histories(history, paths);
    }
    std::vector<IndexEntry> index;
    for (std::size_t n = 0; n < selected.size(); ++n) {
        const Document& document = documents[selected[n]];
        PageInput input;
        input.document = &document;
        input.in_repository = repo != nullptr;
        input.shallow = repo != nullptr && repo->is_shallow();
        if (has_history) {
            input.revisions = std::move(revisions[n]);
            input.uncommitted = uncommitted.contains(document.path);
            if (const auto found = references.find(document.id); found != references.end()) {
                input.references = found->second;
            }
            for (const std::string& sha : named_commits(document)) {
                if (auto commit = repo->commit(sha)) {
                    input.commits.emplace(sha, std::move(*commit));
                }
            }
        }
        if (const auto found = findings_by_path.find(document.path); found != findings_by_path.end()) {
            input.findings = found->second;
        }
        input.targets = &targets;
        std::string content = request.format == "html" ? document_html(input, language)
                                                       : document_markdown(input, PageOptions{language, "md"});
        result.pages.push_back({fmt::format("{}.{}", document.id, request.format), std::move(content)});
        IndexEntry entry{document.id, document.kind->name, document.title, document.status, 0, 0};
        for (const Finding& finding : input.findings) {
            ++(finding.severity == Severity::error ? entry.errors : entry.warnings);
        }
        index.push_back(std::move(entry));
    }
    if (request.all) {
        result.pages.push_back({fmt::format("index.{}", request.format),
                                request.format == "html" ? index_html(index, language)
                                                         : index_markdown(index, PageOptions{language, "md"})});
    }
    return result;
}

std::vector<std::filesystem::path> write_pages(const std::filesystem::path& folder,
                                               const std::vector<RenderedPage>& pages) {
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::symlink_status(folder, error)) &&
        !std::filesystem::is_directory(folder, error)) {
        throw Error(tr("render.output-is-file", fmt::arg("folder", folder.string())));
    }
    std::filesystem::create_directories(folder, error);
    if (error) {
        throw Error(tr("render.cannot-create-folder", fmt::arg("folder", folder.string()),
                       fmt::arg("reason", error.message())));
    }
    std::vector<std::filesystem::path> written;
    for (const RenderedPage& page : pages) {
        const std::filesystem::path file = folder / page.name;
        write_file_atomically(file, page.content);
        written.push_back(file);
    }
    return written;
}

} // namespace cswm::render
