#include "lib/logscan/detectors.hpp"

#include "lib/logscan/scan_text.hpp"
#include "lib/logscan/web_formats.hpp"

#include <array>

namespace cswm::logscan {
namespace {

using namespace scan_text;

/// "<34>" at the start: the syslog severity (PRI mod 8) as a level.
Level syslog_priority(std::string_view& s) {
    if (s.size() < 3 || s.front() != '<') {
        return Level::unknown;
    }
    std::size_t end = 1;
    int pri = 0;
    while (end < s.size() && end < 5 && is_digit(s[end])) {
        pri = pri * 10 + (s[end] - '0');
        ++end;
    }
    if (end == 1 || end >= s.size() || s[end] != '>' || pri > 191) {
        return Level::unknown;
    }
    s.remove_prefix(end + 1);
    constexpr std::array<Level, 8> k_severity = {Level::fatal,   Level::critical, Level::critical, Level::error,
                                                 Level::warning, Level::notice,   Level::info,     Level::debug};
    return k_severity[static_cast<std::size_t>(pri % 8)];
}

bool split_5424(std::string_view s, LineFields& out) {
    out.known_level = syslog_priority(s);
    if (out.known_level == Level::unknown || s.size() < 2 || !is_digit(s[0])) {
        return false;
    }
    next_word(s); // version
    out.add_time(next_word(s));
    next_word(s); // host
    out.component = next_word(s);
    next_word(s); // procid
    next_word(s); // msgid
    if (s.starts_with("-")) {
        s.remove_prefix(1);
    } else {
        while (const std::size_t group = bracket_group(s)) {
            s.remove_prefix(group);
        }
    }
    s = skip_blanks(s);
    if (s.starts_with("\xEF\xBB\xBF")) {
        s.remove_prefix(3);
    }
    out.content = s;
    return !out.component.empty();
}

bool split_syslog(std::string_view s, LineFields& out) {
    out.known_level = syslog_priority(s);
    if (const std::size_t iso = iso_timestamp(s); iso > 0 && iso < s.size() && is_blank(s[iso])) {
        out.add_time(s.substr(0, iso));
        s = skip_blanks(s.substr(iso));
    } else {
        // "Dec 10 06:55:46" or "Dec  4 06:55:46"
        const bool shape = s.size() > 15 && s[3] == ' ' && (is_digit(s[4]) || s[4] == ' ') && is_digit(s[5]) &&
                           s[6] == ' ' && is_digit(s[7]) && is_digit(s[8]) && s[9] == ':' && s[12] == ':' &&
                           is_blank(s[15]);
        if (!shape) {
            return false;
        }
        out.add_time(s.substr(0, 15));
        s = skip_blanks(s.substr(15));
    }
    if (next_word(s).empty()) {
        return false; // no host
    }
    // "sshd[24200]: message", "kernel: message"; anything else is all message.
    std::size_t tag = 0;
    while (tag < s.size() && !is_blank(s[tag]) && s[tag] != ':' && s[tag] != '[') {
        ++tag;
    }
    std::size_t colon = tag;
    if (colon < s.size() && s[colon] == '[') {
        colon = s.find(']', colon);
        colon = colon == std::string_view::npos ? s.size() : colon + 1;
    }
    if (tag > 0 && colon < s.size() && s[colon] == ':') {
        out.component = s.substr(0, tag);
        s = skip_blanks(s.substr(colon + 1));
    }
    out.content = s;
    return true;
}

/// An ISO timestamp, then a level word among the next four words ("- INFO",
/// "[main] WARN", "ERROR"), then an optional [component] and separators.
bool split_iso(std::string_view s, LineFields& out) {
    const std::size_t stamp = iso_timestamp(s);
    if (stamp == 0) {
        return false;
    }
    out.add_time(s.substr(0, stamp));
    std::string_view rest = skip_blanks(s.substr(stamp));
    for (int word_index = 0; word_index < 4 && !rest.empty(); ++word_index) {
        const std::string_view word = next_word(rest);
        std::size_t letters = 0;
        for (const char c : word) {
            letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? 1U : 0U;
        }
        if (letters < 3 || parse_level(word) == Level::unknown) {
            continue;
        }
        out.level = word;
        if (const std::size_t group = bracket_group(rest)) {
            out.component = rest.substr(1, group - 2);
            rest = skip_blanks(rest.substr(group));
        }
        while (!rest.empty() && (rest.front() == '-' || rest.front() == ':' || rest.front() == '|')) {
            rest = skip_blanks(rest.substr(1));
        }
        out.content = rest;
        return true;
    }
    return false;
}

/// The formats detect_format tries, most specific first: a tie goes to the first.
constexpr std::array<Builtin, 6> k_detect_order = {Builtin::syslog5424,  Builtin::access, Builtin::apache_error,
                                                   Builtin::nginx_error, Builtin::iso,    Builtin::syslog};

} // namespace

std::string_view builtin_name(Builtin format) {
    switch (format) {
    case Builtin::syslog5424:
        return "syslog (RFC 5424)";
    case Builtin::syslog:
        return "syslog";
    case Builtin::apache_error:
        return "Apache error log";
    case Builtin::nginx_error:
        return "nginx error log";
    case Builtin::access:
        return "access log";
    case Builtin::iso:
        return "ISO-timestamp log";
    case Builtin::plain:
        break;
    }
    return "plain text";
}

bool split_builtin(Builtin format, std::string_view line, LineFields& out, std::string& scratch) {
    out.clear();
    switch (format) {
    case Builtin::syslog5424:
        return split_5424(line, out);
    case Builtin::syslog:
        return split_syslog(line, out);
    case Builtin::apache_error:
        return split_apache_error(line, out);
    case Builtin::nginx_error:
        return split_nginx_error(line, out);
    case Builtin::access:
        return split_access(line, out, scratch);
    case Builtin::iso:
        return split_iso(line, out);
    case Builtin::plain:
        break;
    }
    out.content = line;
    return true;
}

Builtin detect_format(std::span<const std::string> sample) {
    Builtin best = Builtin::plain;
    std::size_t best_count = 0;
    LineFields fields;
    std::string scratch;
    for (const Builtin format : k_detect_order) {
        std::size_t count = 0;
        for (const std::string& line : sample) {
            count += split_builtin(format, line, fields, scratch) ? 1U : 0U;
        }
        if (count > best_count) {
            best = format;
            best_count = count;
        }
    }
    return best_count * 2 >= sample.size() && best_count > 0 ? best : Builtin::plain;
}

} // namespace cswm::logscan
