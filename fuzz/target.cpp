// The libFuzzer entry point of one target; CMake compiles this file once per target with
// CSWM_FUZZ_TARGET set to the target's name.

#include "fuzz/entries.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const cswm::fuzz::Target* const target = [] {
        const cswm::fuzz::Target* found = cswm::fuzz::find_target(CSWM_FUZZ_TARGET);
        if (found == nullptr) {
            std::fprintf(stderr, "no fuzz target named %s\n", CSWM_FUZZ_TARGET);
            std::abort();
        }
        return found;
    }();
    target->run(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
