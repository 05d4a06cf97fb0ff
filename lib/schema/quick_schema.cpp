#include "lib/schema/quick_schema.hpp"

#include <valijson/utils/utf8_utils.hpp>

#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <unordered_set>
#include <vector>

namespace cswm {
namespace {

using nlohmann::json;

/// Thrown where a value falls outside what QuickSchema decides: valijson decides then.
struct Undecided {};

/// Thrown while compiling a schema that uses a keyword QuickSchema does not know.
struct Unsupported {};

// One bit per JSON type as valijson's strong types tell them apart.
constexpr unsigned k_null = 1U << 0U;
constexpr unsigned k_boolean = 1U << 1U;
constexpr unsigned k_object = 1U << 2U;
constexpr unsigned k_array = 1U << 3U;
constexpr unsigned k_string = 1U << 4U;
constexpr unsigned k_integer = 1U << 5U;
constexpr unsigned k_fraction = 1U << 6U; ///< a number that is not an integer value type

unsigned type_bit(const json& value) {
    switch (value.type()) {
    case json::value_t::null:
        return k_null;
    case json::value_t::boolean:
        return k_boolean;
    case json::value_t::object:
        return k_object;
    case json::value_t::array:
        return k_array;
    case json::value_t::string:
        return k_string;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return k_integer;
    case json::value_t::number_float:
        return k_fraction;
    default:
        return 0; // binary, discarded: no JSON Schema type
    }
}

unsigned type_bits(const std::string& name) {
    static const std::map<std::string, unsigned, std::less<>> k_types = {
        {"null", k_null},
        {"boolean", k_boolean},
        {"object", k_object},
        {"array", k_array},
        {"string", k_string},
        {"integer", k_integer},
        {"number", k_integer | k_fraction},
    };
    const auto found = k_types.find(name);
    if (found == k_types.end()) {
        throw Unsupported{};
    }
    return found->second;
}

/// A number as valijson reads one (a double, an integer through int64_t).
double number_of(const json& value) {
    if (value.is_number_float()) {
        return value.get<double>();
    }
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t{INT64_MAX}) {
        throw Undecided{}; // valijson would read it through a signed conversion
    }
    return static_cast<double>(value.get<std::int64_t>());
}

/// valijson's strict equality (enum, const, uniqueItems) for scalars.
bool same_value(const json& a, const json& b) {
    if (a.is_structured() || b.is_structured()) {
        throw Undecided{};
    }
    if (a.is_null() || b.is_null()) {
        return a.is_null() && b.is_null();
    }
    if (a.is_boolean() || b.is_boolean()) {
        return a.is_boolean() && b.is_boolean() && a.get<bool>() == b.get<bool>();
    }
    if (a.is_number() || b.is_number()) {
        return a.is_number() && b.is_number() && number_of(a) == number_of(b);
    }
    return a.is_string() && b.is_string() && a.get_ref<const std::string&>() == b.get_ref<const std::string&>();
}

/// A schema's count (minLength, minItems, …): a whole number, not below zero.
std::uint64_t count_of(const json& value) {
    if (!value.is_number_integer() || (!value.is_number_unsigned() && value.get<std::int64_t>() < 0)) {
        throw Unsupported{};
    }
    return value.get<std::uint64_t>();
}

/// A schema's bound (minimum, maximum), read as valijson reads it.
double bound_of(const json& value) {
    if (!value.is_number()) {
        throw Unsupported{};
    }
    try {
        return number_of(value);
    } catch (const Undecided&) {
        throw Unsupported{};
    }
}

} // namespace

struct QuickSchema::Node {
    enum class Additional { any, forbidden, schema };

    std::optional<bool> always; ///< a boolean schema
    unsigned types = 0;         ///< allowed types; 0: any
    std::optional<json> constant;
    std::optional<std::vector<json>> choices; ///< enum
    bool has_properties = false;              ///< properties, patternProperties or additionalProperties given
    std::map<std::string, const Node*, std::less<>> properties;
    std::vector<std::pair<const std::regex*, const Node*>> pattern_properties;
    Additional additional = Additional::any;
    const Node* additional_schema = nullptr;
    std::vector<std::string> required;
    std::optional<std::uint64_t> min_properties, max_properties, min_items, max_items, min_length, max_length;
    std::optional<double> minimum, maximum;
    const Node* items = nullptr;
    bool unique_items = false;
    const std::regex* pattern = nullptr;
    std::vector<const Node*> all_of, any_of, one_of;
    const Node* negated = nullptr;
    const Node* condition = nullptr;
    const Node* then_branch = nullptr;
    const Node* else_branch = nullptr;
};

struct QuickSchema::Nodes {
    std::deque<Node> all; ///< a deque: nodes point at each other
    /// Each pattern compiled once: common.json's definitions are inlined at every use, and
    /// compiling a std::regex costs more than checking a thousand documents with it.
    std::map<std::string, std::unique_ptr<const std::regex>, std::less<>> regexes;

