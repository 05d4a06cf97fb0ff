#pragma once

#include "lib/logscan/line_format.hpp"
#include "lib/logscan/record.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cswm::logscan {

/// The formats cswm knows without a --line-format.
enum class Builtin {
    syslog5424,   ///< <34>1 2026-11-02T09:00:03.120+08:00 host app 1234 ID47 - message
    syslog,       ///< Dec 10 06:55:46 host sshd[24200]: message (also with an ISO timestamp or <PRI>)
    apache_error, ///< [Sun Dec 04 04:47:44 2005] [error] message (Apache 2.2 and 2.4)
    nginx_error,  ///< 2026/11/16 08:14:02 [warn] 1234#1234: *5678 message
    access,       ///< Common and Combined Log Format of nginx and Apache
    iso,          ///< 2026-11-02 09:00:03,120 WARN [thread] message: an ISO timestamp, then a level word
    plain,        ///< none of these: the whole line is the message
};

/// "syslog (RFC 5424)", "nginx error log" …: how output names a format.
std::string_view builtin_name(Builtin format);

/// Splits a line by a built-in format; false when it does not fit. Access lines become
/// one exact signature each, `METHOD /route/<n> STATUS`, the query left out.
bool split_builtin(Builtin format, std::string_view line, LineFields& out, std::string& scratch);

/// The built-in format most of `sample` (a file's first lines) fits, or plain when
/// none fits half of them.
Builtin detect_format(std::span<const std::string> sample);

/// How a file's lines are split: by the user's --line-format, or by a built-in format.
class Splitter {
public:
    explicit Splitter(const LineFormat* custom, Builtin builtin = Builtin::plain)
        : m_custom(custom), m_builtin(builtin) {}

    /// False when the line does not fit: a continuation of the previous entry.
    bool split(std::string_view line, LineFields& out) {
        return m_custom != nullptr ? m_custom->split(line, out) : split_builtin(m_builtin, line, out, m_scratch);
    }
    /// The format's name for output.
    std::string name() const {
        return m_custom != nullptr ? "--line-format " + m_custom->text() : std::string(builtin_name(m_builtin));
    }

private:
    const LineFormat* m_custom;
    Builtin m_builtin;
    std::string m_scratch;
};

} // namespace cswm::logscan
