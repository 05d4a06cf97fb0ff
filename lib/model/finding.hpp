#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cswm {

enum class Severity { error, warning };

std::string_view severity_name(Severity severity);

/// One problem in the user's documents. Findings are collected, never thrown.
struct Finding {
    Severity severity = Severity::error;
    std::string rule; ///< stable rule ID, such as "schema" or "link-target"
    std::string path; ///< relative to the repository root, '/' separators
    int line = 0;     ///< 1-based; 0 when the problem has no place in the file
    int column = 0;   ///< 1-based, in characters
    std::string id;   ///< the document ID, when known
    std::string message;
    /// The JSON pointer of the node the finding was placed at (Document::finding_at), and
    /// whether at its key: not printed, kept so that a stored finding can be placed again
    /// in an edited copy of its document (lib/cache). Empty when placed otherwise.
    std::string pointer{};
    bool at_key = false;

    bool operator==(const Finding&) const = default;
};

using Findings = std::vector<Finding>;

/// Orders findings by path, line, column, rule, then message, for stable output.
void sort_findings(Findings& findings);

} // namespace cswm
