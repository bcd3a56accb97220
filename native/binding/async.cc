// Jobs of captured kernels, their queue per environment, and their execution on
// the libuv pool (see async.h for the mechanism and its rules).
//
// Scheduling. A job reserves its share of the thread budget when it is handed to
// libuv, on the JS thread: up to the threads it asked for, at most an even split
// of the free cores among the jobs waiting in this environment. Jobs that find no
// free core stay in this environment's queue (not on a pool thread, which fs, dns
// and crypto need too) until one of its own jobs completes; an environment with
// no job of its own running hands its first waiting job to libuv anyway, where it
// waits for a core on its pool thread (cores freed by another worker thread wake
// it), so every queue always makes progress. At most UV_THREADPOOL_SIZE - 1 jobs
// are on the pool at once (one pool thread stays free), unless an environment has
// none running. A job runs below normal priority (BackgroundPriority, budget.h) so
// that the event loop's thread is scheduled first when it wakes on a busy core.
//
// Everything here runs on the environment's JS thread except Execute, which reads
// the job's steps and writes its outcome; Complete reads the outcome after libuv
// has joined the two (uv_queue_work's after-work callback).
#include "async.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "binding.h"

#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace numnode::binding {

namespace {

// The JS_ functions that queue their kernel through RunKernel when captured. The
// TypeScript side asks for this list (asyncCapable) and never lets a captured
// operation call anything else once a kernel is queued.
constexpr const char* kAsyncCapable[] = {
    "copy",         // js_copy.cc
    "cast",         // js_copy.cc
    "elementwise",  // js_elementwise.cc (issue 3)
    "where",        // js_elementwise.cc (issue 3)
    "reduce",       // js_reduce.cc (issue 4)
    "scan",         // js_reduce.cc (issue 4)
    "matmul",       // js_linalg.cc (issue 5)
    "sumProducts",  // js_linalg.cc (issue 5)
    "cdist",        // js_linalg.cc (issue 5)
};

constexpr napi_type_tag kJobTag = {0x6e756d6e6f646531ULL, 0x6173796e636a6f62ULL};  // "numnode1" "asyncjob"

enum JobState : int { kBuilding, kQueued, kSubmitted, kRunning, kDone, kDiscarded };

std::atomic<int> g_inflight{0};  // jobs on the libuv pool, all environments
std::atomic<int64_t> g_started{0}, g_completed{0}, g_cancelled{0}, g_failed{0}, g_steps{0};

struct EnvState;

}  // namespace

namespace detail {

struct Step {
  const char* fn;
  KernelFn kernel;
};

struct Job {
  EnvState* owner = nullptr;  // null once the environment is gone
  std::vector<Step> steps;
  std::vector<napi_ref> keep;  // one snapshot of arguments per captured call
  napi_deferred deferred = nullptr;
  napi_async_work work = nullptr;
  std::atomic<int> state{kBuilding};
  std::atomic<bool> cancelled{false};
  int requested = 1;
  int share = 0;  // cores held for this job (reserved at submit or taken in Execute)
  // Outcome, written by Execute.
  Status status = Status::Ok;
  const char* failed_fn = nullptr;
  bool aborted = false;
  int steps_done = 0;
};

namespace {
thread_local Job* t_capture = nullptr;
}

Job* CapturingJob() noexcept { return t_capture; }

void Capture(Job* job, const char* fn, KernelFn kernel) { job->steps.push_back(Step{fn, std::move(kernel)}); }

}  // namespace detail

