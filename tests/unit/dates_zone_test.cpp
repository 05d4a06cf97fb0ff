#include "lib/util/dates.hpp"
#include "lib/util/dates_zone.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

using namespace cswm;

namespace {

bool have_zone_database() {
    std::error_code error;
    return std::filesystem::exists("/usr/share/zoneinfo/Asia/Taipei", error) &&
           std::filesystem::exists("/usr/share/zoneinfo/America/New_York", error);
}

/// Sets TZ for a scope (tests run on one thread) and restores it.
class ScopedTz {
public:
    explicit ScopedTz(const char* value) {
        if (const char* before = std::getenv("TZ")) {
            m_before = before;
        }
        if (value == nullptr) {
            unsetenv("TZ");
        } else {
            setenv("TZ", value, 1);
        }
        tzset();
    }
    ~ScopedTz() {
        if (m_before) {
            setenv("TZ", m_before->c_str(), 1);
        } else {
            unsetenv("TZ");
        }
        tzset();
    }
    ScopedTz(const ScopedTz&) = delete;
    ScopedTz& operator=(const ScopedTz&) = delete;

private:
    std::optional<std::string> m_before;
};

} // namespace

TEST_CASE("UTC needs no database") {
    const TimeZone utc = TimeZone::utc();
    CHECK(utc.name() == "UTC");
    CHECK(utc.format_iso(1795656600) == "2026-11-26T01:30:00+00:00");
    CHECK(utc.format_minutes(1795656600) == "2026-11-26 01:30 +00:00");
    CHECK(utc.format_date(-1) == "1969-12-31");
}

TEST_CASE("Asia/Taipei: fixed instants") {
    if (!have_zone_database()) {
        MESSAGE("skipped: no IANA time zone database in /usr/share/zoneinfo (install tzdata)");
        return;
    }
    const TimeZone taipei = TimeZone::named("Asia/Taipei");
    CHECK(taipei.name() == "Asia/Taipei");
    CHECK(taipei.format_minutes(1795656600) == "2026-11-26 09:30 +08:00");
    CHECK(taipei.format_iso(1795656600) == "2026-11-26T09:30:00+08:00");
    // The day changes at midnight in Taipei, eight hours before UTC's.
    CHECK(taipei.format_date(1798734600) == "2027-01-01");
    CHECK(TimeZone::utc().format_date(1798734600) == "2026-12-31");
    CHECK(taipei.at(1795656600).abbreviation == "CST");
}

TEST_CASE("America/New_York across the changes of 2026, a past year and a far year") {
    if (!have_zone_database()) {
        MESSAGE("skipped: no IANA time zone database in /usr/share/zoneinfo (install tzdata)");
        return;
    }
    const TimeZone york = TimeZone::named("America/New_York");
    // Clocks go forward on 2026-03-08 at 02:00 EST.
    CHECK(york.format_iso(1772953199) == "2026-03-08T01:59:59-05:00");
    CHECK(york.format_iso(1772953200) == "2026-03-08T03:00:00-04:00");
    CHECK(york.at(1772953199).abbreviation == "EST");
    CHECK(york.at(1772953200).abbreviation == "EDT");
    // And back on 2026-11-01 at 02:00 EDT: 01:00 to 01:59 happens twice.
    CHECK(york.format_iso(1793512799) == "2026-11-01T01:59:59-04:00");
    CHECK(york.format_iso(1793512800) == "2026-11-01T01:00:00-05:00");
    CHECK(york.format_minutes(1795656600) == "2026-11-25 20:30 -05:00");
    // 1990 (a transition in the file) and 2100 (past every transition: the footer's rule).
    CHECK(york.format_iso(638953200) == "1990-04-01T03:00:00-04:00");
    CHECK(york.format_iso(4108690799) == "2100-03-14T01:59:59-05:00");
    CHECK(york.format_iso(4108690800) == "2100-03-14T03:00:00-04:00");
}

TEST_CASE("the zone agrees with the C library over two centuries") {
    if (!have_zone_database()) {
        MESSAGE("skipped: no IANA time zone database in /usr/share/zoneinfo (install tzdata)");
        return;
    }
    for (const char* name : {"Asia/Taipei", "America/New_York", "Europe/London", "Australia/Sydney",
                             "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham", "Europe/Dublin"}) {
        CAPTURE(name);
        const TimeZone zone = TimeZone::named(name);
        const ScopedTz tz(name);
        int mismatches = 0;
        // Every 3 days and 7 hours from 1901 to 2099, and either side of the hour.
        for (long long t = -2'200'000'000LL; t < 4'000'000'000LL && mismatches < 3; t += 284'400 + 1) {
            const auto instant = static_cast<std::time_t>(t);
            std::tm local{};
            localtime_r(&instant, &local);
            if (zone.at(t).offset != local.tm_gmtoff) {
                ++mismatches;
                CHECK_MESSAGE(zone.at(t).offset == local.tm_gmtoff, "at ", t);
            }
        }
        CHECK(mismatches == 0);
    }
}

