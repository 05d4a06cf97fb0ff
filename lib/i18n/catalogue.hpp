#pragma once

// The parts of the one catalogue, one per area so that each stays readable: catalogue()
// joins them, and tests/unit/i18n_test.cpp checks the whole (no key twice, both languages,
// same placeholders, every key used).

#include "lib/i18n/i18n.hpp"

#include <span>

namespace cswm::i18n {

std::span<const Message> core_messages();    // messages.cpp
std::span<const Message> options_messages(); // messages_options.cpp
std::span<const Message> errors_messages();  // messages_errors.cpp
std::span<const Message> results_messages(); // messages_results.cpp

} // namespace cswm::i18n
