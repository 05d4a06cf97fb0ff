#include "fuzz/entries.hpp"

#include "lib/bundle/bundle.hpp"
#include "lib/catalog/catalog.hpp"
#include "lib/catalog/field_path.hpp"
#include "lib/check/checker.hpp"
#include "lib/check/cross_view.hpp"
#include "lib/check/rules.hpp"
#include "lib/git/repo.hpp"
#include "lib/import/junit_parser.hpp"
#include "lib/logscan/detectors.hpp"
#include "lib/logscan/line_format.hpp"
#include "lib/logscan/mask.hpp"
#include "lib/logscan/miner.hpp"
#include "lib/logscan/record.hpp"
#include "lib/logscan/timestamp.hpp"
#include "lib/model/document.hpp"
#include "lib/model/references.hpp"
#include "lib/schema/validator.hpp"
#include "lib/util/error.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/config.hpp"
#include "lib/yaml/editor.hpp"
#include "lib/yaml/loader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace cswm::fuzz {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

/// A property the target checks is broken: say which and stop, so that libFuzzer keeps
/// the input.
[[noreturn]] void broken(const char* target, const std::string& what) {
    std::fprintf(stderr, "fuzz target %s: property broken: %s\n", target, what.c_str());
    std::abort();
}

/// Splits `data` at `separator` into at most `most` parts.
std::vector<std::string_view> split(std::string_view data, std::string_view separator, std::size_t most) {
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < most) {
        const std::size_t at = data.find(separator);
        if (at == std::string_view::npos) {
            break;
        }
        parts.push_back(data.substr(0, at));
        data.remove_prefix(at + separator.size());
    }
    parts.push_back(data);
    return parts;
}

