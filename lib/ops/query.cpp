#include "lib/ops/query.hpp"

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
        std::string message = fmt::format("unknown kind '{}'", printable(*filter.kind, 60));
        if (const auto suggestion = closest_match(*filter.kind, names)) {
            message += fmt::format(": did you mean '{}'?", *suggestion);
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
    for (Document& document : workspace.load_all()) {
        if (!document.parsed() || document.id.empty()) {
            continue;
        }
        known.push_back(document.id);
        if (document.id == id) {
            matches.push_back(std::move(document));
        }
    }
    if (matches.size() == 1) {
        if (matches.front().kind == nullptr) {
            throw Error(
                fmt::format("{} has no known kind: run `cswm check {}`", matches.front().path, matches.front().path));
        }
        return std::move(matches.front());
    }
    if (matches.empty()) {
        for (const fs::path& file : workspace.scan().files) {
            const std::string name = file.filename().string();
            if (name.starts_with(id) && name.size() > id.size() && (name[id.size()] == '-' || name[id.size()] == '.')) {
                throw Error(fmt::format("{} could not be read as a document: run `cswm check {}`",
                                        relative_to(file, workspace.root()), relative_to(file, workspace.root())));
            }
        }
        std::string message = fmt::format("no document has the ID {}", printable(id, 60));
        if (const auto suggestion = closest_match(id, known)) {
            message += fmt::format(": did you mean {}?", *suggestion);
        }
        throw Error(message);
    }
    std::vector<std::string> paths;
    for (const Document& document : matches) {
        paths.push_back(document.path);
    }
    throw Error(fmt::format("{} files have the ID {}: {}\nrun `cswm check` and give one of them a new ID",
                            matches.size(), id, join(paths, ", ")));
}

} // namespace cswm
