#include "lib/workspace/workspace.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/model/json_text.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/parallel.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <system_error>

namespace cswm {
namespace {

/// As fs::path::extension() of a file name: from the last dot, but none for a name that
/// starts with its only dot, or for "." and "..".
bool is_document_name(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || name == "..") {
        return false;
    }
    const std::string_view extension = name.substr(dot);
    return extension == ".yaml" || extension == ".yml";
}

/// A folder the walk enters: a directory itself, not a symbolic link to one. The type
/// readdir gave, or (a file system that gives none) the entry's own status.
bool is_real_directory(const std::string& path, unsigned char type) {
    if (type != DT_UNKNOWN) {
        return type == DT_DIR;
    }
    struct stat status {};
    return ::lstat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

/// The loader says which bound a document passed; the finding also names the setting of
/// .cswm.yaml that moves it (yaml-cpp's own ceiling on nesting, past any setting, has no
/// count in its message and no setting).
std::string limit_message(const YamlProblem& problem, const YamlLimits& limits) {
    if (problem.rule != "limits") {
        return problem.message;
    }
    if (problem.message == tr("yaml.too-deep", fmt::arg("max", limits.max_depth))) {
        return tr("workspace.limit-setting", fmt::arg("message", problem.message),
                  fmt::arg("setting", "limits.max_depth"));
    }
    if (problem.message == tr("yaml.too-many-values", fmt::arg("max", limits.max_nodes))) {
        return tr("workspace.limit-setting", fmt::arg("message", problem.message),
                  fmt::arg("setting", "limits.max_nodes"));
    }
    return problem.message;
}

} // namespace

void parse_document_bytes(Document& document, std::string_view bytes, const YamlLimits& limits, const Catalog& catalog,
                          Places places, TextSource source) {
    document.yaml = parse_yaml_document(bytes, limits, places, std::move(source));
    document.modeline = find_schema_modeline(bytes);
    document.blob = Repo::blob_id_of(bytes);
    for (const YamlProblem& problem : document.yaml.problems) {
        document.findings.push_back({Severity::error, problem.rule, document.path, problem.position.line,
                                     problem.position.column, "", limit_message(problem, limits)});
    }
    if (document.parsed()) {
        const nlohmann::json& data = document.data();
        document.id = json_text(data, "id");
        document.title = json_text(data, "title");
        document.status = json_text(data, "status");
        document.kind = catalog.find(json_text(data, "kind"));
        for (Finding& finding : document.findings) {
            finding.id = document.id;
        }
    }
}

// `root:` was already checked as text (relative, no `..` out); a symbolic link on the way would still lead
// the scan, and `new`'s writes, anywhere on the machine, and git keeps a link, not the
// documents behind it. So any link among root's existing folders stops the command.
void check_documents_root(const fs::path& top, const Config& config) {
    fs::path walked = top;
    for (const fs::path& part : fs::path(config.root)) {
        walked /= part;
        std::error_code error;
        const fs::file_status status = fs::symlink_status(walked, error);
        if (error || !fs::exists(status)) {
            return; // not made yet (`cswm init` makes it): nothing to follow
        }
        if (!fs::is_symlink(status)) {
            continue;
        }
        const std::string link = relative_to(walked, top);
        const fs::path target = fs::canonical(walked, error);
        if (error) {
            throw Error(tr("workspace.root-link-unresolved", fmt::arg("file", config.file),
                           fmt::arg("root", printable(config.root)), fmt::arg("link", printable(link)),
                           fmt::arg("reason", error.message())));
        }
        const fs::path inside = target.lexically_relative(fs::canonical(top, error));
        const bool outside = error || inside.empty() || *inside.begin() == "..";
        throw Error(tr(outside ? "workspace.root-link-outside" : "workspace.root-link", fmt::arg("file", config.file),
                       fmt::arg("root", printable(config.root)), fmt::arg("link", printable(link)),
                       fmt::arg("target", printable(target.string()))));
    }
}

void check_committed_root(const Repo& repo, const std::string& commit_sha, const Config& config) {
    const std::string root = fs::path(config.root).lexically_normal().generic_string();
    const auto link = repo.link_on_path(commit_sha, root);
    if (!link) {
        return;
    }
    // Where the link leads, read as text from the folder that holds it (nothing is resolved on disk).
    const fs::path target = (fs::path(link->first).parent_path() / link->second).lexically_normal();
    const bool outside =
        link->second.empty() || fs::path(link->second).is_absolute() || target.empty() || *target.begin() == "..";
    throw Error(tr(outside ? "workspace.root-link-outside" : "workspace.root-link", fmt::arg("file", config.file),
                   fmt::arg("root", printable(config.root)), fmt::arg("link", printable(link->first)),
                   fmt::arg("target", printable(link->second))));
}

Workspace::Workspace(std::optional<Repo> repo, fs::path root, Config config)
    : m_repo(std::move(repo)), m_root(std::move(root)), m_config(std::move(config)), m_catalog(&Catalog::builtin()) {
}

Workspace Workspace::open(const fs::path& start) {
    std::optional<Repo> repo = Repo::discover_if_any(start);
    std::error_code error;
    fs::path root;
    if (repo) {
        root = repo->workdir();
        if (!fs::exists(fs::symlink_status(root / k_config_file, error))) {
            throw Error(tr("workspace.no-config", fmt::arg("file", k_config_file), fmt::arg("folder", root.string())));
        }
    } else {
        for (fs::path folder = fs::absolute(start, error).lexically_normal(); !folder.empty();
             folder = folder.parent_path()) {
            if (fs::exists(fs::symlink_status(folder / k_config_file, error))) {
                root = folder;
                break;
            }
            if (folder == folder.root_path()) {
                break;
            }
        }
        if (root.empty()) {
            throw Error(
                tr("workspace.nothing-here", fmt::arg("file", k_config_file), fmt::arg("folder", start.string())));
        }
    }
    Config config = load_config(root / k_config_file, k_config_file);
    check_documents_root(root, config);
    return Workspace(std::move(repo), std::move(root), std::move(config));
}

const Repo& Workspace::require_repo(std::string_view command) const {
    if (!m_repo) {
        throw Error(tr("workspace.needs-git", fmt::arg("command", command), fmt::arg("folder", m_root.string())));
    }
    return *m_repo;
}

fs::path Workspace::lock_file() const {
    return m_repo ? m_repo->git_dir() / k_writer_lock_name : m_root / (std::string(".") + k_writer_lock_name);
}

Workspace::Scan Workspace::scan() const {
    Scan scan;
    std::error_code error;
    if (!fs::is_directory(fs::symlink_status(documents_dir(), error))) {
        return scan;
    }
    // readdir and strings, not directory_iterator and paths: the entries' types come with
    // the names, and a path object is made once per file, at the end (at N = 10,000 the
    // walk took 12 ms with paths, 5 ms without). An explicit stack: one unreadable folder
    // must not end the walk, and symlinked folders are never entered.
    std::vector<std::string> files;
    std::vector<std::string> folders{documents_dir().native()};
    while (folders.front().size() > 1 && folders.front().ends_with('/')) {
        folders.front().pop_back(); // "maint/" as "maint": no doubled separators below it
    }
    while (!folders.empty()) {
        const std::string folder = std::move(folders.back());
        folders.pop_back();
        const std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(folder.c_str()), &::closedir);
        if (!dir) {
            scan.unreadable.emplace_back(folder, std::error_code(errno, std::generic_category()).message());
            continue;
        }
        while (true) {
            errno = 0;
            const dirent* entry = ::readdir(dir.get());
            if (entry == nullptr) {
                if (errno != 0) {
                    scan.unreadable.emplace_back(folder, std::error_code(errno, std::generic_category()).message());
                }
                break;
            }
            const std::string_view name = entry->d_name;
            if (name.empty() || name[0] == '.') {
                continue; // hidden, and "." and ".."
            }
            std::string path = folder + '/' + std::string(name);
            if (is_document_name(name)) {
                files.push_back(std::move(path)); // even a folder so named: check reports it
            } else if (is_real_directory(path, entry->d_type)) {
                folders.push_back(std::move(path));
            }
        }
    }
    // In the order of fs::path's comparison, element by element, by strings with the
    // separator below every other byte: the same order, without splitting 10,000 paths
    // into elements at every comparison.
    std::vector<std::pair<std::string, std::size_t>> keyed;
    keyed.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::string key = files[i];
        std::replace(key.begin(), key.end(), '/', '\0');
        keyed.emplace_back(std::move(key), i);
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    scan.files.reserve(files.size());
    for (const auto& [key, i] : keyed) {
        scan.files.emplace_back(std::move(files[i]));
    }
    return scan;
}

