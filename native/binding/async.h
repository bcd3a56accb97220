// Async execution of numnode's kernels on the libuv pool (np.promises, issue 7).
//
// The mechanism in one paragraph: every JS_ kernel entry point validates its
// arguments on the JS thread, takes its raw pointers, and then calls
// RunKernel(env, fn, [=]() noexcept { return kernel(...); }) instead of calling the
// kernel itself. Normally RunKernel runs the kernel at once, on a share of the
// thread budget (kernels/budget.h). When the call comes through asyncAdd (the
// TypeScript side's np.promises capturing the calls an operation makes), a
// thread-local flag is set around it and RunKernel *queues* the kernel (a copy of
// the lambda, with the pointers it captured) in a job instead; asyncRun then runs
// the job's kernels in order on a libuv pool thread and settles a Promise with the
// same coded error a synchronous call would throw.
//
// Lifetimes: asyncAdd keeps a reference to a snapshot of every argument of every
// captured call (plain Array arguments are copied element by element before the
// JS_ function reads them, so the function sees exactly the values referenced) until
// the job settles, so no buffer a queued kernel points into can be collected.
// What the native side cannot see is whether an ArrayBuffer can be detached or
// shrunk meanwhile: src/promises.ts only passes memory numnode allocated (never
// detachable or resizable: markAsUntransferable, fixed length) or a
// SharedArrayBuffer (never detached, only grows), and copies anything else first.
//
// Rules for a JS_ function that opts in:
//  - take buffers as direct arguments or as elements of a plain Array argument
//    (not as object properties, which asyncAdd does not snapshot);
//  - call RunKernel after every check, as the last thing before returning, with a
//    lambda capturing by value ([=]): it may run after the function has returned;
//    pointers to locals (an IntList's .v) must be taken inside the lambda, from the
//    lambda's own copies;
//  - the lambda is noexcept and returns Status; one taking (KernelOut&) can report
//    up to four numbers to a synchronous caller (matmul's path flags); async calls
//    discard them (RunKernel returns zeros while capturing);
//  - add the function's name to kAsyncCapable in async.cc.
#pragma once
#include <napi.h>

#include <functional>
#include <type_traits>
#include <utility>

#include "../kernels/budget.h"
#include "../kernels/common.h"
#include "args.h"

namespace numnode::binding {

struct KernelOut {
  double v[4] = {0, 0, 0, 0};
};
using KernelFn = std::function<Status(KernelOut&)>;

namespace detail {
struct Job;
// The job asyncAdd is capturing into on this thread, or null.
Job* CapturingJob() noexcept;
void Capture(Job* job, const char* fn, KernelFn kernel);

template <class F>
Status Call(F& f, KernelOut& out) noexcept {
  if constexpr (std::is_invocable_v<F&, KernelOut&>) return f(out);
  else return f();
}
}  // namespace detail

// Runs `kernel` now (on a share of the thread budget; a failure throws the coded
// error of ThrowStatus), or queues it when the call is being captured. `fn` names
// the entry point in error messages and must be a string literal.
template <class F>
KernelOut RunKernel(Napi::Env env, const char* fn, F&& kernel) {
  using K = std::decay_t<F>;
  static_assert(std::is_nothrow_invocable_r_v<Status, K&, KernelOut&> || std::is_nothrow_invocable_r_v<Status, K&>,
                "RunKernel: the kernel lambda must be noexcept and return Status");
  KernelOut out;
  if (detail::Job* job = detail::CapturingJob()) {
    detail::Capture(job, fn, KernelFn([k = K(std::forward<F>(kernel))](KernelOut& o) mutable noexcept {
      return detail::Call(k, o);
    }));
    return out;
  }
  Status st;
  {
    SyncShare share;
    st = detail::Call(kernel, out);
  }
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return out;
}

// Adds asyncCapable, asyncBegin, asyncAdd, asyncSteps, asyncRun, asyncPump,
// asyncDiscard, asyncCancel, asyncStats and asyncResetPeak to `exports`, with per-environment state (each
// worker thread has its own). Call it last in Init: it looks up the kernel entry
// points named in kAsyncCapable on `exports` once, so that asyncAdd can only ever
// call the addon's own functions.
void RegisterAsync(Napi::Env env, Napi::Object exports);

}  // namespace numnode::binding
