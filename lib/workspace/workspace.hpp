#pragma once

#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"
#include "lib/util/files.hpp"
#include "lib/workspace/config.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

/// Parses a document's bytes into `document` (whose path is set): the YAML, its problems as
/// findings, and the id, title, status and kind. Workspace::load and the bundle's reading
/// of git blobs share it, so a file and a blob of the same bytes load alike.
void parse_document_bytes(Document& document, std::string_view bytes, const YamlLimits& limits, const Catalog& catalog,
                          Places places = Places::record, TextSource source = {});

/// Throws Error (exit 2) when the documents folder of `config`, under the repository's
/// top folder `top`, goes through a symbolic link (into the repository or out of it).
void check_documents_root(const fs::path& top, const Config& config);

/// The same for the tree of commit `commit_sha` (what `bundle` reads): git keeps a link,
/// not the documents behind it, so a committed root through a link is refused alike.
void check_committed_root(const Repo& repo, const std::string& commit_sha, const Config& config);

/// A repository that cswm works in: its configuration, catalogue and, usually, its git
/// repository.
class Workspace {
public:
    /// Opens the git repository holding `start` and reads its .cswm.yaml; outside git,
    /// the nearest folder up from `start` that has a .cswm.yaml. Throws Error (exit 2)
    /// when there is no configuration or a broken one.
    static Workspace open(const fs::path& start);

    /// The git repository, or nullptr when the workspace is not in one.
    const Repo* repo() const { return m_repo ? &*m_repo : nullptr; }
    /// The git repository; throws Error (exit 2) naming `command` when there is none.
    const Repo& require_repo(std::string_view command) const;
    const fs::path& root() const { return m_root; }
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

    /// Reads and parses one document file; problems become its findings. With
    /// Places::on_demand, the file is read again when a place is first asked for.
    Document load(const fs::path& file, Places places = Places::record) const;

    /// Parses one document file from what read_regular_file returned for it.
    Document load_read(const fs::path& file, const ReadResult& read, Places places = Places::record) const;

    /// Reads every document of the tree.
    std::vector<Document> load_all(Places places = Places::record) const;

    /// Reads every document of a scan made before; `already_read[i]`, when set, holds the
    /// bytes of `found.files[i]` read already (the check cache hashed them). `then`, when
    /// set, is called with each file's index and document as soon as it is read, on the
    /// thread that read it: work of one document done while the others are parsed.
    std::vector<Document> load_scanned(const Scan& found, const std::vector<std::optional<ReadResult>>& already_read,
                                       Places places = Places::record,
                                       const std::function<void(std::size_t, const Document&)>& then = {}) const;

    /// Where `cswm new` holds its lock: inside .git, or the workspace root outside git.
    fs::path lock_file() const;

private:
    Workspace(std::optional<Repo> repo, fs::path root, Config config);
    std::optional<Repo> m_repo;
    fs::path m_root;
    Config m_config;
    const Catalog* m_catalog;
};

} // namespace cswm
