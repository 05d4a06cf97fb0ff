#include "lib/bundle/index_page.hpp"

#include "lib/bundle/names.hpp"
#include "lib/catalog/embedded.hpp"
#include "lib/chart/work_charts.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <functional>
#include <map>
#include <string_view>

namespace cswm::bundle {
namespace {

using nlohmann::json;
namespace mustache = kainjow::mustache;

std::string_view embedded(std::string_view path) {
    for (const EmbeddedFile& file : embedded_templates()) {
        if (file.path == path) {
            return file.data;
        }
    }
    throw Error(fmt::format("templates/{} is missing from this build of cswm", path));
}

/// nlohmann JSON → mustache data: objects, lists, text; true/false as sections; numbers as text.
mustache::data to_data(const json& value) {
    if (value.is_object()) {
        mustache::data object{mustache::data::type::object};
        for (const auto& [key, item] : value.items()) {
            object.set(key, to_data(item));
        }
        return object;
    }
    if (value.is_array()) {
        mustache::data list{mustache::data::type::list};
        for (const json& item : value) {
            list.push_back(to_data(item));
        }
        return list;
    }
    if (value.is_boolean()) {
        return mustache::data{value.get<bool>() ? mustache::data::type::bool_true : mustache::data::type::bool_false};
    }
    if (value.is_string()) {
        return mustache::data{value.get<std::string>()};
    }
    if (value.is_null()) {
        return mustache::data{mustache::data::type::bool_false};
    }
    return mustache::data{value.dump()};
}

/// Mark where the long parts of the page go: text no value can hold (escape_xml writes a
/// control byte as U+FFFD, and the unescaped values are CSS and SVG that cswm made).
constexpr std::string_view k_findings_marker = "\x01findings\x02";
constexpr std::string_view k_trace_marker = "\x01trace\x02";
constexpr std::string_view k_documents_marker = "\x01documents\x02";

/// The template with the section `{{#name}}…{{/name}}` (a list, its tags on lines of
/// their own) replaced by the marker `{{{name_rows}}}`: returns the section's inner text,
/// the template for one row.
std::string cut_section(std::string& text, const std::string& name) {
    const std::string open = "{{#" + name + "}}\n";
    const std::string close = "{{/" + name + "}}\n";
    const std::size_t begin = text.find(open);
    const std::size_t end = begin == std::string::npos ? std::string::npos : text.find(close, begin);
    if (end == std::string::npos) {
        throw Error("templates/bundle/index.html.mustache: no " + open.substr(0, open.size() - 1) + " section");
    }
    std::string row = text.substr(begin + open.size(), end - begin - open.size());
    text.replace(begin, end + close.size() - begin, "{{{" + name + "_rows}}}");
    return row;
}

/// `{name}` placeholders of a label filled in.
std::string fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [name, value] : values) {
        const std::string key = "{" + name + "}";
        for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
            text.replace(at, key.size(), value);
        }
    }
    return text;
}

std::string kind_name(const Catalog& catalog, const std::string& kind, const std::string& language) {
    const Kind* found = catalog.find(kind);
    return found != nullptr ? found->display_name(language) : kind;
}

std::string gap_text(const Gap& gap, const IndexInput& input) {
    const json& l = input.labels;
    const std::string kind = kind_name(*input.catalog, gap.kind, input.language);
    switch (gap.type) {
    case Gap::Type::no_document:
        return fill(l.value("gap_no_document", ""), {{"kind", kind}});
    case Gap::Type::only_drafts:
        return fill(l.value("gap_only_drafts", ""), {{"kind", kind}});
    case Gap::Type::empty_sections: {
        std::string sections;
        for (const std::string& section : gap.sections) {
            sections += (sections.empty() ? "" : ", ") + section;
        }
        return fill(l.value("gap_empty_sections", ""), {{"id", gap.id}, {"sections", sections}});
    }
    case Gap::Type::no_commits:
        return l.value("gap_no_commits_" + gap.kind, gap.kind);
    }
    return {};
}

} // namespace

json bundle_labels(const std::string& language) {
    const json all = json::parse(embedded("bundle/labels.json"));
    json labels = all.contains(language) ? all[language] : all["en"];
    labels.update(chart::chart_labels(language)); // the charts' own labels, shared with `cswm status`
    return labels;
}

std::string source_member(const std::string& path) {
    return "sources/" + member_name(path);
}

std::string member_href(const std::string& member) {
    std::string out;
    for (const char c : member) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') || c == '-' ||
            c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            out += fmt::format("%{:02X}", byte);
        }
    }
    return out;
}

