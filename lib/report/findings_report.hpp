#pragma once

#include "lib/check/checker.hpp"

#include <ostream>

namespace cswm {

/// `path:line:column: severity: ID: message [rule]`, one per line, then the waived
/// findings (`waived severity:` … `(waiver FILE:LINE: justification)`), then a summary line.
void write_findings_text(std::ostream& out, const CheckResult& result, bool color);

/// A JSON array of {rule, severity, path, line, column, id, message}; line, column and id
/// are null where unknown. Waived findings follow, each with a `waiver` object
/// {justification, expires, file, line}; only they have that key.
void write_findings_json(std::ostream& out, const CheckResult& result);

} // namespace cswm