TEST_CASE("POSIX rules: northern, southern, fixed, and malformed") {
    const TimeZone york = TimeZone::from_posix("EST5EDT", "EST5EDT,M3.2.0,M11.1.0");
    CHECK(york.format_iso(1772953199) == "2026-03-08T01:59:59-05:00");
    CHECK(york.format_iso(1772953200) == "2026-03-08T03:00:00-04:00");
    CHECK(york.format_iso(1793512800) == "2026-11-01T01:00:00-05:00");
    // Sydney: summer time from the first Sunday of October to the first Sunday of April.
    const TimeZone sydney = TimeZone::from_posix("Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3");
    CHECK(sydney.format_iso(1767225600) == "2026-01-01T11:00:00+11:00"); // 2026-01-01T00:00Z
    CHECK(sydney.format_iso(1783296000) == "2026-07-06T10:00:00+10:00"); // 2026-07-06T00:00Z
    const TimeZone fixed = TimeZone::from_posix("<+08>-8", "<+08>-8");
    CHECK(fixed.format_minutes(1795656600) == "2026-11-26 09:30 +08:00");
    CHECK(fixed.at(0).abbreviation == "+08");
    CHECK_THROWS_AS(TimeZone::from_posix("x", "E5"), Error);
    CHECK_THROWS_AS(TimeZone::from_posix("x", "EST5EDT,M13.1.0,M11.1.0"), Error);
    CHECK_THROWS_AS(TimeZone::from_posix("x", "EST5EDT,M3.2.0"), Error);
}

TEST_CASE("bad names and bad files are clear errors") {
    CHECK_THROWS_WITH_AS(TimeZone::named("../../etc/passwd"),
                         doctest::Contains("is not a time zone name: use an IANA name such as Asia/Taipei"), Error);
    CHECK_THROWS_AS(TimeZone::named(""), Error);
    CHECK_THROWS_AS(TimeZone::named("/etc/localtime"), Error);
    CHECK_THROWS_AS(TimeZone::named("Asia/Taipei\n"), Error);
    if (have_zone_database()) {
        CHECK_THROWS_WITH_AS(TimeZone::named("Asia/Taipe"), doctest::Contains("did you mean 'Asia/Taipei'?"), Error);
        // A file of the database that is no zone.
        CHECK_THROWS_AS(TimeZone::named("zone.tab"), Error);
    }
    CHECK_THROWS_AS(TimeZone::from_tzif("bad", "not a zone file at all, but long enough to have a header......"),
                    Error);
    CHECK_THROWS_AS(TimeZone::from_tzif("short", "TZif2"), Error);
    std::string truncated = "TZif2";
    truncated.resize(44, '\0');
    truncated[39] = 1; // one type, but no data
    CHECK_THROWS_AS(TimeZone::from_tzif("truncated", truncated), Error);
}

TEST_CASE("the system zone follows TZ as the C library does") {
    if (!have_zone_database()) {
        MESSAGE("skipped: no IANA time zone database in /usr/share/zoneinfo (install tzdata)");
        return;
    }
    {
        const ScopedTz tz("Asia/Taipei");
        CHECK(TimeZone::system().name() == "Asia/Taipei");
    }
    {
        const ScopedTz tz(":America/New_York");
        CHECK(TimeZone::system().format_iso(1772953200) == "2026-03-08T03:00:00-04:00");
    }
    {
        const ScopedTz tz("CST-8");
        CHECK(TimeZone::system().format_minutes(1795656600) == "2026-11-26 09:30 +08:00");
    }
    {
        const ScopedTz tz("");
        CHECK(TimeZone::system().name() == "UTC");
    }
    {
        const ScopedTz tz("No/Such_Zone");
        CHECK(TimeZone::system().format_iso(0) == "1970-01-01T00:00:00+00:00");
    }
}

TEST_CASE("today and shown times use the display zone") {
    const ScopedDisplayZone zone(TimeZone::from_posix("fixed", "<+14>-14"));
    CHECK(display_zone().name() == "fixed");
    setenv("CSWM_TODAY", "2026-02-03", 1);
    CHECK(today_iso() == "2026-02-03");
    unsetenv("CSWM_TODAY");
    const std::time_t now = std::time(nullptr);
    CHECK(today_iso() == TimeZone::from_posix("fixed", "<+14>-14").format_date(static_cast<long long>(now)));
}
