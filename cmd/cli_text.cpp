#include "cmd/cli_text.hpp"

#include "lib/i18n/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <sstream>

// CLI11 2.1 (Debian 12) keeps no fields in its errors, only the message it built: the
// message is matched against the few forms CLI11 builds (Error.hpp, Validators.hpp), and
// what it names (the option, the value, the choices) goes into our message. A form not
// matched keeps CLI11's text, so that nothing is ever lost.

namespace cswm::cli {
namespace {

/// Columns a terminal gives UTF-8 text: CJK and full-width forms take two.
std::size_t display_width(const std::string& text) {
    std::size_t width = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0U) == 0x80U) {
            continue; // a continuation byte
        }
        width += (byte >= 0xE3U && byte <= 0xE9U) || byte == 0xEFU ? 2 : 1;
    }
    return width;
}

class HelpFormatter : public CLI::Formatter {
public:
    HelpFormatter() {
        label("OPTIONS", tr("cli.help-options-badge"));
        label("SUBCOMMAND", tr("cli.help-subcommand-badge"));
        label("SUBCOMMANDS", tr("cli.help-subcommand-badge"));
        label("Positionals", tr("cli.help-positionals"));
        label("Options", tr("cli.help-options"));
        label("Subcommands", tr("cli.help-subcommands"));
        label("REQUIRED", tr("cli.help-required"));
        label("Needs", tr("cli.help-needs"));
        label("Excludes", tr("cli.help-excludes"));
    }

    /// "Usage: cswm check [OPTIONS]": CLI11's line with our lead-in.
    std::string make_usage(const CLI::App* app, std::string name) const override {
        std::string line = CLI::Formatter::make_usage(app, std::move(name));
        const std::string lead = "Usage: ";
        return line.starts_with(lead) ? tr("cli.help-usage") + line.substr(lead.size()) : line;
    }

    /// CLI11's two columns, padded by what a terminal shows rather than by bytes, so that
    /// "必填" or "不可併用" in the left column keeps the descriptions aligned.
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
        for (const char* label : {"Needs", "Excludes"}) { // "Needs:" → "需搭配："
            const std::string said = get_label(label) + ":";
            if (const std::size_t at = name.find(said); at != std::string::npos) {
                name.replace(at, said.size(), heading(label));
            }
        }
        const std::string description = make_option_desc(opt);
        const std::size_t width = get_column_width();
        const std::size_t shown = display_width(name);
        std::string text = name;
        if (!description.empty()) {
            text += shown >= width ? "\n" + std::string(width, ' ') : std::string(width - shown, ' ');
            for (const char c : description) {
                text += c;
                if (c == '\n') {
                    text += std::string(width, ' ');
                }
            }
        } else if (shown < width) {
            text += std::string(width - shown, ' ');
        }
        return text + "\n";
    }

    /// An option group's heading: "Options" is CLI11's default group name.
    std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override {
        std::string text = "\n" + heading(group) + "\n";
        for (const CLI::Option* option : opts) {
            text += make_option(option, is_positional);
        }
        return text;
    }

    /// CLI11's own, with the group heading ("Subcommands") translated.
    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
        std::stringstream out;
        std::vector<std::string> groups;
        for (const CLI::App* sub : app->get_subcommands({})) {
            const std::string& group = sub->get_group();
            if (sub->get_name().empty()) {
                if (!group.empty()) {
                    out << make_expanded(sub);
                }
                continue;
            }
            if (!group.empty() && std::find(groups.begin(), groups.end(), group) == groups.end()) {
                groups.push_back(group);
            }
        }
        for (const std::string& group : groups) {
            out << "\n" << heading(group) << "\n";
            for (const CLI::App* sub : app->get_subcommands(
                     [&group](const CLI::App* candidate) { return candidate->get_group() == group; })) {
                if (sub->get_name().empty()) {
                    continue;
                }
                out << (mode != CLI::AppFormatMode::All ? make_subcommand(sub)
                                                        : sub->help(sub->get_name(), CLI::AppFormatMode::Sub));
            }
        }
        return out.str();
    }

