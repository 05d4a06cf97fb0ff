#include "lib/trace/impact.hpp"

#include "lib/model/ids.hpp"
#include "lib/model/json_text.hpp"
#include "lib/model/references.hpp"
#include "lib/trace/trace.hpp"
#include "lib/yaml/loader.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace cswm {
namespace {

using nlohmann::json;

/// The SHAs or IDs of a value: one text, or the texts of a list.
std::vector<std::string> texts(const json& value) {
    std::vector<std::string> found;
    if (value.is_string()) {
        found.push_back(value.get<std::string>());
    } else if (value.is_array()) {
        for (const json& each : value) {
            if (each.is_string()) {
                found.push_back(each.get<std::string>());
            }
        }
    }
    return found;
}

/// What an item is, as impact prints it.
struct Item {
    std::string kind; ///< "requirement" or "test-case"
    std::string title;
    std::string document;
};

/// The items (requirements, test cases) of one version of a document, by ID, each with
/// its whole entry, so that two versions can be compared entry by entry.
std::map<std::string, json> entries(const json& data, const Kind& kind) {
    std::map<std::string, json> found;
    for (const ItemDefinition& item : kind.items) {
        for (const FieldPath::Match& match : item.field.find(data)) {
            if (!match.value->is_string()) {
                continue;
            }
            const std::size_t slash = match.pointer.rfind('/');
            const json::json_pointer entry(match.pointer.substr(0, slash));
            if (data.contains(entry)) {
                found.emplace(match.value->get<std::string>(), data.at(entry));
            }
        }
    }
    return found;
}

std::string item_kind(const std::string& prefix) {
    return prefix == "REQ" ? "requirement" : prefix == "TC" ? "test-case" : "item";
}

/// Entries keyed by ID, each keeping the order in which its ways were found.
class Touches {
public:
    void add(const std::string& id, ImpactVia via) {
        std::vector<ImpactVia>& list = m_via[id];
        for (ImpactVia& existing : list) {
            if (existing.how == via.how && existing.through == via.through) {
                for (std::string& sha : via.commits) {
                    if (std::find(existing.commits.begin(), existing.commits.end(), sha) == existing.commits.end()) {
                        existing.commits.push_back(std::move(sha));
                    }
                }
                return;
            }
        }
        list.push_back(std::move(via));
    }
    bool contains(const std::string& id) const { return m_via.contains(id); }
    bool touched_directly(const std::string& id) const {
        const auto found = m_via.find(id);
        return found != m_via.end() &&
               std::any_of(found->second.begin(), found->second.end(),
                           [](const ImpactVia& via) { return via.how == "file" || via.how == "trailer"; });
    }
    const std::map<std::string, std::vector<ImpactVia>>& all() const { return m_via; }

private:
    std::map<std::string, std::vector<ImpactVia>> m_via;
};

std::vector<ImpactEntry> entries_of(const Touches& touches, const std::function<ImpactEntry(const std::string&)>& make,
                                    const std::unordered_map<std::string, std::size_t>& order) {
    std::vector<ImpactEntry> list;
    for (const auto& [id, via] : touches.all()) {
        ImpactEntry entry = make(id);
        entry.id = id;
        entry.via = via;
        static const std::vector<std::string> k_order{"file", "commit-link", "trailer", "fix", "requirement"};
        auto rank = [](const ImpactVia& each) {
            return std::find(k_order.begin(), k_order.end(), each.how) - k_order.begin();
        };
        std::stable_sort(entry.via.begin(), entry.via.end(),
                         [&](const ImpactVia& a, const ImpactVia& b) { return rank(a) < rank(b); });
        for (ImpactVia& each : entry.via) {
            std::sort(each.commits.begin(), each.commits.end(),
                      [&](const std::string& a, const std::string& b) { return order.at(a) < order.at(b); });
        }
        list.push_back(std::move(entry));
    }
    std::sort(list.begin(), list.end(), [](const ImpactEntry& a, const ImpactEntry& b) { return id_less(a.id, b.id); });
    return list;
}

} // namespace

