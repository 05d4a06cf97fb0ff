#include "lib/bundle/commits_member.hpp"

#include "lib/bundle/names.hpp"
#include "lib/bundle/revision.hpp"
#include "lib/model/references.hpp"
#include "lib/util/dates_zone.hpp"
#include "lib/util/error.hpp"
#include "lib/util/parallel.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <map>
#include <optional>
#include <thread>
#include <tuple>
#include <unordered_set>

namespace cswm::bundle {
namespace {

using nlohmann::ordered_json;

/// ISO 8601 with the author's own offset, such as 2026-10-03T14:05:00+08:00.
std::string iso_with_offset(long long seconds, int offset_minutes) {
    std::string text = iso_utc(seconds + static_cast<long long>(offset_minutes) * 60);
    text.pop_back(); // the Z
    const int magnitude = std::abs(offset_minutes);
    return text + fmt::format("{}{:02}:{:02}", offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

/// Commits whose changes one repository reads before it is closed and opened again:
/// libgit2 caches up to 256 MB of objects per repository, and a diff reads a tree or two
/// for each commit, so a repository kept for all of them holds that much per thread.
constexpr std::size_t k_commits_per_repository = 512;

/// One commit of commits.json as the whole file's dump(2) lays it out: four spaces in.
/// (JSON text has a newline only between tokens: strings hold theirs as \n.)
std::string commit_entry_text(const LinkedCommit& commit, const CommitChanges& changes, bool in_revision,
                              bool with_patches) {
    ordered_json entry;
    entry["sha"] = commit.info.sha;
    entry["author"] = {{"name", commit.info.author}, {"email", commit.info.email}};
    entry["author_date"] = iso_with_offset(commit.info.time, commit.info.offset_minutes);
    entry["commit_date"] = iso_utc(commit.info.commit_time);
    entry["parents"] = commit.info.parents;
    entry["message"] = commit.info.message;
    ordered_json trailers = ordered_json::array();
    for (const Trailer& trailer : commit.info.trailers) {
        trailers.push_back({{"key", trailer.key}, {"value", trailer.value}});
    }
    entry["trailers"] = trailers;
    entry["recorded_by"] = commit.recorded_by;
    entry["refs"] = commit.refs;
    entry["in_revision"] = in_revision;
    ordered_json files = ordered_json::array();
    for (const std::string& file : changes.files) {
        // JSON holds any valid UTF-8; other bytes are written as in member names.
        files.push_back(find_invalid_utf8(file) ? member_name(file) : file);
    }
    entry["files"] = files;
    if (with_patches) {
        entry["patch"] = patch_member(commit.info.sha);
    }
    const std::string text = entry.dump(2, ' ', false, ordered_json::error_handler_t::replace);
    std::string indented = "    ";
    indented.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        indented += c;
        if (c == '\n') {
            indented += "    ";
        }
    }
    return indented;
}

} // namespace

std::vector<LinkedCommit> linked_commits(const Repo& repo, const Snapshot& snapshot,
                                         const std::vector<CommitInfo>& history) {
    std::map<std::string, LinkedCommit> linked;
    for (const Document& document : snapshot.documents) {
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        for (const FieldPath& field : document.kind->commit_fields) {
            for (const FieldPath::Match& match : field.find(document.data())) {
                std::vector<std::string> shas;
                if (match.value->is_string()) {
                    shas.push_back(match.value->get<std::string>());
                } else if (match.value->is_array()) {
                    for (const auto& value : *match.value) {
                        if (value.is_string()) {
                            shas.push_back(value.get<std::string>());
                        }
                    }
                }
                for (const std::string& sha : shas) {
                    if (!is_full_sha(sha) || repo.object_state(sha) != ObjectState::commit) {
                        continue; // check reports it; there is nothing to pack
                    }
                    auto [entry, added] = linked.try_emplace(sha);
                    if (added) {
                        entry->second.info = *repo.commit(sha);
                    }
                    entry->second.recorded_by.insert(document.id.empty() ? document.path : document.id);
                }
            }
        }
    }
    const std::unordered_set<std::string> known = defined_ids(snapshot.documents);
    for (const CommitInfo& commit : history) {
        std::vector<std::string> refs;
        for (const std::string& id : referenced_ids(commit.trailers)) {
            if (known.contains(id)) {
                refs.push_back(id);
            }
        }
        if (refs.empty()) {
            continue;
        }
        auto [entry, added] = linked.try_emplace(commit.sha);
        if (added) {
            entry->second.info = commit;
        }
        entry->second.refs = std::move(refs);
    }
    std::vector<LinkedCommit> commits;
    for (auto& [sha, commit] : linked) {
        commits.push_back(std::move(commit));
    }
    std::sort(commits.begin(), commits.end(), [](const LinkedCommit& a, const LinkedCommit& b) {
        return std::tie(a.info.commit_time, a.info.sha) < std::tie(b.info.commit_time, b.info.sha);
    });
    return commits;
}

std::string patch_member(const std::string& sha) {
    return "patches/" + sha + ".patch";
}

void for_each_change(const Repo& repo, const std::vector<std::string>& shas, bool with_patches,
                     const std::function<void(std::size_t, CommitChanges&&)>& use,
                     const std::function<void()>& meanwhile) {
    const std::size_t runs = (shas.size() + k_commits_per_repository - 1) / k_commits_per_repository;
    const std::size_t workers = std::max<std::size_t>(1, std::min(worker_count(), runs));
    const std::size_t first_thread = meanwhile ? 0 : 1; // worker 0 is this thread unless it has other work
    std::atomic<std::size_t> next_run{0};
    std::vector<std::exception_ptr> failures(workers);
    auto work = [&](std::size_t worker) {
        try {
            for (std::size_t run = next_run++; run < runs && !failures[worker]; run = next_run++) {
                std::optional<Repo> own;
                try {
                    own.emplace(Repo::discover(repo.workdir()));
                } catch (const Error&) {
                    if (worker != 0 || meanwhile) {
                        throw; // the caller's repository is for the caller's thread only
                    }
                }
                const Repo& reader = own ? *own : repo;
                const std::size_t end = std::min(shas.size(), (run + 1) * k_commits_per_repository);
                for (std::size_t i = run * k_commits_per_repository; i < end; ++i) {
                    use(i, reader.commit_changes(shas[i], with_patches));
                }
            }
        } catch (...) {
            failures[worker] = std::current_exception();
            next_run = runs; // the others stop after their current run
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t worker = first_thread; worker < workers; ++worker) {
        threads.emplace_back(work, worker);
    }
    std::exception_ptr own_failure;
    try {
        if (meanwhile) {
            meanwhile();
        } else {
            work(0);
        }
    } catch (...) {
        own_failure = std::current_exception();
        next_run = runs;
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    if (own_failure) {
        std::rethrow_exception(own_failure);
    }
    for (const std::exception_ptr& failure : failures) {
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
}

CommitsJson commits_json(const Repo& repo, const std::string& revision, const std::vector<CommitInfo>& history,
                         const std::vector<LinkedCommit>& commits, bool with_patches,
                         const std::function<void()>& meanwhile) {
    std::unordered_set<std::string> reachable;
    for (const CommitInfo& commit : history) {
        reachable.insert(commit.sha);
    }
    CommitsJson json;
    const std::string sha = ordered_json(revision).dump();
    json.head = "{\n  \"revision\": " + sha + ",\n  \"commits\": " + (commits.empty() ? "[]" : "[\n");
    json.tail = commits.empty() ? "\n}\n" : "\n  ]\n}\n";
    json.entries.resize(commits.size());
    std::vector<std::string> shas;
    shas.reserve(commits.size());
    for (const LinkedCommit& commit : commits) {
        shas.push_back(commit.info.sha);
    }
    // Only the list of paths here (no patch: a rename then is a deletion and an addition,
    // the same paths); the patches are made again, a batch at a time, when written.
    for_each_change(
        repo, shas, false,
        [&](std::size_t i, CommitChanges&& changes) {
            json.entries[i] =
                commit_entry_text(commits[i], changes, reachable.contains(commits[i].info.sha), with_patches);
        },
        meanwhile);
    return json;
}

} // namespace cswm::bundle
