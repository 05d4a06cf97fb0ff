#pragma once

#include <optional>
#include <string>

namespace cswm {

/// Today's date in the display zone (.cswm.yaml's time_zone, else the system's) as YYYY-MM-DD; the environment variable
/// CSWM_TODAY (YYYY-MM-DD) overrides it, for reproducible scripts and tests.
std::string today_iso();

/// Seconds since 1970 for a date (midnight UTC) or an ISO 8601 date and time with offset,
/// as `is_iso_date`/`is_iso_datetime` accept them; nullopt for anything else.
std::optional<long long> epoch_seconds(const std::string& text);

/// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& text);

/// True for an ISO 8601 date and time with seconds and an offset, such as
/// 2026-11-26T09:30:00+08:00 or 2026-11-26T01:30:00Z, on a real date.
bool is_iso_datetime(const std::string& text);

} // namespace cswm
