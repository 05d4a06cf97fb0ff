#include "lib/check/cross_view.hpp"

#include "lib/check/git_rules.hpp"
#include "lib/model/references.hpp"

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <utility>

namespace cswm {
namespace {

using nlohmann::json;

// Kept to what the rules of lib/check demonstrably never read across documents; when in
// doubt a field stays out of this table (an edit of it then only costs a full check).
const std::map<std::string, std::vector<std::string>, std::less<>>& prose_table() {
    static const std::map<std::string, std::vector<std::string>, std::less<>> table{
        {"anomaly-record",
         {"title", "owner", "form_no", "timeline", "assessment", "escalations", "debugging", "tracking", "root_cause",
          "resolution", "closure", "user_confirmation"}},
        {"anomaly-request",
         {"title", "owner", "form_no", "reporter", "channel", "ticket_ref", "system", "category", "priority",
          "description", "reproduction", "impact", "workaround", "assessment"}},
        {"feasibility-plan",
         {"title", "owner", "form_no", "background", "objectives", "chosen_option", "scope", "schedule", "resources",
          "risks", "compliance", "stakeholders", "expected_benefits", "review"}},
        {"feasibility-report",
         {"title", "owner", "form_no", "current_state", "options", "comparison", "risks", "compliance", "conclusion"}},
        {"fix-confirmation",
         {"title", "owner", "form_no", "severity", "affected_version", "symptom", "root_cause", "correction",
          "optimisation", "confirmation", "regression.description", "review"}},
        {"maintenance-log",
         {"title",
          "owner",
          "form_no",
          "period",
          "system",
          "summary",
          "actions[].title",
          "actions[].category",
          "actions[].origin",
          "actions[].requested_by",
          "actions[].description",
          "actions[].started_at",
          "actions[].finished_at",
          "actions[].state",
          "actions[].downtime",
          "actions[].backup",
          "actions[].rollback",
          "actions[].verification",
          "actions[].performed_by",
          "actions[].reviewed_by",
          "log_reviews[].reviewer",
          "log_reviews[].sources",
          "log_reviews[].range",
          "log_reviews[].tool",
          "log_reviews[].result",
          "log_reviews[].notes",
          "log_reviews[].findings[].signature",
          "log_reviews[].findings[].level",
          "log_reviews[].findings[].count",
          "log_reviews[].findings[].first_seen",
          "log_reviews[].findings[].last_seen",
          "log_reviews[].findings[].is_new",
          "log_reviews[].findings[].action",
          "documents_updated[].change",
          "documents_updated[].version"}},
        {"quality-spec",
         {"title",
          "owner",
          "form_no",
          "scope",
          "protection_level",
          "environments",
          "entry_criteria",
          "acceptance_criteria",
          "quality_criteria[].characteristic",
          "quality_criteria[].sub_characteristic",
          "quality_criteria[].requirement",
          "quality_criteria[].metric",
          "quality_criteria[].target",
          "quality_criteria[].method",
          "quality_criteria[].stage",
          "cases[].title",
          "cases[].category",
          "cases[].characteristic",
          "cases[].priority",
          "cases[].environments",
          "cases[].preconditions",
          "cases[].data",
          "cases[].steps",
          "cases[].expected",
          "cases[].pass_criteria",
          "cases[].automation"}},
        {"srs",
         {"title",
          "owner",
          "form_no",
          "version",
          "previous_version",
          "change_summary",
          "scope",
          "requirements[].title",
          "requirements[].rationale",
          "requirements[].type",
          "requirements[].characteristic",
          "requirements[].priority",
          "requirements[].acceptance_criteria",
          "requirements[].verification",
          "gap_analysis[].area",
          "gap_analysis[].current",
          "gap_analysis[].need",
          "gap_analysis[].disposition",
          "gap_analysis[].note",
          "review"}},
        {"test-report",
         {"title", "owner", "form_no", "version", "environment", "testers", "summary", "conclusion",
          "results[].evidence", "results[].duration_seconds", "results[].notes", "review"}},
    };
    return table;
}

/// The prose of one kind as a tree of keys: a node (named by its key) is either left out
/// whole, or has children by key, and one for the elements of the list it holds.
struct ProseNode {
    std::string key;
    bool whole = false;
    std::vector<ProseNode> keys;
    std::unique_ptr<ProseNode> elements;

