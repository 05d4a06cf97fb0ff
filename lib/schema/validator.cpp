#include "lib/schema/validator.hpp"
#include "lib/schema/json_types.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/model/pointer_trail.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"
#include "lib/yaml/loader.hpp"

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <mutex>
#include <set>

namespace cswm {
namespace {

using nlohmann::json;

/// The steps of a valijson error context ("<root>", "[cases]", "[3]") as document keys.
std::vector<std::string> context_steps(const std::vector<std::string>& context) {
    std::vector<std::string> steps;
    for (const std::string& part : context) {
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
            steps.push_back(part.substr(1, part.size() - 2));
        }
    }
    return steps;
}

std::string pointer_of(const std::vector<std::string>& steps) {
    std::string pointer;
    for (const std::string& step : steps) {
        pointer += "/" + pointer_token(step);
    }
    return pointer;
}

/// The value at `steps` in the document, or nullptr.
const json* node_at(const json& document, const std::vector<std::string>& steps) {
    const json* node = &document;
    for (const std::string& step : steps) {
        if (node->is_object()) {
            const auto found = node->find(step);
            if (found == node->end()) {
                return nullptr;
            }
            node = &*found;
        } else if (node->is_array()) {
            std::size_t index = 0;
            try {
                index = std::stoul(step);
            } catch (const std::exception&) {
                return nullptr;
            }
            if (index >= node->size()) {
                return nullptr;
            }
            node = &(*node)[index];
        } else {
            return nullptr;
        }
    }
    return node;
}

/// The subschema that governs the value at `steps`, following properties and items
/// (enough for the messages; combinators are not followed).
const json* schema_at(const json& schema, const json& document, const std::vector<std::string>& steps) {
    const json* subschema = &schema;
    const json* node = &document;
    for (const std::string& step : steps) {
        if (node != nullptr && node->is_array()) {
            const auto items = subschema->find("items");
            if (items == subschema->end() || !items->is_object()) {
                return nullptr;
            }
            subschema = &*items;
        } else {
            const auto properties = subschema->find("properties");
            if (properties == subschema->end() || !properties->contains(step)) {
                return nullptr;
            }
            subschema = &(*properties)[step];
        }
        node = node != nullptr ? node_at(*node, {step}) : nullptr;
    }
    return subschema;
}

std::string quoted(const json& value) {
    if (value.is_string()) {
        return "'" + printable(value.get<std::string>(), 80) + "'";
    }
    return printable(value.dump(), 80);
}

std::string between_quotes(const std::string& text) {
    const std::size_t first = text.find('\'');
    const std::size_t last = text.rfind('\'');
    if (first == std::string::npos || last <= first) {
        return {};
    }
    return text.substr(first + 1, last - first - 1);
}

bool is_combinator_failure(const std::string& description) {
    return description.starts_with("Failed to validate against any child schemas allowed by oneOf") ||
           description.starts_with("Failed to validate against exactly one child schema") ||
           description.starts_with("Failed to validate against any schemas allowed by anyOf");
}

/// Says what an `if` asks, in the words of the document: "status is 'fixed'" when the
/// document's value is one the rule lists, else the values the rule lists.
void describe_condition(const json& condition, const std::string& prefix, const json* here,
                        std::vector<std::string>& parts) {
    if (!condition.is_object() || !condition.contains("properties") || !condition["properties"].is_object()) {
        return;
    }
    for (const auto& [key, constraint] : condition["properties"].items()) {
        const std::string name = prefix.empty() ? key : prefix + "." + key;
        const json* value = here != nullptr && here->is_object() && here->contains(key) ? &(*here)[key] : nullptr;
        std::vector<json> listed;
        if (constraint.contains("const")) {
            listed.push_back(constraint["const"]);
        } else if (constraint.contains("enum") && constraint["enum"].is_array()) {
            listed.assign(constraint["enum"].begin(), constraint["enum"].end());
        }
        if (!listed.empty()) {
            std::vector<std::string> values;
            if (value != nullptr && std::find(listed.begin(), listed.end(), *value) != listed.end()) {
                values.push_back(quoted(*value));
            } else {
                for (const json& each : listed) {
                    values.push_back(quoted(each));
                }
            }
            parts.push_back(name == "status" ? tr("schema.once-status", fmt::arg("values", i18n::join_or(values)))
                                             : tr("schema.when-field", fmt::arg("field", name),
                                                  fmt::arg("values", i18n::join_or(values))));
        }
        describe_condition(constraint, name, value, parts);
    }
}

/// "once status is 'approved'", "when optimisation.performed is true": when an if/then
/// rule applies to this document, said from its `if`.
std::string condition_text(const json& rule, const json& document) {
    std::vector<std::string> parts;
    describe_condition(rule.value("if", json::object()), "", &document, parts);
    if (!parts.empty()) {
        return join(parts, tr("schema.and"));
    }
    return rule.contains("$comment") ? tr("schema.under-rule", fmt::arg("rule", rule["$comment"].get<std::string>()))
                                     : tr("schema.under-a-rule");
}

/// The rule that produced an error: its `then` branch, said as a condition. Empty for
/// errors of the schema proper.
struct RuleContext {
    const json* branch = nullptr;
    std::string condition;
};

/// valijson's messages are written for programmers; these are for the person editing YAML.
void explain(const std::string& description, const json& schema, const RuleContext& rule, const json& document,
             const std::vector<std::string>& steps, std::vector<SchemaViolation>& out) {
    const std::string pointer = pointer_of(steps);
    const json* node = node_at(document, steps);
    const json* in_rule = rule.branch != nullptr ? schema_at(*rule.branch, document, steps) : nullptr;
    const json* subschema = in_rule != nullptr ? in_rule : schema_at(schema, document, steps);
    const json* base = schema_at(schema, document, steps);
    const json value = node != nullptr ? *node : json();
    auto say = [&](std::string message, const char* constraint, bool at_key = false) {
        out.push_back({pointer, at_key, std::move(message), constraint});
    };

    if (description.starts_with("Missing required property")) {
        const std::string field = between_quotes(description);
        const std::string where =
            steps.empty() ? "" : tr("schema.in-field", fmt::arg("field", printable(pointer_label(pointer), 80)));
        const json required = base != nullptr ? base->value("required", json::array()) : json::array();
        const bool always = std::find(required.begin(), required.end(), field) != required.end();
        const std::string when = !rule.condition.empty()
                                     ? tr("schema.required-when", fmt::arg("condition", rule.condition))
                                 : always ? std::string()
                                          : tr("schema.required-by-values");
        say(tr("schema.required", fmt::arg("field", field), fmt::arg("where", where), fmt::arg("when", when)),
            "required", !steps.empty());
        return;
    }
    if (description.starts_with("Object contains a property that could not be validated")) {
        // valijson names only the first unknown key: name them all, each at its line.
        std::vector<std::string> known;
        if (subschema != nullptr && subschema->contains("properties")) {
            for (const auto& [key, unused] : (*subschema)["properties"].items()) {
                known.push_back(key);
            }
        }
        if (!value.is_object()) {
            return;
        }
        for (const auto& [key, unused] : value.items()) {
            if (std::find(known.begin(), known.end(), key) != known.end() || key == "<<") {
                continue; // a merge key is the loader's finding (yaml-feature)
            }
            std::string message = key.empty() ? tr("schema.empty-key")
                                              : tr("schema.unknown-field", fmt::arg("field", printable(key, 60)));
            if (const auto suggestion = key.empty() ? std::nullopt : closest_match(key, known)) {
                message += tr("schema.did-you-mean", fmt::arg("field", *suggestion));
            }
            out.push_back({pointer + "/" + pointer_token(key), true, message, "additionalProperties"});
        }
        return;
    }
    if (description.starts_with("Failed to match against any enum values") && subschema != nullptr &&
        subschema->contains("enum")) {
        std::vector<std::string> allowed;
        for (const json& each : (*subschema)["enum"]) {
            allowed.push_back(each.is_string() ? each.get<std::string>() : each.dump());
        }
        say(rule.condition.empty()
                ? tr("schema.enum", fmt::arg("value", quoted(value)), fmt::arg("allowed", join(allowed, ", ")))
                : tr("schema.enum-when", fmt::arg("value", quoted(value)), fmt::arg("condition", rule.condition),
                     fmt::arg("allowed", join(allowed, ", "))),
            "enum");
        return;
    }
    if (description.starts_with("Value type not permitted")) {
        const bool empty = value.is_null() || (value.is_array() && value.empty());
        if (!rule.condition.empty() || subschema == nullptr || !subschema->contains("type") ||
            type_allows(subschema->at("type"), value)) {
            // The field's own schema allows the value: a rule (if/then) does not.
            const std::string when = rule.condition.empty() ? tr("schema.by-values") : rule.condition;
            say(empty ? tr("schema.must-fill", fmt::arg("condition", when))
                      : tr("schema.not-allowed", fmt::arg("value", quoted(value)), fmt::arg("condition", when)),
                "status");
            return;
        }
        std::string message = tr("schema.type", fmt::arg("expected", expected_types((*subschema)["type"])),
                                 fmt::arg("actual", type_name(value)));
        if ((*subschema)["type"] == "string" && (value.is_number() || value.is_boolean())) {
            message += tr("schema.quote-it", fmt::arg("value", value.dump()));
        }
        say(message, "type");
        return;
    }
    if (description.starts_with("Failed to match regex") && subschema != nullptr) {
        if (subschema->contains("format")) {
            return; // the format check says it better: "not a valid date"
        }
        if (subschema->value("pattern", std::string()) == "^[0-9a-f]{40}$") {
            say(tr("schema.sha", fmt::arg("value", quoted(value))), "pattern");
            return;
        }
        say(tr("schema.pattern", fmt::arg("value", quoted(value)),
               fmt::arg("pattern", subschema->value("pattern", std::string("?")))),
            "pattern");
        return;
    }
    if (description.starts_with("Failed to match expected value set by 'const'") && subschema != nullptr) {
        say(tr("schema.const", fmt::arg("value", quoted(subschema->value("const", json())))), "const");
        return;
    }
    if (description.starts_with("String should be no fewer than")) {
        say(tr("schema.not-empty"), "minLength");
        return;
    }
    if (description.starts_with("Array should contain no fewer than") && subschema != nullptr) {
        const int minimum = subschema->value("minItems", 1);
        say(tr(minimum == 1 ? "schema.min-items-one" : "schema.min-items", fmt::arg("count", minimum),
               fmt::arg("condition", rule.condition.empty() ? "" : " " + rule.condition)),
            "minItems");
        return;
    }
    if (description.starts_with("Expected number greater than") && subschema != nullptr) {
        const bool exclusive = !description.starts_with("Expected number greater than or equal");
        const json bound = subschema->value(exclusive ? "exclusiveMinimum" : "minimum", json());
        say(tr(exclusive ? "schema.more-than" : "schema.at-least", fmt::arg("value", value.dump()),
               fmt::arg("bound", bound.dump())),
            "minimum");
        return;
    }
    if (description.starts_with("Expected number less than") && subschema != nullptr) {
        const bool exclusive = !description.starts_with("Expected number less than or equal");
        const json bound = subschema->value(exclusive ? "exclusiveMaximum" : "maximum", json());
        say(tr(exclusive ? "schema.less-than" : "schema.at-most", fmt::arg("value", value.dump()),
               fmt::arg("bound", bound.dump())),
            "maximum");
        return;
    }
    if (is_combinator_failure(description) && subschema != nullptr) {
        std::vector<std::string> choices;
        for (const char* combinator : {"oneOf", "anyOf"}) {
            for (const json& choice : subschema->value(combinator, json::array())) {
                if (choice.contains("description")) {
                    choices.push_back(choice["description"].get<std::string>());
                }
            }
        }
        if (!choices.empty()) {
            say(tr("schema.one-of", fmt::arg("choices", join(choices, " | "))), "oneOf");
            return;
        }
    }
    if (description.starts_with("Elements at indexes")) {
        say(tr("schema.unique"), "uniqueItems");
        return;
    }
    say(description, "other");
}

/// Checks `format: date` and `format: date-time` wherever the document has a string under
/// such a schema, following properties and items.
void check_formats(const json& schema, const json& node, PointerTrail& trail, std::vector<SchemaViolation>& out) {
    if (!schema.is_object()) {
        return;
    }
    if (node.is_string()) {
        const auto format = schema.find("format");
        if (format == schema.end() || !format->is_string()) {
            return;
        }
        const std::string& text = node.get_ref<const std::string&>();
        if (*format == "date" && !is_iso_date(text)) {
            out.push_back({trail.pointer(), false, tr("schema.date", fmt::arg("value", quoted(node))), "format"});
        } else if (*format == "date-time" && !is_iso_datetime(text)) {
            out.push_back({trail.pointer(), false, tr("schema.date-time", fmt::arg("value", quoted(node))), "format"});
        }
        return;
    }
    if (const auto properties = schema.find("properties"); node.is_object() && properties != schema.end()) {
        for (auto member = node.begin(); member != node.end(); ++member) {
            if (const auto found = properties->find(member.key()); found != properties->end()) {
                trail.push(member.key());
                check_formats(*found, member.value(), trail, out);
                trail.pop();
            }
        }
    } else if (const auto items = schema.find("items"); node.is_array() && items != schema.end()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            trail.push(i);
            check_formats(*items, node[i], trail, out);
            trail.pop();
        }
    }
}

