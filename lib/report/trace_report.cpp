#include "lib/report/trace_report.hpp"

#include "lib/report/trace_labels.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cswm {
namespace {

using ordered = nlohmann::ordered_json;
using labels::lang;

std::string short_sha(const std::string& sha) {
    return sha.substr(0, 7);
}

std::string shas(const std::vector<TraceCommit>& commits) {
    std::vector<std::string> parts;
    for (const TraceCommit& commit : commits) {
        parts.push_back(short_sha(commit.sha));
    }
    return join(parts, " ");
}

/// "FIX-012 closed, verified by TR-008; commits 1a2b3c4 5d6e7f8"
std::string fix_line(const TraceFix& fix, const std::string& language) {
    if (!fix.exists) {
        return printable(fix.id, 40);
    }
    std::string line = fmt::format("{} {}", printable(fix.id, 40), printable(fix.status, 40));
    if (!fix.verified_by.empty()) {
        line += tr("view.fix-verified-by", lang(language), fmt::arg("report", printable(fix.verified_by, 40)));
    }
    if (!fix.commits.empty()) {
        line += tr("view.fix-commits", lang(language), fmt::arg("commits", shas(fix.commits)));
    }
    return line;
}

std::string chain_of(const TraceRequirement& row) {
    std::string chain = fmt::format("{} ({})", printable(row.srs, 40), printable(row.srs_status, 40));
    for (const std::string& plan : row.plans) {
        chain += " ← " + printable(plan, 40);
    }
    for (const std::string& report : row.feasibility) {
        chain += " ← " + printable(report, 40);
    }
    return chain;
}

ordered commit_json(const TraceCommit& commit) {
    ordered object;
    object["sha"] = commit.sha;
    object["summary"] = commit.summary.empty() ? ordered(nullptr) : ordered(commit.summary);
    return object;
}

ordered commits_json(const std::vector<TraceCommit>& commits) {
    ordered array = ordered::array();
    for (const TraceCommit& commit : commits) {
        array.push_back(commit_json(commit));
    }
    return array;
}

ordered text_or_null(const std::string& text) {
    return text.empty() ? ordered(nullptr) : ordered(text);
}

ordered fix_json(const TraceFix& fix) {
    ordered object;
    object["id"] = fix.id;
    object["exists"] = fix.exists;
    object["title"] = text_or_null(fix.title);
    object["status"] = text_or_null(fix.status);
    object["verified_by"] = text_or_null(fix.verified_by);
    object["commits"] = commits_json(fix.commits);
    return object;
}

ordered gaps_json(const std::vector<Gap>& gaps) {
    ordered array = ordered::array();
    for (const Gap& gap : gaps) {
        ordered object;
        object["gap"] = std::string(gap_name(gap.kind));
        object["subject"] = gap.subject;
        object["other"] = text_or_null(gap.other);
        array.push_back(object);
    }
    return array;
}

std::string gap_cell(const std::vector<Gap>& gaps) {
    std::vector<std::string> parts;
    for (const Gap& gap : gaps) {
        parts.push_back(std::string(gap_name(gap.kind)) + ":" + gap.subject);
    }
    return join(parts, " ");
}

/// The gaps of a requirement row that concern one case (the case or one of its fixes).
std::vector<Gap> gaps_of_case(const TraceRequirement& row, const TraceCase& test_case) {
    std::vector<Gap> found;
    for (const Gap& gap : row.gaps) {
        const bool on_fix = std::any_of(test_case.fixes.begin(), test_case.fixes.end(),
                                        [&](const TraceFix& fix) { return fix.id == gap.subject; });
        if (gap.subject == test_case.id || on_fix) {
            found.push_back(gap);
        }
    }
    return found;
}

std::vector<Gap> gaps_of_record(const TraceAnomaly& row, const TraceRecord& record) {
    std::vector<Gap> found;
    for (const Gap& gap : row.gaps) {
        if (record.fix && gap.subject == record.fix->id) {
            found.push_back(gap);
        }
    }
    return found;
}

std::string result_text(const TraceCase& test_case, const std::string& language) {
    if (test_case.result) {
        return fmt::format("{}: {}", printable(test_case.result->report, 40),
                           printable(labels::outcome(test_case.result->outcome, language), 40));
    }
    if (test_case.newest_report.empty()) {
        return tr("view.no-test-report", lang(language));
    }
    return tr("view.report-no-result", lang(language), fmt::arg("report", printable(test_case.newest_report, 40)));
}

} // namespace

