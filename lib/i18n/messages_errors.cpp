// Part of the catalogue (see messages.cpp): errors that lib/ throws to stop a command (lib/util,
// lib/yaml, lib/git, lib/catalog, lib/import, lib/logscan, lib/bundle, lib/render) and loader
// findings.

#include "lib/i18n/catalogue.hpp"

namespace cswm::i18n {
namespace {

// clang-format off
constexpr Message k_messages[] = {
    {"bundle.no-config", "revision {revision} has no {file}: nothing to bundle (was cswm initialised then?)",
     "修訂版本 {revision} 沒有 {file}：沒有可封存的內容（當時是否已執行 cswm init？）"},
};
// clang-format on

} // namespace

std::span<const Message> errors_messages() {
    return k_messages;
}

} // namespace cswm::i18n
