// Part of the catalogue (see messages.cpp): option and flag descriptions of every command, and
// the texts of the command-line parser (usage, errors of parsing, did-you-mean).

#include "lib/i18n/catalogue.hpp"

namespace cswm::i18n {
namespace {

// clang-format off
constexpr Message k_messages[] = {
    {"help.option-version", "Display program version information and exit", "顯示程式版本並結束"},
};
// clang-format on

} // namespace

std::span<const Message> options_messages() {
    return k_messages;
}

} // namespace cswm::i18n
