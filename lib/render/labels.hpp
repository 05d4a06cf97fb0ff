#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace cswm::render {

/// The words of rendered pages in one language, from templates/render/labels.LANG.yaml:
/// page headings (`ui`), field labels (`fields`, with per-kind overrides in `kinds`) and
/// the words of closed vocabularies (`values`).
class Labels {
public:
    /// The labels compiled into this binary for `language` (en or zh-TW). Throws Error for
    /// another language or a broken labels file.
    static const Labels& builtin(const std::string& language);

    /// Labels from a parsed labels file.
    Labels(std::string language, nlohmann::json table);

    const std::string& language() const { return m_language; }
    /// A word of the page itself; the key itself when the file lacks it (tests forbid that).
    std::string ui(std::string_view key) const;
    /// The label of a field of `kind` at dotted `path` (such as `results.case`): the kind's
    /// override for the path, else the label of its last key, else the key.
    std::string field(std::string_view kind, std::string_view path) const;
    /// The word for a vocabulary value, or the value itself.
    std::string value(std::string_view value) const;
    /// The parsed file, for tests.
    const nlohmann::json& table() const { return m_table; }

private:
    std::string m_language;
    nlohmann::json m_table;
};

/// The text of templates/render/NAME compiled into this binary; throws Error when absent.
std::string_view render_template(std::string_view name);

} // namespace cswm::render
