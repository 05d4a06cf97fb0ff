#pragma once

// Where the nodes of a parsed document are, by JSON pointer, and the pointers themselves.

#include "lib/util/text.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cswm {

/// Where a node of the document is, by JSON pointer ("" is the root).
struct NodePlace {
    Position key;                 ///< the key that holds the node (the node itself for list items and the root)
    Position value;               ///< the node's value
    std::size_t key_offset = 0;   ///< byte offset of the key in the text (of the node for list items)
    std::size_t value_offset = 0; ///< byte offset of the value (an empty one: of the next token)
};

/// The places of a document's nodes by JSON pointer, stored compactly: the pointers'
/// text in one buffer and a sorted index into it. (A hash map of strings cost about
/// 150 bytes a node: on a tree of 10,000 documents, the largest share of check's memory.)
class PlaceTable {
public:
    PlaceTable() = default;
    /// Takes the places gathered while parsing.
    explicit PlaceTable(std::vector<std::pair<std::string, NodePlace>> places);

    /// The place of `pointer`, or nullptr.
    const NodePlace* find(std::string_view pointer) const;
    /// The place of `pointer`; throws std::out_of_range when there is none.
    const NodePlace& at(std::string_view pointer) const;
    bool contains(std::string_view pointer) const { return find(pointer) != nullptr; }
    /// Calls `visit(pointer, place)` for every node whose pointer starts with `prefix`, in
    /// pointer order: the nodes under one item are one run of the sorted table.
    void for_each_under(std::string_view prefix,
                        const std::function<void(std::string_view, const NodePlace&)>& visit) const;
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::uint32_t offset = 0; ///< of the pointer in m_text
        std::uint32_t length = 0;
        NodePlace place;
    };
    std::string_view pointer_of(const Entry& entry) const { return {m_text.data() + entry.offset, entry.length}; }
    std::string m_text;
    std::vector<Entry> m_entries; ///< sorted by pointer
};

/// "results[2].case" for the JSON pointer "/results/2/case": how messages name a field.
std::string pointer_label(std::string_view pointer);

/// Escapes one reference token of a JSON pointer ('~' → "~0", '/' → "~1").
std::string pointer_token(std::string_view key);
/// Appends pointer_token(key) to `pointer`, without a string of its own.
void append_pointer_token(std::string& pointer, std::string_view key);

} // namespace cswm
