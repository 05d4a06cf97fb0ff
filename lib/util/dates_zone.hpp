#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// A time zone read from the system's IANA database (TZif files, with the POSIX TZ rule
/// of their footer for instants past the last transition). An immutable value: GCC 12's
/// libstdc++ has no std::chrono time zones, and localtime_r under a changed TZ is not
/// thread-safe, so cswm reads the zone itself, once, and converts with no shared state.
class TimeZone {
public:
    /// What a zone says about one instant.
    struct Local {
        long long offset = 0;     ///< seconds east of UTC
        std::string abbreviation; ///< such as CST, EDT or +08
    };

    /// Coordinated Universal Time; needs no database.
    static TimeZone utc();
    /// The zone of an IANA name such as Asia/Taipei, read from $TZDIR or /usr/share/zoneinfo.
    /// Throws Error (exit 2) for a name that is malformed or not in the database.
    static TimeZone named(std::string_view name);
    /// The system's zone: TZ when set (an IANA name, a file, or a POSIX rule such as CST-8),
    /// else /etc/localtime, else UTC, as the C library decides.
    static TimeZone system();
    /// A zone from the bytes of a TZif file; throws Error when they are not one.
    static TimeZone from_tzif(std::string name, std::string_view bytes);
    /// A zone from a POSIX TZ rule such as EST5EDT,M3.2.0,M11.1.0; throws Error when malformed.
    static TimeZone from_posix(std::string name, std::string_view rule);

    /// The name: an IANA name, UTC, or the TZ value it came from.
    const std::string& name() const { return m_name; }
    /// Offset and abbreviation in force at `utc_seconds` (seconds since 1970, UTC).
    Local at(long long utc_seconds) const;

    /// "YYYY-MM-DD HH:MM ABBR" in this zone, as history, render and trace show instants.
    std::string format_minutes(long long utc_seconds) const;
    /// "YYYY-MM-DDTHH:MM:SS+HH:MM" in this zone.
    std::string format_iso(long long utc_seconds) const;
    /// "YYYY-MM-DD": the day in this zone.
    std::string format_date(long long utc_seconds) const;

private:
    struct Type {
        long long offset = 0;
        bool dst = false;
        std::string abbreviation;
    };
    /// One half of a POSIX rule: when the change happens in the year (Mm.w.d, Jn or n) and at what local time.
    struct RuleDate {
        char form = 'M'; ///< M, J (1..365, no Feb 29) or 'n' (0..365, counting Feb 29)
        int month = 0, week = 0, weekday = 0, day = 0;
        long long time = 7200; ///< seconds after local midnight (may be negative or past 24h)
    };
    struct PosixRule {
        Type standard;
        bool has_dst = false;
        Type daylight;
        RuleDate start, end;
    };

    static PosixRule parse_posix(std::string_view rule);
    Local by_rule(long long utc_seconds) const;

    std::string m_name;
    std::vector<long long> m_transitions; ///< UTC instants, ascending
    std::vector<std::uint8_t> m_type_of;  ///< the type in force from each transition on
    std::vector<Type> m_types;            ///< m_types[0] before the first transition
    bool m_has_rule = false;              ///< past the last transition, m_rule decides
    PosixRule m_rule;
};

/// The zone in which cswm shows instants to people: set once per run, before any thread
/// starts (cmd/app.cpp from .cswm.yaml's time_zone, bundle from the revision's), then only
/// read. Until set, the system's zone.
const TimeZone& display_zone();

/// Sets the display zone; call it only while no other thread runs.
void set_display_zone(TimeZone zone);

/// Sets the display zone for a scope and restores the one before; single-threaded use only.
class ScopedDisplayZone {
public:
    explicit ScopedDisplayZone(TimeZone zone);
    ~ScopedDisplayZone();
    ScopedDisplayZone(const ScopedDisplayZone&) = delete;
    ScopedDisplayZone& operator=(const ScopedDisplayZone&) = delete;

private:
    TimeZone m_before;
};

} // namespace cswm
