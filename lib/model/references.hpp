#pragma once

// How commits and documents name each other: the IDs commit trailers reference, and the
// document and item IDs documents define. Read by check, trace, render, bundle and the
// operations alike.

#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"

#include <string>
#include <unordered_set>
#include <vector>

namespace cswm {

/// The IDs that `Refs:` trailers of a message name, in order, each once. Keys are
/// case-insensitive; values are split at commas and spaces.
std::vector<std::string> referenced_ids(const std::vector<Trailer>& trailers);

/// True when the trailers carry `Reviewed-by:` (code-review evidence, P2.2.2).
bool has_review_trailer(const std::vector<Trailer>& trailers);

/// Every document ID and item ID (REQ, TC) defined by the documents.
std::unordered_set<std::string> defined_ids(const std::vector<Document>& documents);

/// The item IDs a document defines (its requirements or test cases).
std::vector<std::string> item_ids(const Document& document);

} // namespace cswm
