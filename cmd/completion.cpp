#include "cmd/completion.hpp"

#include "cmd/cli_model.hpp"

#include <algorithm>

// Why the scripts ask the binary rather than carry the command tree: the CLI11
// definitions are the one source of truth, read at the moment of the TAB, so a script
// generated once never goes stale when commands, options or kinds change, and the three
// shells share one tested engine instead of three hand-written parsers.

namespace cswm::cli {
namespace {

const CLI::App* find_subcommand(const CLI::App& app, const std::string& word) {
    for (const CLI::App* sub : visible_subcommands(app)) {
        if (sub->get_name() == word) {
            return sub;
        }
        const auto& aliases = sub->get_aliases();
        if (std::find(aliases.begin(), aliases.end(), word) != aliases.end()) {
            return sub;
        }
    }
    return nullptr;
}

const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
    for (const CLI::Option* option : visible_options(app)) {
        if (option->check_name(name)) {
            return option;
        }
    }
    return nullptr;
}

/// The positional that takes the value at `index` (0-based) among positional words.
const CLI::Option* positional_at(const CLI::App& app, std::size_t index) {
    for (const CLI::Option* option : positionals(app)) {
        const auto takes = static_cast<std::size_t>(std::max(option->get_items_expected_max(), 1));
        if (index < takes) {
            return option;
        }
        index -= takes;
    }
    return nullptr;
}

void offer(Completion& completion, const std::string& typed, const std::string& word, std::string about) {
    if (!word.starts_with(typed)) {
        return;
    }
    // One line per word for the scripts: the first line of the description, no tabs.
    about = about.substr(0, about.find('\n'));
    std::replace(about.begin(), about.end(), '\t', ' ');
    completion.words.emplace_back(word, about);
}

void offer_values(Completion& completion, const CLI::Option& option, const std::string& typed,
                  const std::string& prefix, const CompletionSources& sources) {
    const ValueSpec spec = value_spec(option);
    const auto offer_all = [&](const std::vector<std::string>& values) {
        for (const std::string& value : values) {
            offer(completion, typed, prefix + value, "");
        }
    };
    switch (spec.kind) {
    case ValueKind::choice:
        offer_all(spec.choices);
        break;
    case ValueKind::id: {
        // An option named after a kind (--quality-spec) takes IDs of that kind only.
        std::string kind;
        const std::vector<std::string> kinds = sources.kinds ? sources.kinds() : std::vector<std::string>{};
        for (const std::string& name : option.get_lnames()) {
            if (std::find(kinds.begin(), kinds.end(), name) != kinds.end()) {
                kind = name;
            }
        }
        offer_all(sources.ids ? sources.ids(kind) : std::vector<std::string>{});
        break;
    }
    case ValueKind::kind:
        offer_all(sources.kinds ? sources.kinds() : std::vector<std::string>{});
        break;
    case ValueKind::rev:
        completion.shell = Completion::Shell::revisions;
        break;
    case ValueKind::file:
        completion.shell = Completion::Shell::files;
        break;
    case ValueKind::folder:
        completion.shell = Completion::Shell::folders;
        break;
    case ValueKind::none:
    case ValueKind::text:
        break;
    }
}

} // namespace

Completion complete(const CLI::App& root, const std::vector<std::string>& words, const CompletionSources& sources) {
    Completion completion;
    const CLI::App* app = &root;
    const CLI::Option* pending = nullptr; // an option whose value comes next
    std::size_t positional_index = 0;
    bool only_positionals = false;
    const std::string typed = words.empty() ? std::string() : words.back();
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::string& word = words[i];
        if (pending != nullptr) {
            pending = nullptr;
            continue;
        }
        if (!only_positionals && word == "--") {
            only_positionals = true;
            continue;
        }
        if (!only_positionals && word.size() > 1 && word.starts_with("-")) {
            const std::size_t equals = word.find('=');
            const CLI::Option* option = find_option(*app, word.substr(0, equals));
            if (option != nullptr && equals == std::string::npos && value_spec(*option).kind != ValueKind::none) {
                pending = option;
            }
            continue;
        }
        if (!only_positionals && positional_index == 0) {
            if (const CLI::App* sub = find_subcommand(*app, word)) {
                app = sub;
                continue;
            }
        }
        ++positional_index;
    }

    if (pending != nullptr) {
        offer_values(completion, *pending, typed, "", sources);
        return completion;
    }
    if (!only_positionals && typed.starts_with("-")) {
        const std::size_t equals = typed.find('=');
        if (typed.starts_with("--") && equals != std::string::npos) {
            if (const CLI::Option* option = find_option(*app, typed.substr(0, equals))) {
                offer_values(completion, *option, typed, typed.substr(0, equals + 1), sources);
            }
            return completion;
        }
        for (const CLI::Option* option : visible_options(*app)) {
            for (const std::string& name : option->get_lnames()) {
                offer(completion, typed, "--" + name, option->get_description());
            }
            for (const std::string& name : option->get_snames()) {
                offer(completion, typed, "-" + name, option->get_description());
            }
        }
        return completion;
    }
    if (!only_positionals && positional_index == 0) {
        for (const CLI::App* sub : visible_subcommands(*app)) {
            offer(completion, typed, sub->get_name(), sub->get_description());
        }
    }
    if (const CLI::Option* positional = positional_at(*app, positional_index)) {
        offer_values(completion, *positional, typed, "", sources);
    }
    return completion;
}

} // namespace cswm::cli

