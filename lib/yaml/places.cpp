#include "lib/yaml/places.hpp"

#include <algorithm>
#include <stdexcept>

namespace cswm {

void append_pointer_token(std::string& pointer, std::string_view key) {
    if (key.find_first_of("~/") == std::string_view::npos) {
        pointer += key;
        return;
    }
    for (const char c : key) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer += c;
        }
    }
}

std::string pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    append_pointer_token(token, key);
    return token;
}

std::string pointer_label(std::string_view pointer) {
    std::string label;
    std::size_t start = 1;
    while (start <= pointer.size() && !pointer.empty()) {
        std::size_t end = pointer.find('/', start);
        if (end == std::string_view::npos) {
            end = pointer.size();
        }
        std::string token(pointer.substr(start, end - start));
        for (std::size_t at = 0; (at = token.find('~', at)) != std::string::npos; ++at) {
            token.replace(at, 2, token.compare(at, 2, "~1") == 0 ? "/" : "~");
        }
        const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
        if (index) {
            label += "[" + token + "]";
        } else {
            label += (label.empty() ? "" : ".") + token;
        }
        start = end + 1;
    }
    return label;
}

PlaceTable::PlaceTable(std::vector<std::pair<std::string, NodePlace>> places) {
    // By pointer; of a pointer placed twice, the last place counts.
    std::stable_sort(places.begin(), places.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::size_t bytes = 0;
    for (const auto& [pointer, place] : places) {
        bytes += pointer.size();
    }
    m_text.reserve(bytes);
    m_entries.reserve(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
        if (i + 1 < places.size() && places[i + 1].first == places[i].first) {
            continue;
        }
        const auto& [pointer, place] = places[i];
        m_entries.push_back(
            {static_cast<std::uint32_t>(m_text.size()), static_cast<std::uint32_t>(pointer.size()), place});
        m_text += pointer;
    }
}

const NodePlace* PlaceTable::find(std::string_view pointer) const {
    const auto found =
        std::lower_bound(m_entries.begin(), m_entries.end(), pointer,
                         [&](const Entry& entry, std::string_view key) { return pointer_of(entry) < key; });
    return found != m_entries.end() && pointer_of(*found) == pointer ? &found->place : nullptr;
}

void PlaceTable::for_each_under(std::string_view prefix,
                                const std::function<void(std::string_view, const NodePlace&)>& visit) const {
    auto entry = std::lower_bound(m_entries.begin(), m_entries.end(), prefix,
                                  [&](const Entry& e, std::string_view key) { return pointer_of(e) < key; });
    for (; entry != m_entries.end() && pointer_of(*entry).starts_with(prefix); ++entry) {
        visit(pointer_of(*entry), entry->place);
    }
}

const NodePlace& PlaceTable::at(std::string_view pointer) const {
    if (const NodePlace* place = find(pointer)) {
        return *place;
    }
    throw std::out_of_range("no node at " + std::string(pointer));
}

} // namespace cswm
