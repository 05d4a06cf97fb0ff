#pragma once

#include "lib/import/junit_parser.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// A test case of the quality spec, as the import sees it.
struct SpecCase {
    std::string id;                      ///< TC-NNN
    std::vector<std::string> automation; ///< glob patterns over `classname.name`
};

/// The cases of a quality spec's `cases` list that have an ID, in order.
std::vector<SpecCase> spec_cases(const nlohmann::json& quality_spec);

/// How a JUnit test found its case.
enum class MatchRule {
    none,        ///< unmapped
    tc_id,       ///< a TC ID in its name or classname
    tc_property, ///< a `tc` property
    automation,  ///< an automation pattern of the case
};

/// The case a JUnit test maps to, and TC IDs it names that the spec does not have.
struct TestMapping {
    std::string case_id; ///< empty when unmapped
    MatchRule rule = MatchRule::none;
    std::vector<std::string> foreign_ids; ///< TC IDs named by the test that are no case of the spec
};

/// Maps one test, the first rule that gives a case of `cases` winning: a TC ID in its
/// name or classname, then its `tc` property, then the first case (in spec order) with
/// an automation pattern matching `classname.name` or `name` alone.
TestMapping map_test(const JunitCase& test, const std::vector<SpecCase>& cases);

/// TC IDs written in text, in order, as TC-NNN: "TC-101", "TC_101", "tc 101" and
/// camel-case "testTC101" all give TC-101; "etc101" gives nothing.
std::vector<std::string> tc_ids_in(std::string_view text);

/// True when `pattern` matches all of `text`: `*` is any run of characters (`.` and `/`
/// included), `?` one character; everything else stands for itself.
bool glob_match(std::string_view pattern, std::string_view text);

} // namespace cswm
