#pragma once

// `cswm bundle`: an audit bundle of one revision, and its verification.

#include "lib/bundle/archive.hpp"
#include "lib/bundle/manifest.hpp"
#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm::bundle {

/// What to bundle, how, and where.
struct BundleOptions {
    std::string revision = "HEAD";
    std::string language;      ///< en or zh-TW; empty: .cswm.yaml's as of the revision
    bool with_patches = false; ///< one patch file per linked commit
    ArchiveFormat format = ArchiveFormat::tar_gz;
    std::string tool;                               ///< "cswm 0.1.0", recorded in the manifest
    std::string repository_name;                    ///< shown in index.html; empty: repository_name(repo)
    std::string output;                             ///< the file, as named; empty: <repository>-<SHA, 10>.tar.gz
    std::filesystem::path base;                     ///< the folder a relative `output` is in
    std::function<void(std::string_view)> progress; ///< stage messages, when set
};

/// A bundle written to its file.
struct BundleOutput {
    std::string file;        ///< as named in the options, or the name chosen
    std::uint64_t bytes = 0; ///< the file's size
    Manifest manifest;
    std::size_t documents = 0;
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t commits = 0;
    std::vector<std::string> notes; ///< said once on stderr, such as a shallow clone's
};

/// Reads the revision from git objects, checks it, and writes the archive: commits.json,
/// index.html, the pages, the patches and the sources in name order, made a few at a time
/// and streamed into a temporary file beside the destination, then manifest.json (every
/// member's size and SHA-256, computed as it was written) last. Under the repository's
/// writer lock it first removes what a bundle killed halfway left in that folder; the
/// temporary becomes the file only once complete (renamed), and is removed on any error.
/// Throws Error (exit 2) when it cannot.
BundleOutput write_bundle(const Repo& repo, const Catalog& catalog, const BundleOptions& options);

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
