#include "lib/check/rules.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/model/pointer_trail.hpp"
#include "lib/schema/validator.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <regex>

namespace cswm::rules {
namespace {

using nlohmann::json;

/// Compiled schemas, one per kind, built on first use (documents are checked on
/// several threads: the table is shared under a lock; a validator is safe to share).
const SchemaValidator& validator_for(const Kind& kind) {
    static std::mutex mutex;
    static std::map<const Kind*, SchemaValidator> validators;
    const std::lock_guard lock(mutex);
    auto found = validators.find(&kind);
    if (found == validators.end()) {
        found = validators.emplace(&kind, SchemaValidator(kind.schema)).first;
    }
    return found->second;
}

/// The pointers of the placeholders under `node`, which is where `trail` is.
void collect_placeholders(const json& node, PointerTrail& trail, std::vector<std::string>& out) {
    if (is_placeholder(node)) {
        out.push_back(trail.pointer());
        return;
    }
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            trail.push(it.key());
            collect_placeholders(it.value(), trail, out);
            trail.pop();
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            trail.push(i);
            collect_placeholders(node[i], trail, out);
            trail.pop();
        }
    }
}

/// The pointers of every link value of the document (each element of a list of links).
std::vector<std::string> link_pointers(const Kind& kind, const json& data) {
    std::vector<std::string> pointers;
    for (const LinkDefinition& link : kind.links) {
        for (const FieldPath::Match& match : link.field.find(data)) {
            if (match.value->is_array()) {
                for (std::size_t i = 0; i < match.value->size(); ++i) {
                    pointers.push_back(match.pointer + "/" + std::to_string(i));
                }
            } else {
                pointers.push_back(match.pointer);
            }
        }
    }
    return pointers;
}

bool is_within(std::string_view pointer, std::string_view ancestor) {
    return pointer == ancestor ||
           (pointer.starts_with(ancestor) && pointer.size() > ancestor.size() && pointer[ancestor.size()] == '/');
}

/// `kind:` must name a kind of the catalogue; returns false when the rest cannot be checked.
bool check_kind(const Document& document, const Catalog& catalog, Findings& out) {
    if (document.kind != nullptr) {
        return true;
    }
    const std::vector<std::string> names = catalog.names();
    const auto kind = document.data().find("kind");
    if (kind == document.data().end() || kind->is_null()) {
        out.push_back(document.finding_at("", false, Severity::error, "kind",
                                          tr("check.kind-missing", fmt::arg("kinds", join(names, ", ")))));
        return false;
    }
    const std::string value = kind->is_string() ? kind->get<std::string>() : kind->dump();
    std::string message = tr("check.kind-unknown", fmt::arg("kind", printable(value, 60)));
    if (const auto suggestion = closest_match(value, names)) {
        message += tr("check.kind-did-you-mean", fmt::arg("kind", *suggestion));
    } else {
        message += tr("check.kind-list", fmt::arg("kinds", join(names, ", ")));
    }
    out.push_back(document.finding_at("/kind", false, Severity::error, "kind", message));
    return false;
}