std::string render_index(const IndexInput& input) {
    const Snapshot& snapshot = *input.snapshot;
    const json& l = input.labels;
    json page;
    page["l"] = l;
    page["repository"] = input.repository;
    page["revision"] = snapshot.commit.sha;
    page["short_revision"] = snapshot.commit.sha.substr(0, 10);
    page["commit_time"] = snapshot.commit_time;
    page["subject"] = snapshot.commit.summary;
    page["tool"] = input.tool;

    // Counts per kind (catalogue order) and status (sorted).
    std::map<std::string, std::map<std::string, std::size_t>> counts;
    std::size_t total = 0;
    for (const Document& document : snapshot.documents) {
        const std::string kind = document.kind != nullptr ? document.kind->name : std::string();
        counts[kind][document.status.empty() ? "—" : document.status] += 1;
        ++total;
    }
    json count_rows = json::array();
    auto add_kind = [&](const std::string& kind) {
        const auto found = counts.find(kind);
        if (found == counts.end()) {
            return;
        }
        for (const auto& [status, count] : found->second) {
            count_rows.push_back(
                {{"kind", kind.empty() ? std::string("—") : kind_name(*input.catalog, kind, input.language)},
                 {"status", status},
                 {"count", std::to_string(count)}});
        }
    };
    for (const Kind& kind : input.catalog->kinds()) {
        add_kind(kind.name);
    }
    add_kind("");
    page["counts"] = count_rows;
    page["has_counts"] = !count_rows.empty();
    page["document_total"] = std::to_string(total);

    std::size_t errors = 0;
    std::size_t warnings = 0;
    auto finding_row = [&](const Finding& finding) {
        const bool error = finding.severity == Severity::error;
        std::string place = finding.path.starts_with("commit ") ? finding.path : member_name(finding.path);
        if (finding.line > 0) {
            place += fmt::format(":{}:{}", finding.line, finding.column);
        }
        return json{{"severity", l.value(error ? "error" : "warning", "")},
                    {"severity_class", error ? "error" : "warning"},
                    {"place", place},
                    {"message", finding.message},
                    {"rule", finding.rule}};
    };
    for (const Finding& finding : input.findings) {
        (finding.severity == Severity::error ? errors : warnings) += 1;
    }
    page["findings_rows"] = k_findings_marker;
    page["has_findings"] = !input.findings.empty();
    page["check_summary"] = fill(l.value("check_summary", ""), {{"errors", std::to_string(errors)},
                                                                {"warnings", std::to_string(warnings)},
                                                                {"documents", std::to_string(total)}});

    std::map<std::string, std::string> link_of; // document ID → href
    for (const Document& document : snapshot.documents) {
        if (document.id.empty()) {
            continue;
        }
        const auto page_found = input.pages.find(document.path);
        link_of.emplace(document.id, member_href(page_found != input.pages.end() ? page_found->second
                                                                                 : source_member(document.path)));
    }
    json tasks = json::array();
    for (const TaskRow& task : input.matrix) {
        json behaviours = json::array();
        for (const BehaviourRow& row : task.behaviours) {
            json evidence = json::array();
            for (const Evidence& item : row.evidence) {
                const auto link = item.path.empty() ? link_of.end() : link_of.find(item.id);
                evidence.push_back({{"id", item.id},
                                    {"link", link != link_of.end() ? json(link->second) : json(false)},
                                    {"note", item.status}});
            }
            json gaps = json::array();
            for (const Gap& gap : row.gaps) {
                gaps.push_back({{"text", gap_text(gap, input)}});
            }
            behaviours.push_back({{"code", row.code},
                                  {"name", l["behaviours"].value(row.code, "")},
                                  {"evidence", evidence},
                                  {"gaps", gaps}});
        }
        tasks.push_back({{"code", task.code}, {"name", l["tasks"].value(task.code, "")}, {"behaviours", behaviours}});
    }
    page["tasks"] = tasks;

    page["trace"] = k_trace_marker;
    page["trace_style"] = input.trace_style;

    json charts = json::array();
    for (const chart::BarChart& chart : input.charts) {
        charts.push_back({{"title", chart.title}, {"svg", chart::render_bar_chart(chart)}});
    }
    page["charts"] = charts;

    auto document_row = [&](const Document& document) {
        const auto page_found = input.pages.find(document.path);
        return json{{"id", document.id.empty() ? std::string("—") : document.id},
                    {"page", page_found != input.pages.end() ? json(member_href(page_found->second)) : json(false)},
                    {"kind", document.kind != nullptr ? document.kind->display_name(input.language) : std::string("—")},
                    {"title", document.title},
                    {"status", document.status},
                    {"source", member_href(source_member(document.path))},
                    {"source_name", source_member(document.path)}};
    };
    page["documents_rows"] = k_documents_marker;
    page["has_documents"] = !snapshot.documents.empty();
    page["commits_text"] = fill(l.value("commits_text", ""), {{"count", std::to_string(input.commits)}});

    // The long parts (a row per finding, the trace, a row per document) are rendered one
    // row at a time into the page's text, not made template data all at once: the data of
    // 10,000 documents took ten times the bytes of the page they make.
    std::string text(embedded("bundle/index.html.mustache"));
    const std::string finding_template = cut_section(text, "findings");
    const std::string document_template = cut_section(text, "documents");
    auto compiled = [](const std::string& source) {
        mustache::mustache tmpl{source};
        tmpl.set_custom_escape([](const std::string& value) { return chart::escape_xml(value); });
        if (!tmpl.is_valid()) {
            throw Error("templates/bundle/index.html.mustache: " + tmpl.error_message());
        }
        return tmpl;
    };
    mustache::mustache tmpl = compiled(text);
    mustache::mustache finding_tmpl = compiled(finding_template);
    mustache::mustache document_tmpl = compiled(document_template);
    const std::string outline = tmpl.render(to_data(page));
    std::string out;
    std::size_t at = 0;
    // In the order the template has them: the findings, the trace, the documents.
    const std::pair<std::string_view, std::function<void()>> parts[] = {
        {k_findings_marker,
         [&] {
             for (const Finding& finding : input.findings) {
                 out += finding_tmpl.render(to_data(finding_row(finding)));
             }
         }},
        {k_trace_marker, [&] { out += input.trace_html; }},
        {k_documents_marker,
         [&] {
             for (const Document& document : snapshot.documents) {
                 out += document_tmpl.render(to_data(document_row(document)));
             }
         }},
    };
    out.reserve(outline.size() + input.trace_html.size() + 512 * (input.findings.size() + snapshot.documents.size()));
    for (const auto& [marker, part] : parts) {
        const std::size_t found = outline.find(marker, at);
        if (found == std::string::npos) {
            continue; // a section the page leaves out (no findings, no documents)
        }
        out.append(outline, at, found - at);
        at = found + marker.size();
        part();
    }
    out.append(outline, at, std::string::npos);
    return out;
}

} // namespace cswm::bundle
