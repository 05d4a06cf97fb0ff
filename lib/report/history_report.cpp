#include "lib/report/history_report.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/dates_zone.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>

namespace cswm {
namespace {

using ordered = nlohmann::ordered_json;

std::string iso_time(const CommitInfo& commit) {
    const long long local = commit.time + static_cast<long long>(commit.offset_minutes) * 60;
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{local}});
    const std::chrono::year_month_day date{days};
    const long long seconds_of_day = local - days.time_since_epoch().count() * 86400LL;
    const int offset = commit.offset_minutes;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), seconds_of_day / 3600,
                       (seconds_of_day % 3600) / 60, seconds_of_day % 60, offset < 0 ? '-' : '+', std::abs(offset) / 60,
                       std::abs(offset) % 60);
}

ordered commit_json(const CommitInfo& commit) {
    ordered object;
    object["sha"] = commit.sha;
    object["author"] = commit.author;
    object["email"] = commit.email;
    object["date"] = iso_time(commit);
    object["subject"] = commit.summary;
    return object;
}

} // namespace

std::string format_commit_time(const CommitInfo& commit) {
    // Shown to people: in the configured zone (.cswm.yaml's time_zone, else the system's).
    return display_zone().format_minutes(commit.time);
}

void write_history_text(std::ostream& out, const HistoryResult& history) {
    out << fmt::format("{}  {}\n\n", history.id, history.path) << tr("history.revisions") << '\n';
    if (history.revisions.empty()) {
        out << "  " << tr(history.shallow ? "history.none-shallow" : "history.not-committed") << '\n';
    }
    for (const FileRevision& revision : history.revisions) {
        out << fmt::format("  {}  {}  {}  {}{}\n", revision.commit.sha.substr(0, 10),
                           format_commit_time(revision.commit), revision.commit.author, revision.commit.summary,
                           revision.path != history.path ? tr("history.as-path", fmt::arg("path", revision.path)) : "");
    }
    out << '\n' << tr("history.references") << '\n';
    if (history.references.empty()) {
        out << "  " << tr("history.none") << '\n';
    }
    for (const Reference& reference : history.references) {
        std::string ids;
        for (const std::string& id : reference.ids) {
            ids += (ids.empty() ? "" : tr("history.id-separator")) + id;
        }
        out << fmt::format("  {}  {}  {}  {}  [{}]\n", reference.commit.sha.substr(0, 10),
                           format_commit_time(reference.commit), reference.commit.author, reference.commit.summary,
                           ids);
    }
}

void write_history_json(std::ostream& out, const HistoryResult& history) {
    ordered object;
    object["id"] = history.id;
    object["path"] = history.path;
    object["revisions"] = ordered::array();
    for (const FileRevision& revision : history.revisions) {
        ordered each = commit_json(revision.commit);
        each["path"] = revision.path;
        object["revisions"].push_back(std::move(each));
    }
    object["shallow"] = history.shallow;
    object["references"] = ordered::array();
    for (const Reference& reference : history.references) {
        ordered each = commit_json(reference.commit);
        each["ids"] = reference.ids;
        object["references"].push_back(std::move(each));
    }
    out << object.dump(2, ' ', false, ordered::error_handler_t::replace) << '\n';
}

} // namespace cswm
