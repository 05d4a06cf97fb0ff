#pragma once

// Internal to lib/report: the language of the trace, status and impact views. Their words
// are in the one catalogue (lib/i18n/messages_results.cpp, keys view.*), said with
// tr(key, lang(language), …) in the view's own language.

#include "lib/i18n/i18n.hpp"

#include <string>
#include <string_view>

namespace cswm::labels {

/// The language of a view as the catalogue knows it: zh-TW, else English.
inline i18n::Language lang(const std::string& language) {
    return language == "zh-TW" ? i18n::Language::zh_TW : i18n::Language::en;
}

/// A test outcome in words: passed / 通過 …; an outcome the catalogue does not know as itself.
inline std::string outcome(const std::string& value, const std::string& language) {
    if (value == "passed") {
        return tr("view.outcome-passed", lang(language));
    }
    if (value == "failed") {
        return tr("view.outcome-failed", lang(language));
    }
    if (value == "blocked") {
        return tr("view.outcome-blocked", lang(language));
    }
    if (value == "skipped") {
        return tr("view.outcome-skipped", lang(language));
    }
    return value;
}

} // namespace cswm::labels
