#include "lib/ops/log_review.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/model/json_text.hpp"
#include "lib/ops/new_document.hpp"
#include "lib/ops/query.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/journal.hpp"
#include "lib/workspace/workspace.hpp"
#include "lib/yaml/editor.hpp"
#include "lib/yaml/loader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cswm {
namespace {

using logscan::Level;
using logscan::LogScan;
using logscan::Signature;
using nlohmann::ordered_json;

constexpr const char* k_kind = "maintenance-log";

/// A log file's absolute path, its folder's symlinks resolved but not the file's own
/// (a "current" link names the log as people know it).
std::string absolute_source(const fs::path& cwd, const std::string& given) {
    const fs::path path = (cwd / given).lexically_normal();
    std::error_code error;
    const fs::path folder = fs::weakly_canonical(path.parent_path(), error);
    return ((error ? path.parent_path() : folder) / path.filename()).generic_string();
}

/// A source recorded in a maintenance log, absolute: relative ones are from the root.
std::string absolute_recorded(const fs::path& root, const std::string& recorded) {
    const fs::path path(recorded);
    return (path.is_absolute() ? path : root / path).lexically_normal().generic_string();
}

std::string time_or_null(const std::optional<logscan::LogTime>& time) {
    return time ? logscan::format_time(*time) : std::string();
}

ordered_json text_or_null(const std::string& text) {
    return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

/// A signature that is one mask ("<n>": a message of one number) would read as a
/// scaffold placeholder; say what it is.
std::string finding_text(const std::string& text) {
    const bool one_mask =
        text.size() >= 3 && text.front() == '<' && text.back() == '>' && text.find_first_of("<>", 1) == text.size() - 1;
    return one_mask ? text + " (the whole message)" : text;
}

bool is_finding(const Signature& signature) {
    return signature.level <= Level::warning;
}

/// True when `reviews` is the scaffold's single example row, untouched (in either
/// language): the first review replaces it rather than following it.
bool only_scaffold_row(const Workspace& workspace, const nlohmann::json& reviews) {
    if (!reviews.is_array() || reviews.size() != 1) {
        return false;
    }
    const Kind* kind = workspace.catalog().find(k_kind);
    if (kind == nullptr) {
        return false;
    }
    for (const char* language : {"en", "zh-TW"}) {
        const NewDocumentRequest request{k_kind, "", language, "", "2000-01-01"};
        const ParsedYaml scaffold = parse_yaml_document(render_scaffold(*kind, request, "MLOG-001"), YamlLimits{});
        if (scaffold.root && scaffold.root->is_object() && scaffold.root->contains("log_reviews") &&
            scaffold.root->at("log_reviews") == reviews) {
            return true;
        }
    }
    return false;
}

} // namespace

void compare_with_earlier_reviews(const Workspace& workspace, LogScan& scan, const fs::path& cwd) {
    std::vector<logscan::EarlierReview> earlier;
    for (const Document& document : list_documents(workspace, ListFilter{k_kind, std::nullopt})) {
        for (const nlohmann::json& review : list_at(document.data(), "log_reviews")) {
            if (!review.is_object()) {
                continue;
            }
            logscan::EarlierReview entry;
            entry.date = json_text(review, "date");
            for (const std::string& source : ids_at(review, "sources")) {
                entry.sources.push_back(absolute_recorded(workspace.root(), source));
            }
            for (const nlohmann::json& finding : list_at(review, "findings")) {
                if (finding.is_object() && finding.contains("signature") && finding["signature"].is_string()) {
                    entry.signatures.push_back(finding["signature"].get<std::string>());
                }
            }
            earlier.push_back(std::move(entry));
        }
    }
    std::vector<std::string> keys;
    for (const logscan::SourceSummary& source : scan.sources) {
        keys.push_back(absolute_source(cwd, source.path));
    }
    logscan::mark_new(scan, keys, earlier);
}

ordered_json log_review_entry(const Workspace& workspace, const LogScan& scan, const LogReviewRequest& request) {
    const bool chinese = workspace.config().language == "zh-TW";
    ordered_json sources = ordered_json::array();
    std::optional<logscan::LogTime> first = scan.since;
    std::optional<logscan::LogTime> last = scan.until;
    for (const logscan::SourceSummary& source : scan.sources) {
        sources.push_back(relative_to(absolute_source(request.cwd, source.path), workspace.root()));
        if (!scan.since && source.first && (!first || *source.first < *first)) {
            first = source.first;
        }
        if (!scan.until && source.last && (!last || *last < *source.last)) {
            last = source.last;
        }
    }
    ordered_json findings = ordered_json::array();
    std::size_t warnings = 0;
    std::size_t fresh = 0;
    bool action_required = false;
    for (const Signature& signature : scan.signatures) {
        if (!is_finding(signature)) {
            continue;
        }
        ++warnings;
        fresh += signature.is_new.value_or(false) ? 1U : 0U;
        if (findings.size() >= request.top) {
            continue;
        }
        action_required = action_required || (signature.is_new.value_or(true) && signature.level <= Level::error);
        ordered_json finding;
        finding["signature"] = finding_text(signature.text);
        finding["level"] = std::string(logscan::level_name(signature.level));
        finding["count"] = signature.count;
        finding["first_seen"] = text_or_null(time_or_null(signature.first_seen));
        finding["last_seen"] = text_or_null(time_or_null(signature.last_seen));
        if (signature.is_new) {
            finding["is_new"] = *signature.is_new;
        }
        finding["action"] = chinese ? "待評估" : "to be assessed";
        findings.push_back(std::move(finding));
    }
    ordered_json entry;
    entry["date"] = request.today;
    entry["reviewer"] = request.reviewer;
    entry["sources"] = std::move(sources);
    entry["range"] =
        ordered_json{{"from", text_or_null(time_or_null(first))}, {"to", text_or_null(time_or_null(last))}};
    entry["tool"] = "cswm logscan";
    entry["result"] = action_required ? "action-required" : findings.empty() ? "normal" : "attention";
    const std::size_t files = scan.sources.size();
    const std::size_t listed = findings.size();
    entry["findings"] = std::move(findings);
    entry["notes"] =
        chinese
            ? fmt::format("共 {} 筆、{} 個檔案；{} 種特徵，{} 種為 warning 以上（列出 {} 種），其中 {} 種新出現。",
                          scan.entries, files, scan.signatures.size(), warnings, listed, fresh)
            : fmt::format("{} entries in {} file{}; {} signatures, {} at warning or above ({} listed), {} new.",
                          scan.entries, files, files == 1 ? "" : "s", scan.signatures.size(), warnings, listed, fresh);
    return entry;
}

LogReviewResult append_log_review(const Workspace& workspace, const LogScan& scan, const LogReviewRequest& request) {
    // Read, edit and write as one step, under the lock every writer of documents holds:
    // a `link` or another review of this log at the same time would otherwise be lost.
    const WriteLock lock(workspace); // finishes a renumber killed halfway first
    const Document document = find_document(workspace, request.id);
    if (document.kind == nullptr || document.kind->name != k_kind) {
        throw Error(tr("logscan.into-not-a-log", fmt::arg("id", request.id),
                       fmt::arg("kind", document.kind != nullptr ? i18n::noun_phrase(document.kind->name)
                                                                 : tr("logscan.no-known-kind"))));
    }
    if (document.status == "closed") {
        throw Error(tr("logscan.into-closed", fmt::arg("id", request.id)));
    }
    const ordered_json entry = log_review_entry(workspace, scan, request);
    remove_stale_temporaries(document.file.parent_path());
    YamlEditor editor(read_file_or_throw(document.file), workspace.config().yaml);
    const auto reviews = editor.parsed().root->find("log_reviews");
    if (reviews != editor.parsed().root->end() && only_scaffold_row(workspace, *reviews)) {
        editor.replace_value("/log_reviews", ordered_json::array({entry}));
    } else {
        editor.append_mapping_to_list("/log_reviews", entry);
    }
    write_file_atomically(document.file, editor.text());

    LogReviewResult result;
    result.id = document.id;
    result.path = document.path;
    result.entry = editor.parsed().root->at("log_reviews").size();
    result.findings = entry["findings"].size();
    for (const ordered_json& finding : entry["findings"]) {
        result.fresh += finding.value("is_new", false) ? 1U : 0U;
    }
    result.result = entry["result"].get<std::string>();
    return result;
}

} // namespace cswm
