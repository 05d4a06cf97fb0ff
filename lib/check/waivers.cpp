#include "lib/check/waivers.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/check/rule_catalog.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace cswm {
namespace {

[[noreturn]] void fail(const Config& config, Position at, const std::string& message) {
    throw Error(fmt::format("{}:{}:{}: {}", config.file, at.line, at.column, message));
}

void validate_rule(const Config& config, const std::string& rule, Position at, const std::string& field, bool waiver) {
    const RuleInfo* info = find_rule(rule);
    if (info == nullptr) {
        std::vector<std::string> names;
        for (const RuleInfo& known : rule_catalog()) {
            names.emplace_back(known.id);
        }
        std::string message =
            tr("config.rule-unknown", fmt::arg("field", field), fmt::arg("rule", printable(rule, 60)));
        if (const auto suggestion = closest_match(rule, names)) {
            message += tr("config.rule-did-you-mean", fmt::arg("rule", *suggestion));
        }
        fail(config, at, message + tr("config.rule-list"));
    }
    if (!info->adjustable) {
        fail(config, at,
             tr(waiver ? "config.rule-not-waivable" : "config.rule-not-adjustable", fmt::arg("field", field),
                fmt::arg("rule", rule)));
    }
    if (waiver && rule.starts_with("waiver-")) {
        fail(config, at, tr("config.waiver-of-waiver", fmt::arg("field", field), fmt::arg("rule", rule)));
    }
}

/// Lines that one item (a requirement, a test case) spans in its document.
struct ItemSpan {
    std::string path;
    int first = 0;
    int last = 0;
};

/// Where the items that waivers name are: by item ID, every place it is defined.
std::unordered_map<std::string, std::vector<ItemSpan>> item_spans(const std::vector<Document>& documents,
                                                                  const std::unordered_set<std::string>& wanted) {
    std::unordered_map<std::string, std::vector<ItemSpan>> spans;
    for (const Document& document : documents) {
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        for (const ItemDefinition& item : document.kind->items) {
            for (const FieldPath::Match& match : item.field.find(document.data())) {
                if (!match.value->is_string() || !wanted.contains(match.value->get<std::string>())) {
                    continue;
                }
                // "/requirements/3/id" → the item "/requirements/3" and every node under it.
                const std::string item_pointer = match.pointer.substr(0, match.pointer.rfind('/'));
                ItemSpan span{document.path, document.yaml.place_of(item_pointer).value.line, 0};
                span.last = span.first;
                const std::string prefix = item_pointer + "/";
                document.yaml.places().for_each_under(prefix, [&](std::string_view, const NodePlace& place) {
                    span.first = std::min(span.first, std::min(place.key.line, place.value.line));
                    span.last = std::max(span.last, std::max(place.key.line, place.value.line));
                });
                spans[match.value->get<std::string>()].push_back(std::move(span));
            }
        }
    }
    return spans;
}

/// True when `text` names `id` as a whole word (REQ-042, not REQ-0421).
bool names_id(std::string_view text, std::string_view id) {
    auto word = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    };
    for (std::size_t at = text.find(id); at != std::string_view::npos; at = text.find(id, at + 1)) {
        const std::size_t end = at + id.size();
        if ((at == 0 || !word(text[at - 1])) && (end == text.size() || !word(text[end]) || text[end] == '-')) {
            return true;
        }
    }
    return false;
}

bool under(const std::string& path, const std::string& folder) {
    return folder.empty() || path == folder || (path.starts_with(folder) && path[folder.size()] == '/');
}

std::string target_of(const WaiverSetting& waiver) {
    return waiver.id.empty() ? (waiver.path.empty() ? tr("check.whole-repository") : waiver.path) : waiver.id;
}

} // namespace

void validate_rule_settings(const Config& config) {
    for (const RuleSetting& setting : config.rules) {
        validate_rule(config, setting.rule, setting.at, fmt::format("rules.{}", setting.rule), false);
    }
    for (std::size_t i = 0; i < config.waivers.size(); ++i) {
        const WaiverSetting& waiver = config.waivers[i];
        validate_rule(config, waiver.rule, waiver.rule_at, fmt::format("waivers[{}].rule", i), true);
    }
}

bool waivers_name_ids(const Config& config) {
    return std::any_of(config.waivers.begin(), config.waivers.end(),
                       [](const WaiverSetting& waiver) { return !waiver.id.empty(); });
}

