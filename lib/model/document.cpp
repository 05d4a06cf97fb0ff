#include "lib/model/document.hpp"

#include <algorithm>

namespace cswm {

std::optional<SchemaModeline> find_schema_modeline(std::string_view text) {
    // What yaml-language-server takes for a modeline: a comment /^#\s+yaml-language-server\s*:/
    // holding $schema=\S+. Most documents have none, so look for the word first.
    constexpr std::string_view k_word = "yaml-language-server";
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    for (std::size_t at = text.find(k_word); at != std::string_view::npos; at = text.find(k_word, at + 1)) {
        const std::size_t newline = text.rfind('\n', at);
        const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        std::size_t i = 0;
        while (i < line.size() && blank(line[i])) {
            ++i;
        }
        if (i >= line.size() || line[i] != '#') {
            continue;
        }
        const std::size_t hash = i++;
        while (i < line.size() && blank(line[i])) {
            ++i;
        }
        if (i == hash + 1 || line.substr(i, k_word.size()) != k_word) {
            continue;
        }
        i += k_word.size();
        while (i < line.size() && blank(line[i])) {
            ++i;
        }
        if (i >= line.size() || line[i] != ':') {
            continue;
        }
        const std::size_t key = line.find("$schema=", i);
        if (key == std::string_view::npos) {
            return std::nullopt;
        }
        const std::size_t value = key + 8;
        std::size_t value_end = value;
        while (value_end < line.size() && !blank(line[value_end])) {
            ++value_end;
        }
        if (value_end == value) {
            return std::nullopt;
        }
        const int number =
            static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(start), '\n')) + 1;
        return SchemaModeline{std::string(line.substr(value, value_end - value)), number, static_cast<int>(value) + 1};
    }
    return std::nullopt;
}

Position Document::position_of(std::string_view pointer, bool at_key) const {
    const NodePlace place = yaml.place_of(pointer);
    return at_key ? place.key : place.value;
}

Finding Document::finding_at(std::string_view pointer, bool at_key, Severity severity, std::string rule,
                             std::string message) const {
    const Position position = position_of(pointer, at_key);
    return {severity,           std::move(rule),      path,  position.line, position.column, id,
            std::move(message), std::string(pointer), at_key};
}

} // namespace cswm