std::string text_field(const json& data, const char* key) {
    const auto found = data.find(key);
    return found != data.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// --- document: the loader and every rule that needs no git ------------------------------

/// Whether a kind's schema gives the same violations with SchemaValidator's shortcut
/// (QuickSchema) as valijson gives alone.
bool shortcut_agrees(const Kind& kind, const json& document) {
    struct Pair {
        SchemaValidator quick;
        SchemaValidator thorough;
    };
    static std::unordered_map<const Kind*, Pair> validators; // libFuzzer runs one input at a time
    auto found = validators.find(&kind);
    if (found == validators.end()) {
        found = validators
                    .emplace(&kind, Pair{SchemaValidator(kind.schema),
                                         SchemaValidator(kind.schema, SchemaValidator::Draft::v7,
                                                         SchemaValidator::Shortcut::valijson_only)})
                    .first;
    }
    return found->second.quick.validate(document) == found->second.thorough.validate(document);
}

/// Whether replacing every document's prose (cross_view.hpp) with words the rules judge
/// leaves each view and every finding of the rules across documents as it was: the warm
/// cache keeps those findings while no view changed.
bool prose_unseen(const std::vector<Document>& documents) {
    const auto across = [](const std::vector<Document>& set) {
        Findings found;
        rules::check_across(set, Catalog::builtin(), {30, "2026-11-26"}, "/nonexistent/fuzz", found);
        sort_findings(found);
        return found;
    };
    const Findings before = across(documents);
    // Text with IDs, statuses and weak words; a block with dates (the newest report of a
    // spec is chosen by its period's end).
    for (const json& value : {json("REQ-001 TC-001 approved failed adequate and/or"),
                              json{{"start", "2020-01-01"}, {"end", "2099-12-31"}, {"status", "approved"}}}) {
        std::vector<Document> edited = documents;
        for (Document& document : edited) {
            if (!document.parsed() || document.kind == nullptr) {
                continue;
            }
            const std::string view = cross_view(document);
            std::vector<std::string> pointers;
            for (const std::string& field : prose_fields(document.kind->name)) {
                for (const FieldPath::Match& match : FieldPath(field).find(document.data())) {
                    pointers.push_back(match.pointer);
                }
            }
            for (const std::string& pointer : pointers) {
                (*document.yaml.root)[json::json_pointer(pointer)] = value;
            }
            document.title = value.is_string() ? value.get<std::string>() : "";
            if (cross_view(document) != view) {
                return false;
            }
        }
        if (across(edited) != before) {
            return false;
        }
    }
    return true;
}

/// Up to four documents separated by a line `--8<--`, so that the rules across documents
/// (duplicate IDs, links, chains) see more than one.
void run_document(std::string_view data) {
    const Catalog& catalog = Catalog::builtin();
    std::vector<Document> documents;
    std::size_t index = 0;
    for (const std::string_view text : split(data, "\n--8<--\n", 4)) {
        Document document;
        document.yaml = parse_yaml_document(text, YamlLimits{});
        if (parse_outline(parse_yaml_document(text, YamlLimits{}, Places::on_demand)) != parse_outline(document.yaml)) {
            broken("document", "places made on demand differ from places recorded while parsing");
        }
        if (document.parsed() != document.yaml.root.has_value()) {
            broken("document", "parsed() disagrees with root");
        }
        if (document.parsed() && !document.data().is_object()) {
            broken("document", "a parsed document's root is not a mapping");
        }
        if (!document.parsed() && document.yaml.problems.empty()) {
            broken("document", "a document that did not parse has no problem to report");
        }
        std::string folder = "misc";
        if (document.parsed()) {
            const json& root = document.data();
            document.id = text_field(root, "id");
            document.title = text_field(root, "title");
            document.status = text_field(root, "status");
            document.kind = catalog.find(text_field(root, "kind"));
            if (document.kind != nullptr) {
                folder = document.kind->name;
                if (!shortcut_agrees(*document.kind, root)) {
                    broken("document", "the schema shortcut changed the violations");
                }
            }
            document.yaml.places().for_each_under("", [&](std::string_view pointer, const NodePlace& place) {
                if (place.key_offset > text.size() || place.value_offset > text.size()) {
                    broken("document", "a node's offset is past the end of the text: " + std::string(pointer));
                }
            });
        }
        const std::string name = document.id.empty() || document.id.find('/') != std::string::npos
                                     ? "doc-" + std::to_string(index)
                                     : document.id;
        document.path = "maint/" + folder + "/" + name + ".yaml";
        document.file = "/nonexistent/fuzz/" + document.path;
        for (const YamlProblem& problem : document.yaml.problems) {
            document.findings.push_back({Severity::error, problem.rule, document.path, problem.position.line,
                                         problem.position.column, document.id, problem.message});
        }
        documents.push_back(std::move(document));
        ++index;
    }
    if (!prose_unseen(documents)) {
        broken("document", "a change of prose changed a view or a finding of the rules across documents");
    }
    Findings findings = check_documents(documents, catalog, "maint");
    rules::check_chain(documents, {30, "2026-11-26"}, findings);
    sort_findings(findings);
    for (const Finding& finding : findings) {
        if (finding.rule.empty() || finding.message.empty()) {
            broken("document", "a finding without a rule or a message");
        }
    }
}

// --- editor: the surgical edits behind link, import --into and logscan --into ----------

const std::array<std::string, 12> k_values = {
    "0123456789abcdef0123456789abcdef01234567",
    "1234567890123456789012345678901234567890",
    "1234567e89",
    "yes",
    "null",
    "a b: #c",
    "",
    "\"quoted\" and 'single'",
    "TR-001",
    "2026-11-02",
    "多語 值",
    "- item",
};

ordered_json json_value(unsigned char selector) {
    switch (selector % 8U) {
    case 0:
        return ordered_json{{"date", "2026-11-02"}, {"by", "Ann"}, {"note", "a: b # c"}};
    case 1:
        return ordered_json{{"k", ordered_json{{"x", ordered_json::array({1, "2", true})}}}};
    case 2:
        return ordered_json::array({"x", "y: z"});
    case 3:
        return "text with # hash";
    case 4:
        return 5;
    case 5:
        return nullptr;
    case 6:
        return ordered_json::object();
    default:
        return ordered_json{{"multi", "line one\nline two"}};
    }
}

/// Comments of `text` as a reader sees them: from a '#' at a line's start or after a
/// blank, outside quotes (which may span lines), to the end of the line. Each with its
/// offset. A stray quote mark makes it see fewer comments, never more.
std::vector<std::pair<std::size_t, std::string>> comments_of(std::string_view text) {
    std::vector<std::pair<std::size_t, std::string>> comments;
    std::size_t start = 0;
    char quote = 0; // quoted scalars may run over several lines
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end;
        for (std::size_t at = start; at < end; ++at) {
            const char c = text[at];
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    ++at;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && (at == start || text[at - 1] == ' ' || text[at - 1] == '[' ||
                                                   text[at - 1] == '{' || text[at - 1] == ',')) {
                quote = c;
            } else if (c == '#' && (at == start || text[at - 1] == ' ' || text[at - 1] == '\t')) {
                std::string_view comment = text.substr(at, end - at);
                if (!comment.empty() && comment.back() == '\r') {
                    comment.remove_suffix(1);
                }
                comments.emplace_back(at, std::string(comment));
                break;
            }
        }
        start = end + 1;
    }
    return comments;
}

