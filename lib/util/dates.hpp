#pragma once

#include <string>

namespace cswm {

/// Today's local date as YYYY-MM-DD; the environment variable CSWM_TODAY (YYYY-MM-DD)
/// overrides it, for reproducible scripts and tests.
std::string today_iso();

/// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& text);

} // namespace cswm
