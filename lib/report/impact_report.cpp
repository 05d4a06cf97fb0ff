#include "lib/report/impact_report.hpp"

#include "lib/report/trace_labels.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cswm {
namespace {

using ordered = nlohmann::ordered_json;
using labels::lang;

std::string short_shas(const std::vector<std::string>& commits) {
    std::vector<std::string> parts;
    for (const std::string& sha : commits) {
        parts.push_back(sha.substr(0, 7));
    }
    return join(parts, " ");
}

std::string via_text(const ImpactVia& via, const std::string& language) {
    const std::string commits = short_shas(via.commits);
    if (via.how == "file") {
        return tr("view.impact-file-changed", lang(language), fmt::arg("commits", commits));
    }
    if (via.how == "commit-link") {
        return tr("view.impact-commit-link", lang(language), fmt::arg("through", printable(via.through, 80)),
                  fmt::arg("commits", commits));
    }
    if (via.how == "trailer") {
        return tr("view.impact-trailer", lang(language), fmt::arg("commits", commits));
    }
    if (via.how == "fix") {
        return tr("view.impact-through", lang(language), fmt::arg("fix", printable(via.through, 40)));
    }
    if (via.how == "requirement") {
        return tr("view.impact-verifies", lang(language), fmt::arg("requirement", printable(via.through, 40)));
    }
    return via.how;
}

void write_entries(std::ostream& out, const std::string& heading, const std::vector<ImpactEntry>& entries, bool items,
                   const std::string& language) {
    out << fmt::format("\n{} ({})\n", heading, entries.size());
    if (entries.empty()) {
        out << tr("view.none-line", lang(language));
    }
    for (const ImpactEntry& entry : entries) {
        out << fmt::format("  {}  {}  {}\n", printable(entry.id, 40),
                           printable(items ? entry.document : entry.kind, 40), printable(entry.title, 200));
        for (const ImpactVia& via : entry.via) {
            out << "    " << via_text(via, language) << '\n';
        }
    }
}

ordered entries_json(const std::vector<ImpactEntry>& entries, bool items) {
    ordered array = ordered::array();
    for (const ImpactEntry& entry : entries) {
        ordered object;
        object["id"] = entry.id;
        object["kind"] = entry.kind;
        object["title"] = entry.title;
        if (items) {
            object["document"] = entry.document.empty() ? ordered(nullptr) : ordered(entry.document);
        } else {
            object["path"] = entry.path;
        }
        ordered via = ordered::array();
        for (const ImpactVia& each : entry.via) {
            ordered one;
            one["how"] = each.how;
            one["through"] = each.through.empty() ? ordered(nullptr) : ordered(each.through);
            one["commits"] = each.commits;
            via.push_back(one);
        }
        object["via"] = via;
        array.push_back(object);
    }
    return array;
}

} // namespace

void write_impact_text(std::ostream& out, const ImpactReport& impact, const std::string& language) {
    out << tr("view.impact-range", lang(language), fmt::arg("range", printable(impact.range, 120)),
              fmt::arg("commits", impact.commits.size()), fmt::arg("merges", impact.merges));
    for (const CommitInfo& commit : impact.commits) {
        out << fmt::format("  {}  {}\n", commit.sha.substr(0, 7), printable(commit.summary, 120));
    }
    write_entries(out, tr("view.documents", lang(language)), impact.documents, false, language);
    write_entries(out, tr("view.requirements", lang(language)), impact.requirements, true, language);
    write_entries(out, tr("view.test-cases", lang(language)), impact.test_cases, true, language);
    if (!impact.unknown_refs.empty()) {
        out << tr("view.impact-unknown-refs", lang(language),
                  fmt::arg("ids", printable(join(impact.unknown_refs, " "), 400)));
    }
}

void write_impact_json(std::ostream& out, const ImpactReport& impact) {
    ordered root;
    root["range"] = impact.range;
    ordered commits = ordered::array();
    for (const CommitInfo& commit : impact.commits) {
        commits.push_back(ordered{{"sha", commit.sha}, {"summary", commit.summary}, {"parents", commit.parents}});
    }
    root["commits"] = commits;
    root["merges"] = impact.merges;
    root["documents"] = entries_json(impact.documents, false);
    root["requirements"] = entries_json(impact.requirements, true);
    root["test_cases"] = entries_json(impact.test_cases, true);
    root["unknown_refs"] = impact.unknown_refs;
    out << root.dump(2, ' ', false, ordered::error_handler_t::replace) << '\n';
}

} // namespace cswm
