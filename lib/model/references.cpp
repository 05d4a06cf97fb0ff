#include "lib/model/references.hpp"

#include <algorithm>
#include <cctype>

namespace cswm {
namespace {

bool key_is(const std::string& key, std::string_view wanted) {
    return key.size() == wanted.size() && std::equal(key.begin(), key.end(), wanted.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
}

} // namespace

std::vector<std::string> referenced_ids(const std::vector<Trailer>& trailers) {
    std::vector<std::string> ids;
    for (const Trailer& trailer : trailers) {
        if (!key_is(trailer.key, "refs")) {
            continue;
        }
        std::string current;
        auto flush = [&] {
            if (!current.empty() && std::find(ids.begin(), ids.end(), current) == ids.end()) {
                ids.push_back(current);
            }
            current.clear();
        };
        // Full-width ，、； typed by a Chinese input method separate IDs too.
        std::string value = trailer.value;
        for (const std::string_view wide : {"\uFF0C", "\u3001", "\uFF1B"}) {
            for (std::size_t at = value.find(wide); at != std::string::npos; at = value.find(wide, at)) {
                value.replace(at, wide.size(), ",");
            }
        }
        for (const char c : value) {
            if (c == ',' || c == ' ' || c == '\t' || c == ';' || c == '\n' || c == '\r') {
                flush();
            } else {
                current += c;
            }
        }
        flush();
    }
    return ids;
}

bool has_review_trailer(const std::vector<Trailer>& trailers) {
    return std::any_of(trailers.begin(), trailers.end(),
                       [](const Trailer& trailer) { return key_is(trailer.key, "reviewed-by"); });
}

std::vector<std::string> item_ids(const Document& document) {
    std::vector<std::string> ids;
    if (!document.parsed() || document.kind == nullptr) {
        return ids;
    }
    for (const ItemDefinition& item : document.kind->items) {
        for (const FieldPath::Match& match : item.field.find(document.data())) {
            if (match.value->is_string()) {
                ids.push_back(match.value->get<std::string>());
            }
        }
    }
    return ids;
}

std::unordered_set<std::string> defined_ids(const std::vector<Document>& documents) {
    std::unordered_set<std::string> ids;
    for (const Document& document : documents) {
        if (!document.parsed() || document.id.empty()) {
            continue;
        }
        ids.insert(document.id);
        for (std::string& item : item_ids(document)) {
            ids.insert(std::move(item));
        }
    }
    return ids;
}

} // namespace cswm
