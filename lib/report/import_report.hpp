#pragma once

#include "lib/import/junit_import.hpp"

#include <ostream>

namespace cswm {

/// What an import did, for people: the report written, each case of the spec with its
/// outcome and tests, and the summary.
void write_import_text(std::ostream& out, const JunitImportResult& result);

/// What the user should look at, one `warning:` line each: unmapped tests, cases with no
/// result, tests naming TC IDs the spec lacks, durations left out, suite-level errors,
/// files without tests, runs without timestamps.
void write_import_warnings(std::ostream& err, const JunitImportResult& result);

} // namespace cswm
