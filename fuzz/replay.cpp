// Runs fuzz-target inputs without libFuzzer, with any compiler: to reproduce a crash in
// a debugger or under valgrind. Usage: cswm_fuzz_replay TARGET FILE...

#include "fuzz/entries.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: cswm_fuzz_replay TARGET FILE...\n");
        return 2;
    }
    const cswm::fuzz::Target* target = cswm::fuzz::find_target(argv[1]);
    if (target == nullptr) {
        std::fprintf(stderr, "no fuzz target named %s\n", argv[1]);
        return 2;
    }
    try {
        for (int i = 2; i < argc; ++i) {
            std::fprintf(stderr, "%s\n", argv[i]);
            target->run(cswm::read_file_or_throw(argv[i]));
        }
    } catch (const cswm::Error& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 2;
    }
    return 0;
}
