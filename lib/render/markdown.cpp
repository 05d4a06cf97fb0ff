#include "lib/render/markdown.hpp"

#include "lib/util/error.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace cswm::render {
namespace {

/// Characters that start or end inline constructs anywhere in a line: code spans,
/// emphasis, links and images, raw HTML and autolinks, entities, strikethrough, table
/// cells, and the escape character itself.
bool escaped_anywhere(char c) {
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '&':
    case '|':
    case '~':
    case '!':
        return true;
    default:
        return false;
    }
}

/// Escapes one line, block markers at its start included.
void escape_line(std::string_view line, std::string& out) {
    // Leading spaces would make an indented code block; they carry no meaning in a value.
    std::size_t begin = 0;
    while (begin < line.size() && (line[begin] == ' ' || line[begin] == '\t')) {
        ++begin;
    }
    std::size_t end = line.size();
    while (end > begin && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
        --end; // two trailing spaces would be a hard line break
    }
    line = line.substr(begin, end - begin);
    if (line.empty()) {
        return;
    }
    std::size_t i = 0;
    // Block markers at the start: ATX heading, bullet, thematic break, setext underline.
    // A bullet or an ordered-list marker needs a space or the end of the line after it.
    const auto ends_marker = [&line](std::size_t next) {
        return next >= line.size() || line[next] == ' ' || line[next] == '\t';
    };
    if (line[0] == '#' || line[0] == '=' || ((line[0] == '-' || line[0] == '+') && ends_marker(1)) ||
        (line[0] == '-' && line.size() > 1 && line[1] == '-')) {
        out += '\\';
        out += line[0];
        i = 1;
    } else {
        // An ordered-list marker: up to nine digits followed by '.' or ')' and a space.
        std::size_t digits = 0;
        while (digits < line.size() && digits < 10 && line[digits] >= '0' && line[digits] <= '9') {
            ++digits;
        }
        if (digits > 0 && digits < 10 && digits < line.size() && (line[digits] == '.' || line[digits] == ')') &&
            ends_marker(digits + 1)) {
            out.append(line.substr(0, digits));
            out += '\\';
            out += line[digits];
            i = digits + 1;
        }
    }
    for (; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\t') {
            out += ' ';
            continue;
        }
        if (escaped_anywhere(c)) {
            out += '\\';
        }
        out += c;
    }
}

} // namespace

std::string markdown_escape(std::string_view text) {
    std::string joined;
    joined.reserve(text.size());
    bool space = false;
    for (const char c : text) {
        if (c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !joined.empty()) {
            joined += ' ';
        }
        space = false;
        joined += c;
    }
    std::string out;
    out.reserve(joined.size() + joined.size() / 4);
    escape_line(joined, out);
    return out;
}

std::string markdown_paragraphs(std::string_view text) {
    std::string out;
    bool in_paragraph = false;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t newline = text.find('\n', start);
        if (newline == std::string_view::npos) {
            newline = text.size();
        }
        std::string_view line = text.substr(start, newline - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        std::string escaped;
        escape_line(line, escaped);
        if (escaped.empty()) {
            if (in_paragraph) {
                out += "\n\n";
            }
            in_paragraph = false;
        } else {
            if (in_paragraph) {
                out += "\\\n"; // a hard line break: the author's line ends where they put it
            }
            out += escaped;
            in_paragraph = true;
        }
        start = newline + 1;
    }
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out;
}

bool is_linkable_url(std::string_view text) {
    if (!text.starts_with("https://") && !text.starts_with("http://")) {
        return false;
    }
    if (text.size() > 2000) {
        return false;
    }
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == '[' || c == ']' ||
            c == '`' || c == '"' || c == '\'' || c == '\\') {
            return false;
        }
    }
    return true;
}

std::string markdown_link(std::string_view text, std::string_view destination) {
    std::string out = "[";
    out += markdown_escape(text);
    out += "](";
    out += destination;
    out += ')';
    return out;
}

std::string markdown_to_html(std::string_view markdown) {
    // cmark-gfm registers its extensions in a global list without a lock: once, so that
    // pages may be rendered on several threads (bundle).
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    // CMARK_OPT_DEFAULT is cmark-gfm's safe mode: raw HTML becomes a comment and unsafe
    // link schemes are emptied. CMARK_OPT_UNSAFE must never be set here.
    const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
    std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options), cmark_parser_free);
    if (!parser) {
        throw Error("cmark-gfm: out of memory");
    }
    cmark_syntax_extension* table = cmark_find_syntax_extension("table");
    if (table == nullptr || cmark_parser_attach_syntax_extension(parser.get(), table) == 0) {
        throw Error("cmark-gfm: the table extension is not available");
    }
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(cmark_parser_finish(parser.get()), cmark_node_free);
    if (!root) {
        throw Error("cmark-gfm: could not parse the page");
    }
    char* html = cmark_render_html(root.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    std::string result = html == nullptr ? std::string() : std::string(html);
    std::free(html); // NOLINT(cppcoreguidelines-no-malloc): cmark allocates with malloc
    return result;
}

} // namespace cswm::render
