#include "lib/bundle/index_page.hpp"

#include "lib/bundle/names.hpp"
#include "lib/catalog/embedded.hpp"
#include "lib/chart/work_charts.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <map>

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
    json finding_rows = json::array();
    for (const Finding& finding : input.findings) {
        const bool error = finding.severity == Severity::error;
        (error ? errors : warnings) += 1;
        std::string place = finding.path.starts_with("commit ") ? finding.path : member_name(finding.path);
        if (finding.line > 0) {
            place += fmt::format(":{}:{}", finding.line, finding.column);
        }
        finding_rows.push_back({{"severity", l.value(error ? "error" : "warning", "")},
                                {"severity_class", error ? "error" : "warning"},
                                {"place", place},
                                {"message", finding.message},
                                {"rule", finding.rule}});
    }
    page["findings"] = finding_rows;
    page["has_findings"] = !finding_rows.empty();
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

    page["trace"] = input.trace_html;
    page["trace_style"] = input.trace_style;

    json charts = json::array();
    for (const chart::BarChart& chart : input.charts) {
        charts.push_back({{"title", chart.title}, {"svg", chart::render_bar_chart(chart)}});
    }
    page["charts"] = charts;

    json documents = json::array();
    for (const Document& document : snapshot.documents) {
        const auto page_found = input.pages.find(document.path);
        documents.push_back(
            {{"id", document.id.empty() ? std::string("—") : document.id},
             {"page", page_found != input.pages.end() ? json(member_href(page_found->second)) : json(false)},
             {"kind", document.kind != nullptr ? document.kind->display_name(input.language) : std::string("—")},
             {"title", document.title},
             {"status", document.status},
             {"source", member_href(source_member(document.path))},
             {"source_name", source_member(document.path)}});
    }
    page["documents"] = documents;
    page["has_documents"] = !documents.empty();
    page["commits_text"] = fill(l.value("commits_text", ""), {{"count", std::to_string(input.commits)}});

    mustache::mustache tmpl{std::string(embedded("bundle/index.html.mustache"))};
    tmpl.set_custom_escape([](const std::string& text) { return chart::escape_xml(text); });
    if (!tmpl.is_valid()) {
        throw Error("templates/bundle/index.html.mustache: " + tmpl.error_message());
    }
    return tmpl.render(to_data(page));
}

} // namespace cswm::bundle
