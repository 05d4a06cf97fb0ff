#pragma once

#include "lib/yaml/loader.hpp"

#include <string_view>
#include <vector>

namespace cswm {

/// Checks the bytes of a document before any YAML parser sees them: encoding (UTF-8
/// only, no byte-order mark), control characters, line separators and tab indentation. Returns the
/// problems found; `parseable` is false when the text must not be parsed at all.
struct TextCheck {
    std::vector<YamlProblem> problems;
    bool parseable = true;
    std::size_t skip = 0; ///< bytes of a UTF-8 byte-order mark to skip before parsing
};

TextCheck check_document_text(std::string_view text);

} // namespace cswm
