#pragma once

// The parts a rendered page is made of: tables and sections for the Markdown templates,
// the page templates themselves, dates and SHAs as pages show them, and what a kind's
// schema says of a field. Shared by the document pages (page.cpp); not a public interface.

#include "lib/render/labels.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cswm::render {

namespace mustache = kainjow::mustache;

/// A string longer than this, or with a line break, gets a section of its own.
constexpr std::size_t k_long_text = 160;

struct Table {
    std::vector<std::string> columns;           ///< plain text
    std::vector<std::vector<std::string>> rows; ///< Markdown cells
};

/// The table as the templates' `md_table` partial reads it.
mustache::data table_data(const Table& table);

struct Section {
    int level = 2;
    std::string heading; ///< plain text
    mustache::list blocks;

    void paragraph(const std::string& markdown) {
        mustache::data text;
        text.set("text", markdown);
        blocks.push_back(mustache::data("paragraph", text));
    }
    void list(const std::vector<std::string>& items) {
        mustache::list entries;
        for (const std::string& item : items) {
            entries.emplace_back(item);
        }
        mustache::data data;
        data.set("items", entries);
        blocks.push_back(mustache::data("list", data));
    }
    void table(const Table& table) { blocks.push_back(mustache::data("table", table_data(table))); }

    mustache::data data() const {
        mustache::data out;
        out.set("hashes", std::string(static_cast<std::size_t>(level), '#'));
        out.set("heading", heading);
        out.set("blocks", blocks);
        return out;
    }
};

/// Renders a template of templates/render/ with Markdown escaping and the partials.
std::string render_markdown_template(std::string_view name, mustache::data data);

/// "2026-11-03（民國 115 年 11 月 3 日）" where the language has a Republic-of-China form.
std::string with_roc_date(const std::string& iso, const Labels& labels);

/// The seven digits of a SHA that pages show.
std::string short_sha(const std::string& sha);

/// The schema of property `key` of `schema`, looking through anyOf/oneOf/allOf.
const nlohmann::json* schema_property(const nlohmann::json* schema, const std::string& key);
/// The schema of the items of a list's `schema`.
const nlohmann::json* schema_items(const nlohmann::json* schema);
/// True when `value` is one of the words the schema's `enum` allows (shown in the page's language).
bool is_enum_word(const nlohmann::json* schema, const std::string& value);
/// A scalar, or a list of scalars: written inline.
bool is_simple(const nlohmann::json& value);
/// Text too long (or of several lines) to sit in a table cell.
bool is_long_text(const nlohmann::json& value);

} // namespace cswm::render
