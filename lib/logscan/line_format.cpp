#include "lib/logscan/line_format.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/util/error.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <array>

namespace cswm::logscan {
namespace {

using Step = LineFormat::Step;
using Kind = LineFormat::Step::Kind;
using Role = LineFormat::Role;

constexpr std::size_t k_max_fields = 32;
/// Steps one line may take before it is declared not to fit: backtracking stays bounded.
constexpr int k_step_budget = 4000;

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

Role role_of(std::string_view name) {
    std::string key(name);
    for (char& c : key) {
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (key == "content" || key == "message" || key == "msg") {
        return Role::content;
    }
    if (key == "level" || key == "severity" || key == "loglevel") {
        return Role::level;
    }
    if (key == "component" || key == "logger" || key == "program" || key == "process") {
        return Role::component;
    }
    if (key == "date" || key == "time" || key == "day" || key == "month" || key == "year" || key == "timestamp" ||
        key == "datetime") {
        return Role::time;
    }
    return Role::other;
}

/// Reads the format into steps: one list per sequence, linked once the group is closed.
class Compiler {
public:
    Compiler(std::string_view pattern, std::vector<Step>& steps, std::vector<Role>& roles)
        : m_pattern(pattern), m_steps(steps), m_roles(roles) {}

    /// Compiles the sequence up to `)` (inside a group) or the end; links it to `follow`.
    std::uint32_t sequence(bool in_group, std::uint32_t follow) {
        std::vector<std::uint32_t> order;
        std::vector<std::string> group_texts;
        while (m_at < m_pattern.size()) {
            const char c = m_pattern[m_at];
            if (c == ')') {
                if (!in_group) {
                    fail(tr("logscan.format-unopened"));
                }
                break;
            }
            if (is_blank(c)) {
                while (m_at < m_pattern.size() && is_blank(m_pattern[m_at])) {
                    ++m_at;
                }
                order.push_back(add({Kind::blank, " "}));
            } else if (c == '(') {
                ++m_at;
                const auto group = add({Kind::optional, "(…)?"});
                order.push_back(group);
                m_pending.emplace_back(group, m_at);
                skip_group();
            } else if (const std::string name = field_name(); !name.empty()) {
                if (m_roles.size() == k_max_fields) {
                    fail(tr("logscan.format-too-many", fmt::arg("max", k_max_fields)));
                }
                order.push_back(add({Kind::field, name, static_cast<std::uint32_t>(m_roles.size())}));
                m_roles.push_back(role_of(name));
            } else {
                const char literal = c == '\\' ? escaped() : c;
                ++m_at;
                if (!order.empty() && m_steps[order.back()].kind == Kind::literal) {
                    m_steps[order.back()].text += literal;
                } else {
                    order.push_back(add({Kind::literal, std::string(1, literal)}));
                }
            }
        }
        for (std::size_t i = 0; i < order.size(); ++i) {
            m_steps[order[i]].next = i + 1 < order.size() ? order[i + 1] : follow;
        }
        return order.empty() ? follow : order.front();
    }

    /// Compiles the bodies of the optional groups met so far, which link to their group's next.
    void groups() {
        while (!m_pending.empty()) {
            const auto [group, start] = m_pending.back();
            m_pending.pop_back();
            const std::size_t resume = m_at;
            m_at = start;
            m_steps[group].body = sequence(true, m_steps[group].next);
            m_at = resume;
        }
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(tr("logscan.format-error", fmt::arg("format", printable(m_pattern, 120)), fmt::arg("what", what),
                       fmt::arg("at", m_at + 1)));
    }

private:
    std::uint32_t add(Step step) {
        m_steps.push_back(std::move(step));
        return static_cast<std::uint32_t>(m_steps.size() - 1);
    }

    std::string field_name() {
        if (m_pattern[m_at] != '<') {
            return {};
        }
        std::size_t end = m_at + 1;
        while (end < m_pattern.size() && is_name_char(m_pattern[end])) {
            ++end;
        }
        if (end == m_at + 1 || end >= m_pattern.size() || m_pattern[end] != '>') {
            return {};
        }
        std::string name(m_pattern.substr(m_at + 1, end - m_at - 1));
        m_at = end + 1;
        return name;
    }

    char escaped() {
        if (m_at + 1 >= m_pattern.size()) {
            fail(tr("logscan.format-backslash"));
        }
        ++m_at;
        return m_pattern[m_at];
    }

    /// Moves past a group's ")?" without compiling it (groups() does, later).
    void skip_group() {
        int depth = 1;
        while (m_at < m_pattern.size() && depth > 0) {
            if (m_pattern[m_at] == '\\') {
                ++m_at;
            } else if (m_pattern[m_at] == '(') {
                ++depth;
            } else if (m_pattern[m_at] == ')') {
                --depth;
            }
            ++m_at;
        }
        if (depth > 0) {
            fail(tr("logscan.format-unclosed"));
        }
        if (m_at >= m_pattern.size() || m_pattern[m_at] != '?') {
            fail(tr("logscan.format-group"));
        }
        ++m_at;
    }

    std::string_view m_pattern;
    std::vector<Step>& m_steps;
    std::vector<Role>& m_roles;
    std::size_t m_at = 0;
    std::vector<std::pair<std::uint32_t, std::size_t>> m_pending; ///< group step, offset of its body
};

using Captures = std::array<std::pair<std::size_t, std::size_t>, k_max_fields>;

struct Matcher {
    const std::vector<Step>& steps;
    std::string_view line;
    Captures& captures;
    int budget = k_step_budget;

    void clear_fields(std::uint32_t from, std::uint32_t until) {
        for (std::uint32_t at = from; at != until && at != 0; at = steps[at].next) {
            if (steps[at].kind == Kind::field) {
                captures[steps[at].field] = {std::string_view::npos, 0};
            }
        }
    }

    bool match(std::uint32_t at, std::size_t pos) {
        if (--budget < 0) {
            return false;
        }
        const Step& step = steps[at];
        switch (step.kind) {
        case Kind::end:
            return pos == line.size();
        case Kind::literal:
            return line.compare(pos, step.text.size(), step.text) == 0 && match(step.next, pos + step.text.size());
        case Kind::blank: {
            std::size_t end = pos;
            while (end < line.size() && is_blank(line[end])) {
                ++end;
            }
            return end > pos && match(step.next, end);
        }
        case Kind::optional:
            if (match(step.body, pos)) {
                return true;
            }
            clear_fields(step.body, step.next);
            return match(step.next, pos);
        case Kind::field:
            return field(step, pos);
        }
        return false;
    }

    bool field(const Step& step, std::size_t pos) {
        const Step& next = steps[step.next];
        if (next.kind == Kind::end) {
            captures[step.field] = {pos, line.size()};
            return true;
        }
        for (std::size_t end = pos; end <= line.size(); ++end) {
            // Jump to where the next step can start: its literal, or a blank.
            if (next.kind == Kind::literal) {
                end = line.find(next.text, end);
            } else if (next.kind == Kind::blank) {
                end = line.find_first_of(" \t", end);
            }
            if (end == std::string_view::npos) {
                return false;
            }
            captures[step.field] = {pos, end};
            if (match(step.next, end)) {
                return true;
            }
            if (budget < 0) {
                return false;
            }
        }
        return false;
    }
};

} // namespace

LineFormat LineFormat::compile(std::string_view pattern) {
    LineFormat format;
    format.m_text = std::string(pattern);
    format.m_steps.push_back(Step{}); // 0: the end of the line
    Compiler compiler(pattern, format.m_steps, format.m_roles);
    format.m_first = compiler.sequence(false, 0);
    compiler.groups();
    bool content = false;
    for (const Step& step : format.m_steps) {
        if (step.kind == Kind::field) {
            content = content || format.m_roles[step.field] == Role::content;
            const Kind next = format.m_steps[step.next].kind;
            if (next == Kind::field || (next == Kind::optional && format.m_steps[step.next].body != 0 &&
                                        format.m_steps[format.m_steps[step.next].body].kind == Kind::field)) {
                throw Error(tr("logscan.format-adjacent", fmt::arg("format", printable(pattern, 120)),
                               fmt::arg("name", step.text)));
            }
        }
    }
    if (!content) {
        throw Error(tr("logscan.format-no-content", fmt::arg("format", printable(pattern, 120))));
    }
    return format;
}

bool LineFormat::split(std::string_view line, LineFields& out) const {
    Captures captures;
    captures.fill({std::string_view::npos, 0});
    Matcher matcher{m_steps, line, captures};
    if (!matcher.match(m_first, 0)) {
        return false;
    }
    out.clear();
    for (std::size_t field = 0; field < m_roles.size(); ++field) {
        const auto [start, end] = captures[field];
        if (start == std::string_view::npos) {
            continue;
        }
        const std::string_view value = line.substr(start, end - start);
        switch (m_roles[field]) {
        case Role::content:
            out.content = value;
            break;
        case Role::level:
            out.level = value;
            break;
        case Role::component:
            out.component = value;
            break;
        case Role::time:
            out.add_time(value);
            break;
        case Role::other:
            break;
        }
    }
    return true;
}

} // namespace cswm::logscan
