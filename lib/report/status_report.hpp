#pragma once

#include "lib/trace/status.hpp"

#include <ostream>
#include <string>

namespace cswm {

/// The open work, list by list, with ages in days and the log-review cadence.
void write_status_text(std::ostream& out, const StatusReport& status, const std::string& language);

/// The open work as JSON, keys in a fixed order (docs/status.md describes them).
void write_status_json(std::ostream& out, const StatusReport& status);

} // namespace cswm
