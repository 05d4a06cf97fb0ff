#include "lib/model/document.hpp"

namespace cswm {

Finding Document::finding_at(std::string_view pointer, bool at_key, Severity severity, std::string rule,
                             std::string message) const {
    const NodePlace place = yaml.place_of(pointer);
    const Position position = at_key ? place.key : place.value;
    return {severity, std::move(rule), path, position.line, position.column, id, std::move(message)};
}

} // namespace cswm
