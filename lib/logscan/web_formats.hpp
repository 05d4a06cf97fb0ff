#pragma once

#include "lib/logscan/record.hpp"

#include <string>
#include <string_view>

namespace cswm::logscan {

/// `[Sun Dec 04 04:47:44 2005] [error] message`, and Apache 2.4's `[core:error] [pid …]`.
bool split_apache_error(std::string_view line, LineFields& out);

/// `2026/11/16 08:14:02 [warn] 1234#1234: *5678 message`.
bool split_nginx_error(std::string_view line, LineFields& out);

/// Common and Combined Log Format: the signature is `METHOD /route STATUS` with the
/// query left out and the route's numbers and IDs masked, built in `scratch`; the level
/// comes from the status (5xx error, 4xx warning, else info).
bool split_access(std::string_view line, LineFields& out, std::string& scratch);

} // namespace cswm::logscan
