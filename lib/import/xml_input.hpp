#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// The byte offset of the start of each line of a text, to turn offsets into line
/// numbers in logarithmic time (an XML file may hold tens of thousands of elements).
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    /// The 1-based line of a byte offset.
    int line_of(std::size_t offset) const;

private:
    std::vector<std::size_t> m_starts;
};

/// Checks the bytes and the prolog of an XML file before any parser sees them: not
/// empty, not UTF-16/32, valid UTF-8 without NUL bytes, a declared encoding that UTF-8
/// reading honours, the XML declaration (if any) first, and no DTD at all. Returns the
/// text to parse (any UTF-8 byte-order mark removed). Throws Error naming `path` with
/// line and column.
std::string_view checked_xml_text(std::string_view text, const std::string& path);

/// Text from an XML file made safe to store and print: invalid UTF-8 replaced, terminal
/// escape sequences and control characters removed, line breaks kept only when
/// `multiline` (else spaces), trimmed, and cut at a character boundary past `max_bytes`.
std::string clean_text(std::string_view text, bool multiline, std::size_t max_bytes);

} // namespace cswm
