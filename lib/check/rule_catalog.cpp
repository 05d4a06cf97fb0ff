#include "lib/check/rule_catalog.hpp"

#include <algorithm>

namespace cswm {
namespace {

constexpr RuleInfo k_rules[] = {
    {"file", "Files named *.yaml under the documents folder are regular, readable files", false},
    {"limits", "Documents stay within the size, nesting and value-count limits of .cswm.yaml", false},
    {"encoding", "Documents are UTF-8 without byte-order mark or control characters", false},
    {"syntax", "Documents are well-formed YAML, indented with ASCII spaces", false},
    {"structure", "A document file holds exactly one YAML document, which is a mapping", false},
    {"duplicate-key", "No key appears twice in one mapping", false},
    {"yaml-feature", "No anchors, aliases, tags or merge keys", false},
    {"kind", "The kind: field names one of the nine work products"},
    {"schema", "The document follows its kind's JSON Schema, including what its status requires"},
    {"id-format", "The id: is PREFIX-NNN with the kind's prefix"},
    {"file-name", "The file name starts with the document's ID"},
    {"kind-folder", "The document lies in its kind's folder"},
    {"placeholder", "No scaffold placeholder is left (a warning while draft)"},
    {"editor-schema", "Editor modelines name the document's own exported schema, and .cswm/schemas/ is current"},
    {"duplicate-id", "Document IDs are unique in the repository"},
    {"duplicate-item", "Requirement and test-case IDs are unique in the repository"},
    {"link-target", "Every link names an existing document or item"},
    {"link-kind", "Every link names a document or item of the kind the field expects"},
    {"date-order", "Spans do not run backwards and dates follow each other in order"},
    {"summary-counts", "A test report's summary matches its results"},
    {"result-case", "A test report's results are for cases of its own quality spec"},
    {"failed-without-fix", "A failed result names its fix confirmation (a warning while draft)"},
    {"fix-not-passed", "A verified fix names a test report in which its source case and re-run cases passed"},
    {"security-notification", "An information-security incident is notified within one hour"},
    {"requirement-untested", "Every approved requirement is verified by a test case of a quality spec"},
    {"case-without-result", "Every case of an approved quality spec has a result in its newest test report"},
    {"request-without-record", "Every accepted or closed anomaly request has an anomaly record or fed a requirement"},
    {"log-review-overdue", "System logs are reviewed at least every cadence.log_review_days days"},
    {"requirement-wording", "A requirement states one testable thing, without weak words"},
    {"supersedes-cycle", "Revisions that supersede one another end at an original: no document supersedes itself or "
                         "its own successors"},
    {"suspect-link",
     "Test cases of an approved quality spec were reviewed against their requirements' current statements"},
    {"commit-missing", "Recorded commit SHAs exist in the repository and are commits"},
    {"commit-unreachable", "Recorded commits are reachable from HEAD"},
    {"commit-unverifiable", "Recorded commits behind a shallow clone's boundary cannot be verified"},
    {"fix-not-tested", "A verified fix was confirmed by a test of a build containing every fix commit"},
    {"fix-not-reviewed", "Fix commits carry Reviewed-by: or came in through a reviewed merge (policy)"},
    {"trailer-unknown-id", "Refs: trailers of commits name existing documents or items"},
    {"uncommitted", "Documents are committed (--require-committed)"},
    {"waiver-expired", "Waivers of .cswm.yaml are renewed or removed when their expiry date has passed"},
    {"waiver-unused", "Every waiver of .cswm.yaml still matches a finding (a warning)"},
};

} // namespace

std::span<const RuleInfo> rule_catalog() {
    return k_rules;
}

const RuleInfo* find_rule(std::string_view id) {
    const auto found =
        std::find_if(std::begin(k_rules), std::end(k_rules), [&](const RuleInfo& rule) { return rule.id == id; });
    return found == std::end(k_rules) ? nullptr : found;
}

} // namespace cswm
