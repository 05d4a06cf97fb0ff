#pragma once

// The three views over a workspace, as the commands run them: the documents loaded once,
// git read where there is a repository.

#include "lib/chart/svg.hpp"
#include "lib/trace/impact.hpp"
#include "lib/trace/status.hpp"
#include "lib/trace/trace.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cswm {

class Workspace;

/// The documents a view read, for a caller that ends the process soon after and would
/// rather keep them than free them one node at a time (cli::Context::keep_until_exit).
using LoadedDocuments = std::shared_ptr<const std::vector<Document>>;

/// `cswm trace`: the matrix of the workspace's documents, with the `Refs:` trailers of the
/// commits from HEAD when it is in a git repository. `loaded`, when given, receives the
/// documents read.
TraceMatrix trace_workspace(const Workspace& workspace, const std::string& from, LoadedDocuments* loaded = nullptr);

/// `cswm status`: the open work, dated against today (CSWM_TODAY overrides it).
StatusReport status_workspace(const Workspace& workspace, LoadedDocuments* loaded = nullptr);

/// `cswm status --format html`: the open work and the charts of a bundle's index page,
/// drawn at today with labels in `language`.
struct StatusPage {
    StatusReport status;
    std::vector<chart::BarChart> charts; ///< outcomes per report, open anomalies by age, days to a verified fix
};
StatusPage status_page_workspace(const Workspace& workspace, const std::string& language);

/// `cswm impact`: what the commits of a range touch. Throws Error (exit 2) outside git or
/// for a bad range.
ImpactReport impact_workspace(const Workspace& workspace, const std::string& range);

} // namespace cswm
