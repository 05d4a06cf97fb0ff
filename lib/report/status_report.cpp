#include "lib/report/status_report.hpp"

#include "lib/catalog/embedded.hpp"
#include "lib/report/trace_labels.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <functional>

namespace cswm {
namespace {

using ordered = nlohmann::ordered_json;
using labels::lang;

ordered text_or_null(const std::string& text) {
    return text.empty() ? ordered(nullptr) : ordered(text);
}

ordered age_json(const std::optional<long long>& days) {
    return days ? ordered(*days) : ordered(nullptr);
}

std::string age_text(const StatusEntry& entry, const std::string& language) {
    if (entry.since.empty()) {
        return tr("view.no-date", lang(language));
    }
    if (!entry.age_days) {
        return entry.since;
    }
    return tr(*entry.age_days == 1 ? "view.since-day" : "view.since-days", lang(language),
              fmt::arg("since", entry.since), fmt::arg("days", *entry.age_days));
}

void section(std::ostream& out, const std::string& heading, std::size_t count, const std::string& language) {
    out << fmt::format("\n{} ({})\n", heading, count);
    if (count == 0) {
        out << tr("view.none-line", lang(language));
    }
}

/// The log-review line without indent or newline, as text and HTML say it.
std::string log_review_text(const LogReviewStatus& log, const std::string& language) {
    if (!log.any_log) {
        return tr("view.no-log-in-force", lang(language));
    }
    if (log.last.empty()) {
        return tr("view.log-review-none", lang(language), fmt::arg("days", log.cadence_days));
    }
    std::string when;
    if (log.days && *log.days < 0) { // a review dated after today: a clock or a typo to look at
        when = tr("view.log-review-future", lang(language), fmt::arg("date", log.last),
                  fmt::arg("log", printable(log.log, 40)), fmt::arg("days", -*log.days));
    } else {
        when = tr(log.days == 1 ? "view.log-review-day-ago" : "view.log-review-days-ago", lang(language),
                  fmt::arg("date", log.last), fmt::arg("log", printable(log.log, 40)),
                  fmt::arg("days", log.days ? std::to_string(*log.days) : std::string("?")));
    }
    if (log.cadence_days <= 0) {
        return when + tr("view.no-cadence", lang(language));
    }
    return (log.overdue ? tr("view.overdue", lang(language)) : "") + when +
           tr("view.log-review-cadence", lang(language), fmt::arg("days", log.cadence_days));
}

std::string open_summary(const StatusReport& status, const std::string& language) {
    const std::size_t open = status.open_count();
    return open == 0 ? std::string(tr("view.nothing-open", lang(language)))
                     : tr("view.open-items", lang(language), fmt::arg("count", open));
}

} // namespace

void write_status_text(std::ostream& out, const StatusReport& status, const std::string& language) {
    out << tr("view.open-work-line", lang(language), fmt::arg("date", status.today));

    section(out, tr("view.requirements-without-tests", lang(language)), status.untested.size(), language);
    for (const StatusEntry& entry : status.untested) {
        out << fmt::format("  {}  {}  {}\n", printable(entry.id, 40), printable(entry.where, 40),
                           printable(entry.title, 200));
    }
    section(out, tr("view.cases-without-results", lang(language)), status.without_results.size(), language);
    for (const StatusEntry& entry : status.without_results) {
        out << fmt::format("  {}  {}  {}\n", printable(entry.id, 40), printable(entry.where, 40),
                           entry.report.empty() ? std::string(tr("view.no-test-report-yet", lang(language)))
                                                : tr("view.no-result-in", lang(language),
                                                     fmt::arg("report", printable(entry.report, 40))));
    }
    section(out, tr("view.failures-without-fixes", lang(language)), status.failures_without_fix.size(), language);
    for (const StatusEntry& entry : status.failures_without_fix) {
        out << tr("view.failed-in-line", lang(language), fmt::arg("id", printable(entry.id, 40)),
                  fmt::arg("report", printable(entry.report, 40)));
    }
    section(out, tr("view.fixes-not-verified", lang(language)), status.fixes_not_verified.size(), language);
    for (const StatusEntry& entry : status.fixes_not_verified) {
        out << fmt::format("  {}  {}  {}  {}\n", printable(entry.id, 40), printable(entry.status, 40),
                           age_text(entry, language), printable(entry.title, 200));
    }
    section(out, tr("view.open-anomalies", lang(language)), status.open_anomalies.size(), language);
    for (const StatusEntry& entry : status.open_anomalies) {
        out << fmt::format("  {}  {}  {}  {}\n", printable(entry.id, 40), printable(entry.status, 40),
                           age_text(entry, language), printable(entry.title, 200));
    }

    out << '\n'
        << tr("view.log-review", lang(language)) << "\n  " << log_review_text(status.log_review, language) << '\n';
    out << '\n' << open_summary(status, language) << '\n';
}

void write_status_json(std::ostream& out, const StatusReport& status) {
    ordered root;
    root["today"] = status.today;
    root["open"] = status.open_count();
    ordered untested = ordered::array();
    for (const StatusEntry& entry : status.untested) {
        untested.push_back(ordered{{"id", entry.id}, {"title", entry.title}, {"srs", entry.where}});
    }
    root["requirements_without_tests"] = untested;
    ordered without = ordered::array();
    for (const StatusEntry& entry : status.without_results) {
        without.push_back(ordered{{"id", entry.id},
                                  {"title", entry.title},
                                  {"quality_spec", entry.where},
                                  {"report", text_or_null(entry.report)}});
    }
    root["cases_without_results"] = without;
    ordered failures = ordered::array();
    for (const StatusEntry& entry : status.failures_without_fix) {
        failures.push_back(
            ordered{{"id", entry.id}, {"title", entry.title}, {"quality_spec", entry.where}, {"report", entry.report}});
    }
    root["failures_without_fixes"] = failures;
    auto dated = [](const StatusEntry& entry) {
        return ordered{{"id", entry.id},
                       {"kind", entry.where},
                       {"title", entry.title},
                       {"status", entry.status},
                       {"since", text_or_null(entry.since)},
                       {"age_days", age_json(entry.age_days)}};
    };
    ordered fixes = ordered::array();
    for (const StatusEntry& entry : status.fixes_not_verified) {
        fixes.push_back(dated(entry));
    }
    root["fixes_not_verified"] = fixes;
    ordered anomalies = ordered::array();
    for (const StatusEntry& entry : status.open_anomalies) {
        anomalies.push_back(dated(entry));
    }
    root["open_anomalies"] = anomalies;
    const LogReviewStatus& log = status.log_review;
    root["log_review"] =
        ordered{{"any_log", log.any_log},           {"last", text_or_null(log.last)},   {"log", text_or_null(log.log)},
                {"days_since", age_json(log.days)}, {"cadence_days", log.cadence_days}, {"overdue", log.overdue}};
    out << root.dump(2, ' ', false, ordered::error_handler_t::replace) << '\n';
}

namespace {

using kainjow::mustache::data;

std::string_view embedded(std::string_view path) {
    for (const EmbeddedFile& file : embedded_templates()) {
        if (file.path == path) {
            return file.data;
        }
    }
    throw Error(fmt::format("templates/{} is missing from this build of cswm", path));
}

/// One list of open work as mustache data: heading, count, rows of cells (plain text:
/// kainjow's {{.}} escapes it).
data html_section(const std::string& heading, const std::vector<StatusEntry>& entries, const std::string& language,
                  const std::function<std::vector<std::string>(const StatusEntry&)>& cells) {
    data section;
    section.set("heading", heading);
    section.set("count", std::to_string(entries.size()));
    section.set("any", entries.empty() ? data(false) : data(true));
    section.set("none", tr("view.none", lang(language)));
    data rows{data::type::list};
    for (const StatusEntry& entry : entries) {
        data row_cells{data::type::list};
        for (const std::string& cell : cells(entry)) {
            row_cells.push_back(data(cell));
        }
        data row;
        row.set("cells", row_cells);
        rows.push_back(row);
    }
    section.set("rows", rows);
    return section;
}

} // namespace

void write_status_html(std::ostream& out, const StatusReport& status, const std::vector<chart::BarChart>& charts,
                       const std::string& language) {
    data values;
    values.set("lang", language == "zh-TW" ? "zh-TW" : "en");
    values.set("title", tr("view.open-work", lang(language), fmt::arg("date", status.today)));
    values.set("summary", open_summary(status, language));
    data sections{data::type::list};
    sections.push_back(html_section(
        tr("view.requirements-without-tests", lang(language)), status.untested, language, [](const StatusEntry& entry) {
            return std::vector<std::string>{printable(entry.id, 40), printable(entry.where, 40),
                                            printable(entry.title, 200)};
        }));
    sections.push_back(html_section(tr("view.cases-without-results", lang(language)), status.without_results, language,
                                    [&language](const StatusEntry& entry) {
                                        return std::vector<std::string>{
                                            printable(entry.id, 40), printable(entry.where, 40),
                                            entry.report.empty()
                                                ? std::string(tr("view.no-test-report-yet", lang(language)))
                                                : tr("view.no-result-in", lang(language),
                                                     fmt::arg("report", printable(entry.report, 40)))};
                                    }));
    sections.push_back(
        html_section(tr("view.failures-without-fixes", lang(language)), status.failures_without_fix, language,
                     [&language](const StatusEntry& entry) {
                         return std::vector<std::string>{
                             printable(entry.id, 40),
                             tr("view.failed-in", lang(language), fmt::arg("report", printable(entry.report, 40)))};
                     }));
    auto dated = [&language](const StatusEntry& entry) {
        return std::vector<std::string>{printable(entry.id, 40), printable(entry.status, 40), age_text(entry, language),
                                        printable(entry.title, 200)};
    };
    sections.push_back(
        html_section(tr("view.fixes-not-verified", lang(language)), status.fixes_not_verified, language, dated));
    sections.push_back(html_section(tr("view.open-anomalies", lang(language)), status.open_anomalies, language, dated));
    values.set("sections", sections);
    values.set("log_heading", tr("view.log-review", lang(language)));
    values.set("log_text", log_review_text(status.log_review, language));
    const bool overdue = status.log_review.any_log && status.log_review.overdue;
    values.set("log_overdue", overdue ? data(true) : data(false));
    values.set("charts_heading", tr("view.charts", lang(language)));
    data chart_list{data::type::list};
    for (const chart::BarChart& chart : charts) {
        data each;
        each.set("title", chart.title);
        each.set("svg", chart::render_bar_chart(chart)); // escaped by chart::escape_xml, placed with {{{svg}}}
        chart_list.push_back(each);
    }
    values.set("charts", chart_list);

    kainjow::mustache::mustache page{std::string(embedded("render/status.html.mustache"))};
    if (!page.is_valid()) {
        throw Error("templates/render/status.html.mustache: " + page.error_message());
    }
    out << page.render(values);
}

} // namespace cswm
