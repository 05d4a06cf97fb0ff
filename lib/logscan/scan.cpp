#include "lib/logscan/scan.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/logscan/detectors.hpp"
#include "lib/logscan/line_format.hpp"
#include "lib/logscan/reader.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace cswm::logscan {
namespace {

/// Lines of a file's start that choose its built-in format.
constexpr std::size_t k_sample_lines = 50;

bool is_blank_line(std::string_view line) {
    return line.find_first_not_of(" \t\f\v") == std::string_view::npos;
}

std::string_view trim_right(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    return line;
}

/// The state of a scan across its files.
class Scanner {
public:
    Scanner(const ScanRequest& request, const LineSink& sink)
        : m_sink(sink), m_times(request.today), m_miner(request.miner) {
        if (request.line_format) {
            m_format = LineFormat::compile(*request.line_format);
        }
        if (request.since) {
            m_scan.since = parse_time_option(m_times, *request.since, "--since", false);
        }
        if (request.until) {
            m_scan.until = parse_time_option(m_times, *request.until, "--until", true);
        }
        if (m_scan.since && m_scan.until && *m_scan.until < *m_scan.since) {
            throw Error(
                tr("logscan.until-before-since", fmt::arg("until", *request.until), fmt::arg("since", *request.since)));
        }
    }

    void scan_file(std::size_t source, LogReader& reader) {
        SourceSummary& summary = m_scan.sources.emplace_back();
        summary.path = reader.display();
        summary.compressed = reader.compressed();
        std::optional<Splitter> splitter;
        std::vector<std::pair<std::uint64_t, std::string>> pending;
        std::string_view line;
        if (m_format) {
            splitter.emplace(&*m_format);
        } else {
            // The first lines choose the format; they are read again from memory.
            std::vector<std::string> sample;
            while (sample.size() < k_sample_lines && reader.next(line)) {
                pending.emplace_back(reader.line_number(), std::string(line));
                if (!is_blank_line(line)) {
                    sample.emplace_back(trim_right(line));
                }
            }
            splitter.emplace(nullptr, detect_format(sample));
        }
        summary.format = splitter->name();
        m_current.reset();
        m_has_entry = false;
        for (const auto& [number, text] : pending) {
            take(source, summary, *splitter, text, number);
        }
        while (reader.next(line)) {
            take(source, summary, *splitter, line, reader.line_number());
        }
        summary.lines = reader.line_number();
        summary.cut_lines = reader.cut_lines();
    }

    LogScan finish() {
        m_scan.signatures = m_builder.finish(m_miner);
        return std::move(m_scan);
    }

private:
    void emit(std::size_t source, std::uint64_t number, std::optional<SignatureId> signature, bool continuation) {
        if (m_sink) {
            m_sink(LineOutcome{source, number, signature, continuation});
        }
    }

    std::optional<LogTime> time_of(const LineFields& fields) {
        if (fields.time_parts == 0) {
            return std::nullopt;
        }
        if (fields.time_parts == 1) {
            return m_times.read(fields.time[0]);
        }
        m_time_text.clear();
        for (std::size_t i = 0; i < fields.time_parts; ++i) {
            m_time_text += i > 0 ? " " : "";
            m_time_text += fields.time[i];
        }
        if (auto time = m_times.read(m_time_text)) {
            return time;
        }
        for (std::size_t i = 0; i < fields.time_parts; ++i) {
            if (auto time = m_times.read(fields.time[i])) {
                return time;
            }
        }
        return std::nullopt;
    }

    void take(std::size_t source, SourceSummary& summary, Splitter& splitter, std::string_view text,
              std::uint64_t number) {
        if (is_blank_line(text)) {
            ++summary.blank_lines;
            emit(source, number, std::nullopt, false);
            return;
        }
        text = trim_right(text);
        if (!splitter.split(text, m_fields)) {
            if (m_has_entry) {
                // A stack trace or a wrapped message: part of the entry above.
                ++summary.continuation_lines;
                emit(source, number, m_current, true);
                return;
            }
            m_fields.clear();
            m_fields.content = text;
        }
        m_has_entry = true;
        const std::optional<LogTime> time = time_of(m_fields);
        summary.without_time += time ? 0U : 1U;
        const bool ranged = m_scan.since || m_scan.until;
        if (ranged && (!time || (m_scan.since && *time < *m_scan.since) || (m_scan.until && *m_scan.until < *time))) {
            summary.outside_range += time ? 1U : 0U;
            m_current.reset();
            emit(source, number, std::nullopt, false);
            return;
        }
        const Level level = m_fields.known_level != Level::unknown ? m_fields.known_level : parse_level(m_fields.level);
        SignatureId id = 0;
        if (m_fields.exact) {
            id = m_miner.add_exact(m_fields.content);
        } else {
            m_masked.mask(m_fields.content);
            id = m_miner.add(m_masked);
        }
        m_current = id;
        ++summary.entries;
        ++m_scan.entries;
        if (time) {
            summary.first = !summary.first || *time < *summary.first ? time : summary.first;
            summary.last = !summary.last || *summary.last < *time ? time : summary.last;
        }
        m_builder.record(id, level, time, source, number, text);
        emit(source, number, id, false);
    }

    const LineSink& m_sink;
    TimeReader m_times;
    std::optional<LineFormat> m_format;
    Miner m_miner;
    MaskedMessage m_masked;
    ReviewBuilder m_builder;
    LineFields m_fields;
    std::string m_time_text;
    std::optional<SignatureId> m_current; ///< the signature of the entry continuation lines belong to
    bool m_has_entry = false;
    LogScan m_scan;
};

} // namespace

LogScan scan_logs(const ScanRequest& request, const LineSink& sink) {
    Scanner scanner(request, sink);
    // Every file is checked first, then read one at a time: one open file, one buffer.
    for (const std::string& file : request.files) {
        LogReader check(request.cwd / file, file);
    }
    for (std::size_t source = 0; source < request.files.size(); ++source) {
        LogReader reader(request.cwd / request.files[source], request.files[source]);
        scanner.scan_file(source, reader);
    }
    return scanner.finish();
}

} // namespace cswm::logscan
