#include "lib/yaml/editor.hpp"

#include "lib/i18n/i18n.hpp"

#include "lib/util/error.hpp"
#include "lib/yaml/writer.hpp"

#include <fmt/format.h>

namespace cswm {
namespace {

using nlohmann::json;

std::size_t line_start(std::string_view text, std::size_t offset) {
    const std::size_t newline = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    return offset == 0 || newline == std::string_view::npos ? 0 : newline + 1;
}

/// The offset just past the end of the line holding `offset` (past its '\n'), or the
/// text's size when the line is the last and has no newline.
std::size_t next_line(std::string_view text, std::size_t offset) {
    const std::size_t newline = text.find('\n', offset);
    return newline == std::string_view::npos ? text.size() : newline + 1;
}

bool is_flow_open(std::string_view text, std::size_t offset, char open) {
    return offset < text.size() && text[offset] == open;
}

/// The offset of the bracket that closes the flow collection opened at `open`.
std::size_t matching_bracket(std::string_view text, std::size_t open) {
    int depth = 0;
    char quote = 0;
    for (std::size_t at = open; at < text.size(); ++at) {
        const char c = text[at];
        if (quote != 0) {
            if (c == '\\' && quote == '"') {
                ++at;
            } else if (c == quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 0) {
                return at;
            }
        }
    }
    throw Error(tr("editor.flow-list-end"));
}

/// True when a null value is written as a token (`null`, `~`) on its key's line; false
/// for an empty value, whose offset is that of the next token or the end of the text.
bool has_null_token(std::string_view text, const NodePlace& place) {
    const std::size_t key_line_end = std::min(text.find('\n', place.key_offset), text.size());
    if (place.value_offset >= key_line_end) {
        return false;
    }
    const std::string_view token = text.substr(place.value_offset);
    return token.starts_with('~') || token.starts_with("null") || token.starts_with("Null") ||
           token.starts_with("NULL");
}

std::string parent_pointer(const std::string& pointer) {
    return pointer.substr(0, pointer.rfind('/'));
}

/// The value as YAML text: plain when YAML reads it back as the same text, quoted when
/// it would turn into a number or boolean (a SHA of digits only, say).
std::string scalar_text(const std::string& value) {
    const bool plain = type_plain_scalar(value) == json(value) &&
                       value.find_first_of(":#[]{},&*!|>'\"%@` \t") == std::string::npos && !value.empty() &&
                       value != "null" && value != "~";
    return plain ? value : json(value).dump();
}

} // namespace

YamlEditor::YamlEditor(std::string text, const YamlLimits& limits)
    : m_text(std::move(text)), m_limits(limits), m_parsed(parse_yaml_document(m_text, limits)) {
    if (!m_parsed.root || !m_parsed.problems.empty()) {
        throw Error(tr("editor.not-clean"));
    }
}

std::string YamlEditor::line_ending() const {
    const std::size_t newline = m_text.find('\n');
    return newline != std::string::npos && newline > 0 && m_text[newline - 1] == '\r' ? "\r\n" : "\n";
}

void YamlEditor::apply(std::string edited, const json& expected) {
    ParsedYaml reparsed = parse_yaml_document(edited, m_limits);
    if (!reparsed.root || !reparsed.problems.empty() || *reparsed.root != expected) {
        throw Error(tr("editor.not-as-intended"));
    }
    m_text = std::move(edited);
    m_parsed = std::move(reparsed);
}

bool YamlEditor::append_to_list(const std::string& pointer, const std::string& value) {
    const json::json_pointer where(pointer);
    const json& root = *m_parsed.root;
    if (!root.contains(where)) {
        throw Error(tr("editor.no-list-field-link", fmt::arg("field", pointer_label(pointer))));
    }
    const json& list = root[where];
    if (!list.is_null() && !list.is_array()) {
        throw Error(tr("editor.not-a-list", fmt::arg("field", pointer_label(pointer))));
    }
    if (list.is_array() && std::find(list.begin(), list.end(), json(value)) != list.end()) {
        return false;
    }
    json expected = root;
    if (list.is_null()) {
        expected[where] = json::array();
    }
    expected[where].push_back(value);

    const NodePlace place = m_parsed.places().at(pointer);
    const std::string eol = line_ending();
    std::string edited = m_text;
    const NodePlace parent = m_parsed.place_of(parent_pointer(pointer));
    const bool in_flow_mapping = is_flow_open(m_text, parent.value_offset, '{');
    const bool empty_value = list.is_null() && !has_null_token(m_text, place);

    if (is_flow_open(m_text, place.value_offset, '[') && (!list.empty() || in_flow_mapping)) {
        // [a, b] → [a, b, value]; [] → [value] inside a flow mapping
        const std::size_t close = matching_bracket(m_text, place.value_offset);
        edited.insert(close, list.empty() ? scalar_text(value) : ", " + scalar_text(value));
    } else if (list.is_array() && !list.empty()) {
        // A block list: a new item line after the last item, indented like it.
        const NodePlace last = m_parsed.places().at(pointer + "/" + std::to_string(list.size() - 1));
        const std::size_t start = line_start(m_text, last.value_offset);
        const std::size_t dash = m_text.rfind('-', last.value_offset);
        if (dash == std::string::npos || dash < start) {
            throw Error(tr("editor.list-items-not-found", fmt::arg("field", pointer_label(pointer))));
        }
        std::size_t end = next_line(m_text, last.value_offset);
        std::string line = m_text.substr(start, dash - start) + "- " + scalar_text(value) + eol;
        if (end == m_text.size() && (m_text.empty() || m_text.back() != '\n')) {
            line = eol + line;
        }
        edited.insert(end, line);
    } else if (in_flow_mapping) {
        // {…, commits: null} or {…, commits:} → a flow list in place
        if (empty_value) {
            throw Error(tr("editor.empty-in-flow-mapping", fmt::arg("field", pointer_label(pointer))));
        }
        edited.replace(place.value_offset, m_text.compare(place.value_offset, 1, "~") == 0 ? 1U : 4U,
                       "[" + scalar_text(value) + "]");
    } else {
        // commits: null / commits: / commits: [] under a block mapping: a block list below.
        const std::size_t key_column = place.key_offset - line_start(m_text, place.key_offset);
        const std::size_t key_line_end = next_line(m_text, place.key_offset);
        std::string item = std::string(key_column + 2, ' ') + "- " + scalar_text(value) + eol;
        if (key_line_end == m_text.size() && (m_text.empty() || m_text.back() != '\n')) {
            item = eol + item;
        }
        edited.insert(key_line_end, item);
        if (!empty_value) {
            // Remove the `null`, `~` or `[]` token, and the spaces before it when nothing follows.
            std::size_t token_end = place.value_offset;
            if (list.is_null()) {
                token_end += m_text.compare(place.value_offset, 1, "~") == 0 ? 1U : 4U;
            } else {
                token_end = matching_bracket(m_text, place.value_offset) + 1;
            }
            std::size_t token_start = place.value_offset;
            const std::size_t rest = m_text.find_first_not_of(" \t", token_end);
            const bool nothing_follows = rest == std::string::npos || m_text[rest] == '\n' || m_text[rest] == '\r';
            if (nothing_follows) {
                while (token_start > 0 && m_text[token_start - 1] == ' ') {
                    --token_start;
                }
            }
            edited.erase(token_start, token_end - token_start);
        }
    }
    apply(std::move(edited), expected);
    return true;
}

void YamlEditor::append_mapping_to_list(const std::string& pointer, const nlohmann::ordered_json& item) {
    const json::json_pointer where(pointer);
    const json& root = *m_parsed.root;
    if (!root.contains(where)) {
        throw Error(tr("editor.no-list-field", fmt::arg("field", pointer_label(pointer))));
    }
    const json& list = root[where];
    if (!list.is_null() && !list.is_array()) {
        throw Error(tr("editor.not-a-list", fmt::arg("field", pointer_label(pointer))));
    }
    if (!item.is_object() || item.empty()) {
        throw Error(tr("editor.item-not-mapping"));
    }
    json expected = root;
    if (list.is_null()) {
        expected[where] = json::array();
    }
    expected[where].push_back(json::parse(item.dump()));

    const NodePlace place = m_parsed.places().at(pointer);
    if (is_flow_open(m_text, m_parsed.place_of(parent_pointer(pointer)).value_offset, '{')) {
        throw Error(tr("editor.inside-flow-mapping", fmt::arg("field", pointer_label(pointer))));
    }
    const std::string eol = line_ending();
    // The item's first key shares the dash's line; the others align under it.
    auto item_text = [&](std::size_t column) {
        std::string text = std::string(column, ' ') + "-";
        bool first = true;
        for (const auto& [key, value] : item.items()) {
            text += first ? std::string(" ") : eol + std::string(column + 2, ' ');
            text += yaml_scalar(key) + ":" + yaml_value_text(value, column + 2, eol);
            first = false;
        }
        return text + eol;
    };
    std::string edited = m_text;
    std::size_t insert_at = 0;
    std::string text;
    if (is_flow_open(m_text, place.value_offset, '[') && !list.empty()) {
        // [a, b] → [a, b, {…}]: JSON is YAML's flow style.
        const std::size_t close = matching_bracket(m_text, place.value_offset);
        edited.insert(close, ", " + item.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
        apply(std::move(edited), expected);
        return;
    }
    if (list.is_array() && !list.empty()) {
        const NodePlace last = m_parsed.places().at(pointer + "/" + std::to_string(list.size() - 1));
        const std::size_t dash = m_text.rfind('-', last.value_offset);
        const std::size_t start = dash == std::string::npos ? 0 : line_start(m_text, dash);
        if (dash == std::string::npos || m_text.find_first_not_of(" \r\n", dash + 1) != last.value_offset ||
            m_text.find_first_not_of(" -", start) < dash) {
            throw Error(tr("editor.last-item-not-found", fmt::arg("field", pointer_label(pointer))));
        }
        const std::size_t column = dash - start;
        // The item ends with its last line indented deeper than its dash; blank and
        // comment lines at the dash's column or left of it belong to what follows.
        insert_at = next_line(m_text, dash);
        for (std::size_t at = insert_at; at < m_text.size();) {
            const std::size_t after = next_line(m_text, at);
            const std::size_t content = m_text.find_first_not_of(" \r\n", at);
            if (content == std::string::npos || content >= after) {
                at = after;
                continue;
            }
            if (content - at <= column) {
                break;
            }
            insert_at = after;
            at = after;
        }
        text = item_text(column);
    } else {
        // key: null / key: / key: [] → a block list below the key.
        const std::size_t key_column = place.key_offset - line_start(m_text, place.key_offset);
        insert_at = next_line(m_text, place.key_offset);
        text = item_text(key_column + 2);
        const bool empty_value = list.is_null() && !has_null_token(m_text, place);
        if (!empty_value) {
            const std::size_t token_end =
                list.is_null() ? place.value_offset + (m_text.compare(place.value_offset, 1, "~") == 0 ? 1U : 4U)
                               : matching_bracket(m_text, place.value_offset) + 1;
            std::size_t token_start = place.value_offset;
            const std::size_t rest = m_text.find_first_not_of(" \t", token_end);
            if (rest == std::string::npos || m_text[rest] == '\n' || m_text[rest] == '\r') {
                while (token_start > 0 && m_text[token_start - 1] == ' ') {
                    --token_start;
                }
            }
            edited.erase(token_start, token_end - token_start);
            insert_at -= token_end - token_start;
        }
    }
    if (insert_at == edited.size() && !edited.empty() && edited.back() != '\n') {
        text = eol + text;
    }
    edited.insert(insert_at, text);
    apply(std::move(edited), expected);
}

bool YamlEditor::set_scalar(const std::string& pointer, const std::string& value) {
    const json::json_pointer where(pointer);
    const json& root = *m_parsed.root;
    if (!root.contains(where)) {
        throw Error(tr("editor.no-value-field-link", fmt::arg("field", pointer_label(pointer))));
    }
    const json& current = root[where];
    if (current == json(value)) {
        return false;
    }
    if (!current.is_null()) {
        throw Error(tr("editor.already-records", fmt::arg("field", pointer_label(pointer)),
                       fmt::arg("value", current.is_string() ? current.get<std::string>() : current.dump())));
    }
    json expected = root;
    expected[where] = value;
    const NodePlace place = m_parsed.places().at(pointer);
    std::string edited = m_text;
    if (!has_null_token(m_text, place)) {
        // `commit:` with nothing after it: the value goes right after the colon.
        const std::size_t colon = m_text.find(':', place.key_offset);
        edited.insert(colon + 1, " " + scalar_text(value));
    } else {
        const std::size_t length = m_text.compare(place.value_offset, 1, "~") == 0 ? 1U : 4U;
        edited.replace(place.value_offset, length, scalar_text(value));
    }
    apply(std::move(edited), expected);
    return true;
}

std::size_t YamlEditor::block_key_column(const std::string& pointer) const {
    const NodePlace place = m_parsed.places().at(pointer);
    const std::size_t start = line_start(m_text, place.key_offset);
    // Only spaces, or the dashes of list items, may come before a key of a block mapping.
    for (std::size_t at = start; at < place.key_offset; ++at) {
        if (m_text[at] != ' ' && m_text[at] != '-') {
            throw Error(tr("editor.inside-flow-mapping", fmt::arg("field", pointer_label(pointer))));
        }
    }
    return place.key_offset - start;
}

/// Where the value of the key at `pointer` ends: past the last line that belongs to it
/// (lines indented deeper than the key, or list items at the key's own column). Blank and
/// comment lines after the value belong to whatever follows.
std::size_t YamlEditor::value_end(const std::string& pointer, std::size_t key_column) const {
    const NodePlace place = m_parsed.places().at(pointer);
    std::size_t end = next_line(m_text, place.key_offset);
    std::size_t at = end;
    while (at < m_text.size()) {
        const std::size_t after = next_line(m_text, at);
        const std::size_t content = m_text.find_first_not_of(" \r\n", at);
        if (content == std::string::npos || content >= after || m_text[content] == '#') {
            at = after; // blank or comment: ours only if more of the value follows
            continue;
        }
        const std::size_t indent = content - at;
        const bool item = m_text.compare(content, 2, "- ") == 0 || m_text.compare(content, 2, "-\n") == 0 ||
                          m_text.compare(content, 3, "-\r\n") == 0;
        if (indent > key_column || (indent == key_column && item)) {
            end = after;
            at = after;
            continue;
        }
        break;
    }
    return end;
}

bool YamlEditor::replace_scalar(const std::string& pointer, const std::string& value) {
    const json::json_pointer where(pointer);
    const json& root = *m_parsed.root;
    if (!root.contains(where) || root[where].is_structured()) {
        throw Error(tr("editor.not-a-single-value", fmt::arg("field", pointer_label(pointer))));
    }
    if (root[where].is_null()) {
        return set_scalar(pointer, value);
    }
    if (root[where] == json(value)) {
        return false;
    }
    json expected = root;
    expected[where] = value;
    const NodePlace place = m_parsed.places().at(pointer);
    const std::size_t start = place.value_offset;
    std::size_t end = start;
    const char quote = start < m_text.size() ? m_text[start] : '\0';
    if (quote == '"') {
        end = start + 1;
        while (end < m_text.size() && m_text[end] != '"') {
            end += m_text[end] == '\\' ? 2U : 1U;
        }
        ++end;
    } else if (quote == '\'') {
        end = start + 1;
        while (end < m_text.size() && (m_text[end] != '\'' || m_text.compare(end, 2, "''") == 0)) {
            end += m_text[end] == '\'' ? 2U : 1U; // '' is a quote inside single quotes
        }
        ++end;
    } else {
        end = std::min(m_text.find('\n', start), m_text.find(" #", start));
        const std::size_t parent_offset = m_parsed.place_of(parent_pointer(pointer)).value_offset;
        if (is_flow_open(m_text, parent_offset, '{') || is_flow_open(m_text, parent_offset, '[')) {
            // In {a: x, b: y} a plain scalar also ends at the next flow indicator.
            end = std::min(end, m_text.find_first_of(",}]", start));
        }
        end = std::min(end, m_text.size());
        while (end > start && (m_text[end - 1] == ' ' || m_text[end - 1] == '\r')) {
            --end;
        }
    }
    end = std::min(end, m_text.size());
    std::string edited = m_text;
    edited.replace(start, end - start, yaml_scalar(nlohmann::ordered_json(value)));
    apply(std::move(edited), expected);
    return true;
}

bool YamlEditor::replace_value(const std::string& pointer, const nlohmann::ordered_json& value) {
    const json::json_pointer where(pointer);
    const json& root = *m_parsed.root;
    if (!root.contains(where)) {
        throw Error(tr("editor.no-field", fmt::arg("field", pointer_label(pointer))));
    }
    const json wanted = json::parse(value.dump());
    if (root[where] == wanted) {
        return false;
    }
    json expected = root;
    expected[where] = wanted;
    const std::size_t key_column = block_key_column(pointer);
    const NodePlace place = m_parsed.places().at(pointer);
    const std::size_t colon = m_text.find(':', place.key_offset);
    const std::size_t end = value_end(pointer, key_column);
    if (colon == std::string::npos || colon >= end) {
        throw Error(tr("editor.colon-not-found", fmt::arg("field", pointer_label(pointer))));
    }
    const std::string eol = line_ending();
    std::string edited = m_text;
    edited.replace(colon + 1, end - colon - 1, yaml_value_text(value, key_column, eol) + eol);
    apply(std::move(edited), expected);
    return true;
}

void YamlEditor::insert_after(const std::string& sibling, const std::string& key, const nlohmann::ordered_json& value) {
    const std::string parent = parent_pointer(sibling);
    const json& root = *m_parsed.root;
    const json::json_pointer holder(parent);
    if (!root.contains(json::json_pointer(sibling)) || !root.contains(holder) || !root[holder].is_object() ||
        root[holder].contains(key)) {
        throw Error(tr("editor.cannot-add-beside", fmt::arg("key", key), fmt::arg("field", pointer_label(sibling))));
    }
    json expected = root;
    expected[holder][key] = json::parse(value.dump());
    const std::size_t key_column = block_key_column(sibling);
    const std::size_t end = value_end(sibling, key_column);
    const std::string eol = line_ending();
    std::string line = std::string(key_column, ' ') + yaml_scalar(nlohmann::ordered_json(key)) + ":" +
                       yaml_value_text(value, key_column, eol) + eol;
    if (end == m_text.size() && !m_text.empty() && m_text.back() != '\n') {
        line = eol + line;
    }
    std::string edited = m_text;
    edited.insert(end, line);
    apply(std::move(edited), expected);
}

} // namespace cswm
