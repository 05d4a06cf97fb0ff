#include "lib/ops/renumber.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace cswm;

TEST_CASE("find_id_mentions finds an ID as a whole word only") {
    using Offsets = std::vector<std::size_t>;
    CHECK(find_id_mentions("srs: SRS-001", "SRS-001") == Offsets{5});
    CHECK(find_id_mentions("verifies: [REQ-001, REQ-0010, XREQ-001, REQ-001]", "REQ-001") == Offsets{11, 40});
    CHECK(find_id_mentions("file SRS-001-uploads.yaml", "SRS-001") == Offsets{5});
    CHECK(find_id_mentions("\"SRS-001\"", "SRS-001") == Offsets{1});
    CHECK(find_id_mentions("見SRS-001。", "SRS-001") == Offsets{3});
    CHECK(find_id_mentions("OLD-SRS-001 SRS-001_x srs-001", "SRS-001").empty());
    CHECK(find_id_mentions("SRS-001", "SRS-001") == Offsets{0});
    CHECK(find_id_mentions("anything", "").empty());
}
