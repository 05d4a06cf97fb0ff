#pragma once

// What each fuzz target does with one input, kept apart from libFuzzer so that the unit
// tests replay the regression inputs and the seed corpus through the very same code.

#include <span>
#include <string>
#include <string_view>

namespace cswm {
struct ParsedYaml;
}

namespace cswm::fuzz {

/// Everything a parse gives as one text (root, problems, stand-ins, every place): two
/// parses of a text that must agree, such as with places recorded and made on demand, give
/// the same outline.
std::string parse_outline(const ParsedYaml& parsed);

/// One fuzz target: its name (fuzz/corpus/<name>, fuzz/regressions/<name>) and what it
/// does with an input. `run` returns normally for input that is rejected the documented
/// way (cswm::Error, findings); it aborts when a property the target checks is broken,
/// and lets anything else (a crash, an unexpected exception) through.
struct Target {
    const char* name;
    void (*run)(std::string_view data);
};

/// Every target, in a fixed order.
std::span<const Target> targets();

/// The target called `name`, or nullptr.
const Target* find_target(std::string_view name);

} // namespace cswm::fuzz