/// A copy of the schema without `format`, for valijson (see the class comment).
json without_formats(const json& schema) {
    if (!schema.is_object()) {
        return schema;
    }
    json copy = schema;
    if (copy.contains("format") && copy["format"].is_string()) {
        copy.erase("format");
    }
    for (const char* key : {"items", "additionalProperties", "if", "then", "else", "not"}) {
        if (copy.contains(key)) {
            copy[key] = copy[key].is_array() ? copy[key] : without_formats(copy[key]);
        }
    }
    for (const char* key : {"allOf", "anyOf", "oneOf", "items"}) {
        if (copy.contains(key) && copy[key].is_array()) {
            for (json& each : copy[key]) {
                each = without_formats(each);
            }
        }
    }
    for (const char* key : {"properties", "patternProperties", "definitions", "$defs"}) {
        if (copy.contains(key) && copy[key].is_object()) {
            for (auto& [name, each] : copy[key].items()) {
                each = without_formats(each);
            }
        }
    }
    return copy;
}

bool is_summary(const std::string& description) {
    return description.starts_with("Failed to validate against child schema #") ||
           description.starts_with("Failed to validate against a conditional schema") ||
           description.starts_with("Failed to validate against schema associated with property") ||
           description.starts_with("Failed to validate item #") ||
           description.starts_with("Failed to validate against additional properties schema");
}

} // namespace

