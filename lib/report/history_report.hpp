#pragma once

#include "lib/ops/history.hpp"

#include <ostream>

namespace cswm {

/// "2026-11-04 10:20 +08:00": a commit's author time in the display zone (display_zone()).
std::string format_commit_time(const CommitInfo& commit);

/// The file's revisions, then the commits that reference the document.
void write_history_text(std::ostream& out, const HistoryResult& history);

/// {id, path, revisions: [{sha, author, email, date, subject, path}], references: [{sha, …, ids}]}
void write_history_json(std::ostream& out, const HistoryResult& history);

} // namespace cswm
