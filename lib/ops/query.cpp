#include "lib/ops/query.hpp"
#include "lib/model/references.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cswm {
namespace {

/// Orders TR-9 before TR-10: by kind position, then the ID's number, then the text.
struct DocumentOrder {
    const Catalog& catalog;

    std::size_t kind_position(const Document& document) const {
        const auto& kinds = catalog.kinds();
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            if (&kinds[i] == document.kind) {
                return i;
            }
        }
        return kinds.size();
    }

    static unsigned long number(const std::string& id) {
        const std::size_t dash = id.rfind('-');
        try {
            return dash == std::string::npos ? 0 : std::stoul(id.substr(dash + 1));
        } catch (const std::exception&) {
            return 0;
        }
    }

    bool operator()(const Document& a, const Document& b) const {
        return std::tuple(kind_position(a), number(a.id), a.id, a.path) <
               std::tuple(kind_position(b), number(b.id), b.id, b.path);
    }
};

} // namespace

std::vector<Document> list_documents(const Workspace& workspace, const ListFilter& filter) {
    if (filter.kind && workspace.catalog().find(*filter.kind) == nullptr) {
        const std::vector<std::string> names = workspace.catalog().names();
        std::string message = tr("ops.kind-unknown", fmt::arg("kind", printable(*filter.kind, 60)));
        if (const auto suggestion = closest_match(*filter.kind, names)) {
            message += tr("ops.did-you-mean-quoted", fmt::arg("word", *suggestion));
        }
        throw Error(message);
    }
    std::vector<Document> selected;
    for (Document& document : workspace.load_all()) {
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        if ((filter.kind && document.kind->name != *filter.kind) ||
            (filter.status && document.status != *filter.status)) {
            continue;
        }
        selected.push_back(std::move(document));
    }
    std::sort(selected.begin(), selected.end(), DocumentOrder{workspace.catalog()});
    return selected;
}

Document find_document(const Workspace& workspace, const std::string& id) {
    std::vector<Document> matches;
    std::vector<std::string> known;
    std::vector<std::string> holders; // documents that define `id` as an item (a requirement, a case)
    for (Document& document : workspace.load_all()) {
        if (!document.parsed() || document.id.empty()) {
            continue;
        }
        known.push_back(document.id);
        if (document.id == id) {
            matches.push_back(std::move(document));
        } else if (document.kind != nullptr) {
            const std::vector<std::string> items = item_ids(document);
            if (std::find(items.begin(), items.end(), id) != items.end()) {
                holders.push_back(document.id);
            }
        }
    }
    if (matches.size() == 1) {
        if (matches.front().kind == nullptr) {
            throw Error(tr("ops.no-known-kind", fmt::arg("path", matches.front().path)));
        }
        return std::move(matches.front());
    }
    if (matches.empty()) {
        for (const fs::path& file : workspace.scan().files) {
            const std::string name = file.filename().string();
            if (name.starts_with(id) && name.size() > id.size() && (name[id.size()] == '-' || name[id.size()] == '.')) {
                throw Error(tr("ops.unreadable-document", fmt::arg("path", relative_to(file, workspace.root()))));
            }
        }
        if (!holders.empty()) {
            throw Error(tr("ops.id-is-an-item", fmt::arg("id", id),
                           fmt::arg("documents", join(holders, tr("list.separator"))),
                           fmt::arg("document", holders.front())));
        }
        std::string message = tr("ops.no-such-id", fmt::arg("id", printable(id, 60)));
        if (const auto suggestion = closest_match(id, known)) {
            message += tr("ops.did-you-mean", fmt::arg("word", *suggestion));
        }
        throw Error(message);
    }
    std::vector<std::string> paths;
    for (const Document& document : matches) {
        paths.push_back(document.path);
    }
    throw Error(tr("ops.id-in-several-files", fmt::arg("count", matches.size()), fmt::arg("id", id),
                   fmt::arg("paths", join(paths, ", "))));
}

} // namespace cswm
