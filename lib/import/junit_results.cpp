#include "lib/import/junit_results.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace cswm {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

/// Failures listed one by one in `actual`; more are counted.
constexpr std::size_t k_listed_failures = 20;
constexpr std::size_t k_message_bytes = 300;
/// Tests named in the result of one case; a suite of thousands behind one case is
/// counted, with its failures named, rather than listed whole. Unmapped tests are all named.
constexpr std::size_t k_named_tests = 100;
constexpr std::size_t k_all = std::numeric_limits<std::size_t>::max();

std::string test_name(const JunitCase& test) {
    const std::string name = test.full_name();
    return name.empty() ? "(unnamed test)" : name;
}

std::string failure_line(const JunitCase& test, i18n::Language language) {
    if (test.type.empty() && test.message.empty()) {
        return tr(test.outcome == JunitOutcome::error ? "import.note-test-error" : "import.note-test-failed", language,
                  fmt::arg("test", test_name(test)));
    }
    std::string line = test_name(test) + ":";
    if (!test.type.empty()) {
        line += " " + test.type + (test.message.empty() ? "" : ":");
    }
    if (!test.message.empty()) {
        line += " " + printable(test.message.substr(0, test.message.find('\n')), k_message_bytes);
    }
    return line;
}

/// "results/unit.xml (ci-runner-3, 2026-11-23T10:00:00)": a file, its hosts, its first start.
std::vector<std::string> evidence_of(const std::vector<const ImportedTest*>& tests, i18n::Language language) {
    std::vector<std::string> sources;
    std::map<std::string, std::pair<std::vector<std::string>, std::string>> details;
    for (const ImportedTest* each : tests) {
        if (!details.contains(each->source)) {
            sources.push_back(each->source);
        }
        auto& [hosts, started] = details[each->source];
        const std::string& host = each->test->hostname;
        if (!host.empty() && std::find(hosts.begin(), hosts.end(), host) == hosts.end()) {
            hosts.push_back(host);
        }
        const std::string& stamp = each->test->timestamp;
        if (!stamp.empty() && (started.empty() || stamp < started)) {
            started = stamp;
        }
    }
    std::vector<std::string> evidence;
    for (const std::string& source : sources) {
        auto [hosts, started] = details[source];
        if (hosts.size() > 3) {
            const std::size_t more = hosts.size() - 3;
            hosts.resize(3);
            hosts.push_back(tr("import.note-more-hosts", language, fmt::arg("count", more)));
        }
        if (!started.empty()) {
            hosts.push_back(started);
        }
        evidence.push_back(hosts.empty() ? source : fmt::format("{} ({})", source, join(hosts, ", ")));
    }
    return evidence;
}

std::string advice(const std::string& spec_id, i18n::Language language, bool several = false) {
    return tr(several ? "import.note-advice-many" : "import.note-advice-one", language, fmt::arg("spec", spec_id));
}

/// An entry of unmapped_tests: the result entry without its case, the tests first.
ordered_json unmapped_entry(const ordered_json& entry, const std::string& notes) {
    ordered_json unmapped;
    unmapped["tests"] = entry.value("tests", ordered_json::array());
    for (const char* field : {"outcome", "actual", "evidence", "duration_seconds", "flaky"}) {
        if (entry.contains(field)) {
            unmapped[field] = entry[field];
        }
    }
    unmapped["notes"] = notes;
    return unmapped;
}

