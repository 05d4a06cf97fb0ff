#pragma once

#include "lib/yaml/places.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// Where a walk over a document's JSON is: the keys and indexes on the way down, with the
/// JSON pointer made only when asked for. (A rule that visits every node spent more on
/// extending a pointer string at each node than on the visit: a finding is rare.)
class PointerTrail {
public:
    void push(std::string_view key) { m_steps.push_back({key, 0, true}); }
    void push(std::size_t index) { m_steps.push_back({{}, index, false}); }
    void pop() { m_steps.pop_back(); }

    /// The JSON pointer of the node the walk is at ("" at the root).
    std::string pointer() const {
        std::string pointer;
        for (const Step& step : m_steps) {
            pointer += '/';
            if (step.is_key) {
                append_pointer_token(pointer, step.key);
            } else {
                pointer += std::to_string(step.index);
            }
        }
        return pointer;
    }

private:
    struct Step {
        std::string_view key; ///< into the document, which outlives the walk
        std::size_t index = 0;
        bool is_key = false;
    };
    std::vector<Step> m_steps;
};

} // namespace cswm
