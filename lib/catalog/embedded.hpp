#pragma once

#include <span>
#include <string_view>

namespace cswm {

/// One file of templates/, compiled into the binary.
struct EmbeddedFile {
    std::string_view path; ///< relative to templates/, with '/' separators
    std::string_view data;
};

/// Every file of templates/ (README files excepted), sorted by path.
std::span<const EmbeddedFile> embedded_templates();

} // namespace cswm
