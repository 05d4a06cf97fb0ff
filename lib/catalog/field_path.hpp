#pragma once

#include <nlohmann/json.hpp>

#include <functional>
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

    /// Calls `visit` with every value find gives, in its order, and its pointer (valid for
    /// the call): for the rules that read every link of 10,000 documents and need the
    /// pointer of few, without a string made for each.
    using Visitor = std::function<void(std::string_view pointer, const nlohmann::json& value)>;
    void for_each(const nlohmann::json& document, const Visitor& visit) const;

    const std::string& text() const { return m_text; }

private:
    struct Step {
        std::string key;
        std::string token; ///< the key as a JSON pointer's token
        bool each = false; ///< the key holds a list: visit every element
    };
    void walk(const nlohmann::json& value, std::size_t step, std::string& pointer, const Visitor& visit) const;
    std::string m_text;
    std::vector<Step> m_steps;
};

} // namespace cswm