    const ProseNode* child(std::string_view name) const {
        for (const ProseNode& node : keys) {
            if (node.key == name) {
                return &node;
            }
        }
        return nullptr;
    }
    ProseNode& add(std::string_view name) {
        for (ProseNode& node : keys) {
            if (node.key == name) {
                return node;
            }
        }
        ProseNode& added = keys.emplace_back();
        added.key = std::string(name);
        return added;
    }
};

ProseNode prose_tree(const std::vector<std::string>& fields) {
    ProseNode root;
    for (const std::string& field : fields) {
        ProseNode* node = &root;
        std::string_view rest = field;
        while (!rest.empty()) {
            const std::size_t dot = rest.find('.');
            std::string_view step = rest.substr(0, dot);
            rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
            const bool each = step.ends_with("[]");
            node = &node->add(each ? step.substr(0, step.size() - 2) : step);
            if (each) {
                if (!node->elements) {
                    node->elements = std::make_unique<ProseNode>();
                }
                node = node->elements.get();
            }
        }
        node->whole = true;
    }
    return root;
}

const ProseNode* prose_of(std::string_view kind) {
    static const std::map<std::string, ProseNode, std::less<>> trees = [] {
        std::map<std::string, ProseNode, std::less<>> built;
        for (const auto& [name, fields] : prose_table()) {
            built.emplace(name, prose_tree(fields));
        }
        return built;
    }();
    const auto found = trees.find(kind);
    return found == trees.end() ? nullptr : &found->second;
}

void put_number(std::uint64_t value, std::string& out) {
    for (unsigned i = 0; i < 8; ++i) {
        out += static_cast<char>((value >> (8U * i)) & 0xffU);
    }
}

void put_text(std::string_view text, std::string& out) {
    put_number(text.size(), out);
    out.append(text);
}

/// Every value of `value` but the prose under `prose` (null: none), each with its type;
/// lengths before text and an end mark after each list and mapping keep it prefix-free.
void encode(const json& value, const ProseNode* prose, std::string& out) {
    switch (value.type()) {
    case json::value_t::null:
        out += 'n';
        return;
    case json::value_t::boolean:
        out += value.get<bool>() ? 't' : 'f';
        return;
    case json::value_t::number_integer:
        out += 'i';
        put_number(static_cast<std::uint64_t>(value.get<std::int64_t>()), out);
        return;
    case json::value_t::number_unsigned:
        out += 'u';
        put_number(value.get<std::uint64_t>(), out);
        return;
    case json::value_t::number_float: {
        const double number = value.get<double>();
        std::uint64_t bits = 0;
        std::memcpy(&bits, &number, sizeof bits);
        out += 'd';
        put_number(bits, out);
        return;
    }
    case json::value_t::string:
        out += 's';
        put_text(value.get_ref<const std::string&>(), out);
        return;
    case json::value_t::array: {
        const ProseNode* elements = prose != nullptr ? prose->elements.get() : nullptr;
        out += '[';
        for (const json& element : value) {
            encode(element, elements, out);
        }
        out += ']';
        return;
    }
    case json::value_t::object:
        out += '{';
        for (const auto& [key, member] : value.items()) {
            const ProseNode* below = prose != nullptr ? prose->child(key) : nullptr;
            if (below != nullptr && below->whole) {
                continue;
            }
            out += 'k';
            put_text(key, out);
            encode(member, below, out);
        }
        out += '}';
        return;
    case json::value_t::binary:
    case json::value_t::discarded:
        out += '?';
        return;
    }
}

constexpr std::string_view k_view_magic = "cswm cross view 1\n";

/// Reads what encode and cross_view wrote; every read says false (or nullopt) at a byte
/// that does not fit, never reading past the end.
class ViewReader {
public:
    explicit ViewReader(std::string_view bytes) : m_rest(bytes) {}

    bool done() const { return m_rest.empty(); }

    bool literal(std::string_view expected) {
        if (!m_rest.starts_with(expected)) {
            return false;
        }
        m_rest.remove_prefix(expected.size());
        return true;
    }

    std::optional<char> tag() {
        if (m_rest.empty()) {
            return std::nullopt;
        }
        const char tag = m_rest.front();
        m_rest.remove_prefix(1);
        return tag;
    }

    std::optional<std::uint64_t> number() {
        if (m_rest.size() < 8) {
            return std::nullopt;
        }
        std::uint64_t value = 0;
        for (unsigned i = 0; i < 8; ++i) {
            value |= static_cast<std::uint64_t>(static_cast<unsigned char>(m_rest[i])) << (8U * i);
        }
        m_rest.remove_prefix(8);
        return value;
    }