namespace cswm::cli {
namespace {

// Each script passes the words up to the cursor to `cswm __complete --` (the `--` keeps
// the words from being read as __complete's own options) and turns the answer into the
// shell's candidates. The binary is the one on the command line, so `./build/cswm <TAB>`
// asks that build.

constexpr const char* k_bash_script = R"SH(# bash completion for cswm, written by `cswm completion bash`.
# It asks cswm itself (`cswm __complete -- WORDS…`), so it follows new commands and kinds.
_cswm() {
    local cur="${COMP_WORDS[COMP_CWORD]}" line word i IFS=$'\n'
    local -a answer words=()
    COMPREPLY=()
    # bash splits --lang=en into --lang, =, en: join them back for cswm, and offer
    # only what follows the = (what bash replaces).
    for ((i = 1; i <= COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if ((${#words[@]})) && [[ $word == "=" || ${COMP_WORDS[i - 1]} == "=" ]]; then
            words[${#words[@]} - 1]+="$word"
        else
            words+=("$word")
        fi
    done
    local typed="${words[${#words[@]} - 1]}" strip=""
    if [[ $typed == --*=* ]]; then
        strip="${typed%%=*}="
        cur="${typed#*=}"
    fi
    answer=($("${COMP_WORDS[0]}" __complete -- "${words[@]}" 2>/dev/null))
    for line in "${answer[@]}"; do
        case "$line" in
        :files)
            compopt -o filenames 2>/dev/null
            COMPREPLY+=($(compgen -f -- "$cur")) ;;
        :folders)
            compopt -o filenames 2>/dev/null
            COMPREPLY+=($(compgen -d -- "$cur")) ;;
        :revisions)
            COMPREPLY+=($(compgen -W "HEAD$IFS$(git for-each-ref --format='%(refname:short)' 2>/dev/null)" -- "$cur")) ;;
        *)
            line="${line%%$'\t'*}"
            COMPREPLY+=("${line#"$strip"}") ;;
        esac
    done
}
complete -F _cswm cswm
)SH";

constexpr const char* k_zsh_script = R"SH(#compdef cswm
# zsh completion for cswm, written by `cswm completion zsh`.
# It asks cswm itself (`cswm __complete -- WORDS…`), so it follows new commands and kinds.
_cswm() {
    local line
    local -a answer described
    answer=("${(@f)$("${words[1]}" __complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    for line in "${answer[@]}"; do
        case "$line" in
        (:files) _files ;;
        (:folders) _files -/ ;;
        (:revisions) compadd -- HEAD $(git for-each-ref --format='%(refname:short)' 2>/dev/null) ;;
        ('') ;;
        (*) described+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}") ;;
        esac
    done
    (( ${#described} )) && _describe -t values cswm described
    return 0
}
if [ "${funcstack[1]}" = "_cswm" ]; then
    _cswm "$@"
else
    compdef _cswm cswm
fi
)SH";

constexpr const char* k_fish_script = R"SH(# fish completion for cswm, written by `cswm completion fish`.
# It asks cswm itself (`cswm __complete -- WORDS…`), so it follows new commands and kinds.
function __cswm_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l binary $words[1]
    set -e words[1]
    for line in ($binary __complete -- $words "$current" 2>/dev/null)
        switch $line
            case :files
                __fish_complete_path "$current"
            case :folders
                __fish_complete_directories "$current"
            case :revisions
                echo HEAD
                git for-each-ref --format='%(refname:short)' 2>/dev/null
            case '*'
                echo $line
        end
    end
end
complete -c cswm -f -a '(__cswm_complete)'
)SH";

} // namespace

std::string completion_lines(const Completion& completion) {
    std::string text;
    for (const auto& [word, about] : completion.words) {
        text += word + '\t' + about + '\n';
    }
    switch (completion.shell) {
    case Completion::Shell::files:
        text += ":files\n";
        break;
    case Completion::Shell::folders:
        text += ":folders\n";
        break;
    case Completion::Shell::revisions:
        text += ":revisions\n";
        break;
    case Completion::Shell::none:
        break;
    }
    return text;
}

std::string completion_script(const std::string& shell) {
    if (shell == "bash") {
        return k_bash_script;
    }
    if (shell == "zsh") {
        return k_zsh_script;
    }
    if (shell == "fish") {
        return k_fish_script;
    }
    return {};
}

} // namespace cswm::cli
