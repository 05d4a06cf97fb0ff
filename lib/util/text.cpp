#include "lib/util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace cswm {
namespace {

constexpr bool is_continuation(unsigned char byte) {
    return (byte & 0xC0U) == 0x80U;
}

/// Length of the UTF-8 sequence that starts at `offset`, or 0 when it is malformed.
std::size_t sequence_length(std::string_view text, std::size_t offset) {
    const auto byte = static_cast<unsigned char>(text[offset]);
    if (byte < 0x80U) {
        return 1;
    }
    std::size_t length = 0;
    char32_t minimum = 0;
    char32_t code = 0;
    if ((byte & 0xE0U) == 0xC0U) {
        length = 2;
        minimum = 0x80;
        code = byte & 0x1FU;
    } else if ((byte & 0xF0U) == 0xE0U) {
        length = 3;
        minimum = 0x800;
        code = byte & 0x0FU;
    } else if ((byte & 0xF8U) == 0xF0U) {
        length = 4;
        minimum = 0x10000;
        code = byte & 0x07U;
    } else {
        return 0;
    }
    if (offset + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[offset + i]);
        if (!is_continuation(next)) {
            return 0;
        }
        code = (code << 6U) | (next & 0x3FU);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return 0;
    }
    return length;
}

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

/// Punctuation, symbols and spaces outside ASCII that a slug drops.
bool is_separator(char32_t c) {
    return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
           (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
           (c >= 0xFFE0 && c <= 0xFFEF) || (c >= 0x1F000 && c <= 0x1FAFF);
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/// Edit distance counting a swap of two neighbours as one edit (TC-170 for TC-107), on
/// three rows reused across calls rather than a fresh matrix per candidate.
std::size_t edit_distance(std::string_view a, std::string_view b, std::vector<std::size_t>& rows) {
    const std::size_t width = b.size() + 1;
    rows.assign(3 * width, 0);
    std::size_t* before = rows.data();       // row i - 2
    std::size_t* previous = before + width;  // row i - 1
    std::size_t* current = previous + width; // row i
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::size_t* recycled = before;
        before = previous;
        previous = current;
        current = recycled;
    }
    return previous[b.size()];
}

} // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    std::size_t offset = 0;
    while (offset < text.size()) {
        const std::size_t length = sequence_length(text, offset);
        if (length == 0) {
            return offset;
        }
        offset += length;
    }
    return std::nullopt;
}

char32_t next_code_point(std::string_view text, std::size_t& offset) {
    const std::size_t length = sequence_length(text, offset);
    if (length == 0) {
        ++offset;
        return 0xFFFD;
    }
    auto code = static_cast<char32_t>(static_cast<unsigned char>(text[offset]));
    if (length > 1) {
        code &= (0x7FU >> length);
        for (std::size_t i = 1; i < length; ++i) {
            code = (code << 6U) | (static_cast<unsigned char>(text[offset + i]) & 0x3FU);
        }
    }
    offset += length;
    return code;
}

Position position_of_offset(std::string_view text, std::size_t offset) {
    Position position{1, 1};
    std::size_t at = 0;
    const std::size_t end = std::min(offset, text.size());
    while (at < end) {
        if (text[at] == '\n') {
            ++position.line;
            position.column = 1;
            ++at;
            continue;
        }
        const std::size_t before = at;
        next_code_point(text, at);
        if (at > end) {
            at = before + 1; // offset inside a sequence: count the partial character
        }
        ++position.column;
    }
    return position;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    std::size_t offset = 0;
    while (offset < text.size()) {
        width += is_wide(next_code_point(text, offset)) ? 2U : 1U;
    }
    return width;
}

std::string pad_to_width(std::string_view text, std::size_t width) {
    std::string padded(text);
    const std::size_t have = display_width(text);
    if (have < width) {
        padded.append(width - have, ' ');
    }
    return padded;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
    std::string out;
    std::size_t offset = 0;
    while (offset < text.size()) {
        if (out.size() >= max_bytes) {
            out += "…";
            break;
        }
        const std::size_t start = offset;
        const char32_t c = next_code_point(text, offset);
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
        } else if (c == 0xFFFD && offset == start + 1) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[start]));
        } else {
            out.append(text.substr(start, offset - start));
        }
    }
    return out;
}

std::string slugify(std::string_view title, std::size_t max_bytes) {
    std::string slug;
    bool pending_hyphen = false;
    std::size_t offset = 0;
    while (offset < title.size()) {
        char32_t c = next_code_point(title, offset);
        if (c >= 0xFF10 && c <= 0xFF5A && !(c >= 0xFF1A && c <= 0xFF20) && !(c >= 0xFF3B && c <= 0xFF40)) {
            c -= 0xFEE0; // fullwidth letters and digits become ASCII
        }
        if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
        }
        const bool keep =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0x80 && !is_separator(c) && c != 0xFFFD);
        if (!keep) {
            pending_hyphen = !slug.empty();
            continue;
        }
        std::string encoded;
        append_utf8(encoded, c);
        if (slug.size() + encoded.size() + (pending_hyphen ? 1 : 0) > max_bytes) {
            break;
        }
        if (pending_hyphen) {
            slug += '-';
            pending_hyphen = false;
        }
        slug += encoded;
    }
    return slug;
}

std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    auto lower = [](std::string_view text, std::string& out) {
        out.assign(text);
        std::transform(out.begin(), out.end(), out.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    };
    std::string folded;
    lower(word, folded);
    std::string candidate_folded;
    std::vector<std::size_t> rows;
    for (const std::string& candidate : candidates) {
        // The distance is at least the difference in length: such a candidate cannot be
        // nearer than the best so far, so it is not compared at all.
        const std::size_t length_gap =
            candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
        if (length_gap >= best_distance) {
            continue;
        }
        lower(candidate, candidate_folded);
        const std::size_t distance = edit_distance(folded, candidate_folded, rows); // fix-012 finds FIX-012
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

std::string with_article(std::string_view noun) {
    const bool vowel = !noun.empty() && std::string_view("aeiouAEIOU").find(noun[0]) != std::string_view::npos;
    const bool spelt_out = noun.starts_with("srs") || noun.starts_with("SRS"); // said "ess-ar-ess"
    return fmt::format("{} {}", vowel || spelt_out ? "an" : "a", noun);
}

std::string join(std::span<const std::string> parts, std::string_view separator) {
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            joined += separator;
        }
        joined += parts[i];
    }
    return joined;
}

} // namespace cswm