/// Every tail of a line from a '#' at its start or after a blank: a superset of the
/// comments of `text`, whatever its quotes.
std::vector<std::string> comment_candidates(std::string_view text) {
    std::vector<std::string> tails;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end;
        for (std::size_t at = start; at < end; ++at) {
            if (text[at] == '#' && (at == start || text[at - 1] == ' ' || text[at - 1] == '\t')) {
                std::string_view tail = text.substr(at, end - at);
                if (!tail.empty() && tail.back() == '\r') {
                    tail.remove_suffix(1);
                }
                tails.emplace_back(tail);
            }
        }
        start = end + 1;
    }
    return tails;
}

bool is_within(const std::string& pointer, const std::string& ancestor) {
    return pointer == ancestor || (pointer.starts_with(ancestor) && pointer[ancestor.size()] == '/');
}

/// Input: byte 0 chooses the edit, byte 1 the node, byte 2 the value; the rest is the
/// document. Any edit that succeeds must leave text that parses, holds the old data plus
/// the edit and nothing else, and keeps the comments outside the replaced value.
void run_editor(std::string_view data) {
    if (data.size() < 3) {
        return;
    }
    const auto op = static_cast<unsigned char>(data[0]) % 6U;
    const auto node = static_cast<unsigned char>(data[1]);
    const auto value_selector = static_cast<unsigned char>(data[2]);
    const std::string original(data.substr(3));
    const YamlLimits limits{};

    std::optional<YamlEditor> editor;
    try {
        editor.emplace(original, limits);
    } catch (const Error&) {
        return; // a document that does not parse cleanly is refused, as documented
    }
    const ParsedYaml before = editor->parsed(); // a copy: a successful edit replaces it
    std::vector<std::string> pointers;
    before.places().for_each_under("", [&](std::string_view pointer, const NodePlace&) {
        if (!pointer.empty() || op == 4 || op == 1) {
            pointers.emplace_back(pointer);
        }
    });
    std::sort(pointers.begin(), pointers.end());
    if (pointers.empty()) {
        return;
    }
    const std::string pointer = node == 255 ? std::string("/no such field") : pointers[node % pointers.size()];
    const std::string& value = k_values[value_selector % k_values.size()];
    const ordered_json item = json_value(value_selector);
    const std::array<std::string, 4> keys = {"new_key", "id", "a b", "#x"};
    const std::string& key = keys[(value_selector / 8U) % keys.size()];

    json expected = *before.root;
    bool changed = true;
    try {
        const json::json_pointer where(pointer);
        switch (op) {
        case 0:
            changed = editor->append_to_list(pointer, value);
            if (changed && !expected[where].is_null() && !expected[where].is_array()) {
                broken("editor", "append_to_list appended to something that is not a list");
            }
            if (changed) {
                if (expected[where].is_null()) {
                    expected[where] = json::array();
                }
                expected[where].push_back(value);
            }
            break;
        case 1:
            editor->append_mapping_to_list(pointer, item);
            if (!expected[where].is_null() && !expected[where].is_array()) {
                broken("editor", "append_mapping_to_list appended to something that is not a list");
            }
            if (expected[where].is_null() || expected[where].empty()) {
                expected[where] = json::array();
            }
            expected[where].push_back(json(item));
            break;
        case 2:
            changed = editor->set_scalar(pointer, value);
            expected[where] = value;
            break;
        case 3:
            changed = editor->replace_scalar(pointer, value);
            expected[where] = value;
            break;
        case 4:
            changed = editor->replace_value(pointer, item);
            expected[where] = json(item);
            break;
        default:
            editor->insert_after(pointer, key, item);
            if (!expected[where.parent_pointer()].is_object()) {
                broken("editor", "insert_after added a key to something that is not a mapping");
            }
            expected[where.parent_pointer()][key] = json(item);
            break;
        }
    } catch (const Error&) {
        if (editor->text() != original) {
            broken("editor", "an edit that failed changed the text");
        }
        return;
    }
    const std::string& result = editor->text();
    if (!changed) {
        if (result != original) {
            broken("editor", "an edit that changed nothing changed the text");
        }
        if (*before.root != expected) {
            broken("editor", "an edit said nothing changed, but the value differs");
        }
        return;
    }
    const ParsedYaml after = parse_yaml_document(result, limits);
    if (!after.root || !after.problems.empty()) {
        broken("editor", "the edited text does not parse cleanly");
    }
    if (*after.root != expected) {
        broken("editor",
               "the edited data is not the old data plus the edit:\n" + after.root->dump() + "\n" + expected.dump());
    }
    // Replacing a value may drop comments inside it (documented); every other comment stays.
    std::size_t replaced_from = std::string::npos;
    std::size_t replaced_to = std::string::npos;
    if (op == 3 || op == 4) {
        const NodePlace target = before.place_of(pointer);
        replaced_from = target.key_offset;
        replaced_to = original.size();
        before.places().for_each_under("", [&](std::string_view other, const NodePlace& place) {
            if (!is_within(std::string(other), pointer) && place.key_offset > target.value_offset) {
                replaced_to = std::min(replaced_to, place.key_offset);
            }
        });
        const std::size_t line = original.rfind('\n', replaced_from == 0 ? 0 : replaced_from - 1);
        replaced_from = replaced_from == 0 || line == std::string::npos ? 0 : line + 1;
    }
    std::unordered_map<std::string, std::size_t> kept;
    for (std::string& tail : comment_candidates(result)) {
        ++kept[std::move(tail)];
    }
    for (auto& [offset, comment] : comments_of(original)) {
        if (offset >= replaced_from && offset < replaced_to) {
            continue;
        }
        auto found = kept.find(comment);
        if (found == kept.end() || found->second == 0) {
            broken("editor", "a comment was lost: " + comment + "\nin:\n" + result);
        }
        --found->second;
    }
    if (op == 0 && editor->append_to_list(pointer, value)) {
        broken("editor", "appending the same value twice changed the list twice");
    }
}

