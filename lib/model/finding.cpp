#include "lib/model/finding.hpp"

#include <algorithm>
#include <tuple>

namespace cswm {

std::string_view severity_name(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

void sort_findings(Findings& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.path, a.line, a.column, a.rule, a.message) <
               std::tie(b.path, b.line, b.column, b.rule, b.message);
    });
}

} // namespace cswm
