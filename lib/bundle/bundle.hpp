#pragma once

// `cswm bundle`: an audit bundle of one revision, and its verification.

#include "lib/bundle/archive.hpp"
#include "lib/bundle/manifest.hpp"
#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm::bundle {

/// What to bundle and how.
struct BundleOptions {
    std::string revision = "HEAD";
    std::string language;      ///< en or zh-TW; empty: .cswm.yaml's as of the revision
    bool with_patches = false; ///< one patch file per linked commit
    ArchiveFormat format = ArchiveFormat::tar_gz;
    std::string tool;                               ///< "cswm 0.1.0", recorded in the manifest
    std::string repository_name;                    ///< shown in index.html; empty: repository_name(repo)
    std::function<void(std::string_view)> progress; ///< stage messages, when set
};

/// A bundle made in memory.
struct BundleOutput {
    std::string archive; ///< the file's bytes
    Manifest manifest;
    std::size_t documents = 0;
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t commits = 0;
    std::vector<std::string> notes; ///< said once on stderr, such as a shallow clone's
};

/// Reads the revision from git objects, checks it, and packs index.html, the sources,
/// commits.json (patches) and manifest.json. Throws Error (exit 2) when it cannot.
BundleOutput build_bundle(const Repo& repo, const Catalog& catalog, const BundleOptions& options);

/// The name index.html shows: the last component of remote.origin.url (without .git),
/// else the working tree's folder name.
std::string repository_name(const Repo& repo);

/// One difference between an archive and its manifest (or the repository).
struct VerifyProblem {
    enum class Type { missing, extra, modified, unsafe, duplicate, manifest, repository };
    Type type = Type::modified;
    std::string name; ///< member name, shown safely
    std::string detail;
};

std::string problem_label(VerifyProblem::Type type);

/// What verify found.
struct VerifyResult {
    std::optional<Manifest> manifest;
    std::size_t members = 0;  ///< members read (manifest.json included)
    std::size_t verified = 0; ///< members whose hash matched
    std::vector<VerifyProblem> problems;
};

/// Reads the archive without extracting it, recomputes every hash and compares with
/// manifest.json; with `repo`, also compares the sources with the git blobs of the
/// manifest's revision and looks for sources the bundle lacks. Throws Error(exit 1) for
/// an archive that hits a limit or is broken, Error(exit 2) when the file cannot be read.
VerifyResult verify_bundle(const std::string& file, const Repo* repo, const ReadLimits& limits = {},
                           std::string_view shown = {});

} // namespace cswm::bundle
