// HistoryIndex's ancestry answers against a breadth-first search of the same history.
#include "lib/git/history_index.hpp"

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

using namespace cswm;

namespace {

/// A history newest first, as a walk lists it: commit `i` is named "c<i>", its parents
/// are given by number.
std::vector<CommitInfo> history_of(const std::vector<std::vector<int>>& parents) {
    std::vector<CommitInfo> history;
    for (std::size_t i = 0; i < parents.size(); ++i) {
        CommitInfo commit;
        commit.sha = "c" + std::to_string(i);
        for (const int parent : parents[i]) {
            commit.parents.push_back("c" + std::to_string(parent));
        }
        history.push_back(commit);
    }
    return history;
}

bool searched(const std::vector<std::vector<int>>& parents, int descendant, int ancestor) {
    std::vector<int> stack{descendant};
    std::set<int> seen{descendant};
    while (!stack.empty()) {
        const int at = stack.back();
        stack.pop_back();
        if (at == ancestor) {
            return true;
        }
        for (const int parent : parents[static_cast<std::size_t>(at)]) {
            if (seen.insert(parent).second) {
                stack.push_back(parent);
            }
        }
    }
    return false;
}

} // namespace

TEST_CASE("a linear history: every commit reaches the older ones, none the newer") {
    const std::vector<CommitInfo> history = history_of({{1}, {2}, {3}, {}});
    const HistoryIndex index(history);
    CHECK(index.reaches("c0", "c3") == true);
    CHECK(index.reaches("c1", "c2") == true);
    CHECK(index.reaches("c2", "c2") == true);
    CHECK(index.reaches("c3", "c0") == false);
    CHECK(index.reaches("c0", "nothing") == std::nullopt);
    CHECK(index.find("c2") == &history[2]);
    CHECK(index.find("c9") == nullptr);
}

TEST_CASE("a merged side branch is reached from the merge on, and a commit off the line is not answered") {
    // c0 merges c1 (the line) and c2 (a side branch from c3); c1 and c3 are on the line.
    const std::vector<CommitInfo> history = history_of({{1, 2}, {3}, {3}, {4}, {}});
    const HistoryIndex index(history);
    CHECK(index.reaches("c0", "c2") == true);
    CHECK(index.reaches("c1", "c2") == false);
    CHECK(index.reaches("c1", "c3") == true);
    CHECK(index.reaches("c2", "c4") == std::nullopt); // c2 is off the first-parent line
}

TEST_CASE("on random histories, every answer given is the search's") {
    std::mt19937 random(8); // NOLINT(cert-msc51-cpp): the same histories on every run
    std::size_t answered = 0;
    for (int round = 0; round < 200; ++round) {
        const int size = 2 + static_cast<int>(random() % 40);
        std::vector<std::vector<int>> parents(static_cast<std::size_t>(size));
        for (int i = 0; i < size - 1; ++i) {
            // Parents are older (higher numbers); a third of the commits are merges.
            const int older = size - i - 1;
            parents[static_cast<std::size_t>(i)].push_back(
                i + 1 + static_cast<int>(random() % static_cast<unsigned>(std::min(older, 3))));
            if (random() % 3 == 0) {
                parents[static_cast<std::size_t>(i)].push_back(
                    i + 1 + static_cast<int>(random() % static_cast<unsigned>(older)));
            }
        }
        const std::vector<CommitInfo> history = history_of(parents);
        const HistoryIndex index(history);
        for (int from = 0; from < size; ++from) {
            for (int to = 0; to < size; ++to) {
                const std::optional<bool> known = index.reaches(history[static_cast<std::size_t>(from)].sha,
                                                                history[static_cast<std::size_t>(to)].sha);
                if (known) {
                    ++answered;
                    CAPTURE(round);
                    CAPTURE(from);
                    CAPTURE(to);
                    CHECK(*known == searched(parents, from, to));
                }
            }
        }
    }
    CHECK(answered > 10000);
}
