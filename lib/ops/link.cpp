#include "lib/ops/link.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/query.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/journal.hpp"
#include "lib/workspace/workspace.hpp"
#include "lib/yaml/editor.hpp"

#include <fmt/format.h>

namespace cswm {
namespace {

/// The JSON pointer of the commit field, choosing the `action`-th element where the
/// field steps into a list ("actions[].commits" with action 2 → "/actions/1/commits").
std::string commit_pointer(const Document& document, const FieldPath& field, const std::optional<int>& action) {
    const std::string& text = field.text();
    const std::size_t each = text.find("[]");
    if (each == std::string::npos) {
        if (action) {
            throw Error(tr("link.action-not-list", fmt::arg("id", document.id), fmt::arg("field", text)));
        }
        std::string pointer;
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t dot = std::min(text.find('.', start), text.size());
            pointer += '/';
            pointer += pointer_token(text.substr(start, dot - start));
            start = dot + 1;
        }
        return pointer;
    }
    const std::string list = text.substr(0, each);
    const std::string rest = text.substr(each + 3); // past "[]."
    const nlohmann::json* items = document.data().contains(list) ? &document.data()[list] : nullptr;
    const std::size_t count = items != nullptr && items->is_array() ? items->size() : 0;
    if (!action) {
        throw Error(tr("link.which-action", fmt::arg("id", document.id), fmt::arg("count", count),
                       fmt::arg("list", list), fmt::arg("last", std::max<std::size_t>(count, 1))));
    }
    if (*action < 1 || static_cast<std::size_t>(*action) > count) {
        throw Error(tr("link.action-range", fmt::arg("action", *action), fmt::arg("id", document.id),
                       fmt::arg("count", count), fmt::arg("list", list)));
    }
    return fmt::format("/{}/{}/{}", pointer_token(list), *action - 1, pointer_token(rest));
}

} // namespace

LinkResult link_commits(const Workspace& workspace, const LinkRequest& request) {
    const Repo& repo = workspace.require_repo("cswm link");
    // Read, edit and write as one step: two links on one document at once would otherwise
    // both edit the same old text, and the second write would drop the first's commit.
    const WriteLock lock(workspace); // finishes a renumber killed halfway first
    const Document document = find_document(workspace, request.id);
    if (document.kind->commit_fields.empty()) {
        throw Error(tr("link.kind-without-commits", fmt::arg("kind", i18n::noun_phrase(document.kind->name))));
    }
    const FieldPath& field = document.kind->commit_fields.front();
    const std::string pointer = commit_pointer(document, field, request.action);

    // Every revision is resolved before anything is written: one bad name, no change.
    std::vector<std::string> shas;
    for (const std::string& revision : request.revisions) {
        const std::string sha = repo.resolve_commit(revision);
        if (std::find(shas.begin(), shas.end(), sha) == shas.end()) {
            shas.push_back(sha);
        }
    }
    // The kind's schema says whether the field holds one commit (a test report's) or a list.
    const nlohmann::json type =
        document.kind->schema.value("/properties"_json_pointer / field.text() / "type", nlohmann::json("array"));
    const bool single = field.text().find_first_of(".[") == std::string::npos && type != "array" &&
                        !(type.is_array() && std::find(type.begin(), type.end(), "array") != type.end());
    if (single && shas.size() > 1) {
        throw Error(tr("link.one-commit", fmt::arg("kind", document.kind->name), fmt::arg("field", field.text())));
    }

    if (single && document.data().contains(nlohmann::json::json_pointer(pointer))) {
        const nlohmann::json& current = document.data()[nlohmann::json::json_pointer(pointer)];
        if (current.is_string() && current != shas.front()) {
            throw Error(tr("link.already-recorded", fmt::arg("id", document.id),
                           fmt::arg("sha", current.get<std::string>()), fmt::arg("field", pointer_label(pointer))));
        }
    }
    remove_stale_temporaries(document.file.parent_path());
    YamlEditor editor(read_file_or_throw(document.file), workspace.config().yaml);
    LinkResult result;
    result.path = document.path;
    result.field = request.action ? fmt::format("action {} ({})", *request.action, pointer_label(pointer))
                                  : pointer_label(pointer);
    for (const std::string& sha : shas) {
        const bool added = single ? editor.set_scalar(pointer, sha) : editor.append_to_list(pointer, sha);
        (added ? result.added : result.present).push_back(sha);
    }
    if (!result.added.empty()) {
        write_file_atomically(document.file, editor.text());
    }
    return result;
}

} // namespace cswm