/// The result entry for a group of tests, or for none (outcome null).
ordered_json entry_for(const json& case_id, const std::vector<const ImportedTest*>& tests, CaseTally& tally,
                       std::size_t max_named, i18n::Language language) {
    ordered_json entry;
    entry["case"] = case_id;
    std::size_t passed = 0;
    double seconds = 0;
    bool timed = false;
    std::vector<std::string> failures;
    std::string skip_message;
    std::vector<std::string> names;
    std::vector<std::string> failed_names;
    std::unordered_set<std::string> seen;
    for (const ImportedTest* each : tests) {
        const JunitCase& test = *each->test;
        ++tally.tests;
        if (test.outcome == JunitOutcome::failed || test.outcome == JunitOutcome::error) {
            ++tally.failed;
            failures.push_back(failure_line(test, language));
        } else if (test.outcome == JunitOutcome::skipped) {
            ++tally.skipped;
            skip_message = skip_message.empty() ? test.message : skip_message;
        } else {
            ++passed;
            tally.flaky += test.flaky ? 1U : 0U;
        }
        if (test.seconds) {
            seconds += *test.seconds;
            timed = true;
        }
        if (std::string name = test_name(test); seen.insert(name).second) {
            if (test.outcome == JunitOutcome::failed || test.outcome == JunitOutcome::error) {
                failed_names.push_back(name);
            }
            names.push_back(std::move(name));
        }
    }
    const std::size_t named = names.size();
    if (named > max_named) {
        // A big suite behind one case: its failures by name, then the first of the others.
        std::unordered_set<std::string> listed(failed_names.begin(), failed_names.end());
        for (std::string& name : names) {
            if (failed_names.size() >= max_named) {
                break;
            }
            if (!listed.contains(name)) {
                failed_names.push_back(std::move(name));
            }
        }
        names = std::move(failed_names);
    }
    tally.outcome = tally.failed > 0 ? "failed" : passed > 0 ? "passed" : "skipped";
    entry["outcome"] = tally.outcome;
    if (tally.failed > 0) {
        if (failures.size() > k_listed_failures) {
            const std::size_t more = failures.size() - k_listed_failures;
            failures.resize(k_listed_failures);
            failures.push_back(tr("import.note-more-failed", language, fmt::arg("count", more)));
        }
        entry["actual"] = join(failures, "\n");
    } else if (passed == 0) {
        const std::string all = tally.tests == 1
                                    ? tr("import.note-skipped", language)
                                    : tr("import.note-all-skipped", language, fmt::arg("count", tally.tests));
        entry["actual"] = skip_message.empty() ? all : all + ": " + printable(skip_message, k_message_bytes);
    }
    entry["evidence"] = evidence_of(tests, language);
    if (timed) {
        entry["duration_seconds"] = std::round(seconds * 1000) / 1000;
    }
    if (tally.outcome == "passed" && tally.flaky > 0) {
        entry["flaky"] = true;
    }
    entry["tests"] = names;
    if (tally.tests > 1) {
        std::vector<std::string> parts;
        if (passed > 0) {
            parts.push_back(tr("import.note-count-passed", language, fmt::arg("count", passed)));
        }
        if (tally.failed > 0) {
            parts.push_back(tr("import.note-count-failed", language, fmt::arg("count", tally.failed)));
        }
        if (tally.skipped > 0) {
            parts.push_back(tr("import.note-count-skipped", language, fmt::arg("count", tally.skipped)));
        }
        entry["notes"] = tr("import.note-tests", language, fmt::arg("count", tally.tests),
                            fmt::arg("parts", join(parts, tr("list.separator", language))));
        if (names.size() < named) {
            entry["notes"] =
                entry["notes"].get<std::string>() +
                tr("import.note-names-some", language, fmt::arg("named", names.size()), fmt::arg("all", named));
        }
    }
    if (tally.flaky > 0 && tally.outcome == "passed") {
        const std::string rerun = tally.tests == 1
                                      ? tr("import.note-rerun-one", language)
                                      : tr("import.note-rerun-many", language, fmt::arg("count", tally.flaky));
        entry["notes"] = entry.contains("notes")
                             ? entry["notes"].get<std::string>() + tr("import.note-separator", language) + rerun
                             : rerun;
    }
    return entry;
}

} // namespace

