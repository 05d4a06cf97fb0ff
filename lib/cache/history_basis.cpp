#include "lib/cache/history_basis.hpp"
#include "lib/cache/binary_io.hpp"

#include "lib/util/files.hpp"

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

/// A reader of a part's fields, or nullopt when its bytes are not of that part under `key`.
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

std::string serialize_trailers(std::string_view key, const HistoryBasis& basis) {
    Writer out = begin(k_trailers_magic, key);
    out.u64(basis.trailers.size());
    for (const HistoryBasis::Trailers& each : basis.trailers) {
        out.str(each.commit);
        out.str(each.summary);
        out.u64(each.ids.size());
        for (const std::string& id : each.ids) {
            out.str(id);
        }
    }
    return std::move(out.bytes());
}

std::string serialize_approvals(std::string_view key, const HistoryBasis& basis) {
    Writer out = begin(k_approvals_magic, key);
    out.u64(basis.approvals.size());
    for (const HistoryBasis::Approval& each : basis.approvals) {
        out.str(each.path);
        out.str(each.date);
        out.str(each.sha);
    }
    out.u64(basis.statements.size());
    for (const HistoryBasis::StatementThen& each : basis.statements) {
        out.str(each.sha);
        out.str(each.srs_path);
        out.str(each.requirement);
        out.hash(each.statement_hash);
    }
    return std::move(out.bytes());
}

bool parse_trailers(Reader& in, HistoryBasis& basis) {
    basis.trailers.resize(in.count(8 * 3));
    for (HistoryBasis::Trailers& each : basis.trailers) {
        each.commit = in.str();
        each.summary = in.str();
        each.ids.resize(in.count(8));
        for (std::string& id : each.ids) {
            id = in.str();
        }
    }
    return !in.failed() && in.at_end();
}

bool parse_approvals(Reader& in, HistoryBasis& basis) {
    basis.approvals.resize(in.count(8 * 3));
    for (HistoryBasis::Approval& each : basis.approvals) {
        each.path = in.str();
        each.date = in.str();
        each.sha = in.str();
    }
    basis.statements.resize(in.count(8 * 3 + 1));
    for (HistoryBasis::StatementThen& each : basis.statements) {
        each.sha = in.str();
        each.srs_path = in.str();
        each.requirement = in.str();
        each.statement_hash = in.hash();
    }
    return !in.failed() && in.at_end();
}

std::optional<std::string> read_part(const fs::path& file) {
    constexpr std::uintmax_t k_max_part_bytes = 1ULL << 32U;
    ReadResult read = read_regular_file(file, k_max_part_bytes);
    if (read.problem != ReadProblem::none) {
        return std::nullopt;
    }
    return std::move(read.content);
}

} // namespace

std::optional<HistoryBasis> read_history_basis(const fs::path& git_dir, std::string_view key, HistoryParts parts) {
    HistoryBasis basis;
    if (parts.trailers) {
        const std::optional<std::string> bytes = read_part(trailers_file_in(git_dir));
        std::optional<Reader> in = bytes ? open(*bytes, k_trailers_magic, key) : std::nullopt;
        if (!in || !parse_trailers(*in, basis)) {
            return std::nullopt;
        }
    }
    if (parts.approvals) {
        const std::optional<std::string> bytes = read_part(approvals_file_in(git_dir));
        std::optional<Reader> in = bytes ? open(*bytes, k_approvals_magic, key) : std::nullopt;
        if (!in || !parse_approvals(*in, basis)) {
            return std::nullopt;
        }
    }
    return basis;
}

bool write_history_basis(const fs::path& git_dir, std::string_view key, const HistoryBasis& basis) {
    // The approvals first: a run that finds them and not the trailers (or trailers under
    // another key) checks the tree, whichever write failed.
    const bool approvals = write_cache_file(approvals_file_in(git_dir), serialize_approvals(key, basis));
    return write_cache_file(trailers_file_in(git_dir), serialize_trailers(key, basis)) && approvals;
}

} // namespace cswm
