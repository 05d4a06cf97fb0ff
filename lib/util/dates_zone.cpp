#include "lib/util/dates_zone.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace cswm {
namespace {

namespace fs = std::filesystem;

/// TZif files are a few kilobytes; anything much larger is not one.
constexpr std::uintmax_t k_largest_tzif = 1U << 20U;

long long days_from_civil(int year, unsigned month, unsigned day) {
    const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
    return days.time_since_epoch().count();
}

bool leap_year(int year) {
    return std::chrono::year{year}.is_leap();
}

unsigned days_in_month(int year, unsigned month) {
    static constexpr unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap_year(year) ? 29 : k_days[month - 1];
}

struct Civil {
    int year = 1970;
    unsigned month = 1, day = 1;
    long long seconds_of_day = 0;
};

Civil civil(long long seconds) {
    const long long days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
    return {static_cast<int>(date.year()), static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
            seconds - days * 86400};
}

std::string offset_text(long long offset) {
    const long long magnitude = offset < 0 ? -offset : offset;
    return fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 3600, (magnitude % 3600) / 60);
}

/// Big-endian integers of a TZif file, bounds-checked.
class Reader {
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
    bool has(std::size_t count) const { return m_at + count <= m_bytes.size(); }
    std::size_t at() const { return m_at; }
    void skip(std::size_t count) { m_at += count; }
    std::string_view take(std::size_t count) {
        const std::string_view part = m_bytes.substr(m_at, count);
        m_at += count;
        return part;
    }
    long long integer(std::size_t width) {
        unsigned long long value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            value = (value << 8U) | static_cast<unsigned char>(m_bytes[m_at + i]);
        }
        m_at += width;
        if (width == 4) {
            return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
        }
        return static_cast<long long>(value);
    }

private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
};

struct Counts {
    std::size_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

Counts read_header(Reader& reader, const std::string& name) {
    if (!reader.has(44) || reader.take(4) != "TZif") {
        throw Error(tr("dates.not-tzif", fmt::arg("file", name)));
    }
    reader.skip(16);
    Counts counts;
    counts.isut = static_cast<std::size_t>(reader.integer(4));
    counts.isstd = static_cast<std::size_t>(reader.integer(4));
    counts.leap = static_cast<std::size_t>(reader.integer(4));
    counts.time = static_cast<std::size_t>(reader.integer(4));
    counts.type = static_cast<std::size_t>(reader.integer(4));
    counts.chars = static_cast<std::size_t>(reader.integer(4));
    if (counts.type == 0 || counts.type > 256 || counts.time > 100'000 || counts.chars > 10'000 ||
        counts.leap > 10'000 || counts.isut > 256 || counts.isstd > 256) {
        throw Error(tr("dates.tzif-unusable", fmt::arg("file", name)));
    }
    return counts;
}

std::size_t block_size(const Counts& counts, std::size_t time_width) {
    return counts.time * time_width + counts.time + counts.type * 6 + counts.chars + counts.leap * (time_width + 4) +
           counts.isstd + counts.isut;
}

bool valid_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 255 || name.front() == '/' || name.starts_with("right/")) {
        return false;
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('/', start), name.size());
        const std::string_view part = name.substr(start, end - start);
        if (part.empty() || part.front() == '.') {
            return false;
        }
        for (const char c : part) {
            const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                            c == '-' || c == '+' || c == '.';
            if (!ok) {
                return false;
            }
        }
        start = end + 1;
    }
    return true;
}

fs::path zone_folder() {
    if (const char* folder = std::getenv("TZDIR"); folder != nullptr && *folder != '\0') {
        return folder;
    }
    return "/usr/share/zoneinfo";
}

/// The bytes of a file of the zone database (symbolic links followed: the database is
/// the system's, and Debian links many names), or nullopt when it is not a regular file.
std::optional<std::string> read_system_file(const fs::path& file) {
    std::error_code error;
    if (!fs::is_regular_file(file, error) || fs::file_size(file, error) > k_largest_tzif || error) {
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
        return std::nullopt;
    }
    return bytes.str();
}

