#include "lib/render/page_parts.hpp"

#include "lib/render/markdown.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

namespace cswm::render {

using nlohmann::json;

mustache::data table_data(const Table& table) {
    mustache::list columns;
    for (const std::string& column : table.columns) {
        columns.emplace_back(column);
    }
    mustache::list rows;
    for (const auto& row : table.rows) {
        mustache::list cells;
        for (const std::string& cell : row) {
            cells.emplace_back(cell);
        }
        mustache::data row_data;
        row_data.set("cells", cells);
        rows.push_back(row_data);
    }
    mustache::data data;
    data.set("columns", columns);
    data.set("rows", rows);
    return data;
}

std::string render_markdown_template(std::string_view name, mustache::data data) {
    const auto partial = [](std::string_view file) {
        return mustache::partial([file] { return std::string(render_template(file)); });
    };
    data.set("md_table", partial("table.md.mustache"));
    data.set("md_blocks", partial("blocks.md.mustache"));
    mustache::mustache page{std::string(render_template(name))};
    if (!page.is_valid()) {
        throw Error(fmt::format("templates/render/{}: {}", name, page.error_message()));
    }
    page.set_custom_escape([](const std::string& text) { return markdown_escape(text); });
    const std::string rendered = page.render(data);
    if (!page.is_valid()) {
        throw Error(fmt::format("templates/render/{}: {}", name, page.error_message()));
    }
    // Section tags leave blank lines behind; in Markdown one blank line says all they do.
    std::string out;
    std::size_t newlines = 2; // and none before the first line
    for (const char c : rendered) {
        newlines = c == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) {
            out += c;
        }
    }
    return out;
}

std::string with_roc_date(const std::string& iso, const Labels& labels) {
    const std::string form = labels.ui("roc_date");
    if (form.empty() || form == "roc_date" || iso.size() != 10 || iso[4] != '-' || iso[7] != '-') {
        return iso;
    }
    try {
        const int year = std::stoi(iso.substr(0, 4));
        const int month = std::stoi(iso.substr(5, 2));
        const int day = std::stoi(iso.substr(8, 2));
        if (year <= 1911) {
            return iso;
        }
        return fmt::format("{}（{}）", iso,
                           fmt::format(fmt::runtime(form), fmt::arg("year", year - 1911), fmt::arg("month", month),
                                       fmt::arg("day", day)));
    } catch (const std::exception&) {
        return iso;
    }
}

std::string short_sha(const std::string& sha) {
    return sha.substr(0, 7);
}

const json* schema_property(const json* schema, const std::string& key) {
    if (schema == nullptr || !schema->is_object()) {
        return nullptr;
    }
    if (const auto properties = schema->find("properties");
        properties != schema->end() && properties->is_object() && properties->contains(key)) {
        return &properties->at(key);
    }
    for (const char* combinator : {"anyOf", "oneOf", "allOf"}) {
        if (const auto options = schema->find(combinator); options != schema->end() && options->is_array()) {
            for (const json& option : *options) {
                if (const json* found = schema_property(&option, key)) {
                    return found;
                }
            }
        }
    }
    return nullptr;
}
const json* schema_items(const json* schema) {
    if (schema == nullptr || !schema->is_object()) {
        return nullptr;
    }
    const auto found = schema->find("items");
    return found != schema->end() && found->is_object() ? &*found : nullptr;
}
bool is_enum_word(const json* schema, const std::string& value) {
    if (schema == nullptr || !schema->is_object()) {
        return false;
    }
    const auto values = schema->find("enum");
    return values != schema->end() && values->is_array() &&
           std::find(values->begin(), values->end(), json(value)) != values->end();
}

bool is_simple(const json& value) {
    if (value.is_array()) {
        return std::all_of(value.begin(), value.end(),
                           [](const json& item) { return !item.is_object() && !item.is_array(); });
    }
    return !value.is_object() && !value.is_array();
}
bool is_long_text(const json& value) {
    return value.is_string() && (value.get_ref<const std::string&>().size() > k_long_text ||
                                 value.get_ref<const std::string&>().find('\n') != std::string::npos);
}

} // namespace cswm::render
