#include "lib/render/labels.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/catalog/catalog.hpp"
#include "lib/catalog/embedded.hpp"
#include "lib/util/error.hpp"
#include "lib/yaml/loader.hpp"

#include <fmt/format.h>

#include <map>
#include <mutex>

namespace cswm::render {
namespace {

using nlohmann::json;

const std::string* string_at(const json& table, std::string_view section, std::string_view key) {
    const auto group = table.find(std::string(section));
    if (group == table.end() || !group->is_object()) {
        return nullptr;
    }
    const auto found = group->find(std::string(key));
    if (found == group->end() || !found->is_string()) {
        return nullptr;
    }
    return found->get_ptr<const std::string*>();
}

Labels load_labels(const std::string& language) {
    const std::string name = fmt::format("labels.{}.yaml", language);
    const ParsedYaml parsed = parse_yaml_document(render_template(name), YamlLimits{});
    if (!parsed.problems.empty() || !parsed.root) {
        const std::string detail = parsed.problems.empty() ? "not a mapping" : parsed.problems.front().message;
        throw Error(fmt::format("templates/render/{}: {}", name, detail));
    }
    return Labels(language, *parsed.root);
}

} // namespace

std::string_view render_template(std::string_view name) {
    for (const EmbeddedFile& file : embedded_templates()) {
        if (file.path.starts_with("render/") && file.path.substr(7) == name) {
            return file.data;
        }
    }
    throw Error(fmt::format("templates/render/{} is missing from the build", name));
}

const Labels& Labels::builtin(const std::string& language) {
    if (std::find(k_languages.begin(), k_languages.end(), language) == k_languages.end()) {
        throw Error(tr("render.unknown-language", fmt::arg("language", language)));
    }
    static std::mutex mutex;
    static std::map<std::string, Labels> cache;
    const std::lock_guard lock(mutex);
    auto found = cache.find(language);
    if (found == cache.end()) {
        found = cache.emplace(language, load_labels(language)).first;
    }
    return found->second;
}

Labels::Labels(std::string language, nlohmann::json table)
    : m_language(std::move(language)), m_table(std::move(table)) {
}

std::string Labels::ui(std::string_view key) const {
    const std::string* text = string_at(m_table, "ui", key);
    return text != nullptr ? *text : std::string(key);
}

std::string Labels::field(std::string_view kind, std::string_view path) const {
    const auto kinds = m_table.find("kinds");
    if (kinds != m_table.end() && kinds->is_object()) {
        if (const std::string* text = string_at(*kinds, kind, path)) {
            return *text;
        }
    }
    const std::size_t dot = path.rfind('.');
    const std::string_view key = dot == std::string_view::npos ? path : path.substr(dot + 1);
    const std::string* text = string_at(m_table, "fields", key);
    return text != nullptr ? *text : std::string(key);
}

std::string Labels::value(std::string_view value) const {
    const std::string* text = string_at(m_table, "values", value);
    return text != nullptr ? *text : std::string(value);
}

} // namespace cswm::render
