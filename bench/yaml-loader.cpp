// The YAML loader alone: reads every *.yaml file under a folder into memory, then parses
// each with parse_yaml_document and prints the bytes, the CPU time of the parsing and
// MB/s. Build against a release build (see docs/performance.md, "The YAML parser"):
//
//   g++ -std=c++20 -O2 -I. bench/yaml-loader.cpp build/release/lib/libcswm_core.a
//       $(pkg-config --libs yaml-0.1) -lfmt -o /tmp/yaml-loader      (one command)
//   /tmp/yaml-loader /tmp/cswm-bench/repo-10000-1/maint [ROUNDS]
#include "lib/yaml/loader.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: yaml-loader FOLDER [ROUNDS]\n";
        return 2;
    }
    const int rounds = argc > 2 ? std::stoi(argv[2]) : 1;
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            bytes += text.str().size();
            texts.push_back(text.str());
        }
    }
    std::size_t problems = 0;
    std::size_t nodes = 0;
    const double start = cpu_seconds();
    for (int round = 0; round < rounds; ++round) {
        for (const std::string& text : texts) {
            const cswm::ParsedYaml parsed = cswm::parse_yaml_document(text, cswm::YamlLimits{});
            problems += parsed.problems.size();
            nodes += parsed.places.size();
        }
    }
    const double seconds = cpu_seconds() - start;
    const double megabytes = static_cast<double>(bytes) * rounds / 1e6;
    std::cout << texts.size() << " files, " << bytes << " bytes, " << rounds << " round(s): " << seconds << " s CPU, "
              << megabytes / seconds << " MB/s, " << nodes << " nodes, " << problems << " problems\n";
    return 0;
}
