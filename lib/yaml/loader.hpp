#pragma once

#include "lib/util/text.hpp"
#include "lib/yaml/places.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// Bounds that keep hostile YAML from costing unbounded time or memory.
struct YamlLimits {
    std::size_t max_depth = 64;
    std::size_t max_nodes = 200000;
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

} // namespace cswm