/// The ID's form; returns true when it is well formed (so the file name can be checked).
bool check_id(const Document& document, const Catalog& catalog, Findings& out) {
    const auto id = document.data().find("id");
    if (id == document.data().end() || id->is_null() || is_placeholder(*id)) {
        return false; // the schema reports a missing ID, the placeholder rule a placeholder
    }
    const Kind& kind = *document.kind;
    // PREFIX-NNN, three ASCII digits or more (a std::regex built per document cost more
    // than the rest of the document's rules).
    auto well_formed = [&](const std::string& text) {
        const std::size_t digits = kind.prefix.size() + 1;
        return text.size() >= digits + 3 && text.starts_with(kind.prefix) && text[kind.prefix.size()] == '-' &&
               std::all_of(text.begin() + static_cast<std::ptrdiff_t>(digits), text.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (id->is_string() && well_formed(document.id)) {
        return true;
    }
    std::string message =
        tr("check.id-format", fmt::arg("id", id->is_string() ? "'" + printable(document.id, 60) + "'" : id->dump()),
           fmt::arg("prefix", kind.prefix));
    const std::size_t dash = document.id.find('-');
    if (dash != std::string::npos) {
        if (const Kind* other = catalog.find_by_prefix(document.id.substr(0, dash));
            other != nullptr && other != &kind) {
            message = tr("check.id-other-prefix", fmt::arg("id", document.id),
                         fmt::arg("other", i18n::noun_phrase(other->name)),
                         fmt::arg("kind", i18n::noun_phrase(kind.name)), fmt::arg("prefix", kind.prefix));
        }
    }
    out.push_back(document.finding_at("/id", false, Severity::error, "id-format", message));
    return false;
}

void check_file_name(const Document& document, Findings& out) {
    const std::string name = document.file.filename().string();
    const std::string& id = document.id;
    if (name.starts_with(id) && name.size() > id.size() && (name[id.size()] == '-' || name[id.size()] == '.')) {
        return;
    }
    // Suggest a name that keeps the slug but not an old ID: "TR-008-login.yaml" → "TR-007-login.yaml".
    static const std::regex old_id("^[A-Za-z]+-[0-9]+(-|(?=\\.))");
    const std::string rest = std::regex_replace(name, old_id, "", std::regex_constants::format_first_only);
    const std::string suggestion = rest.starts_with(".") ? id + rest : id + "-" + rest;
    out.push_back(document.finding_at("/id", false, Severity::error, "file-name",
                                      tr("check.file-name", fmt::arg("name", printable(name, 80)), fmt::arg("id", id),
                                         fmt::arg("suggestion", printable(suggestion, 80)))));
}

/// A document in another kind's folder is probably misfiled.
void check_folder(const Document& document, const Catalog& catalog, std::string_view documents_root, Findings& out) {
    const std::string prefix = std::string(documents_root) + "/";
    if (!document.path.starts_with(prefix)) {
        return;
    }
    const std::string rest = document.path.substr(prefix.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string::npos) {
        return;
    }
    const Kind* folder_kind = catalog.find(rest.substr(0, slash));
    if (folder_kind != nullptr && folder_kind != document.kind) {
        out.push_back(document.finding_at(
            "/kind", false, Severity::warning, "kind-folder",
            tr("check.kind-folder", fmt::arg("kind", i18n::noun_phrase(document.kind->name)),
               fmt::arg("folder_kind", folder_kind->name), fmt::arg("folder", prefix + document.kind->name))));
    }
}

} // namespace

bool is_placeholder(const json& value) {
    if (!value.is_string()) {
        return false;
    }
    const std::string& text = value.get_ref<const std::string&>();
    // Placeholders never nest: "<ip>:<n> failed to transfer blk_<n> to <ip>" is a log
    // signature, not a placeholder.
    return text.size() >= 3 && text.front() == '<' && text.back() == '>' && text.find('\n') == std::string::npos &&
           text.find_first_of("<>", 1) == text.size() - 1;
}

void check_document(const Document& document, const Catalog& catalog, std::string_view documents_root, Findings& out) {
    if (!document.parsed() || !check_kind(document, catalog, out)) {
        return;
    }
    std::vector<std::string> placeholders;
    PointerTrail trail;
    collect_placeholders(document.data(), trail, placeholders);
    const bool draft = document.status == "draft" || document.status.empty();
    for (const std::string& pointer : placeholders) {
        out.push_back(document.finding_at(
            pointer, false, draft ? Severity::warning : Severity::error, "placeholder",
            tr("check.placeholder", fmt::arg("field", pointer_label(pointer)),
               fmt::arg("placeholder",
                        printable(document.data().at(nlohmann::json::json_pointer(pointer)).get<std::string>(), 80)),
               fmt::arg("not_draft",
                        draft ? "" : tr("check.placeholder-not-draft", fmt::arg("status", document.status))))));
    }
    const std::vector<std::string> links = link_pointers(*document.kind, document.data());
    for (const SchemaViolation& violation : validator_for(*document.kind).validate(document.data())) {
        // The link rules say more of a malformed or wrong-kind ID than its pattern can.
        const bool link_form = violation.constraint == "pattern" &&
                               std::find(links.begin(), links.end(), violation.pointer) != links.end();
        const bool owned_elsewhere = violation.pointer == "/id" || violation.pointer == "/kind" || link_form;
        auto within_any = [&](const std::vector<std::string>& pointers) {
            return std::any_of(pointers.begin(), pointers.end(),
                               [&](const std::string& p) { return is_within(violation.pointer, p); });
        };
        // A placeholder has its own finding; an alias's stand-in value is no value to judge.
        if (owned_elsewhere || within_any(placeholders) || within_any(document.yaml.stand_ins)) {
            continue;
        }
        const std::string label = pointer_label(violation.pointer);
        const std::string message =
            violation.at_key || label.empty() ? violation.message : fmt::format("{}: {}", label, violation.message);
        out.push_back(document.finding_at(violation.pointer, violation.at_key, Severity::error, "schema", message));
    }
    if (check_id(document, catalog, out)) {
        check_file_name(document, out);
    }
    check_folder(document, catalog, documents_root, out);
    check_document_semantics(document, out);
    check_requirement_wording(document, out);
}

} // namespace cswm::rules