/// The zone names of the database's zone.tab, for "did you mean".
std::vector<std::string> known_zone_names() {
    std::vector<std::string> names{"UTC"};
    for (const char* table : {"zone1970.tab", "zone.tab"}) {
        const auto text = read_system_file(zone_folder() / table);
        if (!text) {
            continue;
        }
        std::istringstream lines(*text);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.empty() || line.front() == '#') {
                continue;
            }
            std::istringstream fields(line);
            std::string codes, place, zone;
            if (fields >> codes >> place >> zone) {
                names.push_back(zone);
            }
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

/// Parses a POSIX TZ rule, left to right.
class RuleParser {
public:
    explicit RuleParser(std::string_view text) : m_text(text) {}
    bool done() const { return m_at >= m_text.size(); }
    char peek() const { return done() ? '\0' : m_text[m_at]; }
    bool accept(char c) {
        if (peek() == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    std::string abbreviation() {
        std::string name;
        if (accept('<')) {
            while (!done() && peek() != '>') {
                name += m_text[m_at++];
            }
            if (!accept('>')) {
                fail();
            }
        } else {
            while (!done() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) {
                name += m_text[m_at++];
            }
        }
        if (name.size() < 3) {
            fail();
        }
        return name;
    }
    int number(int largest) {
        int value = 0;
        std::size_t digits = 0;
        while (!done() && peek() >= '0' && peek() <= '9') {
            value = value * 10 + (m_text[m_at++] - '0');
            if (++digits > 3 || value > largest) {
                fail();
            }
        }
        if (digits == 0) {
            fail();
        }
        return value;
    }
    /// [+-]hh[:mm[:ss]] in seconds; `hours` bounds the hours (24 for offsets, 167 for times).
    long long duration(int hours) {
        const bool negative = accept('-');
        if (!negative) {
            accept('+');
        }
        long long seconds = static_cast<long long>(number(hours)) * 3600;
        if (accept(':')) {
            seconds += static_cast<long long>(number(59)) * 60;
            if (accept(':')) {
                seconds += number(59);
            }
        }
        return negative ? -seconds : seconds;
    }
    [[noreturn]] void fail() const { throw Error("malformed POSIX TZ rule"); }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

std::optional<TimeZone> g_display;

} // namespace

TimeZone TimeZone::utc() {
    TimeZone zone;
    zone.m_name = "UTC";
    zone.m_types.push_back({0, false, "UTC"});
    return zone;
}

TimeZone TimeZone::named(std::string_view name) {
    const std::string shown = printable(std::string(name), 60);
    if (!valid_zone_name(name)) {
        throw Error(tr("dates.not-a-zone-name", fmt::arg("name", shown)));
    }
    const fs::path file = zone_folder() / std::string(name);
    const auto bytes = read_system_file(file);
    if (!bytes || !bytes->starts_with("TZif")) {
        if (name == "UTC" || name == "Etc/UTC") {
            return utc();
        }
        std::string message =
            tr("dates.unknown-zone", fmt::arg("name", shown), fmt::arg("folder", zone_folder().string()));
        if (const auto suggestion = closest_match(std::string(name), known_zone_names())) {
            message += tr("ops.did-you-mean-quoted", fmt::arg("word", *suggestion));
        } else {
            message += tr("dates.use-zone-name");
        }
        throw Error(message);
    }
    return from_tzif(std::string(name), *bytes);
}

TimeZone TimeZone::from_tzif(std::string name, std::string_view bytes) {
    Reader reader(bytes);
    Counts counts = read_header(reader, name);
    const char version = bytes[4];
    std::size_t width = 4;
    if (version != '\0') {
        // Version 2 and later repeat the data with 64-bit times after the version 1 block.
        if (!reader.has(block_size(counts, 4))) {
            throw Error(tr("dates.tzif-truncated", fmt::arg("file", name)));
        }
        reader.skip(block_size(counts, 4));
        counts = read_header(reader, name);
        width = 8;
    }
    if (!reader.has(block_size(counts, width))) {
        throw Error(tr("dates.tzif-truncated", fmt::arg("file", name)));
    }
    TimeZone zone;
    zone.m_name = std::move(name);
    for (std::size_t i = 0; i < counts.time; ++i) {
        zone.m_transitions.push_back(reader.integer(width));
    }
    for (std::size_t i = 0; i < counts.time; ++i) {
        const auto type = static_cast<std::uint8_t>(reader.integer(1));
        if (type >= counts.type) {
            throw Error(tr("dates.tzif-unusable", fmt::arg("file", zone.m_name)));
        }
        zone.m_type_of.push_back(type);
    }
    std::vector<std::size_t> designations;
    for (std::size_t i = 0; i < counts.type; ++i) {
        Type type;
        type.offset = reader.integer(4);
        type.dst = reader.integer(1) != 0;
        designations.push_back(static_cast<std::size_t>(reader.integer(1)));
        zone.m_types.push_back(std::move(type));
    }
    const std::string_view chars = reader.take(counts.chars);
    for (std::size_t i = 0; i < counts.type; ++i) {
        if (designations[i] < chars.size()) {
            const std::string_view rest = chars.substr(designations[i]);
            zone.m_types[i].abbreviation = std::string(rest.substr(0, rest.find('\0')));
        }
    }
    if (!std::is_sorted(zone.m_transitions.begin(), zone.m_transitions.end())) {
        throw Error(tr("dates.tzif-unusable", fmt::arg("file", zone.m_name)));
    }
    reader.skip(counts.leap * (width + 4) + counts.isstd + counts.isut);
    if (width == 8 && reader.has(2) && bytes[reader.at()] == '\n') {
        const std::string_view footer = bytes.substr(reader.at() + 1);
        const std::string_view rule = footer.substr(0, footer.find('\n'));
        if (!rule.empty()) {
            try {
                zone.m_rule = parse_posix(rule);
                zone.m_has_rule = true;
            } catch (const Error&) {
                // A footer this reader does not understand: the last transition's type holds.
            }
        }
    }
    return zone;
}

TimeZone TimeZone::from_posix(std::string name, std::string_view rule) {
    TimeZone zone;
    zone.m_name = std::move(name);
    zone.m_rule = parse_posix(rule);
    zone.m_has_rule = true;
    zone.m_types.push_back(zone.m_rule.standard);
    return zone;
}

TimeZone::PosixRule TimeZone::parse_posix(std::string_view text) {
    RuleParser parser(text);
    PosixRule rule;
    rule.standard.abbreviation = parser.abbreviation();
    rule.standard.offset = -parser.duration(24); // POSIX counts hours west of Greenwich
    if (parser.done()) {
        return rule;
    }
    rule.has_dst = true;
    rule.daylight.dst = true;
    rule.daylight.abbreviation = parser.abbreviation();
    rule.daylight.offset = rule.standard.offset + 3600;
    if (!parser.done() && parser.peek() != ',') {
        rule.daylight.offset = -parser.duration(24);
    }
    auto date = [&]() {
        RuleDate when;
        if (parser.accept('M')) {
            when.form = 'M';
            when.month = parser.number(12);
            if (!parser.accept('.')) {
                parser.fail();
            }
            when.week = parser.number(5);
            if (!parser.accept('.')) {
                parser.fail();
            }
            when.weekday = parser.number(6);
            if (when.month < 1 || when.week < 1) {
                parser.fail();
            }
        } else if (parser.accept('J')) {
            when.form = 'J';
            when.day = parser.number(365);
            if (when.day < 1) {
                parser.fail();
            }
        } else {
            when.form = 'n';
            when.day = parser.number(365);
        }
        if (parser.accept('/')) {
            when.time = parser.duration(167);
        }
        return when;
    };
    if (parser.done()) {
        // No rule given: the C library's default, the United States' since 2007.
        rule.start = {'M', 3, 2, 0, 0, 7200};
        rule.end = {'M', 11, 1, 0, 0, 7200};
        return rule;
    }
    if (!parser.accept(',')) {
        parser.fail();
    }
    rule.start = date();
    if (!parser.accept(',')) {
        parser.fail();
    }
    rule.end = date();
    if (!parser.done()) {
        parser.fail();
    }
    return rule;
}

TimeZone::Local TimeZone::by_rule(long long utc_seconds) const {
    const PosixRule& rule = m_rule;
    if (!rule.has_dst) {
        return {rule.standard.offset, rule.standard.abbreviation};
    }
    const int year = civil(utc_seconds + rule.standard.offset).year;
    auto day_of = [&](const RuleDate& when) -> long long {
        const long long january = days_from_civil(year, 1, 1);
        if (when.form == 'J') {
            return january + when.day - 1 + (leap_year(year) && when.day >= 60 ? 1 : 0);
        }
        if (when.form == 'n') {
            return january + when.day;
        }
        const auto month = static_cast<unsigned>(when.month);
        const long long first = days_from_civil(year, month, 1);
        const long long first_weekday = ((first % 7) + 11) % 7; // 1970-01-01 was a Thursday (4)
        long long day = 1 + (when.weekday - first_weekday + 7) % 7 + (when.week - 1) * 7LL;
        while (day > days_in_month(year, month)) {
            day -= 7;
        }
        return first + day - 1;
    };
    const long long start = day_of(rule.start) * 86400 + rule.start.time - rule.standard.offset;
    const long long end = day_of(rule.end) * 86400 + rule.end.time - rule.daylight.offset;
    const bool daylight = start < end ? (utc_seconds >= start && utc_seconds < end)
                                      : !(utc_seconds >= end && utc_seconds < start); // southern hemisphere
    const Type& type = daylight ? rule.daylight : rule.standard;
    return {type.offset, type.abbreviation};
}

TimeZone::Local TimeZone::at(long long utc_seconds) const {
    if (m_transitions.empty() || utc_seconds < m_transitions.front()) {
        if (m_transitions.empty() && m_has_rule) {
            return by_rule(utc_seconds);
        }
        return {m_types.front().offset, m_types.front().abbreviation};
    }
    const auto after = std::upper_bound(m_transitions.begin(), m_transitions.end(), utc_seconds);
    if (after == m_transitions.end() && m_has_rule) {
        return by_rule(utc_seconds);
    }
    const Type& type = m_types[m_type_of[static_cast<std::size_t>(after - m_transitions.begin() - 1)]];
    return {type.offset, type.abbreviation};
}

std::string TimeZone::format_minutes(long long utc_seconds) const {
    const long long offset = at(utc_seconds).offset;
    const Civil local = civil(utc_seconds + offset);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} {}", local.year, local.month, local.day,
                       local.seconds_of_day / 3600, (local.seconds_of_day % 3600) / 60, offset_text(offset));
}

std::string TimeZone::format_iso(long long utc_seconds) const {
    const long long offset = at(utc_seconds).offset;
    const Civil local = civil(utc_seconds + offset);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", local.year, local.month, local.day,
                       local.seconds_of_day / 3600, (local.seconds_of_day % 3600) / 60, local.seconds_of_day % 60,
                       offset_text(offset));
}

