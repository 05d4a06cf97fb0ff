#include "lib/i18n/i18n.hpp"
#include "lib/import/junit_results.hpp"

#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <span>

namespace cswm {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

/// The order of a result's fields in the test-report scaffold.
constexpr const char* k_field_order[] = {"case", "outcome",          "environment", "actual", "evidence",
                                         "fix",  "duration_seconds", "flaky",       "tests",  "notes"};
/// How a note of a case without tests started before the notes followed the document's
/// language (still recognised).
constexpr std::string_view k_no_result = "no JUnit result";

/// The order of the fields of an unmapped_tests entry.
constexpr const char* k_unmapped_order[] = {"tests", "outcome", "actual", "evidence", "duration_seconds",
                                            "flaky", "notes"};

/// A result's fields in the scaffold's order (or those of an unmapped_tests entry), any
/// others after them.
ordered_json in_field_order(const json& entry, std::span<const char* const> order = k_field_order) {
    if (!entry.is_object()) {
        return ordered_json::parse(entry.dump());
    }
    ordered_json ordered;
    for (const char* field : order) {
        if (entry.contains(field)) {
            ordered[field] = ordered_json::parse(entry[field].dump());
        }
    }
    for (const auto& [key, value] : entry.items()) {
        if (!ordered.contains(key)) {
            ordered[key] = ordered_json::parse(value.dump());
        }
    }
    return ordered;
}

/// The fields an import writes in a result; the others (environment, fix) are the
/// document's.
constexpr const char* k_imported_fields[] = {"outcome", "actual", "duration_seconds", "flaky", "tests"};

ordered_json no_result_entry(const std::string& case_id, const std::string& spec_id, i18n::Language language) {
    return ordered_json{{"case", case_id},
                        {"outcome", nullptr},
                        {"notes", tr("import.note-no-result", language, fmt::arg("spec", spec_id))}};
}

/// The fixed text of a catalogue message between its `nth` and `nth + 1` placeholder
/// (0: before the first), in one language: what every note written from it holds.
std::string_view fixed_part(std::string_view key, i18n::Language language, std::size_t nth) {
    std::string_view text = i18n::text(key, language);
    for (std::size_t i = 0; i < nth; ++i) {
        const std::size_t close = text.find('}');
        text = close == std::string_view::npos ? std::string_view() : text.substr(close + 1);
    }
    return text.substr(0, text.find('{'));
}

std::set<std::string> test_names(const json& entry) {
    std::set<std::string> names;
    const auto tests = entry.find("tests");
    if (tests != entry.end() && tests->is_array()) {
        for (const json& name : *tests) {
            if (name.is_string()) {
                names.insert(name.get<std::string>());
            }
        }
    }
    return names;
}

/// Notes an import wrote ("3 JUnit tests: …", "no JUnit result: …"), which a later
/// import may replace; anything else is the author's.
bool import_notes(const json& entry) {
    const auto notes = entry.find("notes");
    if (notes == entry.end() || notes->is_null()) {
        return true;
    }
    if (!notes->is_string()) {
        return false;
    }
    const std::string& text = notes->get_ref<const std::string&>();
    if (text.starts_with(k_no_result)) {
        return true;
    }
    // Written in the document's language, which may have changed since: either is the import's.
    for (const i18n::Language language : {i18n::Language::en, i18n::Language::zh_TW}) {
        if (text.starts_with(fixed_part("import.note-no-result", language, 0)) ||
            text.starts_with(i18n::text("import.note-rerun-one", language)) ||
            (!text.empty() && text[0] >= '0' && text[0] <= '9' &&
             text.find(fixed_part("import.note-tests", language, 1)) != std::string::npos)) {
            return true;
        }
    }
    return false;
}

std::string shown_outcome(const json& entry) {
    const json outcome = entry.value("outcome", json());
    return outcome.is_string() ? outcome.get<std::string>() : outcome.dump();
}

enum class Merge {
    take,     ///< the import's fields replace the entry's
    keep,     ///< the entry holds these results already
    conflict, ///< the entry holds other results
};

/// An entry without an outcome takes the import; one that lists every imported test
/// with the same outcome keeps what it has; one whose tests the import covers (an
/// earlier import of part of this run) gives way; anything else is the author's.
Merge how_to_merge(const json& entry, const json& fresh) {
    if (entry.value("outcome", json()).is_null()) {
        return Merge::take;
    }
    const std::set<std::string> had = test_names(entry);
    const std::set<std::string> got = test_names(fresh);
    if (entry["outcome"] == fresh["outcome"] && std::includes(had.begin(), had.end(), got.begin(), got.end())) {
        return Merge::keep;
    }
    if (!had.empty() && std::includes(got.begin(), got.end(), had.begin(), had.end())) {
        return Merge::take;
    }
    return Merge::conflict;
}

void take_import(json& entry, const json& fresh, bool take) {
    json evidence = entry.value("evidence", json::array());
    evidence = evidence.is_array() ? evidence : json::array();
    for (const json& item : fresh.value("evidence", json::array())) {
        if (std::find(evidence.begin(), evidence.end(), item) == evidence.end()) {
            evidence.push_back(item);
        }
    }
    if (!evidence.empty()) {
        entry["evidence"] = evidence;
    }
    if (!take) {
        return;
    }
    if (import_notes(entry)) {
        entry.erase("notes");
        if (fresh.contains("notes")) {
            entry["notes"] = fresh["notes"];
        }
    }
    for (const char* field : k_imported_fields) {
        entry.erase(field);
        if (fresh.contains(field)) {
            entry[field] = fresh[field];
        }
    }
}

/// A scaffold row: every field empty.
bool says_nothing(const json& entry) {
    if (!entry.is_object()) {
        return false;
    }
    return std::all_of(entry.begin(), entry.end(), [](const json& value) {
        return value.is_null() || (value.is_structured() && value.empty()) || (value.is_string() && value == "");
    });
}

} // namespace