namespace {

using detail::Job;

struct JobHandle {
  std::shared_ptr<Job> job;
};

struct EnvState {
  napi_env env;
  std::unordered_map<std::string, napi_ref> functions;  // kAsyncCapable -> the export
  std::deque<std::shared_ptr<Job>> queue;                // waiting for a core
  std::unordered_map<Job*, std::shared_ptr<Job>> active;  // on the libuv pool
  int inflight = 0;
  bool closing = false;
};

std::string Prefix(const char* fn) { return std::string("numnode native ") + fn + ": "; }

void ReleaseRefs(napi_env env, Job& job) {
  for (napi_ref r : job.keep) napi_delete_reference(env, r);
  job.keep.clear();
}

// Node's AbortError shape (fs.promises, timers/promises): name AbortError, code ABORT_ERR.
napi_value AbortErrorValue(napi_env env) {
  Napi::Error e = MakeError(env, "ABORT_ERR", ErrClass::Error, "The operation was aborted");
  e.Value().Set("name", "AbortError");
  return e.Value();
}

// Settles a job's promise; false when JavaScript can no longer run (the worker is
// being terminated). Never throws: Complete has no JavaScript caller.
bool Settle(napi_env env, Job& job) {
  if (job.deferred == nullptr) return true;
  napi_deferred d = job.deferred;
  job.deferred = nullptr;
  napi_status st = napi_generic_failure;
  try {
    Napi::HandleScope scope(env);
    if (job.aborted) {
      st = napi_reject_deferred(env, d, AbortErrorValue(env));
    } else if (job.status != Status::Ok) {
      st = napi_reject_deferred(env, d, StatusError(env, job.status, job.failed_fn).Value());
    } else {
      napi_value undef;
      napi_get_undefined(env, &undef);
      st = napi_resolve_deferred(env, d, undef);
    }
  } catch (...) {
    st = napi_generic_failure;
  }
  if (st != napi_ok) {
    // Creating the error may have left an exception pending; nobody is left to see it.
    napi_value ignored;
    napi_get_and_clear_last_exception(env, &ignored);
  }
  return st == napi_ok;
}

// Names the pool thread "numnode-job" while it runs a job (top -H, /proc/*/task/*/comm
// show it; the OpenMP workers it starts inherit the name), then gives its name back.
struct ThreadName {
#ifdef __linux__
  char prev[16] = {0};
  ThreadName() noexcept {
    prctl(PR_GET_NAME, prev, 0, 0, 0);
    prctl(PR_SET_NAME, "numnode-job", 0, 0, 0);
  }
  ~ThreadName() { prctl(PR_SET_NAME, prev, 0, 0, 0); }
#endif
};

void Execute(napi_env /*env*/, void* data) {
  Job* j = static_cast<Job*>(data);
  // In this order, a thread named numnode-job always runs at the jobs' priority.
  BackgroundPriority priority;  // the event loop's thread first (budget.h)
  ThreadName name;
  if (j->cancelled.load(std::memory_order_acquire)) {
    j->aborted = true;
    return;
  }
  if (j->share == 0) {
    j->share = budget_take_wait(j->requested, &j->cancelled);
    if (j->share == 0) {
      j->aborted = true;
      return;
    }
  }
  j->state.store(kRunning, std::memory_order_release);
  g_started.fetch_add(1, std::memory_order_relaxed);
  {
    ThreadTeam team(j->share);
    for (auto& step : j->steps) {
      if (j->cancelled.load(std::memory_order_acquire)) {
        j->aborted = true;
        break;
      }
      KernelOut out;
      const Status st = step.kernel(out);
      ++j->steps_done;
      if (st != Status::Ok) {
        j->status = st;
        j->failed_fn = step.fn;
        break;
      }
    }
  }
  g_steps.fetch_add(j->steps_done, std::memory_order_relaxed);
  budget_release(j->share);
  j->share = 0;
}

void Pump(EnvState* s);

void Complete(napi_env env, napi_status status, void* data) {
  Job* j = static_cast<Job*>(data);
  EnvState* s = j->owner;
  std::shared_ptr<Job> hold;
  if (s != nullptr) {
    auto it = s->active.find(j);
    if (it != s->active.end()) {
      hold = it->second;
      s->active.erase(it);
    }
    --s->inflight;
  }
  g_inflight.fetch_sub(1, std::memory_order_relaxed);
  if (j->share > 0) {  // cancelled before Execute ran: give the reserved cores back
    budget_release(j->share);
    j->share = 0;
  }
  if (status == napi_cancelled) j->aborted = true;
  if (j->work != nullptr) napi_delete_async_work(env, j->work);
  j->work = nullptr;
  ReleaseRefs(env, *j);
  j->steps.clear();
  j->state.store(kDone, std::memory_order_release);
  if (j->aborted) g_cancelled.fetch_add(1, std::memory_order_relaxed);
  else if (j->status != Status::Ok) g_failed.fetch_add(1, std::memory_order_relaxed);
  else g_completed.fetch_add(1, std::memory_order_relaxed);
  // A worker being terminated cannot take results: start nothing more (Node waits
  // for every job on the pool before it tears the environment down).
  if (!Settle(env, *j) && s != nullptr) s->closing = true;
  if (s != nullptr && !s->closing) Pump(s);
}

void Submit(EnvState* s, const std::shared_ptr<Job>& job, int share) {
  napi_env env = s->env;
  job->share = share;
  napi_value name;
  napi_create_string_utf8(env, "numnode.async", NAPI_AUTO_LENGTH, &name);
  napi_status st = napi_create_async_work(env, nullptr, name, Execute, Complete, job.get(), &job->work);
  if (st == napi_ok) st = napi_queue_async_work(env, job->work);
  if (st != napi_ok) {
    budget_release(share);
    job->share = 0;
    if (job->work != nullptr) napi_delete_async_work(env, job->work);
    job->work = nullptr;
    job->status = Status::NoMemory;
    job->failed_fn = "async";
    ReleaseRefs(env, *job);
    job->steps.clear();
    job->state.store(kDone);
    Settle(env, *job);
    return;
  }
  job->state.store(kSubmitted, std::memory_order_release);
  ++s->inflight;
  g_inflight.fetch_add(1, std::memory_order_relaxed);
  s->active.emplace(job.get(), job);
}

void Pump(EnvState* s) {
  const int pool_slots = std::max(1, uv_pool_size() - 1);
  while (!s->queue.empty()) {
    std::shared_ptr<Job> job = s->queue.front();
    const int slots = pool_slots - g_inflight.load(std::memory_order_relaxed);
    if (slots <= 0 && s->inflight > 0) break;  // one of ours completes and pumps again
    const int contenders = static_cast<int>(std::min<size_t>(s->queue.size(), static_cast<size_t>(std::max(1, slots))));
    const int share = budget_try_reserve(job->requested, contenders);
    if (share == 0 && s->inflight > 0) break;
    s->queue.pop_front();
    Submit(s, job, share);
    if (share == 0) break;  // it waits for a core on its pool thread
  }
}

void CleanupEnv(void* arg) {
  EnvState* s = static_cast<EnvState*>(arg);
  s->closing = true;
  // Node runs the pool's after-work callbacks before the cleanup hooks, so jobs
  // still listed here never reached libuv (queued) or, defensively, are left to
  // finish without touching this state.
  for (auto& job : s->queue) {
    ReleaseRefs(s->env, *job);
    job->steps.clear();
    job->owner = nullptr;
    job->state.store(kDone);
  }
  s->queue.clear();
  for (auto& kv : s->active) kv.second->owner = nullptr;
  for (auto& kv : s->functions) napi_delete_reference(s->env, kv.second);
  delete s;
}

EnvState* StateOf(const Napi::CallbackInfo& info) { return static_cast<EnvState*>(info.Data()); }

std::shared_ptr<Job> JobArg(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  Napi::Env env = info.Env();
  const Napi::Value v = info[i];
  bool ours = false;
  if (v.IsExternal()) napi_check_object_type_tag(env, v, &kJobTag, &ours);
  if (!ours) Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "job must be a handle from asyncBegin()");
  return v.As<Napi::External<JobHandle>>().Data()->job;
}

