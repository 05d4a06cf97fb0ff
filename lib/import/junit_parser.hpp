#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

/// The outcome of one JUnit test case as the XML states it; the first of failure, error
/// and skipped decides when a case holds several.
enum class JunitOutcome { passed, failed, error, skipped };

/// "passed", "failed", "error" or "skipped".
const char* outcome_name(JunitOutcome outcome);

/// One `<testcase>`. Text is cleaned: valid UTF-8, no control characters (messages keep
/// their line breaks), bounded length.
struct JunitCase {
    std::string name;
    std::string classname;
    std::string file;
    std::optional<double> seconds; ///< absent when missing, negative, not a number or implausible
    JunitOutcome outcome = JunitOutcome::passed;
    std::string message; ///< of the element that decided the outcome: its message, else its first text line
    std::string type;    ///< of that element, such as AssertionError
    bool flaky = false;  ///< passed after a Surefire flakyFailure/flakyError
    std::vector<std::pair<std::string, std::string>> properties;
    std::string timestamp; ///< the case's own, else its suite's
    std::string hostname;  ///< the case's own, else its suite's
    int line = 0;          ///< line of the `<testcase>` element in the file

    /// `classname.name`, or `name` alone when the classname is empty or the name itself.
    std::string full_name() const;
    /// The value of the first property with this name (ASCII case-insensitive).
    std::optional<std::string> property(std::string_view key) const;
};

/// One `<testsuite>` with the cases directly inside it; nested suites are suites of
/// their own, named by their path ("outer/inner").
struct JunitSuite {
    std::string name;
    std::string timestamp;
    std::string hostname; ///< the hostname attribute, else a `hostname` property
    std::string error;    ///< an `<error>` or `<failure>` directly inside the suite, outside any case
    std::vector<JunitCase> cases;
};

/// Everything read from one JUnit XML file. Counts are those of the test cases found,
/// never the `tests=`/`failures=` the file declares.
struct JunitFile {
    std::string path; ///< as it is named in messages
    std::vector<JunitSuite> suites;
    std::size_t odd_times = 0; ///< time values that were negative, unreadable or implausible

    std::size_t count() const;
    std::size_t count(JunitOutcome outcome) const;
    std::size_t flaky_count() const;
};

/// Files larger than this are refused before they are read.
inline constexpr std::uintmax_t k_junit_max_bytes = 64ULL << 20U;
/// Test cases read in one import, all files together: far above real suites, and a bound
/// on memory for a file of nothing but tiny test cases.
inline constexpr std::size_t k_junit_max_cases = 250'000;

/// Parses JUnit XML text. Throws Error (exit 2) naming `path` with line and column for
/// what is not JUnit XML: empty, not UTF-8, a DTD, malformed XML, another root element.
/// Never reads anything but `text`; entities other than XML's own are never expanded.
/// More than `max_cases` test cases stop it too.
JunitFile parse_junit_text(std::string_view text, const std::string& path, std::size_t max_cases = k_junit_max_cases);

/// Reads a regular file (no symlinks, FIFOs or devices; at most k_junit_max_bytes) and
/// parses it; `display` names it in messages.
JunitFile parse_junit_file(const fs::path& file, const std::string& display, std::size_t max_cases = k_junit_max_cases);

} // namespace cswm
