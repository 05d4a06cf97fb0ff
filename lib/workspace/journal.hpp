#pragma once

// A plan of edits to several files that must land together (renumber's), written before
// the first edit and removed after the last, so that a writer killed halfway leaves a
// record the next writer uses to finish it, or to roll it back, as a whole.

#include "lib/util/files.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

class Workspace;

/// One file of a plan: `from` holds `before` now; afterwards `to` (the same path, or the
/// new name of a renamed file) holds `after`. Paths are relative to the workspace root.
struct JournalEntry {
    std::string from;
    std::string to;
    std::string before;
    std::string after;
};

/// What the plan is, for messages ("renumber SRS-001 SRS-009"), and its files.
struct Journal {
    std::string what;
    std::vector<JournalEntry> entries;
};

/// How an interrupted plan was settled.
struct Settled {
    enum class Outcome { nothing, finished, rolled_back } outcome = Outcome::nothing;
    std::string what;
};

/// Where the plan is kept: .git/cswm/journal.json, or .cswm-journal.json outside git.
fs::path journal_file(const Workspace& workspace);

/// Writes the plan atomically (and durably) before its first edit. Throws Error.
void write_journal(const fs::path& file, const Journal& journal);

/// Removes the plan after its last edit (or after a complete rollback).
void remove_journal(const fs::path& file);

/// Reads a plan left by a killed writer, if any. Throws Error when it cannot be read.
std::optional<Journal> read_journal(const fs::path& file);

/// Brings every file of a plan left behind to its new state (or, when that fails, every
/// file back to its old state) and removes the plan. Call it only while holding the lock
/// of every writer. Throws Error, leaving the plan in place, when a file of the plan holds
/// neither its old nor its new content (changed by hand since), or when neither way works.
Settled settle_journal(const fs::path& file, const fs::path& root);

/// The lock every writer of documents holds (Workspace::lock_file), taken, then any plan a
/// killed writer left settled, before the writer reads what it edits.
class WriteLock {
public:
    explicit WriteLock(const Workspace& workspace);
    /// What taking the lock settled.
    const Settled& settled() const { return m_settled; }

private:
    FileLock m_lock;
    Settled m_settled;
};

} // namespace cswm
