#include "lib/ops/renumber.hpp"
#include "lib/util/error.hpp"
#include "lib/workspace/journal.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
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

namespace {

/// A fresh folder, removed with everything in it.
struct Folder {
    fs::path path;
    Folder() {
        std::string pattern = (fs::temp_directory_path() / "cswm-journal-test.XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~Folder() {
        std::error_code error;
        fs::remove_all(path, error);
    }
    Folder(const Folder&) = delete;
    Folder& operator=(const Folder&) = delete;
};

void put(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

std::string text_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A renumber's plan: a.yaml edited in place, OLD-1.yaml renamed to NEW-1.yaml.
Journal plan() {
    return {"renumber OLD-1 NEW-1",
            {{"a.yaml", "a.yaml", "see OLD-1\n", "see NEW-1\n"},
             {"OLD-1.yaml", "NEW-1.yaml", "id: OLD-1\n", "id: NEW-1\n"}}};
}

} // namespace

TEST_CASE("a plan left by a killed renumber is finished from any mix of old and new files") {
    Folder root;
    const fs::path journal = root.path / "git" / "cswm" / "journal.json";
    // Each state a kill can leave: nothing written, one file written, the rename half done
    // (new name made, old name still there), everything written but the plan not removed.
    const std::vector<std::vector<std::pair<std::string, std::string>>> states{
        {{"a.yaml", "see OLD-1\n"}, {"OLD-1.yaml", "id: OLD-1\n"}},
        {{"a.yaml", "see NEW-1\n"}, {"OLD-1.yaml", "id: OLD-1\n"}},
        {{"a.yaml", "see NEW-1\n"}, {"OLD-1.yaml", "id: OLD-1\n"}, {"NEW-1.yaml", "id: NEW-1\n"}},
        {{"a.yaml", "see NEW-1\n"}, {"NEW-1.yaml", "id: NEW-1\n"}},
    };
    for (const auto& state : states) {
        fs::remove(root.path / "OLD-1.yaml");
        fs::remove(root.path / "NEW-1.yaml");
        for (const auto& [name, text] : state) {
            put(root.path / name, text);
        }
        write_journal(journal, plan());
        CHECK(read_journal(journal)->entries.size() == 2);
        const Settled settled = settle_journal(journal, root.path);
        CHECK(settled.outcome == Settled::Outcome::finished);
        CHECK(settled.what == "renumber OLD-1 NEW-1");
        CHECK(text_of(root.path / "a.yaml") == "see NEW-1\n");
        CHECK(text_of(root.path / "NEW-1.yaml") == "id: NEW-1\n");
        CHECK_FALSE(fs::exists(root.path / "OLD-1.yaml"));
        CHECK_FALSE(fs::exists(journal));
    }
    CHECK(settle_journal(journal, root.path).outcome == Settled::Outcome::nothing);
}

TEST_CASE("a plan that cannot be finished is rolled back as a whole") {
    Folder root;
    const fs::path journal = root.path / "journal.json";
    put(root.path / "a.yaml", "see OLD-1\n");
    put(root.path / "OLD-1.yaml", "id: OLD-1\n");
    Journal journal_plan = plan();
    journal_plan.entries[1].to = "gone/NEW-1.yaml"; // its folder is missing: the rename fails
    write_journal(journal, journal_plan);
    const Settled settled = settle_journal(journal, root.path);
    CHECK(settled.outcome == Settled::Outcome::rolled_back);
    CHECK(text_of(root.path / "a.yaml") == "see OLD-1\n");
    CHECK(text_of(root.path / "OLD-1.yaml") == "id: OLD-1\n");
    CHECK_FALSE(fs::exists(journal));
}

TEST_CASE("a plan whose file was changed by hand since is left alone, with an error naming it") {
    Folder root;
    const fs::path journal = root.path / "journal.json";
    put(root.path / "a.yaml", "edited by hand\n");
    put(root.path / "OLD-1.yaml", "id: OLD-1\n");
    write_journal(journal, plan());
    CHECK_THROWS_WITH_AS(settle_journal(journal, root.path), doctest::Contains("a.yaml was changed since"), Error);
    CHECK(text_of(root.path / "a.yaml") == "edited by hand\n");
    CHECK(text_of(root.path / "OLD-1.yaml") == "id: OLD-1\n");
    CHECK(fs::exists(journal));
    put(journal, "{not json");
    CHECK_THROWS_WITH_AS(read_journal(journal), doctest::Contains("cannot be read"), Error);
}
