#include "lib/import/xml_input.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace cswm {
namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

bool is_xml_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool starts_with_at(std::string_view text, std::size_t at, std::string_view prefix) {
    return text.substr(std::min(at, text.size())).starts_with(prefix);
}

[[noreturn]] void fail_at(std::string_view text, std::size_t offset, const std::string& path,
                          const std::string& message) {
    const Position position = position_of_offset(text, offset);
    throw Error(fmt::format("{}:{}:{}: {}", path, position.line, position.column, message));
}

/// "<?xml" followed by a space or "?>": an XML declaration rather than a PI named xml-something.
bool is_declaration_at(std::string_view text, std::size_t at) {
    if (!starts_with_at(text, at, "<?xml")) {
        return false;
    }
    return at + 5 < text.size() && (is_xml_space(text[at + 5]) || text[at + 5] == '?');
}

/// The value of encoding="…" in the XML declaration at the start of `text`, if any.
std::optional<std::string> declared_encoding(std::string_view text) {
    const std::size_t end = text.find("?>");
    const std::string_view declaration = text.substr(0, end);
    const std::size_t key = declaration.find("encoding");
    if (key == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t quote = declaration.find_first_of("\"'", key);
    if (quote == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t close = declaration.find(declaration[quote], quote + 1);
    if (close == std::string_view::npos) {
        return std::nullopt;
    }
    return std::string(declaration.substr(quote + 1, close - quote - 1));
}

bool reads_as_utf8(std::string encoding) {
    std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    return encoding == "utf-8" || encoding == "utf8" || encoding == "us-ascii" || encoding == "ascii";
}

/// Walks the prolog (declaration, comments, processing instructions) up to the root
/// element: a declaration anywhere but first, or a DTD, stops the import.
void check_prolog(std::string_view text, const std::string& path) {
    std::size_t at = 0;
    if (is_declaration_at(text, 0)) {
        at = text.find("?>");
        at = at == std::string_view::npos ? text.size() : at + 2;
    }
    while (at < text.size()) {
        if (is_xml_space(text[at])) {
            ++at;
        } else if (starts_with_at(text, at, "<!--")) {
            const std::size_t end = text.find("-->", at + 4);
            at = end == std::string_view::npos ? text.size() : end + 3;
        } else if (is_declaration_at(text, at)) {
            fail_at(text, at, path, tr("import.xml-declaration-late"));
        } else if (starts_with_at(text, at, "<?")) {
            const std::size_t end = text.find("?>", at + 2);
            at = end == std::string_view::npos ? text.size() : end + 2;
        } else if (starts_with_at(text, at, "<!DOCTYPE") || starts_with_at(text, at, "<!doctype")) {
            fail_at(text, at, path, tr("import.xml-dtd"));
        } else {
            return;
        }
    }
}

} // namespace

LineIndex::LineIndex(std::string_view text) {
    m_starts.push_back(0);
    for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) {
        m_starts.push_back(at + 1);
    }
}

int LineIndex::line_of(std::size_t offset) const {
    const auto next = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    return static_cast<int>(next - m_starts.begin());
}

std::string_view checked_xml_text(std::string_view text, const std::string& path) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw Error(tr("import.xml-empty", fmt::arg("path", path)));
    }
    const bool utf16_bom = text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF");
    if (utf16_bom || (text.size() >= 2 && (text[0] == '\0' || text[1] == '\0'))) {
        throw Error(tr("import.xml-wide", fmt::arg("path", path)));
    }
    if (text.starts_with(k_utf8_bom)) {
        text.remove_prefix(k_utf8_bom.size());
    }
    const bool ascii =
        std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii && is_declaration_at(text, 0)) {
        if (const auto encoding = declared_encoding(text); encoding && !reads_as_utf8(*encoding)) {
            throw Error(
                tr("import.xml-encoding", fmt::arg("path", path), fmt::arg("encoding", printable(*encoding, 40))));
        }
    }
    if (const auto invalid = find_invalid_utf8(text)) {
        fail_at(text, *invalid, path, tr("import.xml-invalid-utf8"));
    }
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        fail_at(text, nul, path, tr("import.xml-nul"));
    }
    check_prolog(text, path);
    return text;
}

std::string clean_text(std::string_view text, bool multiline, std::size_t max_bytes) {
    std::string out;
    out.reserve(std::min(text.size(), max_bytes + 8));
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t start = at;
        const char32_t c = next_code_point(text, at);
        if (c == 0x1B) {
            // A terminal escape such as ESC [ 31 m (coloured runner output): drop it whole.
            if (at < text.size() && text[at] == '[') {
                ++at;
                while (at < text.size() && !(text[at] >= 0x40 && text[at] <= 0x7E)) {
                    ++at;
                }
                at = std::min(at + 1, text.size());
            }
            continue;
        }
        if (c == '\r') {
            if (at < text.size() && text[at] == '\n') {
                continue; // the '\n' that follows makes the break
            }
            out += multiline ? '\n' : ' ';
        } else if (c == '\n' || c == 0x2028 || c == 0x2029 || c == 0x85) {
            out += multiline ? '\n' : ' ';
        } else if (c == '\t') {
            out += ' ';
        } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFEFF) {
            continue;
        } else if (c == 0xFFFD && text.substr(start, at - start) != "\xEF\xBF\xBD") {
            out += "\xEF\xBF\xBD"; // an invalid byte
        } else {
            out.append(text.substr(start, at - start));
        }
        if (out.size() > max_bytes) {
            break;
        }
    }
    const std::size_t first = out.find_first_not_of(" \n");
    if (first == std::string::npos) {
        return {};
    }
    out.erase(0, first);
    out.erase(out.find_last_not_of(" \n") + 1);
    if (out.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) {
            --cut;
        }
        out.resize(cut);
        out += "…";
    }
    return out;
}

} // namespace cswm
