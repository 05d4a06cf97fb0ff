#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace cswm {

class Workspace;

namespace render {

/// What `cswm render` is asked for.
struct RenderRequest {
    std::vector<std::string> ids; ///< documents to render; ignored with `all`
    bool all = false;             ///< every document, and an index page
    std::string format = "md";    ///< md or html
    std::string language;         ///< en or zh-TW; empty: the workspace's language
};

/// One file of the output: a page named ID.md / ID.html, or index.md / index.html.
struct RenderedPage {
    std::string name;
    std::string content;
};

struct RenderResult {
    std::vector<RenderedPage> pages; ///< in the standard's order of kinds, then ID; the index last
    std::vector<std::string> notes;  ///< documents left out and why, for stderr
};

/// Renders documents of the working tree with their history from HEAD and their check
/// findings. Throws Error for an unknown ID (with "did you mean"), format or language.
RenderResult render_documents(const Workspace& workspace, const RenderRequest& request);

/// Writes the pages into `folder` (created when missing), each atomically, replacing
/// earlier renders of the same name. Returns the files written, in order.
std::vector<std::filesystem::path> write_pages(const std::filesystem::path& folder,
                                               const std::vector<RenderedPage>& pages);

} // namespace render
} // namespace cswm
