#include "lib/util/dates.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <regex>

namespace cswm {

bool is_iso_date(const std::string& text) {
    static const std::regex form("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    std::smatch match;
    if (!std::regex_match(text, match, form)) {
        return false;
    }
    const std::chrono::year_month_day date{std::chrono::year{std::stoi(match[1])},
                                           std::chrono::month{static_cast<unsigned>(std::stoi(match[2]))},
                                           std::chrono::day{static_cast<unsigned>(std::stoi(match[3]))}};
    return date.ok();
}

bool is_iso_datetime(const std::string& text) {
    static const std::regex form(
        "([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))");
    std::smatch match;
    if (!std::regex_match(text, match, form) || !is_iso_date(match[1])) {
        return false;
    }
    const bool offset_ok = !match[7].matched || (std::stoi(match[7]) < 24 && std::stoi(match[8]) < 60);
    return std::stoi(match[2]) < 24 && std::stoi(match[3]) < 60 && std::stoi(match[4]) <= 60 && offset_ok;
}

std::string today_iso() {
    if (const char* fixed = std::getenv("CSWM_TODAY"); fixed != nullptr && *fixed != '\0') {
        if (!is_iso_date(fixed)) {
            throw Error(fmt::format("CSWM_TODAY={} is not a date (YYYY-MM-DD)", fixed));
        }
        return fixed;
    }
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return fmt::format("{:04}-{:02}-{:02}", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

} // namespace cswm