private:
    std::string heading(const std::string& group) const {
        return tr("cli.help-heading", fmt::arg("heading", get_label(group)));
    }
};

bool matches(const std::string& text, const char* pattern, std::smatch& parts) {
    return std::regex_match(text, parts, std::regex(pattern));
}

} // namespace

std::shared_ptr<CLI::Formatter> help_formatter() {
    return std::make_shared<HelpFormatter>();
}

std::string parse_error_message(const CLI::ParseError& error) {
    const std::string what = error.what();
    std::smatch parts;
    if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
        if (matches(what, "The following arguments? (?:was|were) not expected: (.*)", parts)) {
            return tr(what.find("arguments") != std::string::npos ? "cli.unexpected-arguments"
                                                                  : "cli.unexpected-argument",
                      fmt::arg("arguments", parts[1].str()));
        }
    } else if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
        if (what == "A subcommand is required") {
            return tr("cli.subcommand-required");
        }
        if (matches(what, "(\\S+) is required", parts)) {
            return tr("cli.required", fmt::arg("name", parts[1].str()));
        }
    } else if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
        if (matches(what, "(\\S+): Value (.*) not in range (\\S+) to (\\S+)", parts)) {
            return tr("cli.out-of-range", fmt::arg("option", parts[1].str()), fmt::arg("value", parts[2].str()),
                      fmt::arg("min", parts[3].str()), fmt::arg("max", parts[4].str()));
        }
        if (matches(what, "(\\S+): (.*) not in (\\{.*\\})", parts)) {
            return tr("cli.not-a-choice", fmt::arg("option", parts[1].str()), fmt::arg("value", parts[2].str()),
                      fmt::arg("choices", parts[3].str()));
        }
        if (matches(what, "(\\S+): Value (.*) could not be converted", parts) ||
            matches(what, "(\\S+): Failed parsing (.*) as a .*", parts)) {
            return tr("cli.not-a-value", fmt::arg("option", parts[1].str()), fmt::arg("value", parts[2].str()));
        }
    } else if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
        if (matches(what, "Could not convert: (\\S+) = (.*)", parts) ||
            matches(what, "The value (.*) is not an allowed value for (\\S+)", parts)) {
            const bool value_first = what.starts_with("The value");
            return tr("cli.not-a-value", fmt::arg("option", parts[value_first ? 2 : 1].str()),
                      fmt::arg("value", parts[value_first ? 1 : 2].str()));
        }
        if (matches(what, "(\\S+): too many inputs for a flag", parts) ||
            matches(what, "(\\S+): Should be true/false or a number", parts)) {
            return tr("cli.flag-value", fmt::arg("option", parts[1].str()));
        }
    } else if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
        if (matches(what, "(\\S+) excludes (\\S+)", parts)) {
            return tr("cli.excludes", fmt::arg("option", parts[1].str()), fmt::arg("other", parts[2].str()));
        }
    } else if (dynamic_cast<const CLI::RequiresError*>(&error) != nullptr) {
        if (matches(what, "(\\S+) requires (\\S+)", parts)) {
            return tr("cli.requires", fmt::arg("option", parts[1].str()), fmt::arg("other", parts[2].str()));
        }
    } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
        if (matches(what, "(\\S+): (\\d+) required (.*) missing", parts)) {
            return tr("cli.value-missing", fmt::arg("option", parts[1].str()), fmt::arg("count", parts[2].str()),
                      fmt::arg("type", parts[3].str()));
        }
        if (matches(what, "(\\S+): At least (\\d+) required but received (\\d+)", parts)) {
            return tr("cli.too-few-values", fmt::arg("option", parts[1].str()), fmt::arg("count", parts[2].str()),
                      fmt::arg("received", parts[3].str()));
        }
        if (matches(what, "(\\S+): At Most (\\d+) required but received (\\d+)", parts)) {
            return tr("cli.too-many-values", fmt::arg("option", parts[1].str()), fmt::arg("count", parts[2].str()),
                      fmt::arg("received", parts[3].str()));
        }
    }
    return what;
}

} // namespace cswm::cli
