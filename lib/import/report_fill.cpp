#include "lib/import/report_fill.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/util/error.hpp"
#include "lib/util/text.hpp"
#include "lib/yaml/editor.hpp"
#include "lib/yaml/writer.hpp"

#include <fmt/format.h>

namespace cswm {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

const json* field(const json& data, const char* name) {
    const auto found = data.find(name);
    return found == data.end() ? nullptr : &*found;
}

std::string shown(const json& value) {
    return value.is_string() ? printable(value.get<std::string>(), 60) : value.dump();
}

/// Sets a field that must be empty or hold `value` already.
void set_once(YamlEditor& editor, const ReportFill& fill, const char* name, const std::string& value,
              const std::string& what) {
    const json* current = field(*editor.parsed().root, name);
    if (current == nullptr) {
        throw Error(tr("import.no-field", fmt::arg("id", fill.report_id), fmt::arg("field", name)));
    }
    if (!current->is_null() && *current != value) {
        throw Error(tr("import.records-other", fmt::arg("id", fill.report_id), fmt::arg("field", name),
                       fmt::arg("recorded", shown(*current)), fmt::arg("value", value), fmt::arg("advice", what)));
    }
    editor.set_scalar(std::string("/") + name, value);
}

/// Widens period.start and period.end to cover the run's days.
void widen_period(YamlEditor& editor, const ReportFill& fill) {
    const json* period = field(*editor.parsed().root, "period");
    if (period == nullptr || !period->is_object()) {
        return;
    }
    const auto widen = [&](const char* name, const std::optional<std::string>& day, bool earlier) {
        const json* current = field(*period, name);
        if (!day || current == nullptr) {
            return;
        }
        const bool replace = current->is_null() || !current->is_string() ||
                             (earlier ? *day < current->get<std::string>() : *day > current->get<std::string>());
        if (replace && (current->is_null() || current->is_string())) {
            editor.replace_scalar(std::string("/period/") + name, *day);
            period = field(*editor.parsed().root, "period");
        }
    };
    widen("start", fill.first_day, true);
    widen("end", fill.last_day, false);
}

void add_sources(YamlEditor& editor, const ReportFill& fill) {
    const json& data = *editor.parsed().root;
    if (const json* listed = field(data, "imported_from")) {
        if (!listed->is_null() && !listed->is_array()) {
            throw Error(tr("import.not-a-list", fmt::arg("id", fill.report_id), fmt::arg("field", "imported_from")));
        }
        for (const std::string& source : fill.sources) {
            editor.append_to_list("/imported_from", source);
        }
        return;
    }
    // After the period, where the example reports keep it; else after whatever comes last before results.
    for (const char* sibling : {"period", "testers", "environment", "version", "commit"}) {
        if (field(data, sibling) != nullptr) {
            editor.insert_after(std::string("/") + sibling, "imported_from", ordered_json(fill.sources));
            return;
        }
    }
    throw Error(tr("import.no-place-for-sources", fmt::arg("id", fill.report_id)));
}

std::size_t node_count(const ordered_json& value) {
    std::size_t count = 1;
    if (value.is_structured()) {
        for (const ordered_json& item : value) {
            count += node_count(item);
        }
    }
    return count;
}

/// A report too big for the workspace's limits would be written and then refused by
/// check (or by the editor's own re-read): say so first, and why.
void check_bounds(const YamlEditor& editor, const ordered_json& results, const ordered_json& unmapped,
                  const ReportFill& fill, const YamlLimits& limits) {
    const std::size_t bytes =
        editor.text().size() + yaml_value_text(results, 0, "\n").size() + yaml_value_text(unmapped, 0, "\n").size();
    const std::size_t nodes =
        node_count(ordered_json::parse(editor.parsed().root->dump())) + node_count(results) + node_count(unmapped);
    if (bytes <= fill.max_bytes && nodes <= limits.max_nodes) {
        return;
    }
    const std::string named = fill.results->unmapped_names.empty()
                                  ? std::string()
                                  : tr("import.unmapped-named", fmt::arg("count", fill.results->unmapped_names.size()));
    throw Error(tr("import.report-too-large", fmt::arg("id", fill.report_id), fmt::arg("bytes", bytes),
                   fmt::arg("nodes", nodes), fmt::arg("max_bytes", fill.max_bytes),
                   fmt::arg("max_nodes", limits.max_nodes), fmt::arg("named", named),
                   fmt::arg("spec", fill.quality_spec)));
}

} // namespace

FilledReport fill_test_report(const std::string& text, const ReportFill& fill, const YamlLimits& limits) {
    YamlEditor editor(text, limits);
    const json& data = *editor.parsed().root;
    const json* kind = field(data, "kind");
    if (kind == nullptr || *kind != "test-report") {
        throw Error(tr("import.not-a-test-report", fmt::arg("id", fill.report_id)));
    }
    const json* status = field(data, "status");
    if (status == nullptr || *status != "draft") {
        throw Error(status == nullptr ? tr("import.into-no-status", fmt::arg("id", fill.report_id))
                                      : tr("import.into-not-draft", fmt::arg("id", fill.report_id),
                                           fmt::arg("status", shown(*status))));
    }
    if (field(data, "results") == nullptr || field(data, "summary") == nullptr) {
        throw Error(tr("import.no-results-field", fmt::arg("id", fill.report_id)));
    }
    set_once(editor, fill, "quality_spec", fill.quality_spec, tr("import.advice-new-report"));
    set_once(editor, fill, "commit", fill.commit, tr("import.advice-other-commit"));
    widen_period(editor, fill);
    add_sources(editor, fill);
    FilledReport filled;
    filled.results = merge_results(*field(*editor.parsed().root, "results"), *fill.results, *fill.cases,
                                   fill.quality_spec, fill.report_id);
    const json* unmapped = field(*editor.parsed().root, "unmapped_tests");
    if (unmapped != nullptr && !unmapped->is_null() && !unmapped->is_array()) {
        throw Error(tr("import.not-a-list", fmt::arg("id", fill.report_id), fmt::arg("field", "unmapped_tests")));
    }
    filled.unmapped = merge_unmapped(unmapped != nullptr ? *unmapped : json::array(), *fill.results);
    check_bounds(editor, filled.results, filled.unmapped, fill, limits);
    editor.replace_value("/results", filled.results);
    if (unmapped != nullptr) {
        editor.replace_value("/unmapped_tests", filled.unmapped);
    } else if (!filled.unmapped.empty()) {
        editor.insert_after("/results", "unmapped_tests", filled.unmapped);
    }
    filled.summary = summarize(filled.results);
    editor.replace_value("/summary", filled.summary);
    filled.text = editor.text();
    return filled;
}

} // namespace cswm
