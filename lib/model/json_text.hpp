#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cswm {

/// The string under `key` of a document's object: "" when `node` is no object, the key is
/// absent or its value is no string (the schema reports those; views and rules go on).
inline std::string json_text(const nlohmann::json& node, const char* key) {
    if (!node.is_object()) {
        return {};
    }
    const auto found = node.find(key);
    return found != node.end() && found->is_string() ? found->get<std::string>() : std::string();
}

/// The IDs at `key`: one text, or the texts of a list.
inline std::vector<std::string> ids_at(const nlohmann::json& node, const char* key) {
    std::vector<std::string> ids;
    if (!node.is_object()) {
        return ids;
    }
    const auto found = node.find(key);
    if (found == node.end()) {
        return ids;
    }
    if (found->is_string()) {
        ids.push_back(found->get<std::string>());
    } else if (found->is_array()) {
        for (const nlohmann::json& each : *found) {
            if (each.is_string()) {
                ids.push_back(each.get<std::string>());
            }
        }
    }
    return ids;
}

/// The list under `key`, or an empty one when `node` is no object or it is no list.
inline const nlohmann::json& list_at(const nlohmann::json& node, const char* key) {
    static const nlohmann::json empty = nlohmann::json::array();
    if (!node.is_object()) {
        return empty;
    }
    const auto found = node.find(key);
    return found != node.end() && found->is_array() ? *found : empty;
}

/// The object under `key`, or an empty one when `node` is no object or it is none.
inline const nlohmann::json& object_at(const nlohmann::json& node, const char* key) {
    static const nlohmann::json empty = nlohmann::json::object();
    if (!node.is_object()) {
        return empty;
    }
    const auto found = node.find(key);
    return found != node.end() && found->is_object() ? *found : empty;
}

} // namespace cswm
