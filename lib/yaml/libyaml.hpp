#pragma once

// The loader's thin layer over libyaml: owners of its parser and events, and the mapping of
// its marks (character indexes) to the byte offsets and positions findings use. Internal
// to lib/yaml.

#include "lib/util/text.hpp"

#include <yaml.h>

#include <algorithm>
#include <cstddef>
#include <new>
#include <string_view>

namespace cswm {

/// Where an event of libyaml is: its byte offset in the text and its 1-based position.
struct Mark {
    Position position;
    std::size_t offset = 0;
};

/// Turns libyaml's marks into byte offsets and positions. libyaml counts characters (its
/// `index`), and counts U+2028, U+2029 and a lone CR as line breaks, so its own line and
/// column are not ours: the byte offset is found from the character index with a cursor
/// that moves from the last mark. Events arrive in nearly increasing order, so a document
/// costs linear time in all, even one line of 200,000 values.
class MarkMapper {
public:
    explicit MarkMapper(std::string_view text) : m_text(text) {}

    /// The place of libyaml's character index.
    Mark at_index(std::size_t index) {
        while (m_index < index && m_offset < m_text.size()) {
            step_forward();
        }
        while (m_index > index) {
            step_back();
        }
        return here();
    }

    /// The place of a byte offset (at a character boundary).
    Mark at_offset(std::size_t offset) {
        offset = std::min(offset, m_text.size());
        while (m_offset < offset) {
            step_forward();
        }
        while (m_offset > offset) {
            step_back();
        }
        return here();
    }

private:
    Mark here() const { return {{m_line, m_column}, m_offset}; }

    static bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

    void step_forward() {
        const char c = m_text[m_offset++];
        while (m_offset < m_text.size() && is_continuation(m_text[m_offset])) {
            ++m_offset;
        }
        ++m_index;
        if (c == '\n') {
            ++m_line;
            m_column = 1;
        } else {
            ++m_column;
        }
    }

    void step_back() {
        --m_offset;
        while (m_offset > 0 && is_continuation(m_text[m_offset])) {
            --m_offset;
        }
        --m_index;
        if (m_text[m_offset] != '\n') {
            --m_column;
            return;
        }
        // Back onto the end of the line before: count its characters once.
        --m_line;
        const std::size_t line_start = m_text.rfind('\n', m_offset == 0 ? 0 : m_offset - 1);
        std::size_t at = line_start == std::string_view::npos || m_offset == 0 ? 0 : line_start + 1;
        m_column = 1;
        for (; at < m_offset; ++at) {
            m_column += is_continuation(m_text[at]) ? 0 : 1;
        }
    }

    std::string_view m_text;
    std::size_t m_index = 0;  // libyaml's character index of m_offset
    std::size_t m_offset = 0; // a byte offset at a character boundary
    int m_line = 1;
    int m_column = 1;
};

/// Owns one libyaml event.
class Event {
public:
    Event() = default;
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;
    ~Event() { clear(); }
    void clear() {
        if (m_filled) {
            yaml_event_delete(&m_event);
            m_filled = false;
        }
    }
    /// Reads the next event; false on a syntax error (read it from the parser).
    bool next(yaml_parser_t& parser) {
        clear();
        m_filled = yaml_parser_parse(&parser, &m_event) != 0;
        return m_filled;
    }
    const yaml_event_t& operator*() const { return m_event; }
    const yaml_event_t* operator->() const { return &m_event; }

private:
    yaml_event_t m_event{};
    bool m_filled = false;
};

/// Owns libyaml's parser over a text that outlives it.
class Parser {
public:
    explicit Parser(std::string_view text) {
        if (yaml_parser_initialize(&m_parser) == 0) {
            throw std::bad_alloc();
        }
        yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
        // The text was checked as UTF-8 without a byte-order mark: no guessing.
        yaml_parser_set_encoding(&m_parser, YAML_UTF8_ENCODING);
    }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
    ~Parser() { yaml_parser_delete(&m_parser); }
    yaml_parser_t& get() { return m_parser; }

private:
    yaml_parser_t m_parser{};
};

inline std::string_view text_of(const yaml_char_t* text) {
    return text == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(text));
}

} // namespace cswm
