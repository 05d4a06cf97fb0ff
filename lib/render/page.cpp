#include "lib/render/page.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/model/references.hpp"
#include "lib/render/labels.hpp"
#include "lib/render/markdown.hpp"
#include "lib/render/page_parts.hpp"
#include "lib/report/history_report.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"
#include "lib/yaml/loader.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <set>

namespace cswm::render {
namespace {

using nlohmann::json;

/// Fields that the form header and the sign-off section show, not the body.
const std::set<std::string> k_header_fields{"kind", "id", "title", "status", "owner", "created", "form_no", "review"};

/// Sections nest at most this deep (##, ###, ####); deeper values are written inline.
constexpr int k_deepest_heading = 4;

/// Builds the page of one document.
class PageBuilder {
public:
    PageBuilder(const PageInput& input, const PageOptions& options)
        : m_in(input), m_options(options), m_labels(Labels::builtin(options.language)), m_doc(*input.document),
          m_kind(input.document->kind->name) {}

    std::string markdown() {
        mustache::data data;
        data.set("kind_name", m_doc.kind->display_name(m_options.language));
        data.set("header", table_data(header()));
        mustache::list sections;
        for (const Section& section : body()) {
            sections.push_back(section.data());
        }
        for (const Section& section : trailer()) {
            sections.push_back(section.data());
        }
        data.set("sections", sections);
        data.set("source_label", m_labels.ui("source"));
        data.set("source", m_doc.path);
        return render_markdown_template("document.md.mustache", data);
    }

private:
    const PageInput& m_in;
    const PageOptions& m_options;
    const Labels& m_labels;
    const Document& m_doc;
    std::string m_kind;
    std::set<std::string> m_shas; ///< every SHA the page names, for the commit table

    const json& root() const { return m_doc.data(); }
    std::string empty() const { return m_labels.ui("empty"); }

    /// The keys of an object in the order the author wrote them.
    std::vector<std::string> ordered_keys(const json& object, const std::string& pointer) const {
        std::vector<std::pair<std::size_t, std::string>> keyed;
        for (const auto& [key, value] : object.items()) {
            const NodePlace* place = m_doc.yaml.places().find(pointer + "/" + pointer_token(key));
            keyed.emplace_back(place == nullptr ? SIZE_MAX : place->key_offset, key);
        }
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::string> keys;
        for (auto& [offset, key] : keyed) {
            keys.push_back(std::move(key));
        }
        return keys;
    }

    /// One value as inline Markdown: links for IDs with a page and safe URLs, short SHAs,
    /// vocabulary words in the page's language, everything else escaped.
    std::string scalar(const json& value, const json* schema) {
        if (value.is_null()) {
            return empty();
        }
        if (value.is_boolean()) {
            return markdown_escape(m_labels.ui(value.get<bool>() ? "yes" : "no"));
        }
        if (!value.is_string()) {
            return value.dump(); // a number: digits, sign, point and exponent need no escaping
        }
        const std::string& text = value.get_ref<const std::string&>();
        if (m_in.targets != nullptr) {
            if (const auto target = m_in.targets->find(text); target != m_in.targets->end()) {
                return markdown_link(text, fmt::format("{}.{}", target->second, m_options.extension));
            }
        }
        if (is_full_sha(text)) {
            m_shas.insert(text);
            return fmt::format("`{}`", short_sha(text));
        }
        if (is_enum_word(schema, text)) {
            return markdown_escape(m_labels.value(text));
        }
        if (is_linkable_url(text)) {
            return markdown_link(text, text);
        }
        return markdown_escape(text);
    }

    /// Any value as inline Markdown: lists joined, objects as "label: value" pairs.
    std::string inline_value(const json& value, const json* schema, const std::string& pointer,
                             const std::string& path) {
        if (value.is_array()) {
            if (value.empty()) {
                return empty();
            }
            std::vector<std::string> parts;
            for (std::size_t i = 0; i < value.size(); ++i) {
                const json& item = value[i];
                std::string part = inline_value(item, schema_items(schema), fmt::format("{}/{}", pointer, i), path);
                parts.push_back(item.is_object() ? "(" + part + ")" : part);
            }
            return join(parts, value.front().is_object() ? "; " : ", ");
        }
        if (value.is_object()) {
            if (value.empty()) {
                return empty();
            }
            std::vector<std::string> parts;
            for (const std::string& key : ordered_keys(value, pointer)) {
                parts.push_back(fmt::format("{}: {}", markdown_escape(m_labels.field(m_kind, path + "." + key)),
                                            inline_value(value.at(key), schema_property(schema, key),
                                                         pointer + "/" + pointer_token(key), path + "." + key)));
            }
            return join(parts, ", ");
        }
        return scalar(value, schema);
    }

