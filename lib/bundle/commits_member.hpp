#pragma once

// commits.json of a bundle: the commits the revision's documents link (recorded in their
// fields or naming them in Refs: trailers), and the changes of each, read on every core.

#include "lib/git/repo.hpp"

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace cswm::bundle {

struct Snapshot;

/// Every commit a document records (that exists) or whose Refs: trailer names an ID the
/// revision defines, with who links it.
struct LinkedCommit {
    CommitInfo info;
    std::set<std::string> recorded_by; ///< document IDs whose commit fields hold it
    std::vector<std::string> refs;     ///< IDs its Refs: trailers name that exist
};

/// Every linked commit of the snapshot, by commit time then SHA.
std::vector<LinkedCommit> linked_commits(const Repo& repo, const Snapshot& snapshot,
                                         const std::vector<CommitInfo>& history);

/// patches/SHA.patch
std::string patch_member(const std::string& sha);

/// Calls `use(i, changes)` with the changes of every commit `shas[i]`, read on every core:
/// a libgit2 repository is not for several threads, so each worker opens its own, for a
/// run of neighbouring commits at a time (a commit's parent tree is then usually the one
/// it just read). The caller's `repo` is used only when no other can be opened. `use`
/// runs on the workers and must touch only slot i. With `meanwhile`, this thread runs it
/// (work that needs no repository) while the workers read, instead of reading with them.
void for_each_change(const Repo& repo, const std::vector<std::string>& shas, bool with_patches,
                     const std::function<void(std::size_t, CommitChanges&&)>& use,
                     const std::function<void()>& meanwhile = {});

/// commits.json in pieces: {"revision": …, "commits": [ entry, entry ]}, byte for byte
/// what dumping it whole with two spaces of indent gives.
struct CommitsJson {
    std::string head;
    std::vector<std::string> entries;
    std::string tail;

    std::uint64_t size() const {
        std::uint64_t total = head.size() + tail.size();
        for (const std::string& entry : entries) {
            total += entry.size();
        }
        return total + (entries.empty() ? 0 : 2 * (entries.size() - 1)); // ",\n" between entries
    }
};

/// commits.json of `revision`: every linked commit with the files it changed, whether the
/// revision's history holds it, and its patch's member name (`with_patches`). `meanwhile`
/// as for for_each_change.
CommitsJson commits_json(const Repo& repo, const std::string& revision, const std::vector<CommitInfo>& history,
                         const std::vector<LinkedCommit>& commits, bool with_patches,
                         const std::function<void()>& meanwhile);

} // namespace cswm::bundle
