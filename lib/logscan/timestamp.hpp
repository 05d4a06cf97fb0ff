#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cswm::logscan {

/// A moment a log line names, to the second.
struct LogTime {
    long long seconds = 0;  ///< since 1970-01-01T00:00:00Z
    int offset_minutes = 0; ///< the offset to show it in
    bool operator<(const LogTime& other) const { return seconds < other.seconds; }
};

/// How timestamps without a zone or a year are read: in the local time zone (TZ), and
/// in the latest year that does not put them after `today` (as syslog readers do).
class TimeReader {
public:
    /// `today` is YYYY-MM-DD (today_iso()).
    explicit TimeReader(const std::string& today);

    /// Reads the timestamp forms logs use: ISO 8601 (`2026-11-02T09:00:03.120+08:00`,
    /// `2015-07-29 17:41:44,747`), `2026/11/02 09:00:03`, syslog (`Dec 10 06:55:46`),
    /// ctime (`Sun Dec 04 04:47:44 2005`), access logs (`10/Oct/2000:13:55:36 -0700`),
    /// `081109 203615` (yymmdd hhmmss), and Unix seconds or milliseconds. Brackets around
    /// the text are ignored. nullopt when it is none of these.
    std::optional<LogTime> read(std::string_view text);

    /// The Unix time of a local date and time; `seconds` counts from midnight.
    LogTime local(int year, int month, int day, long long seconds);

private:
    int offset_at_local(long long naive);
    int offset_at_utc(long long seconds) const;

    int m_year = 1970;
    int m_month = 1;
    int m_day = 1;
    long long m_cached_hour = -1; ///< naive local hour whose offset is cached
    int m_cached_offset = 0;
};

/// Days since 1970-01-01 of a proleptic Gregorian date.
long long days_from_civil(int year, int month, int day);

/// `2026-11-02T09:00:03+08:00`, or `…Z` at offset zero.
std::string format_time(const LogTime& time);

/// Reads a --since or --until value: a date (YYYY-MM-DD, local midnight; with
/// `end_of_day`, the last second of that day) or any form TimeReader reads. Throws
/// Error naming `option` when it is none of these.
LogTime parse_time_option(TimeReader& reader, const std::string& text, const char* option, bool end_of_day);

} // namespace cswm::logscan
