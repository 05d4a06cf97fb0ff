#include "lib/workspace/config.hpp"

#include "lib/catalog/embedded.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/schema/validator.hpp"
#include "lib/util/dates.hpp"
#include "lib/util/dates_zone.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace cswm {
namespace {

const SchemaValidator& config_validator() {
    static const SchemaValidator validator = [] {
        for (const EmbeddedFile& file : embedded_templates()) {
            if (file.path == "config.schema.json") {
                return SchemaValidator(nlohmann::json::parse(file.data));
            }
        }
        throw Error("templates/config.schema.json is missing from the build");
    }();
    return validator;
}

[[noreturn]] void fail(const std::string& path, Position position, const std::string& message) {
    throw Error(fmt::format("{}:{}:{}: {}", path, position.line, position.column, message));
}

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

/// `rules:` and `waivers:` as the schema let them through; rule names are the checker's
/// to judge (lib/check/waivers), which knows the rules.
void read_rule_settings(const nlohmann::json& root, const ParsedYaml& parsed, const std::string& display_path,
                        Config& config) {
    if (root.contains("rules")) {
        for (const auto& [rule, severity] : root["rules"].items()) {
            const std::string pointer = "/rules/" + pointer_token(rule);
            const std::string value = severity.get<std::string>();
            if (value != "error" && value != "warning" && value != "off") {
                fail(display_path, parsed.place_of(pointer).value,
                     tr("config.severity-unknown", fmt::arg("rule", printable(rule, 60)),
                        fmt::arg("value", printable(value, 60))));
            }
            config.rules.push_back({rule, value, parsed.place_of(pointer).key});
        }
    }
    if (!root.contains("waivers")) {
        return;
    }
    const nlohmann::json& waivers = root["waivers"];
    for (std::size_t i = 0; i < waivers.size(); ++i) {
        const nlohmann::json& entry = waivers[i];
        const std::string pointer = fmt::format("/waivers/{}", i);
        WaiverSetting waiver;
        waiver.rule = entry.value("rule", "");
        waiver.id = entry.value("id", "");
        waiver.path = entry.value("path", "");
        waiver.justification = entry.value("justification", "");
        waiver.expires = entry.value("expires", "");
        waiver.at = parsed.place_of(pointer).value;
        waiver.rule_at = parsed.place_of(pointer + "/rule").value;
        if (waiver.id.empty() == waiver.path.empty()) {
            fail(display_path, waiver.at, tr("config.waiver-target", fmt::arg("index", i)));
        }
        if (blank(waiver.justification)) {
            fail(display_path, parsed.place_of(pointer + "/justification").value,
                 tr("config.waiver-justification", fmt::arg("index", i)));
        }
        if (!waiver.expires.empty() && !is_iso_date(waiver.expires)) {
            fail(display_path, parsed.place_of(pointer + "/expires").value,
                 tr("config.waiver-expires", fmt::arg("index", i), fmt::arg("value", waiver.expires)));
        }
        if (!waiver.path.empty()) {
            const fs::path normal = fs::path(waiver.path).lexically_normal();
            if (normal.is_absolute() || *normal.begin() == "..") {
                fail(display_path, parsed.place_of(pointer + "/path").value,
                     tr("config.waiver-path", fmt::arg("index", i), fmt::arg("value", waiver.path)));
            }
            waiver.path = normal.generic_string();
            while (waiver.path.ends_with("/")) {
                waiver.path.pop_back();
            }
            if (waiver.path == ".") {
                waiver.path.clear();
            }
        }
        config.waivers.push_back(std::move(waiver));
    }
}

} // namespace

Config load_config(const fs::path& file, const std::string& display_path) {
    const ReadResult read = read_regular_file(file, 1U << 20U);
    if (read.problem != ReadProblem::none) {
        throw Error(read.problem == ReadProblem::symlink ? tr("config.symlink", fmt::arg("file", display_path))
                    : read.problem == ReadProblem::too_large
                        ? tr("config.too-large", fmt::arg("file", display_path))
                        : tr("files.cannot-read", fmt::arg("path", display_path), fmt::arg("reason", read.detail)));
    }
    return parse_config(read.content, display_path);
}

