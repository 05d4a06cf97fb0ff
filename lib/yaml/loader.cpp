#include "lib/yaml/loader.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/yaml/libyaml.hpp"
#include "lib/yaml/scalars.hpp"
#include "lib/yaml/syntax_hints.hpp"
#include "lib/yaml/text_checks.hpp"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <functional>
#include <mutex>
#include <new>
#include <unordered_map>

namespace cswm {
namespace {

using nlohmann::json;

/// Thrown by the builder to stop parsing at once when a limit is passed.
struct StopParsing {};
/// Thrown by a builder that keeps no places on the first problem it meets.
struct NeedPlaces {};

/// A tag that only says "not a plain scalar" (`!`) is no tag.
bool is_untagged(std::string_view tag) {
    return tag.empty() || tag == "!";
}

/// Builds JSON straight from libyaml's parse events: no node tree, so aliases can never be
/// expanded, every node's place is known, and duplicate keys are seen.
class JsonBuilder {
public:
    /// Without `record`, no place is kept and the first problem throws NeedPlaces: such a
    /// text is parsed again, recording, so that its problems are placed as always.
    JsonBuilder(std::string_view text, std::size_t offset_base, const YamlLimits& limits, ParsedYaml& out, bool record)
        : m_text(text), m_marks(text), m_offset_base(offset_base), m_limits(limits), m_out(out), m_record(record) {}

    /// The document's root once parsing finished.
    std::optional<json> take_root() { return std::move(m_root); }
    /// The places of the nodes seen, by pointer.
    std::vector<std::pair<std::string, NodePlace>> take_places() { return std::move(m_places); }

    /// The place of one of libyaml's marks.
    Mark mark(const yaml_mark_t& where) { return m_marks.at_index(where.index); }
    /// What places libyaml's marks, for the description of a syntax error.
    MarkMapper& marks() { return m_marks; }

