#include "lib/bundle/revision.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <ctime>

namespace cswm::bundle {
namespace {

bool is_document_name(const std::string& path) {
    return path.ends_with(".yaml") || path.ends_with(".yml");
}

bool is_hidden(const std::string& path, std::size_t root_length) {
    // Any component below the documents folder that starts with '.', as the scan skips.
    for (std::size_t i = root_length; i < path.size(); ++i) {
        if (path[i] == '.' && (i == 0 || path[i - 1] == '/')) {
            return true;
        }
    }
    return false;
}

/// A document from blob bytes, as Workspace::load makes one from a file.
Document load_from_blob(const SourceFile& source, const Config& config, const Catalog& catalog) {
    Document document;
    document.path = source.tree.path;
    document.file = source.tree.path;
    auto file_finding = [&](std::string rule, std::string message) {
        document.findings.push_back({Severity::error, std::move(rule), document.path, 0, 0, "", std::move(message)});
    };
    if (source.tree.type == TreeFile::Type::symlink) {
        file_finding("file", tr("workspace.symlink"));
        return document;
    }
    if (source.tree.type == TreeFile::Type::submodule) {
        file_finding("file", tr("workspace.not-regular", fmt::arg("what", tr("bundle.a-submodule"))));
        return document;
    }
    if (source.content.size() > config.max_document_bytes) {
        file_finding("limits", tr("workspace.too-large", fmt::arg("size", source.content.size()),
                                  fmt::arg("limit", config.max_document_bytes)));
        return document;
    }
    parse_document_bytes(document, source.content, config.yaml, catalog);
    return document;
}

} // namespace

std::string iso_utc(long long seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec);
}

Snapshot read_snapshot(const Repo& repo, const std::string& revision, const Catalog& catalog) {
    Snapshot snapshot;
    const std::string sha = repo.resolve_commit(revision);
    const auto commit = repo.commit(sha);
    if (!commit) {
        throw Error(tr("bundle.commit-unreadable", fmt::arg("sha", sha)));
    }
    snapshot.commit = *commit;
    snapshot.commit_time = iso_utc(commit->commit_time);
    snapshot.commit_date = snapshot.commit_time.substr(0, 10);

    const auto config_blob = repo.blob_at_path(sha, k_config_file);
    if (!config_blob) {
        throw Error(tr("bundle.no-config", fmt::arg("revision", sha.substr(0, 10)), fmt::arg("file", k_config_file)));
    }
    std::size_t config_size = 0;
    const auto config_text = repo.blob_content(*config_blob, 1U << 20U, &config_size);
    if (!config_text) {
        throw Error(
            tr("bundle.config-too-large", fmt::arg("file", k_config_file), fmt::arg("revision", sha.substr(0, 10))));
    }
    snapshot.config = parse_config(*config_text, fmt::format("{} (at {})", k_config_file, sha.substr(0, 10)));
    snapshot.sources.push_back({TreeFile{k_config_file, *config_blob, TreeFile::Type::file}, *config_text});

    check_committed_root(repo, sha, snapshot.config);
    const std::string& root = snapshot.config.root;
    for (TreeFile& file : repo.tree_files(sha, root)) {
        SourceFile source;
        source.tree = std::move(file);
        if (source.tree.type != TreeFile::Type::submodule) {
            std::size_t size = 0;
            auto content = repo.blob_content(source.tree.blob, k_max_source_bytes, &size);
            if (!content) {
                throw Error(tr("bundle.source-too-large", fmt::arg("path", printable(source.tree.path)),
                               fmt::arg("revision", sha.substr(0, 10)), fmt::arg("size", size),
                               fmt::arg("max", k_max_source_bytes)));
            }
            source.content = std::move(*content);
        }
        const std::string& path = source.tree.path;
        if (path != k_config_file && is_document_name(path) && !is_hidden(path, root.size() + 1)) {
            snapshot.documents.push_back(load_from_blob(source, snapshot.config, catalog));
        }
        // Parsed: the bundle reads the blob again when it packs it, so that memory does
        // not hold every file of the tree at once.
        std::string().swap(source.content);
        snapshot.sources.push_back(std::move(source));
    }
    std::string().swap(snapshot.sources.front().content);
    return snapshot;
}

} // namespace cswm::bundle
