#include "lib/logscan/timestamp.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <array>
#include <ctime>

namespace cswm::logscan {
namespace {

constexpr std::array<std::string_view, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Reads a timestamp left to right; every step returns false at the first mismatch.
struct Cursor {
    std::string_view s;
    std::size_t at = 0;

    bool done() const { return at >= s.size(); }
    bool peek(char c) const { return at < s.size() && s[at] == c; }
    bool skip(char c) {
        if (!peek(c)) {
            return false;
        }
        ++at;
        return true;
    }
    bool skip_one_of(std::string_view chars) {
        if (at < s.size() && chars.find(s[at]) != std::string_view::npos) {
            ++at;
            return true;
        }
        return false;
    }
    bool spaces() {
        const std::size_t start = at;
        while (at < s.size() && s[at] == ' ') {
            ++at;
        }
        return at > start;
    }
    /// Exactly `count` digits, or between `count` and `most` when most is larger.
    bool number(int& out, std::size_t count, std::size_t most = 0) {
        std::size_t read = 0;
        int value = 0;
        while (at < s.size() && is_digit(s[at]) && read < std::max(count, most)) {
            value = value * 10 + (s[at] - '0');
            ++at;
            ++read;
        }
        out = value;
        return read >= count;
    }
    /// A fraction of a second after '.' or ',': skipped.
    void fraction() {
        if (at + 1 < s.size() && (s[at] == '.' || s[at] == ',') && is_digit(s[at + 1])) {
            ++at;
            while (at < s.size() && is_digit(s[at])) {
                ++at;
            }
        }
    }
    bool month_name(int& month) {
        if (at + 3 > s.size()) {
            return false;
        }
        const std::string word{lower(s[at]), lower(s[at + 1]), lower(s[at + 2])};
        for (std::size_t i = 0; i < k_months.size(); ++i) {
            if (word == k_months[i]) {
                month = static_cast<int>(i) + 1;
                at += 3;
                while (at < s.size() && ((s[at] >= 'a' && s[at] <= 'z') || s[at] == '.')) {
                    ++at; // "December", "Sept."
                }
                return true;
            }
        }
        return false;
    }
    /// Z, ±HH:MM, ±HHMM or ±HH, after optional spaces; nullopt when absent.
    bool zone(std::optional<int>& minutes) {
        const std::size_t start = at;
        spaces();
        if (skip('Z') || skip('z')) {
            minutes = 0;
            return true;
        }
        if (peek('+') || peek('-')) {
            const int sign = s[at] == '-' ? -1 : 1;
            ++at;
            int hours = 0;
            int mins = 0;
            if (!number(hours, 2)) {
                return false;
            }
            skip(':');
            if (!done() && is_digit(s[at]) && !number(mins, 2)) {
                return false;
            }
            if (hours > 23 || mins > 59) {
                return false;
            }
            minutes = sign * (hours * 60 + mins);
            return true;
        }
        at = start;
        return true;
    }
    bool clock(long long& seconds) {
        int hour = 0;
        int minute = 0;
        int second = 0;
        if (!number(hour, 1, 2) || !skip(':') || !number(minute, 2)) {
            return false;
        }
        if (skip(':') && !number(second, 2)) {
            return false;
        }
        fraction();
        seconds = hour * 3600LL + minute * 60LL + second;
        return hour < 24 && minute < 60 && second <= 60;
    }
};

int days_in_month(int year, int month) {
    constexpr std::array<int, 12> k_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : k_days[static_cast<std::size_t>(month - 1)];
}

bool valid_date(int year, int month, int day) {
    return year >= 1970 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

/// The parts of a timestamp once read; `year` 0 when the text has none.
struct Parts {
    int year = 0;
    int month = 0;
    int day = 0;
    long long clock = 0;
    std::optional<int> zone;
};

/// 2026-11-02T09:00:03.5+08:00, 2015-07-29 17:41:44,747, 2026/11/02 09:00:03, a date.
bool read_iso(Cursor c, Parts& p) {
    if (!c.number(p.year, 4) || !c.skip_one_of("-/") || !c.number(p.month, 2) || !c.skip_one_of("-/") ||
        !c.number(p.day, 2)) {
        return false;
    }
    if (c.done()) {
        return true;
    }
    if (!c.skip_one_of("Tt ") || !c.clock(p.clock) || !c.zone(p.zone)) {
        return false;
    }
    return c.done();
}

/// [Sun ]Dec 04 04:47:44[.123][ 2005], Dec 10 06:55:46, 04 Dec 2005 04:47:44.
bool read_words(Cursor c, Parts& p) {
    if (c.at < c.s.size() && !is_digit(c.s[c.at])) {
        const std::size_t start = c.at;
        int month = 0;
        if (c.month_name(month)) {
            c.at = start;
        } else {
            // A weekday: "Sun", "Sunday,".
            while (c.at < c.s.size() && c.s[c.at] != ' ' && c.s[c.at] != ',') {
                ++c.at;
            }
            c.skip(',');
            if (c.at - start < 3 || !c.spaces()) {
                return false;
            }
        }
    }
    if (c.month_name(p.month)) {
        c.spaces();
        if (!c.number(p.day, 1, 2) || !c.spaces()) {
            return false;
        }
    } else if (!c.number(p.day, 1, 2) || !c.spaces() || !c.month_name(p.month) || !c.spaces()) {
        return false;
    }
    if (c.at + 4 < c.s.size() && c.s[c.at + 4] == ' ' && is_digit(c.s[c.at]) && is_digit(c.s[c.at + 3])) {
        c.number(p.year, 4); // "Dec 04 2005 04:47:44"
        c.spaces();
    }
    if (!c.clock(p.clock) || !c.zone(p.zone)) {
        return false;
    }
    if (p.year == 0 && c.spaces()) {
        if (!c.number(p.year, 4)) {
            return false;
        }
        c.zone(p.zone);
    }
    return c.done();
}

/// 10/Oct/2000:13:55:36 -0700 (access logs).
bool read_access(Cursor c, Parts& p) {
    return c.number(p.day, 2) && c.skip('/') && c.month_name(p.month) && c.skip('/') && c.number(p.year, 4) &&
           c.skip(':') && c.clock(p.clock) && c.zone(p.zone) && c.done();
}

/// 081109 203615 (yymmdd hhmmss, as Hadoop writes).
bool read_compact(Cursor c, Parts& p) {
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!c.number(p.year, 2) || !c.number(p.month, 2) || !c.number(p.day, 2) || !c.spaces() || !c.number(hour, 2) ||
        !c.number(minute, 2) || !c.number(second, 2) || !c.done()) {
        return false;
    }
    p.year += p.year < 70 ? 2000 : 1900;
    p.clock = hour * 3600LL + minute * 60LL + second;
    return hour < 24 && minute < 60 && second <= 60;
}

} // namespace

long long days_from_civil(int year, int month, int day) {
    // Howard Hinnant's algorithm.
    year -= month <= 2 ? 1 : 0;
    const long long era = (year >= 0 ? year : year - 399) / 400;
    const long long yoe = year - era * 400;
    const long long doy = (153LL * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

TimeReader::TimeReader(const std::string& today) {
    if (today.size() == 10) {
        m_year = std::stoi(today.substr(0, 4));
        m_month = std::stoi(today.substr(5, 2));
        m_day = std::stoi(today.substr(8, 2));
    }
}

int TimeReader::offset_at_utc(long long seconds) const {
    const auto when = static_cast<std::time_t>(seconds);
    std::tm local{};
    localtime_r(&when, &local);
    return static_cast<int>(local.tm_gmtoff / 60);
}

int TimeReader::offset_at_local(long long naive) {
    // One localtime_r per hour of log: a log's lines come in time order.
    const long long hour = naive / 3600;
    if (hour != m_cached_hour) {
        const int guess = offset_at_utc(naive);
        m_cached_offset = offset_at_utc(naive - guess * 60LL);
        m_cached_hour = hour;
    }
    return m_cached_offset;
}

LogTime TimeReader::local(int year, int month, int day, long long seconds) {
    const long long naive = days_from_civil(year, month, day) * 86400LL + seconds;
    const int offset = offset_at_local(naive);
    return {naive - offset * 60LL, offset};
}

std::optional<LogTime> TimeReader::read(std::string_view text) {
    while (!text.empty() && (text.front() == '[' || text.front() == ' ')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ']' || text.back() == ' ')) {
        text.remove_suffix(1);
    }
    if (text.size() < 6) {
        return std::nullopt;
    }
    Parts p;
    const Cursor cursor{text};
    const bool all_digits = text.find_first_not_of("0123456789.") == std::string_view::npos;
    if (all_digits && (text.find('.') == 10 || text.size() == 10 || text.size() == 13)) {
        long long seconds = std::stoll(std::string(text.substr(0, std::min<std::size_t>(text.find('.'), 13))));
        seconds /= text.size() == 13 ? 1000 : 1;
        return LogTime{seconds, offset_at_utc(seconds)};
    }
    bool read = false;
    for (bool (*reader)(Cursor, Parts&) : {read_iso, read_compact, read_access, read_words}) {
        p = Parts{};
        if (reader(cursor, p)) {
            read = true;
            break;
        }
    }
    if (!read) {
        return std::nullopt;
    }
    if (p.year == 0) {
        p.year = p.month > m_month || (p.month == m_month && p.day > m_day) ? m_year - 1 : m_year;
    }
    if (!valid_date(p.year, p.month, p.day)) {
        return std::nullopt;
    }
    if (p.zone) {
        const long long naive = days_from_civil(p.year, p.month, p.day) * 86400LL + p.clock;
        return LogTime{naive - *p.zone * 60LL, *p.zone};
    }
    return local(p.year, p.month, p.day, p.clock);
}

std::string format_time(const LogTime& time) {
    const long long local = time.seconds + time.offset_minutes * 60LL;
    const long long days = (local >= 0 ? local : local - 86399) / 86400;
    const long long clock = local - days * 86400;
    // civil_from_days, Howard Hinnant's algorithm.
    const long long z = days + 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long day = doy - (153 * mp + 2) / 5 + 1;
    const long long month = mp < 10 ? mp + 3 : mp - 9;
    const long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    std::string text =
        fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", year, month, day, clock / 3600, clock / 60 % 60, clock % 60);
    if (time.offset_minutes == 0) {
        return text + "Z";
    }
    const int offset = time.offset_minutes < 0 ? -time.offset_minutes : time.offset_minutes;
    return text + fmt::format("{}{:02}:{:02}", time.offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
}

LogTime parse_time_option(TimeReader& reader, const std::string& text, const char* option, bool end_of_day) {
    int year = 0;
    int month = 0;
    int day = 0;
    Cursor date{text};
    if (text.size() == 10 && date.number(year, 4) && date.skip('-') && date.number(month, 2) && date.skip('-') &&
        date.number(day, 2) && valid_date(year, month, day)) {
        return reader.local(year, month, day, end_of_day ? 86399 : 0);
    }
    if (const auto time = reader.read(text)) {
        return *time;
    }
    throw Error(tr("logscan.not-a-time", fmt::arg("option", option), fmt::arg("value", text)));
}

} // namespace cswm::logscan
