#include "lib/import/junit_mapping.hpp"

#include "lib/util/text.hpp"

#include <algorithm>

namespace cswm {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_alnum(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> points;
    points.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        points.push_back(next_code_point(text, at));
    }
    return points;
}

std::string_view trim_view(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool has_case(const std::vector<SpecCase>& cases, const std::string& id) {
    return std::any_of(cases.begin(), cases.end(), [&id](const SpecCase& each) { return each.id == id; });
}

/// The first ID of `ids` that is a case of the spec; the others go to `foreign`.
std::string first_known(const std::vector<std::string>& ids, const std::vector<SpecCase>& cases,
                        std::vector<std::string>& foreign) {
    for (const std::string& id : ids) {
        if (has_case(cases, id)) {
            return id;
        }
        if (std::find(foreign.begin(), foreign.end(), id) == foreign.end()) {
            foreign.push_back(id);
        }
    }
    return {};
}

} // namespace

std::vector<SpecCase> spec_cases(const nlohmann::json& quality_spec) {
    std::vector<SpecCase> cases;
    const auto list = quality_spec.find("cases");
    if (list == quality_spec.end() || !list->is_array()) {
        return cases;
    }
    for (const nlohmann::json& each : *list) {
        if (!each.is_object() || !each.contains("id") || !each["id"].is_string()) {
            continue;
        }
        SpecCase spec_case{each["id"].get<std::string>(), {}};
        if (const auto patterns = each.find("automation"); patterns != each.end() && patterns->is_array()) {
            for (const nlohmann::json& pattern : *patterns) {
                if (pattern.is_string() && !pattern.get<std::string>().empty()) {
                    spec_case.automation.push_back(pattern.get<std::string>());
                }
            }
        }
        cases.push_back(std::move(spec_case));
    }
    return cases;
}

std::vector<std::string> tc_ids_in(std::string_view text) {
    std::vector<std::string> ids;
    for (std::size_t at = 0; at + 1 < text.size(); ++at) {
        const char t = text[at];
        const char c = text[at + 1];
        if (!((t == 'T' || t == 't') && (c == 'C' || c == 'c'))) {
            continue;
        }
        // At a word's start, or where camel case starts one: testTC101, not etc101.
        const bool boundary =
            at == 0 || !is_alnum(text[at - 1]) || (text[at - 1] >= 'a' && text[at - 1] <= 'z' && t == 'T' && c == 'C');
        if (!boundary) {
            continue;
        }
        std::size_t digits = at + 2;
        if (digits < text.size() && (text[digits] == '-' || text[digits] == '_' || text[digits] == ' ')) {
            ++digits;
        }
        std::size_t end = digits;
        while (end < text.size() && is_digit(text[end])) {
            ++end;
        }
        if (end - digits >= 3) {
            std::string id = "TC-" + std::string(text.substr(digits, end - digits));
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                ids.push_back(std::move(id));
            }
            at = end - 1;
        }
    }
    return ids;
}

bool glob_match(std::string_view pattern_text, std::string_view subject) {
    const std::vector<char32_t> pattern = code_points(pattern_text);
    const std::vector<char32_t> text = code_points(subject);
    // The classic two-pointer match: on a mismatch, the last `*` takes one more character.
    // Linear in practice, never exponential.
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = pattern.size();
    std::size_t star_text = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_text = t;
        } else if (star != pattern.size()) {
            p = star + 1;
            t = ++star_text;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

TestMapping map_test(const JunitCase& test, const std::vector<SpecCase>& cases) {
    TestMapping mapping;
    std::vector<std::string> named = tc_ids_in(test.name);
    for (std::string& id : tc_ids_in(test.classname)) {
        if (std::find(named.begin(), named.end(), id) == named.end()) {
            named.push_back(std::move(id));
        }
    }
    if (std::string id = first_known(named, cases, mapping.foreign_ids); !id.empty()) {
        return {std::move(id), MatchRule::tc_id, std::move(mapping.foreign_ids)};
    }
    if (const auto property = test.property("tc")) {
        std::vector<std::string> ids = tc_ids_in(*property);
        // record_property("tc", 103) writes the number alone.
        const std::string_view number = trim_view(*property);
        if (ids.empty() && number.size() >= 3 && std::all_of(number.begin(), number.end(), is_digit)) {
            ids.push_back("TC-" + std::string(number));
        }
        if (std::string id = first_known(ids, cases, mapping.foreign_ids); !id.empty()) {
            return {std::move(id), MatchRule::tc_property, std::move(mapping.foreign_ids)};
        }
    }
    const std::string full = test.full_name();
    for (const SpecCase& spec_case : cases) {
        for (const std::string& pattern : spec_case.automation) {
            if (glob_match(pattern, full) || (!test.classname.empty() && glob_match(pattern, test.name))) {
                return {spec_case.id, MatchRule::automation, std::move(mapping.foreign_ids)};
            }
        }
    }
    return mapping;
}

} // namespace cswm
