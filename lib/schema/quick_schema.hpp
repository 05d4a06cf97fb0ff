#pragma once

// Whether a document meets a JSON Schema, decided without valijson: most documents do, and
// for them valijson's walk (a context vector and strings per node, an adapter per value)
// was a fifth of a cold check's CPU. Only the yes-or-no is decided here; a document that
// fails is validated again by valijson, whose errors the findings are made from.

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace cswm {

/// A draft-07 schema compiled for the yes-or-no question, with valijson's semantics in
/// its strong-types mode (an integer is no "number" text, 5.0 is no "integer"). Knows
/// type, enum, const, properties, patternProperties, additionalProperties, required,
/// min/maxProperties, items (one schema), min/maxItems, uniqueItems, min/maxLength,
/// pattern, minimum, maximum, allOf, anyOf, oneOf, not, if/then/else and boolean schemas;
/// `format` is left to the caller, as it is left out of what valijson is given.
class QuickSchema {
public:
    /// The compiled schema, or null when it uses a keyword this does not know (a `$ref`,
    /// `dependencies`, `items` as a list, …): valijson alone decides then.
    static std::unique_ptr<QuickSchema> compile(const nlohmann::json& schema);

    ~QuickSchema();
    QuickSchema(const QuickSchema&) = delete;
    QuickSchema& operator=(const QuickSchema&) = delete;

    /// Whether `document` meets the schema, exactly as valijson would answer; nothing
    /// when a value falls outside what is decided here (a number beyond 64-bit integers,
    /// uniqueness of lists that are not all text, a regex that throws). Safe to call
    /// from several threads at once.
    std::optional<bool> accepts(const nlohmann::json& document) const;

    struct Node;

private:
    struct Nodes;

    QuickSchema();
    std::unique_ptr<Nodes> m_nodes;
    const Node* m_root = nullptr;
};

} // namespace cswm