    std::string label(const std::string& path) const { return m_labels.field(m_kind, path); }
    static std::string child_path(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

    /// A list of objects as one table, its columns the keys in the order first written.
    Table object_table(const json& list, const json* schema, const std::string& pointer, const std::string& path) {
        Table table;
        // Merge the rows' key orders: a key first seen in a later row goes right after the
        // key that precedes it there, so `actual` lands beside `outcome`, not at the end.
        std::vector<std::string> keys;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_object()) {
                continue;
            }
            std::size_t next = 0;
            for (const std::string& key : ordered_keys(list[i], fmt::format("{}/{}", pointer, i))) {
                const auto found = std::find(keys.begin(), keys.end(), key);
                if (found != keys.end()) {
                    next = static_cast<std::size_t>(found - keys.begin()) + 1;
                } else {
                    keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(next), key);
                    ++next;
                }
            }
        }
        for (const std::string& key : keys) {
            table.columns.push_back(label(child_path(path, key)));
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string item_pointer = fmt::format("{}/{}", pointer, i);
            std::vector<std::string> row;
            if (!list[i].is_object()) {
                row.push_back(inline_value(list[i], schema_items(schema), item_pointer, path));
                row.resize(keys.size(), "");
            } else {
                for (const std::string& key : keys) {
                    const auto found = list[i].find(key);
                    row.push_back(found == list[i].end()
                                      ? std::string()
                                      : inline_value(*found, schema_property(schema_items(schema), key),
                                                     item_pointer + "/" + pointer_token(key), child_path(path, key)));
                }
            }
            table.rows.push_back(std::move(row));
        }
        if (table.columns.empty()) {
            table.columns.push_back(m_labels.ui("value"));
        }
        return table;
    }

    /// The sections of a field that is an object or a list of objects.
    void add_sections(std::vector<Section>& out, int level, const json& value, const json* schema,
                      const std::string& pointer, const std::string& path) {
        Section section{level, label(path), {}};
        const std::size_t position = out.size();
        out.push_back(section);
        if (value.is_array()) {
            if (value.empty()) {
                out[position].paragraph(empty());
            } else {
                out[position].table(object_table(value, schema, pointer, path));
            }
            return;
        }
        Table fields{{m_labels.ui("field"), m_labels.ui("value")}, {}};
        std::vector<std::string> nested;
        for (const std::string& key : ordered_keys(value, pointer)) {
            const json& child = value.at(key);
            const std::string child_pointer = pointer + "/" + pointer_token(key);
            if (is_simple(child) || level >= k_deepest_heading) {
                fields.rows.push_back(
                    {markdown_escape(label(child_path(path, key))),
                     inline_value(child, schema_property(schema, key), child_pointer, child_path(path, key))});
            } else {
                nested.push_back(key);
            }
        }
        if (!fields.rows.empty()) {
            out[position].table(fields);
        }
        for (const std::string& key : nested) {
            add_sections(out, level + 1, value.at(key), schema_property(schema, key),
                         pointer + "/" + pointer_token(key), child_path(path, key));
        }
    }

    std::vector<Section> body() {
        std::vector<Section> sections;
        Section general{2, m_labels.ui("general"), {}};
        Table general_table{{m_labels.ui("field"), m_labels.ui("value")}, {}};
        std::vector<Section> rest;
        const json* schema = &m_doc.kind->schema;
        for (const std::string& key : ordered_keys(root(), "")) {
            if (k_header_fields.contains(key)) {
                continue;
            }
            const json& value = root().at(key);
            const std::string pointer = "/" + pointer_token(key);
            if (is_long_text(value)) {
                Section text{2, label(key), {}};
                text.paragraph(markdown_paragraphs(value.get_ref<const std::string&>()));
                rest.push_back(std::move(text));
            } else if (is_simple(value)) {
                general_table.rows.push_back(
                    {markdown_escape(label(key)), inline_value(value, schema_property(schema, key), pointer, key)});
            } else {
                add_sections(rest, 2, value, schema_property(schema, key), pointer, key);
            }
        }
        if (!general_table.rows.empty()) {
            general.table(general_table);
            sections.push_back(std::move(general));
        }
        for (Section& section : rest) {
            sections.push_back(std::move(section));
        }
        return sections;
    }

