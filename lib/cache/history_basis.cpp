#include "lib/cache/history_basis.hpp"
#include "lib/cache/binary_io.hpp"

#include "lib/util/files.hpp"

#include <algorithm>
#include <map>

namespace cswm {
namespace {

using namespace cache_io;

// Bumped whenever the layout changes: an older file then reads as none.
constexpr std::string_view k_trailers_magic = "cswm-check-trailers 1\n";
constexpr std::string_view k_approvals_magic = "cswm-check-approvals 1\n";

fs::path trailers_file_in(const fs::path& git_dir) {
    return git_dir / "cswm" / "check-trailers";
}

fs::path approvals_file_in(const fs::path& git_dir) {
    return git_dir / "cswm" / "check-approvals";
}

Writer begin(std::string_view magic, std::string_view key) {
    Writer out;
    out.bytes().append(magic);
    out.str(key);
    return out;
}

/// A reader of a file's fields, or nullopt when its bytes are not of that file under `key`.
std::optional<Reader> open(std::string_view bytes, std::string_view magic, std::string_view key) {
    if (!bytes.starts_with(magic)) {
        return std::nullopt;
    }
    Reader in(bytes.substr(magic.size()));
    if (in.text() != key || in.failed()) {
        return std::nullopt;
    }
    return in;
}

/// The commits, then each ID named with the indexes of the commits naming it.
std::string serialize_trailers(std::string_view key, const std::vector<CommitTrailers>& trailers) {
    Writer out = begin(k_trailers_magic, key);
    std::map<std::string_view, std::vector<std::size_t>> by_id;
    out.u64(trailers.size());
    for (std::size_t i = 0; i < trailers.size(); ++i) {
        out.str(trailers[i].commit);
        out.str(trailers[i].summary);
        for (const std::string& id : trailers[i].ids) {
            by_id[id].push_back(i);
        }
    }
    out.u64(by_id.size());
    for (const auto& [id, commits] : by_id) {
        out.str(id);
        out.u64(commits.size());
        for (const std::size_t commit : commits) {
            out.u64(commit);
        }
    }
    return std::move(out.bytes());
}

std::string serialize_suspect(std::string_view key, const SuspectBasis& basis) {
    Writer out = begin(k_approvals_magic, key);
    out.u64(basis.approvals.size());
    for (const SuspectBasis::Approval& each : basis.approvals) {
        out.str(each.path);
        out.str(each.date);
        out.str(each.sha);
    }
    out.u64(basis.statements.size());
    for (const SuspectBasis::StatementThen& each : basis.statements) {
        out.str(each.sha);
        out.str(each.srs_path);
        out.str(each.requirement);
        out.hash(each.statement_hash);
    }
    return std::move(out.bytes());
}

} // namespace

std::optional<StoredTrailers> StoredTrailers::read(const fs::path& git_dir, std::string_view key) {
    std::optional<std::string> bytes = read_cache_file(trailers_file_in(git_dir));
    if (!bytes) {
        return std::nullopt;
    }
    StoredTrailers stored;
    stored.m_bytes = std::make_unique<const std::string>(std::move(*bytes));
    const std::string_view all = *stored.m_bytes;
    std::optional<Reader> in = open(all, k_trailers_magic, key);
    if (!in) {
        return std::nullopt;
    }
    stored.m_commits.resize(in->count(8 * 2));
    for (Naming& commit : stored.m_commits) {
        commit.commit = in->text();
        commit.summary = in->text();
    }
    stored.m_ids.resize(in->count(8 * 2));
    for (auto& [id, at] : stored.m_ids) {
        id = in->text();
        const std::size_t count = in->count(8);
        at = all.size() - in->remaining();
        in->skip(8 * count);
    }
    if (in->failed() || !in->at_end() ||
        !std::is_sorted(stored.m_ids.begin(), stored.m_ids.end(),
                        [](const auto& a, const auto& b) { return a.first < b.first; })) {
        return std::nullopt;
    }
    return stored;
}

std::vector<StoredTrailers::Naming> StoredTrailers::naming(std::string_view id) const {
    const auto found = std::lower_bound(m_ids.begin(), m_ids.end(), id,
                                        [](const auto& each, std::string_view wanted) { return each.first < wanted; });
    if (found == m_ids.end() || found->first != id) {
        return {};
    }
    // Read as it was when the file was opened: a count, then that many commit indexes.
    Reader in(std::string_view(*m_bytes).substr(found->second - 8));
    std::vector<Naming> naming;
    const std::size_t count = in.count(8);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t commit = in.u64();
        if (commit < m_commits.size()) {
            naming.push_back(m_commits[commit]);
        }
    }
    return naming;
}

std::optional<SuspectBasis> read_suspect_basis(const fs::path& git_dir, std::string_view key) {
    const std::optional<std::string> bytes = read_cache_file(approvals_file_in(git_dir));
    std::optional<Reader> in = bytes ? open(*bytes, k_approvals_magic, key) : std::nullopt;
    if (!in) {
        return std::nullopt;
    }
    SuspectBasis basis;
    basis.approvals.resize(in->count(8 * 3));
    for (SuspectBasis::Approval& each : basis.approvals) {
        each.path = in->str();
        each.date = in->str();
        each.sha = in->str();
    }
    basis.statements.resize(in->count(8 * 3 + 1));
    for (SuspectBasis::StatementThen& each : basis.statements) {
        each.sha = in->str();
        each.srs_path = in->str();
        each.requirement = in->str();
        each.statement_hash = in->hash();
    }
    if (in->failed() || !in->at_end()) {
        return std::nullopt;
    }
    return basis;
}

bool write_history_basis(const fs::path& git_dir, std::string_view key, const HistoryBasis& basis) {
    // Flushed: no hash of their own says they are whole (and a full check writes them).
    const bool suspect =
        write_cache_file(approvals_file_in(git_dir), serialize_suspect(key, basis.suspect), Durability::flushed);
    return write_cache_file(trailers_file_in(git_dir), serialize_trailers(key, basis.trailers), Durability::flushed) &&
           suspect;
}

} // namespace cswm
