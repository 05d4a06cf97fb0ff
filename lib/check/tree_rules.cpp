#include "lib/check/rules.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <unordered_map>
#include <unordered_set>

namespace cswm::rules {
namespace {

using nlohmann::json;

/// Where an ID is defined: a document, or an item inside one.
struct Definition {
    const Document* document = nullptr;
    std::string pointer; ///< of the ID's value
    std::string prefix;  ///< item prefix, empty for documents
};

struct Index {
    std::unordered_map<std::string, std::vector<Definition>> documents; ///< by document ID
    std::unordered_map<std::string, std::vector<Definition>> items;     ///< by item ID
    /// IDs that files which could not be parsed carry in their names: links to them are
    /// not reported as dangling, since the file's own finding says what is wrong.
    std::unordered_set<std::string> unparsed;
    /// "Did you mean" candidates per link field, built on the first dangling link of it.
    mutable std::unordered_map<const LinkDefinition*, std::vector<std::string>> candidates;
    /// Candidates left to compare for suggestions: a tree with thousands of dangling
    /// links gets suggestions for the first ones, not a quadratic run.
    mutable std::size_t suggestion_budget = 4'000'000;
};

/// "AREQ-006" for "AREQ-006-slow-uploads.yaml".
std::string id_in_file_name(const std::string& name) {
    static const std::regex form("^([A-Z]+-[0-9]{3,})([-.].*)?$");
    std::smatch match;
    return std::regex_match(name, match, form) ? match[1].str() : std::string();
}

Index build_index(const std::vector<Document>& documents) {
    Index index;
    for (const Document& document : documents) {
        if (!document.parsed()) {
            if (const std::string id = id_in_file_name(document.file.filename().string()); !id.empty()) {
                index.unparsed.insert(id);
            }
            continue;
        }
        if (document.id.empty() || is_placeholder(json(document.id))) {
            continue;
        }
        index.documents[document.id].push_back({&document, "/id", ""});
        if (document.kind == nullptr) {
            continue;
        }
        for (const ItemDefinition& item : document.kind->items) {
            for (const FieldPath::Match& match : item.field.find(document.data())) {
                if (match.value->is_string() && !is_placeholder(*match.value)) {
                    index.items[match.value->get<std::string>()].push_back({&document, match.pointer, item.prefix});
                }
            }
        }
    }
    return index;
}

std::string place_text(const Definition& definition) {
    const Position position = definition.document->yaml.place_of(definition.pointer).value;
    return fmt::format("{}:{}", definition.document->path, position.line);
}

void report_duplicates(const std::unordered_map<std::string, std::vector<Definition>>& table, const char* rule,
                       const std::string& what, Findings& out) {
    for (const auto& [id, definitions] : table) {
        if (definitions.size() < 2) {
            continue;
        }
        for (const Definition& definition : definitions) {
            std::vector<std::string> others;
            for (const Definition& other : definitions) {
                if (&other != &definition) {
                    others.push_back(place_text(other));
                }
            }
            out.push_back(
                definition.document->finding_at(definition.pointer, false, Severity::error, rule,
                                                tr("check.duplicate-id", fmt::arg("what", what), fmt::arg("id", id),
                                                   fmt::arg("places", join(others, ", ")))));
        }
    }
}

std::string describe_targets(const LinkDefinition& link) {
    std::vector<std::string> targets = link.kinds;
    for (const std::string& item : link.items) {
        targets.push_back(tr("check.link-item", fmt::arg("prefix", item)));
    }
    return i18n::join_or(targets);
}

/// Nearest existing IDs of the allowed targets, for "did you mean".
std::vector<std::string> candidates_for(const LinkDefinition& link, const Index& index) {
    std::vector<std::string> candidates;
    for (const auto& [id, definitions] : index.documents) {
        const Kind* kind = definitions.front().document->kind;
        if (kind != nullptr && std::find(link.kinds.begin(), link.kinds.end(), kind->name) != link.kinds.end()) {
            candidates.push_back(id);
        }
    }
    for (const auto& [id, definitions] : index.items) {
        if (std::find(link.items.begin(), link.items.end(), definitions.front().prefix) != link.items.end()) {
            candidates.push_back(id);
        }
    }
    std::sort(candidates.begin(), candidates.end());
    return candidates;
}

void check_link_value(const Document& document, const LinkDefinition& link, const std::string& pointer,
                      const json& value, const Index& index, Findings& out) {
    if (value.is_null() || is_placeholder(value) || !value.is_string()) {
        return; // empty links are the schema's business, wrong types too
    }
    const std::string target = value.get<std::string>();
    const std::string label = pointer_label(pointer);
    auto report = [&](const char* rule, std::string message) {
        out.push_back(document.finding_at(pointer, false, Severity::error, rule, std::move(message)));
    };
    if (const auto found = index.documents.find(target); found != index.documents.end()) {
        const Kind* kind = found->second.front().document->kind;
        // A target of unknown kind has its own finding; saying it here too would only repeat it.
        if (kind != nullptr && std::find(link.kinds.begin(), link.kinds.end(), kind->name) == link.kinds.end()) {
            report("link-kind", tr("check.link-kind", fmt::arg("field", label), fmt::arg("target", target),
                                   fmt::arg("kind", i18n::noun_phrase(kind->name)),
                                   fmt::arg("expected", i18n::noun_phrase(describe_targets(link)))));
        }
        return;
    }
    if (const auto found = index.items.find(target); found != index.items.end()) {
        const std::string& prefix = found->second.front().prefix;
        if (std::find(link.items.begin(), link.items.end(), prefix) == link.items.end()) {
            report("link-kind", tr("check.link-kind-item", fmt::arg("field", label), fmt::arg("target", target),
                                   fmt::arg("prefix", i18n::noun_phrase(prefix)),
                                   fmt::arg("expected", i18n::noun_phrase(describe_targets(link)))));
        }
        return;
    }
    if (index.unparsed.contains(target)) {
        return;
    }
    std::string message = tr("check.link-target", fmt::arg("field", label), fmt::arg("target", printable(target, 60)));
    auto cached = index.candidates.find(&link);
    if (cached == index.candidates.end()) {
        cached = index.candidates.emplace(&link, candidates_for(link, index)).first;
    }
    if (cached->second.size() <= index.suggestion_budget) {
        index.suggestion_budget -= cached->second.size();
        if (const auto suggestion = closest_match(target, cached->second)) {
            message += tr("check.link-did-you-mean", fmt::arg("id", *suggestion));
        }
    }
    report("link-target", message);
}

void check_links(const Document& document, const Index& index, Findings& out) {
    for (const LinkDefinition& link : document.kind->links) {
        for (const FieldPath::Match& match : link.field.find(document.data())) {
            if (match.value->is_array()) {
                for (std::size_t i = 0; i < match.value->size(); ++i) {
                    check_link_value(document, link, match.pointer + "/" + std::to_string(i), (*match.value)[i], index,
                                     out);
                }
            } else {
                check_link_value(document, link, match.pointer, *match.value, index, out);
            }
        }
    }
}

} // namespace

void check_tree(const std::vector<Document>& documents, const Catalog&, Findings& out) {
    const Index index = build_index(documents);
    report_duplicates(index.documents, "duplicate-id", tr("check.what-document-id"), out);
    report_duplicates(index.items, "duplicate-item", tr("check.what-item-id"), out);
    for (const Document& document : documents) {
        if (document.parsed() && document.kind != nullptr) {
            check_links(document, index, out);
        }
    }
}

} // namespace cswm::rules