    std::optional<std::string_view> text() {
        const std::optional<std::uint64_t> size = number();
        if (!size || *size > m_rest.size()) {
            return std::nullopt;
        }
        std::string_view text = m_rest.substr(0, *size);
        m_rest.remove_prefix(*size);
        return text;
    }

    /// One value as encode wrote it, nested no deeper than `depth`.
    bool value(json& out, std::size_t depth) {
        const std::optional<char> kind = tag();
        if (!kind || depth == 0) {
            return false;
        }
        switch (*kind) {
        case 'n':
            out = nullptr;
            return true;
        case 't':
        case 'f':
            out = *kind == 't';
            return true;
        case 'i':
        case 'u':
        case 'd': {
            const std::optional<std::uint64_t> bits = number();
            if (!bits) {
                return false;
            }
            if (*kind == 'i') {
                out = static_cast<std::int64_t>(*bits);
            } else if (*kind == 'u') {
                out = *bits;
            } else {
                double number = 0;
                std::memcpy(&number, &*bits, sizeof number);
                out = number;
            }
            return true;
        }
        case 's': {
            const std::optional<std::string_view> text = this->text();
            if (!text) {
                return false;
            }
            out = std::string(*text);
            return true;
        }
        case '[':
            out = json::array();
            while (!literal("]")) {
                json element;
                if (!value(element, depth - 1)) {
                    return false;
                }
                out.push_back(std::move(element));
            }
            return true;
        case '{': {
            out = json::object();
            // The keys come sorted, as the object held them: each goes at the end, with no
            // comparison on the way.
            json::object_t& members = *out.get_ptr<json::object_t*>();
            while (!literal("}")) {
                const std::optional<std::string_view> key = tag() == 'k' ? text() : std::nullopt;
                json member;
                if (!key || !value(member, depth - 1)) {
                    return false;
                }
                members.emplace_hint(members.end(), std::string(*key), std::move(member));
            }
            return true;
        }
        default:
            return false;
        }
    }

private:
    std::string_view m_rest;
};

/// The member `key` of `object` as encode writes it, or a mark that there is none.
void encode_member(const json& object, std::string_view key, std::string& out) {
    if (!object.is_object()) {
        out += '-';
        return;
    }
    const auto found = object.find(key);
    if (found == object.end()) {
        out += '-';
        return;
    }
    out += 'm';
    encode(*found, nullptr, out);
}

/// The members `keys` of every element of the list `list` of `data`, with marks for what is
/// not a list or not a mapping.
void encode_list_members(const json& data, std::string_view list, std::initializer_list<std::string_view> keys,
                         std::string& out) {
    const auto found = data.find(list);
    if (found == data.end() || !found->is_array()) {
        out += '-';
        return;
    }
    out += '[';
    for (const json& element : *found) {
        if (!element.is_object()) {
            out += 'x';
            continue;
        }
        out += 'e';
        for (const std::string_view key : keys) {
            encode_member(element, key, out);
        }
    }
    out += ']';
}

} // namespace

const std::vector<std::string>& prose_fields(std::string_view kind) {
    static const std::vector<std::string> none;
    const auto found = prose_table().find(kind);
    return found == prose_table().end() ? none : found->second;
}

std::string cross_view(const Document& document) {
    std::string out(k_view_magic);
    put_text(document.path, out);
    put_text(document.kind != nullptr ? document.kind->name : std::string_view("\n(none)"), out);
    put_text(document.id, out);
    put_text(document.status, out);
    put_number(document.yaml.stand_ins.size(), out);
    for (const std::string& pointer : document.yaml.stand_ins) {
        put_text(pointer, out);
    }
    if (document.modeline) {
        out += 'm';
        put_text(document.modeline->schema, out);
        put_number(static_cast<std::uint64_t>(document.modeline->line), out);
        put_number(static_cast<std::uint64_t>(document.modeline->column), out);
    } else {
        out += '-';
    }
    if (document.parsed()) {
        out += 'p';
        encode(document.data(), document.kind != nullptr ? prose_of(document.kind->name) : nullptr, out);
    } else {
        out += '-';
    }
    return out;
}

std::optional<Document> document_from_view(std::string_view view, const Catalog& catalog,
                                           const std::filesystem::path& root) {
    ViewReader reader(view);
    Document document;
    if (!reader.literal(k_view_magic)) {
        return std::nullopt;
    }
    const std::optional<std::string_view> path = reader.text();
    const std::optional<std::string_view> kind = reader.text();
    const std::optional<std::string_view> id = reader.text();
    const std::optional<std::string_view> status = reader.text();
    const std::optional<std::uint64_t> stand_ins = reader.number();
    if (!path || !kind || !id || !status || !stand_ins || *stand_ins > view.size()) {
        return std::nullopt;
    }
    document.path = std::string(*path);
    document.file = root / document.path;
    document.kind = catalog.find(*kind);
    if (document.kind == nullptr && *kind != "\n(none)") {
        return std::nullopt; // a kind this catalogue does not know: not this build's view
    }
    document.id = std::string(*id);
    document.status = std::string(*status);
    for (std::uint64_t i = 0; i < *stand_ins; ++i) {
        const std::optional<std::string_view> pointer = reader.text();
        if (!pointer) {
            return std::nullopt;
        }
        document.yaml.stand_ins.emplace_back(*pointer);
    }
    const std::optional<char> modeline = reader.tag();
    if (modeline == 'm') {
        const std::optional<std::string_view> schema = reader.text();
        const std::optional<std::uint64_t> line = reader.number();
        const std::optional<std::uint64_t> column = reader.number();
        if (!schema || !line || !column) {
            return std::nullopt;
        }
        document.modeline = SchemaModeline{std::string(*schema), static_cast<int>(*line), static_cast<int>(*column)};
    } else if (modeline != '-') {
        return std::nullopt;
    }
    const std::optional<char> parsed = reader.tag();
    if (parsed == 'p') {
        // Deep enough for any limit a document is read with; a view nested deeper is not
        // rebuilt (the caller checks the tree instead).
        constexpr std::size_t depth = 4096;
        if (!reader.value(document.yaml.root.emplace(), depth)) {
            return std::nullopt;
        }
    } else if (parsed != '-') {
        return std::nullopt;
    }
    if (!reader.done()) {
        return std::nullopt;
    }
    return document;
}

std::string tree_view(const Document& document) {
    std::string out = "cswm tree view 1\n";
    put_text(document.path, out);
    if (!document.parsed()) {
        out += '-'; // its file's name may carry an ID that links are then not reported for
        return out;
    }
    out += 'p';
    put_text(document.kind != nullptr ? document.kind->name : std::string_view("\n(none)"), out);
    put_text(document.id, out);
    if (document.kind == nullptr) {
        return out;
    }
    const auto values_at = [&](char mark, const FieldPath& field) {
        out += mark;
        field.for_each(document.data(), [&](std::string_view pointer, const json& value) {
            out += 'v';
            put_text(pointer, out);
            encode(value, nullptr, out);
        });
    };
    for (const ItemDefinition& item : document.kind->items) {
        values_at('i', item.field);
    }
    for (const LinkDefinition& link : document.kind->links) {
        values_at('l', link.field);
    }
    return out;
}

std::string git_view(const Document& document) {
    std::string out = "cswm git view 2\n";
    if (!document.parsed() || document.kind == nullptr) {
        out += 'w';
        out += cross_view(document);
        return out;
    }
    // What the git rules read of any document (git_rules.cpp): its path, kind and ID, the
    // IDs it defines (a Refs: trailer may name them), the commits it records, and a
    // top-level `commit` (read of whatever document a fix's verified_by names).
    const json& data = document.data();
    out += 'p';
    put_text(document.path, out);
    put_text(document.kind->name, out);
    put_text(document.id, out);
    const std::vector<std::string> items = item_ids(document);
    put_number(items.size(), out);
    for (const std::string& item : items) {
        put_text(item, out);
    }
    for (const FieldPath& field : document.kind->commit_fields) {
        field.for_each(data, [&](std::string_view pointer, const json& value) {
            out += 'c';
            put_text(pointer, out);
            encode(value, nullptr, out);
        });
    }
    out += '.';
    encode_member(data, "commit", out);
    // And what they read of three kinds: whether a fix is signed off, and the report it
    // names (fix-not-tested); whether a quality spec is approved, its review and what each
    // case verifies, and the SRSs' statements (suspect.cpp).
    const std::string& kind = document.kind->name;
    if (kind == "fix-confirmation") {
        out += rules::is_signed_off(document) ? 'v' : '-';
        encode_member(data, "verified_by", out);
    } else if (kind == "quality-spec") {
        out += document.status == "approved" ? 'a' : '-';
        encode_member(data, "review", out);
        encode_list_members(data, "cases", {"id", "verifies"}, out);
    } else if (kind == "srs") {
        encode_list_members(data, "requirements", {"id", "statement"}, out);
    }
    return out;
}

} // namespace cswm
