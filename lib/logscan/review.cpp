#include "lib/logscan/review.hpp"

#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fnmatch.h>
#include <set>

namespace cswm::logscan {
namespace {

/// Bytes of an example line kept: enough to recognise it, bounded for very long lines.
constexpr std::size_t k_example_bytes = 400;
/// Bytes of a template shown.
constexpr std::size_t k_template_bytes = 2000;

bool is_placeholder_char(char c) {
    return (c >= 'a' && c <= 'z') || c == '*';
}

} // namespace

void ReviewBuilder::record(SignatureId id, Level level, const std::optional<LogTime>& time, std::size_t source,
                           std::uint64_t line_number, std::string_view line) {
    if (id >= m_stats.size()) {
        m_stats.resize(id + 1);
    }
    Stats& stats = m_stats[id];
    if (stats.count == 0) {
        stats.example = printable(line, k_example_bytes);
        stats.example_source = source;
        stats.example_line = line_number;
    }
    ++stats.count;
    ++stats.levels[static_cast<std::size_t>(level)];
    if (time) {
        if (!stats.first || *time < *stats.first) {
            stats.first = time;
        }
        if (!stats.last || *stats.last < *time) {
            stats.last = time;
        }
    }
    if (std::find(stats.sources.begin(), stats.sources.end(), source) == stats.sources.end()) {
        stats.sources.push_back(source);
    }
}

std::vector<Signature> ReviewBuilder::finish(const Miner& miner) const {
    std::vector<Signature> signatures;
    for (std::size_t id = 0; id < m_stats.size(); ++id) {
        const Stats& stats = m_stats[id];
        if (stats.count == 0) {
            continue;
        }
        Signature signature;
        signature.id = signature_name(static_cast<SignatureId>(id));
        signature.text = printable(miner.template_text(static_cast<SignatureId>(id)), k_template_bytes);
        if (miner.is_catch_all(static_cast<SignatureId>(id))) {
            signature.text = "<*> (messages past the limit of signatures)";
        } else if (signature.text.empty()) {
            signature.text = "(empty message)";
        }
        signature.count = stats.count;
        signature.levels = stats.levels;
        const auto worst = std::find_if(stats.levels.begin(), stats.levels.end() - 1, [](auto n) { return n > 0; });
        signature.level_inferred = worst == stats.levels.end() - 1;
        signature.level =
            signature.level_inferred ? infer_level(signature.text) : static_cast<Level>(worst - stats.levels.begin());
        signature.first_seen = stats.first;
        signature.last_seen = stats.last;
        signature.example = stats.example;
        signature.example_source = stats.example_source;
        signature.example_line = stats.example_line;
        signature.sources = stats.sources;
        signatures.push_back(std::move(signature));
    }
    std::stable_sort(signatures.begin(), signatures.end(), [](const Signature& a, const Signature& b) {
        return a.level != b.level ? a.level < b.level : a.count > b.count;
    });
    return signatures;
}

std::string signature_name(SignatureId id) {
    return fmt::format("S{}", static_cast<std::uint64_t>(id) + 1);
}

std::string comparable_signature(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const char c = text[at];
        if (c == ' ' || c == '\t') {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
            ++at;
            continue;
        }
        if (c == '<') {
            std::size_t end = at + 1;
            while (end < text.size() && end - at <= 8 && is_placeholder_char(text[end])) {
                ++end;
            }
            if (end > at + 1 && end < text.size() && text[end] == '>') {
                out += "<*>";
                at = end + 1;
                continue;
            }
        }
        out += c;
        ++at;
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

void mark_new(LogScan& scan, const std::vector<std::string>& keys, const std::vector<EarlierReview>& earlier) {
    // Per file, the signatures its latest earlier review listed.
    std::vector<std::set<std::string>> known(keys.size());
    for (std::size_t source = 0; source < keys.size(); ++source) {
        const EarlierReview* latest = nullptr;
        for (const EarlierReview& review : earlier) {
            const bool covers = std::any_of(review.sources.begin(), review.sources.end(), [&](const std::string& s) {
                return s == keys[source] || ::fnmatch(s.c_str(), keys[source].c_str(), FNM_PATHNAME) == 0;
            });
            if (covers && (latest == nullptr || latest->date <= review.date)) {
                latest = &review;
            }
        }
        if (latest != nullptr) {
            for (const std::string& signature : latest->signatures) {
                known[source].insert(comparable_signature(signature));
            }
        }
    }
    for (Signature& signature : scan.signatures) {
        if (signature.level > Level::warning) {
            continue; // reviews list warnings and worse only: no review could have listed it
        }
        const std::string comparable = comparable_signature(signature.text);
        signature.is_new = std::any_of(signature.sources.begin(), signature.sources.end(),
                                       [&](std::size_t source) { return known[source].count(comparable) == 0; });
    }
    scan.compared = true;
}

} // namespace cswm::logscan
