#include "cmd/command.hpp"

#include <iostream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // cswm allocates millions of small JSON nodes and frees them together; glibc's fast
    // bins then spend the time consolidating (perf: malloc_consolidate and unlink_chunk were
    // 18% of `trace`). Without them trace at N = 10,000 ran 1.50 → 1.28 s (docs/performance.md).
    mallopt(M_MXFAST, 0);
#endif
    return cswm::cli::run(argc, argv, std::cout, std::cerr, /*end_process=*/true);
}
