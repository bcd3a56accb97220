// The process-wide thread budget shared by numnode's OpenMP regions and OpenBLAS.
#include "parallel.h"

#include <cblas.h>  // openblas_set_num_threads (OpenBLAS's own extension)

#include <cstdlib>
#include <cstring>

#include "budget.h"  // issue 7: per-thread shares of the budget

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

int budget_total() noexcept {
  int n = g_num_threads.load(std::memory_order_relaxed);
  return n > 0 ? n : default_threads();
}

int num_threads() noexcept {
  // Inside a computation: the share of the budget it was given (budget.h).
  const int team = thread_team();
  return team > 0 ? team : budget_total();
}

void set_num_threads(int n) noexcept {
  if (n < 1) n = 1;
  const int old = g_num_threads.exchange(n, std::memory_order_relaxed);
#ifdef _OPENMP
  omp_set_num_threads(n);  // for OpenMP regions that do not pass num_threads (OpenBLAS's)
#endif
  // In OpenBLAS's OpenMP build this sets the team size its own regions request.
  openblas_set_num_threads(n);
  note_thread_icv(n);
  if (old != n) set_budget_source("setNumThreads");  // (config.ts re-applies NUMNODE_NUM_THREADS at load)
  budget_notify();  // async jobs waiting for a core may start now
}

namespace {
// A positive thread count from the environment (OMP_NUM_THREADS may be a list,
// "4,2" for nested levels: its first entry is the outer team), or 0.
int env_threads(const char* name) noexcept {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return 0;
  char* end = nullptr;
  const long x = std::strtol(v, &end, 10);
  if (end == v || (*end != '\0' && *end != ',') || x < 1 || x > 1024) return 0;
  return static_cast<int>(x);
}
}  // namespace

void init_num_threads() noexcept {
  // NUMNODE_NUM_THREADS wins. Otherwise the smallest of OMP_NUM_THREADS and
  // OPENBLAS_NUM_THREADS that is set (either one limits what the user wants from
  // the runtime it names, and numnode has one budget for both), else the CPUs
  // this process may use (omp_get_num_procs follows the affinity mask).
  int n = env_threads("NUMNODE_NUM_THREADS");
  const char* source = "NUMNODE_NUM_THREADS";
  if (n == 0) {
    const int omp = env_threads("OMP_NUM_THREADS"), blas = env_threads("OPENBLAS_NUM_THREADS");
    if (omp > 0 && (blas == 0 || omp <= blas)) {
      n = omp;
      source = "OMP_NUM_THREADS";
    } else if (blas > 0) {
      n = blas;
      source = "OPENBLAS_NUM_THREADS";
    }
  }
  if (n == 0) {
#ifdef _OPENMP
    n = std::max(1, omp_get_num_procs());
#else
    n = 1;
#endif
    source = "cpus";
  }
  set_num_threads(n);
  set_budget_source(source);
}

}  // namespace numnode
