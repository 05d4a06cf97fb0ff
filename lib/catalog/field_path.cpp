#include "lib/catalog/field_path.hpp"

#include "lib/util/error.hpp"
#include "lib/yaml/loader.hpp"

#include <fmt/format.h>

namespace cswm {

FieldPath::FieldPath(std::string_view text) : m_text(text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t dot = text.find('.', start);
        if (dot == std::string_view::npos) {
            dot = text.size();
        }
        std::string_view part = text.substr(start, dot - start);
        Step step;
        if (part.ends_with("[]")) {
            step.each = true;
            part.remove_suffix(2);
        }
        if (part.empty()) {
            throw Error(fmt::format("invalid field path '{}' in the kind catalogue", text));
        }
        step.key = std::string(part);
        step.token = pointer_token(part);
        m_steps.push_back(std::move(step));
        start = dot + 1;
    }
}

std::vector<FieldPath::Match> FieldPath::find(const nlohmann::json& document) const {
    std::vector<Match> found;
    for_each(document, [&](std::string_view pointer, const nlohmann::json& value) {
        found.push_back({std::string(pointer), &value});
    });
    return found;
}

void FieldPath::for_each(const nlohmann::json& document, const Visitor& visit) const {
    std::string pointer;
    walk(document, 0, pointer, visit);
}

void FieldPath::walk(const nlohmann::json& value, std::size_t step, std::string& pointer, const Visitor& visit) const {
    if (step == m_steps.size()) {
        visit(pointer, value);
        return;
    }
    if (!value.is_object()) {
        return;
    }
    const Step& here = m_steps[step];
    const auto found = value.find(here.key);
    if (found == value.end()) {
        return;
    }
    const std::size_t before = pointer.size();
    pointer += '/';
    pointer += here.token;
    if (!here.each) {
        walk(*found, step + 1, pointer, visit);
    } else if (found->is_array()) {
        const std::size_t list = pointer.size();
        for (std::size_t i = 0; i < found->size(); ++i) {
            fmt::format_to(std::back_inserter(pointer), "/{}", i);
            walk((*found)[i], step + 1, pointer, visit);
            pointer.resize(list);
        }
    }
    pointer.resize(before);
}

} // namespace cswm
