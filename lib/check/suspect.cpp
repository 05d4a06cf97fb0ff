#include "lib/check/suspect.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/model/json_text.hpp"
#include "lib/util/sha256.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

// A reviewer approves a quality spec against the requirements as they read then. When a
// statement changes afterwards, the cases verifying it may no longer test what it says:
// they are suspect until someone looks again and records it (`cswm review`). The review
// block keeps a fingerprint of each statement the reviewers saw; a spec approved before
// fingerprints existed is compared with the SRS as of the commit that approved it.

namespace cswm {
namespace {

using nlohmann::json;

constexpr std::size_t k_fingerprint_digits = 12;

/// The length of a white-space character at `at`, or 0.
std::size_t space_at(std::string_view text, std::size_t at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f' || byte == '\v') {
        return 1;
    }
    if (text.substr(at, 3) == "\xE3\x80\x80") { // U+3000 IDEOGRAPHIC SPACE
        return 3;
    }
    if (text.substr(at, 2) == "\xC2\xA0") { // U+00A0 NO-BREAK SPACE
        return 2;
    }
    return 0;
}

/// The statement without white space: refilling a paragraph, or folding a Chinese
/// statement over two lines (which puts a space between characters), changes nothing.
std::string normalised(std::string_view statement) {
    std::string out;
    out.reserve(statement.size());
    for (std::size_t at = 0; at < statement.size();) {
        if (const std::size_t width = space_at(statement, at); width > 0) {
            at += width;
            continue;
        }
        out += statement[at];
        ++at;
    }
    return out;
}

bool is_approved_spec(const Document& document) {
    return document.parsed() && document.kind != nullptr && document.kind->name == "quality-spec" &&
           document.status == "approved";
}

bool records_fingerprints(const Document& spec) {
    const json& data = spec.data();
    const auto review = data.find("review");
    return review != data.end() && review->is_object() && review->contains("fingerprints") &&
           (*review)["fingerprints"].is_object();
}

/// Calls `each(case index, case ID, verifies index, requirement)` for every link of the spec.
template <typename Each>
void for_each_link(const Document& spec, Each each) {
    const json& cases = list_at(spec.data(), "cases");
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (!cases[i].is_object()) {
            continue;
        }
        const json& verifies = list_at(cases[i], "verifies");
        const std::string case_id = json_text(cases[i], "id");
        for (std::size_t j = 0; j < verifies.size(); ++j) {
            if (verifies[j].is_string()) {
                each(i, case_id.empty() ? fmt::format("cases[{}]", i) : case_id, j, verifies[j].get<std::string>());
            }
        }
    }
}

std::string link_pointer(std::size_t case_index, std::size_t verifies_index) {
    return fmt::format("/cases/{}/verifies/{}", case_index, verifies_index);
}

/// The requirement statements of SRS files as older commits hold them, read once each.
class OldStatements {
public:
    OldStatements(const Repo& repo, const std::vector<CommitInfo>& commits, const RevisionLimits& limits)
        : m_repo(repo), m_commits(commits), m_limits(limits) {}

    /// The statement of `requirement` in the SRS file `srs_path` (or a name it had
    /// before) as of `sha`; nullopt when that revision has no such requirement.
    std::optional<std::string> at(const std::string& sha, const std::string& srs_path, const std::string& requirement) {
        const std::map<std::string, std::string>& statements = statements_at(sha, srs_path);
        const auto found = statements.find(requirement);
        return found == statements.end() ? std::nullopt : std::optional<std::string>(found->second);
    }

private:
    const std::map<std::string, std::string>& statements_at(const std::string& sha, const std::string& srs_path) {
        const std::string key = sha + '\n' + srs_path;
        if (const auto cached = m_cache.find(key); cached != m_cache.end()) {
            return cached->second;
        }
        std::map<std::string, std::string>& statements = m_cache[key];
        std::optional<std::string> text = m_repo.file_at(sha, srs_path, m_limits.max_bytes);
        if (!text) {
            // Renamed since: try the names the file had in its history.
            std::set<std::string> tried{srs_path};
            for (const std::string& path : old_paths(srs_path)) {
                if (tried.insert(path).second && (text = m_repo.file_at(sha, path, m_limits.max_bytes))) {
                    break;
                }
            }
        }
        if (!text) {
            return statements;
        }
        const ParsedYaml parsed = parse_yaml_document(*text, m_limits.yaml);
        if (!parsed.root) {
            return statements;
        }
        for (const json& requirement : list_at(*parsed.root, "requirements")) {
            const std::string id = json_text(requirement, "id");
            if (!id.empty() && requirement.contains("statement") && requirement["statement"].is_string()) {
                statements.emplace(id, requirement["statement"].get<std::string>());
            }
        }
        return statements;
    }

