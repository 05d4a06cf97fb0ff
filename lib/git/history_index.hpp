#pragma once

// A history walked from a tip, indexed by SHA, with ancestry questions answered without a
// walk for the commits on the tip's first-parent line.

#include "lib/git/repo.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cswm {

class HistoryIndex {
public:
    /// Indexes `history`, the commits reachable from a tip as a walk lists them (kept by
    /// reference: it must outlive the index). The tip is the newest commit that none of
    /// the others descends from.
    explicit HistoryIndex(const std::vector<CommitInfo>& history);

    /// The commit of that full SHA, or null when the history does not hold it.
    const CommitInfo* find(std::string_view sha) const;

    /// Whether `ancestor` is `descendant` or an ancestor of it, exactly and in constant
    /// time when `descendant` is on the tip's first-parent line and both are in the
    /// history; nothing otherwise (a walk must tell).
    ///
    /// Each commit keeps the oldest commit of that line it can be reached from: being
    /// reached from a commit of the line means being reached from every newer one. A
    /// fix's commit and the tested build's commit can lie years apart on the line: the
    /// walk between them made check quadratic (43 % of its git rules at N = 50,000).
    std::optional<bool> reaches(std::string_view descendant, std::string_view ancestor) const;

private:
    std::optional<std::size_t> position(std::string_view sha) const;

    const std::vector<CommitInfo>& m_history;
    std::unordered_map<std::string_view, std::size_t> m_positions;
    std::vector<long long> m_line;    ///< place on the tip's first-parent line (the tip: 0); -1 off it
    std::vector<long long> m_reached; ///< the oldest place on the line that reaches the commit
};

} // namespace cswm
