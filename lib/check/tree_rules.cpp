#include "lib/check/rules.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/util/parallel.hpp"
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
    index.documents.reserve(documents.size());
    index.items.reserve(4 * documents.size());
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
            item.field.for_each(document.data(), [&](std::string_view pointer, const json& value) {
                if (value.is_string() && !is_placeholder(value)) {
                    index.items[value.get<std::string>()].push_back({&document, std::string(pointer), item.prefix});
                }
            });
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

/// A link to no ID: reported once every link is checked, in document order, since its
/// "did you mean" shares one budget (Index::suggestion_budget) over the tree.
struct Dangling {
    const LinkDefinition* link = nullptr;
    std::string pointer;
    std::string target;
};

/// One link: to the kind it allows, or to nothing (put in `dangling`).
void check_link_value(const Document& document, const LinkDefinition& link, std::string_view pointer, const json& value,
                      const Index& index, Findings& out, std::vector<Dangling>& dangling) {
    if (value.is_null() || !value.is_string() || is_placeholder(value)) {
        return; // empty links are the schema's business, wrong types too
    }
    const std::string& target = value.get_ref<const std::string&>();
    const auto label = [&] { return pointer_label(pointer); };
    auto report = [&](const char* rule, std::string message) {
        out.push_back(document.finding_at(pointer, false, Severity::error, rule, std::move(message)));
    };
    if (const auto found = index.documents.find(target); found != index.documents.end()) {
        const Kind* kind = found->second.front().document->kind;
        // A target of unknown kind has its own finding; saying it here too would only repeat it.
        if (kind != nullptr && std::find(link.kinds.begin(), link.kinds.end(), kind->name) == link.kinds.end()) {
            report("link-kind", tr("check.link-kind", fmt::arg("field", label()), fmt::arg("target", target),
                                   fmt::arg("kind", i18n::noun_phrase(kind->name)),
                                   fmt::arg("expected", i18n::noun_phrase(describe_targets(link)))));
        }
        return;
    }
    if (const auto found = index.items.find(target); found != index.items.end()) {
        const std::string& prefix = found->second.front().prefix;
        if (std::find(link.items.begin(), link.items.end(), prefix) == link.items.end()) {
            report("link-kind", tr("check.link-kind-item", fmt::arg("field", label()), fmt::arg("target", target),
                                   fmt::arg("prefix", i18n::noun_phrase(prefix)),
                                   fmt::arg("expected", i18n::noun_phrase(describe_targets(link)))));
        }
        return;
    }
    if (!index.unparsed.contains(target)) {
        dangling.push_back({&link, std::string(pointer), target});
    }
}

void report_dangling(const Document& document, const Dangling& link, const Index& index, Findings& out) {
    std::string message = tr("check.link-target", fmt::arg("field", pointer_label(link.pointer)),
                             fmt::arg("target", printable(link.target, 60)));
    auto cached = index.candidates.find(link.link);
    if (cached == index.candidates.end()) {
        cached = index.candidates.emplace(link.link, candidates_for(*link.link, index)).first;
    }
    if (cached->second.size() <= index.suggestion_budget) {
        index.suggestion_budget -= cached->second.size();
        if (const auto suggestion = closest_match(link.target, cached->second)) {
            message += tr("check.link-did-you-mean", fmt::arg("id", *suggestion));
        }
    }
    out.push_back(document.finding_at(link.pointer, false, Severity::error, "link-target", std::move(message)));
}

void check_links(const Document& document, const Index& index, Findings& out, std::vector<Dangling>& dangling) {
    std::string element;
    for (const LinkDefinition& link : document.kind->links) {
        link.field.for_each(document.data(), [&](std::string_view pointer, const json& value) {
            if (!value.is_array()) {
                check_link_value(document, link, pointer, value, index, out, dangling);
                return;
            }
            for (std::size_t i = 0; i < value.size(); ++i) {
                element.assign(pointer);
                fmt::format_to(std::back_inserter(element), "/{}", i);
                check_link_value(document, link, element, value[i], index, out, dangling);
            }
        });
    }
}

} // namespace

void check_tree(const std::vector<Document>& documents, const Catalog&, Findings& out) {
    const Index index = build_index(documents);
    report_duplicates(index.documents, "duplicate-id", tr("check.what-document-id"), out);
    report_duplicates(index.items, "duplicate-item", tr("check.what-item-id"), out);
    // Every document's links on every core (the index is only read), then the dangling
    // ones in document order.
    std::vector<Findings> found(documents.size());
    std::vector<std::vector<Dangling>> dangling(documents.size());
    parallel_for(documents.size(), [&](std::size_t i) {
        if (documents[i].parsed() && documents[i].kind != nullptr) {
            check_links(documents[i], index, found[i], dangling[i]);
        }
    });
    for (std::size_t i = 0; i < documents.size(); ++i) {
        std::move(found[i].begin(), found[i].end(), std::back_inserter(out));
        for (const Dangling& link : dangling[i]) {
            report_dangling(documents[i], link, index, out);
        }
    }
}

} // namespace cswm::rules