    const std::vector<std::string>& old_paths(const std::string& path) {
        if (const auto cached = m_paths.find(path); cached != m_paths.end()) {
            return cached->second;
        }
        std::vector<std::string>& paths = m_paths[path];
        m_repo.walk_file_history(path, m_commits, [&](const FileRevision& revision) {
            paths.push_back(revision.path);
            return true;
        });
        return paths;
    }

    const Repo& m_repo;
    const std::vector<CommitInfo>& m_commits;
    const RevisionLimits& m_limits;
    std::unordered_map<std::string, std::map<std::string, std::string>> m_cache;
    std::unordered_map<std::string, std::vector<std::string>> m_paths;
};

/// The newest commit from which on the spec has been approved with its current review
/// date, without a break: when the reviewers last signed it. Nullopt when the history
/// here does not show it (uncommitted, or approved before a shallow clone's boundary).
std::optional<CommitInfo> approval_commit(const Document& spec, const Repo& repo,
                                          const std::vector<FileRevision>& revisions, const RevisionLimits& limits) {
    const std::string date = json_text(object_at(spec.data(), "review"), "date");
    if (date.empty()) {
        return std::nullopt;
    }
    std::optional<CommitInfo> approval;
    // Back from HEAD, as long as each revision of the file is approved on that date. A
    // revision holding the bytes of the document read now is the document: approved on
    // `date`, without reading and parsing it again.
    for (const FileRevision& revision : revisions) {
        const std::optional<std::string> blob = repo.blob_at_path(revision.commit.sha, revision.path);
        if (!blob) {
            break;
        }
        if (*blob != spec.blob) {
            const std::optional<std::string> text = repo.blob_content(*blob, limits.max_bytes);
            if (!text) {
                break;
            }
            const ParsedYaml parsed = parse_yaml_document(*text, limits.yaml);
            if (!parsed.root || json_text(*parsed.root, "status") != "approved" ||
                json_text(object_at(*parsed.root, "review"), "date") != date) {
                break;
            }
        }
        approval = revision.commit;
    }
    return approval;
}

} // namespace

std::string statement_fingerprint(std::string_view statement) {
    return sha256_hex(normalised(statement)).substr(0, k_fingerprint_digits);
}

std::unordered_map<std::string, StatedRequirement> stated_requirements(const std::vector<Document>& documents) {
    std::unordered_map<std::string, StatedRequirement> stated;
    for (const Document& document : documents) {
        if (!document.parsed() || document.kind == nullptr || document.kind->name != "srs") {
            continue;
        }
        for (const json& requirement : list_at(document.data(), "requirements")) {
            const std::string id = json_text(requirement, "id");
            if (!id.empty() && requirement.contains("statement") && requirement["statement"].is_string()) {
                stated.emplace(id, StatedRequirement{&document, requirement["statement"].get<std::string>()});
            }
        }
    }
    return stated;
}

std::vector<std::string> verified_requirements(const Document& quality_spec) {
    std::set<std::string> found;
    if (quality_spec.parsed()) {
        for_each_link(quality_spec, [&](std::size_t, const std::string&, std::size_t, const std::string& requirement) {
            found.insert(requirement);
        });
    }
    return {found.begin(), found.end()};
}

std::map<std::string, std::string> recorded_fingerprints(const Document& quality_spec) {
    std::map<std::string, std::string> recorded;
    if (!quality_spec.parsed() || !records_fingerprints(quality_spec)) {
        return recorded;
    }
    for (const auto& [requirement, fingerprint] : quality_spec.data()["review"]["fingerprints"].items()) {
        if (fingerprint.is_string()) {
            recorded.emplace(requirement, fingerprint.get<std::string>());
        }
    }
    return recorded;
}

