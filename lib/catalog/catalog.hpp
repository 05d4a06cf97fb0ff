#pragma once

#include "lib/catalog/field_path.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace cswm {

/// The languages documents and scaffolds come in.
inline const std::vector<std::string> k_languages{"en", "zh-TW"};

/// IDs defined inside documents of a kind (requirements, test cases).
struct ItemDefinition {
    FieldPath field;    ///< where the item IDs are, such as `cases[].id`
    std::string prefix; ///< TC
};

/// A normative link field of SPEC §2.
struct LinkDefinition {
    FieldPath field;
    std::vector<std::string> kinds; ///< kinds whose document IDs may be targets
    std::vector<std::string> items; ///< item prefixes that may be targets
};

/// What one work product is: loaded from templates/<kind>/.
struct Kind {
    std::string name;                         ///< test-report
    std::string prefix;                       ///< TR
    std::string task;                         ///< T2.3
    std::vector<std::string> behaviours;      ///< P2.3.2
    std::map<std::string, std::string> names; ///< by language: 測試報告
    bool sign_off = false;
    std::vector<ItemDefinition> items;
    std::vector<LinkDefinition> links;
    std::vector<FieldPath> commit_fields;         ///< fields holding commit SHAs; `link` writes the first
    nlohmann::json schema;                        ///< with common.json references inlined
    std::map<std::string, std::string> scaffolds; ///< by language

    const std::string& display_name(const std::string& language) const;
};

/// Every kind, loaded once from the templates embedded in the binary.
class Catalog {
public:
    /// The catalogue compiled into this binary. Throws Error if it is inconsistent.
    static const Catalog& builtin();

    /// A catalogue of these kinds; throws Error when prefixes clash or links name
    /// kinds or item prefixes that no kind defines.
    explicit Catalog(std::vector<Kind> kinds);

    const std::vector<Kind>& kinds() const { return m_kinds; }
    const Kind* find(std::string_view name) const;
    const Kind* find_by_prefix(std::string_view prefix) const;
    /// Kind names, in catalogue order, for messages and "did you mean".
    std::vector<std::string> names() const;
    /// Every item prefix any kind defines (REQ, TC).
    std::vector<std::string> item_prefixes() const;

private:
    std::vector<Kind> m_kinds;
};

} // namespace cswm
