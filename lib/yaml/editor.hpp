#pragma once

#include "lib/yaml/loader.hpp"

#include <string>
#include <string_view>

namespace cswm {

/// Surgical edits of a document's text: only the bytes an edit needs change, so comments,
/// key order, quoting, blank lines and line endings stay as the user wrote them. Each
/// edit re-parses its result and checks that the data changed exactly as intended;
/// otherwise it throws Error and the caller writes nothing.
class YamlEditor {
public:
    /// `text` must parse (limits as given) into a mapping.
    YamlEditor(std::string text, const YamlLimits& limits);

    /// Appends `value` (a plain scalar that needs no quoting, such as a SHA) to the list at
    /// `pointer`, which may be empty (`[]`) or null. Returns false when the value is
    /// already there (nothing changes).
    bool append_to_list(const std::string& pointer, const std::string& value);

    /// Sets the scalar at `pointer`, which must be null, to `value`. Returns false when it
    /// already holds `value`; throws Error when it holds something else.
    bool set_scalar(const std::string& pointer, const std::string& value);

    const std::string& text() const { return m_text; }
    const ParsedYaml& parsed() const { return m_parsed; }

private:
    void apply(std::string edited, const nlohmann::json& expected);
    std::string line_ending() const;

    std::string m_text;
    YamlLimits m_limits;
    ParsedYaml m_parsed;
};

} // namespace cswm
