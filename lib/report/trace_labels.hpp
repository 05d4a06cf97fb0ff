#pragma once

// Internal to lib/report: the words of the trace, status and impact views in English and
// Traditional Chinese.

#include <fmt/format.h>

#include <string>
#include <utility>

namespace cswm::labels {

/// A word or phrase in the view's language: `en` unless the language is zh-TW.
inline const char* pick(const std::string& language, const char* en, const char* zh) {
    return language == "zh-TW" ? zh : en;
}

/// A phrase in the view's language with its `{}` filled in.
template <typename... Args>
std::string say(const std::string& language, const char* en, const char* zh, Args&&... args) {
    return fmt::format(fmt::runtime(pick(language, en, zh)), std::forward<Args>(args)...);
}

/// A test outcome in words: passed / 通過 …
inline std::string outcome(const std::string& value, const std::string& language) {
    if (language != "zh-TW") {
        return value;
    }
    if (value == "passed") {
        return "通過";
    }
    if (value == "failed") {
        return "不通過";
    }
    if (value == "blocked") {
        return "無法執行";
    }
    if (value == "skipped") {
        return "略過";
    }
    return value;
}

} // namespace cswm::labels
