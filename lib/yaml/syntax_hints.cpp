#include "lib/yaml/syntax_hints.hpp"

#include "lib/i18n/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cswm {

std::optional<Position> quote_left_open(std::string_view text, int line) {
    std::size_t start = 0;
    for (int current = 1; current < line && start < text.size(); ++current) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view row = text.substr(start, end - start);
        char open = 0;
        std::size_t opened_at = 0;
        char previous = ' '; // the last character that is not a space, outside quotes
        bool at_start = true;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const char c = row[i];
            if (open == 0) {
                if (c == '#' && (i == 0 || row[i - 1] == ' ')) {
                    break; // a comment
                }
                const bool value_start = at_start || previous == ':' || previous == '-' || previous == '[' ||
                                         previous == '{' || previous == ',';
                if ((c == '"' || c == '\'') && value_start) {
                    open = c;
                    opened_at = i;
                } else if (c != ' ') {
                    previous = c;
                    at_start = false;
                }
            } else if (open == '"' && c == '\\') {
                ++i;
            } else if (c == open) {
                if (open == '\'' && i + 1 < row.size() && row[i + 1] == '\'') {
                    ++i;
                } else {
                    open = 0;
                    previous = c;
                }
            }
        }
        if (open != 0) {
            return position_of_offset(text, start + opened_at);
        }
        start = end + 1;
    }
    return std::nullopt;
}

std::optional<std::pair<Position, std::string>> full_width_slip(std::string_view text, int line) {
    std::optional<std::pair<Position, std::string>> found;
    std::size_t start = 0;
    for (int current = 1; current <= line && start < text.size(); ++current) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view row = text.substr(start, end - start);
        const std::size_t content = row.find_first_not_of(' ');
        const std::size_t comment = row.find(" #");
        const std::string_view code = row.substr(0, comment);
        if (content != std::string_view::npos && row.substr(content).starts_with("\u3000")) {
            found = {{position_of_offset(text, start + content), tr("yaml.full-width-space-slip")}};
        } else if (const std::size_t colon = code.find("\uFF1A");
                   colon != std::string_view::npos && code.find(':') == std::string_view::npos) {
            found = {{position_of_offset(text, start + colon), tr("yaml.full-width-colon-slip")}};
        }
        start = end + 1;
    }
    return found;
}

std::string context_noun(std::string_view context, Position at) {
    const auto line = fmt::arg("line", at.line);
    const auto column = fmt::arg("column", at.column);
    auto is = [&](std::initializer_list<std::string_view> phrases) {
        return std::find(phrases.begin(), phrases.end(), context) != phrases.end();
    };
    if (is({"while parsing a flow sequence"})) {
        return tr("yaml.context-flow-list", line, column);
    }
    if (is({"while parsing a flow mapping"})) {
        return tr("yaml.context-flow-mapping", line, column);
    }
    if (is({"while parsing a block mapping"})) {
        return tr("yaml.context-mapping", line, column);
    }
    if (is({"while parsing a block collection"})) {
        return tr("yaml.context-list", line, column);
    }
    if (is({"while parsing a block node", "while parsing a flow node", "while parsing a node",
            "while scanning a plain scalar"})) {
        return tr("yaml.context-value", line, column);
    }
    if (is({"while scanning a quoted scalar", "while parsing a quoted scalar"})) {
        return tr("yaml.context-quoted", line, column);
    }
    if (is({"while scanning a block scalar"})) {
        return tr("yaml.context-block-text", line, column);
    }
    if (is({"while scanning a simple key"})) {
        return tr("yaml.context-key", line, column);
    }
    if (is({"while scanning an anchor"})) {
        return tr("yaml.context-anchor", line, column);
    }
    if (is({"while scanning an alias"})) {
        return tr("yaml.context-alias", line, column);
    }
    if (is({"while scanning a tag", "while parsing a tag"})) {
        return tr("yaml.context-tag", line, column);
    }
    if (context.find("directive") != std::string_view::npos) {
        return tr("yaml.context-directive", line, column);
    }
    return tr("yaml.context-other", line, column);
}

bool nothing_but_comments(std::string_view rest) {
    std::size_t at = 0;
    while (at < rest.size()) {
        const char c = rest[at];
        if (c == '#') {
            at = std::min(rest.find('\n', at), rest.size());
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++at;
        } else {
            return false;
        }
    }
    return true;
}

