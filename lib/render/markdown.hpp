#pragma once

#include <string>
#include <string_view>

namespace cswm::render {

/// A value of a document as inline Markdown text that reads as the same characters: every
/// character that could start emphasis, code, a link, raw HTML, an entity or break a table
/// cell is backslash-escaped; line breaks become spaces; a line-start marker (heading, list,
/// quote, thematic break) is escaped too, so the text is safe in a cell, a list item or a
/// paragraph.
std::string markdown_escape(std::string_view text);

/// Multi-line text as Markdown paragraphs: each line escaped as markdown_escape does, lines
/// kept apart by hard line breaks, blank lines separating paragraphs.
std::string markdown_paragraphs(std::string_view text);

/// True for an http or https URL that can be a Markdown link destination as written.
bool is_linkable_url(std::string_view text);

/// A Markdown link whose text is escaped; `destination` must be a relative page name or a
/// URL that is_linkable_url accepts.
std::string markdown_link(std::string_view text, std::string_view destination);

/// HTML from Markdown through cmark-gfm with the table extension, in its safe mode: raw
/// HTML in the input is omitted and javascript:, vbscript:, file: and data: links are
/// dropped.
std::string markdown_to_html(std::string_view markdown);

} // namespace cswm::render
