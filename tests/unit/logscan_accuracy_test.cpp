// Grouping accuracy of logscan's miner on the Loghub-2k samples, against Drain's published
// figures (He et al., ICWS 2017; Zhu et al., ICSE-SEIP 2019). The samples live beside the
// project, in ../shared/data/loghub; the test says so and passes when they are absent.

#include "lib/logscan/scan.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace cswm::logscan;
namespace fs = std::filesystem;

namespace {

struct Dataset {
    const char* name;
    const char* line_format; ///< as Loghub's benchmark writes it
    double drain;            ///< Drain's published grouping accuracy
};

constexpr Dataset k_datasets[] = {
    {"HDFS", "<Date> <Time> <Pid> <Level> <Component>: <Content>", 0.9975},
    {"Apache", "\\[<Time>\\] \\[<Level>\\] <Content>", 1.0},
    {"OpenSSH", "<Date> <Day> <Time> <Component> sshd\\[<Pid>\\]: <Content>", 0.7875},
    {"Zookeeper", "<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>", 0.9665},
};

/// The fields of one CSV record (RFC 4180 quoting, one record a line).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

/// LineId → EventId from a Loghub structured CSV.
std::map<std::uint64_t, std::string> ground_truth(const fs::path& csv) {
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = csv_fields(line);
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const std::size_t line_id = column("LineId");
    const std::size_t event_id = column("EventId");
    std::map<std::uint64_t, std::string> truth;
    while (std::getline(in, line)) {
        const std::vector<std::string> fields = csv_fields(line);
        if (fields.size() == header.size()) {
            truth[std::stoull(fields[line_id])] = fields[event_id];
        }
    }
    return truth;
}

/// Share of lines whose predicted group holds exactly the lines of their true group.
double grouping_accuracy(const std::map<std::uint64_t, std::string>& truth,
                         const std::map<std::uint64_t, SignatureId>& predicted) {
    std::map<SignatureId, std::vector<std::uint64_t>> groups;
    std::map<std::string, std::size_t> truth_sizes;
    for (const auto& [line, event] : truth) {
        ++truth_sizes[event];
        const auto found = predicted.find(line);
        groups[found == predicted.end() ? 0xFFFFFFFFU : found->second].push_back(line);
    }
    std::size_t correct = 0;
    for (const auto& [signature, lines] : groups) {
        const std::string& event = truth.at(lines.front());
        const bool pure = std::all_of(lines.begin(), lines.end(), [&](auto line) { return truth.at(line) == event; });
        if (signature != 0xFFFFFFFFU && pure && truth_sizes[event] == lines.size()) {
            correct += lines.size();
        }
    }
    return truth.empty() ? 0.0 : static_cast<double>(correct) / static_cast<double>(truth.size());
}

} // namespace

TEST_CASE("grouping accuracy on Loghub-2k meets or beats Drain's published figures") {
    const fs::path loghub = fs::path(CSWM_SHARED_DATA_DIR) / "loghub";
    if (!fs::is_directory(loghub)) {
        MESSAGE("skipped: no Loghub samples in " << loghub.string());
        return;
    }
    std::size_t scored = 0;
    for (const Dataset& dataset : k_datasets) {
        const fs::path folder = loghub / dataset.name;
        const fs::path log = folder / fmt::format("{}_2k.log", dataset.name);
        const fs::path csv = folder / fmt::format("{}_2k.log_structured.csv", dataset.name);
        if (!fs::exists(log) || !fs::exists(csv)) {
            MESSAGE("skipped " << dataset.name << ": not in " << loghub.string());
            continue;
        }
        ScanRequest request;
        request.files = {log.string()};
        request.line_format = dataset.line_format;
        request.today = "2026-01-05";
        std::map<std::uint64_t, SignatureId> predicted;
        const LogScan scan = scan_logs(request, [&](const LineOutcome& outcome) {
            if (outcome.signature) {
                predicted[outcome.line] = *outcome.signature;
            }
        });
        const double accuracy = grouping_accuracy(ground_truth(csv), predicted);
        MESSAGE(fmt::format("{:<10} grouping accuracy {:.4f} (Drain {:.4f}), {} signatures", dataset.name, accuracy,
                            dataset.drain, scan.signatures.size()));
        CHECK(scan.sources[0].entries == 2000);
        CHECK(accuracy >= dataset.drain);
        ++scored;
    }
    CHECK(scored > 0);
}