SyntaxError describe_syntax_error(const yaml_parser_t& parser, std::string_view text, MarkMapper& marks,
                                  std::optional<std::pair<bool, Position>> open_flow) {
    if (parser.error == YAML_MEMORY_ERROR) {
        return {{1, 1}, tr("yaml.out-of-memory")};
    }
    const std::string problem_text = parser.problem != nullptr ? parser.problem : tr("yaml.unreadable");
    const std::string_view problem = problem_text;
    if (parser.error == YAML_READER_ERROR) {
        // The text checks run first, so this is rare: libyaml's own reading of the bytes.
        return {position_of_offset(text, std::min(parser.problem_offset, text.size())), problem_text};
    }
    const Mark at = marks.at_index(parser.problem_mark.index);
    const bool has_context = parser.context != nullptr;
    const Mark opened = has_context ? marks.at_index(parser.context_mark.index) : at;
    const std::string_view phrase = has_context ? parser.context : "";
    const std::string context = has_context ? context_noun(phrase, opened.position) : std::string();
    const char here = at.offset < text.size() ? text[at.offset] : '\0';
    auto said = [&](std::string message) { return SyntaxError{at.position, std::move(message)}; };
    const std::size_t line_start = text.rfind('\n', at.offset == 0 ? 0 : at.offset - 1);
    const std::size_t first = text.find_first_not_of(' ', line_start == std::string_view::npos ? 0 : line_start + 1);
    const bool starts_line = first == at.offset;
    const bool printable_here = here > ' ' && here < 0x7F;
    const std::string shown =
        printable_here ? tr("yaml.this-character", fmt::arg("character", std::string(1, here))) : tr("yaml.this");

    // At the end of the file inside [ or {: say which one was left open.
    if (const auto& flow = open_flow; flow && nothing_but_comments(text.substr(at.offset))) {
        return said(tr(flow->first ? "yaml.flow-mapping-unclosed-at-end" : "yaml.flow-list-unclosed-at-end",
                       fmt::arg("line", flow->second.line), fmt::arg("column", flow->second.column)));
    }

    if (problem == "did not find expected ',' or ']'") {
        return said(tr("yaml.list-not-closed", fmt::arg("context", context)));
    }
    if (problem == "did not find expected ',' or '}'") {
        return said(tr("yaml.mapping-not-closed", fmt::arg("context", context)));
    }
    if (problem == "did not find expected key") {
        return said(starts_line ? tr("yaml.key-indentation", fmt::arg("context", context))
                                : tr("yaml.after-value", fmt::arg("shown", shown), fmt::arg("context", context)));
    }
    if (problem == "did not find expected '-' indicator") {
        return said(starts_line ? tr("yaml.item-indentation", fmt::arg("context", context))
                                : tr("yaml.after-item", fmt::arg("shown", shown), fmt::arg("context", context)));
    }
    if (problem == "mapping values are not allowed in this context") {
        return said(tr("yaml.colon-in-value"));
    }
    if (problem == "found character that cannot start any token") {
        return said(printable_here ? tr("yaml.cannot-start-with", fmt::arg("character", std::string(1, here)))
                                   : tr("yaml.cannot-start-with-this"));
    }
    if (problem == "could not find expected ':'") {
        return {opened.position, tr("yaml.key-without-colon")};
    }
    if (problem == "found unexpected end of stream") {
        if (parser.context != nullptr && std::string_view(parser.context).find("quoted") != std::string_view::npos) {
            return {opened.position, tr("yaml.quote-never-closed"), true};
        }
        return said(tr("yaml.ends-inside", fmt::arg("context", context)));
    }
    if (problem == "found unknown escape character") {
        return said(tr("yaml.unknown-escape"));
    }
    if (problem == "did not find expected hexdecimal number" ||
        problem == "found invalid Unicode character escape code") {
        return said(tr("yaml.bad-hex-escape"));
    }
    if (problem == "found unexpected document indicator") {
        return said(tr("yaml.document-marker-inside", fmt::arg("context", context)));
    }
    if (problem.starts_with("found a tab character")) {
        return said(tr("yaml.tab-where-indentation"));
    }
    if (problem == "found an indentation indicator equal to 0") {
        return said(tr("yaml.indentation-indicator-zero"));
    }
    if (problem == "did not find expected comment or line break") {
        return said(tr("yaml.only-comment-may-follow", fmt::arg("context", context)));
    }
    if (problem == "block sequence entries are not allowed in this context") {
        return said(tr("yaml.item-cannot-start"));
    }
    if (problem == "mapping keys are not allowed in this context") {
        return said(tr("yaml.explicit-key"));
    }
    if (problem == "did not find expected node content") {
        return said(has_context && opened.offset != at.offset
                        ? tr("yaml.value-expected-in", fmt::arg("context", context))
                        : tr("yaml.value-expected", fmt::arg("shown", shown)));
    }
    if (problem == "did not find expected <document start>") {
        return said(tr("yaml.text-after-document-end"));
    }
    if (problem == "found incompatible YAML document") {
        return said(tr("yaml.version"));
    }
    if (problem == "did not find expected alphabetic or numeric character" &&
        (phrase == "while scanning an anchor" || phrase == "while scanning an alias")) {
        return said(tr("yaml.anchor-needs-name"));
    }
    if (phrase == "while scanning a tag" || phrase == "while parsing a tag") {
        return said(tr("yaml.tag-in-value", fmt::arg("line", opened.position.line),
                       fmt::arg("column", opened.position.column)));
    }
    if (phrase.find("directive") != std::string_view::npos) {
        return said(tr("yaml.directive-in-value", fmt::arg("line", opened.position.line),
                       fmt::arg("column", opened.position.column)));
    }
    // libyaml's own words, in the sentence of the part it was reading.
    return said(has_context ? tr("yaml.problem-in", fmt::arg("problem", problem), fmt::arg("context", context))
                            : problem_text);
}

} // namespace cswm
