#pragma once

// What the rules across documents (tree, chain, semantic, editor and git rules) can see of
// one document. A warm check after an edit keeps their stored findings while no
// document's view changed: an edit of prose (a title, a description, the steps of a test
// case) re-runs only the rules of the edited document itself. Narrower views say what the
// git rules and the tree rules read: while those are unchanged, their findings are kept
// and the others run again over documents rebuilt from their stored views.

#include "lib/model/document.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

/// The prose of a kind: fields that no rule across documents reads, such as `title`,
/// `description` or `cases[].steps` (FieldPath syntax). A rule that starts reading one
/// must take it off this list; cross_view_test proves for every listed field of the
/// examples that changing it changes no finding of those rules.
const std::vector<std::string>& prose_fields(std::string_view kind);

/// The bytes of everything the rules across documents can see of `document`: its path,
/// kind, ID, status, stand-ins, editor modeline and every value outside its prose, in a
/// prefix-free encoding. Not the places of its nodes: a stored finding is placed again by
/// its pointer (Finding::pointer) when its document changed. Equal views of every document
/// mean equal findings of those rules, but for the lines of other documents' duplicate
/// IDs that a duplicate's message names (see checker.cpp) and for the clock.
std::string cross_view(const Document& document);

/// The document a view was made of, as far as the view holds it: path, kind, ID, status,
/// stand-ins, modeline and data without its prose; no title, no findings of reading it,
/// no places (the caller gives those: ParsedYaml::places_from). For the rules across
/// documents it is the document: cross_view_test runs them over both. Nullopt for bytes
/// that are not a view this build wrote.
std::optional<Document> document_from_view(std::string_view view, const Catalog& catalog,
                                           const std::filesystem::path& root);

/// The bytes of what the tree rules (tree_rules.cpp) read of `document`: its path, whether
/// it parsed, its kind and ID, and the values of its kind's item and link fields with their
/// pointers. Equal tree views of every document mean equal findings of those rules, but for
/// the lines a duplicate's message names.
std::string tree_view(const Document& document);

/// The bytes of what the git rules (git_rules.cpp, suspect.cpp) can see of `document`: its
/// path, kind, ID, the IDs it defines, the commits it records; for a fix whether it is
/// signed off (verified or closed) and the report it names; for a quality spec whether it
/// is approved, its review and its cases' IDs and links; for an SRS its requirements' IDs
/// and statements. Equal git views of every document, under the same HEAD and with the
/// same objects there, mean equal findings of the git rules: an edit of a report's results
/// or of an anomaly's status keeps them. cross_view_test edits every value outside the git
/// views of the examples and finds the git rules' findings unchanged.
std::string git_view(const Document& document);

} // namespace cswm
