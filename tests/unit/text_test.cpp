#include "lib/util/text.hpp"

#include <doctest/doctest.h>

using namespace cswm;

TEST_CASE("slugify keeps Chinese letters and drops punctuation") {
    CHECK(slugify("Login latency > 2 s") == "login-latency-2-s");
    CHECK(slugify("登入逾時：修正") == "登入逾時-修正");
    CHECK(slugify("ＡＢＣ１２３") == "abc123");
    CHECK(slugify("  --  ") == "");
}
