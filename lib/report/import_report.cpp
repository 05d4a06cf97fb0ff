#include "lib/report/import_report.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

namespace cswm {
namespace {

/// Names listed in one warning; more are counted.
constexpr std::size_t k_listed = 10;

std::string tests_text(std::size_t count) {
    return tr(count == 1 ? "import.tests-one" : "import.tests-many", fmt::arg("count", count));
}

std::string listed(const std::vector<std::string>& names) {
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < names.size() && i < k_listed; ++i) {
        shown.push_back(printable(names[i], 120));
    }
    std::string text = join(shown, tr("list.separator"));
    if (names.size() > k_listed) {
        text += tr("import.and-more", fmt::arg("count", names.size() - k_listed));
    }
    return text;
}

std::string tally_text(const CaseTally& tally) {
    std::string text = tests_text(tally.tests);
    if (tally.failed > 0) {
        text += tr("import.tally-failed", fmt::arg("count", tally.failed));
    }
    if (tally.skipped > 0) {
        text += tr("import.tally-skipped", fmt::arg("count", tally.skipped));
    }
    if (tally.flaky > 0) {
        text += tr("import.tally-flaky", fmt::arg("count", tally.flaky));
    }
    return text;
}

int count_of(const nlohmann::ordered_json& summary, const char* key) {
    const auto found = summary.find(key);
    return found != summary.end() && found->is_number_integer() ? found->get<int>() : 0;
}

} // namespace

void write_import_text(std::ostream& out, const JunitImportResult& result) {
    out << tr(result.created   ? "import.created"
              : result.changed ? "import.filled"
                               : "import.unchanged",
              fmt::arg("id", result.id), fmt::arg("path", result.path))
        << '\n';
    out << tr("import.from", fmt::arg("tests", tests_text(result.tests)),
              fmt::arg("files", tr(result.files.size() == 1 ? "import.files-one" : "import.files-many",
                                   fmt::arg("count", result.files.size()))),
              fmt::arg("spec", result.quality_spec), fmt::arg("commit", result.commit))
        << '\n';
    std::size_t width = 8;
    for (const CaseTally& tally : result.cases) {
        width = std::max(width, tally.case_id.size());
    }
    for (const CaseTally& tally : result.cases) {
        const std::string case_id = pad_to_width(tally.case_id, width);
        if (tally.tests == 0 && tally.recorded.empty()) {
            out << tr("import.case-no-result", fmt::arg("case", case_id)) << '\n';
        } else if (tally.tests == 0) {
            out << tr("import.case-as-recorded", fmt::arg("case", case_id), fmt::arg("outcome", tally.recorded),
                      fmt::arg("id", result.id))
                << '\n';
        } else {
            out << fmt::format("  {}  {:<7}  {}\n", case_id, tally.recorded.empty() ? tally.outcome : tally.recorded,
                               tally_text(tally));
        }
    }
    if (!result.unmapped.empty()) {
        out << fmt::format("  {}  {:<7}  ", pad_to_width(tr("import.unmapped"), width), "")
            << tr("import.unmapped-line", fmt::arg("tests", tests_text(result.unmapped.size())),
                  fmt::arg("failed", result.unmapped_failed > 0
                                         ? tr("import.tally-failed", fmt::arg("count", result.unmapped_failed))
                                         : std::string()))
            << '\n';
    }
    const nlohmann::ordered_json& summary = result.summary;
    out << tr("import.summary",
              fmt::arg("results", tr(count_of(summary, "total") == 1 ? "import.results-one" : "import.results-many",
                                     fmt::arg("count", count_of(summary, "total")))),
              fmt::arg("passed", count_of(summary, "passed")), fmt::arg("failed", count_of(summary, "failed")),
              fmt::arg("blocked", count_of(summary, "blocked")), fmt::arg("skipped", count_of(summary, "skipped")),
              fmt::arg("flaky", count_of(summary, "flaky")))
        << '\n';
}

void write_import_warnings(std::ostream& err, const JunitImportResult& result) {
    for (const ImportedFile& file : result.files) {
        if (file.tests == 0) {
            err << tr("import.warning-no-cases", fmt::arg("file", file.source)) << '\n';
        }
        if (file.odd_times > 0) {
            err << tr(file.odd_times == 1 ? "import.warning-odd-time" : "import.warning-odd-times",
                      fmt::arg("file", file.source), fmt::arg("count", file.odd_times))
                << '\n';
        }
        for (const auto& [suite, message] : file.errors) {
            err << tr("import.warning-suite-error", fmt::arg("file", file.source),
                      fmt::arg("suite", printable(suite, 120)), fmt::arg("id", result.id),
                      fmt::arg("message", printable(message, 200)))
                << '\n';
        }
    }
    for (const ForeignIds& foreign : result.foreign) {
        err << tr("import.warning-foreign", fmt::arg("test", printable(foreign.test, 120)),
                  fmt::arg("ids", join(foreign.ids, tr("list.separator"))), fmt::arg("spec", result.quality_spec))
            << '\n';
    }
    if (!result.unmapped.empty()) {
        err << tr(result.unmapped.size() == 1 ? "import.warning-unmapped-one" : "import.warning-unmapped-many",
                  fmt::arg("tests", tests_text(result.unmapped.size())), fmt::arg("spec", result.quality_spec),
                  fmt::arg("id", result.id),
                  fmt::arg("failed", result.unmapped_failed > 0
                                         ? tr("import.unmapped-failed", fmt::arg("count", result.unmapped_failed))
                                         : std::string()),
                  fmt::arg("names", listed(result.unmapped)))
            << '\n';
    }
    std::vector<std::string> unrun;
    for (const CaseTally& tally : result.cases) {
        if (tally.recorded.empty()) {
            unrun.push_back(tally.case_id);
        }
    }
    if (!unrun.empty()) {
        err << tr(unrun.size() == 1 ? "import.warning-unrun-one" : "import.warning-unrun-many",
                  fmt::arg("cases", listed(unrun)), fmt::arg("spec", result.quality_spec))
            << '\n';
    }
    if (!result.first_day) {
        err << tr("import.warning-no-timestamps", fmt::arg("id", result.id)) << '\n';
    }
}

} // namespace cswm
