#include "lib/yaml/loader.hpp"

#include "lib/yaml/text_checks.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace cswm {
namespace {

using nlohmann::json;

/// Thrown by the builder to stop yaml-cpp at once when a limit is passed.
struct StopParsing {};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// How a plain scalar reads as a number under the YAML 1.2 core schema, by hand rather
/// than by std::regex (which cost more than the rest of the loader): the forms are
/// [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+ and [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?.
enum class NumberForm { none, decimal, octal, hexadecimal, floating };

NumberForm number_form(std::string_view text) {
    const std::size_t size = text.size();
    if (size > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x')) {
        const bool hex = text[1] == 'x';
        for (std::size_t i = 2; i < size; ++i) {
            const char c = text[i];
            const bool ok =
                hex ? is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') : c >= '0' && c <= '7';
            if (!ok) {
                return NumberForm::none;
            }
        }
        return hex ? NumberForm::hexadecimal : NumberForm::octal;
    }
    std::size_t i = 0;
    if (i < size && (text[i] == '-' || text[i] == '+')) {
        ++i;
    }
    const std::size_t integer_start = i;
    while (i < size && is_digit(text[i])) {
        ++i;
    }
    const std::size_t integer_digits = i - integer_start;
    if (i == size) {
        return integer_digits > 0 ? NumberForm::decimal : NumberForm::none;
    }
    if (text[i] == '.') {
        ++i;
        const std::size_t fraction_start = i;
        while (i < size && is_digit(text[i])) {
            ++i;
        }
        if (integer_digits == 0 && i == fraction_start) {
            return NumberForm::none; // "." or "-." : no digits at all
        }
    } else if (integer_digits == 0) {
        return NumberForm::none;
    }
    if (i < size && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < size && (text[i] == '-' || text[i] == '+')) {
            ++i;
        }
        const std::size_t exponent_start = i;
        while (i < size && is_digit(text[i])) {
            ++i;
        }
        if (i == exponent_start) {
            return NumberForm::none;
        }
    }
    return i == size ? NumberForm::floating : NumberForm::none;
}

