#pragma once

#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"
#include "lib/workspace/config.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

/// A repository that cswm works in: its git repository, configuration and catalogue.
class Workspace {
public:
    /// Opens the repository holding `start` and reads its .cswm.yaml. Throws Error
    /// (exit 2) when there is no repository, no configuration or a broken one.
    static Workspace open(const fs::path& start);

    const Repo& repo() const { return m_repo; }
    const fs::path& root() const { return m_repo.workdir(); }
    const Config& config() const { return m_config; }
    const Catalog& catalog() const { return *m_catalog; }
    /// The absolute folder of the documents.
    fs::path documents_dir() const { return root() / m_config.root; }
    /// The folder of one kind's documents.
    fs::path kind_dir(const Kind& kind) const { return documents_dir() / kind.name; }

    /// Every file named *.yaml or *.yml under the documents folder, sorted, hidden
    /// names skipped, symlinked folders not followed. Folders it cannot list are
    /// returned in `unreadable`.
    struct Scan {
        std::vector<fs::path> files;
        std::vector<std::pair<fs::path, std::string>> unreadable;
    };
    Scan scan() const;

    /// Reads and parses one document file; problems become its findings.
    Document load(const fs::path& file) const;

    /// Reads every document of the tree.
    std::vector<Document> load_all() const;

private:
    Workspace(Repo repo, Config config);
    Repo m_repo;
    Config m_config;
    const Catalog* m_catalog;
};

} // namespace cswm
