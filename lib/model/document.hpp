#pragma once

#include "lib/catalog/catalog.hpp"
#include "lib/model/finding.hpp"
#include "lib/yaml/loader.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace cswm {

/// The `$schema=` of a `# yaml-language-server:` comment: the schema editors validate the
/// document against (yaml-language-server reads the first such comment line).
struct SchemaModeline {
    std::string schema; ///< as written: a path relative to the document's folder, or a URL
    int line = 0;       ///< 1-based line of the comment
    int column = 0;     ///< 1-based column (in bytes) where the schema's name starts
};

/// The first `# yaml-language-server: $schema=…` comment line of a document's text.
std::optional<SchemaModeline> find_schema_modeline(std::string_view text);

/// One document file as read from the tree, parsed or not.
struct Document {
    std::string path;           ///< relative to the repository root
    std::filesystem::path file; ///< absolute
    ParsedYaml yaml;            ///< root is set when the file parsed as one mapping
    const Kind* kind = nullptr; ///< set when `kind:` names a known kind
    std::string id;             ///< `id:` when it is text, else empty
    std::string title;
    std::string status;
    Findings findings;                      ///< problems found while reading the file
    std::optional<SchemaModeline> modeline; ///< the editor's schema comment, when there is one
    /// git's id of the bytes the document was parsed from (`git hash-object`), empty when
    /// none were: equal to a blob's, the document is that revision without reading it.
    std::string blob;

    bool parsed() const { return yaml.root.has_value(); }
    const nlohmann::json& data() const { return *yaml.root; }
    /// Where the node of `pointer` is (its key when `at_key`), or its nearest ancestor.
    Position position_of(std::string_view pointer, bool at_key) const;
    /// A finding at the node of `pointer` (its key when `at_key`).
    Finding finding_at(std::string_view pointer, bool at_key, Severity severity, std::string rule,
                       std::string message) const;
};

} // namespace cswm
