#include "lib/ops/review.hpp"

#include "lib/check/suspect.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/ops/query.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/journal.hpp"
#include "lib/workspace/workspace.hpp"
#include "lib/yaml/editor.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cswm {
namespace {

using nlohmann::json;

std::string shown(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.is_null() ? std::string("(empty)") : value.dump();
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool has_status(const Kind& kind, const std::string& status) {
    const json::json_pointer where("/properties/status/enum");
    if (!kind.schema.contains(where) || !kind.schema[where].is_array()) {
        return false;
    }
    const json& states = kind.schema[where];
    return std::find(states.begin(), states.end(), status) != states.end();
}

/// Sets `key` of the mapping at `parent` to `value`: replaced when it is there, else
/// added after `after` (a key of the same mapping). Records the change in `changes`.
void put(YamlEditor& editor, const std::string& parent, const std::string& key, const std::string& after,
         const std::string& value, std::vector<std::string>& changes) {
    const json& root = *editor.parsed().root;
    const json::json_pointer where(parent + "/" + key);
    const std::string label = pointer_label(parent + "/" + key);
    if (root.contains(where)) {
        const std::string before = shown(root[where]);
        if (editor.replace_scalar(parent + "/" + key, value)) {
            changes.push_back(fmt::format("{}: {} → {}", label, before, value));
        }
        return;
    }
    if (after == key) {
        throw Error(tr("review.field-missing", fmt::arg("field", label)));
    }
    editor.insert_after(parent + "/" + after, key, nlohmann::ordered_json(value));
    changes.push_back(fmt::format("{}: {}", label, value));
}

/// The index of the reviewer named `name` in the chain: exactly, else ignoring case;
/// nullopt when no entry (or more than one, ignoring case) has it.
std::optional<std::size_t> find_reviewer(const json& reviewers, const std::string& name) {
    std::optional<std::size_t> loose;
    std::size_t loose_count = 0;
    for (std::size_t i = 0; i < reviewers.size(); ++i) {
        if (!reviewers[i].is_object()) {
            continue;
        }
        const json named = reviewers[i].value("name", json());
        if (!named.is_string()) {
            continue;
        }
        if (named.get<std::string>() == name) {
            return i;
        }
        if (lower(named.get<std::string>()) == lower(name)) {
            loose = i;
            ++loose_count;
        }
    }
    return loose_count == 1 ? loose : std::nullopt;
}

void record_reviewer(YamlEditor& editor, const ReviewRequest& request, const std::string& decision,
                     const std::string& today, std::vector<std::string>& changes) {
    const json& review = (*editor.parsed().root)["review"];
    const json reviewers = review.value("reviewers", json());
    if (!reviewers.is_null() && !reviewers.is_array()) {
        throw Error(tr("review.reviewers-not-list"));
    }
    const std::optional<std::size_t> found =
        reviewers.is_array() ? find_reviewer(reviewers, *request.by) : std::nullopt;
    if (!found) {
        nlohmann::ordered_json entry;
        entry["role"] = request.role.value_or("reviewer");
        entry["name"] = *request.by;
        entry["decision"] = decision;
        entry["date"] = today;
        editor.append_mapping_to_list("/review/reviewers", entry);
        changes.push_back(tr("review.reviewer-added", fmt::arg("name", *request.by),
                             fmt::arg("role", request.role.value_or("reviewer")), fmt::arg("decision", decision),
                             fmt::arg("date", today)));
        return;
    }
    const std::string at = fmt::format("/review/reviewers/{}", *found);
    if (request.decision) {
        put(editor, at, "decision", "name", *request.decision, changes);
    }
    put(editor, at, "date", "decision", today, changes);
}

/// The quality spec's fingerprints, recomputed from the statements in force now.
void record_fingerprints(YamlEditor& editor, const Workspace& workspace, const Document& spec, ReviewResult& result) {
    const std::vector<Document> documents = workspace.load_all();
    const auto stated = stated_requirements(documents);
    const std::map<std::string, std::string> before = recorded_fingerprints(spec);
    nlohmann::ordered_json after = nlohmann::ordered_json::object();
    for (const std::string& requirement : verified_requirements(spec)) {
        const auto found = stated.find(requirement);
        if (found == stated.end()) {
            result.unknown.push_back(requirement);
            continue;
        }
        const std::string fingerprint = statement_fingerprint(found->second.statement);
        after[requirement] = fingerprint;
        const auto old = before.find(requirement);
        if (old == before.end() || old->second != fingerprint) {
            result.fingerprints.push_back(
                {requirement, old == before.end() ? std::string() : old->second, fingerprint});
        } else {
            ++result.fingerprints_kept;
        }
    }
    for (const auto& [requirement, fingerprint] : before) {
        if (!after.contains(requirement)) {
            result.fingerprints.push_back({requirement, fingerprint, std::string()});
        }
    }
    const json& review = (*editor.parsed().root)["review"];
    if (review.contains("fingerprints")) {
        editor.replace_value("/review/fingerprints", after);
    } else if (!after.empty()) {
        // Last in the block, after the sign-off chain it belongs to.
        std::string last;
        int last_line = 0;
        for (const auto& [key, value] : review.items()) {
            const NodePlace place = editor.parsed().place_of("/review/" + pointer_token(key));
            if (last.empty() || place.key.line >= last_line) {
                last_line = place.key.line;
                last = key;
            }
        }
        editor.insert_after("/review/" + pointer_token(last), "fingerprints", after);
    }
}

} // namespace

ReviewResult record_review(const Workspace& workspace, const ReviewRequest& request) {
    // Read, edit and write as one step under the lock every writer of documents holds.
    const WriteLock lock(workspace); // finishes a renumber killed halfway first
    const Document document = find_document(workspace, request.id);
    if (!document.kind->sign_off) {
        throw Error(tr("review.no-sign-off", fmt::arg("id", document.id),
                       fmt::arg("kind", i18n::noun_phrase(document.kind->name))));
    }
    const json& data = document.data();
    if (!data.contains("review") || !data["review"].is_object()) {
        throw Error(tr("review.no-block", fmt::arg("id", document.id), fmt::arg("kind", document.kind->name)));
    }
    if (request.by && request.by->find_first_not_of(" \t") == std::string::npos) {
        throw Error(tr("review.by-needs-name"));
    }
    const std::string today = today_iso();
    ReviewResult result;
    result.id = document.id;
    result.path = document.path;
    result.date = today;

    const std::string original = read_file_or_throw(document.file);
    YamlEditor editor(original, workspace.config().yaml);
    // The editor writes block YAML: a review block written as {…} is the user's to rewrite.
    for (const char* pointer : {"/review", "/review/reviewers"}) {
        if (std::string_view(pointer) == "/review/reviewers" && !request.by) {
            continue;
        }
        const NodePlace* place = editor.parsed().places().find(pointer);
        if (place != nullptr && place->value_offset < original.size() &&
            (original[place->value_offset] == '{' || original[place->value_offset] == '[') &&
            !data[nlohmann::json::json_pointer(pointer)].empty()) { // `[]` becomes a block list
            throw Error(tr("review.flow-style", fmt::arg("field", pointer_label(pointer)), fmt::arg("id", document.id),
                           fmt::arg("start", original[place->value_offset])));
        }
    }
    const json& review = data["review"];
    const std::string decision =
        request.decision.value_or(review.value("decision", json("pending")).is_string()
                                      ? review.value("decision", json("pending")).get<std::string>()
                                      : std::string("pending"));
    if (request.decision) {
        put(editor, "/review", "decision", "decision", *request.decision, result.changes);
    }
    put(editor, "/review", "date", "decision", today, result.changes);
    if (request.by) {
        record_reviewer(editor, request, decision, today, result.changes);
    }
    // A decision moves a document under review on: approved, or back to draft for rework.
    if (request.decision && document.status == "in-review") {
        const char* next = *request.decision == "approved" || *request.decision == "conditional" ? "approved"
                           : *request.decision == "returned"                                     ? "draft"
                                                                                                 : nullptr;
        if (next != nullptr && has_status(*document.kind, next)) {
            put(editor, "", "status", "id", next, result.changes);
        }
    }
    if (document.kind->name == "quality-spec") {
        record_fingerprints(editor, workspace, document, result);
    }
    if (editor.text() != original) {
        remove_stale_temporaries(document.file.parent_path());
        write_file_atomically(document.file, editor.text());
        result.written = true;
    }
    return result;
}

} // namespace cswm
