#pragma once

// Names of archive members: what bundle writes and what verify accepts.

#include <optional>
#include <string>
#include <string_view>

namespace cswm::bundle {

/// The member name for a path of the git tree: each '/'-separated component kept when it
/// is printable UTF-8, otherwise its offending bytes (control characters, invalid UTF-8,
/// '\', ':' and '%') written as %XX, and "." or ".." as %2E. The result is always a safe
/// name, and different paths give different names.
std::string member_name(std::string_view git_path);

/// Why `name` is not a safe, normalized, relative member name, or nullopt when it is one:
/// empty, absolute, a drive letter, "." or ".." or empty components, a backslash, control
/// characters, invalid UTF-8, longer than 4096 bytes.
std::optional<std::string> unsafe_name_reason(std::string_view name);

/// The same for a folder entry, which tar names with one trailing '/' ("sources/"): a
/// folder carries no content, so only a name that escapes (absolute, "..") is unsafe.
std::optional<std::string> unsafe_folder_reason(std::string_view name);

/// A name fit for one line of a report: invalid UTF-8 and control bytes as \xNN.
std::string shown_name(std::string_view name);

} // namespace cswm::bundle