// --- trailers: commit messages --------------------------------------------------------

void run_trailers(std::string_view data) {
    const std::vector<Trailer> trailers = parse_trailers(std::string(data));
    for (const Trailer& trailer : trailers) {
        if (trailer.key.empty() || trailer.key.find_first_of(":\n") != std::string::npos) {
            broken("trailers", "a trailer key that is empty or holds a colon or line break");
        }
        if (trailer.value.find('\n') != std::string::npos) {
            broken("trailers", "a trailer value that holds a line break");
        }
    }
    for (const std::string& id : referenced_ids(trailers)) {
        if (id.empty()) {
            broken("trailers", "an empty referenced ID");
        }
    }
    (void)has_review_trailer(trailers);
}

// --- junit: the JUnit XML importer's parser --------------------------------------------

void check_clean(const std::string& text) {
    if (find_invalid_utf8(text)) {
        broken("junit", "text from the XML is not valid UTF-8 after cleaning");
    }
}

void run_junit(std::string_view data) {
    JunitFile file;
    try {
        file = parse_junit_text(data, "fuzz.xml", 20000);
    } catch (const Error&) {
        return;
    }
    std::size_t by_outcome = 0;
    for (const JunitOutcome outcome :
         {JunitOutcome::passed, JunitOutcome::failed, JunitOutcome::error, JunitOutcome::skipped}) {
        by_outcome += file.count(outcome);
    }
    if (by_outcome != file.count() || file.flaky_count() > file.count()) {
        broken("junit", "the counts by outcome do not add up");
    }
    for (const JunitSuite& suite : file.suites) {
        check_clean(suite.name);
        check_clean(suite.error);
        for (const JunitCase& test : suite.cases) {
            check_clean(test.full_name());
            check_clean(test.message);
            check_clean(test.type);
            check_clean(test.file);
            if (test.seconds && !(*test.seconds >= 0)) {
                broken("junit", "a negative or NaN duration was kept");
            }
            (void)test.property("Requirement");
        }
    }
}