ImportedResults build_results(const std::vector<ImportedTest>& tests, const std::vector<SpecCase>& cases,
                              const std::string& spec_id, i18n::Language language) {
    ImportedResults results;
    results.language = language;
    std::map<std::string, std::vector<const ImportedTest*>> grouped;
    std::vector<const ImportedTest*> unmapped_passed;
    std::vector<const ImportedTest*> unmapped_skipped;
    for (const ImportedTest& each : tests) {
        results.all_names.push_back(test_name(*each.test));
        if (!each.mapping.case_id.empty()) {
            grouped[each.mapping.case_id].push_back(&each);
            continue;
        }
        results.unmapped_names.push_back(test_name(*each.test));
        const JunitOutcome outcome = each.test->outcome;
        if (outcome == JunitOutcome::failed || outcome == JunitOutcome::error) {
            CaseTally ignored;
            const std::string note =
                each.mapping.foreign_ids.empty()
                    ? tr("import.note-unmapped-test", language, fmt::arg("spec", spec_id),
                         fmt::arg("advice", advice(spec_id, language)))
                    : tr("import.note-unmapped-foreign", language, fmt::arg("spec", spec_id),
                         fmt::arg("ids", join(each.mapping.foreign_ids, tr("list.separator", language))),
                         fmt::arg("advice", advice(spec_id, language)));
            results.unmapped.push_back(unmapped_entry(entry_for(nullptr, {&each}, ignored, k_all, language), note));
        } else {
            (outcome == JunitOutcome::skipped ? unmapped_skipped : unmapped_passed).push_back(&each);
        }
    }
    for (const auto* group : {&unmapped_passed, &unmapped_skipped}) {
        if (group->empty()) {
            continue;
        }
        CaseTally ignored;
        const bool several = group->size() > 1;
        results.unmapped.push_back(
            unmapped_entry(entry_for(nullptr, *group, ignored, k_all, language),
                           tr(several ? "import.note-unmapped-many" : "import.note-unmapped-one", language,
                              fmt::arg("count", group->size()), fmt::arg("spec", spec_id),
                              fmt::arg("advice", advice(spec_id, language, several)))));
    }
    for (const SpecCase& spec_case : cases) {
        CaseTally tally;
        tally.case_id = spec_case.id;
        if (const auto found = grouped.find(spec_case.id); found != grouped.end()) {
            results.by_case[spec_case.id] = entry_for(spec_case.id, found->second, tally, k_named_tests, language);
        }
        results.tallies.push_back(std::move(tally));
    }
    return results;
}

std::string suite_error_name(const std::string& suite) {
    return fmt::format("suite {}", suite.empty() ? "(unnamed)" : suite);
}

void add_suite_error(ImportedResults& results, const std::string& suite, const std::string& message,
                     const std::string& source, const std::string& spec_id) {
    const std::string name = suite_error_name(suite);
    results.unmapped_names.push_back(name);
    results.all_names.push_back(name);
    ordered_json entry;
    entry["tests"] = ordered_json::array({name});
    entry["outcome"] = "failed";
    entry["actual"] = printable(message.substr(0, message.find('\n')), k_message_bytes);
    entry["evidence"] = ordered_json::array({source});
    entry["notes"] = tr("import.note-suite-error", results.language, fmt::arg("spec", spec_id));
    results.unmapped.push_back(std::move(entry));
}

ordered_json summarize(const ordered_json& results) {
    ordered_json summary{{"total", 0}, {"passed", 0}, {"failed", 0}, {"blocked", 0}, {"skipped", 0}, {"flaky", 0}};
    for (const ordered_json& result : results) {
        if (!result.is_object()) {
            continue;
        }
        const auto outcome = result.find("outcome");
        if (outcome == result.end() || !outcome->is_string()) {
            continue;
        }
        const std::string name = outcome->get<std::string>();
        if (name != "passed" && name != "failed" && name != "blocked" && name != "skipped") {
            continue;
        }
        summary["total"] = summary["total"].get<int>() + 1;
        summary[name] = summary[name].get<int>() + 1;
        if (name == "passed" && result.value("flaky", ordered_json()) == true) {
            summary["flaky"] = summary["flaky"].get<int>() + 1;
        }
    }
    return summary;
}

} // namespace cswm
