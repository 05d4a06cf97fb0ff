#pragma once

// The language of what cswm says to its user, and the one catalogue of its messages
// (messages*.cpp, joined by catalogue.cpp) in English and Traditional Chinese.

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cswm::i18n {

enum class Language { en, zh_TW };

/// One message of the catalogue: a stable key and its text in each language, with fmt
/// named placeholders (`{id}`, `{path}`) so that word order may differ.
struct Message {
    std::string_view key;
    std::string_view en;
    std::string_view zh_tw;
};

/// Every message, grouped by the area that says it.
std::span<const Message> catalogue();

/// The language messages are said in, for the whole process (English until set).
Language language();
void set_language(Language language);

/// "en" or "zh-TW", as `--lang` and `.cswm.yaml` spell them.
std::string_view language_name(Language language);

/// "en" or "zh-TW" as a language; nullopt for anything else.
std::optional<Language> parse_language(std::string_view name);

/// The language a POSIX locale asks for: the first set of LC_ALL, LC_MESSAGES, LANG;
/// zh_TW*, zh_HK*, zh_Hant* mean Traditional Chinese, anything else English.
Language language_from_locale(const std::function<const char*(const char*)>& getenv);

/// The text of a key in the current language; throws std::logic_error for an unknown key.
std::string_view text(std::string_view key);

/// The text of a key in a given language.
std::string_view text(std::string_view key, Language language);

/// The names of the `{placeholders}` of a message text, sorted and unique.
std::vector<std::string> placeholders(std::string_view text);

} // namespace cswm::i18n

namespace cswm {

/// A message of the catalogue in the current language, its placeholders filled from
/// fmt::arg("name", value) arguments: tr("report.errors-many", fmt::arg("count", 2)).
template <typename... Args>
std::string tr(std::string_view key, const Args&... args) {
    return fmt::vformat(fmt::string_view(i18n::text(key).data(), i18n::text(key).size()),
                        fmt::make_format_args(args...));
}

/// A message in a given language rather than the current one: the words of a view, which
/// follow the view's own --lang (i18n::view_language), or text written into a document in
/// the document's language.
template <typename... Args>
std::string tr(std::string_view key, i18n::Language language, const Args&... args) {
    const std::string_view text = i18n::text(key, language);
    return fmt::vformat(fmt::string_view(text.data(), text.size()), fmt::make_format_args(args...));
}

} // namespace cswm

namespace cswm::i18n {

/// A noun as a message's argument: "a test-report" in English, the noun alone in Chinese.
std::string noun_phrase(std::string_view noun);

/// Words of a list joined in the current language: "a, b or c" / "a、b 或 c".
std::string join_or(const std::vector<std::string>& words);

} // namespace cswm::i18n

namespace cswm::i18n {

/// The language of a view's headings (status, trace, impact, list, show): a command's own
/// --lang, which then becomes the language of its messages too; else the messages' language.
std::string view_language(const std::optional<std::string>& own);

} // namespace cswm::i18n
