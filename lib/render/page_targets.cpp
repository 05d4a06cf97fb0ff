#include "lib/render/page.hpp"

#include "lib/model/references.hpp"
#include "lib/util/text.hpp"

#include <regex>
#include <set>

// Which IDs have a page, and which commits a document names: what a run gathers once
// for every page it renders.

namespace cswm::render {

using nlohmann::json;

bool is_page_id(const std::string& id) {
    static const std::regex pattern("[A-Z][A-Z0-9]*-[0-9]{3,9}");
    return std::regex_match(id, pattern);
}

std::map<std::string, std::string> page_targets(const std::vector<Document>& documents) {
    std::map<std::string, std::string> targets;
    std::set<std::string> seen;
    for (const Document& document : documents) {
        if (!document.parsed() || document.kind == nullptr || !is_page_id(document.id) ||
            !seen.insert(document.id).second) {
            continue;
        }
        targets.emplace(document.id, document.id);
        for (const std::string& item : item_ids(document)) {
            targets.emplace(item, document.id);
        }
    }
    return targets;
}

std::vector<std::string> named_commits(const Document& document) {
    std::set<std::string> shas;
    if (document.parsed()) {
        std::vector<const json*> pending{&document.data()};
        while (!pending.empty()) { // iterative: the loader bounds depth, this needs no stack either
            const json* value = pending.back();
            pending.pop_back();
            if (value->is_string() && is_full_sha(value->get_ref<const std::string&>())) {
                shas.insert(value->get<std::string>());
            } else if (value->is_array() || value->is_object()) {
                for (const json& child : *value) {
                    pending.push_back(&child);
                }
            }
        }
    }
    return {shas.begin(), shas.end()};
}

} // namespace cswm::render
