// Replays every input the fuzzers found a bug with (fuzz/regressions/<target>/) and the
// seed corpus (fuzz/corpus/<target>/) through the fuzz targets' own code, so that the
// normal suite keeps each fixed crash fixed without libFuzzer or clang.

#include "fuzz/entries.hpp"
#include "lib/util/files.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs(const fs::path& folder) {
    std::vector<fs::path> files;
    if (fs::is_directory(folder)) {
        for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
            if (entry.is_regular_file() && entry.path().filename() != "README.md") {
                files.push_back(entry.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::size_t replay(const std::string& kind) {
    std::size_t count = 0;
    for (const cswm::fuzz::Target& target : cswm::fuzz::targets()) {
        for (const fs::path& file : inputs(fs::path(CSWM_SOURCE_DIR) / "fuzz" / kind / target.name)) {
            CAPTURE(file.string());
            target.run(cswm::read_file_or_throw(file)); // a crash or abort here fails the suite
            ++count;
        }
    }
    return count;
}

} // namespace

TEST_CASE("every fuzz target is found by its name") {
    for (const cswm::fuzz::Target& target : cswm::fuzz::targets()) {
        CHECK(cswm::fuzz::find_target(target.name) == &target);
    }
    CHECK(cswm::fuzz::find_target("no such target") == nullptr);
}

TEST_CASE("the inputs fuzzers once crashed on run clean") {
    replay("regressions");
}

TEST_CASE("the seed corpus runs clean, and every target has one") {
    for (const cswm::fuzz::Target& target : cswm::fuzz::targets()) {
        CAPTURE(target.name);
        CHECK(!inputs(fs::path(CSWM_SOURCE_DIR) / "fuzz" / "corpus" / target.name).empty());
    }
    CHECK(replay("corpus") > 0);
}
