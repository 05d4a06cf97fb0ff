#include "lib/i18n/i18n.hpp"

#include "lib/util/text.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <unordered_map>

namespace cswm::i18n {
namespace {

std::atomic<Language> g_language{Language::en};

const Message* find(std::string_view key) {
    static const std::unordered_map<std::string_view, const Message*> index = [] {
        std::unordered_map<std::string_view, const Message*> built;
        for (const Message& message : catalogue()) {
            built.emplace(message.key, &message);
        }
        return built;
    }();
    const auto found = index.find(key);
    return found == index.end() ? nullptr : found->second;
}

} // namespace

Language language() {
    return g_language.load(std::memory_order_relaxed);
}

void set_language(Language language) {
    g_language.store(language, std::memory_order_relaxed);
}

std::string_view language_name(Language language) {
    return language == Language::zh_TW ? "zh-TW" : "en";
}

std::optional<Language> parse_language(std::string_view name) {
    if (name == "en") {
        return Language::en;
    }
    if (name == "zh-TW") {
        return Language::zh_TW;
    }
    return std::nullopt;
}

Language language_from_locale(const std::function<const char*(const char*)>& getenv) {
    for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = getenv(variable);
        if (value == nullptr || *value == '\0') {
            continue;
        }
        // The first one set decides, as for setlocale: LC_ALL=C beats LANG=zh_TW.UTF-8.
        const std::string_view locale = value;
        for (const std::string_view chinese : {"zh_TW", "zh_HK", "zh_MO", "zh_Hant", "zh-TW", "zh-Hant"}) {
            if (locale.starts_with(chinese)) {
                return Language::zh_TW;
            }
        }
        return Language::en;
    }
    return Language::en;
}

std::string_view text(std::string_view key, Language language) {
    const Message* message = find(key);
    if (message == nullptr) {
        throw std::logic_error("no message " + std::string(key) + " in the catalogue");
    }
    return language == Language::zh_TW && !message->zh_tw.empty() ? message->zh_tw : message->en;
}

std::string_view text(std::string_view key) {
    return text(key, language());
}

std::vector<std::string> placeholders(std::string_view text) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' || text[i] == '}') {
            if (i + 1 < text.size() && text[i + 1] == text[i]) {
                ++i; // {{ and }} are literal braces
                continue;
            }
            if (text[i] == '}') {
                names.emplace_back("}"); // a lone } is a mistake the test reports
                continue;
            }
            const std::size_t close = text.find('}', i);
            if (close == std::string_view::npos) {
                names.emplace_back("{");
                break;
            }
            std::string_view field = text.substr(i + 1, close - i - 1);
            field = field.substr(0, field.find(':'));
            names.emplace_back(field);
            i = close;
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

} // namespace cswm::i18n

namespace cswm::i18n {

std::string noun_phrase(std::string_view noun) {
    return language() == Language::zh_TW ? std::string(noun) : with_article(noun);
}

std::string join_or(const std::vector<std::string>& words) {
    return join(words, language() == Language::zh_TW ? " 或 " : " or ");
}

} // namespace cswm::i18n

namespace cswm::i18n {

std::string view_language(const std::optional<std::string>& own) {
    if (own) {
        if (const auto chosen = parse_language(*own)) {
            set_language(*chosen);
        }
        return *own;
    }
    return std::string(language_name(language()));
}

} // namespace cswm::i18n