    const json* field(const json& object, const char* key) const {
        if (!object.is_object()) {
            return nullptr;
        }
        const auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }
    std::string text_of(const json* value) {
        return value == nullptr ? empty() : inline_value(*value, nullptr, "", "");
    }

    std::string version() {
        if (const json* version = field(root(), "version"); version != nullptr && m_kind == "srs") {
            return text_of(version);
        }
        if (const json* revisions = field(root(), "revisions");
            revisions != nullptr && revisions->is_array() && !revisions->empty()) {
            return text_of(field(revisions->back(), "version"));
        }
        return empty();
    }

    std::string revision() {
        if (!m_in.in_repository || m_in.revisions.empty()) {
            return markdown_escape(m_labels.ui(m_in.in_repository ? "not_committed" : "no_repository"));
        }
        const CommitInfo& newest = m_in.revisions.front().commit;
        m_shas.insert(newest.sha);
        std::string cell = fmt::format("{} · `{}` · {}", m_in.revisions.size(), short_sha(newest.sha),
                                       markdown_escape(format_commit_time(newest)));
        if (m_in.uncommitted) {
            cell += " · " + markdown_escape(m_labels.ui("uncommitted"));
        }
        return cell;
    }

    std::string date_cell(const json* value) {
        if (value != nullptr && value->is_string()) {
            return markdown_escape(with_roc_date(value->get<std::string>(), m_labels));
        }
        return text_of(value);
    }

    Table header() {
        const json* schema = &m_doc.kind->schema;
        auto cell = [&](const char* key) {
            const json* value = field(root(), key);
            return value == nullptr ? empty()
                                    : inline_value(*value, schema_property(schema, key), std::string("/") + key, key);
        };
        const json* form_no = field(root(), "form_no");
        Table table;
        // The first row of a GitHub table is its header: the numbers, as on a printed form.
        table.columns = {m_labels.ui("document_id"), m_doc.id, m_labels.ui("form_no"),
                         form_no != nullptr && form_no->is_string() ? form_no->get<std::string>() : empty()};
        const json* review = field(root(), "review");
        table.rows.push_back({markdown_escape(m_labels.ui("title")), cell("title"),
                              markdown_escape(m_labels.ui("status")), cell("status")});
        table.rows.push_back({markdown_escape(m_labels.ui("owner")), cell("owner"),
                              markdown_escape(m_labels.ui("created")), date_cell(field(root(), "created"))});
        table.rows.push_back(
            {markdown_escape(m_labels.ui("version")), version(), markdown_escape(m_labels.ui("revision")), revision()});
        if (review != nullptr && review->is_object()) {
            table.rows.push_back({markdown_escape(m_labels.ui("decision")),
                                  inline_value(review->value("decision", json()),
                                               schema_property(schema_property(schema, "review"), "decision"),
                                               "/review/decision", "review.decision"),
                                  markdown_escape(m_labels.ui("decision_date")), date_cell(field(*review, "date"))});
        }
        return table;
    }

