#pragma once

#include <nlohmann/json.hpp>

#include <string>

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

} // namespace cswm
