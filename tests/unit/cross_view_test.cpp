#include "lib/catalog/catalog.hpp"
#include "lib/catalog/field_path.hpp"
#include "lib/check/cross_view.hpp"
#include "lib/check/rules.hpp"
#include "lib/workspace/workspace.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace cswm;

// The warm cache keeps the findings of the rules across documents while no document's
// cross_view changed. These tests hold the prose table to that: on the examples, every
// listed field of every document is replaced by values a rule reading it would notice,
// and those rules must find exactly what they found before.

namespace {

namespace fs = std::filesystem;

Document load(const fs::path& file, const std::string& path) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    Document document;
    document.path = path;
    document.file = fs::path("/repo") / path;
    parse_document_bytes(document, bytes.str(), YamlLimits{}, Catalog::builtin());
    return document;
}

/// The example repository's documents, then each of examples/broken/ put in its place:
/// one document set per mistake, most with findings of the rules across documents.
std::vector<std::vector<Document>> example_sets() {
    const fs::path source(CSWM_SOURCE_DIR);
    std::map<std::string, fs::path> base;
    for (const auto& entry : fs::recursive_directory_iterator(source / "examples" / "repo" / "maint")) {
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
            base[fs::relative(entry.path(), source / "examples" / "repo").generic_string()] = entry.path();
        }
    }
    std::vector<std::map<std::string, fs::path>> sets{base};
    for (const auto& mistake : fs::directory_iterator(source / "examples" / "broken")) {
        if (!fs::is_directory(mistake.path() / "maint")) {
            continue;
        }
        std::map<std::string, fs::path> files = base;
        for (const auto& entry : fs::recursive_directory_iterator(mistake.path() / "maint")) {
            if (entry.is_regular_file()) {
                files[fs::relative(entry.path(), mistake.path()).generic_string()] = entry.path();
            }
        }
        sets.push_back(files);
    }
    std::vector<std::vector<Document>> loaded;
    for (const auto& files : sets) {
        std::vector<Document> documents;
        for (const auto& [path, file] : files) {
            documents.push_back(load(file, path));
        }
        loaded.push_back(std::move(documents));
    }
    // And the clean example made to trip the rules across documents: every document signed
    // off (the chain and fix rules then judge them), every link dangling, every document
    // twice (every ID a duplicate, named by line in the other's message).
    std::vector<Document> signed_off = loaded.front();
    std::vector<Document> dangling = loaded.front();
    std::vector<Document> twice = loaded.front();
    for (std::size_t i = 0; i < signed_off.size(); ++i) {
        Document& document = signed_off[i];
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        const std::string& kind = document.kind->name;
        document.status = kind == "fix-confirmation" ? "verified" : kind == "anomaly-request" ? "accepted" : "approved";
        (*document.yaml.root)["status"] = document.status;
        for (const LinkDefinition& link : document.kind->links) {
            for (const FieldPath::Match& match : link.field.find(dangling[i].data())) {
                (*dangling[i].yaml.root)[nlohmann::json::json_pointer(match.pointer)] = "X-999";
            }
        }
        twice.push_back(loaded.front()[i]);
        twice.back().path += ".copy.yaml";
    }
    loaded.push_back(std::move(signed_off));
    loaded.push_back(std::move(dangling));
    loaded.push_back(std::move(twice));
    return loaded;
}

std::string across(const std::vector<Document>& documents) {
    Findings found;
    rules::check_across(documents, Catalog::builtin(), {30, "2026-11-27"}, "/repo", found);
    sort_findings(found);
    std::string text;
    for (const Finding& finding : found) {
        text += finding.path + ":" + std::to_string(finding.line) + ":" + std::to_string(finding.column) + " " +
                std::string(severity_name(finding.severity)) + " " + finding.rule + " " + finding.id + " " +
                finding.pointer + (finding.at_key ? " key" : "") + ": " + finding.message + "\n";
    }
    return text;
}

