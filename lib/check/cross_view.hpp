#pragma once

// What the rules across documents (tree, chain, semantic, editor and git rules) can see of
// one document. A warm check after an edit keeps their stored findings while no
// document's view changed: an edit of prose (a title, a description, the steps of a test
// case) re-runs only the rules of the edited document itself.

#include "lib/model/document.hpp"

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

} // namespace cswm
