#pragma once

// What the loader makes of libyaml's syntax errors: a sentence for each, the likely cause
// further up (a quote left open, a full-width colon typed by a Chinese input method) and
// the words for what was being parsed. Internal to lib/yaml.

#include "lib/util/text.hpp"
#include "lib/yaml/libyaml.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace cswm {

/// The first quote on lines before `line` (1-based) that opens a value and is not
/// closed on its own line: the usual cause of a syntax error reported further down.
std::optional<Position> quote_left_open(std::string_view text, int line);

/// A full-width colon or space typed by a Chinese input method where YAML needs ASCII:
/// the nearest such slip on or before `line` (1-based), with what to say of it.
std::optional<std::pair<Position, std::string>> full_width_slip(std::string_view text, int line);

/// What libyaml's `context` ("while parsing a flow sequence") names, for a sentence, with
/// where it began.
std::string context_noun(std::string_view context, Position at);

/// True when only spaces, line breaks and comments are left.
bool nothing_but_comments(std::string_view rest);

struct SyntaxError {
    Position at;
    std::string message; ///< without the "YAML syntax error: " that the others get
    bool whole = false;  ///< the message says all: no prefix, no guessing at a cause
};

/// libyaml's error as a sentence a maintainer understands: what is wrong where, and where
/// the construct it belongs to began. `marks` places libyaml's marks in `text`;
/// `open_flow` is the innermost `[` or `{` still open there (true for `{`) and where it began.
SyntaxError describe_syntax_error(const yaml_parser_t& parser, std::string_view text, MarkMapper& marks,
                                  std::optional<std::pair<bool, Position>> open_flow);

} // namespace cswm