    Section sign_off() {
        Section section{2, m_labels.ui("sign_off"), {}};
        const json* review = field(root(), "review");
        const json* reviewers = review == nullptr ? nullptr : field(*review, "reviewers");
        const json* signoff_schema =
            schema_items(schema_property(schema_property(&m_doc.kind->schema, "review"), "reviewers"));
        Table table;
        std::vector<std::string> names;
        std::vector<std::string> decisions;
        std::vector<std::string> dates;
        std::vector<std::string> comments;
        bool any_comment = false;
        if (reviewers != nullptr && reviewers->is_array() && !reviewers->empty()) {
            for (std::size_t i = 0; i < reviewers->size(); ++i) {
                const json& step = (*reviewers)[i];
                const std::string pointer = fmt::format("/review/reviewers/{}", i);
                auto value = [&](const char* key) {
                    const json* found = field(step, key);
                    return found == nullptr ? empty()
                                            : inline_value(*found, schema_property(signoff_schema, key),
                                                           pointer + "/" + key, std::string("review.reviewers.") + key);
                };
                const json* role = field(step, "role");
                table.columns.push_back(role != nullptr && role->is_string() ? role->get<std::string>() : empty());
                names.push_back(value("name"));
                decisions.push_back(value("decision"));
                dates.push_back(value("date"));
                const json* comment = field(step, "comment");
                any_comment = any_comment || comment != nullptr;
                comments.push_back(comment == nullptr ? "" : value("comment"));
            }
            table.rows = {names, decisions, dates};
            if (any_comment) {
                table.rows.push_back(comments);
            }
        } else {
            // No sign-off chain in the document: the boxes of a paper form, to sign by hand.
            table.columns = {m_labels.ui("prepared"), m_labels.ui("reviewed"), m_labels.ui("approved")};
            const json* owner = field(root(), "owner");
            table.rows = {{owner == nullptr ? "" : inline_value(*owner, nullptr, "/owner", "owner"), "", ""},
                          {"", "", ""}};
        }
        std::vector<std::string> signature(table.columns.size(), "");
        table.rows.push_back(signature);
        // Label the rows in a first column, as paper forms do.
        std::vector<std::string> row_labels;
        if (reviewers != nullptr && reviewers->is_array() && !reviewers->empty()) {
            row_labels = {m_labels.ui("name"), m_labels.ui("decision"), m_labels.ui("date")};
            if (any_comment) {
                row_labels.push_back(m_labels.ui("comment"));
            }
        } else {
            row_labels = {m_labels.ui("name"), m_labels.ui("date")};
        }
        row_labels.push_back(m_labels.ui("signature"));
        table.columns.insert(table.columns.begin(), m_labels.ui("role"));
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            table.rows[i].insert(table.rows[i].begin(), markdown_escape(row_labels[i]));
        }
        section.table(table);
        return section;
    }

    std::vector<std::string> commit_row(const CommitInfo& commit) {
        m_shas.insert(commit.sha);
        return {fmt::format("`{}`", short_sha(commit.sha)), markdown_escape(format_commit_time(commit)),
                markdown_escape(commit.author), markdown_escape(commit.summary)};
    }

    std::vector<Section> trailer() {
        std::vector<Section> sections;
        sections.push_back(sign_off());

        Section history{2, m_labels.ui("git_history"), {}};
        if (!m_in.in_repository) {
            history.paragraph(markdown_escape(m_labels.ui("no_repository")));
        } else if (m_in.revisions.empty()) {
            history.paragraph(markdown_escape(m_labels.ui("not_committed")));
        } else {
            Table table{{m_labels.ui("commit"), m_labels.ui("date"), m_labels.ui("author"), m_labels.ui("change")}, {}};
            for (const FileRevision& revision : m_in.revisions) {
                table.rows.push_back(commit_row(revision.commit));
            }
            history.table(table);
        }
        if (m_in.uncommitted && !m_in.revisions.empty()) {
            history.paragraph(markdown_escape(m_labels.ui("uncommitted_note")));
        }
        if (m_in.shallow) {
            history.paragraph(markdown_escape(m_labels.ui("shallow")));
        }
        sections.push_back(std::move(history));

        if (m_in.in_repository) {
            Section references{3, m_labels.ui("references"), {}};
            if (m_in.references.empty()) {
                references.paragraph(markdown_escape(m_labels.ui("no_references")));
            } else {
                Table table{{m_labels.ui("commit"), m_labels.ui("date"), m_labels.ui("author"), m_labels.ui("change"),
                             m_labels.ui("ids")},
                            {}};
                for (const Reference& reference : m_in.references) {
                    std::vector<std::string> row = commit_row(reference.commit);
                    std::vector<std::string> ids;
                    for (const std::string& id : reference.ids) {
                        ids.push_back(scalar(json(id), nullptr));
                    }
                    row.push_back(join(ids, ", "));
                    table.rows.push_back(std::move(row));
                }
                references.table(table);
            }
            sections.push_back(std::move(references));
        }

        Section findings{2, m_labels.ui("findings"), {}};
        if (m_in.findings.empty()) {
            findings.paragraph(markdown_escape(m_labels.ui("no_findings")));
        } else {
            Table table{{m_labels.ui("severity"), m_labels.ui("rule"), m_labels.ui("place"), m_labels.ui("message")},
                        {}};
            for (const Finding& finding : m_in.findings) {
                table.rows.push_back({markdown_escape(m_labels.ui(std::string(severity_name(finding.severity)))),
                                      fmt::format("`{}`", finding.rule),
                                      finding.line > 0 ? fmt::format("{}:{}", finding.line, finding.column) : empty(),
                                      markdown_escape(finding.message)});
            }
            findings.table(table);
        }
        sections.push_back(std::move(findings));

        if (!m_shas.empty()) {
            Section commits{2, m_labels.ui("commit_index"), {}};
            Table table{{m_labels.ui("commit"), m_labels.ui("full_sha"), m_labels.ui("date"), m_labels.ui("author"),
                         m_labels.ui("change")},
                        {}};
            for (const std::string& sha : m_shas) {
                const CommitInfo* info = find_commit(sha);
                table.rows.push_back({fmt::format("`{}`", short_sha(sha)), fmt::format("`{}`", sha),
                                      info ? markdown_escape(format_commit_time(*info)) : empty(),
                                      info ? markdown_escape(info->author) : empty(),
                                      info ? markdown_escape(info->summary) : empty()});
            }
            commits.table(table);
            sections.push_back(std::move(commits));
        }
        return sections;
    }

    const CommitInfo* find_commit(const std::string& sha) const {
        if (const auto found = m_in.commits.find(sha); found != m_in.commits.end()) {
            return &found->second;
        }
        for (const FileRevision& revision : m_in.revisions) {
            if (revision.commit.sha == sha) {
                return &revision.commit;
            }
        }
        for (const Reference& reference : m_in.references) {
            if (reference.commit.sha == sha) {
                return &reference.commit;
            }
        }
        return nullptr;
    }
};

