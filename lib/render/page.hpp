#pragma once

#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"
#include "lib/model/finding.hpp"
#include "lib/ops/history.hpp"

#include <map>
#include <string>
#include <vector>

namespace cswm::render {

/// Everything one page shows besides the document itself, gathered by the caller (from the
/// working tree and HEAD, or from the objects of a revision): the renderer reads nothing.
struct PageInput {
    const Document* document = nullptr;        ///< parsed and of a known kind
    std::vector<FileRevision> revisions;       ///< commits that changed the file, newest first
    std::vector<Reference> references;         ///< commits whose trailers name it, newest first
    bool in_repository = true;                 ///< false: no history to show
    bool shallow = false;                      ///< the clone is shallow: older revisions are missing
    bool uncommitted = false;                  ///< the text shown differs from the newest revision
    Findings findings;                         ///< check findings of this document's file
    std::map<std::string, CommitInfo> commits; ///< commits that fields name, by full SHA, when known
    /// Document and item IDs that have a page, mapped to the document ID of that page
    /// (TC-101 → QS-004); values equal to such an ID become links. Null: no links. Shared by
    /// every page of a run (a copy per page would cost pages × IDs).
    const std::map<std::string, std::string>* targets = nullptr;
};

/// The page of every document and item ID of `documents` (TC-101 → QS-004), for
/// PageInput::targets: documents whose ID is PREFIX-NNN, the first file of an ID winning.
std::map<std::string, std::string> page_targets(const std::vector<Document>& documents);

/// The full commit SHAs that the document's fields hold, for PageInput::commits.
std::vector<std::string> named_commits(const Document& document);

/// True for an ID that may name a page file: PREFIX-NNN, nothing that could leave the folder.
bool is_page_id(const std::string& id);

/// How pages link to each other and which words they use.
struct PageOptions {
    std::string language = "en";  ///< en or zh-TW
    std::string extension = "md"; ///< of linked pages: ID.md or ID.html, in the same folder
};

/// The document as one Markdown page: form header, sections, sign-off, git history,
/// findings and the commits it names. Deterministic: no clock, no environment.
std::string document_markdown(const PageInput& input, const PageOptions& options);

/// The same page as a self-contained HTML file (inline CSS, no scripts, no network),
/// from document_markdown with `.html` links through cmark-gfm.
std::string document_html(const PageInput& input, const std::string& language);

/// One row of the index page.
struct IndexEntry {
    std::string id;
    std::string kind; ///< kind name, such as test-report
    std::string title;
    std::string status;
    std::size_t errors = 0;
    std::size_t warnings = 0;
};

/// The index page of a rendered folder: one linked row per document.
std::string index_markdown(const std::vector<IndexEntry>& entries, const PageOptions& options);
std::string index_html(const std::vector<IndexEntry>& entries, const std::string& language);

/// A whole HTML page around a body made by markdown_to_html, with the inline stylesheet.
std::string html_page(const std::string& title, const std::string& body_html, const std::string& language);

} // namespace cswm::render
