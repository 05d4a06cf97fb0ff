// The trace matrix as HTML, through the mustache template templates/render/trace.html.mustache
// compiled into the binary: kainjow's {{name}} escapes every value for HTML.

#include "lib/catalog/embedded.hpp"
#include "lib/report/trace_labels.hpp"
#include "lib/report/trace_report.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>

namespace cswm {
namespace {

using kainjow::mustache::data;
using labels::lang;

std::string_view embedded(std::string_view path) {
    for (const EmbeddedFile& file : embedded_templates()) {
        if (file.path == path) {
            return file.data;
        }
    }
    throw Error(fmt::format("templates/{} is missing from this build", path));
}

/// A value for a `{{#name}}` section: false when empty, so that the section is skipped.
data optional_text(const std::string& text, std::size_t max_bytes = 300) {
    return text.empty() ? data(false) : data(printable(text, max_bytes));
}

data commits_data(const std::vector<TraceCommit>& commits) {
    data list{data::type::list};
    for (const TraceCommit& commit : commits) {
        data each;
        each.set("sha", printable(commit.sha, 40));
        each.set("short", printable(commit.sha.substr(0, 7), 7));
        each.set("summary", printable(commit.summary, 200));
        list.push_back(each);
    }
    return list;
}

data fixes_data(const std::vector<TraceFix>& fixes) {
    data list{data::type::list};
    for (const TraceFix& fix : fixes) {
        data each;
        each.set("id", printable(fix.id, 40));
        each.set("status", fix.exists ? printable(fix.status, 40) : std::string("?"));
        each.set("verified_by", optional_text(fix.verified_by, 40));
        each.set("commits", commits_data(fix.commits));
        list.push_back(each);
    }
    return list;
}

data gaps_data(const std::vector<Gap>& gaps, const std::string& language) {
    data list{data::type::list};
    for (const Gap& gap : gaps) {
        data each;
        each.set("marker", tr("view.gap-marker", lang(language)));
        each.set("text", gap_text(gap, language));
        list.push_back(each);
    }
    return list;
}

std::vector<Gap> gaps_about(const std::vector<Gap>& gaps, const std::vector<std::string>& subjects) {
    std::vector<Gap> found;
    for (const Gap& gap : gaps) {
        if (std::find(subjects.begin(), subjects.end(), gap.subject) != subjects.end()) {
            found.push_back(gap);
        }
    }
    return found;
}

data requirement_rows(const TraceMatrix& matrix, const std::string& language) {
    data rows{data::type::list};
    for (const TraceRequirement& requirement : matrix.requirements) {
        const std::size_t span = std::max<std::size_t>(1, requirement.cases.size());
        for (std::size_t i = 0; i < span; ++i) {
            data row;
            row.set("first", i == 0 ? data(true) : data(false));
            if (i == 0) {
                row.set("span", std::to_string(span));
                row.set("feasibility", printable(join(requirement.feasibility, " "), 300));
                row.set("plans", printable(join(requirement.plans, " "), 300));
                row.set("srs", printable(requirement.srs, 40));
                row.set("srs_status", printable(requirement.srs_status, 40));
                row.set("id", printable(requirement.id, 40));
                row.set("title", printable(requirement.title, 300));
                row.set("change", optional_text(requirement.change, 40));
                row.set("commits", commits_data(requirement.commits));
            }
            std::vector<Gap> gaps;
            if (requirement.cases.empty()) {
                row.set("case", data(false));
                row.set("outcome", data(false));
                row.set("result_text", "");
                row.set("fixes", data{data::type::list});
                gaps = requirement.gaps;
            } else {
                const TraceCase& test_case = requirement.cases[i];
                row.set("case", printable(test_case.id, 40));
                row.set("quality_spec", printable(test_case.quality_spec, 40));
                if (test_case.result) {
                    row.set("outcome", printable(test_case.result->outcome, 40));
                    row.set("outcome_text", printable(labels::outcome(test_case.result->outcome, language), 40));
                    row.set("report", printable(test_case.result->report, 40));
                } else {
                    row.set("outcome", data(false));
                    row.set("result_text", test_case.newest_report.empty()
                                               ? tr("view.no-test-report", lang(language))
                                               : tr("view.report-no-result", lang(language),
                                                    fmt::arg("report", printable(test_case.newest_report, 40))));
                }
                row.set("fixes", fixes_data(test_case.fixes));
                std::vector<std::string> subjects{test_case.id};
                for (const TraceFix& fix : test_case.fixes) {
                    subjects.push_back(fix.id);
                }
                gaps = gaps_about(requirement.gaps, subjects);
                if (i == 0) {
                    const std::vector<Gap> own = gaps_about(requirement.gaps, {requirement.id});
                    gaps.insert(gaps.begin(), own.begin(), own.end());
                }
            }
            row.set("gap", gaps.empty() ? data(false) : data(true));
            row.set("gaps", gaps_data(gaps, language));
            rows.push_back(row);
        }
    }
    return rows;
}

data anomaly_rows(const TraceMatrix& matrix, const std::string& language) {
    data rows{data::type::list};
    for (const TraceAnomaly& anomaly : matrix.anomalies) {
        const std::size_t span = std::max<std::size_t>(1, anomaly.records.size());
        for (std::size_t i = 0; i < span; ++i) {
            data row;
            row.set("first", i == 0 ? data(true) : data(false));
            if (i == 0) {
                row.set("span", std::to_string(span));
                row.set("id", printable(anomaly.id, 40));
                row.set("title", printable(anomaly.title, 300));
                row.set("status", printable(anomaly.status, 40));
                row.set("requirements", printable(join(anomaly.requirements, " "), 300));
            }
            std::vector<Gap> gaps;
            if (anomaly.records.empty()) {
                row.set("record", data(false));
                row.set("fixes", data{data::type::list});
                gaps = anomaly.gaps;
            } else {
                const TraceRecord& record = anomaly.records[i];
                row.set("record", printable(record.id, 40));
                row.set("record_title", printable(record.title, 300));
                row.set("record_status", printable(record.status, 40));
                row.set("fixes", fixes_data(record.fix ? std::vector<TraceFix>{*record.fix} : std::vector<TraceFix>{}));
                if (record.fix) {
                    gaps = gaps_about(anomaly.gaps, {record.fix->id});
                }
                if (i == 0) {
                    const std::vector<Gap> own = gaps_about(anomaly.gaps, {anomaly.id});
                    gaps.insert(gaps.begin(), own.begin(), own.end());
                }
            }
            row.set("gap", gaps.empty() ? data(false) : data(true));
            row.set("gaps", gaps_data(gaps, language));
            rows.push_back(row);
        }
    }
    return rows;
}

} // namespace

std::string trace_html_style() {
    return std::string(embedded("render/trace.css"));
}

void write_trace_html(std::ostream& out, const TraceMatrix& matrix, const std::string& language, HtmlMode mode) {
    data values;
    values.set("page", mode == HtmlMode::page ? data(true) : data(false));
    values.set("lang", language == "zh-TW" ? "zh-Hant-TW" : "en");
    values.set("style", trace_html_style());
    values.set("title", matrix.from.empty() ? std::string(tr("view.traceability-matrix", lang(language)))
                                            : tr("view.traceability-matrix-from", lang(language),
                                                 fmt::arg("from", printable(matrix.from, 60))));
    values.set("h_requirements", tr("view.requirements", lang(language)));
    values.set("h_anomalies", tr("view.anomalies", lang(language)));
    values.set("h_feasibility", tr("view.feasibility", lang(language)));
    values.set("h_plan", tr("view.plan", lang(language)));
    values.set("h_srs", tr("view.srs", lang(language)));
    values.set("h_requirement", tr("view.requirement", lang(language)));
    values.set("h_commits", tr("view.commits", lang(language)));
    values.set("h_case", tr("view.test-case", lang(language)));
    values.set("h_result", tr("view.latest-result", lang(language)));
    values.set("h_fixes", tr("view.fixes", lang(language)));
    values.set("h_gaps", tr("view.gaps", lang(language)));
    values.set("h_request", tr("view.request", lang(language)));
    values.set("h_record", tr("view.record", lang(language)));
    values.set("none", tr("view.none-parenthesized", lang(language)));
    const std::size_t gaps = matrix.gaps().size();
    values.set("summary", gaps == 0 ? std::string(tr("view.no-gaps", lang(language)))
                                    : tr("view.gap-count", lang(language), fmt::arg("count", gaps)));
    values.set("requirements", requirement_rows(matrix, language));
    values.set("anomalies", anomaly_rows(matrix, language));
    values.set("h_unlinked", tr("view.outside-the-chain", lang(language)));
    values.set("has_unlinked", matrix.unlinked.empty() ? data(false) : data(true));
    data unlinked{data::type::list};
    for (const TraceDocument& document : matrix.unlinked) {
        data each;
        each.set("id", printable(document.id, 40));
        each.set("title", printable(document.title, 300));
        each.set("kind", document.kind);
        each.set("status", printable(document.status, 40));
        unlinked.push_back(each);
    }
    values.set("unlinked", unlinked);

    kainjow::mustache::mustache page{std::string(embedded("render/trace.html.mustache"))};
    if (!page.is_valid()) {
        throw Error("templates/render/trace.html.mustache: " + page.error_message());
    }
    out << page.render(values);
}

} // namespace cswm
