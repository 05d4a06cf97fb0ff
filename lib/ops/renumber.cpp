#include "lib/ops/renumber.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/model/references.hpp"
#include "lib/ops/new_document.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/journal.hpp"
#include "lib/workspace/workspace.hpp"
#include "lib/yaml/editor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>
#include <regex>
#include <set>
#include <unistd.h>

namespace cswm {
namespace {

using nlohmann::json;

bool id_character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string replace_mentions(std::string_view text, std::string_view old_id, std::string_view new_id) {
    std::string out;
    std::size_t from = 0;
    for (const std::size_t at : find_id_mentions(text, old_id)) {
        out.append(text.substr(from, at - from));
        out.append(new_id);
        from = at + old_id.size();
    }
    out.append(text.substr(from));
    return out;
}

/// What the document's data must become: the ID replaced in every text and key, and
/// nothing else.
json renamed(const json& value, const std::string& old_id, const std::string& new_id) {
    if (value.is_string()) {
        return replace_mentions(value.get<std::string>(), old_id, new_id);
    }
    if (value.is_array()) {
        json out = json::array();
        for (const json& each : value) {
            out.push_back(renamed(each, old_id, new_id));
        }
        return out;
    }
    if (value.is_object()) {
        json out = json::object();
        for (const auto& [key, each] : value.items()) {
            out[replace_mentions(key, old_id, new_id)] = renamed(each, old_id, new_id);
        }
        return out;
    }
    return value;
}

/// "SRS" and 1 for "SRS-001".
std::optional<std::pair<std::string, unsigned long>> split_id(const std::string& id) {
    static const std::regex form("([A-Z][A-Z0-9]*)-([0-9]{1,9})");
    std::smatch match;
    if (!std::regex_match(id, match, form)) {
        return std::nullopt;
    }
    unsigned long number = 0;
    const std::string digits = match[2].str();
    std::from_chars(digits.data(), digits.data() + digits.size(), number);
    return std::make_pair(match[1].str(), number);
}

/// "AREQ-006" for "AREQ-006-slow-uploads.yaml", as the tree rules read file names.
std::string id_in_file_name(const std::string& name) {
    static const std::regex form("^([A-Z]+-[0-9]{3,})([-.].*)?$");
    std::smatch match;
    return std::regex_match(name, match, form) ? match[1].str() : std::string();
}

/// A file of the tree that mentions the ID, with its text before and after.
struct Edit {
    fs::path file;
    std::string path;
    std::string before;
    std::string after;
    fs::path new_file; ///< set when the file is renamed
};

/// The mentions of `id` in one file's text, each with the field that is the ID alone.
std::vector<IdMention> mentions_in(const std::string& path, const std::string& text, const ParsedYaml* parsed,
                                   const std::string& id) {
    std::unordered_map<std::size_t, std::string> fields;
    if (parsed != nullptr && parsed->root) {
        parsed->places().for_each_under("", [&](std::string_view pointer, const NodePlace& place) {
            const json::json_pointer where{std::string(pointer)};
            if (parsed->root->contains(where) && (*parsed->root)[where] == json(id)) {
                fields[place.value_offset] = pointer_label(std::string(pointer));
            }
        });
    }
    std::vector<IdMention> out;
    for (const std::size_t at : find_id_mentions(text, id)) {
        IdMention mention{path, position_of_offset(text, at).line, ""};
        // A quoted value's place is its opening quote.
        for (const std::size_t start : {at, at - (at > 0 ? 1U : 0U)}) {
            if (const auto found = fields.find(start); found != fields.end()) {
                mention.field = found->second;
                break;
            }
        }
        out.push_back(std::move(mention));
    }
    return out;
}

/// Writes the edits, or restores every file already written and rethrows. The plan goes to
/// `journal` first and is removed once the set is wholly new or wholly old again: a kill
/// in between leaves it for the next writer to finish (WriteLock).
void write_all(const std::vector<Edit>& edits, const fs::path& journal, const fs::path& root, const std::string& what) {
    Journal plan{what, {}};
    for (const Edit& edit : edits) {
        const std::string from = relative_to(edit.file, root);
        plan.entries.push_back(
            {from, edit.new_file.empty() ? from : relative_to(edit.new_file, root), edit.before, edit.after});
    }
    struct Done {
        const Edit* edit;
        bool created_new = false;
        bool removed_old = false;
    };
    std::vector<Done> done;
    std::set<fs::path> folders;
    for (const Edit& edit : edits) {
        folders.insert(edit.file.parent_path());
        if (!edit.new_file.empty()) {
            folders.insert(edit.new_file.parent_path());
        }
    }
    for (const fs::path& folder : folders) {
        remove_stale_temporaries(folder); // the caller holds the lock of every writer
    }
    // A renamed file is made anew and the old name unlinked, which a read-only file does
    // not stop: refuse it here, as write_file_atomically refuses to replace one in place.
    for (const Edit& edit : edits) {
        if (!edit.new_file.empty() && ::access(edit.file.c_str(), W_OK) != 0) {
            throw Error(tr("files.cannot-write", fmt::arg("path", edit.file.string()),
                           fmt::arg("reason", std::strerror(errno))));
        }
    }
    write_journal(journal, plan);
    try {
        for (const Edit& edit : edits) {
            Done step{&edit};
            if (edit.new_file.empty()) {
                write_file_atomically(edit.file, edit.after);
                done.push_back(step);
                continue;
            }
            if (!create_file_exclusively(edit.new_file, edit.after)) {
                throw Error(
                    tr("renumber.cannot-rename", fmt::arg("path", edit.path), fmt::arg("new", edit.new_file.string())));
            }
            step.created_new = true;
            done.push_back(step);
            if (::unlink(edit.file.c_str()) != 0) {
                throw Error(tr("renumber.cannot-remove", fmt::arg("path", edit.file.string()),
                               fmt::arg("reason", std::strerror(errno))));
            }
            done.back().removed_old = true;
        }
    } catch (const Error& error) {
        std::vector<std::string> unrestored;
        for (auto step = done.rbegin(); step != done.rend(); ++step) {
            const Edit& edit = *step->edit;
            try {
                if (step->edit->new_file.empty()) {
                    write_file_atomically(edit.file, edit.before);
                    continue;
                }
                if (step->removed_old && !create_file_exclusively(edit.file, edit.before)) {
                    throw Error(tr("renumber.exists-again", fmt::arg("path", edit.path)));
                }
                if (step->created_new) {
                    fs::remove(edit.new_file);
                }
            } catch (const std::exception&) {
                unrestored.push_back(edit.path);
            }
        }
        if (!unrestored.empty()) {
            throw Error(tr("renumber.not-restored", fmt::arg("error", error.what()),
                           fmt::arg("paths", join(unrestored, ", "))));
        }
        remove_journal(journal);
        throw Error(tr("renumber.restored", fmt::arg("error", error.what())));
    }
    remove_journal(journal);
}

} // namespace

std::vector<std::size_t> find_id_mentions(std::string_view text, std::string_view id) {
    std::vector<std::size_t> found;
    if (id.empty()) {
        return found;
    }
    for (std::size_t at = text.find(id); at != std::string_view::npos; at = text.find(id, at + 1)) {
        const bool starts = at == 0 || (!id_character(text[at - 1]) && text[at - 1] != '-');
        const std::size_t end = at + id.size();
        const bool ends = end == text.size() || !id_character(text[end]);
        if (starts && ends) {
            found.push_back(at);
        }
    }
    return found;
}

Settled resume_renumber(const Workspace& workspace) {
    const WriteLock lock(workspace);
    return lock.settled();
}

RenumberResult renumber(const Workspace& workspace, const RenumberRequest& request) {
    const auto old_parts = split_id(request.old_id);
    if (!old_parts) {
        throw Error(tr("renumber.not-an-id", fmt::arg("id", printable(request.old_id, 60))));
    }
    // The same lock as `cswm new`: no new document can take NEW while this runs.
    // Taking it finishes (or rolls back) a renumber that was killed halfway.
    const WriteLock lock(workspace);
    const std::vector<Document> documents = workspace.load_all();

    // Where OLD is defined: as a document, or as an item inside one.
    std::vector<const Document*> defining;
    bool item = false;
    for (const Document& document : documents) {
        if (!document.parsed()) {
            continue;
        }
        if (document.id == request.old_id) {
            defining.push_back(&document);
        } else {
            const std::vector<std::string> items = item_ids(document);
            if (std::find(items.begin(), items.end(), request.old_id) != items.end()) {
                defining.push_back(&document);
                item = true;
            }
        }
    }
    if (defining.empty()) {
        const auto known = defined_ids(documents);
        const std::vector<std::string> candidates(known.begin(), known.end());
        std::string message = tr("renumber.no-such-id", fmt::arg("id", request.old_id));
        if (const auto suggestion = closest_match(request.old_id, candidates)) {
            message += tr("ops.did-you-mean", fmt::arg("word", *suggestion));
        }
        throw Error(message);
    }
    std::sort(defining.begin(), defining.end(), [](const Document* a, const Document* b) { return a->path < b->path; });
    const Document* chosen = defining.size() == 1 && request.file.empty() ? defining.front() : nullptr;
    if (!request.file.empty()) {
        const fs::path absolute =
            (request.file.is_absolute() ? request.file : request.base / request.file).lexically_normal();
        const std::string wanted = relative_to(absolute, workspace.root());
        for (const Document* document : defining) {
            if (document->path == wanted) {
                chosen = document;
            }
        }
        if (chosen == nullptr) {
            std::vector<std::string> paths;
            for (const Document* document : defining) {
                paths.push_back(document->path);
            }
            throw Error(tr("renumber.file-not-defining", fmt::arg("file", request.file.string()),
                           fmt::arg("id", request.old_id), fmt::arg("paths", join(paths, tr("renumber.and")))));
        }
    }
    if (chosen == nullptr) {
        std::string message = tr(item ? "renumber.several-items" : "renumber.several-documents",
                                 fmt::arg("id", request.old_id), fmt::arg("count", defining.size()));
        for (const Document* document : defining) {
            message += "\n  " + document->path;
        }
        throw Error(message);
    }
    const bool duplicate = defining.size() > 1;

    // NEW: given, or the next free ID of the kind (documents: as `cswm new` counts).
    std::string new_id = request.new_id;
    const std::unordered_set<std::string> known = defined_ids(documents);
    if (new_id.empty()) {
        if (!item) {
            new_id = next_id(chosen->kind != nullptr ? chosen->kind->prefix : old_parts->first,
                             chosen->kind != nullptr ? highest_id_number(workspace, *chosen->kind) : 0);
        } else {
            unsigned long highest = 0;
            for (const std::string& id : known) {
                if (const auto parts = split_id(id); parts && parts->first == old_parts->first) {
                    highest = std::max(highest, parts->second);
                }
            }
            new_id = next_id(old_parts->first, highest);
        }
    }
    const auto new_parts = split_id(new_id);
    if (!new_parts) {
        throw Error(tr("renumber.not-an-id-like", fmt::arg("id", printable(new_id, 60)),
                       fmt::arg("prefix", old_parts->first), fmt::arg("number", old_parts->second + 1)));
    }
    if (new_id.size() - new_id.rfind('-') - 1 < 3) {
        throw Error(tr("renumber.too-short", fmt::arg("id", new_id), fmt::arg("prefix", new_parts->first),
                       fmt::arg("number", new_parts->second)));
    }
    if (new_parts->first != old_parts->first) {
        throw Error(tr("renumber.other-prefix", fmt::arg("old", request.old_id), fmt::arg("new", new_id),
                       fmt::arg("prefix", old_parts->first)));
    }
    if (new_id == request.old_id) {
        throw Error(tr("renumber.same-id", fmt::arg("id", request.old_id)));
    }
    if (known.contains(new_id)) {
        std::vector<std::string> paths;
        for (const Document& document : documents) {
            const std::vector<std::string> items = item_ids(document);
            if (document.id == new_id || std::find(items.begin(), items.end(), new_id) != items.end()) {
                paths.push_back(document.path);
            }
        }
        throw Error(tr("renumber.taken", fmt::arg("id", new_id), fmt::arg("paths", join(paths, ", "))));
    }

    // Every file that mentions OLD: the documents and .cswm.yaml.
    RenumberResult result;
    result.old_id = request.old_id;
    result.new_id = new_id;
    result.item = item;
    result.duplicate = duplicate;
    result.path = chosen->path;
    result.new_path = chosen->path;
    std::vector<Edit> edits;
    // .cswm.yaml: only waivers' id: values that are OLD; its comments are examples.
    auto rewrite_config = [&](const std::string& path, const fs::path& file, const std::string& text,
                              const ParsedYaml& parsed) {
        if (!parsed.root || !parsed.problems.empty() || !parsed.root->contains("waivers") ||
            !(*parsed.root)["waivers"].is_array()) {
            return;
        }
        json expected = *parsed.root;
        std::vector<std::size_t> offsets;
        for (std::size_t i = 0; i < expected["waivers"].size(); ++i) {
            json& waiver = expected["waivers"][i];
            if (!waiver.is_object() || waiver.value("id", json()) != json(request.old_id)) {
                continue;
            }
            const std::string pointer = fmt::format("/waivers/{}/id", i);
            const NodePlace place = parsed.place_of(pointer);
            const std::size_t at = text.compare(place.value_offset, request.old_id.size(), request.old_id) == 0
                                       ? place.value_offset
                                       : place.value_offset + 1; // past a quote
            if (duplicate) {
                result.left.push_back({path, place.value.line, pointer_label(pointer)});
                continue;
            }
            waiver["id"] = new_id;
            offsets.push_back(at);
            result.rewritten.push_back({path, place.value.line, pointer_label(pointer)});
        }
        if (offsets.empty()) {
            return;
        }
        std::string after = text;
        std::sort(offsets.rbegin(), offsets.rend());
        for (const std::size_t at : offsets) {
            after.replace(at, request.old_id.size(), new_id);
        }
        const YamlEditor editor(after, YamlLimits{});
        if (*editor.parsed().root != expected) {
            throw Error(tr("renumber.more-than-id", fmt::arg("id", request.old_id), fmt::arg("path", path)));
        }
        edits.push_back({file, path, text, std::move(after), {}});
    };
    auto consider = [&](const fs::path& file, const std::string& path, const Document* document,
                        const YamlLimits& limits, std::uintmax_t max_bytes) {
        const ReadResult read = read_regular_file(file, max_bytes);
        if (read.problem != ReadProblem::none) {
            return; // the check of the tree says what is wrong with it; it mentions nothing we can see
        }
        const bool config = document == nullptr;
        if (const auto taken = find_id_mentions(read.content, new_id); !taken.empty() && !config) {
            throw Error(tr("renumber.new-id-mentioned", fmt::arg("new", new_id), fmt::arg("path", path),
                           fmt::arg("line", position_of_offset(read.content, taken.front()).line),
                           fmt::arg("old", request.old_id)));
        }
        if (find_id_mentions(read.content, request.old_id).empty()) {
            return;
        }
        const ParsedYaml parsed = parse_yaml_document(read.content, limits);
        std::vector<IdMention> mentions = mentions_in(path, read.content, &parsed, request.old_id);
        if (config) {
            rewrite_config(path, file, read.content, parsed);
            return;
        }
        if (duplicate && document != chosen) {
            const bool defines = std::find(defining.begin(), defining.end(), document) != defining.end();
            for (IdMention& mention : mentions) {
                // The other definition itself is no reference to list.
                if (!defines || (mention.field != "id" && !mention.field.ends_with("].id"))) {
                    result.left.push_back(std::move(mention));
                }
            }
            return;
        }
        if (!parsed.root || !parsed.problems.empty()) {
            throw Error(tr("renumber.unparsed", fmt::arg("path", path), fmt::arg("id", request.old_id)));
        }
        Edit edit{file, path, read.content, replace_mentions(read.content, request.old_id, new_id), {}};
        // Verify in memory: the new text parses, and only the ID changed in its data.
        const YamlEditor editor(edit.after, limits);
        if (*editor.parsed().root != renamed(*parsed.root, request.old_id, new_id)) {
            throw Error(tr("renumber.more-than-id", fmt::arg("id", request.old_id), fmt::arg("path", path)));
        }
        result.rewritten.insert(result.rewritten.end(), mentions.begin(), mentions.end());
        edits.push_back(std::move(edit));
    };
    for (const Document& document : documents) {
        consider(document.file, document.path, &document, workspace.config().yaml,
                 workspace.config().max_document_bytes);
        // A file named by NEW (a broken one, say) would clash with the renamed file.
        if (id_in_file_name(document.file.filename().string()) == new_id) {
            throw Error(tr("renumber.file-named", fmt::arg("id", new_id), fmt::arg("path", document.path)));
        }
    }
    consider(workspace.root() / k_config_file, k_config_file, nullptr, YamlLimits{}, 1U << 20U);

    // The document's file is renamed when its name begins with OLD.
    if (!item) {
        const std::string name = chosen->file.filename().string();
        if (id_in_file_name(name) == request.old_id) {
            const fs::path new_file = chosen->file.parent_path() / (new_id + name.substr(request.old_id.size()));
            std::error_code error;
            if (fs::exists(fs::symlink_status(new_file, error))) {
                throw Error(
                    tr("renumber.cannot-rename", fmt::arg("path", chosen->path), fmt::arg("new", new_file.string())));
            }
            auto edit =
                std::find_if(edits.begin(), edits.end(), [&](const Edit& each) { return each.path == chosen->path; });
            if (edit == edits.end()) {
                throw Error(
                    tr("renumber.own-id-missing", fmt::arg("path", chosen->path), fmt::arg("id", request.old_id)));
            }
            edit->new_file = new_file;
            result.new_path = relative_to(new_file, workspace.root());
        }
    }
    std::sort(result.rewritten.begin(), result.rewritten.end(), [](const IdMention& a, const IdMention& b) {
        return std::tie(a.path, a.line) < std::tie(b.path, b.line);
    });
    std::sort(result.left.begin(), result.left.end(), [](const IdMention& a, const IdMention& b) {
        return std::tie(a.path, a.line) < std::tie(b.path, b.line);
    });

    // Commits are immutable: say which ones keep naming OLD.
    if (const Repo* repo = workspace.repo(); repo != nullptr && repo->has_commits()) {
        for (CommitInfo& commit : repo->commits_from_head()) {
            const std::vector<std::string> ids = referenced_ids(commit.trailers);
            if (std::find(ids.begin(), ids.end(), request.old_id) != ids.end()) {
                result.commits.push_back(std::move(commit));
            }
        }
    }
    result.files = edits.size();
    if (!request.dry_run) {
        write_all(edits, journal_file(workspace), workspace.root(),
                  fmt::format("renumber {} {}", request.old_id, new_id));
    }
    return result;
}

} // namespace cswm
