#include "lib/yaml/text_checks.hpp"

#include "lib/i18n/i18n.hpp"

#include <fmt/format.h>

namespace cswm {
namespace {

bool starts_with_bytes(std::string_view text, std::string_view bytes) {
    return text.substr(0, bytes.size()) == bytes;
}

/// UTF-16 and UTF-32 text, with or without a byte-order mark, has NUL bytes where ASCII
/// text has none: yaml-cpp would silently transcode it.
const char* wide_encoding(std::string_view text) {
    using namespace std::string_view_literals;
    if (starts_with_bytes(text, "\x00\x00\xFE\xFF"sv) || starts_with_bytes(text, "\xFF\xFE\x00\x00"sv)) {
        return "UTF-32";
    }
    if (starts_with_bytes(text, "\xFE\xFF"sv) || starts_with_bytes(text, "\xFF\xFE"sv)) {
        return "UTF-16";
    }
    if (text.size() >= 4 && ((text[0] == '\0' && text[1] == '\0') || (text[2] == '\0' && text[3] == '\0'))) {
        return "UTF-32";
    }
    if (text.size() >= 2 && (text[0] == '\0' || text[1] == '\0')) {
        return "UTF-16";
    }
    return nullptr;
}

bool is_forbidden_control(char32_t c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFEFF;
}

/// A line that opens a block scalar ends with '|' or '>' and optional indicators.
bool opens_block_scalar(std::string_view line) {
    const std::size_t comment = line.find(" #");
    if (comment != std::string_view::npos) {
        line = line.substr(0, comment);
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '+' || line.back() == '-' ||
                             (line.back() >= '1' && line.back() <= '9'))) {
        line.remove_suffix(1);
    }
    return !line.empty() && (line.back() == '|' || line.back() == '>') &&
           (line.size() == 1 || line[line.size() - 2] == ' ' || line[line.size() - 2] == ':');
}

/// Tabs (and full-width spaces) in the leading white space of a line are indentation,
/// which YAML forbids; inside a block scalar they are content and allowed.
void check_indentation(std::string_view text, std::vector<YamlProblem>& problems) {
    std::size_t start = 0;
    std::size_t block_indent = std::string_view::npos; // indentation of the line that opened a block scalar
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view line = text.substr(start, end - start);
        const std::size_t content = line.find_first_not_of(" \t");
        const std::size_t spaces = line.find_first_not_of(' ');
        const bool blank = content == std::string_view::npos || line[content] == '\r';
        if (block_indent != std::string_view::npos && !blank && spaces != std::string_view::npos &&
            spaces <= block_indent && line[spaces] != '\t') {
            block_indent = std::string_view::npos; // the block scalar ended
        }
        if (block_indent == std::string_view::npos && !blank) {
            const std::size_t tab = line.find('\t');
            if (tab != std::string_view::npos && tab < content) {
                problems.push_back({"syntax", position_of_offset(text, start + tab), tr("yaml.tab-indentation")});
                return; // one is enough: the rest of the file likely repeats it
            }
            // A Chinese input method types U+3000 for a space; YAML reads it as text.
            if (line.substr(content).starts_with("\u3000")) {
                problems.push_back(
                    {"syntax", position_of_offset(text, start + content), tr("yaml.full-width-indentation")});
                return;
            }
            if (opens_block_scalar(line)) {
                block_indent = spaces;
            }
        }
        start = end + 1;
    }
}

} // namespace

TextCheck check_document_text(std::string_view text) {
    TextCheck check;
    if (const char* encoding = wide_encoding(text)) {
        check.problems.push_back({"encoding", {1, 1}, tr("yaml.wide-encoding", fmt::arg("encoding", encoding))});
        check.parseable = false;
        return check;
    }
    if (starts_with_bytes(text, "\xEF\xBB\xBF")) {
        check.problems.push_back({"encoding", {1, 1}, tr("yaml.byte-order-mark")});
        check.skip = 3;
    }
    const std::string_view body = text.substr(check.skip);
    if (const auto bad = find_invalid_utf8(body)) {
        check.problems.push_back({"encoding", position_of_offset(body, *bad),
                                  tr("yaml.invalid-utf8", fmt::arg("byte", static_cast<unsigned char>(body[*bad])))});
        check.parseable = false;
        return check;
    }
    std::size_t offset = 0;
    while (offset < body.size()) {
        const auto byte = static_cast<unsigned char>(body[offset]);
        if (byte >= 0x20 && byte < 0x7F) {
            ++offset; // printable ASCII, most of any document: no decoding
            continue;
        }
        const std::size_t at = offset;
        const char32_t c = next_code_point(body, offset);
        if (c == '\r' && (offset >= body.size() || body[offset] != '\n')) {
            // A carriage return alone ends a line for libyaml but not for cswm's editor and
            // positions (LF and CRLF): refused, as old Mac line endings are in practice.
            check.problems.push_back({"encoding", position_of_offset(body, at), tr("yaml.lone-carriage-return")});
            check.parseable = false;
            return check;
        }
        if (c == 0x2028 || c == 0x2029) {
            // YAML 1.1 readers (libyaml, PyYAML) end a line there, YAML 1.2 readers do not: the
            // same file would hold different values. It is invisible in most editors, too.
            check.problems.push_back({"encoding", position_of_offset(body, at),
                                      tr(c == 0x2028 ? "yaml.line-separator" : "yaml.paragraph-separator",
                                         fmt::arg("code", static_cast<unsigned>(c)))});
            check.parseable = false;
            return check;
        }
        if (is_forbidden_control(c)) {
            check.problems.push_back({"encoding", position_of_offset(body, at),
                                      tr("yaml.control-character", fmt::arg("code", static_cast<unsigned>(c)))});
            check.parseable = false;
            return check;
        }
    }
    const std::size_t before = check.problems.size();
    check_indentation(body, check.problems);
    if (check.problems.size() > before) {
        check.parseable = false;
    }
    return check;
}

} // namespace cswm