struct SchemaValidator::Compiled {
    // valijson stops an allOf at its first failing entry; each top-level entry (the
    // status rules) is compiled on its own so that one run reports every broken rule.
    std::vector<std::unique_ptr<valijson::Schema>> parts;
    // Kept across documents: a validator caches the regexes of `pattern` constraints, so
    // it is not safe to share between threads. Each validate() takes a set of them (one
    // per part) from this pool and gives it back; a second thread gets its own set.
    std::mutex pool_mutex;
    std::vector<std::unique_ptr<std::vector<valijson::Validator>>> pool;

    std::unique_ptr<std::vector<valijson::Validator>> take() {
        {
            const std::lock_guard lock(pool_mutex);
            if (!pool.empty()) {
                auto set = std::move(pool.back());
                pool.pop_back();
                return set;
            }
        }
        auto set = std::make_unique<std::vector<valijson::Validator>>();
        for (std::size_t i = 0; i < parts.size(); ++i) {
            set->emplace_back(valijson::Validator::kStrongTypes);
        }
        return set;
    }

    void give_back(std::unique_ptr<std::vector<valijson::Validator>> set) {
        const std::lock_guard lock(pool_mutex);
        pool.push_back(std::move(set));
    }
    std::vector<json> branches; // each part's `then` (null for the schema proper)
    std::vector<json> rules;    // each part as written (null for the schema proper)
};

