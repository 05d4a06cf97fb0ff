// The one catalogue of what cswm says to its user, in English and Traditional Chinese
// (Taiwan). Keys are stable identifiers: area.what. Placeholders are fmt named arguments;
// both languages of a key use the same set (tests/unit/i18n_test.cpp checks it, and that
// every key the source uses is here). The Chinese uses the words of
// templates/render/labels.zh-TW.yaml, so that messages and rendered pages agree.

#include "lib/i18n/i18n.hpp"

namespace cswm::i18n {
namespace {

// clang-format off
constexpr Message k_messages[] = {
    // lib/check/document_rules.cpp
    {"check.kind-missing",
     "field 'kind' is missing: say which work product this is ({kinds})",
     "缺少欄位 kind：請註明這是哪一種工作文件（{kinds}）"},
    {"check.kind-unknown", "unknown kind '{kind}'", "未知的文件類別「{kind}」"},
    {"check.kind-did-you-mean", " (did you mean '{kind}'?)", "（是否指「{kind}」？）"},
    {"check.kind-list", ": kinds are {kinds}", "：文件類別有 {kinds}"},
    {"check.id-format",
     "id {id} is not of the form {prefix}-NNN (three digits or more, such as {prefix}-001)",
     "id {id} 的格式不是 {prefix}-NNN（三位以上數字，例如 {prefix}-001）"},
    {"check.id-other-prefix",
     "id '{id}' has the prefix of {other}, but this document is {kind} ({prefix}-NNN)",
     "id「{id}」是 {other} 的前綴，但本文件是 {kind}（{prefix}-NNN）"},
    {"check.file-name",
     "file name '{name}' does not start with the document's ID {id}: rename it {suggestion}",
     "檔名「{name}」不是以文件編號 {id} 開頭：請改名為 {suggestion}"},
    {"check.kind-folder",
     "{kind} in the folder of {folder_kind} documents: move it to {folder}/",
     "{kind} 放在 {folder_kind} 文件的資料夾中：請移到 {folder}/"},
    {"check.placeholder",
     "{field} still holds the scaffold's placeholder {placeholder}: fill it in{not_draft}",
     "{field} 仍是範本的預留文字 {placeholder}：請填寫{not_draft}"},
    {"check.placeholder-not-draft", " (status is '{status}', not draft)", "（狀態為「{status}」，已非草稿）"},
    // lib/check/tree_rules.cpp
    {"check.duplicate-id",
     "{what} {id} is also defined at {places}: IDs must be unique in the repository",
     "{what} {id} 也定義於 {places}：編號在儲存庫中必須唯一"},
    {"check.what-document-id", "document ID", "文件編號"},
    {"check.what-item-id", "item ID", "項目編號"},
    {"check.link-item", "{prefix} item", "{prefix} 項目"},
    {"check.link-kind",
     "{field} names {target}, {kind}, but must name {expected}",
     "{field} 指向 {target}（{kind}），但應指向 {expected}"},
    {"check.link-kind-item",
     "{field} names {target}, {prefix} item, but must name {expected}",
     "{field} 指向 {target}（{prefix} 項目），但應指向 {expected}"},
    {"check.link-target", "{field} names {target}, which does not exist", "{field} 指向 {target}，但此編號不存在"},
    {"check.link-did-you-mean", " (did you mean {id}?)", "（是否指 {id}？）"},
    // lib/check/semantic_rules.cpp
    {"check.span-backwards",
     "{end} {end_value} is before {start} {start_value}: the span runs backwards",
     "{end} {end_value} 早於 {start} {start_value}：起訖時間顛倒"},
    {"check.date-before", "{later} {later_value} is before {earlier} {earlier_value}",
     "{later} {later_value} 早於 {earlier} {earlier_value}"},
    {"check.summary-counts", "summary.{field} is {stated}, but the results count {counted}",
     "summary.{field} 為 {stated}，但 results 中計有 {counted}"},
    {"check.result-case", "{case} is not a test case of {spec}, the quality spec this report runs",
     "{case} 不是 {spec}（本報告所執行的品質規格書）中的測試案例"},
    {"check.the-case", "the case", "此測試案例"},
    {"check.failed-without-fix",
     "{case} failed but names no fix: start one with `cswm new fix-confirmation` and put its ID in results[{index}].fix",
     "{case} 不通過，但未指明修正：請以 `cswm new fix-confirmation` 建立修正問題確認單，並將其編號填入 results[{index}].fix"},
    {"check.fix-not-passed",
     "{id} is {status}, but {case} ({role}) {outcome} in {report}, the report that verifies it: re-run it on a build "
     "with the fix and name a report where it passed",
     "{id} 的狀態為 {status}，但 {case}（{role}）在驗證它的測試報告 {report} 中{outcome}：請在含此修正的版本上重新測試，"
     "並指明測試通過的報告"},
    {"check.outcome-none", "has no result", "沒有結果"},
    {"check.outcome-is", "is {outcome}", "結果為 {outcome}"},
    {"check.role-failed-case", "the case that failed", "原先不通過的測試案例"},
    {"check.role-regression", "re-run for regression", "回歸測試"},
    {"check.notified-before-learned", "security_incident.notified_at is before learned_at",
     "security_incident.notified_at 早於 learned_at"},
    {"check.notified-late",
     "notified {hours} h {minutes:02} min after learning of the incident: the Cyber Security Management Act "
     "(資通安全管理法) requires notification within one hour",
     "知悉資安事件後 {hours} 小時 {minutes:02} 分才通報：資通安全管理法規定應於知悉後一小時內通報"},
    {"check.not-notified",
     "an information-security incident learned of more than an hour ago has no notified_at: notify within one hour "
     "(資通安全管理法) and record when",
     "知悉已逾一小時的資安事件沒有 notified_at：請依資通安全管理法於一小時內通報，並記錄通報時間"},
    // lib/check/chain_rules.cpp
    {"check.requirement-untested", "{id} is approved but no test case of a quality spec verifies it",
     "{id} 已核准，但沒有任何品質規格書的測試案例驗證它"},
    {"check.spec-without-report", "{id} is approved but no test report runs it yet",
     "{id} 已核准，但尚無測試報告執行它"},
    {"check.case-without-result", "{case} has no result in {report}, the newest test report of {spec}",
     "{case} 在 {spec} 最新的測試報告 {report} 中沒有結果"},
    {"check.request-without-record",
     "no anomaly record handles it, and no requirement names it among its sources: start one with `cswm new "
     "anomaly-record` and set its request to {id}",
     "沒有異常處理紀錄表處理此申請，也沒有需求將它列為來源：請以 `cswm new anomaly-record` 建立紀錄，並將其 request 設為 {id}"},
    {"check.log-review-overdue",
     "the last log review was on {date}, {days} days ago: logs are to be reviewed every {cadence} days "
     "(cadence.log_review_days)",
     "上次日誌檢視在 {date}，已過 {days} 天：日誌應每 {cadence} 天檢視一次（cadence.log_review_days）"},
    {"check.log-review-none",
     "no log review is recorded in any maintenance log: review the system logs (`cswm logscan`) and record it",
     "所有維護紀錄都沒有日誌檢視紀錄：請檢視系統日誌（`cswm logscan`）並記錄"},
    {"check.requirement-modals",
     "{id} says shall/應/須 {count} times: one requirement per statement, so that each can be verified",
     "{id} 用了 {count} 次 shall／應／須：每條敘述只寫一項需求，才能逐項驗證"},
    {"check.requirement-weak-words", "{id} uses words that cannot be tested: {words}",
     "{id} 使用了無法測試的字詞：{words}"},
    // lib/check/git_rules.cpp
    {"check.commit-missing", "commit {sha} does not exist in this repository", "commit {sha} 不存在於此儲存庫"},
    {"check.commit-not-commit", "{sha} is a {type}, not a commit", "{sha} 是 {type}，不是 commit"},
    {"check.commit-unverifiable",
     "commit {sha} cannot be verified: this clone is shallow (run `git fetch --unshallow`)",
     "無法驗證 commit {sha}：此為淺層複製（請執行 `git fetch --unshallow`）"},
    {"check.commit-unreachable", "commit {sha} is not reachable from HEAD: is it only on another branch?",
     "從 HEAD 無法到達 commit {sha}：它是否只在其他分支上？"},
    {"check.fix-not-tested",
     "the confirming test ran on a build without the fix: {report} tested {tested}, which does not contain fix commit "
     "{sha}",
     "確認測試所用的版本不含此修正：{report} 測試的是 {tested}，其中不含修正 commit {sha}"},
    {"check.fix-not-reviewed",
     "fix commit {sha} has no Reviewed-by: trailer, nor does a merge that brought it in (policy.reviewed_fix_commits)",
     "修正 commit {sha} 沒有 Reviewed-by: 標記，合併它的 merge 也沒有（policy.reviewed_fix_commits）"},
    {"check.trailer-unknown-id", "Refs: names {id}, which no document or item has ({summary})",
     "Refs: 指向 {id}，但沒有任何文件或項目使用此編號（{summary}）"},
    {"check.uncommitted-ignored", "is ignored by git (.gitignore)", "被 git 忽略（.gitignore）"},
    {"check.uncommitted-untracked", "is not in git at all", "完全不在 git 中"},
    {"check.uncommitted-changes", "has changes that are not committed", "有尚未提交的修改"},
    {"check.uncommitted", "{what} (--require-committed)", "此檔案{what}（--require-committed）"},
    // lib/check/suspect.cpp
    {"check.suspect-unrecorded",
     "{case} is suspect: it verifies {requirement} ({srs}), whose statement the review of {spec} did not record; once "
     "the reviewers have read it against the case, run `cswm review {spec}`",
     "{case} 的追溯連結存疑：它驗證 {requirement}（{srs}），但 {spec} 的審核未記錄該需求的敘述；審核人員對照測試案例確認後，"
     "請執行 `cswm review {spec}`"},
    {"check.suspect-changed",
     "{case} is suspect: the statement of {requirement} ({srs}) changed after {spec} was reviewed (fingerprint "
     "{recorded}, now {now}); check that the case still verifies it, then run `cswm review {spec}`",
     "{case} 的追溯連結存疑：{spec} 審核後，{requirement}（{srs}）的敘述已變更（指紋 {recorded}，現為 {now}）；"
     "請確認測試案例仍能驗證它，再執行 `cswm review {spec}`"},
    {"check.suspect-since-approval",
     "{case} is suspect: the statement of {requirement} ({srs}) changed after {spec} was approved in commit {sha} "
     "({spec} records no fingerprints, so the SRS of that commit was compared); check that the case still verifies "
     "it, then run `cswm review {spec}`",
     "{case} 的追溯連結存疑：{spec} 於 commit {sha} 核准後，{requirement}（{srs}）的敘述已變更（{spec} 未記錄指紋，"
     "因此與該 commit 的需求規格書比對）；請確認測試案例仍能驗證它，再執行 `cswm review {spec}`"},
    // lib/check/waivers.cpp
    {"config.rule-unknown", "{field}: unknown rule '{rule}'", "{field}：未知的規則「{rule}」"},
    {"config.rule-did-you-mean", ": did you mean '{rule}'?", "：是否指「{rule}」？"},
    {"config.rule-list", " (the rules are listed in docs/check-rules.md)", "（規則列於 docs/check-rules.md）"},
    {"config.rule-not-waivable",
     "{field}: rule '{rule}' says a file could not be read as a document, so nothing else was checked there: it "
     "cannot be waived; fix the file instead",
     "{field}：規則「{rule}」表示檔案無法讀取為文件，因此未做其他檢查：此規則不能豁免，請修正該檔案"},
    {"config.rule-not-adjustable",
     "{field}: rule '{rule}' says a file could not be read as a document, so nothing else was checked there: it "
     "cannot be given another severity; fix the file instead",
     "{field}：規則「{rule}」表示檔案無法讀取為文件，因此未做其他檢查：此規則不能改變嚴重度，請修正該檔案"},
    {"config.waiver-of-waiver",
     "{field}: rule '{rule}' is about waivers themselves and cannot be waived: renew or remove the waiver it names (or "
     "set it to off under rules:)",
     "{field}：規則「{rule}」是關於豁免本身，不能再豁免：請展延或移除它所指的豁免（或在 rules: 下設為 off）"},
    {"check.whole-repository", "the whole repository", "整個儲存庫"},
    {"check.waiver-expired",
     "the waiver of {rule} for {target} expired on {date}{counting}: fix what it covered, or renew it with a new date "
     "and justification",
     "{target} 的 {rule} 豁免已於 {date} 到期{counting}：請修正它所涵蓋的問題，或以新的日期與理由展延"},
    {"check.waiver-expired-one", " and 1 finding counts again", "，1 項檢查結果重新計入"},
    {"check.waiver-expired-many", " and {count} findings count again", "，{count} 項檢查結果重新計入"},
    {"check.waiver-unused", "the waiver of {rule} for {target} matches no finding: remove it",
     "{target} 的 {rule} 豁免沒有對應任何檢查結果：請移除"},
    {"check.waiver-unknown-id",
     "the waiver of {rule} names {id}, which no document or item has: correct the ID or remove the waiver",
     "{rule} 豁免指向 {id}，但沒有任何文件或項目使用此編號：請更正編號或移除此豁免"},
    // lib/check/checker.cpp
    {"check.no-such-path", "{path}: no such file or folder", "{path}：沒有這個檔案或資料夾"},
    {"check.outside-repository", "{path}: outside the repository ({root})", "{path}：不在儲存庫內（{root}）"},
    {"check.require-committed-needs-git", "--require-committed needs a git repository",
     "--require-committed 需要 git 儲存庫"},

    // lib/report/findings_report.cpp: the last line of `cswm check`
    {"report.check-summary", "{documents} checked: {errors}, {warnings}{waived}",
     "已檢查 {documents}：{errors}、{warnings}{waived}"},
    {"report.documents-one", "{count} document", "{count} 份文件"},
    {"report.documents-many", "{count} documents", "{count} 份文件"},
    {"report.errors-one", "{count} error", "{count} 個錯誤"},
    {"report.errors-many", "{count} errors", "{count} 個錯誤"},
    {"report.warnings-one", "{count} warning", "{count} 個警告"},
    {"report.warnings-many", "{count} warnings", "{count} 個警告"},
    {"report.waived-count", ", {count} waived", "、{count} 項已豁免"},
    // cmd/app.cpp
    {"cli.not-a-command", "'{word}' is not a cswm command", "「{word}」不是 cswm 的指令"},
    {"cli.did-you-mean", ": did you mean '{command}'?", "：是否指「{command}」？"},
    {"cli.see-command-list", "run `cswm --help` for the list of commands", "執行 `cswm --help` 可列出所有指令"},
    {"cli.see-usage", "run `cswm --help` for usage", "執行 `cswm --help` 可查看用法"},
    {"cli.quiet-and-verbose", "-q and -v contradict each other: choose one", "-q 與 -v 互相矛盾：請擇一使用"},
    {"cli.no-such-folder", "-C {folder}: no such folder", "-C {folder}：沒有這個資料夾"},
    {"cli.internal-error", "internal error: {what}", "內部錯誤：{what}"},
    // lib/bundle
    {"bundle.unknown-language", "--lang {language}: the bundle speaks en or zh-TW",
     "--lang {language}：封存檔只支援 en 或 zh-TW"},
    // cmd/cmd_init.cpp
    {"init.wrote-config", "wrote .cswm.yaml (language {language})", "已寫入 .cswm.yaml（語言 {language}）"},
    {"init.kept-config", "kept the existing .cswm.yaml (language {language})", "保留既有的 .cswm.yaml（語言 {language}）"},
    {"init.language-ignored", "--lang {ignored} ignored: .cswm.yaml already says {language}; edit it to change",
     "已忽略 --lang {ignored}：.cswm.yaml 已設為 {language}，如要變更請直接編輯該檔"},
    {"init.created-folder", "created {folder}/", "已建立 {folder}/"},
    {"init.ready", "ready in {root}", "已在 {root} 準備就緒"},
    // @@MORE@@
};
// clang-format on

} // namespace

std::span<const Message> catalogue() {
    return k_messages;
}

} // namespace cswm::i18n
