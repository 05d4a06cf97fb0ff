#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cswm::logscan {

/// Log levels as a maintenance log records them, worst first; `unknown` when a line
/// says none.
enum class Level : std::uint8_t { fatal, critical, error, warning, notice, info, debug, unknown };
inline constexpr std::size_t k_level_count = 8;

/// "fatal", "critical", … "debug", "unknown".
std::string_view level_name(Level level);

/// The level a level word names, in any case and with or without brackets: syslog's
/// (emerg, alert, crit, err, warning, notice, info, debug), log4j's and Python's
/// (FATAL, SEVERE, ERROR, WARN, INFO, CONFIG, FINE, TRACE), Android's letters (E, W,
/// I, D, V). `unknown` for anything else.
Level parse_level(std::string_view word);

/// The level of a message that came without one, from its words: a leading level word
/// ("error: …", "[WARN] …"), else words of failure ("error", "exception", "failed" →
/// error; "warning", "timeout", "refused", "denied" → warning), else info.
Level infer_level(std::string_view message);

/// One log line cut into its header fields and its message. The views point into the
/// line, or into the splitter's own buffer; they live until the next line is split.
struct LineFields {
    std::string_view content;               ///< the message
    std::string_view level;                 ///< the level word as written
    std::string_view component;             ///< the program, logger or class
    std::array<std::string_view, 4> time{}; ///< timestamp parts, in order (date, time …)
    std::size_t time_parts = 0;
    Level known_level = Level::unknown; ///< a level the format itself gives (syslog PRI, HTTP status)
    bool exact = false;                 ///< `content` is already a signature (access logs)

    /// Forgets the previous line's fields.
    void clear() { *this = LineFields{}; }
    /// Adds a timestamp part; parts past the fourth are dropped.
    void add_time(std::string_view part) {
        if (time_parts < time.size()) {
            time[time_parts++] = part;
        }
    }
};

} // namespace cswm::logscan