SchemaValidator::SchemaValidator(json schema, Draft draft, Shortcut shortcut)
    : m_compiled(std::make_unique<Compiled>()), m_schema(std::move(schema)) {
    std::vector<json> parts;
    json base = m_schema;
    if (base.is_object() && base.contains("allOf") && base["allOf"].is_array()) {
        for (const json& rule : base["allOf"]) {
            parts.push_back(rule);
        }
        base.erase("allOf");
    }
    parts.insert(parts.begin(), std::move(base));
    for (std::size_t i = 0; i < parts.size(); ++i) {
        m_compiled->branches.push_back(i == 0 ? json() : parts[i].value("then", json()));
        m_compiled->rules.push_back(i == 0 ? json() : parts[i]);
    }
    for (const json& part : parts) {
        try {
            auto compiled = std::make_unique<valijson::Schema>();
            valijson::SchemaParser parser(draft == Draft::v4 ? valijson::SchemaParser::kDraft4
                                                             : valijson::SchemaParser::kDraft7);
            const json stripped = without_formats(part);
            valijson::adapters::NlohmannJsonAdapter adapter(stripped);
            parser.populateSchema(adapter, *compiled);
            m_compiled->parts.push_back(std::move(compiled));
        } catch (const std::exception& error) {
            throw Error(
                fmt::format("cannot compile schema {}: {}", m_schema.value("$id", std::string("?")), error.what()));
        }
    }
    if (draft == Draft::v7 && shortcut == Shortcut::when_possible) {
        m_quick = QuickSchema::compile(m_schema);
    }
}

