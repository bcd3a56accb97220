// The process-wide core budget (see budget.h).
#include "budget.h"

#include <cblas.h>  // openblas_get_num_threads / openblas_set_num_threads

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <mutex>

#ifdef _OPENMP
#include <omp.h>
#endif

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <thread>
#endif

namespace numnode {

namespace {

// Cores taken, lock-free: a synchronous call takes and gives back its share with
// one compare-and-swap each. The mutex and condition variable serve only jobs that
// wait for a core (g_waiters > 0), which is rare.
std::atomic<int> g_in_use{0};
std::atomic<int> g_peak{0};
std::atomic<int> g_waiters{0};
std::mutex g_mu;
std::condition_variable g_cv;
std::atomic<const char*> g_source{"cpus"};

// The share applied to this thread (0: none), and the OpenMP ICV we last gave it
// (0: unknown). ICVs are per thread, so a cache per thread is exact.
thread_local int t_team = 0;
thread_local int t_icv = 0;

void note_peak(int in_use) {
  int p = g_peak.load(std::memory_order_relaxed);
  while (in_use > p && !g_peak.compare_exchange_weak(p, in_use, std::memory_order_relaxed)) {
  }
}

// Takes min(want, free) cores, at least `floor` (which may exceed what is free:
// a synchronous caller always has its own thread); 0 when fewer than `floor` are
// free and floor is 0.
int take(int want, int floor) {
  int cur = g_in_use.load(std::memory_order_relaxed);
  for (;;) {
    const int free = budget_total() - cur;
    const int n = std::max(floor, std::min(want, free));
    if (n <= 0) return 0;
    if (g_in_use.compare_exchange_weak(cur, cur + n, std::memory_order_acq_rel)) {
      note_peak(cur + n);
      return n;
    }
  }
}

}  // namespace

const char* budget_source() noexcept { return g_source.load(std::memory_order_relaxed); }
void set_budget_source(const char* s) noexcept { g_source.store(s, std::memory_order_relaxed); }

int budget_in_use() noexcept { return g_in_use.load(std::memory_order_relaxed); }

int budget_peak_in_use() noexcept { return g_peak.load(std::memory_order_relaxed); }

void budget_reset_peak() noexcept { g_peak.store(g_in_use.load(std::memory_order_relaxed), std::memory_order_relaxed); }

int budget_take_now(int want) noexcept { return take(want, 1); }

int budget_try_reserve(int want, int contenders) noexcept {
  const int free = budget_total() - g_in_use.load(std::memory_order_relaxed);
  if (free < 1) return 0;
  return take(std::min(want, std::max(1, free / std::max(1, contenders))), 0);
}

int budget_take_wait(int want, const std::atomic<bool>* cancel) noexcept {
  const auto cancelled = [&] { return cancel != nullptr && cancel->load(std::memory_order_acquire); };
  std::unique_lock<std::mutex> lock(g_mu);
  g_waiters.fetch_add(1, std::memory_order_seq_cst);
  int n = 0;
  // Seq-cst on both sides (our waiters++ then read of g_in_use; a releaser's
  // g_in_use-- then read of g_waiters): one of the two sees the other, so a release
  // cannot slip between our check and our wait unnoticed.
  g_cv.wait(lock, [&] { return cancelled() || (n = take(want, 0)) > 0; });
  g_waiters.fetch_sub(1, std::memory_order_seq_cst);
  return n;
}

void budget_release(int n) noexcept {
  if (n <= 0) return;
  g_in_use.fetch_sub(n, std::memory_order_seq_cst);
  if (g_waiters.load(std::memory_order_seq_cst) > 0) budget_notify();
}

void budget_notify() noexcept {
  // Taking the lock orders the notification after a waiter's predicate check.
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

#ifdef __linux__
namespace {
// setpriority(PRIO_PROCESS, tid) addresses one thread on Linux.
int thread_nice() noexcept {
  errno = 0;
  return getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
}
bool set_thread_nice(int n) noexcept {
  return setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), n) == 0;
}
}  // namespace
#endif

int async_nice() noexcept {
  static const int n = [] {
#ifdef __linux__
    long v = 10;
    if (const char* e = std::getenv("NUMNODE_ASYNC_NICE"); e != nullptr && *e != '\0') {
      char* end = nullptr;
      v = std::strtol(e, &end, 10);
      if (end == e || *end != '\0' || v < 0 || v > 19) v = 10;
    }
    if (v == 0) return 0;
    // Probe on a thread of our own: lower its priority, then try to restore it.
    bool ok = false;
    // A process already at nice 19 can lower nothing (19 + 1 clamps to 19, so the probe
    // would pass without showing that a priority can be given back): off there.
    std::thread probe([&] {
      const int before = thread_nice();
      ok = before < 19 && set_thread_nice(before + 1) && thread_nice() == before + 1 && set_thread_nice(before);
    });
    probe.join();
    return ok ? static_cast<int>(v) : 0;
#else
    return 0;
#endif
  }();
  return n;
}

BackgroundPriority::BackgroundPriority() noexcept {
#ifdef __linux__
  const int n = async_nice();
  if (n == 0) return;
  prev_ = thread_nice();
  if (prev_ < n) set_ = set_thread_nice(n);
#endif
}

BackgroundPriority::~BackgroundPriority() {
#ifdef __linux__
  if (set_) set_thread_nice(prev_);
#endif
}

}  // namespace numnode
