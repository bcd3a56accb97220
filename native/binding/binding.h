// The functions JavaScript can call (JS_ prefix: the visible boundary). Their
// TypeScript signatures are in src/backend/native/binding.ts.
#pragma once
#include <napi.h>

namespace numnode::binding {

Napi::Value JS_copy(const Napi::CallbackInfo& info);
Napi::Value JS_cast(const Napi::CallbackInfo& info);
Napi::Value JS_setNumThreads(const Napi::CallbackInfo& info);
Napi::Value JS_getNumThreads(const Napi::CallbackInfo& info);
Napi::Value JS_opTable(const Napi::CallbackInfo& info);
Napi::Value JS_dtypeTable(const Napi::CallbackInfo& info);
Napi::Value JS_config(const Napi::CallbackInfo& info);
// issue 3: elementwise ufuncs and np.where (js_elementwise.cc)
Napi::Value JS_elementwise(const Napi::CallbackInfo& info);
Napi::Value JS_where(const Napi::CallbackInfo& info);
// Reductions and scans (issue 4: js_reduce.cc).
Napi::Value JS_reduce(const Napi::CallbackInfo& info);
Napi::Value JS_scan(const Napi::CallbackInfo& info);
Napi::Value JS_reduceOpTable(const Napi::CallbackInfo& info);
// Linear algebra (js_linalg.cc; issue 5).
Napi::Value JS_matmul(const Napi::CallbackInfo& info);
Napi::Value JS_sumProducts(const Napi::CallbackInfo& info);
Napi::Value JS_cdist(const Napi::CallbackInfo& info);

// np.load(path, {mmapMode}) (mmap.cc; issue 6).
Napi::Value JS_mmapFile(const Napi::CallbackInfo& info);
// Bulk random draws (js_random.cc; issue 6).
Napi::Value JS_randomFill(const Napi::CallbackInfo& info);

// Sorting and selection (js_sort.cc; issue 10).
Napi::Value JS_sort(const Napi::CallbackInfo& info);
Napi::Value JS_argsort(const Napi::CallbackInfo& info);
Napi::Value JS_partition(const Napi::CallbackInfo& info);
Napi::Value JS_argpartition(const Napi::CallbackInfo& info);
Napi::Value JS_select(const Napi::CallbackInfo& info);
Napi::Value JS_gather(const Napi::CallbackInfo& info);
Napi::Value JS_scatter(const Napi::CallbackInfo& info);
Napi::Value JS_countNonzero(const Napi::CallbackInfo& info);
Napi::Value JS_nonzero(const Napi::CallbackInfo& info);
Napi::Value JS_maskGather(const Napi::CallbackInfo& info);
Napi::Value JS_maskScatter(const Napi::CallbackInfo& info);

// Fused per-row top-k merge (js_topk.cc; issue 8).
Napi::Value JS_topk(const Napi::CallbackInfo& info);

// Once per process, at the first load: malloc policy and the thread budget.
void InitProcess();

}  // namespace numnode::binding
