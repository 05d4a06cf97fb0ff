#pragma once

#include <cstddef>
#include <functional>

namespace cswm {

/// How many threads parallel work uses: the CPUs this process may run on (its affinity
/// mask, as `nproc` says), or CSWM_JOBS when set to a number from 1 to 64.
std::size_t worker_count();

/// Calls `work(i)` for every i in [0, count), on up to worker_count() threads that take
/// indices in small batches. `work` must only touch what belongs to index i (results go
/// into slot i of a vector sized beforehand), so the outcome does not depend on the
/// threads. The first exception thrown by any call is rethrown here, after every thread
/// has stopped.
void parallel_for(std::size_t count, const std::function<void(std::size_t)>& work);

} // namespace cswm
