// QuickSchema against valijson: the same yes-or-no on every document, and the same
// violations out of SchemaValidator with the shortcut and without it.
#include "lib/catalog/catalog.hpp"
#include "lib/schema/quick_schema.hpp"
#include "lib/schema/validator.hpp"
#include "lib/util/files.hpp"
#include "lib/yaml/loader.hpp"
#include "tests/unit/sample_documents.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace cswm;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// The sample documents that parse into a mapping.
std::vector<json> sample_documents() {
    std::vector<json> documents;
    for (const fs::path& file : testing::sample_document_files()) {
        const ReadResult read = read_regular_file(file, 1U << 24U);
        ParsedYaml parsed = parse_yaml_document(read.content, YamlLimits{}, Places::on_demand);
        if (parsed.root && parsed.root->is_object()) {
            documents.push_back(std::move(*parsed.root));
        }
    }
    return documents;
}

/// Every string an enum or const of `schema` names: values that steer its if/then rules.
void schema_words(const json& schema, std::set<std::string>& out) {
    if (schema.is_object()) {
        for (const auto& [key, value] : schema.items()) {
            if ((key == "enum" || key == "const") && !value.is_object()) {
                for (const json& each : value.is_array() ? value : json::array({value})) {
                    if (each.is_string()) {
                        out.insert(each.get<std::string>());
                    }
                }
            } else {
                schema_words(value, out);
            }
        }
    } else if (schema.is_array()) {
        for (const json& each : schema) {
            schema_words(each, out);
        }
    }
}

/// One change to a document: a node replaced, a member removed, an unknown key added to a
/// mapping, a list's first item repeated.
struct Edit {
    enum class What { replace, remove, add_key, repeat_first };
    std::string pointer;
    What what = What::replace;
    json value;
};

/// Each node replaced by values of every type (and by the schema's words where it holds
/// text), each member removed, an unknown key added to each mapping, each list's first
/// item repeated.
std::vector<Edit> edits_of(const json& document, const std::vector<json>& words) {
    const std::vector<json> values = {nullptr,
                                      true,
                                      0,
                                      -1,
                                      2.5,
                                      5.0,
                                      "",
                                      "x",
                                      "多語",
                                      json::array(),
                                      json::array({"a", "a"}),
                                      json::array({1, 1}),
                                      json::object({{"x", 1}})};
    std::vector<std::string> pointers;
    const json flat = document.flatten(); // items() refers to it: not a temporary
    for (const auto& [pointer, leaf] : flat.items()) {
        for (std::string at = pointer; !at.empty(); at = at.substr(0, at.rfind('/'))) {
            pointers.push_back(at);
        }
    }
    std::sort(pointers.begin(), pointers.end());
    pointers.erase(std::unique(pointers.begin(), pointers.end()), pointers.end());
    std::vector<Edit> edits;
    std::size_t turn = 0;
    for (const std::string& pointer : pointers) {
        const json& here = document.at(json::json_pointer(pointer));
        for (std::size_t i = 0; i < 4; ++i, ++turn) {
            edits.push_back({pointer, Edit::What::replace, values[turn % values.size()]});
        }
        for (std::size_t i = 0; here.is_string() && !words.empty() && i < 3; ++i, ++turn) {
            edits.push_back({pointer, Edit::What::replace, words[turn % words.size()]});
        }
        edits.push_back({pointer, Edit::What::remove, {}});
        if (here.is_object()) {
            edits.push_back({pointer, Edit::What::add_key, {}});
        } else if (here.is_array() && !here.empty()) {
            edits.push_back({pointer, Edit::What::repeat_first, {}});
        }
    }
    return edits;
}

json applied(json document, const Edit& edit) {
    const json::json_pointer pointer(edit.pointer);
    json& here = document.at(pointer);
    switch (edit.what) {
    case Edit::What::replace:
        here = edit.value;
        break;
    case Edit::What::remove:
        if (json& parent = document.at(pointer.parent_pointer()); parent.is_object()) {
            parent.erase(pointer.back());
        }
        break;
    case Edit::What::add_key:
        here["unknown_field"] = "x";
        break;
    case Edit::What::repeat_first:
        here.push_back(json(here.front()));
        break;
    }
    return document;
}

