#pragma once

#include "lib/import/junit_results.hpp"
#include "lib/yaml/loader.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cswm {

/// What an import puts into a test report.
struct ReportFill {
    std::string report_id; ///< for messages
    std::string quality_spec;
    std::string commit; ///< full SHA
    std::optional<std::string> first_day;
    std::optional<std::string> last_day;
    std::vector<std::string> sources; ///< for imported_from
    const ImportedResults* results = nullptr;
    const std::vector<SpecCase>* cases = nullptr;
    std::uintmax_t max_bytes = 1U << 20U; ///< limits.max_document_bytes
};

/// A test report as an import leaves it.
struct FilledReport {
    std::string text;
    nlohmann::ordered_json results;  ///< as written
    nlohmann::ordered_json unmapped; ///< unmapped_tests as written (empty and absent are alike)
    nlohmann::ordered_json summary;  ///< as written
};

/// A test report (a fresh scaffold or a draft) once the import is in, edited surgically:
/// quality_spec and commit set where empty, the period widened to the run's days, the
/// files added to imported_from, and the results, unmapped_tests (added after results
/// when the import has some) and summary blocks rewritten (merge_results,
/// merge_unmapped, summarize); every other line stays as it was. Throws Error (nothing
/// to write) when the draft records another quality spec, commit or outcome, or does
/// not parse cleanly.
FilledReport fill_test_report(const std::string& text, const ReportFill& fill, const YamlLimits& limits);

} // namespace cswm
