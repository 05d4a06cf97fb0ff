// verify_bundle: an archive checked against its manifest (and the repository) without
// extracting anything.

#include "lib/bundle/bundle.hpp"
#include "lib/bundle/index_page.hpp"
#include "lib/bundle/names.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"
#include "lib/workspace/config.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace cswm::bundle {
namespace {

std::string short_hash(const std::string& hash) {
    return hash.substr(0, 12);
}

/// With --repo: every source must be the blob of the manifest's revision, and every file
/// the revision has under its documents folder must be there.
void compare_with_repository(const Repo& repo, const Manifest& manifest,
                             const std::map<std::string, const ReadMember*>& by_name, VerifyResult& result) {
    if (!is_full_sha(manifest.revision) || repo.object_state(manifest.revision) != ObjectState::commit) {
        result.problems.push_back(
            {VerifyProblem::Type::repository, k_manifest_name,
             tr("bundle.verify-not-a-commit", fmt::arg("revision", shown_name(manifest.revision)))});
        return;
    }
    const auto commit = repo.commit(manifest.revision);
    if (commit && iso_utc(commit->commit_time) != manifest.commit_time) {
        result.problems.push_back({VerifyProblem::Type::repository, k_manifest_name,
                                   tr("bundle.verify-commit-time", fmt::arg("time", shown_name(manifest.commit_time)),
                                      fmt::arg("actual", iso_utc(commit->commit_time)))});
    }
    // What the revision holds: .cswm.yaml and everything under its documents folder.
    std::map<std::string, TreeFile> expected;
    std::string root = "maint";
    if (const auto config_blob = repo.blob_at_path(manifest.revision, k_config_file)) {
        expected.emplace(source_member(k_config_file), TreeFile{k_config_file, *config_blob, TreeFile::Type::file});
        if (const auto text = repo.blob_content(*config_blob, 1U << 20U)) {
            try {
                root = parse_config(*text, k_config_file).root;
            } catch (const Error&) {
                // the bundle could not have been made: every source is then extra
            }
        }
    }
    for (TreeFile& file : repo.tree_files(manifest.revision, root)) {
        if (file.type != TreeFile::Type::submodule) {
            expected.emplace(source_member(file.path), std::move(file));
        }
    }
    for (const auto& [name, file] : expected) {
        const auto found = by_name.find(name);
        if (found == by_name.end()) {
            result.problems.push_back(
                {VerifyProblem::Type::repository, shown_name(name),
                 tr("bundle.verify-not-in-bundle", fmt::arg("revision", manifest.revision.substr(0, 10)))});
            continue;
        }
        const ReadMember& member = *found->second;
        // A link of the revision is a regular member holding its text (git's blob bytes).
        const auto blob = repo.blob_content(file.blob, 1ULL << 40U);
        const std::string want = blob ? sha256_hex(*blob) : std::string();
        if (member.type != ReadMember::Type::file || member.sha256 != want) {
            result.problems.push_back({VerifyProblem::Type::repository, shown_name(name),
                                       tr("bundle.verify-differs-from-blob", fmt::arg("blob", file.blob.substr(0, 10)),
                                          fmt::arg("revision", manifest.revision.substr(0, 10)))});
        }
    }
    for (const auto& [name, member] : by_name) {
        if (name.starts_with("sources/") && !expected.contains(name)) {
            result.problems.push_back(
                {VerifyProblem::Type::repository, shown_name(name),
                 tr("bundle.verify-not-in-revision", fmt::arg("revision", manifest.revision.substr(0, 10)))});
        }
    }
}

} // namespace

std::string problem_label(VerifyProblem::Type type) {
    switch (type) {
    case VerifyProblem::Type::missing:
        return tr("bundle.label-missing");
    case VerifyProblem::Type::extra:
        return tr("bundle.label-extra");
    case VerifyProblem::Type::modified:
        return tr("bundle.label-modified");
    case VerifyProblem::Type::unsafe:
        return tr("bundle.label-unsafe");
    case VerifyProblem::Type::duplicate:
        return tr("bundle.label-duplicate");
    case VerifyProblem::Type::manifest:
        return tr("bundle.label-manifest");
    case VerifyProblem::Type::repository:
        return tr("bundle.label-repository");
    }
    return tr("bundle.label-problem");
}

