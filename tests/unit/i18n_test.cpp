#include "lib/i18n/i18n.hpp"

#include <doctest/doctest.h>
#include <fmt/args.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace cswm;
using i18n::Language;

namespace {

/// The message text with `code spans` and {placeholders} taken out: what a reader reads.
std::string prose(std::string_view text) {
    std::string kept;
    bool code = false;
    int depth = 0;
    for (char c : text) {
        if (c == '`') {
            code = !code;
        } else if (!code && c == '{') {
            ++depth;
        } else if (!code && c == '}' && depth > 0) {
            --depth;
        } else if (!code && depth == 0) {
            kept += c;
        }
    }
    return kept;
}

std::set<std::string> areas() {
    std::set<std::string> names;
    for (const i18n::Message& message : i18n::catalogue()) {
        names.insert(std::string(message.key.substr(0, message.key.find('.'))));
    }
    return names;
}

/// Every key that a tr( call of lib/ and cmd/ names ("check.requirement-untested"), with
/// the file that holds it.
std::map<std::string, std::string> keys_in_source() {
    std::set<std::string> prefixes = areas();
    std::string alternatives;
    for (const std::string& prefix : prefixes) {
        alternatives += (alternatives.empty() ? "" : "|") + prefix;
    }
    const std::regex literal("\"((?:" + alternatives + ")\\.[a-z0-9][a-z0-9-]*)\"");
    std::map<std::string, std::string> found;
    for (const char* folder : {"lib", "cmd"}) {
        for (const auto& entry :
             std::filesystem::recursive_directory_iterator(std::filesystem::path(CSWM_SOURCE_DIR) / folder)) {
            const std::string name = entry.path().filename().string();
            if (!entry.is_regular_file() || (name.starts_with("messages") && name.ends_with(".cpp")) ||
                !(name.ends_with(".cpp") || name.ends_with(".hpp"))) {
                continue;
            }
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string source = text.str();
            // The first argument of every tr( call: a key, or a choice of keys (`a ? "x" : "y"`).
            for (std::size_t at = source.find("tr("); at != std::string::npos; at = source.find("tr(", at + 3)) {
                if (at > 0 &&
                    (std::isalnum(static_cast<unsigned char>(source[at - 1])) != 0 || source[at - 1] == '_')) {
                    continue; // str(, attr( …
                }
                // Up to the comma or parenthesis that ends the first argument.
                std::size_t end_of_first = at + 3;
                for (int depth = 0; end_of_first < source.size(); ++end_of_first) {
                    const char c = source[end_of_first];
                    if (c == '(') {
                        ++depth;
                    } else if ((c == ')' || c == ',') && depth == 0) {
                        break;
                    } else if (c == ')') {
                        --depth;
                    }
                }
                const std::string first = source.substr(at + 3, end_of_first - at - 3);
                for (std::sregex_iterator key(first.begin(), first.end(), literal), end; key != end; ++key) {
                    found.emplace((*key)[1].str(), entry.path().lexically_relative(CSWM_SOURCE_DIR).string());
                }
            }
        }
    }
    return found;
}

} // namespace

TEST_CASE("every message has both languages, with the same placeholders") {
    std::set<std::string_view> keys;
    for (const i18n::Message& message : i18n::catalogue()) {
        CAPTURE(message.key);
        CHECK(keys.insert(message.key).second); // unique
        CHECK(std::regex_match(std::string(message.key), std::regex("[a-z0-9]+\\.[a-z0-9][a-z0-9-]*")));
        CHECK_FALSE(message.en.empty());
        CHECK_FALSE(message.zh_tw.empty());
        const auto en = i18n::placeholders(message.en);
        CHECK(en == i18n::placeholders(message.zh_tw));
        // A lone brace shows up as a placeholder named "{" or "}".
        CHECK(std::find(en.begin(), en.end(), "{") == en.end());
        CHECK(std::find(en.begin(), en.end(), "}") == en.end());
        // Both texts format with every placeholder given (a number fits every format spec).
        fmt::dynamic_format_arg_store<fmt::format_context> args;
        for (const std::string& name : en) {
            args.push_back(fmt::arg(name.c_str(), 7));
        }
        for (const std::string_view text : {message.en, message.zh_tw}) {
            CHECK_NOTHROW((void)fmt::vformat(fmt::string_view(text.data(), text.size()), args));
        }
    }
}