Document Workspace::load(const fs::path& file, Places places) const {
    return load_read(file, read_regular_file(file, m_config.max_document_bytes), places);
}

Document Workspace::load_read(const fs::path& file, const ReadResult& read, Places places) const {
    Document document;
    document.file = file;
    document.path = relative_to(file, root());
    auto file_finding = [&](std::string rule, std::string message) {
        document.findings.push_back({Severity::error, std::move(rule), document.path, 0, 0, "", std::move(message)});
    };
    switch (read.problem) {
    case ReadProblem::none:
        break;
    case ReadProblem::symlink:
        file_finding("file", tr("workspace.symlink"));
        return document;
    case ReadProblem::not_regular:
        file_finding("file", tr("workspace.not-regular", fmt::arg("what", read.detail)));
        return document;
    case ReadProblem::too_large:
        file_finding("limits", tr("workspace.too-large", fmt::arg("size", read.size),
                                  fmt::arg("limit", m_config.max_document_bytes)));
        return document;
    case ReadProblem::unreadable:
        file_finding("file", tr("workspace.unreadable", fmt::arg("reason", read.detail)));
        return document;
    }
    // On demand, the places come from the file read again: nothing of its text is kept
    // meanwhile (the loader makes none if the file changed since).
    TextSource source;
    if (places == Places::on_demand) {
        source = [file, max_bytes = m_config.max_document_bytes]() -> std::optional<std::string> {
            ReadResult again = read_regular_file(file, max_bytes);
            return again.problem == ReadProblem::none ? std::optional<std::string>(std::move(again.content))
                                                      : std::nullopt;
        };
    }
    parse_document_bytes(document, read.content, m_config.yaml, *m_catalog, places, std::move(source));
    return document;
}

std::vector<Document> Workspace::load_all(Places places) const {
    return load_scanned(scan(), {}, places);
}

std::vector<Document> Workspace::load_scanned(const Scan& found,
                                              const std::vector<std::optional<ReadResult>>& already_read, Places places,
                                              const std::function<void(std::size_t, const Document&)>& then) const {
    // Parsing is most of the work of every command that reads the tree: spread it over
    // the cores. Each document lands in its own slot, so the order stays the scan's.
    std::vector<Document> documents(found.files.size());
    documents.reserve(found.files.size() + found.unreadable.size());
    parallel_for(found.files.size(), [&](std::size_t i) {
        documents[i] = i < already_read.size() && already_read[i] ? load_read(found.files[i], *already_read[i], places)
                                                                  : load(found.files[i], places);
        if (then) {
            then(i, documents[i]);
        }
    });
    for (const auto& [folder, reason] : found.unreadable) {
        Document document;
        document.file = folder;
        document.path = relative_to(folder, root());
        document.findings.push_back({Severity::error, "file", document.path, 0, 0, "",
                                     tr("workspace.folder-unreadable", fmt::arg("reason", reason))});
        documents.push_back(std::move(document));
    }
    return documents;
}

} // namespace cswm