std::string gap_text(const Gap& gap, const std::string& language) {
    const std::string subject = printable(gap.subject, 60);
    const std::string other = printable(gap.other, 60);
    switch (gap.kind) {
    case GapKind::untested:
        return tr("view.gap-no-case", lang(language), fmt::arg("subject", subject));
    case GapKind::no_report:
        return tr("view.gap-no-report", lang(language), fmt::arg("subject", subject), fmt::arg("spec", other));
    case GapKind::no_result:
        return tr("view.gap-no-result", lang(language), fmt::arg("subject", subject), fmt::arg("report", other));
    case GapKind::failed_without_fix:
        return tr("view.gap-failed-without-fix", lang(language), fmt::arg("subject", subject),
                  fmt::arg("report", other));
    case GapKind::fix_not_verified:
        return tr("view.gap-fix-not-verified", lang(language), fmt::arg("subject", subject));
    case GapKind::fix_without_commits:
        return tr("view.gap-fix-without-commits", lang(language), fmt::arg("subject", subject));
    case GapKind::fix_missing:
        return tr("view.gap-fix-missing", lang(language), fmt::arg("subject", subject));
    case GapKind::request_without_record:
        return tr("view.gap-request-without-record", lang(language), fmt::arg("subject", subject));
    }
    return subject;
}

