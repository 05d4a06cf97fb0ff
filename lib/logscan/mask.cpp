#include "lib/logscan/mask.hpp"

namespace cswm::logscan {
namespace {

constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

constexpr bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr bool is_alnum(char c) {
    return is_digit(c) || is_alpha(c);
}

constexpr bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/// Where a path or URL ends: white space, quotes, closing brackets and list punctuation.
constexpr bool ends_path(char c) {
    return is_space(c) || c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == ',' || c == ';' ||
           c == '<' || c == '>' || c == '|';
}

/// True when nothing alphanumeric follows `at`: the end of a masked value.
bool ends_word(std::string_view s, std::size_t at) {
    return at >= s.size() || !is_alnum(s[at]);
}

std::size_t hex_run(std::string_view s, std::size_t at) {
    std::size_t end = at;
    while (end < s.size() && is_hex(s[end])) {
        ++end;
    }
    return end - at;
}

/// The length of s[at, end) less the sentence punctuation it ends with: in
/// "cannot remove /tmp/x: denied" the colon is the message's.
std::size_t without_trailing_punctuation(std::string_view s, std::size_t at, std::size_t end) {
    while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == ':' || s[end - 1] == ',' || s[end - 1] == ';')) {
        --end;
    }
    return end - at;
}

std::size_t url_length(std::string_view s, std::size_t at) {
    std::size_t p = at;
    while (p < s.size() && is_alpha(s[p])) {
        ++p;
    }
    if (p == at || s.compare(p, 3, "://") != 0) {
        return 0;
    }
    p += 3;
    while (p < s.size() && !ends_path(s[p])) {
        ++p;
    }
    return without_trailing_punctuation(s, at, p);
}

/// An absolute path of two segments or more, such as /var/log/app.log.
std::size_t path_length(std::string_view s, std::size_t at) {
    if (s[at] != '/' || at + 1 >= s.size() || s[at + 1] == '/' || ends_path(s[at + 1])) {
        return 0;
    }
    std::size_t p = at + 1;
    bool second_slash = false;
    while (p < s.size() && !ends_path(s[p])) {
        second_slash = second_slash || (s[p] == '/' && p + 1 < s.size() && !ends_path(s[p + 1]));
        ++p;
    }
    return second_slash ? without_trailing_punctuation(s, at, p) : 0;
}

std::size_t uuid_length(std::string_view s, std::size_t at) {
    constexpr std::size_t k_groups[] = {8, 4, 4, 4, 12};
    std::size_t p = at;
    for (std::size_t group = 0; group < 5; ++group) {
        if (group > 0) {
            if (p >= s.size() || s[p] != '-') {
                return 0;
            }
            ++p;
        }
        if (hex_run(s, p) != k_groups[group]) {
            return 0;
        }
        p += k_groups[group];
    }
    return ends_word(s, p) ? p - at : 0;
}

std::size_t ipv4_length(std::string_view s, std::size_t at) {
    std::size_t p = at;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (p >= s.size() || s[p] != '.') {
                return 0;
            }
            ++p;
        }
        std::size_t digits = 0;
        while (p < s.size() && is_digit(s[p])) {
            ++p;
            ++digits;
        }
        if (digits == 0 || digits > 3) {
            return 0;
        }
    }
    const bool longer = p + 1 < s.size() && s[p] == '.' && is_digit(s[p + 1]);
    return ends_word(s, p) && !longer ? p - at : 0;
}

/// IPv6: hex groups of at most four digits, with "::" or seven colons or more, and a
/// decimal digit somewhere ("a::b" is a C++ name).
std::size_t ipv6_length(std::string_view s, std::size_t at) {
    std::size_t p = at;
    std::size_t colons = 0;
    std::size_t group = 0;
    bool double_colon = false;
    bool digit = false;
    while (p < s.size() && (is_hex(s[p]) || s[p] == ':')) {
        digit = digit || is_digit(s[p]);
        if (s[p] == ':') {
            if (p + 1 < s.size() && s[p + 1] == ':') {
                if (double_colon) {
                    break;
                }
                double_colon = true;
            }
            ++colons;
            group = 0;
        } else if (++group > 4) {
            return 0;
        }
        ++p;
    }
    if (p > at && s[p - 1] == ':' && !(p >= at + 2 && s[p - 2] == ':')) {
        --p; // a colon after the address is punctuation
        --colons;
    }
    return (double_colon || colons >= 7) && colons >= 2 && digit && ends_word(s, p) ? p - at : 0;
}