WaivedFindings apply_rule_settings(const Config& config, const std::vector<Document>& documents,
                                   const std::string& today, Findings& findings) {
    validate_rule_settings(config);
    if (config.rules.empty() && config.waivers.empty()) {
        return {}; // the common case costs nothing, even on a tree of ten thousand documents
    }
    std::map<std::string, std::string, std::less<>> severities;
    for (const RuleSetting& setting : config.rules) {
        severities[setting.rule] = setting.severity;
    }
    // Returns false when the rule is off.
    auto set_severity = [&](Finding& finding) {
        const auto found = severities.find(finding.rule);
        if (found == severities.end()) {
            return true;
        }
        if (found->second == "off") {
            return false;
        }
        finding.severity = found->second == "error" ? Severity::error : Severity::warning;
        return true;
    };
    std::erase_if(findings, [&](Finding& finding) { return !set_severity(finding); });

    std::unordered_set<std::string> named;
    for (const WaiverSetting& waiver : config.waivers) {
        if (!waiver.id.empty()) {
            named.insert(waiver.id);
        }
    }
    const auto items = item_spans(documents, named);
    std::unordered_map<std::string, std::vector<std::string>> document_paths;
    for (const Document& document : documents) {
        if (!document.id.empty() && named.contains(document.id)) {
            document_paths[document.id].push_back(document.path);
        }
    }
    auto covers = [&](const WaiverSetting& waiver, const Finding& finding) {
        if (waiver.rule != finding.rule) {
            return false;
        }
        if (waiver.id.empty()) {
            return under(finding.path, waiver.path);
        }
        if (finding.id == waiver.id) {
            return true;
        }
        // A commit's finding has no document: it is about the IDs its message names
        // (Refs: trailers naming an ID that was renumbered, say).
        if (finding.path.starts_with("commit ")) {
            return names_id(finding.message, waiver.id);
        }
        if (const auto paths = document_paths.find(waiver.id); paths != document_paths.end()) {
            if (std::find(paths->second.begin(), paths->second.end(), finding.path) != paths->second.end()) {
                return true;
            }
        }
        if (const auto spans = items.find(waiver.id); spans != items.end()) {
            return std::any_of(spans->second.begin(), spans->second.end(), [&](const ItemSpan& span) {
                return span.path == finding.path && finding.line >= span.first && finding.line <= span.last;
            });
        }
        return false;
    };

    std::vector<std::size_t> matched(config.waivers.size(), 0);
    WaivedFindings waived;
    Findings kept;
    for (Finding& finding : findings) {
        bool taken = false;
        for (std::size_t i = 0; i < config.waivers.size() && !taken; ++i) {
            const WaiverSetting& waiver = config.waivers[i];
            if (!covers(waiver, finding)) {
                continue;
            }
            ++matched[i];
            // ISO dates compare as text; the waiver holds through its expiry day.
            if (waiver.expires.empty() || today <= waiver.expires) {
                waived.push_back(
                    {std::move(finding), waiver.justification, waiver.expires, config.file, waiver.at.line});
                taken = true;
            }
        }
        if (!taken) {
            kept.push_back(std::move(finding));
        }
    }
    findings = std::move(kept);

    for (std::size_t i = 0; i < config.waivers.size(); ++i) {
        const WaiverSetting& waiver = config.waivers[i];
        Finding finding;
        finding.path = config.file;
        finding.line = waiver.at.line;
        finding.column = waiver.at.column;
        if (!waiver.expires.empty() && today > waiver.expires) {
            finding.severity = Severity::error;
            finding.rule = "waiver-expired";
            finding.message = tr("check.waiver-expired", fmt::arg("rule", waiver.rule),
                                 fmt::arg("target", target_of(waiver)), fmt::arg("date", waiver.expires),
                                 fmt::arg("counting", matched[i] == 0   ? std::string()
                                                      : matched[i] == 1 ? tr("check.waiver-expired-one")
                                                                        : tr("check.waiver-expired-many",
                                                                             fmt::arg("count", matched[i]))));
        } else if (matched[i] == 0) {
            finding.severity = Severity::warning;
            finding.rule = "waiver-unused";
            const bool known = waiver.id.empty() || document_paths.contains(waiver.id) || items.contains(waiver.id);
            finding.message =
                known ? tr("check.waiver-unused", fmt::arg("rule", waiver.rule), fmt::arg("target", target_of(waiver)))
                      : tr("check.waiver-unknown-id", fmt::arg("rule", waiver.rule), fmt::arg("id", waiver.id));
        } else {
            continue;
        }
        if (set_severity(finding)) {
            findings.push_back(std::move(finding));
        }
    }
    sort_findings(findings);
    std::stable_sort(waived.begin(), waived.end(), [](const WaivedFinding& a, const WaivedFinding& b) {
        return std::tie(a.finding.path, a.finding.line, a.finding.column, a.finding.rule, a.finding.message) <
               std::tie(b.finding.path, b.finding.line, b.finding.column, b.finding.rule, b.finding.message);
    });
    return waived;
}

} // namespace cswm
