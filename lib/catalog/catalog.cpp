#include "lib/catalog/catalog.hpp"

#include "lib/catalog/embedded.hpp"
#include "lib/util/error.hpp"
#include "lib/yaml/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace cswm {
namespace {

using nlohmann::json;

constexpr std::string_view k_common_reference = "common.json#/definitions/";

/// Replaces every {"$ref": "common.json#/definitions/NAME"} by the definition itself, so
/// that each kind's schema stands alone (for valijson and for editors alike).
json inline_common(const json& node, const json& definitions, int depth = 0) {
    if (depth > 32) {
        throw Error("templates/common.json: references nest too deep");
    }
    if (node.is_object()) {
        if (const auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
            const std::string target = ref->get<std::string>();
            if (target.starts_with(k_common_reference)) {
                const std::string name = target.substr(k_common_reference.size());
                if (!definitions.contains(name)) {
                    throw Error(fmt::format("templates: unknown shared definition '{}'", name));
                }
                json resolved = inline_common(definitions[name], definitions, depth + 1);
                for (const auto& [key, value] : node.items()) {
                    if (key != "$ref") {
                        resolved[key] =
                            inline_common(value, definitions, depth + 1); // local overrides, such as description
                    }
                }
                return resolved;
            }
        }
        json copy = json::object();
        for (const auto& [key, value] : node.items()) {
            copy[key] = inline_common(value, definitions, depth + 1);
        }
        return copy;
    }
    if (node.is_array()) {
        json copy = json::array();
        for (const auto& value : node) {
            copy.push_back(inline_common(value, definitions, depth + 1));
        }
        return copy;
    }
    return node;
}

json parse_json_file(std::string_view path, std::string_view data) {
    try {
        return json::parse(data);
    } catch (const json::exception& error) {
        throw Error(fmt::format("templates/{}: {}", path, error.what()));
    }
}

json parse_yaml_file(std::string_view path, std::string_view data) {
    ParsedYaml parsed = parse_yaml_document(data, YamlLimits{});
    if (!parsed.problems.empty() || !parsed.root) {
        const YamlProblem& problem = parsed.problems.front();
        throw Error(fmt::format("templates/{}:{}:{}: {}", path, problem.position.line, problem.position.column,
                                problem.message));
    }
    return std::move(*parsed.root);
}

std::vector<std::string> string_list(const json& node, std::string_view what) {
    std::vector<std::string> list;
    if (node.is_null()) {
        return list;
    }
    if (!node.is_array()) {
        throw Error(fmt::format("templates: {} must be a list", what));
    }
    for (const json& item : node) {
        list.push_back(item.get<std::string>());
    }
    return list;
}

Kind parse_kind(const std::string& folder, const json& meta) {
    Kind kind;
    try {
        kind.name = meta.at("kind").get<std::string>();
        kind.prefix = meta.at("prefix").get<std::string>();
        kind.task = meta.at("task").get<std::string>();
        kind.behaviours = string_list(meta.value("behaviours", json()), "behaviours");
        for (const auto& [language, name] : meta.at("names").items()) {
            kind.names[language] = name.get<std::string>();
        }
        kind.sign_off = meta.value("sign_off", false);
        for (const json& item : meta.value("items", json::array())) {
            kind.items.push_back(
                {FieldPath(item.at("field").get<std::string>()), item.at("prefix").get<std::string>()});
        }
        for (const json& link : meta.value("links", json::array())) {
            kind.links.push_back({FieldPath(link.at("field").get<std::string>()),
                                  string_list(link.value("kinds", json()), "kinds"),
                                  string_list(link.value("items", json()), "items")});
        }
        for (const json& field : meta.value("commits", json::array())) {
            kind.commit_fields.emplace_back(field.at("field").get<std::string>());
        }
    } catch (const json::exception& error) {
        throw Error(fmt::format("templates/{}/kind.yaml: {}", folder, error.what()));
    }
    if (kind.name != folder) {
        throw Error(fmt::format("templates/{}/kind.yaml: kind '{}' does not match its folder", folder, kind.name));
    }
    return kind;
}

std::vector<Kind> load_kinds() {
    std::map<std::string, std::map<std::string, std::string_view>> folders; // folder → file → data
    json definitions = json::object();
    for (const EmbeddedFile& file : embedded_templates()) {
        const std::size_t slash = file.path.find('/');
        if (slash == std::string_view::npos) {
            if (file.path == "common.json") {
                definitions = parse_json_file(file.path, file.data).at("definitions");
            }
            continue;
        }
        folders[std::string(file.path.substr(0, slash))][std::string(file.path.substr(slash + 1))] = file.data;
    }
    std::vector<Kind> kinds;
    for (const auto& [folder, files] : folders) {
        if (folder == "render") {
            continue; // templates of `cswm render` and of the trace matrix, not a kind
        }
        const auto meta = files.find("kind.yaml");
        const auto schema = files.find("schema.json");
        if (meta == files.end() && schema == files.end()) {
            continue; // not a kind: the templates of a page, such as bundle/
        }
        if (meta == files.end() || schema == files.end()) {
            throw Error(fmt::format("templates/{}: kind.yaml and schema.json are both required", folder));
        }
        Kind kind = parse_kind(folder, parse_yaml_file(folder + "/kind.yaml", meta->second));
        kind.schema = inline_common(parse_json_file(folder + "/schema.json", schema->second), definitions);
        for (const std::string& language : k_languages) {
            const auto scaffold = files.find(fmt::format("scaffold.{}.yaml", language));
            if (scaffold == files.end()) {
                throw Error(fmt::format("templates/{}: scaffold.{}.yaml is missing", folder, language));
            }
            kind.scaffolds[language] = std::string(scaffold->second);
        }
        kinds.push_back(std::move(kind));
    }
    // The order of the standard: its behaviours are numbered along the maintenance cycle.
    std::sort(kinds.begin(), kinds.end(), [](const Kind& a, const Kind& b) {
        return std::tie(a.task, a.behaviours, a.name) < std::tie(b.task, b.behaviours, b.name);
    });
    return kinds;
}

} // namespace

