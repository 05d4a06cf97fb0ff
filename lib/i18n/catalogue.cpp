#include "lib/i18n/catalogue.hpp"

#include <vector>

namespace cswm::i18n {

std::span<const Message> catalogue() {
    static const std::vector<Message> joined = [] {
        std::vector<Message> all;
        for (const std::span<const Message> part :
             {core_messages(), options_messages(), errors_messages(), results_messages()}) {
            all.insert(all.end(), part.begin(), part.end());
        }
        return all;
    }();
    return joined;
}

} // namespace cswm::i18n
