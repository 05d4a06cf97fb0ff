#include "lib/report/logscan_report.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cswm {
namespace {

using logscan::Level;
using logscan::LogScan;
using logscan::Signature;
using nlohmann::ordered_json;

constexpr auto k_replace = ordered_json::error_handler_t::replace;

// A count with its noun: "1 line", "2 lines".
std::string lines(std::uint64_t count) {
    return tr(count == 1 ? "logscan.lines-one" : "logscan.lines-many", fmt::arg("count", count));
}

std::string entries(std::uint64_t count) {
    return tr(count == 1 ? "logscan.entries-one" : "logscan.entries-many", fmt::arg("count", count));
}

std::string continuation_lines(std::uint64_t count) {
    return tr(count == 1 ? "logscan.continuation-lines-one" : "logscan.continuation-lines-many",
              fmt::arg("count", count));
}

std::string signatures(std::uint64_t count) {
    return tr(count == 1 ? "logscan.signatures-one" : "logscan.signatures-many", fmt::arg("count", count));
}

ordered_json time_json(const std::optional<logscan::LogTime>& time) {
    return time ? ordered_json(logscan::format_time(*time)) : ordered_json();
}

std::string time_range(const std::optional<logscan::LogTime>& first, const std::optional<logscan::LogTime>& last) {
    if (!first) {
        return tr("logscan.no-timestamps");
    }
    return tr("logscan.time-range", fmt::arg("first", logscan::format_time(*first)),
              fmt::arg("last", logscan::format_time(*last)));
}

const char* tint(Level level, bool color) {
    if (!color) {
        return "";
    }
    return level <= Level::error ? "\x1b[1;31m" : level == Level::warning ? "\x1b[1;33m" : "\x1b[2m";
}

ordered_json signature_json(const Signature& signature, const LogScan& scan) {
    ordered_json object;
    object["id"] = signature.id;
    object["signature"] = signature.text;
    object["level"] = std::string(logscan::level_name(signature.level));
    object["level_inferred"] = signature.level_inferred;
    object["count"] = signature.count;
    ordered_json levels = ordered_json::object();
    for (std::size_t level = 0; level < logscan::k_level_count; ++level) {
        if (signature.levels[level] > 0) {
            levels[std::string(logscan::level_name(static_cast<Level>(level)))] = signature.levels[level];
        }
    }
    object["levels"] = std::move(levels);
    object["first_seen"] = time_json(signature.first_seen);
    object["last_seen"] = time_json(signature.last_seen);
    object["is_new"] = signature.is_new ? ordered_json(*signature.is_new) : ordered_json();
    object["example"] = {{"source", scan.sources.at(signature.example_source).path},
                         {"line", signature.example_line},
                         {"text", signature.example}};
    ordered_json sources = ordered_json::array();
    for (const std::size_t source : signature.sources) {
        sources.push_back(scan.sources.at(source).path);
    }
    object["sources"] = std::move(sources);
    return object;
}

std::string source_line(const logscan::SourceSummary& source) {
    std::string text = tr("logscan.source", fmt::arg("path", printable(source.path, 300)),
                          fmt::arg("lines", lines(source.lines)), fmt::arg("entries", entries(source.entries)),
                          fmt::arg("format", source.format + (source.compressed ? ", gzip" : "")));
    if (source.continuation_lines > 0) {
        text += tr("logscan.source-part", fmt::arg("part", continuation_lines(source.continuation_lines)));
    }
    if (source.outside_range > 0) {
        text += tr("logscan.source-part",
                   fmt::arg("part", tr("logscan.outside-range", fmt::arg("entries", entries(source.outside_range)))));
    }
    if (source.without_time > 0) {
        text += tr("logscan.source-part",
                   fmt::arg("part", tr("logscan.without-time", fmt::arg("entries", entries(source.without_time)))));
    }
    if (source.cut_lines > 0) {
        text += tr("logscan.source-part",
                   fmt::arg("part", tr("logscan.cut-lines", fmt::arg("lines", lines(source.cut_lines)))));
    }
    return text + tr("logscan.source-times", fmt::arg("times", time_range(source.first, source.last)));
}

} // namespace