    const QuickSchema::Node* compile(const json& schema) {
        QuickSchema::Node& node = all.emplace_back();
        if (schema.is_boolean()) {
            node.always = schema.get<bool>();
            return &node;
        }
        if (!schema.is_object()) {
            throw Unsupported{};
        }
        for (const auto& [key, value] : schema.items()) {
            read(key, value, schema, node);
        }
        return &node;
    }

private:
    const std::regex* regex_of(const std::string& pattern) {
        auto found = regexes.find(pattern);
        if (found == regexes.end()) {
            try {
                found = regexes.emplace(pattern, std::make_unique<const std::regex>(pattern)).first;
            } catch (const std::regex_error&) {
                throw Unsupported{}; // valijson reports it when validating
            }
        }
        return found->second.get();
    }

    std::vector<const QuickSchema::Node*> compile_each(const json& list) {
        if (!list.is_array() || list.empty()) {
            throw Unsupported{};
        }
        std::vector<const QuickSchema::Node*> nodes;
        for (const json& each : list) {
            nodes.push_back(compile(each));
        }
        return nodes;
    }

    void read(const std::string& key, const json& value, const json& schema, QuickSchema::Node& node) {
        using Additional = QuickSchema::Node::Additional;
        if (key == "description" || key == "$comment" || key == "title" || key == "$schema" || key == "$id" ||
            key == "default" || key == "examples" || key == "format" || key == "definitions") {
            return; // annotations; `format` is the caller's, `definitions` only matter through a $ref
        }
        if (key == "then" || key == "else") {
            if (!schema.contains("if")) {
                return; // valijson reads them only beside an `if`
            }
            (key == "then" ? node.then_branch : node.else_branch) = compile(value);
        } else if (key == "if") {
            node.condition = compile(value);
        } else if (key == "type") {
            if (value.is_string()) {
                node.types = type_bits(value.get<std::string>());
            } else if (value.is_array() && !value.empty()) {
                for (const json& name : value) {
                    node.types |= name.is_string() ? type_bits(name.get<std::string>()) : throw Unsupported{};
                }
            } else {
                throw Unsupported{};
            }
        } else if (key == "enum") {
            if (!value.is_array() || value.empty()) {
                throw Unsupported{};
            }
            node.choices.emplace(value.begin(), value.end());
        } else if (key == "const") {
            node.constant = value;
        } else if (key == "properties" || key == "patternProperties") {
            if (!value.is_object()) {
                throw Unsupported{};
            }
            node.has_properties = true;
            for (const auto& [name, subschema] : value.items()) {
                if (key == "properties") {
                    node.properties.emplace(name, compile(subschema));
                } else {
                    node.pattern_properties.emplace_back(regex_of(name), compile(subschema));
                }
            }
        } else if (key == "additionalProperties") {
            node.has_properties = true;
            if (value.is_boolean()) {
                node.additional = value.get<bool>() ? Additional::any : Additional::forbidden;
            } else if (value.is_object()) {
                node.additional = Additional::schema;
                node.additional_schema = compile(value);
            } else {
                throw Unsupported{};
            }
        } else if (key == "required") {
            if (!value.is_array()) {
                throw Unsupported{};
            }
            for (const json& name : value) {
                node.required.push_back(name.is_string() ? name.get<std::string>() : throw Unsupported{});
            }
        } else if (key == "minProperties") {
            node.min_properties = count_of(value);
        } else if (key == "maxProperties") {
            node.max_properties = count_of(value);
        } else if (key == "minItems") {
            node.min_items = count_of(value);
        } else if (key == "maxItems") {
            node.max_items = count_of(value);
        } else if (key == "minLength") {
            node.min_length = count_of(value);
        } else if (key == "maxLength") {
            node.max_length = count_of(value);
        } else if (key == "minimum") {
            node.minimum = bound_of(value);
        } else if (key == "maximum") {
            node.maximum = bound_of(value);
        } else if (key == "items") {
            if (!value.is_object() && !value.is_boolean()) {
                throw Unsupported{}; // a list of schemas, one per position
            }
            node.items = compile(value);
        } else if (key == "uniqueItems") {
            node.unique_items = value.is_boolean() ? value.get<bool>() : throw Unsupported{};
        } else if (key == "pattern") {
            node.pattern = regex_of(value.is_string() ? value.get<std::string>() : throw Unsupported{});
        } else if (key == "allOf") {
            node.all_of = compile_each(value);
        } else if (key == "anyOf") {
            node.any_of = compile_each(value);
        } else if (key == "oneOf") {
            node.one_of = compile_each(value);
        } else if (key == "not") {
            node.negated = compile(value);
        } else {
            throw Unsupported{}; // $ref, dependencies, contains, exclusive bounds, multipleOf, …
        }
    }
};