struct CaptureScope {
  explicit CaptureScope(Job* j) : prev(detail::t_capture) { detail::t_capture = j; }
  ~CaptureScope() { detail::t_capture = prev; }
  Job* prev;
};

// asyncCapable() -> names of the entry points asyncAdd accepts
Napi::Value JS_asyncCapable(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnvState* s = StateOf(info);
  Napi::Array out = Napi::Array::New(env);
  for (const char* name : kAsyncCapable)
    if (s->functions.count(name) != 0) out.Set(out.Length(), name);
  return out;
}

// asyncBegin() -> a job handle (an External, type-tagged)
Napi::Value JS_asyncBegin(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto job = std::make_shared<Job>();
  job->owner = StateOf(info);
  auto ext = Napi::External<JobHandle>::New(env, new JobHandle{job}, [](Napi::Env e, JobHandle* h) {
    // A job that was never run or discarded (a caller bug): drop its references.
    if (h->job->state.load() == kBuilding) {
      ReleaseRefs(e, *h->job);
      h->job->state.store(kDiscarded);
    }
    delete h;
  });
  napi_type_tag_object(env, ext, &kJobTag);
  return ext;
}

// asyncAdd(job, name, args) -> what the entry point returns. The entry point runs
// with the job capturing: its kernel is queued, not run.
Napi::Value JS_asyncAdd(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "asyncAdd";
  Napi::Env env = info.Env();
  EnvState* s = StateOf(info);
  ExpectArgs(info, 3, fn);
  std::shared_ptr<Job> job = JobArg(info, 0, fn);
  if (job->state.load() != kBuilding)
    Throw(env, kErrArg, ErrClass::Error, Prefix(fn) + "the job has already been run or discarded");
  if (detail::t_capture != nullptr)
    Throw(env, kErrArg, ErrClass::Error, Prefix(fn) + "a captured call cannot capture another");
  if (!info[1].IsString()) Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "name must be a string");
  const std::string name = info[1].As<Napi::String>().Utf8Value();
  auto it = s->functions.find(name);
  if (it == s->functions.end())
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "'" + name + "' is not an entry point that can run asynchronously");
  if (!info[2].IsArray()) Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "args must be an Array");
  const Napi::Array args = info[2].As<Napi::Array>();
  const uint32_t n = args.Length();
  if (n > 256) Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "too many arguments");
  // Snapshot: every argument read once, plain Array arguments copied, all of it
  // held by one Array that the job references until it settles.
  Napi::Array snap = Napi::Array::New(env, n);
  std::vector<napi_value> argv(n);
  for (uint32_t i = 0; i < n; ++i) {
    Napi::Value v = args.Get(i);
    if (v.IsArray()) {
      const Napi::Array src = v.As<Napi::Array>();
      const uint32_t m = src.Length();
      Napi::Array copy = Napi::Array::New(env, m);
      for (uint32_t k = 0; k < m; ++k) copy.Set(k, src.Get(k));
      v = copy;
    }
    snap.Set(i, v);
    argv[i] = v;
  }
  napi_value target = nullptr;
  if (napi_get_reference_value(env, it->second, &target) != napi_ok || target == nullptr)
    Throw(env, kErrNative, ErrClass::Error, Prefix(fn) + "'" + name + "' is gone");
  const size_t before = job->steps.size();
  napi_value result = nullptr;
  napi_status st;
  {
    CaptureScope capture(job.get());
    st = napi_call_function(env, env.Undefined(), target, n, argv.data(), &result);
  }
  if (st != napi_ok) {
    // The entry point threw (a bad argument, a detached buffer): the same error as
    // a synchronous call, thrown to the caller. Nothing was queued.
    job->steps.resize(before);
    napi_value exc = nullptr;
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending && napi_get_and_clear_last_exception(env, &exc) == napi_ok) throw Napi::Error(env, exc);
    Throw(env, kErrNative, ErrClass::Error, Prefix(fn) + "calling " + name + " failed");
  }
  if (job->steps.size() > before) {
    napi_ref ref;
    if (napi_create_reference(env, snap, 1, &ref) != napi_ok) {
      job->steps.resize(before);
      Throw(env, kErrAlloc, ErrClass::RangeError, Prefix(fn) + "cannot reference the arguments");
    }
    job->keep.push_back(ref);
  }
  return result == nullptr ? env.Undefined() : Napi::Value(env, result);
}

