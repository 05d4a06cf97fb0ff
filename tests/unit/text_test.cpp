#include "lib/util/dates.hpp"
#include "lib/util/text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

using namespace cswm;

TEST_CASE("slugify keeps Chinese letters and drops punctuation") {
    CHECK(slugify("Login latency > 2 s") == "login-latency-2-s");
    CHECK(slugify("登入逾時：修正") == "登入逾時-修正");
    CHECK(slugify("ＡＢＣ１２３") == "abc123");
    CHECK(slugify("  --  ") == "");
    CHECK(slugify("a/b\\c:d*e?f\"g<h>i|j") == "a-b-c-d-e-f-g-h-i-j");
    CHECK(slugify(std::string(100, 'x')).size() == 60);
    // Never cuts a character in half.
    const std::string long_chinese = slugify("預覽服務遷移到雲端託管服務的可行性分析報告與方案比較");
    CHECK_FALSE(find_invalid_utf8(long_chinese).has_value());
    CHECK(long_chinese.size() <= 60);
}

TEST_CASE("display width counts CJK characters as two columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("測試報告") == 8);
    CHECK(pad_to_width("測試", 6) == "測試  ");
}

TEST_CASE("printable escapes control bytes and cuts long text at a character boundary") {
    CHECK(printable("a\x1b[31mb") == "a\\x1b[31mb");
    CHECK(printable("bad \xff byte") == "bad \\xff byte");
    const std::string cut = printable("中文中文中文", 7);
    CHECK(cut == "中文中…");
}

TEST_CASE("invalid UTF-8 is found at its first byte") {
    CHECK_FALSE(find_invalid_utf8("plain ascii and 中文").has_value());
    CHECK(find_invalid_utf8("ab\x80").value() == 2);
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80").value() == 0); // past U+10FFFF
    CHECK(find_invalid_utf8("\xE4\xB8").value() == 0);         // truncated
}

TEST_CASE("positions count characters, not bytes") {
    const std::string text = "中文: x\nab";
    CHECK(position_of_offset(text, text.find('x')).column == 5);
    CHECK(position_of_offset(text, text.find('b')).line == 2);
}

TEST_CASE("closest_match suggests near names only") {
    const std::vector<std::string> names{"check", "init", "list", "show"};
    CHECK(closest_match("chek", names).value() == "check");
    CHECK_FALSE(closest_match("frobnicate", names).has_value());
}

namespace {

/// The date checks as they were written with std::regex, the reference for the
/// hand-written ones.
bool reference_iso_date(const std::string& text) {
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

bool reference_iso_datetime(const std::string& text) {
    static const std::regex form(
        "([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))");
    std::smatch match;
    if (!std::regex_match(text, match, form) || !reference_iso_date(match[1])) {
        return false;
    }
    const bool offset_ok = !match[7].matched || (std::stoi(match[7]) < 24 && std::stoi(match[8]) < 60);
    return std::stoi(match[2]) < 24 && std::stoi(match[3]) < 60 && std::stoi(match[4]) <= 60 && offset_ok;
}

} // namespace

TEST_CASE("dates and times are recognised exactly as the regexes did") {
    const std::vector<std::string> dates = {
        "2026-01-05", "2026-02-29",  "2024-02-29",  "1900-02-29",  "2000-02-29",     "2026-13-01", "2026-00-10",
        "2026-04-31", "2026-04-30",  "0000-01-01",  "9999-12-31",  "2026-1-05",      "2026-01-5",  "26-01-05",
        "2026/01/05", "2026-01-05 ", " 2026-01-05", "2026-01-050", "２０２６-01-05", "",           "2026-01-0a"};
    for (const std::string& text : dates) {
        CAPTURE(text);
        CHECK(is_iso_date(text) == reference_iso_date(text));
    }
    std::vector<std::string> times;
    for (const char* date : {"2026-11-26", "2026-02-30"}) {
        for (const char* clock : {"T09:30:00", "t23:59:60", "T24:00:00", "T09:60:00", "T09:30:61", "T9:30:00", "T09:30",
                                  " 09:30:00", "T09:30:00.5", "T09:30:00.", "T09:30:00.123456"}) {
            for (const char* zone :
                 {"+08:00", "-05:30", "Z", "z", "+24:00", "+08:60", "+0800", "+08:0", "", "Z ", "+08:00:00", "X"}) {
                times.push_back(std::string(date) + clock + zone);
            }
        }
    }
    for (const std::string& text : times) {
        CAPTURE(text);
        CHECK(is_iso_datetime(text) == reference_iso_datetime(text));
    }
}

TEST_CASE("closest_match skips candidates that cannot be nearer, with the same answers") {
    std::vector<std::string> ids;
    for (int i = 1; i <= 3000; ++i) {
        ids.push_back(fmt::format("REQ-{:03}", i));
    }
    ids.push_back("TC-107");
    CHECK(closest_match("REQ-0012", ids).value() == "REQ-001"); // first of the nearest
    CHECK(closest_match("tc-170", ids).value() == "TC-107");
    CHECK(closest_match("req-2999", ids).value() == "REQ-2999");
    CHECK_FALSE(closest_match("SOMETHING-ELSE-ENTIRELY", ids).has_value());
    CHECK(closest_match("", std::vector<std::string>{"ab", "a"}).value() == "a");
}
