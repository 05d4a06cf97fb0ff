#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace cswm {

/// A scalar as YAML text that reads back as the same value under the loader's typing:
/// plain when that is safe, otherwise double-quoted (a SHA of digits only, text with
/// `: ` or `#`, a leading space, "null", "yes"…).
std::string yaml_scalar(const nlohmann::ordered_json& value);

/// The text that follows `key:` to give it `value` in block style, for a key whose line
/// starts at column `indent`: " scalar", " []", " [a, b]" (short lists of scalars), or a
/// line break and the block of a list or mapping indented by two more. Keys keep the
/// order of the ordered_json; `eol` is the document's line ending.
std::string yaml_value_text(const nlohmann::ordered_json& value, std::size_t indent, std::string_view eol);

} // namespace cswm
