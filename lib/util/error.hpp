#pragma once

#include <stdexcept>
#include <string>

namespace cswm {

/// Exit statuses of SPEC §3.
enum class ExitCode : int {
    ok = 0,       ///< nothing at error severity
    findings = 1, ///< findings at error severity (or warnings with --strict)
    failure = 2,  ///< the command could not do its job
};

/// What stops a command: caught only in main, which prints it and exits with its code.
/// Problems in the user's documents are findings, never this.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, ExitCode code = ExitCode::failure)
        : std::runtime_error(message), m_code(code) {}

    ExitCode code() const { return m_code; }

private:
    ExitCode m_code;
};

} // namespace cswm
