// The process-wide thread budget shared by numnode's OpenMP regions and OpenBLAS.
#include "parallel.h"

#include <cblas.h>  // openblas_set_num_threads (OpenBLAS's own extension)

#include <cstdlib>
#include <cstring>

namespace numnode {

namespace {
// 0 until init_num_threads() runs; read on every parallel region, so atomic.
std::atomic<int> g_num_threads{0};

int default_threads() noexcept {
#ifdef _OPENMP
  // Honours OMP_NUM_THREADS, else the number of online CPUs.
  return std::max(1, omp_get_max_threads());
#else
  return 1;
#endif
}
}  // namespace

int num_threads() noexcept {
  int n = g_num_threads.load(std::memory_order_relaxed);
  return n > 0 ? n : default_threads();
}

void set_num_threads(int n) noexcept {
  if (n < 1) n = 1;
  g_num_threads.store(n, std::memory_order_relaxed);
#ifdef _OPENMP
  omp_set_num_threads(n);  // for OpenMP regions that do not pass num_threads (OpenBLAS's)
#endif
  // In OpenBLAS's OpenMP build this sets the team size its own regions request.
  openblas_set_num_threads(n);
}

void init_num_threads() noexcept {
  // NUMNODE_NUM_THREADS wins; otherwise keep what OpenMP and OpenBLAS chose from
  // OMP_NUM_THREADS / OPENBLAS_NUM_THREADS / the CPU count.
  const char* env = std::getenv("NUMNODE_NUM_THREADS");
  if (env != nullptr && *env != '\0') {
    char* end = nullptr;
    long v = std::strtol(env, &end, 10);
    if (end != nullptr && *end == '\0' && v >= 1 && v <= 1024) {
      set_num_threads(static_cast<int>(v));
      return;
    }
  }
  g_num_threads.store(default_threads(), std::memory_order_relaxed);
}

}  // namespace numnode
