#pragma once

#include "lib/i18n/i18n.hpp"

#include "lib/import/junit_mapping.hpp"
#include "lib/import/junit_parser.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace cswm {

/// One JUnit test, the file it came from and the case it maps to.
struct ImportedTest {
    const JunitCase* test = nullptr;
    std::string source; ///< the file, as the report's imported_from names it
    TestMapping mapping;
};

/// How the tests of one spec case came out.
struct CaseTally {
    std::string case_id;
    std::string outcome; ///< passed, failed or skipped; empty when no test maps to the case
    std::size_t tests = 0;
    std::size_t failed = 0; ///< JUnit failures and errors
    std::size_t skipped = 0;
    std::size_t flaky = 0;
    std::string recorded; ///< the outcome the report holds for the case after the import; empty when none
};

/// The report's results as an import makes them, before they meet a document: one entry
/// per spec case that has tests, and the entries of `unmapped_tests` for the tests that
/// map to no case (each failure on its own; the passed and the skipped in one entry each;
/// an error a suite reports outside any test case as a failure of its own).
struct ImportedResults {
    std::map<std::string, nlohmann::ordered_json> by_case;
    std::vector<nlohmann::ordered_json> unmapped; ///< entries of the report's unmapped_tests
    std::vector<CaseTally> tallies;               ///< every spec case, in spec order
    std::vector<std::string> unmapped_names;      ///< `classname.name` of each unmapped test
    std::vector<std::string> all_names;           ///< `classname.name` of every imported test
    i18n::Language language = i18n::Language::en; ///< of the notes and texts written into the report
};

/// How `unmapped_tests` names an error that suite `suite` reports outside any test case.
std::string suite_error_name(const std::string& suite);

/// Adds the error a suite reports outside any test case (a crash in setup, a build that
/// failed) to `results.unmapped` as a failure, so that the report keeps it.
void add_suite_error(ImportedResults& results, const std::string& suite, const std::string& message,
                     const std::string& source, const std::string& spec_id);

/// Groups the tests by case: a case failed when any of its tests failed or errored,
/// passed when any passed (and none failed), skipped when all were skipped; flaky when it
/// passed and a test passed only on a rerun. Durations add up; failures keep their
/// messages and types in `actual`; the files (with hosts and start times) are evidence.
ImportedResults build_results(const std::vector<ImportedTest>& tests, const std::vector<SpecCase>& cases,
                              const std::string& spec_id, i18n::Language language = i18n::Language::en);

/// The results list of a report that held `existing` once the import is in: spec cases
/// in spec order (the document's entry for a case kept, and given the imported outcome
/// when it has none yet), then the document's other entries (but not entries with
/// `case: null`, without a fix, whose tests this import brings again: an earlier
/// version wrote unmapped tests there). Rows of the scaffold that say nothing are
/// dropped. Throws Error (exit 2) when the document already records an outcome that
/// differs from the imported one.
nlohmann::ordered_json merge_results(const nlohmann::json& existing, const ImportedResults& imported,
                                     const std::vector<SpecCase>& cases, const std::string& spec_id,
                                     const std::string& report_id);

/// The report's unmapped_tests once the import is in: the document's entries whose tests
/// this import does not bring again, then the import's entries not already there.
nlohmann::ordered_json merge_unmapped(const nlohmann::json& existing, const ImportedResults& imported);

/// The summary block counted from a results list: total (results with an outcome),
/// passed, failed, blocked, skipped, and flaky.
nlohmann::ordered_json summarize(const nlohmann::ordered_json& results);

} // namespace cswm
