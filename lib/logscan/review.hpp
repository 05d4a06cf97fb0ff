#pragma once

#include "lib/logscan/miner.hpp"
#include "lib/logscan/record.hpp"
#include "lib/logscan/timestamp.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm::logscan {

/// What one log file held.
struct SourceSummary {
    std::string path;                     ///< as given on the command line
    std::string format;                   ///< what split its lines
    bool compressed = false;              ///< gzip
    std::uint64_t lines = 0;              ///< lines read
    std::uint64_t entries = 0;            ///< entries reviewed: a line with a header, and the lines that continue it
    std::uint64_t continuation_lines = 0; ///< lines without a header, counted with the entry before them
    std::uint64_t blank_lines = 0;
    std::uint64_t outside_range = 0; ///< entries before --since or after --until
    std::uint64_t without_time = 0;  ///< entries whose time could not be read
    std::uint64_t cut_lines = 0;     ///< lines longer than 64 KiB, cut there
    std::optional<LogTime> first;    ///< of the entries reviewed
    std::optional<LogTime> last;
};

/// One signature: the template a group of messages share, and what the logs say of it.
struct Signature {
    std::string id;          ///< S1, S2 … in the order first seen
    std::string text;        ///< the template: variable parts masked, `<*>` where lines differ
    std::uint64_t count = 0; ///< entries
    std::array<std::uint64_t, k_level_count> levels{}; ///< entries per level
    Level level = Level::info; ///< the worst level seen; inferred from the text when no line said one
    bool level_inferred = false;
    std::optional<LogTime> first_seen;
    std::optional<LogTime> last_seen;
    std::string example;            ///< the first line of the first entry, printable and bounded
    std::size_t example_source = 0; ///< index into LogScan::sources
    std::uint64_t example_line = 0;
    std::vector<std::size_t> sources; ///< indexes of the files it appears in
    std::optional<bool> is_new;       ///< set at warning or worse when compared with earlier reviews
};

/// The result of a scan: per file, and per signature.
struct LogScan {
    std::vector<SourceSummary> sources;
    std::vector<Signature> signatures; ///< worst level first, then most frequent, then first seen
    std::optional<LogTime> since;
    std::optional<LogTime> until;
    std::uint64_t entries = 0;
    bool compared = false; ///< `is_new` was set against earlier reviews
};

/// Collects, per signature, what a scan needs to report; memory grows with signatures.
class ReviewBuilder {
public:
    /// Records one entry of signature `id`.
    void record(SignatureId id, Level level, const std::optional<LogTime>& time, std::size_t source,
                std::uint64_t line_number, std::string_view line);

    /// The signatures, sorted, with the miner's final templates.
    std::vector<Signature> finish(const Miner& miner) const;

private:
    struct Stats {
        std::uint64_t count = 0;
        std::array<std::uint64_t, k_level_count> levels{};
        std::optional<LogTime> first;
        std::optional<LogTime> last;
        std::string example;
        std::size_t example_source = 0;
        std::uint64_t example_line = 0;
        std::vector<std::size_t> sources;
    };
    std::vector<Stats> m_stats;
};

/// A log review recorded earlier in a maintenance log.
struct EarlierReview {
    std::string date;                    ///< YYYY-MM-DD, or empty
    std::vector<std::string> sources;    ///< absolute paths or glob patterns
    std::vector<std::string> signatures; ///< its findings
};

/// Sets `is_new` on every signature at warning level or worse (the ones reviews list):
/// new when, in some file it appears in, the latest
/// earlier review of that file (a source equal to its key, or a glob matching it) did
/// not list it. `keys` holds each source's absolute path. Signatures compare with their
/// placeholders (`<n>`, `<ip>`, `<*>` …) taken as equal.
void mark_new(LogScan& scan, const std::vector<std::string>& keys, const std::vector<EarlierReview>& earlier);

/// "S12" for signature index 11: how outputs name a signature.
std::string signature_name(SignatureId id);

/// A signature with every placeholder written `<*>` and blanks collapsed, for comparing.
std::string comparable_signature(std::string_view text);

} // namespace cswm::logscan
