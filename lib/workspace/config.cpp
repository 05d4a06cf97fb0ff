#include "lib/workspace/config.hpp"

#include "lib/catalog/embedded.hpp"
#include "lib/schema/validator.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

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

} // namespace

Config load_config(const fs::path& file, const std::string& display_path) {
    const ReadResult read = read_regular_file(file, 1U << 20U);
    if (read.problem != ReadProblem::none) {
        throw Error(fmt::format("cannot read {}: {}", display_path,
                                read.problem == ReadProblem::symlink     ? "it is a symbolic link"
                                : read.problem == ReadProblem::too_large ? "it is larger than 1 MiB"
                                                                         : read.detail));
    }
    return parse_config_text(read.content, display_path);
}

Config parse_config_text(std::string_view text, const std::string& display_path) {
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
    const fs::path documents = fs::path(config.root).lexically_normal();
    if (documents.is_absolute() || documents.empty() || *documents.begin() == ".." || documents == ".") {
        fail(display_path, parsed.place_of("/root").value,
             fmt::format("root '{}' must be a folder inside the repository, such as maint", config.root));
    }
    config.root = documents.generic_string();
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
)";
}

} // namespace cswm
