#include "lib/git/history_index.hpp"

#include <algorithm>

namespace cswm {

HistoryIndex::HistoryIndex(const std::vector<CommitInfo>& history)
    : m_history(history), m_line(history.size(), -1), m_reached(history.size(), -1) {
    m_positions.reserve(history.size());
    for (std::size_t i = 0; i < history.size(); ++i) {
        m_positions.emplace(history[i].sha, i);
    }
    std::vector<std::size_t> children(history.size(), 0);
    for (const CommitInfo& commit : history) {
        for (const std::string& parent : commit.parents) {
            if (const auto at = position(parent)) {
                ++children[*at];
            }
        }
    }
    // The tip: the newest commit no other commit here descends from (in a walk from a tip,
    // the only one), and its first-parent line.
    std::optional<std::size_t> line;
    if (const auto tip = std::find(children.begin(), children.end(), std::size_t{0}); tip != children.end()) {
        line = static_cast<std::size_t>(tip - children.begin());
    }
    for (long long place = 0; line && m_line[*line] < 0; ++place) {
        m_line[*line] = place;
        m_reached[*line] = place;
        const std::vector<std::string>& parents = history[*line].parents;
        line = parents.empty() ? std::nullopt : position(parents.front());
    }
    // Children before parents (Kahn's order over the history's own edges), so that each
    // commit has heard from all its children before it tells its parents.
    std::vector<std::size_t> ready;
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (children[i] == 0) {
            ready.push_back(i);
        }
    }
    while (!ready.empty()) {
        const std::size_t child = ready.back();
        ready.pop_back();
        for (const std::string& parent : history[child].parents) {
            if (const auto at = position(parent)) {
                m_reached[*at] = std::max(m_reached[*at], m_reached[child]);
                if (--children[*at] == 0) {
                    ready.push_back(*at);
                }
            }
        }
    }
}

std::optional<std::size_t> HistoryIndex::position(std::string_view sha) const {
    const auto found = m_positions.find(sha);
    return found != m_positions.end() ? std::optional(found->second) : std::nullopt;
}

const CommitInfo* HistoryIndex::find(std::string_view sha) const {
    const auto at = position(sha);
    return at ? &m_history[*at] : nullptr;
}

std::optional<bool> HistoryIndex::reaches(std::string_view descendant, std::string_view ancestor) const {
    const auto from = position(descendant);
    const auto to = position(ancestor);
    if (!from || !to || m_line[*from] < 0) {
        return std::nullopt;
    }
    return m_reached[*to] >= m_line[*from];
}

} // namespace cswm