namespace {

bool meets(const QuickSchema::Node& node, const json& value);

bool meets_object(const QuickSchema::Node& node, const json& value) {
    using Additional = QuickSchema::Node::Additional;
    if (node.has_properties) {
        for (auto member = value.begin(); member != value.end(); ++member) {
            bool matched = false;
            if (const auto found = node.properties.find(member.key()); found != node.properties.end()) {
                matched = true;
                if (!meets(*found->second, member.value())) {
                    return false;
                }
            }
            for (const auto& [regex, subschema] : node.pattern_properties) {
                if (std::regex_search(member.key(), *regex)) {
                    matched = true;
                    if (!meets(*subschema, member.value())) {
                        return false;
                    }
                }
            }
            if (!matched &&
                (node.additional == Additional::forbidden ||
                 (node.additional == Additional::schema && !meets(*node.additional_schema, member.value())))) {
                return false;
            }
        }
    }
    for (const std::string& name : node.required) {
        if (!value.contains(name)) {
            return false;
        }
    }
    return (!node.min_properties || value.size() >= *node.min_properties) &&
           (!node.max_properties || value.size() <= *node.max_properties);
}

bool meets_array(const QuickSchema::Node& node, const json& value) {
    if ((node.min_items && value.size() < *node.min_items) || (node.max_items && value.size() > *node.max_items)) {
        return false;
    }
    if (node.items != nullptr) {
        for (const json& item : value) {
            if (!meets(*node.items, item)) {
                return false;
            }
        }
    }
    if (node.unique_items) {
        std::unordered_set<std::string_view> seen;
        for (const json& item : value) {
            if (!item.is_string()) {
                throw Undecided{}; // structured or mixed lists: valijson's recursive comparison decides
            }
            if (!seen.insert(item.get_ref<const std::string&>()).second) {
                return false;
            }
        }
    }
    return true;
}

bool meets_string(const QuickSchema::Node& node, const json& value) {
    const std::string& text = value.get_ref<const std::string&>();
    if (node.min_length || node.max_length) {
        const std::uint64_t length = valijson::utils::u8_strlen(text.c_str()); // code points, as valijson counts
        if ((node.min_length && length < *node.min_length) || (node.max_length && length > *node.max_length)) {
            return false;
        }
    }
    return !node.pattern || std::regex_search(text, *node.pattern);
}

bool meets(const QuickSchema::Node& node, const json& value) {
    if (node.always) {
        return *node.always;
    }
    if (node.types != 0 && (node.types & type_bit(value)) == 0) {
        return false;
    }
    if (node.constant && !same_value(*node.constant, value)) {
        return false;
    }
    if (node.choices && std::none_of(node.choices->begin(), node.choices->end(),
                                     [&](const json& choice) { return same_value(choice, value); })) {
        return false;
    }
    if (value.is_object() && !meets_object(node, value)) {
        return false;
    }
    if (value.is_array() && !meets_array(node, value)) {
        return false;
    }
    if (value.is_string() && !meets_string(node, value)) {
        return false;
    }
    if (value.is_number() &&
        ((node.minimum && number_of(value) < *node.minimum) || (node.maximum && number_of(value) > *node.maximum))) {
        return false;
    }
    for (const QuickSchema::Node* each : node.all_of) {
        if (!meets(*each, value)) {
            return false;
        }
    }
    if (!node.any_of.empty() &&
        std::none_of(node.any_of.begin(), node.any_of.end(), [&](const auto* each) { return meets(*each, value); })) {
        return false;
    }
    if (!node.one_of.empty() && std::count_if(node.one_of.begin(), node.one_of.end(),
                                              [&](const auto* each) { return meets(*each, value); }) != 1) {
        return false;
    }
    if (node.negated != nullptr && meets(*node.negated, value)) {
        return false;
    }
    if (node.condition != nullptr) {
        const QuickSchema::Node* branch = meets(*node.condition, value) ? node.then_branch : node.else_branch;
        return branch == nullptr || meets(*branch, value);
    }
    return true;
}

} // namespace

QuickSchema::QuickSchema() : m_nodes(std::make_unique<Nodes>()) {
}
QuickSchema::~QuickSchema() = default;

std::unique_ptr<QuickSchema> QuickSchema::compile(const json& schema) {
    std::unique_ptr<QuickSchema> quick(new QuickSchema());
    try {
        quick->m_root = quick->m_nodes->compile(schema);
    } catch (const Unsupported&) {
        return nullptr;
    }
    return quick;
}

std::optional<bool> QuickSchema::accepts(const json& document) const {
    try {
        return meets(*m_root, document);
    } catch (const Undecided&) {
        return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt; // a regex too deep for std::regex: valijson reports it
    }
}

} // namespace cswm
