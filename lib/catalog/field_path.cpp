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
        m_steps.push_back(std::move(step));
        start = dot + 1;
    }
}

std::vector<FieldPath::Match> FieldPath::find(const nlohmann::json& document) const {
    std::vector<Match> current{{"", &document}};
    for (const Step& step : m_steps) {
        std::vector<Match> next;
        for (const Match& match : current) {
            if (!match.value->is_object()) {
                continue;
            }
            const auto found = match.value->find(step.key);
            if (found == match.value->end()) {
                continue;
            }
            const std::string pointer = match.pointer + "/" + pointer_token(step.key);
            if (!step.each) {
                next.push_back({pointer, &*found});
                continue;
            }
            if (!found->is_array()) {
                continue;
            }
            for (std::size_t i = 0; i < found->size(); ++i) {
                next.push_back({pointer + "/" + std::to_string(i), &(*found)[i]});
            }
        }
        current = std::move(next);
    }
    return current;
}

} // namespace cswm
