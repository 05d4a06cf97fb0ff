// Places made on demand (Places::on_demand) against places recorded while parsing.
#include "fuzz/entries.hpp"
#include "lib/util/files.hpp"
#include "lib/yaml/loader.hpp"
#include "tests/unit/sample_documents.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace cswm;
namespace fs = std::filesystem;

namespace {

const char* const k_document =
    "kind: srs\nid: SRS-001\nrequirements:\n  - id: REQ-001\n    statement: The system shall "
    "answer.\n  - id: REQ-002\n    statement: The system shall log.\n";

} // namespace

TEST_CASE("places made on demand are the places recorded while parsing, for good and broken documents") {
    const std::vector<fs::path> files = testing::sample_document_files();
    REQUIRE(files.size() > 20);
    for (const fs::path& file : files) {
        CAPTURE(file.string());
        const ReadResult read = read_regular_file(file, 1U << 24U);
        REQUIRE(read.problem == ReadProblem::none);
        const std::string& text = read.content;
        const ParsedYaml recorded = parse_yaml_document(text, YamlLimits{});
        const ParsedYaml later = parse_yaml_document(text, YamlLimits{}, Places::on_demand);
        CHECK(fuzz::parse_outline(later) == fuzz::parse_outline(recorded));
    }
}

TEST_CASE("places on demand: the source is read once, when a place is first asked for, from any thread") {
    std::atomic<int> reads = 0;
    const ParsedYaml parsed =
        parse_yaml_document(k_document, YamlLimits{}, Places::on_demand, [&]() -> std::optional<std::string> {
            ++reads;
            return std::string(k_document);
        });
    REQUIRE(parsed.root);
    CHECK(reads == 0);
    std::vector<std::thread> threads;
    std::vector<int> lines(8);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        threads.emplace_back([&, i] { lines[i] = parsed.place_of("/requirements/1/statement").value.line; });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    CHECK(reads == 1);
    for (const int line : lines) {
        CHECK(line == 7);
    }
    const ParsedYaml copy = parsed; // copies share the table made once
    CHECK(copy.places().size() == parsed.places().size());
    CHECK(reads == 1);
}

TEST_CASE("places on demand: a text changed since it was parsed, or gone, gives no places rather than wrong ones") {
    const std::string changed = std::string("# a comment that moves every line\n") + k_document;
    const ParsedYaml moved = parse_yaml_document(k_document, YamlLimits{}, Places::on_demand,
                                                 [&]() -> std::optional<std::string> { return changed; });
    CHECK(moved.places().size() == 0);
    CHECK(moved.place_of("/requirements/1/statement").value.line == 0);

    const ParsedYaml gone = parse_yaml_document(k_document, YamlLimits{}, Places::on_demand,
                                                []() -> std::optional<std::string> { return std::nullopt; });
    CHECK(gone.places().size() == 0);
    REQUIRE(gone.root);
    CHECK((*gone.root)["id"] == "SRS-001"); // the data stays
}

TEST_CASE("places on demand: a text with a problem has its places at once, and the source is never read") {
    bool read = false;
    const ParsedYaml parsed = parse_yaml_document("kind: srs\nid: SRS-001\nid: SRS-002\n", YamlLimits{},
                                                  Places::on_demand, [&]() -> std::optional<std::string> {
                                                      read = true;
                                                      return std::nullopt;
                                                  });
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].rule == "duplicate-key");
    CHECK(parsed.places().find("/id") != nullptr);
    CHECK_FALSE(read);
}
