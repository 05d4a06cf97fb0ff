#include "lib/schema/json_types.hpp"

#include "lib/i18n/i18n.hpp"

#include <algorithm>
#include <vector>

namespace cswm {

using nlohmann::json;

std::string type_name(const json& value) {
    switch (value.type()) {
    case json::value_t::null:
        return tr("schema.type-empty");
    case json::value_t::boolean:
        return tr("schema.type-boolean");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return tr("schema.type-integer");
    case json::value_t::number_float:
        return tr("schema.type-number");
    case json::value_t::string:
        return tr("schema.type-text");
    case json::value_t::array:
        return tr("schema.type-list");
    case json::value_t::object:
        return tr("schema.type-mapping");
    default:
        return tr("schema.type-value");
    }
}

std::string expected_types(const json& type) {
    std::vector<std::string> names;
    auto name_of = [](const std::string& type_name) -> std::string {
        if (type_name == "string") {
            return tr("schema.type-text");
        }
        if (type_name == "integer") {
            return tr("schema.type-integer");
        }
        if (type_name == "number") {
            return tr("schema.type-number");
        }
        if (type_name == "boolean") {
            return tr("schema.type-true-or-false");
        }
        if (type_name == "array") {
            return tr("schema.type-list");
        }
        if (type_name == "object") {
            return tr("schema.type-mapping");
        }
        if (type_name == "null") {
            return tr("schema.type-empty");
        }
        return type_name;
    };
    if (type.is_string()) {
        names.push_back(name_of(type.get<std::string>()));
    } else if (type.is_array()) {
        for (const json& each : type) {
            names.push_back(name_of(each.get<std::string>()));
        }
    }
    return i18n::join_or(names);
}

bool type_allows(const json& type, const json& value) {
    auto allows = [&](const std::string& name) {
        return (name == "null" && value.is_null()) || (name == "string" && value.is_string()) ||
               (name == "boolean" && value.is_boolean()) || (name == "array" && value.is_array()) ||
               (name == "object" && value.is_object()) || (name == "number" && value.is_number()) ||
               (name == "integer" && value.is_number_integer());
    };
    if (type.is_string()) {
        return allows(type.get<std::string>());
    }
    return type.is_array() && std::any_of(type.begin(), type.end(), [&](const json& each) {
               return each.is_string() && allows(each.get<std::string>());
           });
}

} // namespace cswm
