#pragma once

#include "lib/model/document.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace cswm {

/// A table of ID, kind, status and title, aligned for CJK text too.
void write_list_text(std::ostream& out, const std::vector<Document>& documents, const std::string& language);

/// A JSON array of {id, kind, status, title, path}.
void write_list_json(std::ostream& out, const std::vector<Document>& documents);

/// A short header, then the document's YAML exactly as written.
void write_show_text(std::ostream& out, const Document& document, const std::string& source,
                     const std::string& language);

/// {id, kind, status, title, path, document}.
void write_show_json(std::ostream& out, const Document& document);

} // namespace cswm
