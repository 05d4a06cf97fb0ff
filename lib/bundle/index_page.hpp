#pragma once

// index.html of a bundle: the page an auditor opens first.

#include "lib/bundle/evidence.hpp"
#include "lib/bundle/revision.hpp"
#include "lib/catalog/catalog.hpp"
#include "lib/chart/svg.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace cswm::bundle {

/// Everything index.html shows.
struct IndexInput {
    const Snapshot* snapshot = nullptr;
    const Catalog* catalog = nullptr;
    std::string language;
    nlohmann::json labels; ///< templates/bundle/labels.json for the language
    std::string repository;
    std::string tool;
    Findings findings;
    std::vector<TaskRow> matrix;
    std::vector<chart::BarChart> charts;
    std::size_t commits = 0;
    std::map<std::string, std::string> pages; ///< document path → member of its rendered page
    std::string trace_html;                   ///< the traceability matrix, an HTML fragment (lib/report)
    std::string trace_style;                  ///< its CSS
};

/// The labels of a language from the templates embedded in the binary.
nlohmann::json bundle_labels(const std::string& language);

/// The member name under which the source file at git `path` is stored.
std::string source_member(const std::string& path);

/// A member name as a relative URL: every byte but unreserved ones and '/' as %XX.
std::string member_href(const std::string& member);

/// The page, rendered from templates/bundle/index.html.mustache; every value escaped by
/// chart::escape_xml.
std::string render_index(const IndexInput& input);

} // namespace cswm::bundle
