#include "lib/logscan/record.hpp"

#include <algorithm>
#include <utility>

namespace cswm::logscan {
namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr std::pair<std::string_view, Level> k_level_words[] = {
    {"fatal", Level::fatal},
    {"emerg", Level::fatal},
    {"emergency", Level::fatal},
    {"panic", Level::fatal},
    {"f", Level::fatal},
    {"alert", Level::critical},
    {"crit", Level::critical},
    {"critical", Level::critical},
    {"severe", Level::error},
    {"err", Level::error},
    {"error", Level::error},
    {"e", Level::error},
    {"warn", Level::warning},
    {"warning", Level::warning},
    {"w", Level::warning},
    {"notice", Level::notice},
    {"info", Level::info},
    {"information", Level::info},
    {"informational", Level::info},
    {"config", Level::info},
    {"i", Level::info},
    {"debug", Level::debug},
    {"trace", Level::debug},
    {"fine", Level::debug},
    {"finer", Level::debug},
    {"finest", Level::debug},
    {"verbose", Level::debug},
    {"d", Level::debug},
    {"v", Level::debug},
};

constexpr std::pair<std::string_view, Level> k_failure_words[] = {
    {"error", Level::error},     {"errors", Level::error},   {"exception", Level::error}, {"failed", Level::error},
    {"failure", Level::error},   {"fail", Level::error},     {"warning", Level::warning}, {"timeout", Level::warning},
    {"refused", Level::warning}, {"denied", Level::warning},
};

} // namespace

std::string_view level_name(Level level) {
    constexpr std::array<std::string_view, k_level_count> k_names = {"fatal",  "critical", "error", "warning",
                                                                     "notice", "info",     "debug", "unknown"};
    return k_names[static_cast<std::size_t>(level)];
}

Level parse_level(std::string_view word) {
    while (!word.empty() && !is_letter(word.front())) {
        word.remove_prefix(1);
    }
    while (!word.empty() && !is_letter(word.back())) {
        word.remove_suffix(1);
    }
    if (word.empty() || word.size() > 13) {
        return Level::unknown;
    }
    char buffer[16];
    std::transform(word.begin(), word.end(), buffer, lower);
    const std::string_view key(buffer, word.size());
    for (const auto& [name, level] : k_level_words) {
        if (key == name) {
            return level;
        }
    }
    return Level::unknown;
}

Level infer_level(std::string_view message) {
    const std::size_t first_end = message.find_first_of(" \t");
    const std::string_view first = message.substr(0, first_end);
    // Only a word that is marked as a level counts: "error:", "[WARN]", not "Error loading".
    const bool marked = first.size() > 1 && (first.back() == ':' || first.front() == '[' || first.front() == '<');
    if (marked && first.size() > 2) {
        if (const Level level = parse_level(first); level != Level::unknown) {
            return level;
        }
    }
    Level found = Level::info;
    std::size_t at = 0;
    while (at < message.size()) {
        while (at < message.size() && !is_letter(message[at])) {
            ++at;
        }
        const std::size_t start = at;
        while (at < message.size() && is_letter(message[at])) {
            ++at;
        }
        if (at - start < 4 || at - start > 9) {
            continue;
        }
        char buffer[16];
        std::transform(message.begin() + static_cast<std::ptrdiff_t>(start),
                       message.begin() + static_cast<std::ptrdiff_t>(at), buffer, lower);
        const std::string_view word(buffer, at - start);
        for (const auto& [name, level] : k_failure_words) {
            if (word == name && level < found) {
                found = level;
            }
        }
    }
    return found;
}

} // namespace cswm::logscan