void require_renderable(const PageInput& input) {
    if (input.document == nullptr || !input.document->parsed() || input.document->kind == nullptr) {
        throw Error(tr("render.unreadable-document"));
    }
}

} // namespace

std::string document_markdown(const PageInput& input, const PageOptions& options) {
    require_renderable(input);
    return PageBuilder(input, options).markdown();
}

std::string document_html(const PageInput& input, const std::string& language) {
    require_renderable(input);
    const std::string markdown = PageBuilder(input, PageOptions{language, "html"}).markdown();
    const Document& document = *input.document;
    const std::string title =
        fmt::format("{} {} — {}", document.id, document.kind->display_name(language), document.title);
    return html_page(title, markdown_to_html(markdown), language);
}

std::string index_markdown(const std::vector<IndexEntry>& entries, const PageOptions& options) {
    const Labels& labels = Labels::builtin(options.language);
    Table table{{labels.ui("document_id"), labels.ui("kind"), labels.ui("title"), labels.ui("status"),
                 labels.ui("findings_count")},
                {}};
    const Catalog& catalog = Catalog::builtin();
    for (const IndexEntry& entry : entries) {
        const Kind* kind = catalog.find(entry.kind);
        std::string findings = labels.ui("empty");
        if (entry.errors + entry.warnings > 0) {
            findings =
                fmt::format("{} {}, {} {}", entry.errors, labels.ui("error"), entry.warnings, labels.ui("warning"));
        }
        table.rows.push_back({markdown_link(entry.id, fmt::format("{}.{}", entry.id, options.extension)),
                              markdown_escape(kind ? kind->display_name(options.language) : entry.kind),
                              markdown_escape(entry.title), markdown_escape(labels.value(entry.status)),
                              markdown_escape(findings)});
    }
    mustache::data data;
    data.set("heading", labels.ui("index_title"));
    data.set("table", table_data(table));
    return render_markdown_template("index.md.mustache", data);
}

std::string index_html(const std::vector<IndexEntry>& entries, const std::string& language) {
    const std::string markdown = index_markdown(entries, PageOptions{language, "html"});
    return html_page(Labels::builtin(language).ui("index_title"), markdown_to_html(markdown), language);
}

std::string html_page(const std::string& title, const std::string& body_html, const std::string& language) {
    mustache::mustache page{std::string(render_template("page.html.mustache"))};
    if (!page.is_valid()) {
        throw Error(fmt::format("templates/render/page.html.mustache: {}", page.error_message()));
    }
    mustache::data data;
    data.set("lang", language);
    data.set("title", title); // kainjow's own HTML escaping
    data.set("css", std::string(render_template("style.css")));
    data.set("body", body_html); // cmark-gfm's output, already HTML
    return page.render(data);
}

} // namespace cswm::render
