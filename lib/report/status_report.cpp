#include "lib/report/status_report.hpp"

#include "lib/report/trace_labels.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cswm {
namespace {

using ordered = nlohmann::ordered_json;
using labels::pick;

ordered text_or_null(const std::string& text) {
    return text.empty() ? ordered(nullptr) : ordered(text);
}

ordered age_json(const std::optional<long long>& days) {
    return days ? ordered(*days) : ordered(nullptr);
}

std::string age_text(const StatusEntry& entry, const std::string& language) {
    if (entry.since.empty()) {
        return pick(language, "no date", "無日期");
    }
    if (!entry.age_days) {
        return entry.since;
    }
    return labels::say(language, *entry.age_days == 1 ? "since {}, {} day" : "since {}, {} days", "自 {} 起，{} 天",
                       entry.since, *entry.age_days);
}

void section(std::ostream& out, const char* heading, std::size_t count, const std::string& language) {
    out << fmt::format("\n{} ({})\n", heading, count);
    if (count == 0) {
        out << pick(language, "  none\n", "  無\n");
    }
}

} // namespace

void write_status_text(std::ostream& out, const StatusReport& status, const std::string& language) {
    out << labels::say(language, "Open work on {}\n", "待辦工作（{}）\n", status.today);

    section(out, pick(language, "Requirements without tests", "沒有測試案例的需求"), status.untested.size(), language);
    for (const StatusEntry& entry : status.untested) {
        out << fmt::format("  {}  {}  {}\n", printable(entry.id, 40), printable(entry.where, 40),
                           printable(entry.title, 200));
    }
    section(out, pick(language, "Test cases without results", "沒有測試結果的案例"), status.without_results.size(),
            language);
    for (const StatusEntry& entry : status.without_results) {
        out << fmt::format("  {}  {}  {}\n", printable(entry.id, 40), printable(entry.where, 40),
                           entry.report.empty() ? std::string(pick(language, "no test report yet", "尚無測試報告"))
                                                : labels::say(language, "no result in {}", "{} 中沒有結果",
                                                              printable(entry.report, 40)));
    }
    section(out, pick(language, "Failures without fixes", "沒有修正的不通過結果"), status.failures_without_fix.size(),
            language);
    for (const StatusEntry& entry : status.failures_without_fix) {
        out << labels::say(language, "  {}  failed in {}\n", "  {}  在 {} 不通過\n", printable(entry.id, 40),
                           printable(entry.report, 40));
    }
    section(out, pick(language, "Fixes not verified", "尚未驗證的修正"), status.fixes_not_verified.size(), language);
    for (const StatusEntry& entry : status.fixes_not_verified) {
        out << fmt::format("  {}  {}  {}  {}\n", printable(entry.id, 40), printable(entry.status, 40),
                           age_text(entry, language), printable(entry.title, 200));
    }
    section(out, pick(language, "Open anomalies", "未結案的異常"), status.open_anomalies.size(), language);
    for (const StatusEntry& entry : status.open_anomalies) {
        out << fmt::format("  {}  {}  {}  {}\n", printable(entry.id, 40), printable(entry.status, 40),
                           age_text(entry, language), printable(entry.title, 200));
    }

    const LogReviewStatus& log = status.log_review;
    out << '\n' << pick(language, "Log review", "日誌檢視") << '\n';
    if (!log.any_log) {
        out << pick(language, "  no maintenance log in force\n", "  尚無生效中的維護紀錄表\n");
    } else if (log.last.empty()) {
        out << labels::say(language, "  OVERDUE: no log review is recorded (every {} days)\n",
                           "  逾期：尚未記錄任何日誌檢視（每 {} 天一次）\n", log.cadence_days);
    } else {
        const std::string when =
            labels::say(language, log.days == 1 ? "last on {} ({}), {} day ago" : "last on {} ({}), {} days ago",
                        "上次於 {}（{}），{} 天前", log.last, printable(log.log, 40),
                        log.days ? std::to_string(*log.days) : std::string("?"));
        if (log.cadence_days <= 0) {
            out << "  " << when << pick(language, "; no cadence set\n", "；未設定週期\n");
        } else {
            out << "  " << (log.overdue ? pick(language, "OVERDUE: ", "逾期：") : "") << when
                << labels::say(language, "; every {} days\n", "；每 {} 天一次\n", log.cadence_days);
        }
    }
    const std::size_t open = status.open_count();
    out << '\n'
        << (open == 0 ? std::string(pick(language, "Nothing open.", "沒有待辦工作。"))
                      : labels::say(language, "{} open item(s).", "{} 項待辦。", open))
        << '\n';
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

} // namespace cswm
