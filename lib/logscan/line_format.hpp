#pragma once

#include "lib/logscan/record.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cswm::logscan {

/// A line format written as Loghub writes them: `<Name>` placeholders between literal
/// text, such as `<Date> <Time> <Pid> <Level> <Component>: <Content>` or
/// `\[<Time>\] \[<Level>\] <Content>`. A space matches one or more blanks, `\x` is the
/// character x, and `(…)?` is an optional part. A placeholder matches the shortest text
/// that lets the rest of the line match; the last one takes the rest of the line.
/// Names that mean something: Content (or Message), Level (or Severity), Component
/// (or Logger, Program, Process), and the timestamp parts Date, Time, Day, Month, Year,
/// Timestamp, Datetime, read together in their order. Any other name is matched and
/// ignored. Compiled once, then matched with no regular expression and no allocation.
class LineFormat {
public:
    /// Compiles a format; throws Error (exit 2) saying what is wrong with it.
    static LineFormat compile(std::string_view pattern);

    /// Splits a line (without its line break); false when it does not fit the format.
    bool split(std::string_view line, LineFields& out) const;

    /// The format as given.
    const std::string& text() const { return m_text; }

    /// What a field is for.
    enum class Role : std::uint8_t { other, content, level, component, time };
    /// One step of the compiled format; `next` and `body` index the format's steps.
    struct Step {
        enum class Kind : std::uint8_t { end, literal, blank, field, optional } kind = Kind::end;
        std::string text;        ///< a literal's text, a field's name
        std::uint32_t field = 0; ///< a field's index
        std::uint32_t next = 0;  ///< the step after this one
        std::uint32_t body = 0;  ///< an optional group's first step
    };

private:
    std::string m_text;
    std::vector<Step> m_steps; ///< m_steps[0] is the end; m_first the start
    std::uint32_t m_first = 0;
    std::vector<Role> m_roles; ///< per field
};

} // namespace cswm::logscan
