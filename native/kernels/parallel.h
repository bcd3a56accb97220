// OpenMP helpers. Every parallel region in numnode goes through here, so that:
//  - one thread budget (set_num_threads) governs all of them, passed explicitly as
//    num_threads(...) because omp_set_num_threads only sets the *calling* thread's
//    ICV, and later async work runs on libuv threads that never called it;
//  - small inputs stay serial: forking a team costs microseconds, more than a
//    small copy;
//  - nothing throws inside a region (an exception escaping an OpenMP region calls
//    std::terminate): the callables passed here must be noexcept.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <type_traits>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace numnode {

// Below this many bytes moved, copy and cast run on one thread. Measured on the
// 2-core dev machine (memcpy, warm caches): 1 MiB takes 22-32 us on one thread and
// 11-23 us on two; the gain shrinks to nothing below ~512 KiB. 1 MiB is the
// conservative side on purpose: when other processes keep the cores busy, a
// fork/join can wait a whole scheduler tick (~4 ms was measured under load).
constexpr int64_t kParallelMinBytes = int64_t{1} << 20;

// The threads the calling computation may use (>= 1): its share of the budget
// while it runs under a ThreadTeam (budget.h: concurrent async jobs split the
// cores), else the whole budget. Defined in parallel.cc.
int num_threads() noexcept;
// Sets the budget for numnode's regions and for OpenBLAS together.
void set_num_threads(int n) noexcept;
// Sets the budget once per process (called at addon load) from NUMNODE_NUM_THREADS,
// else the smaller of OMP_NUM_THREADS / OPENBLAS_NUM_THREADS, else the CPU count.
void init_num_threads() noexcept;

// Calls fn(begin, end) on disjoint chunks covering [0, n), in parallel when
// `bytes` (the work's size) reaches kParallelMinBytes and the budget allows.
// fn must be noexcept (checked at compile time).
template <class F>
void parallel_for(int64_t n, int64_t bytes, F&& fn) noexcept {
  static_assert(std::is_nothrow_invocable_v<F&, int64_t, int64_t>,
                "parallel_for body must be noexcept: exceptions may not leave an OpenMP region");
  if (n <= 0) return;
  int nt = num_threads();
#ifdef _OPENMP
  // Nested calls (e.g. from inside another region) run serially.
  if (omp_in_parallel()) nt = 1;
#endif
  if (nt <= 1 || bytes < kParallelMinBytes || n < 2) {
    fn(int64_t{0}, n);
    return;
  }
  nt = static_cast<int>(std::min<int64_t>(nt, n));
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
  {
    // Static, contiguous chunks: each thread streams its own region of memory.
    const int64_t t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t begin = n * t / T, end = n * (t + 1) / T;
    if (begin < end) fn(begin, end);
  }
#else
  fn(int64_t{0}, n);
#endif
}

// Runs fn over [0, n) on nt threads as kPiecesPerThread contiguous pieces per
// thread, handed out one at a time: the calling thread starts at once, and a
// worker that wakes late (OpenMP workers sleep after a short spin, numnode's
// default) takes fewer pieces instead of holding the caller at the barrier. Only
// for bodies whose result does not depend on where the pieces fall.
constexpr int64_t kPiecesPerThread = 8;
template <class F>
void run_pieces(int64_t n, int nt, F& fn) noexcept {
  const int64_t pieces = std::min<int64_t>(n, kPiecesPerThread * nt);
  std::atomic<int64_t> next{0};
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
#endif
  for (int64_t p = next.fetch_add(1, std::memory_order_relaxed); p < pieces;
       p = next.fetch_add(1, std::memory_order_relaxed))
    fn(n * p / pieces, n * (p + 1) / pieces);
}

// parallel_for with the caller's own threshold: parallel when n reaches min_n
// (elements, measured per kernel family; the elementwise kernels use it because
// a transcendental function pays off on two threads far below 1 MiB).
template <class F>
void parallel_for_min(int64_t n, int64_t min_n, F&& fn) noexcept {
  static_assert(std::is_nothrow_invocable_v<F&, int64_t, int64_t>,
                "parallel_for_min body must be noexcept: exceptions may not leave an OpenMP region");
  if (n <= 0) return;
  int nt = num_threads();
#ifdef _OPENMP
  if (omp_in_parallel()) nt = 1;
#endif
  if (nt <= 1 || n < min_n || n < 2) {
    fn(int64_t{0}, n);
    return;
  }
  run_pieces(n, static_cast<int>(std::min<int64_t>(nt, n)), fn);
}

}  // namespace numnode
