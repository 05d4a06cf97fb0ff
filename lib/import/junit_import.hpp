#pragma once

#include "lib/import/junit_results.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cswm {

class Workspace;

struct JunitImportRequest {
    std::vector<std::string> files;  ///< JUnit XML files, as given (relative to `cwd` or absolute)
    std::filesystem::path cwd;       ///< where relative file names start
    std::string quality_spec;        ///< QS-NNN whose cases the tests map to
    std::string revision = "HEAD";   ///< the tested commit, any revision name
    std::optional<std::string> into; ///< TR-NNN of a draft report to fill; else a new report
    std::string title;               ///< of a new report; empty: one naming the spec and commit
    std::string language;            ///< of a new report's scaffold: en or zh-TW
    std::string owner;               ///< of a new report; empty: the scaffold's placeholder
    std::string today;               ///< YYYY-MM-DD
};

/// What one file brought besides its tests.
struct ImportedFile {
    std::string source; ///< as the report's imported_from names it
    std::size_t tests = 0;
    std::size_t odd_times = 0;                               ///< durations left out
    std::vector<std::pair<std::string, std::string>> errors; ///< suite name, error outside any test case
};

/// A test that names TC IDs the quality spec does not have.
struct ForeignIds {
    std::string test;
    std::vector<std::string> ids;
};

struct JunitImportResult {
    std::string id;       ///< the report written (or found up to date)
    std::string path;     ///< its file, relative to the repository root
    bool created = false; ///< a new report; false for --into
    bool changed = false; ///< false when --into found nothing to change
    std::string commit;   ///< full SHA
    std::string quality_spec;
    std::vector<ImportedFile> files;
    std::size_t tests = 0;
    std::vector<CaseTally> cases;         ///< every case of the spec, in its order
    std::vector<std::string> unmapped;    ///< tests that map to no case, kept in unmapped_tests
    std::size_t unmapped_failed = 0;      ///< of which failed or errored
    std::vector<ForeignIds> foreign;      ///< tests naming TC IDs the spec lacks
    std::optional<std::string> first_day; ///< of the run, from the timestamps
    std::optional<std::string> last_day;
    nlohmann::ordered_json summary; ///< as written
};

/// Reads the JUnit files, maps their tests to the quality spec's cases and writes the
/// test report for the commit: a new one with the next free TR ID, or the draft `into`,
/// edited in place (only quality_spec, commit, period, imported_from, results,
/// unmapped_tests and summary change). Every file is parsed and every check made before anything is
/// written, and the write is atomic. Throws Error (exit 2) for a file that is not JUnit
/// XML, an unknown spec or revision, or a draft that records another spec, commit or
/// outcome.
JunitImportResult import_junit(const Workspace& workspace, const JunitImportRequest& request);

} // namespace cswm
