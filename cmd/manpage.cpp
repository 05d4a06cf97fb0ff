#include "cmd/manpage.hpp"

#include "cmd/cli_model.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

// Why the pages come from the CLI11 definitions rather than from help2man: CLI11's
// --help is not in the GNU layout help2man parses (its sections would come out as one
// block), help2man would be one more build dependency, and it would have to be told each
// subcommand; walking the same CLI::App tree that prints --help gives every command,
// present and future, its page with proper OPTIONS and SEE ALSO sections.

namespace cswm::cli {
namespace {

/// Text for roff: backslashes escaped, no line starting with a control character.
std::string roff(const std::string& text) {
    std::string escaped;
    bool line_start = true;
    for (const char c : text) {
        if (line_start && (c == '.' || c == '\'')) {
            escaped += "\\&";
        }
        if (c == '\\') {
            escaped += "\\e";
        } else {
            escaped += c;
        }
        line_start = c == '\n';
    }
    return escaped;
}

/// An option name or command: hyphens as minus signs, so that they can be searched and
/// copied.
std::string literal(const std::string& text) {
    std::string escaped;
    for (const char c : roff(text)) {
        if (c == '-') {
            escaped += "\\-";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

/// What follows an option's names: its placeholder, or the choices it takes.
std::string placeholder(const CLI::Option& option) {
    const ValueSpec spec = value_spec(option);
    if (spec.kind == ValueKind::none) {
        return "";
    }
    if (spec.kind == ValueKind::choice) {
        return fmt::format("{{{}}}", fmt::join(spec.choices, "|"));
    }
    if (!option.get_option_text().empty()) {
        return option.get_option_text();
    }
    const std::string type = option.get_type_name();
    return type.substr(0, type.find(':'));
}

std::string summary(const CLI::App& app) {
    std::string text = app.get_description();
    text = text.substr(0, text.find('\n'));
    // The top command's description starts with its own name: "cswm — …".
    for (const std::string& lead : {app.get_name() + " — ", app.get_name() + "——"}) {
        if (text.starts_with(lead)) {
            text = text.substr(lead.size());
        }
    }
    return text;
}

void synopsis(std::string& page, const CLI::App& app) {
    page += fmt::format(".SH {}\n.B {}\n", tr("man.synopsis"), literal(command_path(app)));
    if (!visible_options(app).empty()) {
        page += fmt::format("[\\fI{}\\fR]\n", tr("man.options-badge"));
    }
    for (const CLI::Option* positional : positionals(app)) {
        const std::string repeat = positional->get_items_expected_max() > 1 ? "..." : "";
        const std::string name = positional->get_name(true);
        page += positional->get_required() ? fmt::format("\\fI{}\\fR{}\n", literal(name), repeat)
                                           : fmt::format("[\\fI{}\\fR{}]\n", literal(name), repeat);
    }
    if (!visible_subcommands(app).empty()) {
        page += fmt::format("\\fI{}\\fR [\\fI{}\\fR]\n", tr("man.command-badge"), tr("man.options-badge"));
    }
}

void arguments(std::string& page, const CLI::App& app) {
    const auto items = positionals(app);
    if (!items.empty()) {
        page += fmt::format(".SH {}\n", tr("man.arguments"));
        for (const CLI::Option* positional : items) {
            page += fmt::format(".TP\n\\fI{}\\fR\n{}\n", literal(positional->get_name(true)),
                                roff(positional->get_description()));
        }
    }
    const auto options = visible_options(app);
    if (!options.empty()) {
        page += fmt::format(".SH {}\n", tr("man.options"));
        for (const CLI::Option* option : options) {
            std::vector<std::string> names;
            for (const std::string& name : option->get_snames()) {
                names.push_back(fmt::format("\\fB{}\\fR", literal("-" + name)));
            }
            for (const std::string& name : option->get_lnames()) {
                names.push_back(fmt::format("\\fB{}\\fR", literal("--" + name)));
            }
            const std::string value = placeholder(*option);
            page +=
                fmt::format(".TP\n{}{}\n{}\n", fmt::join(names, ", "),
                            value.empty() ? "" : " \\fI" + literal(value) + "\\fR", roff(option->get_description()));
        }
    }
}

void collect(const CLI::App& app, std::vector<const CLI::App*>& all) {
    all.push_back(&app);
    for (const CLI::App* sub : visible_subcommands(app)) {
        collect(*sub, all);
    }
}

} // namespace

std::string man_page_name(const CLI::App& app) {
    std::string name = command_path(app);
    std::replace(name.begin(), name.end(), ' ', '-');
    return name;
}

std::string man_page(const CLI::App& app, const std::string& version) {
    const std::string name = man_page_name(app);
    // No date: the same version gives the same page, byte for byte.
    std::string page = fmt::format(".TH \"{}\" \"1\" \"\" \"cswm {}\" \"{}\"\n", literal(upper(name)), roff(version),
                                   tr("man.manual"));
    page += fmt::format(".SH {}\n{} \\- {}\n", tr("man.name"), literal(name), roff(summary(app)));
    synopsis(page, app);
    page += fmt::format(".SH {}\n{}\n", tr("man.description"), roff(app.get_description()));
    arguments(page, app);
    const auto subcommands = visible_subcommands(app);
    if (!subcommands.empty()) {
        page += fmt::format(".SH {}\n", tr("man.commands"));
        for (const CLI::App* sub : subcommands) {
            page += fmt::format(
                ".TP\n\\fB{}\\fR\n{}{}\n", literal(sub->get_name()), roff(sub->get_description()),
                tr("man.see-page", fmt::arg("page", fmt::format("\\fB{}\\fR(1)", literal(man_page_name(*sub))))));
        }
    }
    if (app.get_parent() != nullptr && !app.get_footer().empty()) {
        page += fmt::format(".SH {}\n.nf\n{}\n.fi\n", tr("man.notes"), roff(app.get_footer()));
    }
    const CLI::App* root = &app;
    while (root->get_parent() != nullptr) {
        root = root->get_parent();
    }
    if (!root->get_footer().empty()) {
        page += fmt::format(".SH {}\n{}\n", tr("man.exit-status"),
                            roff(root->get_footer().substr(0, root->get_footer().find('\n'))));
    }
    page += fmt::format(".SH {}\n.TP\n.B NO_COLOR\n{}\n", tr("man.environment"), tr("man.no-color"));
    std::vector<std::string> see_also;
    if (app.get_parent() != nullptr) {
        see_also.push_back(fmt::format("\\fB{}\\fR(1)", literal(man_page_name(*app.get_parent()))));
    }
    for (const CLI::App* sub : subcommands) {
        see_also.push_back(fmt::format("\\fB{}\\fR(1)", literal(man_page_name(*sub))));
    }
    if (!see_also.empty()) {
        page += fmt::format(".SH {}\n{}\n", tr("man.see-also"), fmt::join(see_also, ",\n"));
    }
    return page;
}

std::vector<std::filesystem::path> write_man_pages(const CLI::App& root, const std::filesystem::path& folder,
                                                   const std::string& version) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
        throw Error(fmt::format("cannot create {}: {}", folder.string(), error.message()));
    }
    std::vector<const CLI::App*> all;
    collect(root, all);
    std::vector<std::filesystem::path> written;
    for (const CLI::App* app : all) {
        const std::filesystem::path file = folder / (man_page_name(*app) + ".1");
        write_file_atomically(file, man_page(*app, version));
        written.push_back(file);
    }
    return written;
}

} // namespace cswm::cli
