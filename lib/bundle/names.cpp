#include "lib/bundle/names.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <cctype>

namespace cswm::bundle {
namespace {

constexpr std::size_t k_max_name = 4096;

void append_escaped(std::string& out, unsigned char byte) {
    out += fmt::format("%{:02X}", byte);
}

std::string encode_component(std::string_view component) {
    if (component == "." || component == "..") {
        std::string out;
        for (std::size_t i = 0; i < component.size(); ++i) {
            out += "%2E";
        }
        return out;
    }
    std::string out;
    std::size_t offset = 0;
    while (offset < component.size()) {
        const auto byte = static_cast<unsigned char>(component[offset]);
        if (byte < 0x80) {
            if (byte < 0x20 || byte == 0x7f || byte == '\\' || byte == '%' || byte == ':') {
                append_escaped(out, byte);
            } else {
                out += static_cast<char>(byte);
            }
            ++offset;
            continue;
        }
        const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        const std::string_view sequence = component.substr(offset, length);
        const bool valid =
            byte >= 0xC2 && byte <= 0xF4 && sequence.size() == length && !find_invalid_utf8(sequence).has_value();
        // C1 controls (U+0080..U+009F) are control characters too.
        const bool c1 = byte == 0xC2 && sequence.size() == 2 && static_cast<unsigned char>(sequence[1]) < 0xA0;
        if (valid && !c1) {
            out.append(sequence);
            offset += length;
        } else {
            append_escaped(out, byte);
            ++offset;
        }
    }
    return out;
}

} // namespace

std::string member_name(std::string_view git_path) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = git_path.find('/', start);
        const std::string_view component =
            git_path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        out += component.empty() ? std::string("%00") : encode_component(component);
        if (slash == std::string_view::npos) {
            break;
        }
        out += '/';
        start = slash + 1;
    }
    return out;
}

std::optional<std::string> unsafe_name_reason(std::string_view name) {
    if (name.empty()) {
        return tr("bundle.name-empty");
    }
    if (name.size() > k_max_name) {
        return tr("bundle.name-too-long", fmt::arg("max", k_max_name));
    }
    if (name.front() == '/') {
        return tr("bundle.name-absolute");
    }
    if (name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0])) != 0) {
        return tr("bundle.name-drive-letter");
    }
    if (find_invalid_utf8(name)) {
        return tr("bundle.name-not-utf8");
    }
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            return tr("bundle.name-control");
        }
        if (c == '\\') {
            return tr("bundle.name-backslash");
        }
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = name.find('/', start);
        const std::string_view component =
            name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (component.empty()) {
            return tr("bundle.name-empty-component");
        }
        if (component == "." || component == "..") {
            return tr("bundle.name-dot-component", fmt::arg("component", component));
        }
        if (slash == std::string_view::npos) {
            return std::nullopt;
        }
        start = slash + 1;
    }
}

std::optional<std::string> unsafe_folder_reason(std::string_view name) {
    if (name.size() > 1 && name.ends_with('/')) {
        name.remove_suffix(1);
    }
    return unsafe_name_reason(name);
}

std::string shown_name(std::string_view name) {
    bool plain = !find_invalid_utf8(name).has_value();
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        plain = plain && byte >= 0x20 && byte != 0x7f;
    }
    if (plain) {
        return std::string(name); // valid UTF-8 reads best as itself
    }
    std::string out;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f) {
            out += fmt::format("\\x{:02x}", byte);
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace cswm::bundle
