#include "lib/check/cross_view.hpp"

#include <cstdint>
#include <cstring>
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
          "risks", "compliance", "stakeholders", "expected_benefits"}},
        {"feasibility-report",
         {"title", "owner", "form_no", "current_state", "options", "comparison", "risks", "compliance", "conclusion"}},
        {"fix-confirmation",
         {"title", "owner", "form_no", "severity", "affected_version", "symptom", "root_cause", "correction",
          "optimisation", "confirmation"}},
        {"maintenance-log", {"title", "owner", "form_no", "period", "system", "summary"}},
        {"quality-spec",
         {"title", "owner", "form_no", "scope", "protection_level", "environments", "entry_criteria",
          "acceptance_criteria", "cases[].title", "cases[].category", "cases[].characteristic", "cases[].priority",
          "cases[].environments", "cases[].preconditions", "cases[].data", "cases[].steps", "cases[].expected",
          "cases[].pass_criteria", "cases[].automation"}},
        {"srs",
         {"title", "owner", "form_no", "version", "previous_version", "change_summary", "scope", "requirements[].title",
          "requirements[].rationale", "requirements[].type", "requirements[].characteristic", "requirements[].priority",
          "requirements[].acceptance_criteria", "requirements[].verification"}},
        {"test-report",
         {"title", "owner", "form_no", "version", "environment", "testers", "summary", "conclusion",
          "results[].evidence", "results[].duration_seconds", "results[].notes"}},
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

} // namespace

const std::vector<std::string>& prose_fields(std::string_view kind) {
    static const std::vector<std::string> none;
    const auto found = prose_table().find(kind);
    return found == prose_table().end() ? none : found->second;
}

std::string cross_view(const Document& document) {
    std::string out = "cswm cross view 1\n";
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

} // namespace cswm
