#include "lib/logscan/web_formats.hpp"

#include "lib/logscan/mask.hpp"
#include "lib/logscan/scan_text.hpp"

namespace cswm::logscan {
namespace {

using namespace scan_text;

/// Longest route kept in a signature: the rest of a very long URL says nothing more.
constexpr std::size_t k_max_route = 200;

bool is_method(std::string_view word) {
    if (word.empty() || word.size() > 16) {
        return false;
    }
    for (const char c : word) {
        if (c < 'A' || c > 'Z') {
            return false;
        }
    }
    return true;
}

/// Appends the route of a request target: no scheme or host, no query, numbers and IDs
/// of each segment masked.
void append_route(std::string_view target, std::string& out) {
    if (const std::size_t scheme = target.find("://"); scheme != std::string_view::npos && scheme < 10) {
        const std::size_t path = target.find('/', scheme + 3);
        target = path == std::string_view::npos ? std::string_view("/") : target.substr(path);
    }
    target = target.substr(0, std::min(target.find_first_of("?#"), k_max_route));
    std::size_t start = 0;
    while (start <= target.size()) {
        const std::size_t slash = std::min(target.find('/', start), target.size());
        mask_token(target.substr(start, slash - start), out);
        if (slash < target.size()) {
            out += '/';
        }
        start = slash + 1;
    }
}

} // namespace

bool split_apache_error(std::string_view s, LineFields& out) {
    const std::size_t time = bracket_group(s);
    if (time < 20) {
        return false;
    }
    out.add_time(s.substr(0, time));
    s = skip_blanks(s.substr(time));
    const std::size_t level = bracket_group(s);
    if (level < 3) {
        return false;
    }
    std::string_view word = s.substr(1, level - 2);
    word = word.substr(word.find(':') == std::string_view::npos ? 0 : word.find(':') + 1); // [core:error]
    out.level = word;
    if (parse_level(word) == Level::unknown) {
        return false;
    }
    s = skip_blanks(s.substr(level));
    if (s.starts_with("[pid ")) {
        s = skip_blanks(s.substr(bracket_group(s)));
    }
    out.content = s;
    return true;
}

bool split_nginx_error(std::string_view s, LineFields& out) {
    constexpr std::string_view k_shape = "dddd/dd/dd dd:dd:dd [";
    if (s.size() < k_shape.size() + 4) {
        return false;
    }
    for (std::size_t i = 0; i < k_shape.size(); ++i) {
        if (k_shape[i] == 'd' ? !is_digit(s[i]) : s[i] != k_shape[i]) {
            return false;
        }
    }
    out.add_time(s.substr(0, 19));
    s.remove_prefix(20);
    const std::size_t level = bracket_group(s);
    out.level = s.substr(1, level > 2 ? level - 2 : 0);
    s = skip_blanks(s.substr(level));
    const std::size_t hash = s.find('#');
    const std::size_t colon = s.find(": ");
    if (level == 0 || hash == std::string_view::npos || colon == std::string_view::npos || hash > colon) {
        return false;
    }
    s = skip_blanks(s.substr(colon + 2));
    if (s.starts_with("*")) {
        next_word(s); // the connection number
    }
    out.content = s;
    return true;
}

bool split_access(std::string_view s, LineFields& out, std::string& scratch) {
    std::string_view rest = s;
    if (next_word(rest).empty()) {
        return false; // no client address
    }
    const std::size_t open = rest.find(" [");
    if (open == std::string_view::npos && !rest.starts_with("[")) {
        return false;
    }
    rest = rest.substr(rest.starts_with("[") ? 0 : open + 1);
    const std::size_t time = bracket_group(rest);
    if (time < 22) {
        return false;
    }
    out.add_time(rest.substr(0, time));
    rest = skip_blanks(rest.substr(time));
    if (!rest.starts_with("\"")) {
        return false;
    }
    std::size_t end = 1;
    while (end < rest.size() && rest[end] != '"') {
        end += rest[end] == '\\' ? 2U : 1U;
    }
    if (end >= rest.size()) {
        return false;
    }
    std::string_view request = rest.substr(1, end - 1);
    rest = skip_blanks(rest.substr(end + 1));
    if (rest.size() < 3 || !is_digit(rest[0]) || !is_digit(rest[1]) || !is_digit(rest[2]) ||
        (rest.size() > 3 && !is_blank(rest[3]))) {
        return false;
    }
    const std::string_view status = rest.substr(0, 3);
    out.known_level = status[0] == '5' ? Level::error : status[0] == '4' ? Level::warning : Level::info;
    scratch.clear();
    const std::string_view method = next_word(request);
    const std::string_view target = next_word(request);
    if (is_method(method) && !target.empty()) {
        scratch += method;
        scratch += ' ';
        append_route(target, scratch);
    } else {
        scratch += "<invalid request>";
    }
    scratch += ' ';
    scratch += status;
    out.content = scratch;
    out.exact = true;
    return true;
}

} // namespace cswm::logscan
