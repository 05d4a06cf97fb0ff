#pragma once

#include "lib/util/text.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cswm {

/// Bounds that keep hostile YAML from costing unbounded time or memory.
struct YamlLimits {
    std::size_t max_depth = 64;
    std::size_t max_nodes = 200000;
};

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

/// One problem with the YAML text itself.
struct YamlProblem {
    std::string rule; ///< "encoding", "syntax", "duplicate-key", "yaml-feature", "structure", "limits"
    Position position;
    std::string message;
};

/// A document parsed into JSON, typed by the YAML 1.2 core schema, with the place of
/// every node. `root` is absent when the text could not be parsed at all.
struct ParsedYaml {
    std::optional<nlohmann::json> root;
    PlaceTable places;
    std::vector<YamlProblem> problems;
    /// Pointers whose value is a stand-in (null for an alias that was refused): rules
    /// should not judge what is there.
    std::vector<std::string> stand_ins;

    /// The place of the node at `pointer`, or of its nearest ancestor that has one.
    NodePlace place_of(std::string_view pointer) const;
};

/// Parses one YAML document that must hold one mapping, with libyaml's event parser. Rejects
/// what documents have no use for (see HAZARDS.md): other encodings, control bytes, line
/// separators, tab indentation, anchors and aliases, tags, merge keys, several documents,
/// duplicate keys, nesting past the limits. Never throws for bad input.
ParsedYaml parse_yaml_document(std::string_view text, const YamlLimits& limits);

/// What a plain (unquoted) scalar means under the YAML 1.2 core schema: a number, a
/// boolean, or text. Null (`~`, `null`, empty) is the loader's to say.
nlohmann::json type_plain_scalar(const std::string& text);

/// "results[2].case" for the JSON pointer "/results/2/case": how messages name a field.
std::string pointer_label(std::string_view pointer);

/// Escapes one reference token of a JSON pointer ('~' → "~0", '/' → "~1").
std::string pointer_token(std::string_view key);
/// Appends pointer_token(key) to `pointer`, without a string of its own.
void append_pointer_token(std::string& pointer, std::string_view key);

} // namespace cswm