VerifyResult verify_bundle(const std::string& file, const Repo* repo, const ReadLimits& limits,
                           std::string_view shown) {
    VerifyResult result;
    const std::vector<ReadMember> members = read_archive(
        file, limits, [](std::string_view name) { return name == k_manifest_name; }, shown);
    result.members = members.size();

    std::map<std::string, const ReadMember*> by_name;
    std::set<std::string> symlinks;
    for (const ReadMember& member : members) {
        if (member.type == ReadMember::Type::directory) {
            // A folder carries no content (archivers such as tar add them when a bundle is
            // re-packed) and tar names it with a trailing '/': harmless, unless the name
            // itself escapes (absolute, '..', a drive letter).
            if (const auto reason = unsafe_folder_reason(member.name)) {
                result.problems.push_back({VerifyProblem::Type::unsafe, shown_name(member.name), *reason});
            }
            continue;
        }
        if (const auto reason = unsafe_name_reason(member.name)) {
            result.problems.push_back({VerifyProblem::Type::unsafe, shown_name(member.name), *reason});
            continue;
        }
        if (member.type == ReadMember::Type::other) {
            result.problems.push_back(
                {VerifyProblem::Type::unsafe, shown_name(member.name), tr("bundle.verify-not-file-or-link")});
            continue;
        }
        if (!by_name.emplace(member.name, &member).second) {
            result.problems.push_back(
                {VerifyProblem::Type::duplicate, shown_name(member.name), tr("bundle.verify-duplicate")});
            continue;
        }
        if (member.type == ReadMember::Type::symlink) {
            symlinks.insert(member.name);
            // cswm stores a link of the revision as a regular file holding its text.
            result.problems.push_back(
                {VerifyProblem::Type::unsafe, shown_name(member.name), tr("bundle.verify-symlink")});
        }
    }
    // A member below a symlink member would be written through the link on extraction.
    for (const auto& [name, member] : by_name) {
        for (std::size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
            if (symlinks.contains(name.substr(0, slash))) {
                result.problems.push_back(
                    {VerifyProblem::Type::unsafe, shown_name(name),
                     tr("bundle.verify-under-symlink", fmt::arg("link", shown_name(name.substr(0, slash))))});
            }
        }
    }

    const auto manifest_member = by_name.find(k_manifest_name);
    if (manifest_member == by_name.end()) {
        result.problems.push_back({VerifyProblem::Type::missing, k_manifest_name, tr("bundle.verify-no-manifest")});
        return result;
    }
    if (!manifest_member->second->content_kept || manifest_member->second->type != ReadMember::Type::file) {
        result.problems.push_back(
            {VerifyProblem::Type::manifest, k_manifest_name, tr("bundle.verify-manifest-not-file")});
        return result;
    }
    std::string problem;
    result.manifest = parse_manifest(manifest_member->second->content, problem);
    if (!result.manifest) {
        result.problems.push_back({VerifyProblem::Type::manifest, k_manifest_name, problem});
        return result;
    }
    std::set<std::string> listed;
    for (const ManifestEntry& entry : result.manifest->entries) {
        listed.insert(entry.path);
        const auto found = by_name.find(entry.path);
        if (found == by_name.end()) {
            result.problems.push_back(
                {VerifyProblem::Type::missing, shown_name(entry.path), tr("bundle.verify-listed")});
            continue;
        }
        const ReadMember& member = *found->second;
        const bool is_link = member.type == ReadMember::Type::symlink;
        if (is_link != entry.symlink) {
            result.problems.push_back(
                {VerifyProblem::Type::modified, shown_name(entry.path),
                 tr(entry.symlink ? "bundle.verify-link-became-file" : "bundle.verify-file-became-link")});
        } else if (member.sha256 != entry.sha256 || (!is_link && member.size != entry.size)) {
            result.problems.push_back(
                {VerifyProblem::Type::modified, shown_name(entry.path),
                 tr("bundle.verify-modified", fmt::arg("size", member.size), fmt::arg("sha", short_hash(member.sha256)),
                    fmt::arg("listed_size", entry.size), fmt::arg("listed_sha", short_hash(entry.sha256)))});
        } else {
            ++result.verified;
        }
    }
    for (const auto& [name, member] : by_name) {
        if (name != k_manifest_name && !listed.contains(name)) {
            result.problems.push_back({VerifyProblem::Type::extra, shown_name(name), tr("bundle.verify-not-listed")});
        }
    }
    if (repo != nullptr) {
        compare_with_repository(*repo, *result.manifest, by_name, result);
    }
    return result;
}

} // namespace cswm::bundle
