#include "cmd/cli_model.hpp"

#include <algorithm>
#include <cctype>

namespace cswm::cli {
namespace {

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

/// The choices of an IsMember check, from the type name CLI11 builds: "TEXT:{text,json}".
std::vector<std::string> member_choices(const std::string& type_name) {
    const std::size_t open = type_name.find('{');
    const std::size_t close = type_name.find('}', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) {
        return {};
    }
    std::vector<std::string> choices;
    std::string current;
    for (std::size_t i = open + 1; i < close; ++i) {
        if (type_name[i] == ',') {
            choices.push_back(current);
            current.clear();
        } else {
            current += type_name[i];
        }
    }
    choices.push_back(current);
    return choices;
}

} // namespace

ValueSpec value_spec(const CLI::Option& option) {
    if (!option.get_positional() && option.get_expected_max() == 0) {
        return {ValueKind::none, {}};
    }
    if (auto choices = member_choices(option.get_type_name()); !choices.empty()) {
        return {ValueKind::choice, std::move(choices)};
    }
    // The words a person reads in --help: a positional's name, an option's placeholder,
    // its long name.
    std::vector<std::string> words;
    if (option.get_positional()) {
        words.push_back(upper(option.get_name(true)));
    }
    if (!option.get_option_text().empty()) {
        words.push_back(upper(option.get_option_text()));
    }
    for (const std::string& name : option.get_lnames()) {
        words.push_back(upper(name));
    }
    for (const std::string& word : words) {
        if (word == "ID" || word == "IDS" || word == "ID..." || word == "QUALITY-SPEC" || word == "INTO") {
            return {ValueKind::id, {}};
        }
        if (word == "KIND") {
            return {ValueKind::kind, {}};
        }
        if (word == "REV" || word == "COMMIT" || word == "REVISION") {
            return {ValueKind::rev, {}};
        }
        if (word == "DIR" || word == "FOLDER") {
            return {ValueKind::folder, {}};
        }
        if (word == "FILE" || word == "PATH" || word == "OUTPUT") {
            return {ValueKind::file, {}};
        }
    }
    return {ValueKind::text, {}};
}

std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

std::vector<const CLI::Option*> visible_options(const CLI::App& app) {
    return app.get_options(
        [](const CLI::Option* option) { return !option->get_positional() && !option->get_group().empty(); });
}

std::vector<const CLI::Option*> positionals(const CLI::App& app) {
    return app.get_options([](const CLI::Option* option) { return option->get_positional(); });
}

std::string command_path(const CLI::App& app) {
    const CLI::App* parent = app.get_parent();
    return parent == nullptr ? app.get_name() : command_path(*parent) + " " + app.get_name();
}

} // namespace cswm::cli
