#include "lib/report/import_report.hpp"

#include "lib/util/text.hpp"

#include <fmt/format.h>

namespace cswm {
namespace {

/// Names listed in one warning; more are counted.
constexpr std::size_t k_listed = 10;

std::string plural(std::size_t count, const char* noun) {
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string listed(const std::vector<std::string>& names) {
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < names.size() && i < k_listed; ++i) {
        shown.push_back(printable(names[i], 120));
    }
    std::string text = join(shown, ", ");
    if (names.size() > k_listed) {
        text += fmt::format(" and {} more", names.size() - k_listed);
    }
    return text;
}

std::string tally_text(const CaseTally& tally) {
    std::string text = plural(tally.tests, "test");
    if (tally.failed > 0) {
        text += fmt::format(", {} failed", tally.failed);
    }
    if (tally.skipped > 0) {
        text += fmt::format(", {} skipped", tally.skipped);
    }
    if (tally.flaky > 0) {
        text += fmt::format(", {} flaky", tally.flaky);
    }
    return text;
}

int count_of(const nlohmann::ordered_json& summary, const char* key) {
    const auto found = summary.find(key);
    return found != summary.end() && found->is_number_integer() ? found->get<int>() : 0;
}

} // namespace

void write_import_text(std::ostream& out, const JunitImportResult& result) {
    if (result.created) {
        out << fmt::format("created {} {}\n", result.id, result.path);
    } else if (result.changed) {
        out << fmt::format("filled {} {}\n", result.id, result.path);
    } else {
        out << fmt::format("{} {} already holds these results: nothing changed\n", result.id, result.path);
    }
    out << fmt::format("{} from {} for {}, commit {}\n", plural(result.tests, "test"),
                       plural(result.files.size(), "file"), result.quality_spec, result.commit);
    std::size_t width = 8;
    for (const CaseTally& tally : result.cases) {
        width = std::max(width, tally.case_id.size());
    }
    for (const CaseTally& tally : result.cases) {
        if (tally.tests == 0 && tally.recorded.empty()) {
            out << fmt::format("  {:<{}}  no result\n", tally.case_id, width);
        } else if (tally.tests == 0) {
            out << fmt::format("  {:<{}}  {:<7}  as {} had it\n", tally.case_id, width, tally.recorded, result.id);
        } else {
            out << fmt::format("  {:<{}}  {:<7}  {}\n", tally.case_id, width,
                               tally.recorded.empty() ? tally.outcome : tally.recorded, tally_text(tally));
        }
    }
    if (!result.unmapped.empty()) {
        out << fmt::format("  {:<{}}  {:<7}  {}{} (unmapped_tests)\n", "unmapped", width, "",
                           plural(result.unmapped.size(), "test"),
                           result.unmapped_failed > 0 ? fmt::format(", {} failed", result.unmapped_failed) : "");
    }
    const nlohmann::ordered_json& summary = result.summary;
    out << fmt::format("summary: {}: {} passed, {} failed, {} blocked, {} skipped; {} flaky\n",
                       plural(static_cast<std::size_t>(count_of(summary, "total")), "result"),
                       count_of(summary, "passed"), count_of(summary, "failed"), count_of(summary, "blocked"),
                       count_of(summary, "skipped"), count_of(summary, "flaky"));
}

void write_import_warnings(std::ostream& err, const JunitImportResult& result) {
    for (const ImportedFile& file : result.files) {
        if (file.tests == 0) {
            err << fmt::format("warning: {} holds no test cases\n", file.source);
        }
        if (file.odd_times > 0) {
            err << fmt::format("warning: {}: {} negative, unreadable or implausible (over a week) and left out\n",
                               file.source,
                               file.odd_times == 1 ? "1 duration was" : plural(file.odd_times, "duration") + " were");
        }
        for (const auto& [suite, message] : file.errors) {
            err << fmt::format("warning: {}: suite '{}' reports an error outside any test case, kept as a failure "
                               "in {}'s unmapped_tests: {}\n",
                               file.source, printable(suite, 120), result.id, printable(message, 200));
        }
    }
    for (const ForeignIds& foreign : result.foreign) {
        err << fmt::format("warning: test {} names {}, which {} does not have\n", printable(foreign.test, 120),
                           join(foreign.ids, ", "), result.quality_spec);
    }
    if (!result.unmapped.empty()) {
        err << fmt::format("warning: {} {} to no case of {}, kept in {}'s unmapped_tests{}: {}\n",
                           plural(result.unmapped.size(), "test"), result.unmapped.size() == 1 ? "maps" : "map",
                           result.quality_spec, result.id,
                           result.unmapped_failed > 0 ? fmt::format(" ({} failed)", result.unmapped_failed) : "",
                           listed(result.unmapped));
    }
    std::vector<std::string> unrun;
    for (const CaseTally& tally : result.cases) {
        if (tally.recorded.empty()) {
            unrun.push_back(tally.case_id);
        }
    }
    if (!unrun.empty()) {
        err << fmt::format("warning: {} of {} {} no result: {} outcome is left empty for you to fill in\n",
                           listed(unrun), result.quality_spec, unrun.size() == 1 ? "has" : "have",
                           unrun.size() == 1 ? "its" : "their");
    }
    if (!result.first_day) {
        err << fmt::format("warning: the results carry no timestamps: fill in {}'s period by hand\n", result.id);
    }
}

} // namespace cswm
