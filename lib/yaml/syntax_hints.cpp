#include "lib/yaml/syntax_hints.hpp"

#include "lib/i18n/i18n.hpp"

#include <fmt/format.h>

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

} // namespace cswm
