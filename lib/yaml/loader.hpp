#pragma once

#include "lib/util/text.hpp"
#include "lib/yaml/places.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <memory>
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

/// When parse_yaml_document records where every node is. A document read to be checked
/// or traced needs the places of its findings only (none, mostly): building them for every
/// node cost about a sixth of its memory and a twentieth of check's time on a large tree.
enum class Places {
    record,    ///< while parsing
    on_demand, ///< when first asked for, by parsing the text again
};

/// Gives the text of a document again, for places made on demand; nullopt when it is gone.
using TextSource = std::function<std::optional<std::string>()>;

/// A document parsed into JSON, typed by the YAML 1.2 core schema, with the place of
/// every node. `root` is absent when the text could not be parsed at all.
struct ParsedYaml {
    std::optional<nlohmann::json> root;
    std::vector<YamlProblem> problems;
    /// Pointers whose value is a stand-in (null for an alias that was refused): rules
    /// should not judge what is there.
    std::vector<std::string> stand_ins;

    /// Where every node is. Parsed with Places::on_demand, the table is made on the first
    /// call (safe from any thread); empty when the text is no longer what was parsed.
    const PlaceTable& places() const;
    /// The place of the node at `pointer`, or of its nearest ancestor that has one.
    NodePlace place_of(std::string_view pointer) const;

    /// For a document rebuilt without its text (from what a cache kept of it): places made
    /// when first asked for from `source`, which must give the text the document was, or
    /// nullopt (then there are none).
    void places_from(TextSource source, const YamlLimits& limits);

    struct LazyPlaces;
    std::shared_ptr<LazyPlaces> lazy_places; ///< the table, or how to make it
};

/// Parses one YAML document that must hold one mapping, with libyaml's event parser. Rejects
/// what documents have no use for (see HAZARDS.md): other encodings, control bytes, line
/// separators, tab indentation, anchors and aliases, tags, merge keys, several documents,
/// duplicate keys, nesting past the limits. Never throws for bad input.
///
/// With Places::on_demand the places are made when first asked for, from `source` (or,
/// without one, from a copy of `text`); a text with any problem has them made at once.
ParsedYaml parse_yaml_document(std::string_view text, const YamlLimits& limits, Places places = Places::record,
                               TextSource source = {});

/// What a plain (unquoted) scalar means under the YAML 1.2 core schema: a number, a
/// boolean, or text. Null (`~`, `null`, empty) is the loader's to say.
nlohmann::json type_plain_scalar(const std::string& text);

} // namespace cswm