/// Types a plain scalar by the YAML 1.2 core schema (null is handled by yaml-cpp's OnNull).
json plain_scalar_value(const std::string& text) {
    if (text == "true" || text == "True" || text == "TRUE") {
        return true;
    }
    if (text == "false" || text == "False" || text == "FALSE") {
        return false;
    }
    if (text.empty() || text.size() > 64) {
        return text;
    }
    const char first = text[0];
    if (!(first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9'))) {
        return text; // fast path for ordinary words
    }
    auto integer = [&](std::string_view digits, int base) -> json {
        if (!digits.empty() && digits[0] == '+') {
            digits.remove_prefix(1);
        }
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
        if (error == std::errc() && end == digits.data() + digits.size()) {
            return value;
        }
        return std::strtod(text.c_str(), nullptr); // too large for 64 bits
    };
    switch (number_form(text)) {
    case NumberForm::decimal:
        return integer(text, 10);
    case NumberForm::octal:
        return integer(std::string_view(text).substr(2), 8);
    case NumberForm::hexadecimal:
        return integer(std::string_view(text).substr(2), 16);
    case NumberForm::floating:
        return std::strtod(text.c_str(), nullptr);
    case NumberForm::none:
        break;
    }
    return text;
}

bool is_untagged(const std::string& tag) {
    return tag.empty() || tag == "?" || tag == "!";
}

/// Builds JSON straight from yaml-cpp's parse events: no YAML::Node tree, so aliases can
/// never be expanded, every node's place is known, and duplicate keys are seen.
class JsonBuilder : public YAML::EventHandler {
public:
    JsonBuilder(std::string_view text, std::size_t offset_base, const YamlLimits& limits, ParsedYaml& out)
        : m_text(text), m_positions_of(text), m_offset_base(offset_base), m_limits(limits), m_out(out) {}

    /// The document's root once parsing finished.
    std::optional<json> take_root() { return std::move(m_root); }
    /// The places of the nodes seen, by pointer.
    std::unordered_map<std::string, NodePlace> take_places() { return std::move(m_places); }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_anchor(mark, anchor);
        if (expecting_key()) {
            problem("syntax", mark, "a mapping key is empty");
            begin_value(mark, "");
            return;
        }
        add_value(mark, nullptr);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        problem("yaml-feature", mark, "aliases (*name) are not allowed in documents: write the value out");
        if (expecting_key()) {
            begin_value(mark, "*");
            return;
        }
        if (!m_stack.empty()) {
            m_out.stand_ins.push_back(child_pointer(m_stack.back()));
        }
        add_value(mark, nullptr);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        if (tag == "!") {
            check_quote_closed(mark);
        }
        if (expecting_key()) {
            if (value == "<<" && tag == "?") {
                problem("yaml-feature", mark, "merge keys (<<) are not allowed in documents: write the keys out");
            }
            begin_value(mark, value);
            return;
        }
        add_value(mark, tag == "?" ? plain_scalar_value(value) : json(value));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, json::array());
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, json::object());
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        json value;
        std::string pointer;
        bool is_map = false;
        bool has_key = false; // a key was read, its value is next
        bool discard = false; // the pending key is a duplicate or not plain: drop its value
        bool is_key = false;  // this list or mapping is itself a key: it is dropped
        std::string key;
        Position key_position;
        std::size_t key_offset = 0;
    };

    bool expecting_key() const { return !m_stack.empty() && m_stack.back().is_map && !m_stack.back().has_key; }

    Position position(const YAML::Mark& mark) { return m_positions_of.at(mark.line, mark.column); }

    void problem(const char* rule, const YAML::Mark& mark, std::string message) {
        m_out.problems.push_back({rule, position(mark), std::move(message)});
    }

    void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) {
            problem("yaml-feature", mark, "anchors (&name) are not allowed in documents: write the value out");
        }
    }

    /// yaml-cpp accepts a quoted value that is never closed and swallows the rest of the
    /// file into it: refuse that, at the opening quote.
    void check_quote_closed(const YAML::Mark& mark) {
        if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= m_text.size()) {
            return;
        }
        const auto open = static_cast<std::size_t>(mark.pos);
        const char quote = m_text[open];
        if (quote != '"' && quote != '\'') {
            return;
        }
        for (std::size_t at = open + 1; at < m_text.size(); ++at) {
            if (quote == '"' && m_text[at] == '\\') {
                ++at;
            } else if (m_text[at] == quote) {
                if (quote == '\'' && at + 1 < m_text.size() && m_text[at + 1] == '\'') {
                    ++at; // '' is an escaped quote inside single quotes
                    continue;
                }
                return;
            }
        }
        problem("syntax", mark, "the quoted value that starts here is never closed");
        throw StopParsing{};
    }

    void check_tag(const YAML::Mark& mark, const std::string& tag) {
        if (!is_untagged(tag)) {
            std::string shown = tag;
            if (shown.starts_with("tag:yaml.org,2002:")) {
                shown = "!!" + shown.substr(18);
            }
            problem("yaml-feature", mark, fmt::format("tags ({}) are not allowed in documents", printable(shown, 60)));
        }
    }

    void count_node(const YAML::Mark& mark) {
        if (++m_nodes > m_limits.max_nodes) {
            problem("limits", mark, fmt::format("more than {} values in one document", m_limits.max_nodes));
            throw StopParsing{};
        }
    }

    /// Records a key in the innermost map; its value comes next.
    void begin_value(const YAML::Mark& mark, const std::string& key) {
        count_node(mark);
        Frame& frame = m_stack.back();
        frame.has_key = true;
        frame.key = key;
        frame.key_position = position(mark);
        frame.key_offset = offset(mark);
        frame.discard = frame.value.contains(key);
        if (frame.discard) {
            const NodePlace& first = m_places[child_pointer(frame)];
            problem("duplicate-key", mark,
                    fmt::format("duplicate key '{}' (first at line {}): one of the two values would be lost",
                                printable(key, 80), first.key.line));
        }
    }

    std::string child_pointer(const Frame& frame) const {
        if (frame.is_map) {
            return frame.pointer + "/" + pointer_token(frame.key);
        }
        return frame.pointer + "/" + std::to_string(frame.value.size());
    }

    /// Places a finished value into the innermost container (or makes it the root).
    void add_value(const YAML::Mark& mark, json value) {
        count_node(mark);
        attach(std::move(value), position(mark), offset(mark));
    }

    std::size_t offset(const YAML::Mark& mark) const {
        return m_offset_base + static_cast<std::size_t>(std::max(mark.pos, 0));
    }

    void attach(json value, Position value_position, std::size_t value_offset) {
        if (m_stack.empty()) {
            m_places[""] = {value_position, value_position, value_offset, value_offset};
            m_root = std::move(value);
            return;
        }
        Frame& frame = m_stack.back();
        if (frame.is_map) {
            if (value.is_null() && value_position.line > frame.key_position.line) {
                value_position = frame.key_position; // yaml-cpp marks an empty value at the next token
            }
            if (!frame.discard) {
                m_places[child_pointer(frame)] = {frame.key_position, value_position, frame.key_offset, value_offset};
                frame.value[frame.key] = std::move(value);
            }
            frame.has_key = false;
            frame.discard = false;
        } else {
            m_places[child_pointer(frame)] = {value_position, value_position, value_offset, value_offset};
            frame.value.push_back(std::move(value));
        }
    }

    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, json empty) {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        const bool is_key = expecting_key();
        if (is_key) {
            problem("yaml-feature", mark, "a mapping key must be a plain value, not a list or mapping");
        }
        count_node(mark);
        if (m_stack.size() >= m_limits.max_depth) {
            problem("limits", mark, fmt::format("nesting too deep (more than {} levels)", m_limits.max_depth));
            throw StopParsing{};
        }
        Frame frame;
        frame.is_map = empty.is_object();
        frame.is_key = is_key;
        frame.value = std::move(empty);
        frame.pointer = m_stack.empty() || is_key ? "/?" : child_pointer(m_stack.back());
        if (m_stack.empty()) {
            frame.pointer.clear();
        }
        m_positions.push_back({position(mark), offset(mark)});
        m_stack.push_back(std::move(frame));
    }

    void close() {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        const auto [opened, opened_offset] = m_positions.back();
        m_positions.pop_back();
        if (frame.is_key) {
            // Already reported; the value that follows belongs to no usable key.
            Frame& parent = m_stack.back();
            parent.has_key = true;
            parent.discard = true;
            parent.key_position = opened;
            parent.key_offset = opened_offset;
            return;
        }
        attach(std::move(frame.value), opened, opened_offset);
    }

    std::string_view m_text;
    PositionMapper m_positions_of;
    std::size_t m_offset_base; // bytes skipped before the text (a byte-order mark)
    const YamlLimits& m_limits;
    ParsedYaml& m_out;
    std::vector<Frame> m_stack;
    std::vector<std::pair<Position, std::size_t>> m_positions; // where each open list or mapping began
    std::optional<json> m_root;
    std::unordered_map<std::string, NodePlace> m_places; // compacted into a PlaceTable at the end
    std::size_t m_nodes = 0;
};