// asyncSteps(job) -> kernels queued so far
Napi::Value JS_asyncSteps(const Napi::CallbackInfo& info) {
  std::shared_ptr<Job> job = JobArg(info, 0, "asyncSteps");
  return Napi::Number::New(info.Env(), static_cast<double>(job->steps.size()));
}

// asyncRun(job, threads, defer) -> Promise<undefined>. With defer, the job waits in
// the queue until asyncPump(): calls made in one tick then split the free cores
// among themselves instead of the first one taking them all.
Napi::Value JS_asyncRun(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "asyncRun";
  Napi::Env env = info.Env();
  EnvState* s = StateOf(info);
  ExpectArgs(info, 3, fn);
  std::shared_ptr<Job> job = JobArg(info, 0, fn);
  const int threads = static_cast<int>(ArgInt(info, 1, fn, "threads", 1, 1024));
  if (!info[2].IsBoolean()) Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "defer must be a boolean");
  const bool defer = info[2].As<Napi::Boolean>().Value();
  if (job->state.load() != kBuilding)
    Throw(env, kErrArg, ErrClass::Error, Prefix(fn) + "the job has already been run or discarded");
  napi_value promise;
  if (napi_create_promise(env, &job->deferred, &promise) != napi_ok)
    Throw(env, kErrNative, ErrClass::Error, Prefix(fn) + "cannot create a promise");
  job->requested = threads;
  if (job->steps.empty()) {
    job->state.store(kDone);
    ReleaseRefs(env, *job);
    Settle(env, *job);
    return Napi::Value(env, promise);
  }
  job->state.store(kQueued);
  s->queue.push_back(job);
  if (!defer) Pump(s);
  return Napi::Value(env, promise);
}

// asyncPump(): hands waiting jobs to libuv, as many as the free cores allow.
Napi::Value JS_asyncPump(const Napi::CallbackInfo& info) {
  Pump(StateOf(info));
  return info.Env().Undefined();
}

// asyncDiscard(job): drops a job that will not run (its kernels never execute).
Napi::Value JS_asyncDiscard(const Napi::CallbackInfo& info) {
  std::shared_ptr<Job> job = JobArg(info, 0, "asyncDiscard");
  if (job->state.load() == kBuilding) {
    ReleaseRefs(info.Env(), *job);
    job->steps.clear();
    job->state.store(kDiscarded);
  }
  return info.Env().Undefined();
}

