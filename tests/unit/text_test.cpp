#include "lib/util/text.hpp"

#include <doctest/doctest.h>

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
    CHECK(position_of_mark(text, 0, 8).column == 5); // yaml-cpp counts bytes
}

TEST_CASE("closest_match suggests near names only") {
    const std::vector<std::string> names{"check", "init", "list", "show"};
    CHECK(closest_match("chek", names).value() == "check");
    CHECK_FALSE(closest_match("frobnicate", names).has_value());
}
