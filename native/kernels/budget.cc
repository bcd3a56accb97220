// The process-wide core budget (see budget.h). One mutex guards the count of
// cores in use; it is taken once per computation (not per element), so its cost
// (~20 ns uncontended) is noise next to any kernel worth a native call.
#include "budget.h"

#include <cblas.h>  // openblas_get_num_threads / openblas_set_num_threads

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <mutex>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace numnode {

namespace {

std::mutex g_mu;
std::condition_variable g_cv;
int g_in_use = 0;       // guarded by g_mu
int g_peak = 0;         // guarded by g_mu
std::atomic<const char*> g_source{"cpus"};

// The share applied to this thread (0: none), and the OpenMP ICV we last gave it
// (0: unknown). ICVs are per thread, so a cache per thread is exact.
thread_local int t_team = 0;
thread_local int t_icv = 0;

void take_locked(int n) {
  g_in_use += n;
  g_peak = std::max(g_peak, g_in_use);
}

}  // namespace

const char* budget_source() noexcept { return g_source.load(std::memory_order_relaxed); }
void set_budget_source(const char* s) noexcept { g_source.store(s, std::memory_order_relaxed); }

int budget_in_use() noexcept {
  std::lock_guard<std::mutex> lock(g_mu);
  return g_in_use;
}

int budget_peak_in_use() noexcept {
  std::lock_guard<std::mutex> lock(g_mu);
  return g_peak;
}

void budget_reset_peak() noexcept {
  std::lock_guard<std::mutex> lock(g_mu);
  g_peak = g_in_use;
}

int budget_take_now(int want) noexcept {
  std::lock_guard<std::mutex> lock(g_mu);
  const int free = budget_total() - g_in_use;
  const int n = std::max(1, std::min(want, free));
  take_locked(n);
  return n;
}

int budget_try_reserve(int want, int contenders) noexcept {
  std::lock_guard<std::mutex> lock(g_mu);
  const int free = budget_total() - g_in_use;
  if (free < 1) return 0;
  const int split = std::max(1, free / std::max(1, contenders));
  const int n = std::max(1, std::min(want, split));
  take_locked(n);
  return n;
}

int budget_take_wait(int want, const std::atomic<bool>* cancel) noexcept {
  std::unique_lock<std::mutex> lock(g_mu);
  g_cv.wait(lock, [&] {
    return (cancel != nullptr && cancel->load(std::memory_order_acquire)) || budget_total() - g_in_use >= 1;
  });
  if (cancel != nullptr && cancel->load(std::memory_order_acquire)) return 0;
  const int n = std::max(1, std::min(want, budget_total() - g_in_use));
  take_locked(n);
  return n;
}

void budget_release(int n) noexcept {
  if (n <= 0) return;
  {
    std::lock_guard<std::mutex> lock(g_mu);
    g_in_use -= n;
  }
  g_cv.notify_all();
}

void budget_notify() noexcept {
  // Taking the lock orders the notification after the waiter's predicate check.
  { std::lock_guard<std::mutex> lock(g_mu); }
  g_cv.notify_all();
}

int thread_team() noexcept { return t_team; }

void note_thread_icv(int n) noexcept { t_icv = n; }

ThreadTeam::ThreadTeam(int share) noexcept : prev_(t_team), prev_icv_(t_icv) {
  if (share < 1) share = 1;
  t_team = share;
#ifdef _OPENMP
  if (t_icv != share) {
    omp_set_num_threads(share);
    t_icv = share;
  }
#endif
  // OpenBLAS releases whose num_cpu_avail() returns 1 as soon as the global count
  // is 1 would otherwise keep a share of 2 on one thread.
  if (share > 1 && openblas_get_num_threads() == 1) {
    openblas_set_num_threads(share);  // also sets this thread's ICV to `share`
  }
}

ThreadTeam::~ThreadTeam() {
  t_team = prev_;
#ifdef _OPENMP
  // Give a JS thread its ICV back (set_num_threads recorded it), so that OpenMP
  // or OpenBLAS work outside any team keeps the full budget. Pool threads start
  // unknown (0) and keep whatever their last job set.
  if (prev_icv_ != 0 && t_icv != prev_icv_) {
    omp_set_num_threads(prev_icv_);
    t_icv = prev_icv_;
  }
#endif
}

SyncShare::SyncShare() noexcept : share_(budget_take_now(budget_total())), team_(share_) {}

SyncShare::~SyncShare() { budget_release(share_); }

int uv_pool_size() noexcept {
  // libuv reads UV_THREADPOOL_SIZE once, when the pool starts (default 4, clamped
  // to 1..1024); reading it at our first use matches unless the variable changes
  // later, which libuv ignores as well.
  static const int n = [] {
    const char* v = std::getenv("UV_THREADPOOL_SIZE");
    long x = v != nullptr ? std::strtol(v, nullptr, 10) : 0;
    if (x <= 0) x = 4;
    return static_cast<int>(std::min<long>(x, 1024));
  }();
  return n;
}

}  // namespace numnode
