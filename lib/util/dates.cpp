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

std::optional<long long> epoch_seconds(const std::string& text) {
    if (text.size() < 10 || !is_iso_date(text.substr(0, 10))) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{std::stoi(text.substr(0, 4))},
                                           std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                           std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    long long seconds = std::chrono::sys_days{date}.time_since_epoch().count() * 86400LL;
    if (text.size() == 10) {
        return seconds;
    }
    if (!is_iso_datetime(text)) {
        return std::nullopt;
    }
    seconds +=
        std::stoll(text.substr(11, 2)) * 3600 + std::stoll(text.substr(14, 2)) * 60 + std::stoll(text.substr(17, 2));
    const std::size_t zone = text.find_first_of("Zz+-", 19);
    if (zone != std::string::npos && (text[zone] == '+' || text[zone] == '-')) {
        const long long offset =
            std::stoll(text.substr(zone + 1, 2)) * 3600 + std::stoll(text.substr(zone + 4, 2)) * 60;
        seconds += text[zone] == '+' ? -offset : offset;
    }
    return seconds;
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