SchemaValidator::~SchemaValidator() = default;
SchemaValidator::SchemaValidator(SchemaValidator&&) noexcept = default;
SchemaValidator& SchemaValidator::operator=(SchemaValidator&&) noexcept = default;

std::vector<SchemaViolation> SchemaValidator::validate(const json& document) const {
    std::vector<SchemaViolation> format_violations;
    PointerTrail trail;
    check_formats(m_schema, document, trail, format_violations);
    if (m_quick != nullptr && m_quick->accepts(document).value_or(false)) {
        return format_violations; // valijson would find nothing: only its errors need it
    }
    struct Raw {
        std::vector<std::string> steps;
        std::string description;
        std::size_t part = 0;
    };
    std::vector<Raw> raw;
    valijson::adapters::NlohmannJsonAdapter target(document);
    auto validators = m_compiled->take();
    struct GiveBack {
        Compiled& compiled;
        std::unique_ptr<std::vector<valijson::Validator>>& set;
        ~GiveBack() { compiled.give_back(std::move(set)); }
    } give_back{*m_compiled, validators};
    for (std::size_t i = 0; i < m_compiled->parts.size(); ++i) {
        valijson::ValidationResults results;
        try {
            if ((*validators)[i].validate(*m_compiled->parts[i], target, &results)) {
                continue;
            }
        } catch (const std::exception& error) {
            raw.push_back({{}, fmt::format("the document could not be validated: {}", error.what()), i});
            continue;
        }
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            raw.push_back({context_steps(error.context), error.description, i});
        }
    }
    if (raw.empty()) {
        return format_violations;
    }
    // A failed oneOf/anyOf also reports why each alternative failed, which contradicts
    // itself ("case is missing", "record is missing"): keep only the combinator's message.
    std::vector<std::vector<std::string>> alternatives;
    for (const Raw& each : raw) {
        if (is_combinator_failure(each.description)) {
            alternatives.push_back(each.steps);
        }
    }
    std::erase_if(raw, [&](const Raw& each) {
        return !is_combinator_failure(each.description) &&
               std::any_of(alternatives.begin(), alternatives.end(), [&](const std::vector<std::string>& steps) {
                   return each.steps.size() >= steps.size() &&
                          std::equal(steps.begin(), steps.end(), each.steps.begin());
               });
    });
    std::vector<SchemaViolation> violations;
    std::set<std::pair<std::string, std::string>> seen;
    bool specific = false;
    for (const Raw& each : raw) {
        if (is_summary(each.description)) {
            continue; // the specific error below it says more
        }
        specific = true;
        std::vector<SchemaViolation> explained;
        const json& branch = m_compiled->branches[each.part];
        explain(each.description, m_schema,
                RuleContext{branch.is_object() ? &branch : nullptr,
                            each.part == 0 ? std::string() : condition_text(m_compiled->rules[each.part], document)},
                document, each.steps, explained);
        for (SchemaViolation& violation : explained) {
            if (seen.insert({violation.pointer, violation.message}).second) {
                violations.push_back(std::move(violation));
            }
        }
    }
    if (!specific) {
        // Only summaries (from combinators such as oneOf): report the deepest as it is.
        const auto deepest = std::max_element(
            raw.begin(), raw.end(), [](const Raw& a, const Raw& b) { return a.steps.size() < b.steps.size(); });
        if (deepest != raw.end()) {
            violations.push_back({pointer_of(deepest->steps), false, deepest->description, "other"});
        }
    }
    violations.insert(violations.end(), format_violations.begin(), format_violations.end());
    return violations;
}

} // namespace cswm
