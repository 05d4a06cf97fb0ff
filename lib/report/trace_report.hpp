#pragma once

#include "lib/trace/trace.hpp"

#include <ostream>
#include <string>

namespace cswm {

/// A tree per SRS: requirements, their commits, cases, latest results and fixes, then
/// the anomaly requests, records and fixes; each gap on a "GAP:" (缺口) line.
void write_trace_text(std::ostream& out, const TraceMatrix& matrix, const std::string& language);

/// GitHub-flavoured Markdown: a heading, a table of requirements and one of anomalies
/// (cells escaped for tables), then the list of gaps.
void write_trace_markdown(std::ostream& out, const TraceMatrix& matrix, const std::string& language);

/// RFC 4180 CSV (CRLF line ends, quoted where needed), one row per requirement and case
/// and one per anomaly request and record; the columns are docs/trace.md's.
void write_trace_csv(std::ostream& out, const TraceMatrix& matrix);

/// The matrix as JSON, keys in a fixed order (docs/trace.md describes them).
void write_trace_json(std::ostream& out, const TraceMatrix& matrix);

/// Whole HTML page, or only the matrix (a <section>) to put in another page.
enum class HtmlMode { page, fragment };

/// Self-contained HTML (inline CSS, no script, nothing fetched), every value escaped.
/// A fragment needs trace_html_style() in the page's <style>.
void write_trace_html(std::ostream& out, const TraceMatrix& matrix, const std::string& language, HtmlMode mode);

/// The CSS of the matrix, for a page that embeds the fragment.
std::string trace_html_style();

/// A gap in words, such as "TC-105 has no result in TR-010, the newest test report".
std::string gap_text(const Gap& gap, const std::string& language);

/// Text made safe in a GitHub-flavoured Markdown table cell: `|`, backslash and inline
/// markup escaped, line breaks turned into spaces.
std::string markdown_cell(std::string_view text);

/// One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view text);

} // namespace cswm