Config parse_config(std::string_view text, const std::string& display_path) {
    const ParsedYaml parsed = parse_yaml_document(text, YamlLimits{});
    if (!parsed.problems.empty()) {
        const YamlProblem& problem = parsed.problems.front();
        fail(display_path, problem.position, problem.message);
    }
    const nlohmann::json& root = *parsed.root;
    const auto violations = config_validator().validate(root);
    if (!violations.empty()) {
        // Report the first problem in the file, as a reader would meet it.
        auto position_of = [&](const SchemaViolation& violation) {
            const NodePlace place = parsed.place_of(violation.pointer);
            return violation.at_key ? place.key : place.value;
        };
        const auto first = std::min_element(violations.begin(), violations.end(), [&](const auto& a, const auto& b) {
            const Position pa = position_of(a);
            const Position pb = position_of(b);
            return std::tie(pa.line, pa.column) < std::tie(pb.line, pb.column);
        });
        const std::string label = pointer_label(first->pointer);
        fail(display_path, position_of(*first),
             first->at_key || label.empty() ? first->message : fmt::format("{}: {}", label, first->message));
    }
    Config config;
    config.root = root.value("root", config.root);
    config.language = root.value("language", config.language);
    config.language_given = root.contains("language");
    const fs::path documents = fs::path(config.root).lexically_normal();
    if (documents.is_absolute() || documents.empty() || *documents.begin() == ".." || documents == ".") {
        fail(display_path, parsed.place_of("/root").value, tr("config.root-outside", fmt::arg("root", config.root)));
    }
    config.root = documents.generic_string();
    while (config.root.ends_with("/")) {
        config.root.pop_back(); // "maint/" is maint: paths in findings and git tree lookups join it with '/'
    }
    if (root.contains("cadence")) {
        config.log_review_days = root["cadence"].value("log_review_days", config.log_review_days);
    }
    if (root.contains("policy")) {
        config.reviewed_fix_commits = root["policy"].value("reviewed_fix_commits", false);
    }
    if (root.contains("limits")) {
        const nlohmann::json& limits = root["limits"];
        config.max_document_bytes = limits.value("max_document_bytes", config.max_document_bytes);
        config.yaml.max_depth = limits.value("max_depth", config.yaml.max_depth);
        config.yaml.max_nodes = limits.value("max_nodes", config.yaml.max_nodes);
    }
    if (root.contains("time_zone")) {
        config.time_zone = root["time_zone"].get<std::string>();
        try {
            (void)TimeZone::named(config.time_zone);
        } catch (const Error& error) {
            fail(display_path, parsed.place_of("/time_zone").value,
                 tr("config.time-zone", fmt::arg("reason", error.what())));
        }
    }
    config.file = display_path;
    read_rule_settings(root, parsed, display_path, config);
    return config;
}

std::string default_config_text(const std::string& language) {
    if (language == "zh-TW") {
        return R"(# cswm 設定檔：說明見 docs/configuration.md
# 文件存放的資料夾（相對於儲存庫根目錄）。
root: maint
# 新文件、訊息與輸出標題所用的語言：en 或 zh-TW。
language: zh-TW
# check 讀取文件時的上限，避免異常檔案耗盡資源。
limits:
  max_document_bytes: 1048576  # 單一文件的最大位元組數
  max_depth: 64                # 清單與對應的最大巢狀層數
  max_nodes: 200000            # 單一文件的最大值個數
# 團隊可選擇啟用的規則（預設皆關閉）。
policy:
  reviewed_fix_commits: false  # 修正的 commit 須帶 Reviewed-by:（或經由帶有該標記的合併）
# 各規則的嚴重度（規則列表見 docs/check-rules.md）：error 使檢查失敗，
# warning 僅在 --strict 時失敗，off 不再回報。未列出的規則維持原本的嚴重度。
# rules:
#   requirement-wording: error
#   log-review-overdue: off
# 豁免：明知而接受的發現，須寫明理由，可設到期日（YYYY-MM-DD，當天仍有效）。
# 被豁免的發現仍會列出，但不使檢查失敗；過期的豁免本身即是一項發現。
# waivers:
#   - rule: requirement-untested
#     id: REQ-042              # 文件 ID 或項目 ID（如需求）；或以 path: 指定檔案或資料夾
#     justification: 由廠商驗收測試驗證（合約附件 B）
#     expires: 2027-03-31
)";
    }
    return R"(# cswm configuration: see docs/configuration.md
# Folder of the documents, relative to the repository root.
root: maint
# Language of new documents, messages and rendered headings: en or zh-TW.
language: en
# Bounds on what check reads, so hostile files cost little.
limits:
  max_document_bytes: 1048576  # larger documents are refused
  max_depth: 64                # nesting levels of lists and mappings
  max_nodes: 200000            # values in one document
# Rules a team can switch on; all are off by default.
policy:
  reviewed_fix_commits: false  # fix commits need a Reviewed-by: trailer (or a reviewed merge)
# Severity of rules (listed in docs/check-rules.md): error fails check, warning fails it
# only with --strict, off stops reporting it. Rules not named keep their own severity.
# rules:
#   requirement-wording: error
#   log-review-overdue: off
# Waivers: findings accepted on purpose, each with a justification and, if it should end,
# an expiry date (YYYY-MM-DD, the last day it holds). Waived findings are still listed
# but do not fail check; an expired waiver is itself a finding.
# waivers:
#   - rule: requirement-untested
#     id: REQ-042              # a document or item ID; or path: for a file or folder
#     justification: Verified by the vendor's acceptance test (contract annex B)
#     expires: 2027-03-31
)";
}

} // namespace cswm
