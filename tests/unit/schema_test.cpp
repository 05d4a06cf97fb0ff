#include "lib/schema/validator.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace cswm;
using nlohmann::json;

namespace {

std::vector<SchemaViolation> validate(const json& schema, const json& document) {
    return SchemaValidator(schema).validate(document);
}

/// The one violation expected; fails the test when there are none or several.
SchemaViolation only(const std::vector<SchemaViolation>& violations) {
    REQUIRE(violations.size() == 1);
    return violations.front();
}

/// An object schema whose properties are `properties`, no others allowed.
json object_of(json properties) {
    return {{"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
}

} // namespace

TEST_CASE("a missing field is reported at its parent, at the key for nested mappings") {
    json schema =
        object_of({{"id", {{"type", "string"}}}, {"symptom", object_of({{"description", {{"type", "string"}}}})}});
    schema["required"] = {"id"};
    schema["properties"]["symptom"]["required"] = {"description"};

    const SchemaViolation top = only(validate(schema, json::object()));
    CHECK(top.pointer == "");
    CHECK_FALSE(top.at_key);
    CHECK(top.message == "required field 'id' is missing");

    const SchemaViolation nested = only(validate(schema, {{"id", "FIX-001"}, {"symptom", json::object()}}));
    CHECK(nested.pointer == "/symptom");
    CHECK(nested.at_key);
    CHECK(nested.message == "required field 'description' is missing in symptom");
}

TEST_CASE("every unknown field is reported at its key, with the nearest known name") {
    const json schema = object_of({{"verified_by", {{"type", "string"}}}, {"severity", {{"type", "string"}}}});
    const std::vector<SchemaViolation> violations =
        validate(schema, {{"verifed_by", "TR-001"}, {"colour", "red"}, {"severity", "minor"}});
    REQUIRE(violations.size() == 2);
    CHECK(violations[0].pointer == "/colour");
    CHECK(violations[0].at_key);
    CHECK(violations[0].message == "unknown field 'colour'");
    CHECK(violations[1].pointer == "/verifed_by");
    CHECK(violations[1].at_key);
    CHECK(violations[1].message == "unknown field 'verifed_by' (did you mean 'verified_by'?)");
}

TEST_CASE("a key with / or ~ keeps a valid pointer") {
    const SchemaViolation violation = only(validate(object_of({{"a", {{"type", "string"}}}}), {{"notes/~draft", "x"}}));
    CHECK(violation.pointer == "/notes~1~0draft");
    CHECK(violation.message == "unknown field 'notes/~draft'");
}

TEST_CASE("a value outside an enum lists the allowed ones") {
    const json schema = object_of({{"severity", {{"type", "string"}, {"enum", {"critical", "major", "minor"}}}}});
    const SchemaViolation violation = only(validate(schema, {{"severity", "high"}}));
    CHECK(violation.pointer == "/severity");
    CHECK_FALSE(violation.at_key);
    CHECK(violation.message == "'high' is not one of: critical, major, minor");
}

TEST_CASE("a wrong type says what was expected, and how to quote a number meant as text") {
    const json schema = object_of({{"version", {{"type", "string"}}},
                                   {"count", {{"type", "integer"}}},
                                   {"performed", {{"type", "boolean"}}},
                                   {"owner", {{"type", {"string", "null"}}}}});
    CHECK(only(validate(schema, {{"version", 2.4}})).message ==
          "must be text, not a number (write it in quotes: \"2.4\")");
    CHECK(only(validate(schema, {{"version", 17}})).message ==
          "must be text, not a whole number (write it in quotes: \"17\")");
    CHECK(only(validate(schema, {{"version", true}})).message ==
          "must be text, not true/false (write it in quotes: \"true\")");
    CHECK(only(validate(schema, {{"version", json::array()}})).message == "must be text, not a list");
    CHECK(only(validate(schema, {{"count", "12"}})).message == "must be a whole number, not text");
    CHECK(only(validate(schema, {{"count", 1.5}})).message == "must be a whole number, not a number");
    // YAML 1.2 reads `yes` as text: the message says what it is.
    CHECK(only(validate(schema, {{"performed", "yes"}})).message == "must be true or false, not text");
    CHECK(only(validate(schema, {{"owner", json::object()}})).message == "must be text or empty, not a mapping");
    CHECK(only(validate(schema, {{"version", nullptr}})).message == "must be text, not empty");
}

TEST_CASE("dates and date-times are checked by format") {
    const json schema = object_of({{"created", {{"type", "string"}, {"format", "date"}}},
                                   {"received_at", {{"type", "string"}, {"format", "date-time"}}}});
    CHECK(validate(schema, {{"created", "2026-01-05"}, {"received_at", "2026-01-05T09:30:00+08:00"}}).empty());
    CHECK(only(validate(schema, {{"created", "2026-13-01"}})).message ==
          "'2026-13-01' is not a valid date (YYYY-MM-DD)");
    CHECK(only(validate(schema, {{"created", "5 Jan 2026"}})).message ==
          "'5 Jan 2026' is not a valid date (YYYY-MM-DD)");
    CHECK(only(validate(schema, {{"received_at", "2026-01-05 09:30"}})).message ==
          "'2026-01-05 09:30' is not a valid date and time (YYYY-MM-DDTHH:MM:SS+08:00)");
    // `format` does not apply to other types: the type error alone is reported.
    CHECK(only(validate(schema, {{"created", 20260105}})).message == "must be text, not a whole number (write it in "
                                                                     "quotes: \"20260105\")");
}

TEST_CASE("February 30th is not a valid date") {
    const json schema = object_of({{"created", {{"type", "string"}, {"format", "date"}}}});
    CHECK(only(validate(schema, {{"created", "2026-02-30"}})).message ==
          "'2026-02-30' is not a valid date (YYYY-MM-DD)");
}

TEST_CASE("February 29th exists only in leap years") {
    const json schema = object_of({{"created", {{"type", "string"}, {"format", "date"}}}});
    CHECK(validate(schema, {{"created", "2028-02-29"}}).empty());
    CHECK(only(validate(schema, {{"created", "2026-02-29"}})).message ==
          "'2026-02-29' is not a valid date (YYYY-MM-DD)");
}

TEST_CASE("a pattern, a const, minLength, minItems and uniqueItems read as sentences") {
    const json schema = object_of({
        {"id", {{"type", "string"}, {"pattern", "^FIX-[0-9]{3,}$"}}},
        {"kind", {{"type", "string"}, {"const", "fix-confirmation"}}},
        {"title", {{"type", "string"}, {"minLength", 1}}},
        {"commits", {{"type", "array"}, {"minItems", 1}}},
        {"cases", {{"type", "array"}, {"uniqueItems", true}}},
    });
    CHECK(only(validate(schema, {{"id", "FIX-12"}})).message ==
          "'FIX-12' does not have the required form ^FIX-[0-9]{3,}$");
    CHECK(only(validate(schema, {{"kind", "test-report"}})).message == "must be 'fix-confirmation'");
    CHECK(only(validate(schema, {{"title", ""}})).message == "must not be empty");
    CHECK(only(validate(schema, {{"commits", json::array()}})).message == "needs at least 1 item");
    CHECK(only(validate(schema, {{"cases", {"TC-001", "TC-001"}}})).message == "the list holds the same value twice");
}

TEST_CASE("a number below its minimum says the minimum plainly") {
    const json schema = object_of({{"max_document_bytes", {{"type", "integer"}, {"minimum", 1024}}}});
    const SchemaViolation violation = only(validate(schema, {{"max_document_bytes", 10}}));
    CHECK(violation.pointer == "/max_document_bytes");
    CHECK(violation.message.find("1024") != std::string::npos);
    CHECK(violation.message.find("Expected") == std::string::npos);
    CHECK(violation.message.find(".000000") == std::string::npos);
}

TEST_CASE("violations inside lists point at the item") {
    const json schema = object_of(
        {{"cases",
          {{"type", "array"},
           {"items",
            object_of({{"verifies",
                        {{"type", "array"}, {"items", {{"type", "string"}, {"pattern", "^REQ-[0-9]{3,}$"}}}}}})}}}});
    const SchemaViolation violation = only(validate(schema, {{"cases", {{{"verifies", {"REQ-001", "TC-001"}}}}}}));
    CHECK(violation.pointer == "/cases/0/verifies/1");
    CHECK(violation.message == "'TC-001' does not have the required form ^REQ-[0-9]{3,}$");
}

TEST_CASE("a failed oneOf gives one message naming the alternatives by their descriptions") {
    json source = object_of({{"report", {{"type", {"string", "null"}}}},
                             {"case", {{"type", {"string", "null"}}}},
                             {"record", {{"type", {"string", "null"}}}}});
    source["oneOf"] = {
        {{"description", "From a test report: report and case, no record."},
         {"required", {"report", "case"}},
         {"not", {{"required", {"record"}}}}},
        {{"description", "From an anomaly record: record, no report or case."},
         {"required", {"record"}},
         {"not", {{"anyOf", {{{"required", {"report"}}}, {{"required", {"case"}}}}}}}},
    };
    const json schema = object_of({{"source", source}});
    const std::string expected = "must match exactly one of: From a test report: report and case, no record. | From "
                                 "an anomaly record: record, no report or case.";

    const SchemaViolation both =
        only(validate(schema, {{"source", {{"report", "TR-001"}, {"case", "TC-001"}, {"record", "AREC-001"}}}}));
    CHECK(both.pointer == "/source");
    CHECK(both.message == expected);
    CHECK(only(validate(schema, {{"source", json::object()}})).message == expected);
    CHECK(validate(schema, {{"source", {{"report", "TR-001"}, {"case", "TC-001"}}}}).empty());
    CHECK(validate(schema, {{"source", {{"record", "AREC-001"}}}}).empty());
}

TEST_CASE("status rules (if/then in allOf) say which status asks for what, and all are reported") {
    json schema = object_of({{"status", {{"type", "string"}, {"enum", {"draft", "fixed", "verified"}}}},
                             {"verified_by", {{"type", {"string", "null"}}}},
                             {"fixed_on", {{"type", {"string", "null"}}}},
                             {"commits", {{"type", "array"}}},
                             {"closed_on", {{"type", {"string", "null"}}}}});
    auto when = [](std::vector<std::string> statuses, json then) {
        return json{{"if", {{"required", {"status"}}, {"properties", {{"status", {{"enum", statuses}}}}}}},
                    {"then", std::move(then)}};
    };
    schema["allOf"] = {
        when({"fixed", "verified"}, {{"required", {"fixed_on"}}, {"properties", {{"commits", {{"minItems", 1}}}}}}),
        when({"verified"}, {{"properties", {{"verified_by", {{"type", "string"}}}}}}),
        when({"draft"}, {{"properties", {{"closed_on", {{"type", "null"}}}}}}),
    };

    CHECK(validate(schema, {{"status", "draft"}, {"verified_by", nullptr}, {"commits", json::array()}}).empty());

    const std::vector<SchemaViolation> verified =
        validate(schema, {{"status", "verified"}, {"verified_by", nullptr}, {"commits", json::array()}});
    std::vector<std::string> messages;
    for (const SchemaViolation& violation : verified) {
        messages.push_back(violation.pointer + " " + violation.message);
    }
    std::sort(messages.begin(), messages.end());
    REQUIRE(messages.size() == 3);
    // The rule lists fixed and verified; the message says the document's own status.
    CHECK(messages[0] == " required field 'fixed_on' is missing (required once status is 'verified')");
    CHECK(messages[1] == "/commits needs at least 1 item once status is 'verified'");
    CHECK(messages[2] == "/verified_by must be filled in once status is 'verified'");

    const SchemaViolation early = only(validate(schema, {{"status", "draft"}, {"closed_on", "2026-01-05"}}));
    CHECK(early.pointer == "/closed_on");
    CHECK(early.message == "'2026-01-05' is not allowed once status is 'draft'");
}

TEST_CASE("a valid document has no violations, and one validator serves many documents") {
    const SchemaValidator validator(object_of({{"id", {{"type", "string"}, {"pattern", "^TR-[0-9]{3,}$"}}}}));
    for (int i = 0; i < 3; ++i) {
        CHECK(validator.validate({{"id", "TR-007"}}).empty());
        CHECK(validator.validate({{"id", "TR-7"}}).size() == 1);
    }
}

TEST_CASE("a missing field inside a list item names the item by its place") {
    const nlohmann::json schema = nlohmann::json::parse(R"({
        "type": "object",
        "properties": {"cases": {"type": "array", "items": {"type": "object", "required": ["priority"]}}}
    })");
    const SchemaValidator validator(schema);
    const auto violations = validator.validate(nlohmann::json::parse(R"({"cases": [{"id": "TC-001"}]})"));
    REQUIRE(violations.size() == 1);
    CHECK(violations[0].message == "required field 'priority' is missing in cases[0]");
}
