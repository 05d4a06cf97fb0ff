#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// A path into a document such as `results[].case`: dotted keys, where `[]` steps into
/// every element of a list.
class FieldPath {
public:
    FieldPath() = default;
    explicit FieldPath(std::string_view text);

    /// One value found at the path, with its JSON pointer.
    struct Match {
        std::string pointer;
        const nlohmann::json* value;
    };

    /// Every value at the path in `document`; missing keys and wrong shapes yield nothing.
    std::vector<Match> find(const nlohmann::json& document) const;

    const std::string& text() const { return m_text; }

private:
    struct Step {
        std::string key;
        bool each = false; ///< the key holds a list: visit every element
    };
    std::string m_text;
    std::vector<Step> m_steps;
};

} // namespace cswm
