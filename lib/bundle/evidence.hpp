#pragma once

// The competency evidence matrix: for each task and behaviour of ISD3512-001v1, the
// documents (or, for T2.2, the commits) that evidence it, and what is missing.

#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"

#include <map>
#include <string>
#include <vector>

namespace cswm::bundle {

/// A document or commit that evidences a behaviour.
struct Evidence {
    std::string id;     ///< document ID, or the commit's short SHA
    std::string path;   ///< document path; empty for a commit
    std::string status; ///< document status; the commit's summary for a commit
};

/// Something a behaviour lacks.
struct Gap {
    enum class Type {
        no_document,    ///< no document of `kind` at all
        only_drafts,    ///< documents of `kind`, all still drafts
        empty_sections, ///< document `id` leaves `sections` empty
        no_commits,     ///< T2.2: no commit shows it (`kind` names which rule)
    };
    Type type = Type::no_document;
    std::string kind;
    std::string id;
    std::vector<std::string> sections;
};

struct BehaviourRow {
    std::string code; ///< P2.4.1
    std::vector<Evidence> evidence;
    std::vector<Gap> gaps;
};

struct TaskRow {
    std::string code; ///< T2.4
    std::vector<BehaviourRow> behaviours;
};

/// The top-level keys of a scaffold that each behaviour's comment (`# P2.4.1 …`) heads,
/// up to the next blank line.
std::map<std::string, std::vector<std::string>> sections_by_behaviour(const std::string& scaffold);

/// True when a value says something: not null, not empty, not a scaffold placeholder.
bool is_filled(const nlohmann::json& value);

/// The matrix, tasks in the standard's order. `history` is every commit of the revision;
/// documents are the revision's.
std::vector<TaskRow> competency_matrix(const std::vector<Document>& documents, const Catalog& catalog,
                                       const std::vector<CommitInfo>& history);

} // namespace cswm::bundle
