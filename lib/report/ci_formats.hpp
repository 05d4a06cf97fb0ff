#pragma once

#include "lib/check/checker.hpp"

#include <ostream>
#include <string>

namespace cswm {

/// SARIF 2.1.0 (code-scanning pages): one run, the rule catalogue as rule metadata, one
/// result per finding located at its file, line and column.
void write_findings_sarif(std::ostream& out, const CheckResult& result, const std::string& tool_version);

/// JUnit XML (CI test tabs): one test case per rule per document, failed when that rule
/// found an error there; warnings go to the case's system-out.
void write_findings_junit(std::ostream& out, const CheckResult& result);

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
void write_findings_github(std::ostream& out, const CheckResult& result);

} // namespace cswm
