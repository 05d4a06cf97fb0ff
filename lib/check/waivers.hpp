#pragma once

#include "lib/model/document.hpp"
#include "lib/model/finding.hpp"
#include "lib/workspace/config.hpp"

#include <string>
#include <vector>

namespace cswm {

/// A finding that a waiver of .cswm.yaml covers: reported, but it does not fail the run.
struct WaivedFinding {
    Finding finding; ///< as the rule reported it, at the severity .cswm.yaml gives the rule
    std::string justification;
    std::string expires;     ///< YYYY-MM-DD, or empty for a waiver without expiry
    std::string waiver_file; ///< the configuration file, relative to the repository root
    int waiver_line = 0;     ///< the waiver's line there
};

using WaivedFindings = std::vector<WaivedFinding>;

/// Throws Error (exit 2, `file:line:column`) when `rules:` or `waivers:` names a rule that
/// check does not have (with a "did you mean"), or one that cannot be adjusted or waived.
void validate_rule_settings(const Config& config);

/// Applies .cswm.yaml to the findings of the whole tree, after every rule ran: first the
/// severities of `rules:` (off drops a finding), then the waivers, which move the findings
/// they cover from `findings` to the result. A waiver's `id` covers the findings of that
/// document, those inside that item's lines, and those of commits whose message names it. A waiver past its expiry date
/// (`today`, YYYY-MM-DD) waives nothing and is itself a finding (waiver-expired); a waiver that matched nothing is one
/// too (waiver-unused). Validates the settings first (see validate_rule_settings). `findings` stays sorted; so is the
/// result.
WaivedFindings apply_rule_settings(const Config& config, const std::vector<Document>& documents,
                                   const std::string& today, Findings& findings);

/// True when a waiver names a document or item ID: only then does apply_rule_settings read
/// `documents` (where those IDs are defined, and the lines their items span).
bool waivers_name_ids(const Config& config);

} // namespace cswm
