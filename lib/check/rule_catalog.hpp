#pragma once

#include <span>
#include <string_view>

namespace cswm {

/// What a rule of `check` is about, for machine formats (SARIF rule metadata) and docs.
struct RuleInfo {
    std::string_view id;
    std::string_view summary; ///< one line: what the rule checks
    /// False for rules that say a file could not be read as a document: .cswm.yaml can
    /// neither waive them nor change their severity, since nothing else was checked there.
    bool adjustable = true;
};

/// Every rule `check` can report, in the order of docs/check-rules.md.
std::span<const RuleInfo> rule_catalog();

/// The rule's entry, or nullptr for an unknown ID.
const RuleInfo* find_rule(std::string_view id);

} // namespace cswm
