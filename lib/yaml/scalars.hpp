#pragma once

// What a plain (unquoted) YAML scalar means under the YAML 1.2 core schema: the loader's
// typing of values, by hand rather than by std::regex.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace cswm {

/// Types a plain scalar by the YAML 1.2 core schema (null words are the caller's).
nlohmann::json plain_scalar_value(const std::string& text);

/// `~`, `null`, `Null`, `NULL` or nothing: a plain scalar that means null.
bool is_null_word(std::string_view text);

} // namespace cswm
