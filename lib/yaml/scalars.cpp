#include "lib/yaml/scalars.hpp"

#include "lib/yaml/loader.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace cswm {
namespace {

using nlohmann::json;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// How a plain scalar reads as a number under the YAML 1.2 core schema, by hand rather
/// than by std::regex (which cost more than the rest of the loader): the forms are
/// [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+ and [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?.
enum class NumberForm { none, decimal, octal, hexadecimal, floating };

NumberForm number_form(std::string_view text) {
    const std::size_t size = text.size();
    if (size > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x')) {
        const bool hex = text[1] == 'x';
        for (std::size_t i = 2; i < size; ++i) {
            const char c = text[i];
            const bool ok =
                hex ? is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') : c >= '0' && c <= '7';
            if (!ok) {
                return NumberForm::none;
            }
        }
        return hex ? NumberForm::hexadecimal : NumberForm::octal;
    }
    std::size_t i = 0;
    if (i < size && (text[i] == '-' || text[i] == '+')) {
        ++i;
    }
    const std::size_t integer_start = i;
    while (i < size && is_digit(text[i])) {
        ++i;
    }
    const std::size_t integer_digits = i - integer_start;
    if (i == size) {
        return integer_digits > 0 ? NumberForm::decimal : NumberForm::none;
    }
    if (text[i] == '.') {
        ++i;
        const std::size_t fraction_start = i;
        while (i < size && is_digit(text[i])) {
            ++i;
        }
        if (integer_digits == 0 && i == fraction_start) {
            return NumberForm::none; // "." or "-." : no digits at all
        }
    } else if (integer_digits == 0) {
        return NumberForm::none;
    }
    if (i < size && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < size && (text[i] == '-' || text[i] == '+')) {
            ++i;
        }
        const std::size_t exponent_start = i;
        while (i < size && is_digit(text[i])) {
            ++i;
        }
        if (i == exponent_start) {
            return NumberForm::none;
        }
    }
    return i == size ? NumberForm::floating : NumberForm::none;
}

} // namespace

json plain_scalar_value(const std::string& text) {
    if (text == "true" || text == "True" || text == "TRUE") {
        return true;
    }
    if (text == "false" || text == "False" || text == "FALSE") {
        return false;
    }
    if (text.empty() || text.size() > 64) {
        return text;
    }
    const char first = text[0];
    if (!(first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9'))) {
        return text; // fast path for ordinary words
    }
    auto integer = [&](std::string_view digits, int base) -> json {
        if (!digits.empty() && digits[0] == '+') {
            digits.remove_prefix(1);
        }
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
        if (error == std::errc() && end == digits.data() + digits.size()) {
            return value;
        }
        return std::strtod(text.c_str(), nullptr); // too large for 64 bits
    };
    switch (number_form(text)) {
    case NumberForm::decimal:
        return integer(text, 10);
    case NumberForm::octal:
        return integer(std::string_view(text).substr(2), 8);
    case NumberForm::hexadecimal:
        return integer(std::string_view(text).substr(2), 16);
    case NumberForm::floating:
        return std::strtod(text.c_str(), nullptr);
    case NumberForm::none:
        break;
    }
    return text;
}

bool is_null_word(std::string_view text) {
    return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

json type_plain_scalar(const std::string& text) {
    return plain_scalar_value(text);
}

} // namespace cswm