ordered_json merge_results(const json& existing, const ImportedResults& imported, const std::vector<SpecCase>& cases,
                           const std::string& spec_id, const std::string& report_id) {
    std::vector<json> kept;
    if (existing.is_array()) {
        std::copy_if(existing.begin(), existing.end(), std::back_inserter(kept),
                     [](const json& entry) { return !says_nothing(entry); });
    }
    std::vector<bool> used(kept.size(), false);
    ordered_json merged = ordered_json::array();
    std::vector<std::string> conflicts;
    for (const SpecCase& spec_case : cases) {
        const auto found = imported.by_case.find(spec_case.id);
        const ordered_json* fresh = found != imported.by_case.end() ? &found->second : nullptr;
        std::size_t at = 0;
        while (at < kept.size() &&
               (used[at] || !kept[at].is_object() || kept[at].value("case", json()) != spec_case.id)) {
            ++at;
        }
        if (at == kept.size()) {
            merged.push_back(fresh != nullptr ? *fresh : no_result_entry(spec_case.id, spec_id, imported.language));
            continue;
        }
        used[at] = true;
        json entry = kept[at];
        if (fresh != nullptr) {
            const Merge merge = how_to_merge(entry, json::parse(fresh->dump()));
            if (merge == Merge::conflict) {
                conflicts.push_back(fmt::format("{} ({} there)", spec_case.id, shown_outcome(entry)));
                continue;
            }
            take_import(entry, json::parse(fresh->dump()), merge == Merge::take);
        }
        merged.push_back(in_field_order(entry));
    }
    if (!conflicts.empty()) {
        throw Error(tr("import.results-conflict", fmt::arg("id", report_id), fmt::arg("cases", join(conflicts, ", "))));
    }
    // Entries with `case: null` (where an earlier version kept unmapped tests) give way
    // when this import brings all their tests again, unless the author gave them a fix.
    const std::set<std::string> brought(imported.all_names.begin(), imported.all_names.end());
    for (std::size_t at = 0; at < kept.size(); ++at) {
        const std::set<std::string> names = test_names(kept[at]);
        const bool superseded = kept[at].value("case", json()).is_null() && !names.empty() &&
                                kept[at].value("fix", json()).is_null() &&
                                std::includes(brought.begin(), brought.end(), names.begin(), names.end());
        if (!used[at] && !superseded) {
            merged.push_back(in_field_order(kept[at]));
        }
    }
    return merged;
}

ordered_json merge_unmapped(const json& existing, const ImportedResults& imported) {
    // An entry whose tests this import brings again gives way to what the import says of
    // them now (mapped to a case, or unmapped again); the others (another part of the
    // run, or the author's) stay.
    const std::set<std::string> brought(imported.all_names.begin(), imported.all_names.end());
    ordered_json merged = ordered_json::array();
    std::vector<json> others;
    if (existing.is_array()) {
        for (const json& entry : existing) {
            const std::set<std::string> names = test_names(entry);
            const bool superseded =
                !names.empty() && std::includes(brought.begin(), brought.end(), names.begin(), names.end());
            if (!superseded && !says_nothing(entry)) {
                others.push_back(entry);
                merged.push_back(in_field_order(entry, k_unmapped_order));
            }
        }
    }
    for (const ordered_json& entry : imported.unmapped) {
        const json plain = json::parse(entry.dump());
        const bool there = std::any_of(others.begin(), others.end(), [&plain](const json& other) {
            return other.is_object() && other.value("outcome", json()) == plain["outcome"] &&
                   test_names(other) == test_names(plain);
        });
        if (!there) {
            merged.push_back(entry);
        }
    }
    return merged;
}

} // namespace cswm
