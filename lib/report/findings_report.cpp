#include "lib/report/findings_report.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cswm {
namespace {

/// A count with its noun, from the catalogue's KEY-one or KEY-many message.
std::string plural(std::size_t count, const std::string& one, const std::string& many) {
    return count == 1 ? one : many;
}

} // namespace

void write_findings_text(std::ostream& out, const CheckResult& result, bool color) {
    const char* bold = color ? "\x1b[1m" : "";
    const char* reset = color ? "\x1b[0m" : "";
    for (const Finding& finding : result.findings) {
        const char* tint = !color ? "" : finding.severity == Severity::error ? "\x1b[1;31m" : "\x1b[1;33m";
        const std::string place =
            finding.line > 0 ? fmt::format("{}:{}:{}", finding.path, finding.line, finding.column) : finding.path;
        const std::string id = finding.id.empty() ? "" : printable(finding.id, 40) + ": ";
        out << fmt::format("{}{}:{} {}{}:{} {}{} [{}]\n", bold, printable(place, 300), reset, tint,
                           severity_name(finding.severity), reset, id, finding.message, finding.rule);
    }
    for (const WaivedFinding& waived : result.waived) {
        const Finding& finding = waived.finding;
        const std::string place =
            finding.line > 0 ? fmt::format("{}:{}:{}", finding.path, finding.line, finding.column) : finding.path;
        const std::string id = finding.id.empty() ? "" : printable(finding.id, 40) + ": ";
        // "waived error:" keeps the severity's place of the line, as tools read it; the note is prose.
        const std::string until =
            waived.expires.empty() ? "" : tr("report.waiver-until", fmt::arg("date", waived.expires));
        out << fmt::format("{}{}:{} waived {}: {}{} [{}] ", bold, printable(place, 300), reset,
                           severity_name(finding.severity), id, finding.message, finding.rule)
            << tr("report.waiver-note", fmt::arg("file", waived.waiver_file), fmt::arg("line", waived.waiver_line),
                  fmt::arg("until", until), fmt::arg("justification", printable(waived.justification, 300)))
            << '\n';
    }
    const std::size_t errors = result.count(Severity::error);
    const std::size_t warnings = result.count(Severity::warning);
    const std::size_t documents = result.documents;
    out << tr("report.check-summary",
              fmt::arg("documents", plural(documents, tr("report.documents-one", fmt::arg("count", documents)),
                                           tr("report.documents-many", fmt::arg("count", documents)))),
              fmt::arg("errors", plural(errors, tr("report.errors-one", fmt::arg("count", errors)),
                                        tr("report.errors-many", fmt::arg("count", errors)))),
              fmt::arg("warnings", plural(warnings, tr("report.warnings-one", fmt::arg("count", warnings)),
                                          tr("report.warnings-many", fmt::arg("count", warnings)))),
              fmt::arg("waived", result.waived.empty()
                                     ? std::string()
                                     : tr("report.waived-count", fmt::arg("count", result.waived.size()))))
        << '\n';
}

void write_findings_json(std::ostream& out, const CheckResult& result) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    auto add = [&](const Finding& finding, const WaivedFinding* waived) {
        nlohmann::ordered_json object;
        object["rule"] = finding.rule;
        object["severity"] = severity_name(finding.severity);
        object["path"] = finding.path;
        object["line"] = finding.line > 0 ? nlohmann::ordered_json(finding.line) : nlohmann::ordered_json();
        object["column"] = finding.line > 0 ? nlohmann::ordered_json(finding.column) : nlohmann::ordered_json();
        object["id"] = finding.id.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(finding.id);
        object["message"] = finding.message;
        if (waived != nullptr) {
            object["waiver"] = {{"justification", waived->justification},
                                {"expires", waived->expires.empty() ? nlohmann::ordered_json()
                                                                    : nlohmann::ordered_json(waived->expires)},
                                {"file", waived->waiver_file},
                                {"line", waived->waiver_line}};
        }
        array.push_back(std::move(object));
    };
    for (const Finding& finding : result.findings) {
        add(finding, nullptr);
    }
    for (const WaivedFinding& waived : result.waived) {
        add(waived.finding, &waived);
    }
    // Replace invalid UTF-8 rather than throw: paths come from the file system.
    out << array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

} // namespace cswm