std::optional<bool> verdict(const json& schema, const json& document) {
    const std::unique_ptr<QuickSchema> quick = QuickSchema::compile(schema);
    REQUIRE(quick != nullptr);
    return quick->accepts(document);
}

} // namespace

TEST_CASE("every built-in kind's schema compiles as a QuickSchema") {
    for (const Kind& kind : Catalog::builtin().kinds()) {
        CAPTURE(kind.name);
        CHECK(QuickSchema::compile(kind.schema) != nullptr);
    }
}

TEST_CASE("with the shortcut or without, the same violations on samples and thousands of their variants") {
    const std::vector<json> documents = sample_documents();
    REQUIRE(documents.size() > 20);
    std::size_t accepted = 0;
    std::size_t rejected = 0;
    std::size_t undecided = 0;
    std::size_t tried = 0;
    constexpr std::size_t k_stride = 20;
    for (const Kind& kind : Catalog::builtin().kinds()) {
        const SchemaValidator quick(kind.schema);
        const SchemaValidator thorough(kind.schema, SchemaValidator::Draft::v7,
                                       SchemaValidator::Shortcut::valijson_only);
        const std::unique_ptr<QuickSchema> alone = QuickSchema::compile(kind.schema);
        REQUIRE(alone != nullptr);
        std::set<std::string> word_set;
        schema_words(kind.schema, word_set);
        const std::vector<json> words(word_set.begin(), word_set.end());
        std::vector<json> samples;
        for (const json& document : documents) {
            if (document.value("kind", std::string()) == kind.name) {
                samples.push_back(document);
            }
        }
        for (const auto& [language, scaffold] : kind.scaffolds) {
            ParsedYaml parsed = parse_yaml_document(scaffold, YamlLimits{}, Places::on_demand);
            if (parsed.root) {
                samples.push_back(std::move(*parsed.root));
            }
        }
        for (const json& sample : samples) {
            for (const Edit& edit : edits_of(sample, words)) {
                if (++tried % k_stride != 0) {
                    continue; // every variant takes valijson twice: a twentieth of them, all kinds of change
                }
                const json document = applied(sample, edit);
                const std::vector<SchemaViolation> expected = thorough.validate(document);
                const std::optional<bool> decided = alone->accepts(document);
                if (!decided) {
                    ++undecided;
                } else {
                    ++(*decided ? accepted : rejected);
                }
                if (quick.validate(document) != expected) {
                    CAPTURE(kind.name);
                    CAPTURE(document.dump());
                    FAIL("the shortcut changed the violations");
                }
            }
        }
    }
    MESSAGE("accepted ", accepted, ", rejected ", rejected, ", undecided ", undecided);
    CHECK(accepted > 300);
    CHECK(rejected > 1500);
}

TEST_CASE("QuickSchema reads types as valijson's strong types do") {
    CHECK(verdict({{"type", "integer"}}, 5) == true);
    CHECK(verdict({{"type", "integer"}}, 5.0) == false);
    CHECK(verdict({{"type", "number"}}, 5) == true);
    CHECK(verdict({{"type", "number"}}, "5") == false);
    CHECK(verdict({{"type", json::array({"string", "null"})}}, nullptr) == true);
    CHECK(verdict({{"type", json::array({"string", "null"})}}, false) == false);
    CHECK(verdict({{"minLength", 1}}, 0) == true); // minLength reads text only
    CHECK(verdict({{"minimum", 1}}, "0") == true); // minimum reads numbers only
    CHECK(verdict({{"minimum", 1}}, 0.5) == false);
}

TEST_CASE("QuickSchema counts code points and searches patterns as valijson does") {
    CHECK(verdict({{"minLength", 2}}, "多") == false);
    CHECK(verdict({{"minLength", 2}}, "多語") == true);
    CHECK(verdict({{"maxLength", 2}}, "多語言") == false);
    CHECK(verdict({{"pattern", "^REQ-[0-9]{3,}$"}}, "REQ-001") == true);
    CHECK(verdict({{"pattern", "[0-9]"}}, "a1b") == true); // a search, not a full match
    CHECK(verdict({{"pattern", "^[0-9]+$"}}, "12a") == false);
}

