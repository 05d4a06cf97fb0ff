#include "lib/import/junit_import.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/import/report_fill.hpp"
#include "lib/ops/new_document.hpp"
#include "lib/ops/query.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/journal.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <set>

namespace cswm {
namespace {

/// Timestamps before this are placeholders (1970-01-01, 0001-01-01), not runs.
constexpr std::string_view k_first_real_day = "1980-01-01";

Document find_of_kind(const Workspace& workspace, const std::string& id, const char* kind, const char* role) {
    Document document = find_document(workspace, id);
    if (document.kind == nullptr || document.kind->name != kind) {
        throw Error(tr("import.wrong-kind", fmt::arg("id", id),
                       fmt::arg("kind", document.kind != nullptr ? i18n::noun_phrase(document.kind->name)
                                                                 : tr("import.no-known-kind")),
                       fmt::arg("expected", i18n::noun_phrase(kind)), fmt::arg("option", role)));
    }
    return document;
}

/// Parses every file (all before anything is written); a file named twice counts once.
std::vector<JunitFile> read_files(const Workspace& workspace, const JunitImportRequest& request,
                                  std::vector<ImportedFile>& imported) {
    if (request.files.empty()) {
        throw Error(tr("import.no-files"));
    }
    std::vector<JunitFile> files;
    std::set<std::string> seen;
    std::size_t cases = 0;
    for (const std::string& name : request.files) {
        const fs::path path = fs::path(name).is_absolute() ? fs::path(name) : request.cwd / name;
        const std::string source = relative_to(path.lexically_normal(), workspace.root());
        if (!seen.insert(source).second) {
            continue;
        }
        files.push_back(parse_junit_file(path, printable(name, 200), k_junit_max_cases - cases));
        cases += files.back().count();
        ImportedFile file;
        file.source = source;
        file.tests = files.back().count();
        file.odd_times = files.back().odd_times;
        for (const JunitSuite& suite : files.back().suites) {
            if (!suite.error.empty()) {
                file.errors.emplace_back(suite.name, suite.error);
            }
        }
        imported.push_back(std::move(file));
    }
    return files;
}

/// The first and last day of the run, from the timestamps of its tests and suites.
void run_days(const std::vector<ImportedTest>& tests, JunitImportResult& result) {
    std::set<std::string> days;
    for (const ImportedTest& each : tests) {
        if (each.test->timestamp.size() >= 10) {
            days.insert(each.test->timestamp.substr(0, 10));
        }
    }
    for (const std::string& day : days) {
        if (day < k_first_real_day || !is_iso_date(day)) {
            continue;
        }
        result.first_day = result.first_day ? std::min(*result.first_day, day) : day;
        result.last_day = result.last_day ? std::max(*result.last_day, day) : day;
    }
}

std::string default_title(const JunitImportRequest& request, const std::string& commit) {
    if (!request.title.empty()) {
        return request.title;
    }
    const std::string short_sha = commit.substr(0, 7);
    return request.language == "zh-TW" ? fmt::format("{} 自動化測試結果 {}", request.quality_spec, short_sha)
                                       : fmt::format("{} JUnit results on {}", request.quality_spec, short_sha);
}

void check_size(const Workspace& workspace, const std::string& text, const std::string& id) {
    if (text.size() > workspace.config().max_document_bytes) {
        throw Error(tr("import.too-large", fmt::arg("id", id), fmt::arg("size", text.size()),
                       fmt::arg("limit", workspace.config().max_document_bytes)));
    }
}

/// What the report holds for each case once written, and its summary.
void record_outcomes(const FilledReport& filled, JunitImportResult& result) {
    result.summary = filled.summary;
    for (CaseTally& tally : result.cases) {
        for (const nlohmann::ordered_json& entry : filled.results) {
            if (entry.is_object() && entry.value("case", nlohmann::ordered_json()) == tally.case_id) {
                const auto outcome = entry.find("outcome");
                tally.recorded = outcome != entry.end() && outcome->is_string() ? outcome->get<std::string>() : "";
                break;
            }
        }
    }
}

} // namespace

JunitImportResult import_junit(const Workspace& workspace, const JunitImportRequest& request) {
    const Repo& repo = workspace.require_repo("cswm import junit");
    JunitImportResult result;
    result.quality_spec = request.quality_spec;
    result.commit = repo.resolve_commit(request.revision);
    const Document spec = find_of_kind(workspace, request.quality_spec, "quality-spec", "--quality-spec");
    const std::vector<SpecCase> cases = spec_cases(spec.data());
    if (cases.empty()) {
        throw Error(tr("import.spec-without-cases", fmt::arg("id", spec.id), fmt::arg("path", spec.path)));
    }
    std::optional<Document> draft;
    // --into reads, fills and writes a draft as one step under the lock every writer of
    // documents holds (a new report takes it in create_with_next_id instead).
    std::optional<WriteLock> lock;
    if (request.into) {
        lock.emplace(workspace);
        draft = find_of_kind(workspace, *request.into, "test-report", "--into");
        if (draft->status != "draft") {
            throw Error(tr(draft->status.empty() ? "import.into-no-status" : "import.into-not-draft",
                           fmt::arg("id", draft->id), fmt::arg("status", printable(draft->status, 40))));
        }
    }

    const std::vector<JunitFile> files = read_files(workspace, request, result.files);
    std::vector<ImportedTest> tests;
    for (std::size_t i = 0; i < files.size(); ++i) {
        for (const JunitSuite& suite : files[i].suites) {
            for (const JunitCase& test : suite.cases) {
                ImportedTest& each = tests.emplace_back(ImportedTest{&test, result.files[i].source, {}});
                each.mapping = map_test(test, cases);
                if (!each.mapping.foreign_ids.empty()) {
                    result.foreign.push_back({test.full_name(), each.mapping.foreign_ids});
                }
            }
        }
    }
    result.tests = tests.size();
    run_days(tests, result);
    ImportedResults imported =
        build_results(tests, cases, spec.id, i18n::parse_language(request.language).value_or(i18n::Language::en));
    for (const ImportedFile& file : result.files) {
        for (const auto& [suite, message] : file.errors) {
            add_suite_error(imported, suite, message, file.source, spec.id);
        }
    }
    result.cases = imported.tallies;
    result.unmapped = imported.unmapped_names;
    for (const nlohmann::ordered_json& entry : imported.unmapped) {
        if (entry.value("outcome", "") == "failed") {
            result.unmapped_failed += entry.value("tests", nlohmann::ordered_json::array()).size();
        }
    }

    ReportFill fill;
    fill.quality_spec = spec.id;
    fill.commit = result.commit;
    fill.first_day = result.first_day;
    fill.last_day = result.last_day;
    for (const ImportedFile& file : result.files) {
        fill.sources.push_back(file.source);
    }
    fill.results = &imported;
    fill.cases = &cases;
    fill.max_bytes = workspace.config().max_document_bytes;

    if (draft) {
        fill.report_id = draft->id;
        remove_stale_temporaries(draft->file.parent_path());
        const std::string before = read_file_or_throw(draft->file);
        const FilledReport filled = fill_test_report(before, fill, workspace.config().yaml);
        check_size(workspace, filled.text, draft->id);
        result.id = draft->id;
        result.path = draft->path;
        result.changed = filled.text != before;
        if (result.changed) {
            write_file_atomically(draft->file, filled.text);
        }
        record_outcomes(filled, result);
        return result;
    }
    const Kind* kind = workspace.catalog().find("test-report");
    if (kind == nullptr) {
        throw Error("the catalogue has no test-report kind");
    }
    const std::string title = default_title(request, result.commit);
    validate_title(title);
    NewDocumentRequest scaffold{"test-report", title, request.language, request.owner, request.today};
    FilledReport filled;
    const NewDocumentResult created = create_with_next_id(workspace, *kind, title, [&](const std::string& id) {
        fill.report_id = id;
        filled = fill_test_report(render_scaffold(*kind, scaffold, id), fill, workspace.config().yaml);
        check_size(workspace, filled.text, id);
        return filled.text;
    });
    record_outcomes(filled, result);
    result.id = created.id;
    result.path = created.path;
    result.created = true;
    result.changed = true;
    return result;
}

} // namespace cswm