    /// Takes one event inside the document; throws StopParsing when a limit is passed.
    void on_event(const yaml_event_t& event) {
        switch (event.type) {
        case YAML_SCALAR_EVENT:
            on_scalar(event);
            break;
        case YAML_ALIAS_EVENT:
            on_alias(mark(event.start_mark));
            break;
        case YAML_SEQUENCE_START_EVENT:
            open(mark(event.start_mark), text_of(event.data.sequence_start.tag),
                 event.data.sequence_start.anchor != nullptr, json::array(),
                 event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
            break;
        case YAML_MAPPING_START_EVENT:
            open(mark(event.start_mark), text_of(event.data.mapping_start.tag),
                 event.data.mapping_start.anchor != nullptr, json::object(),
                 event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            close();
            break;
        default:
            break;
        }
    }

    /// The innermost list or mapping in brackets or braces still open: whether it is a
    /// mapping, and where it opened.
    std::optional<std::pair<bool, Position>> open_flow() const {
        for (std::size_t i = m_stack.size(); i-- > 0;) {
            if (m_stack[i].is_flow) {
                return std::pair{m_stack[i].is_map, m_positions[i].first};
            }
        }
        return std::nullopt;
    }

private:
    struct Frame {
        json value;
        std::string pointer;
        bool is_map = false;
        bool has_key = false; // a key was read, its value is next
        bool discard = false; // the pending key is a duplicate or not plain: drop its value
        bool is_key = false;  // this list or mapping is itself a key: it is dropped
        bool is_flow = false; // written in brackets or braces
        std::string key;
        Position key_position;
        std::size_t key_offset = 0;
    };

    void on_scalar(const yaml_event_t& event) {
        const auto& scalar = event.data.scalar;
        const std::string_view tag = text_of(scalar.tag);
        const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE && tag.empty();
        const std::string_view value(reinterpret_cast<const char*>(scalar.value), scalar.length);
        Mark at = mark(event.start_mark);
        if (plain && value.empty()) {
            at = next_token(at); // an empty value: placed at the next token, as before
        }
        if (scalar.anchor != nullptr) {
            problem("yaml-feature", at.position, tr("yaml.anchor"));
        }
        check_tag(at.position, tag);
        if (expecting_key()) {
            if (plain && value.empty()) {
                problem("syntax", at.position, tr("yaml.empty-key"));
            } else if (plain && value == "<<") {
                problem("yaml-feature", at.position, tr("yaml.merge-key"));
            }
            begin_value(at, std::string(value));
            return;
        }
        if (!plain) {
            add_value(at, json(std::string(value)));
        } else if (is_null_word(value)) {
            add_value(at, nullptr);
        } else {
            add_value(at, plain_scalar_value(std::string(value)));
        }
    }

    void on_alias(const Mark& at) {
        problem("yaml-feature", at.position, tr("yaml.alias"));
        if (expecting_key()) {
            begin_value(at, "*");
            return;
        }
        if (!m_stack.empty()) {
            m_out.stand_ins.push_back(child_pointer(m_stack.back()));
        }
        add_value(at, nullptr);
    }

    /// libyaml marks an empty value right after its indicator; the places (and the editor,
    /// which tells `key:` from `key: null` by them) take the next token, or the end of the
    /// text, skipping spaces, line breaks and comments.
    Mark next_token(const Mark& from) {
        std::size_t at = from.offset;
        while (at < m_text.size()) {
            const char c = m_text[at];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++at;
            } else if (c == '#' && (at == 0 || m_text[at - 1] == ' ' || m_text[at - 1] == '\t' ||
                                    m_text[at - 1] == '\n' || m_text[at - 1] == '\r')) {
                at = std::min(m_text.find('\n', at), m_text.size());
            } else {
                break;
            }
        }
        const Mark found = m_marks.at_offset(at);
        m_marks.at_offset(from.offset); // the cursor stays near the events
        return found;
    }

    bool expecting_key() const { return !m_stack.empty() && m_stack.back().is_map && !m_stack.back().has_key; }

    void problem(const char* rule, Position at, std::string message) {
        if (!m_record) {
            throw NeedPlaces{};
        }
        m_out.problems.push_back({rule, at, std::move(message)});
    }

    void check_tag(Position at, std::string_view tag) {
        if (!is_untagged(tag)) {
            std::string shown(tag);
            if (shown.starts_with("tag:yaml.org,2002:")) {
                shown = "!!" + shown.substr(18);
            }
            problem("yaml-feature", at, tr("yaml.tag", fmt::arg("tag", printable(shown, 60))));
        }
    }

    void count_node(Position at) {
        if (++m_nodes > m_limits.max_nodes) {
            problem("limits", at, tr("yaml.too-many-values", fmt::arg("max", m_limits.max_nodes)));
            throw StopParsing{};
        }
    }

    /// Records a key in the innermost map; its value comes next.
    void begin_value(const Mark& at, std::string key) {
        count_node(at.position);
        Frame& frame = m_stack.back();
        frame.has_key = true;
        frame.key = std::move(key);
        frame.key_position = at.position;
        frame.key_offset = m_offset_base + at.offset;
        frame.discard = frame.value.contains(frame.key);
        if (frame.discard) {
            if (!m_record) {
                throw NeedPlaces{};
            }
            const NodePlace first = placed(child_pointer(frame));
            problem(
                "duplicate-key", at.position,
                tr("yaml.duplicate-key", fmt::arg("key", printable(frame.key, 80)), fmt::arg("line", first.key.line)));
        }
    }

    /// Where the node at `pointer` was placed. Only a duplicate key asks: the index is made
    /// then, and brought up to date on each later ask (linear in the nodes, however many
    /// duplicates a hostile document holds).
    NodePlace placed(const std::string& pointer) {
        for (; m_indexed < m_places.size(); ++m_indexed) {
            m_place_index.emplace(m_places[m_indexed].first, m_indexed);
        }
        const auto found = m_place_index.find(pointer);
        return found != m_place_index.end() ? m_places[found->second].second : NodePlace{};
    }

    std::string child_pointer(const Frame& frame) const {
        std::string pointer;
        pointer.reserve(frame.pointer.size() + 1 + (frame.is_map ? frame.key.size() : 4));
        pointer += frame.pointer;
        pointer += '/';
        if (frame.is_map) {
            append_pointer_token(pointer, frame.key);
        } else {
            pointer += std::to_string(frame.value.size());
        }
        return pointer;
    }

    /// Places a finished value into the innermost container (or makes it the root).
    void add_value(const Mark& at, json value) {
        count_node(at.position);
        attach(std::move(value), at.position, m_offset_base + at.offset);
    }

    void attach(json value, Position value_position, std::size_t value_offset) {
        if (m_stack.empty()) {
            if (m_record) {
                m_places.emplace_back(std::string(),
                                      NodePlace{value_position, value_position, value_offset, value_offset});
            }
            m_root = std::move(value);
            return;
        }
        Frame& frame = m_stack.back();
        if (frame.is_map) {
            if (value.is_null() && value_position.line > frame.key_position.line) {
                value_position = frame.key_position; // an empty value is marked at the next token
            }
            if (!frame.discard) {
                if (m_record) {
                    m_places.emplace_back(child_pointer(frame), NodePlace{frame.key_position, value_position,
                                                                          frame.key_offset, value_offset});
                }
                frame.value[frame.key] = std::move(value);
            }
            frame.has_key = false;
            frame.discard = false;
        } else {
            if (m_record) {
                m_places.emplace_back(child_pointer(frame),
                                      NodePlace{value_position, value_position, value_offset, value_offset});
            }
            frame.value.push_back(std::move(value));
        }
    }

    void open(const Mark& at, std::string_view tag, bool anchored, json empty, bool flow) {
        if (anchored) {
            problem("yaml-feature", at.position, tr("yaml.anchor"));
        }
        check_tag(at.position, tag);
        const bool is_key = expecting_key();
        if (is_key) {
            problem("yaml-feature", at.position, tr("yaml.key-not-plain"));
        }
        count_node(at.position);
        // libyaml itself has no depth limit (its parser keeps a stack on the heap): this
        // one stops a `[[[[…` of any length after max_depth events.
        if (m_stack.size() >= m_limits.max_depth) {
            problem("limits", at.position, tr("yaml.too-deep", fmt::arg("max", m_limits.max_depth)));
            throw StopParsing{};
        }
        Frame frame;
        frame.is_map = empty.is_object();
        frame.is_key = is_key;
        frame.is_flow = flow;
        frame.value = std::move(empty);
        if (m_record && !m_stack.empty()) {
            frame.pointer = is_key ? "/?" : child_pointer(m_stack.back());
        }
        m_positions.emplace_back(at.position, m_offset_base + at.offset);
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
    MarkMapper m_marks;
    std::size_t m_offset_base; // bytes skipped before the text (a byte-order mark)
    const YamlLimits& m_limits;
    ParsedYaml& m_out;
    std::vector<Frame> m_stack;
    std::vector<std::pair<Position, std::size_t>> m_positions; // where each open list or mapping began
    std::optional<json> m_root;
    // Every node's place in the order they end, compacted into a PlaceTable at the end (a
    // list, not a map: a pointer is placed once, and duplicate keys are refused).
    std::vector<std::pair<std::string, NodePlace>> m_places;
    std::unordered_map<std::string, std::size_t> m_place_index; // of m_places[0, m_indexed)
    std::size_t m_indexed = 0;
    std::size_t m_nodes = 0;
    bool m_record = true;
};

} // namespace

NodePlace ParsedYaml::place_of(std::string_view pointer) const {
    std::string current(pointer);
    while (true) {
        if (const NodePlace* found = places().find(current)) {
            return *found;
        }
        if (current.empty()) {
            return {};
        }
        current.resize(current.rfind('/'));
    }
}

namespace {

/// The parse itself, into `parsed`, its places into `places` when `record`. Without
/// `record`, false for a text with any problem: it is to be parsed again, recording.
bool parse_text(std::string_view text, const YamlLimits& limits, bool record, ParsedYaml& parsed, PlaceTable& places) {
    const TextCheck text_check = check_document_text(text);
    if (!record && !text_check.problems.empty()) {
        return false;
    }
    parsed.problems = text_check.problems;
    if (!text_check.parseable) {
        return true;
    }
    const std::string_view body = text.substr(text_check.skip);
    JsonBuilder builder(body, text_check.skip, limits, parsed, record);
    bool stopped = false;
    try {
        Parser parser(body);
        Event event;
        int documents = 0;
        bool failed = false;
        while (true) {
            if (!event.next(parser.get())) {
                failed = true;
                break;
            }
            const yaml_event_type_t type = event->type;
            if (type == YAML_STREAM_END_EVENT) {
                break;
            }
            if (type == YAML_DOCUMENT_START_EVENT) {
                if (++documents == 2) {
                    if (!record) {
                        return false;
                    }
                    // Stop at its start: the second document is not parsed at all.
                    parsed.problems.push_back(
                        {"structure", builder.mark(event->start_mark).position, tr("yaml.several-documents")});
                    break;
                }
                continue;
            }
            builder.on_event(*event);
        }
        if (!record && (failed || documents == 0)) {
            return false;
        }
        if (failed) {
            const SyntaxError error = describe_syntax_error(parser.get(), body, builder.marks(), builder.open_flow());
            const Position at = error.at;
            if (error.whole) {
                parsed.problems.push_back({"syntax", at, error.message});
            } else if (const auto slip = full_width_slip(body, at.line)) {
                parsed.problems.push_back({"syntax", slip->first,
                                           tr("yaml.slip-breaks-at", fmt::arg("slip", slip->second),
                                              fmt::arg("line", at.line), fmt::arg("column", at.column))});
            } else if (const auto quote = quote_left_open(body, at.line)) {
                parsed.problems.push_back({"syntax", *quote,
                                           tr("yaml.quote-left-open", fmt::arg("line", at.line),
                                              fmt::arg("column", at.column), fmt::arg("message", error.message))});
            } else {
                parsed.problems.push_back({"syntax", at, tr("yaml.syntax-error", fmt::arg("message", error.message))});
            }
            stopped = true;
        } else if (documents == 0) {
            parsed.problems.push_back({"structure", {1, 1}, tr("yaml.no-document")});
            return true;
        }
    } catch (const NeedPlaces&) {
        return false;
    } catch (const StopParsing&) {
        stopped = true;
    } catch (const std::bad_alloc&) {
        if (!record) {
            return false;
        }
        parsed.problems.push_back({"limits", {1, 1}, tr("yaml.too-large-to-parse")});
        stopped = true;
    }
    places = PlaceTable(builder.take_places());
    if (stopped) {
        return true;
    }
    parsed.root = builder.take_root();
    if (!parsed.root || !parsed.root->is_object()) {
        if (!record) {
            return false;
        }
        const NodePlace* root = places.find("");
        parsed.problems.push_back({"structure", root != nullptr ? root->value : Position{},
                                   tr(!parsed.root || parsed.root->is_null() ? "yaml.document-empty"
                                      : parsed.root->is_array()              ? "yaml.document-is-list"
                                                                             : "yaml.document-is-value")});
        parsed.root.reset();
    }
    return true;
}

} // namespace

struct ParsedYaml::LazyPlaces {
    std::once_flag once;
    PlaceTable table;
    TextSource source; ///< empty once the table is made, or when it was made while parsing
    std::size_t text_size = 0;
    std::size_t text_hash = 0;    ///< of the text parsed: a source that now gives another makes no places
    bool source_verifies = false; ///< no text was parsed: the source vouches for what it gives
    YamlLimits limits;
};

const PlaceTable& ParsedYaml::places() const {
    static const PlaceTable none;
    if (!lazy_places) {
        return none;
    }
    LazyPlaces& lazy = *lazy_places;
    std::call_once(lazy.once, [&lazy] {
        if (!lazy.source) {
            return;
        }
        const std::optional<std::string> text = lazy.source();
        lazy.source = nullptr;
        if (text && (lazy.source_verifies ||
                     (text->size() == lazy.text_size && std::hash<std::string_view>{}(*text) == lazy.text_hash))) {
            ParsedYaml again;
            parse_text(*text, lazy.limits, true, again, lazy.table);
        }
    });
    return lazy.table;
}

void ParsedYaml::places_from(TextSource source, const YamlLimits& limits) {
    auto lazy = std::make_shared<LazyPlaces>();
    lazy->source = std::move(source);
    lazy->source_verifies = true;
    lazy->limits = limits;
    lazy_places = std::move(lazy);
}

ParsedYaml parse_yaml_document(std::string_view text, const YamlLimits& limits, Places places, TextSource source) {
    auto lazy = std::make_shared<ParsedYaml::LazyPlaces>();
    if (places == Places::on_demand) {
        ParsedYaml parsed;
        PlaceTable unused;
        if (parse_text(text, limits, false, parsed, unused)) {
            if (!source) {
                source = [copy = std::string(text)] { return std::optional<std::string>(copy); };
            }
            lazy->source = std::move(source);
            lazy->text_size = text.size();
            lazy->text_hash = std::hash<std::string_view>{}(text);
            lazy->limits = limits;
            parsed.lazy_places = std::move(lazy);
            return parsed;
        }
    }
    ParsedYaml parsed;
    parse_text(text, limits, true, parsed, lazy->table);
    parsed.lazy_places = std::move(lazy);
    return parsed;
}

} // namespace cswm
