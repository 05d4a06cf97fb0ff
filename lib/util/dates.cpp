#include "lib/util/dates.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/dates_zone.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string_view>

namespace cswm {

namespace {

/// The value of `count` ASCII digits at `at`, or -1 when any of them is not a digit.
int digits_at(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

/// YYYY-MM-DD at the start of `text` names a real day (checked by hand: a std::regex
/// per date was a hotspot of check).
bool date_prefix_ok(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    const int year = digits_at(text, 0, 4);
    const int month = digits_at(text, 5, 2);
    const int day = digits_at(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) {
        return false;
    }
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    return date.ok();
}

} // namespace

bool is_iso_date(const std::string& text) {
    return text.size() == 10 && date_prefix_ok(text);
}

bool is_iso_datetime(const std::string& text) {
    // YYYY-MM-DD[Tt]HH:MM:SS(.fraction)?([Zz]|[+-]HH:MM)
    const std::string_view view(text);
    if (view.size() < 20 || !date_prefix_ok(view) || (view[10] != 'T' && view[10] != 't') || view[13] != ':' ||
        view[16] != ':') {
        return false;
    }
    const int hours = digits_at(view, 11, 2);
    const int minutes = digits_at(view, 14, 2);
    const int seconds = digits_at(view, 17, 2);
    if (hours < 0 || minutes < 0 || seconds < 0) {
        return false;
    }
    std::size_t at = 19;
    if (view[at] == '.') {
        const std::size_t start = ++at;
        while (at < view.size() && view[at] >= '0' && view[at] <= '9') {
            ++at;
        }
        if (at == start) {
            return false;
        }
    }
    if (at >= view.size()) {
        return false;
    }
    bool offset_ok = true;
    if (view[at] == 'Z' || view[at] == 'z') {
        ++at;
    } else if (view[at] == '+' || view[at] == '-') {
        const int offset_hours = digits_at(view, at + 1, 2);
        const int offset_minutes = digits_at(view, at + 4, 2);
        if (offset_hours < 0 || offset_minutes < 0 || view[at + 3] != ':') {
            return false;
        }
        offset_ok = offset_hours < 24 && offset_minutes < 60;
        at += 6;
    } else {
        return false;
    }
    return at == view.size() && hours < 24 && minutes < 60 && seconds <= 60 && offset_ok;
}

std::optional<long long> epoch_seconds(const std::string& text) {
    if (text.size() < 10 || !is_iso_date(text.substr(0, 10))) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{std::stoi(text.substr(0, 4))},
                                           std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                           std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    long long seconds = std::chrono::sys_days{date}.time_since_epoch().count() * 86400LL;
    if (text.size() == 10) {
        return seconds;
    }
    if (!is_iso_datetime(text)) {
        return std::nullopt;
    }
    seconds +=
        std::stoll(text.substr(11, 2)) * 3600 + std::stoll(text.substr(14, 2)) * 60 + std::stoll(text.substr(17, 2));
    const std::size_t zone = text.find_first_of("Zz+-", 19);
    if (zone != std::string::npos && (text[zone] == '+' || text[zone] == '-')) {
        const long long offset =
            std::stoll(text.substr(zone + 1, 2)) * 3600 + std::stoll(text.substr(zone + 4, 2)) * 60;
        seconds += text[zone] == '+' ? -offset : offset;
    }
    return seconds;
}

std::string today_iso() {
    if (const char* fixed = std::getenv("CSWM_TODAY"); fixed != nullptr && *fixed != '\0') {
        if (!is_iso_date(fixed)) {
            throw Error(tr("dates.today-not-a-date", fmt::arg("value", fixed)));
        }
        return fixed;
    }
    return display_zone().format_date(static_cast<long long>(std::time(nullptr)));
}

} // namespace cswm
