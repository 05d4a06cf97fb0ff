#pragma once

// Small readers of log-line text shared by the built-in formats; not for use outside
// lib/logscan.

#include <cstddef>
#include <string_view>

namespace cswm::logscan::scan_text {

/// An ASCII digit.
inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// A space or a tab.
inline bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

/// `s` without the blanks it starts with.
inline std::string_view skip_blanks(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) {
        s.remove_prefix(1);
    }
    return s;
}

/// The next blank-separated word of `s`, which moves past it and the blanks after it.
inline std::string_view next_word(std::string_view& s) {
    std::size_t end = 0;
    while (end < s.size() && !is_blank(s[end])) {
        ++end;
    }
    const std::string_view word = s.substr(0, end);
    s = skip_blanks(s.substr(end));
    return word;
}

/// The length of "[…]" at the start of `s`, brackets nested; 0 when there is none.
inline std::size_t bracket_group(std::string_view s) {
    if (s.empty() || s.front() != '[') {
        return 0;
    }
    int depth = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == '[') {
            ++depth;
        } else if (s[i] == ']' && --depth == 0) {
            return i + 1;
        }
    }
    return 0;
}

/// The length of an ISO 8601 timestamp at the start of `s` (date, 'T' or blank, time,
/// fraction, zone), or 0.
inline std::size_t iso_timestamp(std::string_view s) {
    constexpr std::string_view k_shape = "dddd-dd-dd?dd:dd:dd";
    if (s.size() < k_shape.size()) {
        return 0;
    }
    for (std::size_t i = 0; i < k_shape.size(); ++i) {
        const char want = k_shape[i];
        const bool ok = want == 'd' ? is_digit(s[i]) : want == '?' ? (s[i] == 'T' || s[i] == ' ') : s[i] == want;
        if (!ok) {
            return 0;
        }
    }
    std::size_t at = k_shape.size();
    if (at + 1 < s.size() && (s[at] == '.' || s[at] == ',') && is_digit(s[at + 1])) {
        ++at;
        while (at < s.size() && is_digit(s[at])) {
            ++at;
        }
    }
    if (at < s.size() && s[at] == 'Z') {
        ++at;
    } else if (at + 5 <= s.size() && (s[at] == '+' || s[at] == '-') && is_digit(s[at + 1]) && is_digit(s[at + 2])) {
        at += 3;
        at += at < s.size() && s[at] == ':' ? 1U : 0U;
        while (at < s.size() && is_digit(s[at])) {
            ++at;
        }
    }
    return at;
}

} // namespace cswm::logscan::scan_text
