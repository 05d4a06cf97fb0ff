#pragma once

#include "lib/model/document.hpp"
#include "lib/model/finding.hpp"

#include <filesystem>
#include <vector>

namespace cswm {

class Workspace;

/// What `check` found.
struct CheckResult {
    Findings findings;         ///< sorted by path, line and column
    std::size_t documents = 0; ///< documents whose findings were reported

    std::size_t count(Severity severity) const;
};

/// Runs every rule over every document (cross-document rules need the whole tree) and
/// keeps the findings of files under `only` (all when empty; relative paths are taken
/// from `base`). Throws Error when a path of `only` does not exist or is outside.
CheckResult check_workspace(const Workspace& workspace, const std::vector<std::filesystem::path>& only,
                            const std::filesystem::path& base);

/// The rules themselves, over documents already loaded: what check_workspace runs.
Findings check_documents(const std::vector<Document>& documents, const Catalog& catalog,
                         std::string_view documents_root);

} // namespace cswm
