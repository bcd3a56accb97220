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
// Linear algebra (js_linalg.cc; issue 5).
Napi::Value JS_matmul(const Napi::CallbackInfo& info);
Napi::Value JS_sumProducts(const Napi::CallbackInfo& info);
Napi::Value JS_cdist(const Napi::CallbackInfo& info);

// Once per process, at the first load: malloc policy and the thread budget.
void InitProcess();

}  // namespace numnode::binding