std::string markdown_cell(std::string_view text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            escaped += ' ';
        } else if (std::string_view("\\`*_[]<>|~&").find(c) != std::string_view::npos) {
            escaped += '\\';
            escaped += c;
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

void write_trace_text(std::ostream& out, const TraceMatrix& matrix, const std::string& language) {
    out << (matrix.from.empty()
                ? std::string(tr("view.traceability-matrix", lang(language)))
                : tr("view.traceability-matrix-from", lang(language), fmt::arg("from", printable(matrix.from, 60))))
        << "\n\n";
    out << tr("view.requirements", lang(language)) << '\n';
    if (matrix.requirements.empty()) {
        out << tr("view.none-parenthesized-line", lang(language));
    }
    std::string srs;
    for (const TraceRequirement& row : matrix.requirements) {
        if (row.srs != srs) {
            srs = row.srs;
            out << chain_of(row) << '\n';
        }
        out << fmt::format("  {}  {}{}\n", printable(row.id, 40), printable(row.title, 200),
                           row.change.empty() ? "" : fmt::format("  [{}]", printable(row.change, 40)));
        if (!row.sources.empty()) {
            out << tr("view.sources-line", lang(language), fmt::arg("sources", printable(join(row.sources, " "), 200)));
        }
        if (!row.commits.empty()) {
            out << tr("view.commits-line", lang(language), fmt::arg("commits", shas(row.commits)));
        }
        for (const TraceCase& test_case : row.cases) {
            out << fmt::format("    {}  {}  {}\n", printable(test_case.id, 40), printable(test_case.quality_spec, 40),
                               result_text(test_case, language));
            for (const TraceFix& fix : test_case.fixes) {
                out << "      " << fix_line(fix, language) << '\n';
            }
        }
        for (const Gap& gap : row.gaps) {
            out << tr("view.gap-marker-indented", lang(language)) << gap_text(gap, language) << '\n';
        }
    }
    out << '\n' << tr("view.anomalies", lang(language)) << '\n';
    if (matrix.anomalies.empty()) {
        out << tr("view.none-parenthesized-line", lang(language));
    }
    for (const TraceAnomaly& row : matrix.anomalies) {
        out << fmt::format("  {}  {}  ({})\n", printable(row.id, 40), printable(row.title, 200),
                           printable(row.status, 40));
        for (const TraceRecord& record : row.records) {
            out << fmt::format("    {}  {}  ({})\n", printable(record.id, 40), printable(record.title, 200),
                               printable(record.status, 40));
            if (record.fix) {
                out << "      " << fix_line(*record.fix, language) << '\n';
            }
        }
        if (!row.requirements.empty()) {
            out << tr("view.requirements-line", lang(language),
                      fmt::arg("requirements", printable(join(row.requirements, " "), 200)));
        }
        for (const Gap& gap : row.gaps) {
            out << tr("view.gap-marker-indented", lang(language)) << gap_text(gap, language) << '\n';
        }
    }
    if (!matrix.unlinked.empty()) {
        out << '\n' << tr("view.outside-the-chain", lang(language)) << '\n';
        for (const TraceDocument& document : matrix.unlinked) {
            out << fmt::format("  {}  {}  {}  ({})\n", printable(document.id, 40), document.kind,
                               printable(document.title, 200), printable(document.status, 40));
        }
    }
    const std::size_t gaps = matrix.gaps().size();
    out << '\n'
        << (gaps == 0 ? std::string(tr("view.no-gaps", lang(language)))
                      : tr("view.gap-count", lang(language), fmt::arg("count", gaps)))
        << '\n';
}

void write_trace_markdown(std::ostream& out, const TraceMatrix& matrix, const std::string& language) {
    out << "# "
        << (matrix.from.empty()
                ? std::string(tr("view.traceability-matrix", lang(language)))
                : tr("view.traceability-matrix-from", lang(language), fmt::arg("from", markdown_cell(matrix.from))))
        << "\n\n## " << tr("view.requirements", lang(language)) << "\n\n";
    out << tr("view.requirements-table-head", lang(language)) << "|---|---|---|---|---|---|---|---|---|\n";
    auto gaps_cell = [&](const std::vector<Gap>& gaps) {
        std::vector<std::string> parts;
        for (const Gap& gap : gaps) {
            parts.push_back(tr("view.gap-marker-markdown", lang(language)) + markdown_cell(gap_text(gap, language)));
        }
        return join(parts, "<br>");
    };
    auto fixes_cell = [&](const std::vector<TraceFix>& fixes) {
        std::vector<std::string> parts;
        for (const TraceFix& fix : fixes) {
            parts.push_back(markdown_cell(fix_line(fix, language)));
        }
        return join(parts, "<br>");
    };
    for (const TraceRequirement& row : matrix.requirements) {
        const std::string head = fmt::format(
            "| {} | {} | {} ({}) | **{}** {}{} | {} ", markdown_cell(join(row.feasibility, " ")),
            markdown_cell(join(row.plans, " ")), markdown_cell(row.srs), markdown_cell(row.srs_status),
            markdown_cell(row.id), markdown_cell(row.title),
            row.change.empty() ? "" : " \\[" + markdown_cell(row.change) + "\\]", markdown_cell(shas(row.commits)));
        std::vector<Gap> own;
        for (const Gap& gap : row.gaps) {
            if (gap.subject == row.id) {
                own.push_back(gap);
            }
        }
        if (row.cases.empty()) {
            out << head << "|  |  |  | " << gaps_cell(own) << " |\n";
        }
        for (const TraceCase& test_case : row.cases) {
            out << head
                << fmt::format("| {} ({}) | {} | {} | {} |\n", markdown_cell(test_case.id),
                               markdown_cell(test_case.quality_spec), markdown_cell(result_text(test_case, language)),
                               fixes_cell(test_case.fixes), gaps_cell(gaps_of_case(row, test_case)));
        }
    }
    out << "\n## " << tr("view.anomalies", lang(language)) << "\n\n"
        << tr("view.anomalies-table-head", lang(language)) << "|---|---|---|---|---|\n";
    for (const TraceAnomaly& row : matrix.anomalies) {
        const std::string head = fmt::format("| **{}** {} ({}) ", markdown_cell(row.id), markdown_cell(row.title),
                                             markdown_cell(row.status));
        const std::string requirements = markdown_cell(join(row.requirements, " "));
        if (row.records.empty()) {
            out << head << "|  |  | " << requirements << " | " << gaps_cell(row.gaps) << " |\n";
        }
        for (const TraceRecord& record : row.records) {
            out << head
                << fmt::format("| {} {} ({}) | {} | {} | {} |\n", markdown_cell(record.id), markdown_cell(record.title),
                               markdown_cell(record.status),
                               record.fix ? markdown_cell(fix_line(*record.fix, language)) : std::string(),
                               requirements, gaps_cell(gaps_of_record(row, record)));
        }
    }
    if (!matrix.unlinked.empty()) {
        out << "\n## " << tr("view.outside-the-chain", lang(language)) << "\n\n";
        for (const TraceDocument& document : matrix.unlinked) {
            out << fmt::format("- **{}** {} ({}, {})\n", markdown_cell(document.id), markdown_cell(document.title),
                               document.kind, markdown_cell(document.status));
        }
    }
    const std::vector<Gap> gaps = matrix.gaps();
    out << "\n## " << tr("view.gaps", lang(language)) << "\n\n";
    if (gaps.empty()) {
        out << tr("view.none-sentence", lang(language));
    }
    for (const Gap& gap : gaps) {
        out << "- " << markdown_cell(gap_text(gap, language)) << '\n';
    }
}

void write_trace_csv(std::ostream& out, const TraceMatrix& matrix) {
    const std::vector<std::string> header{
        "type",          "feasibility", "plans",       "srs",           "requirement",    "title",
        "change",        "commits",     "case",        "quality_spec",  "report",         "outcome",
        "fixes",         "fix_status",  "verified_by", "fix_commits",   "request",        "record",
        "record_status", "gaps",        "document",    "document_kind", "document_status"};
    auto row_out = [&](std::vector<std::string> cells) {
        cells.resize(header.size());
        std::vector<std::string> fields;
        for (const std::string& cell : cells) {
            fields.push_back(csv_field(cell));
        }
        out << join(fields, ",") << "\r\n";
    };
    row_out(header);
    auto full_shas = [](const std::vector<TraceCommit>& commits) {
        std::vector<std::string> parts;
        for (const TraceCommit& commit : commits) {
            parts.push_back(commit.sha);
        }
        return join(parts, " ");
    };
    auto fix_cells = [&](const std::vector<TraceFix>& fixes) {
        std::vector<std::string> ids;
        std::vector<std::string> statuses;
        std::vector<std::string> verified;
        std::vector<std::string> commits;
        for (const TraceFix& fix : fixes) {
            ids.push_back(fix.id);
            statuses.push_back(fix.exists ? fix.status : "missing");
            if (!fix.verified_by.empty()) {
                verified.push_back(fix.verified_by);
            }
            if (!fix.commits.empty()) {
                commits.push_back(full_shas(fix.commits));
            }
        }
        return std::vector<std::string>{join(ids, " "), join(statuses, " "), join(verified, " "), join(commits, " ")};
    };
    for (const TraceRequirement& row : matrix.requirements) {
        std::vector<std::string> head{
            "requirement", join(row.feasibility, " "), join(row.plans, " "), row.srs, row.id, row.title,
            row.change,    full_shas(row.commits)};
        if (row.cases.empty()) {
            std::vector<std::string> cells = head;
            cells.insert(cells.end(), {"", "", "", "", "", "", "", "", "", "", "", gap_cell(row.gaps)});
            row_out(cells);
        }
        for (const TraceCase& test_case : row.cases) {
            std::vector<std::string> cells = head;
            cells.insert(cells.end(), {test_case.id, test_case.quality_spec,
                                       test_case.result ? test_case.result->report : test_case.newest_report,
                                       test_case.result ? test_case.result->outcome : std::string()});
            const std::vector<std::string> fixes = fix_cells(test_case.fixes);
            cells.insert(cells.end(), fixes.begin(), fixes.end());
            cells.insert(cells.end(), {"", "", "", gap_cell(gaps_of_case(row, test_case))});
            row_out(cells);
        }
    }
    for (const TraceAnomaly& row : matrix.anomalies) {
        const std::vector<std::string> head{"anomaly", "", "", "", join(row.requirements, " "), row.title, "", "",
                                            "",        "", "", ""};
        if (row.records.empty()) {
            std::vector<std::string> cells = head;
            cells.insert(cells.end(), {"", "", "", "", row.id, "", "", gap_cell(row.gaps)});
            row_out(cells);
        }
        for (const TraceRecord& record : row.records) {
            std::vector<std::string> cells = head;
            const std::vector<std::string> fixes =
                fix_cells(record.fix ? std::vector<TraceFix>{*record.fix} : std::vector<TraceFix>{});
            cells.insert(cells.end(), fixes.begin(), fixes.end());
            cells.insert(cells.end(), {row.id, record.id, record.status, gap_cell(gaps_of_record(row, record))});
            row_out(cells);
        }
    }
    for (const TraceDocument& document : matrix.unlinked) {
        std::vector<std::string> cells(header.size());
        cells[0] = "unlinked";
        cells[5] = document.title;
        cells[cells.size() - 3] = document.id;
        cells[cells.size() - 2] = document.kind;
        cells[cells.size() - 1] = document.status;
        row_out(cells);
    }
}

void write_trace_json(std::ostream& out, const TraceMatrix& matrix) {
    ordered root;
    root["from"] = text_or_null(matrix.from);
    ordered requirements = ordered::array();
    for (const TraceRequirement& row : matrix.requirements) {
        ordered object;
        object["id"] = row.id;
        object["title"] = row.title;
        object["change"] = text_or_null(row.change);
        object["srs"] = row.srs;
        object["srs_status"] = row.srs_status;
        object["plans"] = row.plans;
        object["feasibility"] = row.feasibility;
        object["sources"] = row.sources;
        object["commits"] = commits_json(row.commits);
        ordered cases = ordered::array();
        for (const TraceCase& test_case : row.cases) {
            ordered each;
            each["id"] = test_case.id;
            each["title"] = test_case.title;
            each["quality_spec"] = test_case.quality_spec;
            each["quality_spec_status"] = test_case.quality_spec_status;
            each["newest_report"] = text_or_null(test_case.newest_report);
            if (test_case.result) {
                ordered result;
                result["report"] = test_case.result->report;
                result["outcome"] = test_case.result->outcome;
                result["fix"] = text_or_null(test_case.result->fix);
                result["commit"] = text_or_null(test_case.result->commit);
                each["result"] = result;
            } else {
                each["result"] = nullptr;
            }
            ordered fixes = ordered::array();
            for (const TraceFix& fix : test_case.fixes) {
                fixes.push_back(fix_json(fix));
            }
            each["fixes"] = fixes;
            cases.push_back(each);
        }
        object["cases"] = cases;
        object["gaps"] = gaps_json(row.gaps);
        requirements.push_back(object);
    }
    root["requirements"] = requirements;
    ordered anomalies = ordered::array();
    for (const TraceAnomaly& row : matrix.anomalies) {
        ordered object;
        object["id"] = row.id;
        object["title"] = row.title;
        object["status"] = row.status;
        ordered records = ordered::array();
        for (const TraceRecord& record : row.records) {
            ordered each;
            each["id"] = record.id;
            each["title"] = record.title;
            each["status"] = record.status;
            each["fix"] = record.fix ? fix_json(*record.fix) : ordered(nullptr);
            records.push_back(each);
        }
        object["records"] = records;
        object["requirements"] = row.requirements;
        object["gaps"] = gaps_json(row.gaps);
        anomalies.push_back(object);
    }
    root["anomalies"] = anomalies;
    ordered unlinked = ordered::array();
    for (const TraceDocument& document : matrix.unlinked) {
        unlinked.push_back(ordered{
            {"id", document.id}, {"kind", document.kind}, {"title", document.title}, {"status", document.status}});
    }
    root["unlinked"] = unlinked;
    root["gaps"] = gaps_json(matrix.gaps());
    out << root.dump(2, ' ', false, ordered::error_handler_t::replace) << '\n';
}

} // namespace cswm