/// What a field of prose is replaced by: nothing, and values that a rule reading it would
/// notice (every ID of the set, the document's own non-prose structure, statuses, a SHA).
std::vector<nlohmann::json> replacements(const std::vector<Document>& documents, const Document& document) {
    nlohmann::json ids = nlohmann::json::array();
    for (const Document& each : documents) {
        if (!each.id.empty()) {
            ids.push_back(each.id);
        }
    }
    ids.push_back("REQ-001");
    ids.push_back("TC-001");
    std::string words;
    for (const nlohmann::json& id : ids) {
        words += id.get<std::string>() + " ";
    }
    // Words the rules judge: statuses, outcomes, a SHA, a date, and the weak words of an
    // untestable requirement.
    words += "approved verified closed failed passed 0123456789abcdef0123456789abcdef01234567 2026-01-01 "
             "as appropriate, adequate and/or sufficient if possible";
    // And the shapes rules look into: a review block, a period ending late (the newest
    // report of a spec is chosen by its period's end).
    return {nullptr,
            words,
            ids,
            document.data(),
            nlohmann::json{{"status", "approved"}, {"date", "2020-01-01"}},
            nlohmann::json{{"start", "2020-01-01"}, {"end", "2099-12-31"}, {"date", "2099-12-31"}}};
}

} // namespace

TEST_CASE("cross view: changing prose changes no finding of the rules across documents") {
    std::vector<std::vector<Document>> sets = example_sets();
    REQUIRE(sets.size() > 10);
    std::size_t findings = 0;
    std::size_t changed = 0;
    for (std::vector<Document>& documents : sets) {
        const std::string before = across(documents);
        findings += static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        for (std::size_t d = 0; d < documents.size(); ++d) {
            const Document document = documents[d];
            if (!document.parsed() || document.kind == nullptr) {
                continue;
            }
            const std::string view = cross_view(document);
            // All of a document's prose at once, by each value in turn: a rule that read any
            // of it would find something else.
            for (const nlohmann::json& value : replacements(documents, document)) {
                Document& edited = documents[d];
                const Document kept = edited;
                for (const std::string& field : prose_fields(document.kind->name)) {
                    for (const FieldPath::Match& match : FieldPath(field).find(kept.data())) {
                        (*edited.yaml.root)[nlohmann::json::json_pointer(match.pointer)] = value;
                        ++changed;
                    }
                }
                edited.title = value.is_string() ? value.get<std::string>() : "";
                CHECK_MESSAGE(cross_view(edited) == view, document.path);
                CHECK_MESSAGE(across(documents) == before, document.path << " with its prose " << value.dump());
                edited = kept;
            }
        }
    }
    // The examples must give the rules something to find, and the table something to change.
    CHECK(findings > 100);
    CHECK(changed > 1000);
    MESSAGE(changed << " fields of prose changed over " << sets.size() << " example sets with " << findings
                    << " findings across documents");
}

TEST_CASE("cross view: what the rules across documents read is in it") {
    const std::vector<std::vector<Document>> sets = example_sets();
    const std::vector<Document>& documents = sets.front();
    for (const Document& document : documents) {
        const std::string view = cross_view(document);
        for (const char* key : {"id", "status", "kind"}) {
            Document edited = document;
            (*edited.yaml.root)[key] = "changed";
            CHECK_MESSAGE(cross_view(edited) != view, document.path << " " << key);
        }
        Document moved = document;
        moved.path = "maint/elsewhere.yaml";
        CHECK(cross_view(moved) != view);
        if (document.kind != nullptr) {
            for (const LinkDefinition& link : document.kind->links) {
                for (const FieldPath::Match& match : link.field.find(document.data())) {
                    Document edited = document;
                    (*edited.yaml.root)[nlohmann::json::json_pointer(match.pointer)] = "X-999";
                    CHECK_MESSAGE(cross_view(edited) != view, document.path << " " << match.pointer);
                }
            }
        }
    }
}

TEST_CASE("cross view: every field of prose is a field of its kind's schema") {
    for (const Kind& kind : Catalog::builtin().kinds()) {
        CHECK_MESSAGE(!prose_fields(kind.name).empty(), kind.name);
        for (const std::string& field : prose_fields(kind.name)) {
            const nlohmann::json* schema = &kind.schema;
            std::string rest = field;
            while (!rest.empty() && schema != nullptr) {
                const std::size_t dot = rest.find('.');
                std::string step = rest.substr(0, dot);
                rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
                const bool each = step.ends_with("[]");
                if (each) {
                    step.resize(step.size() - 2);
                }
                const auto properties = schema->find("properties");
                if (properties == schema->end() || !properties->contains(step)) {
                    schema = nullptr;
                    break;
                }
                schema = &(*properties)[step];
                if (each) {
                    schema = schema->contains("items") ? &(*schema)["items"] : nullptr;
                }
            }
            CHECK_MESSAGE(schema != nullptr, kind.name << ": " << field);
        }
    }
}