// --- logscan: the line splitters, the masker and the template miner --------------------

/// Byte 0 chooses the splitter: a built-in format, or (7) a --line-format given by the
/// first line. The rest is the log, one line at a time.
void run_logscan(std::string_view data) {
    if (data.empty()) {
        return;
    }
    const auto mode = static_cast<unsigned char>(data[0]) % 9U;
    data.remove_prefix(1);
    std::optional<logscan::LineFormat> custom;
    if (mode == 7) {
        const std::size_t newline = data.find('\n');
        try {
            custom = logscan::LineFormat::compile(data.substr(0, newline));
        } catch (const Error&) {
            return;
        }
        data = newline == std::string_view::npos ? std::string_view() : data.substr(newline + 1);
    }
    std::vector<std::string_view> lines = split(data, "\n", 4000);
    for (std::string_view& line : lines) {
        line = line.substr(0, 64U << 10U);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
    }
    logscan::Builtin builtin = logscan::Builtin::plain;
    if (mode == 8) {
        std::vector<std::string> sample(
            lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(lines.size(), 50)));
        builtin = logscan::detect_format(sample);
    } else if (mode < 7) {
        builtin = static_cast<logscan::Builtin>(mode);
    }
    logscan::Splitter splitter(custom ? &*custom : nullptr, builtin);
    (void)splitter.name();
    logscan::MinerSettings settings;
    settings.max_signatures = 64; // reach the catch-all signature too
    logscan::Miner miner(settings);
    logscan::MaskedMessage masked;
    logscan::TimeReader times("2026-11-26");
    logscan::LineFields fields;
    for (const std::string_view line : lines) {
        fields.clear();
        const bool fits = splitter.split(line, fields);
        const std::string_view message = fits ? fields.content : line;
        if (fits) {
            (void)logscan::parse_level(fields.level);
            std::string stamp;
            for (std::size_t part = 0; part < fields.time_parts; ++part) {
                stamp += (part == 0 ? "" : " ") + std::string(fields.time[part]);
            }
            if (const auto time = times.read(stamp)) {
                (void)logscan::format_time(*time);
            }
        }
        (void)logscan::infer_level(message);
        logscan::SignatureId id = 0;
        if (fits && fields.exact) {
            id = miner.add_exact(message);
        } else {
            masked.mask(message);
            for (std::size_t token = 0; token < masked.tokens().size(); ++token) {
                (void)masked.is_variable(token);
            }
            id = miner.add(masked);
        }
        if (id >= miner.size()) {
            broken("logscan", "the miner returned a signature it does not have");
        }
        (void)miner.template_text(id);
    }
}

