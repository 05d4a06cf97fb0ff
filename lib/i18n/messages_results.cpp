// Part of the catalogue (see messages.cpp): what a command prints when it succeeds (the result
// lines of new, link, review, renumber, import, logscan…), -v notes, and the headings of status,
// trace and the other views.

#include "lib/i18n/catalogue.hpp"

namespace cswm::i18n {
namespace {

// clang-format off
constexpr Message k_messages[] = {
    {"new.exported-schema", "exported {file} for editors", "已匯出 {file}，供編輯器使用"},
    // cmd/cmd_renumber.cpp: renumber --resume
    {"renumber.resume-finished", "finished {what}", "已完成 {what}"},
    {"renumber.resume-rolled-back", "rolled back {what}: it could not be finished", "已復原 {what}：無法完成"},
    {"renumber.resume-nothing", "no interrupted renumber to finish", "沒有中斷的重新編號需要完成"},
};
// clang-format on

} // namespace

std::span<const Message> results_messages() {
    return k_messages;
}

} // namespace cswm::i18n
