#pragma once

// JSON Schema's types as schema findings say them ("a list", "text or a number") and as
// a value meets them.

#include <nlohmann/json.hpp>

#include <string>

namespace cswm {

/// What `value` is, in the words of a finding ("a list", "empty").
std::string type_name(const nlohmann::json& value);

/// A schema's `type` (one name or a list of names) as the words of a finding.
std::string expected_types(const nlohmann::json& type);

/// Whether `value` is of a schema's `type` (one name or a list of names).
bool type_allows(const nlohmann::json& type, const nlohmann::json& value);

} // namespace cswm
