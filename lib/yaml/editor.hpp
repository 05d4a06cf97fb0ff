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

    /// Appends `item`, a non-empty mapping, to the list at `pointer` as a block item
    /// indented like the list's items, after the last line of the last item; a null,
    /// empty or `[]` value becomes a block list under its key. Keys keep `item`'s order.
    void append_mapping_to_list(const std::string& pointer, const nlohmann::ordered_json& item);

    /// Sets the scalar at `pointer`, which must be null, to `value`. Returns false when it
    /// already holds `value`; throws Error when it holds something else.
    bool set_scalar(const std::string& pointer, const std::string& value);

    /// Sets the scalar at `pointer`, whatever it holds now, to `value`, keeping a comment
    /// on its line. Returns false when it already holds `value`.
    bool replace_scalar(const std::string& pointer, const std::string& value);

    /// Gives the key at `pointer`, in a block mapping, a new value of any shape: the text
    /// from its colon to the value's last line is replaced (with a comment on the key's
    /// line and comments inside the old value); comment lines after the value stay.
    /// Returns false when it already holds `value`.
    bool replace_value(const std::string& pointer, const nlohmann::ordered_json& value);

    /// Adds `key: value` to the block mapping holding `sibling`, right after the
    /// sibling's value. Throws Error when the mapping has the key already.
    void insert_after(const std::string& sibling, const std::string& key, const nlohmann::ordered_json& value);

    const std::string& text() const { return m_text; }
    const ParsedYaml& parsed() const { return m_parsed; }

private:
    void apply(std::string edited, const nlohmann::json& expected);
    std::string line_ending() const;
    std::size_t block_key_column(const std::string& pointer) const;
    std::size_t value_end(const std::string& pointer, std::size_t key_column) const;

    std::string m_text;
    YamlLimits m_limits;
    ParsedYaml m_parsed;
};

} // namespace cswm