TEST_CASE("the Chinese messages use full-width punctuation in their prose") {
    for (const i18n::Message& message : i18n::catalogue()) {
        CAPTURE(message.key);
        CAPTURE(message.zh_tw);
        const std::string text = prose(message.zh_tw);
        const bool has_chinese = std::any_of(text.begin(), text.end(), [](char c) { return (c & 0x80) != 0; });
        if (!has_chinese) {
            continue;
        }
        CHECK(text.find('(') == std::string::npos);
        CHECK(text.find(')') == std::string::npos);
        CHECK(text.find(';') == std::string::npos);
        CHECK(text.find(", ") == std::string::npos);
        CHECK(text.find('?') == std::string::npos);
        // "Refs: " and "Reviewed-by: " are git trailers, spelt as git spells them.
        CHECK(std::regex_search(text, std::regex("[^A-Za-z]: ")) == false);
    }
}

TEST_CASE("every key the source uses is in the catalogue, and every key is used") {
    const std::map<std::string, std::string> used = keys_in_source();
    REQUIRE_FALSE(used.empty());
    std::set<std::string> known;
    for (const i18n::Message& message : i18n::catalogue()) {
        known.insert(std::string(message.key));
    }
    for (const auto& entry : used) { // not a structured binding: doctest's macros capture it in a lambda
        const std::string& key = entry.first;
        CAPTURE(entry.second);
        CHECK_MESSAGE(known.contains(key), "unknown message key " << key);
    }
    for (const std::string& key : known) {
        CHECK_MESSAGE(used.contains(key), "message " << key << " is used nowhere");
    }
}

TEST_CASE("tr says a message in the chosen language, with named arguments in any order") {
    i18n::set_language(Language::en);
    CHECK(tr("check.commit-missing", fmt::arg("sha", "abc")) == "commit abc does not exist in this repository");
    i18n::set_language(Language::zh_TW);
    CHECK(tr("check.commit-missing", fmt::arg("sha", "abc")) == "commit abc 不存在於此儲存庫");
    CHECK(tr("check.summary-counts", fmt::arg("counted", 3), fmt::arg("field", "passed"), fmt::arg("stated", 4)) ==
          "summary.passed 為 4，但 results 中計有 3");
    CHECK_THROWS_AS(tr("check.no-such-key"), std::logic_error);
    i18n::set_language(Language::en);
    CHECK(i18n::text("check.commit-missing", Language::zh_TW) == "commit {sha} 不存在於此儲存庫");
}

TEST_CASE("the language a locale asks for") {
    auto from = [](std::map<std::string, std::string> environment) {
        return i18n::language_from_locale([&](const char* name) -> const char* {
            const auto found = environment.find(name);
            return found == environment.end() ? nullptr : found->second.c_str();
        });
    };
    CHECK(from({}) == Language::en);
    CHECK(from({{"LANG", "zh_TW.UTF-8"}}) == Language::zh_TW);
    CHECK(from({{"LANG", "zh_HK.UTF-8"}}) == Language::zh_TW);
    CHECK(from({{"LANG", "zh_Hant_TW"}}) == Language::zh_TW);
    CHECK(from({{"LANG", "zh_CN.UTF-8"}}) == Language::en); // Simplified Chinese: no catalogue of its own
    CHECK(from({{"LANG", "en_US.UTF-8"}}) == Language::en);
    CHECK(from({{"LANG", "C"}}) == Language::en);
    // The first set of LC_ALL, LC_MESSAGES, LANG decides; an empty one counts as unset.
    CHECK(from({{"LC_ALL", "C.UTF-8"}, {"LANG", "zh_TW.UTF-8"}}) == Language::en);
    CHECK(from({{"LC_ALL", ""}, {"LANG", "zh_TW.UTF-8"}}) == Language::zh_TW);
    CHECK(from({{"LC_MESSAGES", "zh_TW.UTF-8"}, {"LANG", "en_US.UTF-8"}}) == Language::zh_TW);
    CHECK(from({{"LC_ALL", "zh_TW.Big5"}, {"LC_MESSAGES", "C"}}) == Language::zh_TW);
}

TEST_CASE("language names as --lang and .cswm.yaml spell them") {
    CHECK(i18n::parse_language("en") == Language::en);
    CHECK(i18n::parse_language("zh-TW") == Language::zh_TW);
    CHECK_FALSE(i18n::parse_language("zh_TW").has_value());
    CHECK_FALSE(i18n::parse_language("").has_value());
    CHECK(i18n::language_name(Language::zh_TW) == "zh-TW");
    CHECK(i18n::placeholders("{a} {{b}} {c:02} {a}") == std::vector<std::string>{"a", "c"});
    CHECK(i18n::placeholders("x } y") == std::vector<std::string>{"}"});
}
