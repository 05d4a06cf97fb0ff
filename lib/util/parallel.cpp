#include "lib/util/parallel.hpp"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace cswm {

std::size_t worker_count() {
    if (const char* jobs = std::getenv("CSWM_JOBS"); jobs != nullptr && *jobs != '\0') {
        std::size_t value = 0;
        const char* end = jobs + std::strlen(jobs);
        const auto [stop, error] = std::from_chars(jobs, end, value);
        if (error == std::errc() && stop == end && value >= 1 && value <= 64) {
            return value;
        }
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        return std::clamp<std::size_t>(static_cast<std::size_t>(CPU_COUNT(&set)), 1, 64);
    }
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 64);
}

void parallel_for(std::size_t count, const std::function<void(std::size_t)>& work) {
    constexpr std::size_t batch = 8;
    const std::size_t threads = std::min(worker_count(), (count + batch - 1) / batch);
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            work(i);
        }
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::mutex error_mutex;
    auto run = [&] {
        while (!failed.load(std::memory_order_relaxed)) {
            const std::size_t start = next.fetch_add(batch, std::memory_order_relaxed);
            if (start >= count) {
                return;
            }
            const std::size_t end = std::min(count, start + batch);
            try {
                for (std::size_t i = start; i < end; ++i) {
                    work(i);
                }
            } catch (...) {
                const std::lock_guard lock(error_mutex);
                if (!first_error) {
                    first_error = std::current_exception();
                }
                failed.store(true, std::memory_order_relaxed);
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) {
        pool.emplace_back(run);
    }
    run();
    for (std::thread& thread : pool) {
        thread.join();
    }
    if (first_error) {
        std::rethrow_exception(first_error);
    }
}

} // namespace cswm
