#include "lib/yaml/writer.hpp"

#include "lib/yaml/loader.hpp"

namespace cswm {
namespace {

using ordered_json = nlohmann::ordered_json;

/// Flow lists longer than this are written as block lists, one item a line.
constexpr std::size_t k_flow_width = 80;

bool plain_is_safe(const std::string& text) {
    if (text.empty() || text.front() == ' ' || text.back() == ' ') {
        return false;
    }
    if (text.find_first_of(":#[]{},&*!|>'\"%@`\t\r\n\\") != std::string::npos) {
        return false;
    }
    if ((text.front() == '-' || text.front() == '?') && (text.size() == 1 || text[1] == ' ')) {
        return false;
    }
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            return false;
        }
    }
    static const char* const k_nulls[] = {"null", "Null", "NULL", "~"};
    for (const char* word : k_nulls) {
        if (text == word) {
            return false;
        }
    }
    // Plain text that YAML would read as a number or boolean must be quoted to stay text.
    return type_plain_scalar(text) == nlohmann::json(text);
}

std::string spaces(std::size_t count) {
    return std::string(count, ' ');
}

bool all_scalars(const ordered_json& list) {
    for (const ordered_json& item : list) {
        if (item.is_structured()) {
            return false;
        }
    }
    return true;
}

std::string flow_list(const ordered_json& list) {
    std::string text = "[";
    for (const ordered_json& item : list) {
        text += (text.size() > 1 ? ", " : "") + yaml_scalar(item);
    }
    return text + "]";
}

std::string block_mapping(const ordered_json& map, std::size_t indent, std::string_view eol, bool first_inline);

/// A list below its key: `- item` lines at indent + 2.
std::string block_list(const ordered_json& list, std::size_t indent, std::string_view eol) {
    std::string text;
    for (const ordered_json& item : list) {
        text += std::string(eol) + spaces(indent + 2) + "-";
        if (item.is_object() && !item.empty()) {
            // The item's first key shares the dash's line; the others align under it.
            text += " " + block_mapping(item, indent + 4, eol, true);
        } else {
            text += yaml_value_text(item, indent + 2, eol);
        }
    }
    return text;
}

/// `key: value` lines at `indent`; with `first_inline`, the first line has no indent
/// (it follows a list dash).
std::string block_mapping(const ordered_json& map, std::size_t indent, std::string_view eol, bool first_inline) {
    std::string text;
    bool first = true;
    for (const auto& [key, value] : map.items()) {
        if (!(first && first_inline)) {
            text += std::string(eol) + spaces(indent);
        }
        first = false;
        text += yaml_scalar(key) + ":" + yaml_value_text(value, indent, eol);
    }
    return text;
}

} // namespace

std::string yaml_scalar(const ordered_json& value) {
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        return plain_is_safe(text) ? text : value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
    }
    if (value.is_structured()) {
        return value.empty() ? (value.is_array() ? "[]" : "{}") : value.dump();
    }
    return value.dump();
}

std::string yaml_value_text(const ordered_json& value, std::size_t indent, std::string_view eol) {
    if (!value.is_structured() || value.empty()) {
        return " " + yaml_scalar(value);
    }
    if (value.is_array()) {
        if (all_scalars(value)) {
            std::string flow = flow_list(value);
            if (flow.size() <= k_flow_width) {
                return " " + flow;
            }
        }
        return block_list(value, indent, eol);
    }
    return block_mapping(value, indent + 2, eol, false);
}

} // namespace cswm