/// Hexadecimal: 0x… of any length, or eight hex digits or more mixing digits and letters.
std::size_t hex_length(std::string_view s, std::size_t at) {
    if (s[at] == '0' && at + 2 < s.size() && (s[at + 1] == 'x' || s[at + 1] == 'X') && is_hex(s[at + 2])) {
        const std::size_t length = 2 + hex_run(s, at + 2);
        return ends_word(s, at + length) ? length : 0;
    }
    const std::size_t length = hex_run(s, at);
    if (length < 8 || !ends_word(s, at + length)) {
        return 0;
    }
    bool digit = false;
    bool letter = false;
    for (std::size_t p = at; p < at + length; ++p) {
        (is_digit(s[p]) ? digit : letter) = true;
    }
    return digit && letter ? length : 0;
}

/// A number: an optional sign, digits, and more digits after '.' or ','. Letters may
/// follow (units: 250ms).
std::size_t number_length(std::string_view s, std::size_t at) {
    std::size_t p = at;
    if ((s[p] == '-' || s[p] == '+') && p + 1 < s.size() && is_digit(s[p + 1])) {
        ++p;
    }
    if (!is_digit(s[p])) {
        return 0;
    }
    while (p < s.size()) {
        if (is_digit(s[p])) {
            ++p;
        } else if ((s[p] == '.' || s[p] == ',') && p + 1 < s.size() && is_digit(s[p + 1])) {
            p += 2;
        } else {
            break;
        }
    }
    return p - at;
}

/// Which mask starts at `at`, and how long the value it hides is.
std::pair<std::string_view, std::size_t> variable_at(std::string_view s, std::size_t at, char previous) {
    const char c = s[at];
    if (is_alpha(c)) {
        if (const std::size_t length = url_length(s, at)) {
            return {k_mask_url, length};
        }
    }
    if (c == '/') {
        const bool starts_value = previous == ' ' || previous == '=' || previous == ':' || previous == '(' ||
                                  previous == '"' || previous == '\'' || previous == '[' || previous == ',';
        if (const std::size_t length = starts_value ? path_length(s, at) : 0) {
            return {k_mask_path, length};
        }
        return {{}, 0};
    }
    if (!is_hex(c) && c != ':' && c != '-' && c != '+') {
        return {{}, 0};
    }
    if (const std::size_t length = uuid_length(s, at)) {
        return {k_mask_uuid, length};
    }
    if (const std::size_t length = ipv4_length(s, at)) {
        return {k_mask_ip, length};
    }
    if (const std::size_t length = ipv6_length(s, at)) {
        return {k_mask_ip, length};
    }
    if (const std::size_t length = hex_length(s, at)) {
        return {k_mask_hex, length};
    }
    if (const std::size_t length = number_length(s, at)) {
        return {k_mask_number, length};
    }
    return {{}, 0};
}

} // namespace

bool mask_token(std::string_view token, std::string& out) {
    bool masked = false;
    std::size_t at = 0;
    while (at < token.size()) {
        // Values start where a word starts: "ssh2" and "jk2_init" keep their digits;
        // a dotted version's "v" does not count ("v2.3.4" is "v<n>", "/v1/" stays).
        const char previous = at == 0 ? ' ' : token[at - 1];
        const bool version = (previous == 'v' || previous == 'V') && (at == 1 || !is_alnum(token[at - 2])) &&
                             is_digit(token[at]) &&
                             token.substr(at, number_length(token, at)).find('.') != std::string_view::npos;
        if (!is_alnum(previous) || version) {
            const auto [mask, length] = variable_at(token, at, previous);
            if (length > 0) {
                out += mask;
                at += length;
                masked = true;
                continue;
            }
        }
        out += token[at];
        ++at;
    }
    return masked;
}

void MaskedMessage::mask(std::string_view message) {
    m_buffer.clear();
    m_tokens.clear();
    m_variable.clear();
    // Offsets first: the buffer may move while it grows.
    m_spans.clear();
    std::size_t at = 0;
    while (at < message.size()) {
        while (at < message.size() && is_space(message[at])) {
            ++at;
        }
        const std::size_t start = at;
        while (at < message.size() && !is_space(message[at])) {
            ++at;
        }
        if (at == start) {
            break;
        }
        const std::size_t begin = m_buffer.size();
        bool variable = mask_token(message.substr(start, at - start), m_buffer);
        for (std::size_t p = begin; !variable && p < m_buffer.size(); ++p) {
            variable = is_digit(m_buffer[p]);
        }
        const std::string_view token(m_buffer.data() + begin, m_buffer.size() - begin);
        if (variable && !m_spans.empty() && m_variable.back() != 0 &&
            token == std::string_view(m_buffer.data() + m_spans.back().first, m_spans.back().second)) {
            // A list of values ("delete blk_1 blk_2 blk_3") is one variable, however long.
            m_buffer.resize(begin);
            continue;
        }
        m_spans.emplace_back(begin, token.size());
        m_variable.push_back(variable ? 1 : 0);
    }
    for (const auto& [begin, length] : m_spans) {
        m_tokens.emplace_back(m_buffer.data() + begin, length);
    }
}

} // namespace cswm::logscan
