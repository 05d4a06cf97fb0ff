#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cswm::logscan {

/// What replaces a masked variable part of a message.
inline constexpr std::string_view k_mask_number = "<n>";
inline constexpr std::string_view k_mask_hex = "<hex>";
inline constexpr std::string_view k_mask_ip = "<ip>";
inline constexpr std::string_view k_mask_uuid = "<uuid>";
inline constexpr std::string_view k_mask_path = "<path>";
inline constexpr std::string_view k_mask_url = "<url>";
/// What the miner puts where lines of one signature differ.
inline constexpr std::string_view k_wildcard = "<*>";

/// A message cut at white space into tokens, with the variable parts masked: numbers
/// (`<n>`), hexadecimal values and IDs (`<hex>`), IPv4 and IPv6 addresses (`<ip>`),
/// UUIDs (`<uuid>`), absolute paths (`<path>`) and URLs (`<url>`). The tokens are views
/// into the object's own buffer, valid until the next call of `mask`; one object is
/// reused line after line so that masking allocates nothing once warmed up.
class MaskedMessage {
public:
    /// Masks `message` and splits it into tokens.
    void mask(std::string_view message);

    const std::vector<std::string_view>& tokens() const { return m_tokens; }
    /// True when token `index` holds a mask or a digit: such tokens are variables, and
    /// the miner never files a signature under them.
    bool is_variable(std::size_t index) const { return m_variable[index] != 0; }

private:
    std::string m_buffer;
    std::vector<std::string_view> m_tokens;
    std::vector<char> m_variable;
    std::vector<std::pair<std::size_t, std::size_t>> m_spans; ///< offset and length of each token
};

/// Masks one white-space-free token, appending the result to `out`; returns whether
/// anything was masked.
bool mask_token(std::string_view token, std::string& out);

} // namespace cswm::logscan
