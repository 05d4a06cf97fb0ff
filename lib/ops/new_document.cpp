#include "lib/ops/new_document.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/ops/schema_export.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/journal.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <charconv>
#include <system_error>

namespace cswm {
namespace {

/// IDs stay readable and far from overflow: numbers past this are refused, not wrapped.
constexpr unsigned long k_largest_number = 999'999'999;

/// The number of an ID such as TR-012 (prefix given), when the text starts with one.
std::optional<unsigned long> id_number(std::string_view text, std::string_view prefix) {
    if (!text.starts_with(prefix) || text.size() <= prefix.size() + 1 || text[prefix.size()] != '-') {
        return std::nullopt;
    }
    const std::string_view digits = text.substr(prefix.size() + 1);
    unsigned long number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error != std::errc() || end == digits.data()) {
        return std::nullopt;
    }
    return number;
}

unsigned long highest_number(const Workspace& workspace, const Kind& kind) {
    unsigned long highest = 0;
    for (const fs::path& file : workspace.scan().files) {
        if (const auto number = id_number(file.filename().string(), kind.prefix)) {
            highest = std::max(highest, *number);
        }
        const Document document = workspace.load(file);
        if (const auto number = id_number(document.id, kind.prefix)) {
            highest = std::max(highest, *number);
        }
    }
    return highest;
}

std::string yaml_quoted(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

unsigned long highest_id_number(const Workspace& workspace, const Kind& kind) {
    return highest_number(workspace, kind);
}

void validate_title(const std::string& title) {
    if (find_invalid_utf8(title)) {
        throw Error(tr("new.title-not-utf8"));
    }
    std::size_t offset = 0;
    while (offset < title.size()) {
        const char32_t c = next_code_point(title, offset);
        if (c < 0x20 || c == 0x7F) {
            throw Error(tr("new.title-one-line"));
        }
    }
}

std::string next_id(const std::string& prefix, unsigned long highest) {
    return fmt::format("{}-{:03}", prefix, highest + 1);
}

NewDocumentResult create_document(const Workspace& workspace, const NewDocumentRequest& request) {
    const Kind* kind = workspace.catalog().find(request.kind);
    if (kind == nullptr) {
        const std::vector<std::string> names = workspace.catalog().names();
        std::string message = tr("ops.kind-unknown", fmt::arg("kind", printable(request.kind, 60)));
        if (const auto suggestion = closest_match(request.kind, names)) {
            message += tr("ops.did-you-mean-quoted", fmt::arg("word", *suggestion));
        }
        throw Error(message + "\n" + tr("new.kinds", fmt::arg("kinds", join(names, ", "))));
    }
    validate_title(request.title);
    return create_with_next_id(workspace, *kind, request.title,
                               [&](const std::string& id) { return render_scaffold(*kind, request, id); });
}

NewDocumentResult create_with_next_id(const Workspace& workspace, const Kind& kind, const std::string& title,
                                      const std::function<std::string(const std::string& id)>& render) {
    const fs::path folder = workspace.kind_dir(kind);
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) {
        throw Error(tr("ops.cannot-create", fmt::arg("path", folder.string()), fmt::arg("reason", error.message())));
    }
    // The lock makes "find the highest ID, write the next" one step for concurrent runs
    // in this clone; the exclusive create below guards against everything else.
    const WriteLock lock(workspace); // finishes a renumber killed halfway first
    remove_stale_temporaries(folder);
    // The modeline points at the kind's exported schema: make sure it is there and current.
    const ExportedSchema exported = export_schema(kind, workspace.root() / k_schema_folder);
    const std::string schema = exported.written ? relative_to(exported.file, workspace.root()) : std::string();
    unsigned long highest = highest_number(workspace, kind);
    if (highest >= k_largest_number) {
        throw Error(tr("new.no-next-number", fmt::arg("prefix", kind.prefix), fmt::arg("number", highest),
                       fmt::arg("kind", kind.name)));
    }
    const std::string slug = slugify(title);
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const std::string id = next_id(kind.prefix, highest);
        const std::string name = slug.empty() ? id + ".yaml" : fmt::format("{}-{}.yaml", id, slug);
        const fs::path file = folder / name;
        if (create_file_exclusively(file, schema_modeline(file, workspace.root(), kind.name) + render(id))) {
            return {id, file, relative_to(file, workspace.root()), schema};
        }
        ++highest;
    }
    throw Error(tr("new.no-free-name", fmt::arg("folder", folder.string())));
}

std::string render_scaffold(const Kind& kind, const NewDocumentRequest& request, const std::string& id) {
    const auto scaffold = kind.scaffolds.find(request.language);
    if (scaffold == kind.scaffolds.end()) {
        throw Error(fmt::format("no {} scaffold for {}", request.language, kind.name));
    }
    const bool chinese = request.language == "zh-TW";
    kainjow::mustache::data values;
    values.set("id", yaml_quoted(id));
    values.set("title", yaml_quoted(!request.title.empty() ? request.title : chinese ? "<文件標題>" : "<title>"));
    values.set("owner", yaml_quoted(!request.owner.empty() ? request.owner : chinese ? "<負責人>" : "<owner>"));
    values.set("created", request.today);
    kainjow::mustache::mustache mustache(scaffold->second);
    const std::string text = mustache.render(values);
    if (!mustache.is_valid()) {
        throw Error(
            fmt::format("templates/{}/scaffold.{}.yaml: {}", kind.name, request.language, mustache.error_message()));
    }
    return text;
}

} // namespace cswm