// --- config: .cswm.yaml ----------------------------------------------------------------

void run_config(std::string_view data) {
    try {
        const Config config = parse_config(data, ".cswm.yaml");
        const std::filesystem::path root(config.root);
        if (root.empty() || root.is_absolute() || *root.begin() == "..") {
            broken("config", "a documents root outside the repository was accepted: " + config.root);
        }
    } catch (const Error&) {
        // refused with a message, as documented
    }
}

// --- bundle: `cswm bundle verify`'s archive reader --------------------------------------

/// The one file each fuzzing process hands its inputs to verify through (the reader
/// takes a path, as the command does); removed when the process ends.
class InputFile {
public:
    InputFile() : m_path(std::filesystem::temp_directory_path() / ("cswm-fuzz-bundle." + std::to_string(::getpid()))) {}
    ~InputFile() {
        std::error_code error;
        std::filesystem::remove(m_path, error);
    }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    const std::filesystem::path& write(std::string_view data) const {
        std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!out.flush()) {
            broken("bundle", "cannot write the input file " + m_path.string());
        }
        return m_path;
    }

private:
    std::filesystem::path m_path;
};

/// The input is a tar, tar.gz or zip file. Limits are far smaller than the command's, so
/// that every limit is reached within the fuzzer's time and memory.
void run_bundle(std::string_view data) {
    static const InputFile file;
    bundle::ReadLimits limits;
    limits.max_member_bytes = 8U << 20U;
    limits.max_total_bytes = 16U << 20U;
    limits.ratio_applies_after = 1U << 20U;
    limits.max_entries = 2000;
    limits.keep_bytes = 1U << 20U;
    bundle::VerifyResult result;
    try {
        result = bundle::verify_bundle(file.write(data).string(), nullptr, limits, "fuzz.tar.gz");
    } catch (const Error&) {
        return; // a broken archive or a limit: refused with a message, as documented
    }
    if (result.verified > result.members) {
        broken("bundle", "more members verified than read");
    }
    if (result.verified > 0 && !result.manifest) {
        broken("bundle", "members verified without a manifest");
    }
    for (const bundle::VerifyProblem& problem : result.problems) {
        // Names come from the archive: shown escaped, never with a line break or a control.
        if (std::any_of(problem.name.begin(), problem.name.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
            broken("bundle", "a member name shown with a control character: " + problem.name);
        }
        (void)bundle::problem_label(problem.type);
    }
}

const std::array<Target, 7> k_targets = {{
    {"document", &run_document},
    {"editor", &run_editor},
    {"trailers", &run_trailers},
    {"junit", &run_junit},
    {"logscan", &run_logscan},
    {"config", &run_config},
    {"bundle", &run_bundle},
}};

} // namespace

std::string parse_outline(const ParsedYaml& parsed) {
    std::string out = parsed.root ? parsed.root->dump(-1, ' ', false, json::error_handler_t::replace) : "(no root)";
    for (const YamlProblem& problem : parsed.problems) {
        out += fmt::format("\nproblem {} {}:{} {}", problem.rule, problem.position.line, problem.position.column,
                           problem.message);
    }
    for (const std::string& pointer : parsed.stand_ins) {
        out += "\nstand-in " + pointer;
    }
    parsed.places().for_each_under("", [&](std::string_view pointer, const NodePlace& place) {
        out += fmt::format("\n{} {}:{} {}:{} {} {}", pointer, place.key.line, place.key.column, place.value.line,
                           place.value.column, place.key_offset, place.value_offset);
    });
    return out;
}

std::span<const Target> targets() {
    return k_targets;
}

const Target* find_target(std::string_view name) {
    for (const Target& target : k_targets) {
        if (name == target.name) {
            return &target;
        }
    }
    return nullptr;
}

} // namespace cswm::fuzz