/// Stops at the start of a second document without parsing it.
class SecondDocumentDetector : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark& mark) override {
        m_mark = mark;
        throw StopParsing{};
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

    YAML::Mark m_mark;
};

/// The first quote on lines before `line` (1-based) that opens a value and is not
/// closed on its own line: the usual cause of a syntax error reported further down.
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

/// A full-width colon or space typed by a Chinese input method where YAML needs ASCII:
/// the nearest such slip on or before `line` (1-based), with what to say of it.
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
            found = {{position_of_offset(text, start + content),
                      "a full-width space (U+3000) is used for indentation: YAML indents with ASCII spaces"}};
        } else if (const std::size_t colon = code.find("\uFF1A");
                   colon != std::string_view::npos && code.find(':') == std::string_view::npos) {
            found = {{position_of_offset(text, start + colon),
                      "a full-width colon '：' (U+FF1A) stands where YAML needs ':' and a space"}};
        }
        start = end + 1;
    }
    return found;
}

std::string describe_parser_error(const std::string& message) {
    std::string text = message;
    if (!text.empty()) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    return fmt::format("YAML syntax error: {}", text);
}

} // namespace

json type_plain_scalar(const std::string& text) {
    return plain_scalar_value(text);
}

std::string pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    for (const char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

std::string pointer_label(std::string_view pointer) {
    std::string label;
    std::size_t start = 1;
    while (start <= pointer.size() && !pointer.empty()) {
        std::size_t end = pointer.find('/', start);
        if (end == std::string_view::npos) {
            end = pointer.size();
        }
        std::string token(pointer.substr(start, end - start));
        for (std::size_t at = 0; (at = token.find('~', at)) != std::string::npos; ++at) {
            token.replace(at, 2, token.compare(at, 2, "~1") == 0 ? "/" : "~");
        }
        const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
        if (index) {
            label += "[" + token + "]";
        } else {
            label += (label.empty() ? "" : ".") + token;
        }
        start = end + 1;
    }
    return label;
}

PlaceTable::PlaceTable(std::unordered_map<std::string, NodePlace> places) {
    std::vector<std::pair<const std::string*, const NodePlace*>> sorted;
    sorted.reserve(places.size());
    std::size_t bytes = 0;
    for (const auto& [pointer, place] : places) {
        sorted.emplace_back(&pointer, &place);
        bytes += pointer.size();
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
    m_text.reserve(bytes);
    m_entries.reserve(sorted.size());
    for (const auto& [pointer, place] : sorted) {
        m_entries.push_back(
            {static_cast<std::uint32_t>(m_text.size()), static_cast<std::uint32_t>(pointer->size()), *place});
        m_text += *pointer;
    }
}

const NodePlace* PlaceTable::find(std::string_view pointer) const {
    const auto found =
        std::lower_bound(m_entries.begin(), m_entries.end(), pointer,
                         [&](const Entry& entry, std::string_view key) { return pointer_of(entry) < key; });
    return found != m_entries.end() && pointer_of(*found) == pointer ? &found->place : nullptr;
}

void PlaceTable::for_each_under(std::string_view prefix,
                                const std::function<void(std::string_view, const NodePlace&)>& visit) const {
    auto entry = std::lower_bound(m_entries.begin(), m_entries.end(), prefix,
                                  [&](const Entry& e, std::string_view key) { return pointer_of(e) < key; });
    for (; entry != m_entries.end() && pointer_of(*entry).starts_with(prefix); ++entry) {
        visit(pointer_of(*entry), entry->place);
    }
}

const NodePlace& PlaceTable::at(std::string_view pointer) const {
    if (const NodePlace* place = find(pointer)) {
        return *place;
    }
    throw std::out_of_range("no node at " + std::string(pointer));
}

NodePlace ParsedYaml::place_of(std::string_view pointer) const {
    std::string current(pointer);
    while (true) {
        if (const NodePlace* found = places.find(current)) {
            return *found;
        }
        if (current.empty()) {
            return {};
        }
        current.resize(current.rfind('/'));
    }
}

ParsedYaml parse_yaml_document(std::string_view text, const YamlLimits& limits) {
    ParsedYaml parsed;
    const TextCheck text_check = check_document_text(text);
    parsed.problems = text_check.problems;
    if (!text_check.parseable) {
        return parsed;
    }
    const std::string_view body = text.substr(text_check.skip);
    std::istringstream stream{std::string(body)};
    JsonBuilder builder(body, text_check.skip, limits, parsed);
    bool stopped = false;
    try {
        YAML::Parser parser(stream);
        if (!parser.HandleNextDocument(builder)) {
            parsed.problems.push_back({"structure", {1, 1}, "the file holds no YAML document: it is empty"});
            return parsed;
        }
        SecondDocumentDetector detector;
        try {
            parser.HandleNextDocument(detector);
        } catch (const StopParsing&) {
            parsed.problems.push_back({"structure",
                                       position_of_mark(body, detector.m_mark.line, detector.m_mark.column),
                                       "the file holds more than one YAML document ('---'): keep one per file"});
        }
    } catch (const StopParsing&) {
        stopped = true;
    } catch (const YAML::DeepRecursion&) {
        // Its mark points past the data; our own depth limit is lower and has a place.
        parsed.problems.push_back({"limits", {1, 1}, "nesting too deep"});
        stopped = true;
    } catch (const YAML::ParserException& error) {
        const Position at = position_of_mark(body, error.mark.line, error.mark.column);
        if (const auto slip = full_width_slip(body, at.line)) {
            parsed.problems.push_back({"syntax", slip->first,
                                       fmt::format("{} (the YAML breaks at {}:{})", slip->second, at.line, at.column)});
        } else if (const auto quote = quote_left_open(body, at.line)) {
            parsed.problems.push_back({"syntax", *quote,
                                       fmt::format("the quoted value that starts here is not closed on its line, "
                                                   "and the YAML breaks at {}:{} ({})",
                                                   at.line, at.column, describe_parser_error(error.msg))});
        } else {
            parsed.problems.push_back({"syntax", at, describe_parser_error(error.msg)});
        }
        stopped = true;
    } catch (const std::exception& error) {
        parsed.problems.push_back({"syntax", {1, 1}, describe_parser_error(error.what())});
        stopped = true;
    }
    parsed.places = PlaceTable(builder.take_places());
    if (stopped) {
        return parsed;
    }
    parsed.root = builder.take_root();
    if (!parsed.root || !parsed.root->is_object()) {
        const std::string what = !parsed.root || parsed.root->is_null() ? "nothing"
                                 : parsed.root->is_array()              ? "a list"
                                                                        : "a single value";
        parsed.problems.push_back({"structure", parsed.place_of("").value,
                                   fmt::format("a document must be one mapping of keys to values, not {}", what)});
        if (!parsed.root || parsed.root->is_null()) {
            parsed.problems.back().message = "the document is empty: it holds no keys";
        }
        parsed.root.reset();
    }
    return parsed;
}

} // namespace cswm
