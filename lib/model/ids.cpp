#include "lib/model/ids.hpp"

#include <cstdlib>
#include <string_view>

namespace cswm {

namespace {

/// An ID as id_less orders it: the text before the last '-' and the number after it, or,
/// when it ends in no number (of up to 17 digits), the whole ID and -1.
struct IdParts {
    std::string_view prefix;
    long long number;
};

IdParts id_parts(const std::string& id) {
    const std::size_t dash = id.rfind('-');
    if (dash == std::string::npos || dash + 1 >= id.size() ||
        id.find_first_not_of("0123456789", dash + 1) != std::string::npos || id.size() - dash > 18) {
        return {id, -1LL};
    }
    return {std::string_view(id).substr(0, dash), std::atoll(id.c_str() + dash + 1)};
}

} // namespace

bool id_less(const std::string& a, const std::string& b) {
    // Without copies: sorting is most of what calls this.
    const IdParts left = id_parts(a);
    const IdParts right = id_parts(b);
    if (const int order = left.prefix.compare(right.prefix); order != 0) {
        return order < 0;
    }
    if (left.number != right.number) {
        return left.number < right.number;
    }
    return a < b;
}

} // namespace cswm
