#pragma once

#include <string>

namespace cswm {

/// "REQ-9" < "REQ-10" < "TC-1": IDs by prefix, then number, then text. The one order of
/// IDs in every list, table and chart.
bool id_less(const std::string& a, const std::string& b);

} // namespace cswm