// asyncCancel(job) -> where it was: "discarded" (never run), "queued" (removed
// from the queue: never started), "submitted" (taken back from libuv before it
// started), "running" (stops before its next kernel), "done".
Napi::Value JS_asyncCancel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnvState* s = StateOf(info);
  std::shared_ptr<Job> job = JobArg(info, 0, "asyncCancel");
  switch (job->state.load()) {
    case kBuilding:
      ReleaseRefs(env, *job);
      job->steps.clear();
      job->state.store(kDiscarded);
      return Napi::String::New(env, "discarded");
    case kQueued: {
      auto it = std::find(s->queue.begin(), s->queue.end(), job);
      if (it != s->queue.end()) s->queue.erase(it);
      job->aborted = true;
      job->state.store(kDone);
      ReleaseRefs(env, *job);
      job->steps.clear();
      g_cancelled.fetch_add(1, std::memory_order_relaxed);
      Settle(env, *job);
      return Napi::String::New(env, "queued");
    }
    case kSubmitted:
    case kRunning: {
      job->cancelled.store(true, std::memory_order_release);
      budget_notify();  // a job waiting for a core gives up
      if (job->state.load() == kSubmitted && job->work != nullptr && napi_cancel_async_work(env, job->work) == napi_ok)
        return Napi::String::New(env, "submitted");
      return Napi::String::New(env, "running");
    }
    default: return Napi::String::New(env, "done");
  }
}

// asyncStats() -> the budget and the jobs, for showConfig and the tests
Napi::Value JS_asyncStats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnvState* s = StateOf(info);
  Napi::Object o = Napi::Object::New(env);
  o.Set("budget", budget_total());
  o.Set("source", budget_source());
  o.Set("inUse", budget_in_use());
  o.Set("peakInUse", budget_peak_in_use());
  o.Set("poolSize", uv_pool_size());
  o.Set("nice", async_nice());
  o.Set("queued", static_cast<double>(s->queue.size()));
  o.Set("running", s->inflight);
  o.Set("runningAllThreads", g_inflight.load());
  o.Set("started", static_cast<double>(g_started.load()));
  o.Set("completed", static_cast<double>(g_completed.load()));
  o.Set("cancelled", static_cast<double>(g_cancelled.load()));
  o.Set("failed", static_cast<double>(g_failed.load()));
  o.Set("kernelsRun", static_cast<double>(g_steps.load()));
  return o;
}

// asyncResetPeak(): peakInUse restarts from the cores in use now.
Napi::Value JS_asyncResetPeak(const Napi::CallbackInfo& info) {
  budget_reset_peak();
  return info.Env().Undefined();
}

}  // namespace

void RegisterAsync(Napi::Env env, Napi::Object exports) {
  auto* s = new EnvState{env, {}, {}, {}, 0, false};
  for (const char* name : kAsyncCapable) {
    const Napi::Value f = exports.Get(name);
    if (!f.IsFunction()) continue;  // not built in: never offered
    napi_ref ref;
    if (napi_create_reference(env, f, 1, &ref) == napi_ok) s->functions.emplace(name, ref);
  }
  napi_add_env_cleanup_hook(env, CleanupEnv, s);
  exports.Set("asyncCapable", Napi::Function::New<Guarded<JS_asyncCapable>>(env, "asyncCapable", s));
  exports.Set("asyncBegin", Napi::Function::New<Guarded<JS_asyncBegin>>(env, "asyncBegin", s));
  exports.Set("asyncAdd", Napi::Function::New<Guarded<JS_asyncAdd>>(env, "asyncAdd", s));
  exports.Set("asyncSteps", Napi::Function::New<Guarded<JS_asyncSteps>>(env, "asyncSteps", s));
  exports.Set("asyncRun", Napi::Function::New<Guarded<JS_asyncRun>>(env, "asyncRun", s));
  exports.Set("asyncPump", Napi::Function::New<Guarded<JS_asyncPump>>(env, "asyncPump", s));
  exports.Set("asyncDiscard", Napi::Function::New<Guarded<JS_asyncDiscard>>(env, "asyncDiscard", s));
  exports.Set("asyncCancel", Napi::Function::New<Guarded<JS_asyncCancel>>(env, "asyncCancel", s));
  exports.Set("asyncStats", Napi::Function::New<Guarded<JS_asyncStats>>(env, "asyncStats", s));
  exports.Set("asyncResetPeak", Napi::Function::New<Guarded<JS_asyncResetPeak>>(env, "asyncResetPeak", s));
}

}  // namespace numnode::binding
