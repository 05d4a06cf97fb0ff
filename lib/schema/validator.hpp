#pragma once

#include "lib/schema/quick_schema.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace cswm {

/// One way a document breaks its kind's JSON Schema, said for people.
struct SchemaViolation {
    std::string pointer; ///< JSON pointer of the offending node
    bool at_key = false; ///< point at the node's key (unknown or missing fields) rather than its value
    std::string message;
    std::string constraint; ///< the JSON Schema keyword that failed: "pattern", "required", "enum", …

    bool operator==(const SchemaViolation&) const = default;
};

/// A compiled JSON Schema (draft-07, through valijson's nlohmann-json adapter). `format`
/// (date, date-time) is checked by cswm itself: valijson aborts on a non-string value
/// under `format`, allows February 29th in every year, and builds a regex per value.
class SchemaValidator {
public:
    /// The JSON Schema drafts valijson reads.
    enum class Draft { v4, v7 };

    /// Whether a draft-07 schema is also compiled as a QuickSchema, which tells a document
    /// that meets it without valijson. `valijson_only` is the oracle the tests compare with.
    enum class Shortcut { when_possible, valijson_only };

    /// Compiles `schema`; throws Error when valijson cannot parse it.
    explicit SchemaValidator(nlohmann::json schema, Draft draft = Draft::v7,
                             Shortcut shortcut = Shortcut::when_possible);
    ~SchemaValidator();
    SchemaValidator(SchemaValidator&&) noexcept;
    SchemaValidator& operator=(SchemaValidator&&) noexcept;

    /// Every violation, most specific first-hand errors only, in document order.
    std::vector<SchemaViolation> validate(const nlohmann::json& document) const;

private:
    struct Compiled;
    std::unique_ptr<Compiled> m_compiled;
    std::unique_ptr<QuickSchema> m_quick; ///< null: valijson decides every document
    nlohmann::json m_schema;
};

} // namespace cswm