namespace rules {

void check_suspect_links(const std::vector<Document>& documents, Findings& out) {
    std::unordered_map<std::string, StatedRequirement> stated;
    bool loaded = false;
    for (const Document& spec : documents) {
        if (!is_approved_spec(spec) || !records_fingerprints(spec)) {
            continue;
        }
        if (!loaded) {
            stated = stated_requirements(documents);
            loaded = true;
        }
        const std::map<std::string, std::string> recorded = recorded_fingerprints(spec);
        for_each_link(spec, [&](std::size_t i, const std::string& case_id, std::size_t j,
                                const std::string& requirement) {
            const auto now = stated.find(requirement);
            if (now == stated.end()) {
                return; // an unknown requirement is link-target's finding
            }
            const std::string fingerprint = statement_fingerprint(now->second.statement);
            const auto seen = recorded.find(requirement);
            if (seen == recorded.end()) {
                out.push_back(spec.finding_at(link_pointer(i, j), false, Severity::warning, "suspect-link",
                                              tr("check.suspect-unrecorded", fmt::arg("case", case_id),
                                                 fmt::arg("requirement", requirement),
                                                 fmt::arg("srs", now->second.srs->id), fmt::arg("spec", spec.id))));
            } else if (seen->second != fingerprint) {
                out.push_back(spec.finding_at(link_pointer(i, j), false, Severity::warning, "suspect-link",
                                              tr("check.suspect-changed", fmt::arg("case", case_id),
                                                 fmt::arg("requirement", requirement),
                                                 fmt::arg("srs", now->second.srs->id), fmt::arg("spec", spec.id),
                                                 fmt::arg("recorded", seen->second), fmt::arg("now", fingerprint))));
            }
        });
    }
}

namespace {

/// The approved quality specs the rule compares with history: those that record no
/// fingerprints and have a review date (without one, the schema speaks).
std::vector<const Document*> specs_judged_in_history(const std::vector<Document>& documents) {
    std::vector<const Document*> specs;
    for (const Document& spec : documents) {
        if (is_approved_spec(spec) && !records_fingerprints(spec) &&
            !json_text(object_at(spec.data(), "review"), "date").empty()) {
            specs.push_back(&spec);
        }
    }
    return specs;
}

/// The hash a StatementThen keeps of a statement.
std::string statement_hash(std::string_view statement) {
    return sha256_hex(normalised(statement));
}

/// suspect-link for each link of `spec`, approved in `approval`: `then(sha, srs, requirement,
/// statement now)` gives the statement_hash of the requirement as of the approval in the
/// SRS that states it now, empty when it was not stated then.
template <typename Then>
void judge_since_approval(const Document& spec, const std::string& approval,
                          const std::unordered_map<std::string, StatedRequirement>& stated, Then then, Findings& out) {
    for_each_link(spec, [&](std::size_t i, const std::string& case_id, std::size_t j, const std::string& requirement) {
        const auto now = stated.find(requirement);
        if (now == stated.end()) {
            return; // an unknown requirement is link-target's finding
        }
        const std::string was = then(approval, *now->second.srs, requirement, now->second.statement);
        if (was.empty() || was == statement_hash(now->second.statement)) {
            return; // not stated then: nothing to compare with, and no guess
        }
        out.push_back(spec.finding_at(link_pointer(i, j), false, Severity::warning, "suspect-link",
                                      tr("check.suspect-since-approval", fmt::arg("case", case_id),
                                         fmt::arg("requirement", requirement), fmt::arg("srs", now->second.srs->id),
                                         fmt::arg("spec", spec.id), fmt::arg("sha", approval.substr(0, 10)))));
    });
}

/// The key of a StatementThen.
std::string statement_key(std::string_view sha, std::string_view srs_path, std::string_view requirement) {
    return fmt::format("{}\n{}\n{}", sha, srs_path, requirement);
}

void check_suspect_links_in_history_of(const std::vector<Document>& documents, const Repo& repo,
                                       const std::vector<CommitInfo>* head_history, Findings& out,
                                       const RevisionLimits& limits, SuspectBasis* record) {
    const std::vector<const Document*> specs = specs_judged_in_history(documents);
    if (specs.empty()) {
        return;
    }
    std::vector<CommitInfo> walk; // walked once, for every spec and SRS, unless given
    if (head_history == nullptr) {
        walk = repo.commit_order_from_head();
    }
    const std::vector<CommitInfo>& commits = head_history != nullptr ? *head_history : walk;
    OldStatements old(repo, commits, limits);
    std::vector<std::string> paths;
    for (const Document* spec : specs) {
        paths.push_back(spec->path);
    }
    // The revisions of every such spec in one walk, not a walk of all history per spec,
    // back to where each was added: a spec deleted and added again was not approved without
    // a break, and the walk ends where the oldest spec was added (a repository with years
    // of history before its maintenance records reads none of them).
    const std::vector<std::vector<FileRevision>> revisions =
        repo.file_histories(commits, paths, Repo::HistoryEnd::addition);
    const std::unordered_map<std::string, StatedRequirement> stated = stated_requirements(documents);
    std::map<std::string, SuspectBasis::StatementThen> compared;
    const auto then = [&](const std::string& sha, const Document& srs, const std::string& requirement,
                          const std::string& statement_now) {
        std::string was;
        if (!srs.blob.empty() && repo.blob_at_path(sha, srs.path) == srs.blob) {
            was = statement_hash(statement_now); // the SRS then held the bytes it holds now
        } else if (const std::optional<std::string> text = old.at(sha, srs.path, requirement)) {
            was = statement_hash(*text);
        }
        if (record != nullptr) {
            compared.emplace(statement_key(sha, srs.path, requirement),
                             SuspectBasis::StatementThen{sha, srs.path, requirement, was});
        }
        return was;
    };
    for (std::size_t n = 0; n < specs.size(); ++n) {
        const Document& spec = *specs[n];
        const std::optional<CommitInfo> approval = approval_commit(spec, repo, revisions[n], limits);
        if (record != nullptr) {
            record->approvals.push_back({spec.path, json_text(object_at(spec.data(), "review"), "date"),
                                         approval ? approval->sha : std::string()});
        }
        if (approval) {
            judge_since_approval(spec, approval->sha, stated, then, out);
        }
    }
    if (record != nullptr) {
        for (auto& [key, statement] : compared) {
            record->statements.push_back(std::move(statement));
        }
    }
}

} // namespace

void check_suspect_links_in_history(const std::vector<Document>& documents, const Repo& repo, Findings& out,
                                    const RevisionLimits& limits) {
    check_suspect_links_in_history_of(documents, repo, nullptr, out, limits, nullptr);
}

void check_suspect_links_in_history(const std::vector<Document>& documents, const Repo& repo,
                                    const std::vector<CommitInfo>& head_history, Findings& out,
                                    const RevisionLimits& limits, SuspectBasis* record) {
    check_suspect_links_in_history_of(documents, repo, &head_history, out, limits, record);
}

bool check_suspect_links_from_basis(const std::vector<Document>& documents, const Repo& repo, const SuspectBasis& basis,
                                    Findings& out, const RevisionLimits& limits) {
    const std::vector<const Document*> specs = specs_judged_in_history(documents);
    if (specs.empty()) {
        return true;
    }
    std::map<std::pair<std::string_view, std::string_view>, std::string_view> approvals;
    for (const SuspectBasis::Approval& each : basis.approvals) {
        approvals.emplace(std::pair<std::string_view, std::string_view>(each.path, each.date), each.sha);
    }
    std::unordered_map<std::string, std::string_view> compared;
    for (const SuspectBasis::StatementThen& each : basis.statements) {
        compared.emplace(statement_key(each.sha, each.srs_path, each.requirement), each.statement_hash);
    }
    // A statement compared with none the stored run compared (a link added, a requirement
    // moved to another SRS) is read from the SRS at the approval, under its path now: the
    // names the file had before are in the history, which is not walked.
    const std::vector<CommitInfo> no_history;
    OldStatements old(repo, no_history, limits);
    bool told = true;
    const auto then = [&](const std::string& sha, const Document& srs, const std::string& requirement,
                          const std::string&) {
        if (const auto found = compared.find(statement_key(sha, srs.path, requirement)); found != compared.end()) {
            return std::string(found->second);
        }
        if (!repo.blob_at_path(sha, srs.path)) {
            told = false;
            return std::string();
        }
        const std::optional<std::string> text = old.at(sha, srs.path, requirement);
        return text ? statement_hash(*text) : std::string();
    };
    const std::unordered_map<std::string, StatedRequirement> stated = stated_requirements(documents);
    Findings found;
    for (const Document* spec : specs) {
        const auto approval = approvals.find({spec->path, json_text(object_at(spec->data(), "review"), "date")});
        if (approval == approvals.end()) {
            return false; // approved (or reviewed) since: when is in the history
        }
        if (!approval->second.empty()) {
            judge_since_approval(*spec, std::string(approval->second), stated, then, found);
        }
        if (!told) {
            return false;
        }
    }
    std::move(found.begin(), found.end(), std::back_inserter(out));
    return true;
}

} // namespace rules
} // namespace cswm
