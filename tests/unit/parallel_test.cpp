#include "lib/util/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

using namespace cswm;

namespace {

/// Sets CSWM_JOBS for the life of the object.
struct Jobs {
    explicit Jobs(const char* value) { ::setenv("CSWM_JOBS", value, 1); }
    ~Jobs() { ::unsetenv("CSWM_JOBS"); }
    Jobs(const Jobs&) = delete;
    Jobs& operator=(const Jobs&) = delete;
};

} // namespace

TEST_CASE("parallel_for calls the work once for every index, on any number of threads") {
    for (const char* jobs : {"1", "2", "3", "8"}) {
        const Jobs set(jobs);
        CAPTURE(jobs);
        for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
            std::vector<std::atomic<int>> calls(count);
            parallel_for(count, [&](std::size_t i) { calls[i].fetch_add(1); });
            int wrong = 0;
            for (const std::atomic<int>& each : calls) {
                wrong += each.load() == 1 ? 0 : 1;
            }
            CHECK(wrong == 0);
        }
    }
}

TEST_CASE("parallel_for rethrows an exception of the work after every thread stopped") {
    const Jobs set("4");
    std::atomic<int> done{0};
    CHECK_THROWS_WITH_AS(parallel_for(500,
                                      [&](std::size_t i) {
                                          if (i == 123) {
                                              throw std::runtime_error("document 123");
                                          }
                                          done.fetch_add(1);
                                      }),
                         "document 123", std::runtime_error);
    CHECK(done.load() < 500);
}

TEST_CASE("CSWM_JOBS sets the number of threads; nonsense falls back to the CPUs") {
    {
        const Jobs set("3");
        CHECK(worker_count() == 3);
    }
    for (const char* nonsense : {"0", "-1", "65", "two", "2x", ""}) {
        const Jobs set(nonsense);
        CAPTURE(nonsense);
        CHECK(worker_count() >= 1);
        CHECK(worker_count() <= 64);
        CHECK(worker_count() != 0);
    }
}
