// numnode's native addon: the export table only. Everything callable from
// JavaScript lives in native/binding/ (JS_ functions); the work is done by the
// plain C++ kernels in native/kernels/.
#include <napi.h>

#include "binding/args.h"
#include "binding/binding.h"

namespace {

using namespace numnode::binding;

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  InitProcess();  // malloc policy + thread budget, once per process
  exports.Set("copy", Napi::Function::New<Guarded<JS_copy>>(env, "copy"));
  exports.Set("cast", Napi::Function::New<Guarded<JS_cast>>(env, "cast"));
  exports.Set("setNumThreads", Napi::Function::New<Guarded<JS_setNumThreads>>(env, "setNumThreads"));
  exports.Set("getNumThreads", Napi::Function::New<Guarded<JS_getNumThreads>>(env, "getNumThreads"));
  exports.Set("opTable", Napi::Function::New<Guarded<JS_opTable>>(env, "opTable"));
  exports.Set("dtypeTable", Napi::Function::New<Guarded<JS_dtypeTable>>(env, "dtypeTable"));
  exports.Set("config", Napi::Function::New<Guarded<JS_config>>(env, "config"));
  exports.Set("matmul", Napi::Function::New<Guarded<JS_matmul>>(env, "matmul"));
  exports.Set("sumProducts", Napi::Function::New<Guarded<JS_sumProducts>>(env, "sumProducts"));
  exports.Set("cdist", Napi::Function::New<Guarded<JS_cdist>>(env, "cdist"));
  return exports;
}

}  // namespace

NODE_API_MODULE(numnode, Init)