ImpactReport build_impact(const std::vector<Document>& documents, const Repo& repo, const std::string& range,
                          std::size_t max_document_bytes) {
    ImpactReport report;
    report.range = range;
    report.commits = repo.commits_in_range(range);
    std::unordered_map<std::string, std::size_t> order;
    for (const CommitInfo& commit : report.commits) {
        order.emplace(commit.sha, order.size());
        report.merges += commit.parents.size() > 1 ? 1U : 0U;
    }

    std::map<std::string, const Document*> by_id;
    std::unordered_map<std::string, const Document*> by_path;
    std::unordered_map<std::string, Item> items;
    for (const Document& document : documents) {
        if (!document.parsed() || document.kind == nullptr || document.id.empty()) {
            continue;
        }
        by_id.emplace(document.id, &document);
        by_path.emplace(document.path, &document);
        for (const auto& [id, entry] : entries(document.data(), *document.kind)) {
            const std::string prefix = id.substr(0, id.find('-'));
            items.emplace(id, Item{item_kind(prefix), json_text(entry, "title"), document.id});
        }
    }
    const std::unordered_set<std::string> defined = defined_ids(documents);

    // Which documents' commit fields name each SHA.
    std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> linked;
    for (const auto& [id, document] : by_id) {
        for (const FieldPath& field : document->kind->commit_fields) {
            for (const FieldPath::Match& match : field.find(document->data())) {
                for (const std::string& sha : texts(*match.value)) {
                    linked[sha].emplace_back(id, field.text());
                }
            }
        }
    }

    Touches touched_documents;
    Touches touched_items;
    std::vector<std::string> unknown;
    for (const CommitInfo& commit : report.commits) {
        for (const std::string& id : referenced_ids(commit.trailers)) {
            if (by_id.contains(id)) {
                touched_documents.add(id, {"trailer", {}, {commit.sha}});
            } else if (items.contains(id)) {
                touched_items.add(id, {"trailer", {}, {commit.sha}});
            } else if (!defined.contains(id) && std::find(unknown.begin(), unknown.end(), id) == unknown.end()) {
                unknown.push_back(id);
            }
        }
        for (const std::string& path : repo.changed_paths(commit.sha)) {
            const auto found = by_path.find(path);
            if (found == by_path.end()) {
                continue;
            }
            const Document& document = *found->second;
            touched_documents.add(document.id, {"file", {}, {commit.sha}});
            if (document.kind->items.empty()) {
                continue;
            }
            // Which requirements or cases of the file this commit changed: their entries
            // before (first parent) and after.
            auto version = [&](const std::string& sha) {
                std::map<std::string, json> found_entries;
                if (sha.empty()) {
                    return found_entries;
                }
                const std::optional<std::string> text = repo.file_at(sha, path, max_document_bytes);
                if (!text) {
                    return found_entries;
                }
                const ParsedYaml parsed = parse_yaml_document(*text, YamlLimits{});
                if (parsed.root) {
                    found_entries = entries(*parsed.root, *document.kind);
                }
                return found_entries;
            };
            const std::map<std::string, json> after = version(commit.sha);
            const std::map<std::string, json> before = version(commit.parents.empty() ? "" : commit.parents.front());
            for (const auto* side : {&after, &before}) {
                for (const auto& [id, entry] : *side) {
                    const auto* other = side == &after ? &before : &after;
                    const auto match = other->find(id);
                    if (match == other->end() || match->second != entry) {
                        touched_items.add(id, {"file", {}, {commit.sha}});
                        if (!items.contains(id)) {
                            const std::string prefix = id.substr(0, id.find('-'));
                            items.emplace(id, Item{item_kind(prefix), json_text(entry, "title"), document.id});
                        }
                    }
                }
            }
        }
        const auto links = linked.find(commit.sha);
        if (links != linked.end()) {
            for (const auto& [id, field] : links->second) {
                touched_documents.add(id, {"commit-link", field, {commit.sha}});
            }
        }
    }

    // A touched fix reaches the cases it fixed and the requirements they verify.
    std::unordered_map<std::string, std::vector<std::string>> verifies;
    std::unordered_map<std::string, std::vector<std::string>> cases_of_fix;
    for (const auto& [id, document] : by_id) {
        const std::string& kind = document->kind->name;
        const json& data = document->data();
        if (kind == "quality-spec" && data.contains("cases") && data["cases"].is_array()) {
            for (const json& test_case : data["cases"]) {
                if (test_case.is_object() && test_case.contains("verifies")) {
                    verifies[json_text(test_case, "id")] = texts(test_case["verifies"]);
                }
            }
        } else if (kind == "test-report" && data.contains("results") && data["results"].is_array()) {
            for (const json& result : data["results"]) {
                const std::string fix = json_text(result, "fix");
                if (!fix.empty() && !json_text(result, "case").empty()) {
                    cases_of_fix[fix].push_back(json_text(result, "case"));
                }
            }
        } else if (kind == "fix-confirmation" && data.contains("source")) {
            const std::string test_case = json_text(data["source"], "case");
            if (!test_case.empty()) {
                cases_of_fix[id].push_back(test_case);
            }
        }
    }
    for (const auto& [fix, via] : touched_documents.all()) {
        const Document* document = by_id.at(fix);
        if (document->kind->name != "fix-confirmation") {
            continue;
        }
        for (const std::string& test_case : cases_of_fix[fix]) {
            touched_items.add(test_case, {"fix", fix, {}});
            for (const std::string& requirement : verifies[test_case]) {
                touched_items.add(requirement, {"fix", fix, {}});
            }
        }
    }
    // A requirement changed or implemented in the range: the cases that verify it are to
    // be run again.
    std::vector<std::string> direct;
    for (const auto& [id, via] : touched_items.all()) {
        if (id.starts_with("REQ-") && touched_items.touched_directly(id)) {
            direct.push_back(id);
        }
    }
    for (const auto& [test_case, requirements] : verifies) {
        for (const std::string& requirement : requirements) {
            if (std::find(direct.begin(), direct.end(), requirement) != direct.end()) {
                touched_items.add(test_case, {"requirement", requirement, {}});
            }
        }
    }

    report.documents = entries_of(
        touched_documents,
        [&](const std::string& id) {
            const Document* document = by_id.at(id);
            return ImpactEntry{id, document->kind->name, document->title, {}, document->path, {}};
        },
        order);
    const std::vector<ImpactEntry> all_items = entries_of(
        touched_items,
        [&](const std::string& id) {
            const auto found = items.find(id);
            return found == items.end()
                       ? ImpactEntry{id, item_kind(id.substr(0, id.find('-'))), {}, {}, {}, {}}
                       : ImpactEntry{id, found->second.kind, found->second.title, found->second.document, {}, {}};
        },
        order);
    for (const ImpactEntry& entry : all_items) {
        (entry.kind == "test-case" ? report.test_cases : report.requirements).push_back(entry);
    }
    report.unknown_refs = std::move(unknown);
    return report;
}

} // namespace cswm
