#pragma once

#include "lib/logscan/review.hpp"
#include "lib/logscan/scan.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace cswm {

/// Per file: lines, entries, format, time range; then each signature, worst first:
/// level, count, template, first and last seen, one example line.
void write_logscan_text(std::ostream& out, const logscan::LogScan& scan, bool color);

/// {sources: [...], since, until, entries, signatures: [{id, signature, level, count, levels,
/// first_seen, last_seen, is_new, example: {source, line, text}, sources}]}
void write_logscan_json(std::ostream& out, const logscan::LogScan& scan);

/// One signature object (as in the JSON) per line.
void write_logscan_jsonl(std::ostream& out, const logscan::LogScan& scan);

/// One input line's outcome: `{"source": …, "line": 12, "signature": "S3"}` (jsonl) or
/// `path:12<TAB>S3` (text); a continuation line says so; no signature is null or `-`.
void write_line_outcome(std::ostream& out, const logscan::LineOutcome& outcome, const std::vector<std::string>& files,
                        bool jsonl);

} // namespace cswm
