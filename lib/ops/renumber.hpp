#pragma once

#include "lib/git/repo.hpp"
#include "lib/workspace/journal.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace cswm {

class Workspace;

struct RenumberRequest {
    std::string old_id;         ///< a document ID (SRS-001) or an item ID (REQ-042)
    std::string new_id;         ///< empty: the next free ID of the kind, as `cswm new` picks it
    std::filesystem::path file; ///< which document, when OLD names several (empty otherwise)
    std::filesystem::path base; ///< what a relative `file` is relative to
    bool dry_run = false;       ///< prepare and verify everything, write nothing
};

/// One place where the ID was (or, for `left`, still is) written.
struct IdMention {
    std::string path; ///< relative to the repository root
    int line = 0;
    std::string field; ///< "cases[2].verifies[0]" for a value that is the ID alone, else empty (text, comment)
};

struct RenumberResult {
    std::string old_id;
    std::string new_id;
    bool item = false;                ///< OLD is a requirement or test case inside a document
    bool duplicate = false;           ///< OLD named several documents or items, and still names the others
    std::string path;                 ///< the file that defines OLD
    std::string new_path;             ///< its path now (renamed when its name began with OLD)
    std::vector<IdMention> rewritten; ///< every mention rewritten, by path and line
    std::vector<IdMention> left;      ///< mentions left as written: OLD still names another document
    std::vector<CommitInfo> commits;  ///< commits whose Refs: trailers name OLD: history cannot change
    std::size_t files = 0;            ///< files changed
};

/// Gives one document or item a new ID and rewrites every mention of the old one in the
/// tree (link fields, free text, comments, .cswm.yaml's waivers), renaming the document's
/// file when its name begins with the ID. Every edit is prepared in memory and verified
/// by parsing it again (only the ID may change) before anything is written, under the
/// lock `cswm new` holds; when a write fails, the files already written are restored.
/// When OLD names several documents (two branches took the same next ID), `file` must say
/// which; then only that document changes and the other mentions are listed in `left`.
/// Throws Error (exit 2) for an unknown OLD, a NEW that is taken or malformed, and for
/// anything that stops the edit; then nothing is written.
RenumberResult renumber(const Workspace& workspace, const RenumberRequest& request);

/// Takes the lock of every writer, which finishes (or rolls back) a renumber killed
/// halfway: says what it settled (`cswm renumber --resume`).
Settled resume_renumber(const Workspace& workspace);

/// Offsets of `id` in `text` where it stands as a whole ID: not inside a longer word or
/// number (SRS-001 is not found in SRS-0010 or XSRS-001).
std::vector<std::size_t> find_id_mentions(std::string_view text, std::string_view id);

} // namespace cswm
