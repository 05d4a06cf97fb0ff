#pragma once

#include <string>
#include <string_view>

namespace cswm {

/// The SHA-256 digest of `data` (FIPS 180-4), as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

} // namespace cswm