void write_logscan_text(std::ostream& out, const LogScan& scan, bool color) {
    const char* bold = color ? "\x1b[1m" : "";
    const char* reset = color ? "\x1b[0m" : "";
    for (const logscan::SourceSummary& source : scan.sources) {
        out << source_line(source) << '\n';
    }
    if (scan.since || scan.until) {
        const std::string since = scan.since ? logscan::format_time(*scan.since) : std::string();
        const std::string until = scan.until ? logscan::format_time(*scan.until) : std::string();
        out << (!scan.since   ? tr("logscan.range-up-to", fmt::arg("until", until))
                : !scan.until ? tr("logscan.range-from", fmt::arg("since", since))
                              : tr("logscan.range", fmt::arg("since", since), fmt::arg("until", until)))
            << '\n';
    }
    out << tr("logscan.signatures-in", fmt::arg("signatures", signatures(scan.signatures.size())),
              fmt::arg("entries", entries(scan.entries)))
        << '\n';
    for (const Signature& signature : scan.signatures) {
        std::string levels;
        std::size_t kinds = 0;
        for (std::size_t level = 0; level < logscan::k_level_count; ++level) {
            if (signature.levels[level] > 0) {
                ++kinds;
                levels += fmt::format("{}{} {}", levels.empty() ? "" : tr("list.separator"),
                                      logscan::level_name(static_cast<Level>(level)), signature.levels[level]);
            }
        }
        out << fmt::format("\n{}{}{} {}{}{}{} ×{}{}{}\n", bold, signature.id, reset, tint(signature.level, color),
                           logscan::level_name(signature.level), signature.level_inferred ? tr("logscan.inferred") : "",
                           reset, signature.count, kinds > 1 ? tr("logscan.levels", fmt::arg("levels", levels)) : "",
                           signature.is_new.value_or(false) ? tr("logscan.new") : "");
        out << "    " << signature.text << '\n';
        out << "    " << time_range(signature.first_seen, signature.last_seen) << '\n';
        out << fmt::format("    {}:{}: {}\n", printable(scan.sources.at(signature.example_source).path, 300),
                           signature.example_line, signature.example);
    }
}

void write_logscan_json(std::ostream& out, const LogScan& scan) {
    ordered_json root;
    ordered_json sources = ordered_json::array();
    for (const logscan::SourceSummary& source : scan.sources) {
        sources.push_back({{"path", source.path},
                           {"format", source.format},
                           {"compressed", source.compressed},
                           {"lines", source.lines},
                           {"entries", source.entries},
                           {"continuation_lines", source.continuation_lines},
                           {"blank_lines", source.blank_lines},
                           {"outside_range", source.outside_range},
                           {"without_time", source.without_time},
                           {"cut_lines", source.cut_lines},
                           {"first", time_json(source.first)},
                           {"last", time_json(source.last)}});
    }
    root["sources"] = std::move(sources);
    root["since"] = time_json(scan.since);
    root["until"] = time_json(scan.until);
    root["entries"] = scan.entries;
    ordered_json signatures = ordered_json::array();
    for (const Signature& signature : scan.signatures) {
        signatures.push_back(signature_json(signature, scan));
    }
    root["signatures"] = std::move(signatures);
    out << root.dump(2, ' ', false, k_replace) << '\n';
}

void write_logscan_jsonl(std::ostream& out, const LogScan& scan) {
    for (const Signature& signature : scan.signatures) {
        out << signature_json(signature, scan).dump(-1, ' ', false, k_replace) << '\n';
    }
}

void write_line_outcome(std::ostream& out, const logscan::LineOutcome& outcome, const std::vector<std::string>& files,
                        bool jsonl) {
    const std::string& file = files.at(outcome.source);
    const std::string signature = outcome.signature ? logscan::signature_name(*outcome.signature) : std::string();
    if (!jsonl) {
        out << printable(file, 300) << ':' << outcome.line << '\t' << (signature.empty() ? "-" : signature)
            << (outcome.continuation ? "\tcontinuation\n" : "\n");
        return;
    }
    // Written by hand: one line per input line, so this must be cheap.
    out << "{\"source\":" << ordered_json(file).dump(-1, ' ', false, k_replace) << ",\"line\":" << outcome.line
        << ",\"signature\":" << (signature.empty() ? "null" : "\"" + signature + "\"")
        << (outcome.continuation ? ",\"continuation\":true}\n" : "}\n");
}

} // namespace cswm
