#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// A 1-based position in a text file, in lines and characters (not bytes).
struct Position {
    int line = 0; ///< 0 when unknown
    int column = 0;
};

/// Offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates
/// and code points past U+10FFFF included), or nullopt when all of `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// The 1-based line and character column of a byte offset in UTF-8 text.
Position position_of_offset(std::string_view text, std::size_t offset);

/// Decodes the code point at `offset` of valid UTF-8 and advances `offset` past it.
char32_t next_code_point(std::string_view text, std::size_t& offset);

/// Columns the text takes on a terminal: East Asian wide and fullwidth characters take two.
std::size_t display_width(std::string_view text);

/// Pads `text` with spaces on the right to `width` terminal columns.
std::string pad_to_width(std::string_view text, std::size_t width);

/// Makes a value safe to print: control characters become \xNN escapes, and text longer
/// than `max_bytes` is cut at a character boundary with an ellipsis.
std::string printable(std::string_view text, std::size_t max_bytes = 200);

/// A file-name slug: ASCII lower-case letters and digits, and letters of other scripts
/// (such as 中文) kept as they are; everything else becomes single hyphens.
std::string slugify(std::string_view title, std::size_t max_bytes = 60);

/// The candidate closest to `word` by edit distance, when close enough to suggest.
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates);

/// "a test-report", "an anomaly-record", "an srs": the noun with its English article.
std::string with_article(std::string_view noun);

/// Joins strings with a separator.
std::string join(std::span<const std::string> parts, std::string_view separator);

} // namespace cswm
