#pragma once

#include "lib/chart/svg.hpp"
#include "lib/trace/status.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace cswm {

/// The open work, list by list, with ages in days and the log-review cadence.
void write_status_text(std::ostream& out, const StatusReport& status, const std::string& language);

/// The open work as JSON, keys in a fixed order (docs/status.md describes them).
void write_status_json(std::ostream& out, const StatusReport& status);

/// The open work and `charts` as one self-contained HTML page (inline CSS, no scripts, no
/// network, printable), from templates/render/status.html.mustache.
void write_status_html(std::ostream& out, const StatusReport& status, const std::vector<chart::BarChart>& charts,
                       const std::string& language);

} // namespace cswm