std::string TimeZone::format_date(long long utc_seconds) const {
    const Civil local = civil(utc_seconds + at(utc_seconds).offset);
    return fmt::format("{:04}-{:02}-{:02}", local.year, local.month, local.day);
}

TimeZone TimeZone::system() {
    const char* tz = std::getenv("TZ");
    if (tz == nullptr) {
        std::error_code error;
        const fs::path link = fs::read_symlink("/etc/localtime", error);
        std::string name = "localtime";
        if (!error) {
            const std::string target = link.generic_string();
            if (const std::size_t at = target.rfind("zoneinfo/"); at != std::string::npos) {
                name = target.substr(at + 9);
            }
        }
        if (const auto bytes = read_system_file("/etc/localtime"); bytes && bytes->starts_with("TZif")) {
            try {
                return from_tzif(name, *bytes);
            } catch (const Error&) {
            }
        }
        return utc();
    }
    std::string_view value(tz);
    if (value.empty()) {
        return utc();
    }
    const bool file_only = value.front() == ':';
    if (file_only) {
        value.remove_prefix(1);
    }
    // As the C library reads TZ: a file (absolute, or under the database), else a POSIX rule, else UTC.
    if (!value.empty() && value.front() == '/') {
        if (const auto bytes = read_system_file(std::string(value)); bytes && bytes->starts_with("TZif")) {
            try {
                return from_tzif(std::string(value), *bytes);
            } catch (const Error&) {
            }
        }
        return utc();
    }
    try {
        return named(value);
    } catch (const Error&) {
    }
    if (!file_only) {
        try {
            return from_posix(std::string(value), value);
        } catch (const Error&) {
        }
    }
    return utc();
}

const TimeZone& display_zone() {
    if (g_display) {
        return *g_display;
    }
    static const TimeZone system = TimeZone::system();
    return system;
}

void set_display_zone(TimeZone zone) {
    g_display = std::move(zone);
}

ScopedDisplayZone::ScopedDisplayZone(TimeZone zone) : m_before(display_zone()) {
    set_display_zone(std::move(zone));
}

ScopedDisplayZone::~ScopedDisplayZone() {
    set_display_zone(std::move(m_before));
}

} // namespace cswm