TEST_CASE("QuickSchema compares enum and const strictly, and leaves what it cannot compare undecided") {
    const json choices = {{"enum", json::array({nullptr, 1, "a"})}};
    CHECK(verdict(choices, nullptr) == true);
    CHECK(verdict(choices, 1.0) == true);
    CHECK(verdict(choices, "1") == false);
    CHECK(verdict(choices, false) == false);
    CHECK(verdict({{"const", true}}, true) == true);
    CHECK(verdict({{"const", true}}, 1) == false);
    CHECK(verdict({{"enum", json::array({json::array({1})})}}, json::array({1})) == std::nullopt);
    CHECK(verdict({{"uniqueItems", true}}, json::array({"a", "b"})) == true);
    CHECK(verdict({{"uniqueItems", true}}, json::array({"a", "a"})) == false);
    CHECK(verdict({{"uniqueItems", true}}, json::array({1, 2})) == std::nullopt);
    CHECK(verdict({{"minimum", 0}}, json(std::numeric_limits<std::uint64_t>::max())) == std::nullopt);
}

TEST_CASE("QuickSchema follows properties, patterns of names, and what is left to additionalProperties") {
    const json schema = {{"type", "object"},
                         {"properties", {{"id", {{"type", "string"}}}}},
                         {"patternProperties", {{"^REQ-", {{"type", "integer"}}}}},
                         {"additionalProperties", false},
                         {"required", json::array({"id"})},
                         {"minProperties", 1}};
    CHECK(verdict(schema, {{"id", "x"}, {"REQ-1", 1}}) == true);
    CHECK(verdict(schema, {{"id", "x"}, {"REQ-1", "1"}}) == false);
    CHECK(verdict(schema, {{"id", "x"}, {"other", 1}}) == false);
    CHECK(verdict(schema, {{"REQ-1", 1}}) == false);
    json open = schema;
    open["additionalProperties"] = {{"type", "boolean"}};
    CHECK(verdict(open, {{"id", "x"}, {"other", true}}) == true);
    CHECK(verdict(open, {{"id", "x"}, {"other", 1}}) == false);
    CHECK(verdict({{"items", {{"type", "string"}}}, {"minItems", 1}}, json::array()) == false);
    CHECK(verdict({{"items", false}}, json::array({1})) == false);
}

TEST_CASE("QuickSchema decides allOf, anyOf, oneOf, not and if-then-else") {
    const json record = {{"required", json::array({"record"})}};
    const json report = {{"required", json::array({"report"})}};
    const json either = {{"oneOf", json::array({record, report})}};
    CHECK(verdict(either, {{"record", 1}}) == true);
    CHECK(verdict(either, {{"record", 1}, {"report", 1}}) == false);
    CHECK(verdict(either, json::object()) == false);
    CHECK(verdict({{"anyOf", json::array({record, report})}}, {{"record", 1}, {"report", 1}}) == true);
    CHECK(verdict({{"not", record}}, {{"record", 1}}) == false);
    CHECK(verdict({{"allOf", json::array({record, report})}}, {{"record", 1}}) == false);
    const json rule = {
        {"if", {{"properties", {{"status", {{"const", "fixed"}}}}}}}, {"then", report}, {"else", record}};
    CHECK(verdict(rule, {{"status", "fixed"}, {"report", 1}}) == true);
    CHECK(verdict(rule, {{"status", "fixed"}, {"record", 1}}) == false);
    CHECK(verdict(rule, {{"status", "open"}, {"record", 1}}) == true);
    CHECK(verdict({{"then", false}}, 1) == true); // no `if`: valijson does not read `then`
}

TEST_CASE("QuickSchema declines a schema with a keyword it does not know") {
    CHECK(QuickSchema::compile({{"$ref", "#/definitions/x"}}) == nullptr);
    CHECK(QuickSchema::compile({{"properties", {{"a", {{"dependencies", json::object()}}}}}}) == nullptr);
    CHECK(QuickSchema::compile({{"items", json::array({json::object()})}}) == nullptr);
    CHECK(QuickSchema::compile({{"pattern", "("}}) == nullptr);
    CHECK(QuickSchema::compile({{"minLength", -1}}) == nullptr);
    CHECK(QuickSchema::compile({{"description", "only words"}, {"format", "date"}}) != nullptr);
}
