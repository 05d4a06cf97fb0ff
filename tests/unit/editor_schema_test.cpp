#include "lib/catalog/catalog.hpp"
#include "lib/check/rules.hpp"
#include "lib/model/document.hpp"
#include "lib/ops/schema_export.hpp"
#include "lib/util/files.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

using namespace cswm;
namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path;
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "cswm-editor-schema.XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempFolder() {
        std::error_code error;
        fs::remove_all(path, error);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
};

Document document_at(const fs::path& root, const std::string& relative, const Kind* kind, const std::string& text) {
    Document document;
    document.path = relative;
    document.file = root / relative;
    document.kind = kind;
    document.id = "TR-001";
    document.modeline = find_schema_modeline(text);
    return document;
}

} // namespace

TEST_CASE("find_schema_modeline reads the comment yaml-language-server reads") {
    const auto first = find_schema_modeline("# yaml-language-server: $schema=../../.cswm/schemas/srs.schema.json\n"
                                            "kind: srs\n");
    REQUIRE(first);
    CHECK(first->schema == "../../.cswm/schemas/srs.schema.json");
    CHECK(first->line == 1);
    CHECK(first->column == 33);
    const auto later = find_schema_modeline("kind: srs\r\nid: SRS-001\r\n  #   yaml-language-server :  $schema=x.json  "
                                            "trailing\r\n");
    REQUIRE(later);
    CHECK(later->schema == "x.json");
    CHECK(later->line == 3);
    // Not a modeline: a value, no blank after '#', no colon, no $schema.
    CHECK_FALSE(find_schema_modeline("title: yaml-language-server: $schema=x.json\n"));
    CHECK_FALSE(find_schema_modeline("#yaml-language-server: $schema=x.json\n"));
    CHECK_FALSE(find_schema_modeline("# yaml-language-server $schema=x.json\n"));
    CHECK_FALSE(find_schema_modeline("# yaml-language-server: format=x\n"));
    CHECK_FALSE(find_schema_modeline("# yaml-language-server: $schema=\n"));
    CHECK_FALSE(find_schema_modeline(""));
    // The first modeline is the one that counts.
    const auto two = find_schema_modeline("# yaml-language-server: $schema=a.json\n# yaml-language-server: "
                                          "$schema=b.json\n");
    REQUIRE(two);
    CHECK(two->schema == "a.json");
}

TEST_CASE("schema_modeline is relative from the document's folder, for any clone") {
    CHECK(schema_modeline("/repo/maint/srs/SRS-001-x.yaml", "/repo", "srs") ==
          "# yaml-language-server: $schema=../../.cswm/schemas/srs.schema.json\n");
    CHECK(schema_modeline("/repo/docs/maint/test-report/TR-001.yaml", "/repo", "test-report") ==
          "# yaml-language-server: $schema=../../../.cswm/schemas/test-report.schema.json\n");
    CHECK(schema_modeline("/repo/./maint/../maint/srs/SRS-001.yaml", "/repo/", "srs") ==
          "# yaml-language-server: $schema=../../.cswm/schemas/srs.schema.json\n");
}

TEST_CASE("export_schema writes once, then finds the file current; a changed file is stale") {
    const TempFolder temp;
    const Catalog& catalog = Catalog::builtin();
    const Kind* kind = catalog.find("srs");
    REQUIRE(kind != nullptr);
    const fs::path file = schema_file(temp.path, "srs");
    CHECK(exported_schema_state(file, kind->schema) == SchemaState::missing);
    const ExportedSchema first = export_schema(*kind, temp.path / k_schema_folder);
    CHECK(first.written);
    CHECK(first.file == file);
    CHECK(exported_schema_state(file, kind->schema) == SchemaState::current);
    CHECK_FALSE(export_schema(*kind, temp.path / k_schema_folder).written);
    write_file_atomically(file, "{}\n");
    CHECK(exported_schema_state(file, kind->schema) == SchemaState::stale);
    CHECK(export_schema(*kind, temp.path / k_schema_folder).written);
    CHECK(exported_schema_state(file, kind->schema) == SchemaState::current);
}

TEST_CASE("editor-schema: wrong kind, missing file, stale export; right and URL modelines pass") {
    const TempFolder temp;
    const Catalog& catalog = Catalog::builtin();
    const Kind* report = catalog.find("test-report");
    REQUIRE(report != nullptr);
    const std::string right = "# yaml-language-server: $schema=../../.cswm/schemas/test-report.schema.json\n";
    const std::string wrong = "# yaml-language-server: $schema=../../.cswm/schemas/srs.schema.json\n";
    const std::string missing = "# yaml-language-server: $schema=../schemas/test-report.schema.json\n";
    const std::string url = "# yaml-language-server: $schema=https://example.com/test-report.json\n";
    std::vector<Document> documents{
        document_at(temp.path, "maint/test-report/TR-001.yaml", report, right),
        document_at(temp.path, "maint/test-report/TR-002.yaml", report, wrong),
        document_at(temp.path, "maint/test-report/TR-003.yaml", report, missing),
        document_at(temp.path, "maint/test-report/TR-004.yaml", report, url),
        document_at(temp.path, "maint/test-report/TR-005.yaml", report, "kind: test-report\n"),
    };
    SUBCASE("nothing exported yet: the right modeline names a missing file") {
        Findings findings;
        rules::check_editor_schemas(documents, catalog, temp.path, findings);
        REQUIRE(findings.size() == 3);
        CHECK(findings[0].path == "maint/test-report/TR-001.yaml");
        CHECK(findings[0].message.find("run `cswm schema export`") != std::string::npos);
        CHECK(findings[1].path == "maint/test-report/TR-002.yaml");
        CHECK(findings[1].message ==
              "the yaml-language-server modeline names the srs schema, but this document is a test-report: "
              "change it to $schema=../../.cswm/schemas/test-report.schema.json");
        CHECK(findings[1].line == 1);
        CHECK(findings[1].column == 33);
        CHECK(findings[1].rule == "editor-schema");
        CHECK(findings[1].severity == Severity::warning);
        CHECK(findings[2].message.find("names ../schemas/test-report.schema.json, which does not exist") !=
              std::string::npos);
    }
    SUBCASE("exported: only the wrong kind and the missing file; a stale export is reported at its file") {
        export_schemas(catalog, temp.path / k_schema_folder);
        Findings findings;
        rules::check_editor_schemas(documents, catalog, temp.path, findings);
        CHECK(findings.size() == 2);
        write_file_atomically(schema_file(temp.path, "srs"), "{\"old\": true}\n");
        findings.clear();
        rules::check_editor_schemas(documents, catalog, temp.path, findings);
        REQUIRE(findings.size() == 3);
        CHECK(findings[2].path == ".cswm/schemas/srs.schema.json");
        CHECK(findings[2].message.find("differs from this cswm's") != std::string::npos);
    }
}
