#include "lib/report/document_report.hpp"

#include "lib/report/trace_labels.hpp"

#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cswm {
namespace {

using ordered = nlohmann::ordered_json;

ordered summary(const Document& document) {
    ordered object;
    object["id"] = document.id;
    object["kind"] = document.kind->name;
    object["status"] = document.status;
    object["title"] = document.title;
    object["path"] = document.path;
    return object;
}

std::string dump(const ordered& value) {
    return value.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n";
}

} // namespace

void write_list_text(std::ostream& out, const std::vector<Document>& documents, const std::string& language) {
    if (documents.empty()) {
        out << tr("view.list-no-documents", labels::lang(language));
        return;
    }
    struct Row {
        std::string id, kind, status, title;
    };
    std::vector<Row> rows;
    const i18n::Language in = labels::lang(language);
    rows.push_back(
        {tr("view.list-id", in), tr("view.list-kind", in), tr("view.list-status", in), tr("view.list-title", in)});
    for (const Document& document : documents) {
        rows.push_back({printable(document.id, 40), document.kind->name, printable(document.status, 40),
                        printable(document.title, 120)});
    }
    std::size_t id_width = 0;
    std::size_t kind_width = 0;
    std::size_t status_width = 0;
    for (const Row& row : rows) {
        id_width = std::max(id_width, display_width(row.id));
        kind_width = std::max(kind_width, display_width(row.kind));
        status_width = std::max(status_width, display_width(row.status));
    }
    for (const Row& row : rows) {
        std::string line =
            fmt::format("{}  {}  {}  {}", pad_to_width(row.id, id_width), pad_to_width(row.kind, kind_width),
                        pad_to_width(row.status, status_width), row.title);
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out << line << '\n';
    }
}

void write_list_json(std::ostream& out, const std::vector<Document>& documents) {
    ordered array = ordered::array();
    for (const Document& document : documents) {
        array.push_back(summary(document));
    }
    out << dump(array);
}

void write_show_text(std::ostream& out, const Document& document, const std::string& source,
                     const std::string& language) {
    const i18n::Language in = labels::lang(language);
    out << fmt::format("{}  {} ({})\n", printable(document.id, 40), document.kind->display_name(language),
                       document.kind->name);
    out << tr("view.show-title", in, fmt::arg("title", printable(document.title, 300))) << '\n';
    out << tr("view.show-status", in, fmt::arg("status", printable(document.status, 40))) << '\n';
    out << tr("view.show-file", in, fmt::arg("file", document.path)) << '\n';
    out << "---\n" << source;
    if (!source.empty() && source.back() != '\n') {
        out << '\n';
    }
}

void write_show_json(std::ostream& out, const Document& document) {
    ordered object = summary(document);
    object["document"] = ordered::parse(document.data().dump());
    out << dump(object);
}

} // namespace cswm
