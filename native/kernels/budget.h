// The process-wide core budget (issue 7): every numnode computation, synchronous
// or on the libuv pool, runs with a *share* of getNumThreads() cores, so that
// concurrent calls split the cores instead of each starting a full OpenMP team
// (8 async requests on 2 cores run 2 threads, not 16).
//
// How a share is applied to the calling thread (ThreadTeam):
//  - numnode's own OpenMP regions pass num_threads(num_threads()), and
//    num_threads() returns the calling thread's share while a team is set;
//  - OpenBLAS's OpenMP build sizes its teams from the *calling thread's* OpenMP
//    ICV (omp_get_max_threads(): measured with Debian's 0.3.21, a thread with
//    ICV 1 runs dgemm on one thread and one with ICV 2 on two, whatever
//    openblas_set_num_threads last set from another thread), so the team sets
//    the thread's ICV with omp_set_num_threads, which only affects that thread.
//    Newer OpenBLAS releases also return 1 at once when their global count is 1;
//    the team restores the global count for shares above 1 in that case.
// A share is decided when a job starts and never changes while it runs.
//
// Plain C++17, no N-API, nothing throws.
#pragma once
#include <atomic>
#include <cstdint>

namespace numnode {

// The budget itself: getNumThreads() (defined in parallel.cc, which owns it).
int budget_total() noexcept;

// Where the budget came from at load: "NUMNODE_NUM_THREADS", "OMP_NUM_THREADS",
// "OPENBLAS_NUM_THREADS", "cpus" (the CPUs this process may run on), or
// "setNumThreads" after a call.
const char* budget_source() noexcept;
void set_budget_source(const char* s) noexcept;

// Cores currently taken by running computations (sync calls and async jobs), and
// the most ever taken at once (for tests and showConfig).
int budget_in_use() noexcept;
int budget_peak_in_use() noexcept;
void budget_reset_peak() noexcept;

// A synchronous caller (a JS thread) never waits: it takes what is free, at
// least 1 (the calling thread itself), at most `want`.
int budget_take_now(int want) noexcept;
// An async job being submitted: up to `want` cores, at most an even split of the
// free cores among `contenders` jobs, at least 1; 0 when no core is free.
int budget_try_reserve(int want, int contenders) noexcept;
// An async job on a pool thread whose submission found no free core: waits until
// one is free (returns min(want, free)) or *cancel becomes true (returns 0).
int budget_take_wait(int want, const std::atomic<bool>* cancel) noexcept;
void budget_release(int n) noexcept;
// Wakes waiters: after a cancellation or a change of the budget.
void budget_notify() noexcept;

// The share of the calling thread while a ThreadTeam is alive, else 0.
int thread_team() noexcept;
// Called by set_num_threads on the thread that changed the budget: its ICV was
// just set to n.
void note_thread_icv(int n) noexcept;

// Applies a share to the calling thread for its lifetime (see above).
class ThreadTeam {
 public:
  explicit ThreadTeam(int share) noexcept;
  ~ThreadTeam();
  ThreadTeam(const ThreadTeam&) = delete;
  ThreadTeam& operator=(const ThreadTeam&) = delete;

 private:
  int prev_;
  int prev_icv_;
};

// A synchronous computation's share: taken from the budget, applied to the
// thread, given back at the end of the scope.
class SyncShare {
 public:
  SyncShare() noexcept;
  ~SyncShare();
  SyncShare(const SyncShare&) = delete;
  SyncShare& operator=(const SyncShare&) = delete;
  int share() const noexcept { return share_; }

 private:
  int share_;
  ThreadTeam team_;
};

// libuv's pool size (UV_THREADPOOL_SIZE, default 4), read once: numnode keeps at
// least one pool thread free for fs, dns and crypto work.
int uv_pool_size() noexcept;

// The nice value async jobs run at (Linux), so that the event loop's thread wakes
// up ahead of them when they share its cores: a waking nice-0 thread preempts a
// nice-10 one at once, and the jobs still get every core the loop leaves idle.
// NUMNODE_ASYNC_NICE sets it (0..19, default 10; 0 turns it off). A thread can
// only be given its priority back with CAP_SYS_NICE or a matching RLIMIT_NICE, so
// this is probed once and off when the process could not restore it: a pool
// thread never keeps a lower priority for the fs or crypto work it does next.
int async_nice() noexcept;

// Lowers the calling thread's priority to async_nice() for its lifetime (nothing
// when that is 0). The OpenMP workers a job starts inherit it.
class BackgroundPriority {
 public:
  BackgroundPriority() noexcept;
  ~BackgroundPriority();
  BackgroundPriority(const BackgroundPriority&) = delete;
  BackgroundPriority& operator=(const BackgroundPriority&) = delete;

 private:
  int prev_ = 0;
  bool set_ = false;
};

}  // namespace numnode