const std::string& Kind::display_name(const std::string& language) const {
    if (const auto found = names.find(language); found != names.end()) {
        return found->second;
    }
    return name;
}

const Catalog& Catalog::builtin() {
    static const Catalog catalog(load_kinds());
    return catalog;
}

Catalog::Catalog(std::vector<Kind> kinds) : m_kinds(std::move(kinds)) {
    std::set<std::string> prefixes;
    for (const Kind& kind : m_kinds) {
        if (!prefixes.insert(kind.prefix).second) {
            throw Error(fmt::format("templates/{}: prefix {} is used twice", kind.name, kind.prefix));
        }
        for (const ItemDefinition& item : kind.items) {
            if (!prefixes.insert(item.prefix).second) {
                throw Error(fmt::format("templates/{}: item prefix {} is used twice", kind.name, item.prefix));
            }
        }
    }
    const std::vector<std::string> items = item_prefixes();
    for (const Kind& kind : m_kinds) {
        for (const LinkDefinition& link : kind.links) {
            for (const std::string& target : link.kinds) {
                if (find(target) == nullptr) {
                    throw Error(fmt::format("templates/{}/kind.yaml: link {} names unknown kind {}", kind.name,
                                            link.field.text(), target));
                }
            }
            for (const std::string& target : link.items) {
                if (std::find(items.begin(), items.end(), target) == items.end()) {
                    throw Error(fmt::format("templates/{}/kind.yaml: link {} names unknown item prefix {}", kind.name,
                                            link.field.text(), target));
                }
            }
        }
    }
}

const Kind* Catalog::find(std::string_view name) const {
    const auto found =
        std::find_if(m_kinds.begin(), m_kinds.end(), [&](const Kind& kind) { return kind.name == name; });
    return found == m_kinds.end() ? nullptr : &*found;
}

const Kind* Catalog::find_by_prefix(std::string_view prefix) const {
    const auto found =
        std::find_if(m_kinds.begin(), m_kinds.end(), [&](const Kind& kind) { return kind.prefix == prefix; });
    return found == m_kinds.end() ? nullptr : &*found;
}

std::vector<std::string> Catalog::names() const {
    std::vector<std::string> names;
    for (const Kind& kind : m_kinds) {
        names.push_back(kind.name);
    }
    return names;
}

std::vector<std::string> Catalog::item_prefixes() const {
    std::vector<std::string> prefixes;
    for (const Kind& kind : m_kinds) {
        for (const ItemDefinition& item : kind.items) {
            prefixes.push_back(item.prefix);
        }
    }
    return prefixes;
}

} // namespace cswm
