#pragma once

#include "lib/trace/impact.hpp"

#include <ostream>
#include <string>

namespace cswm {

/// The range and its commits, then the touched documents, requirements and test cases,
/// each with the ways the range reaches it.
void write_impact_text(std::ostream& out, const ImpactReport& impact, const std::string& language);

/// The impact as JSON, keys in a fixed order (docs/impact.md describes them).
void write_impact_json(std::ostream& out, const ImpactReport& impact);

} // namespace cswm
