// numnode's native addon: the export table only. Everything callable from
// JavaScript lives in native/binding/ (JS_ functions); the work is done by the
// plain C++ kernels in native/kernels/.
#include <napi.h>

#include "binding/args.h"
#include "binding/async.h"
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
  // Reductions and scans (issue 4).
  exports.Set("reduce", Napi::Function::New<Guarded<JS_reduce>>(env, "reduce"));
  exports.Set("scan", Napi::Function::New<Guarded<JS_scan>>(env, "scan"));
  exports.Set("reduceOpTable", Napi::Function::New<Guarded<JS_reduceOpTable>>(env, "reduceOpTable"));
  exports.Set("matmul", Napi::Function::New<Guarded<JS_matmul>>(env, "matmul"));
  exports.Set("sumProducts", Napi::Function::New<Guarded<JS_sumProducts>>(env, "sumProducts"));
  exports.Set("cdist", Napi::Function::New<Guarded<JS_cdist>>(env, "cdist"));
  exports.Set("mmapFile", Napi::Function::New<Guarded<JS_mmapFile>>(env, "mmapFile"));  // issue 6
  exports.Set("randomFill", Napi::Function::New<Guarded<JS_randomFill>>(env, "randomFill"));  // issue 6
  exports.Set("elementwise", Napi::Function::New<Guarded<JS_elementwise>>(env, "elementwise"));  // issue 3
  exports.Set("where", Napi::Function::New<Guarded<JS_where>>(env, "where"));  // issue 3
  // issue 10: sorting and selection
  exports.Set("sort", Napi::Function::New<Guarded<JS_sort>>(env, "sort"));
  exports.Set("argsort", Napi::Function::New<Guarded<JS_argsort>>(env, "argsort"));
  exports.Set("partition", Napi::Function::New<Guarded<JS_partition>>(env, "partition"));
  exports.Set("argpartition", Napi::Function::New<Guarded<JS_argpartition>>(env, "argpartition"));
  exports.Set("select", Napi::Function::New<Guarded<JS_select>>(env, "select"));
  exports.Set("gather", Napi::Function::New<Guarded<JS_gather>>(env, "gather"));
  exports.Set("scatter", Napi::Function::New<Guarded<JS_scatter>>(env, "scatter"));
  exports.Set("countNonzero", Napi::Function::New<Guarded<JS_countNonzero>>(env, "countNonzero"));
  exports.Set("nonzero", Napi::Function::New<Guarded<JS_nonzero>>(env, "nonzero"));
  exports.Set("maskGather", Napi::Function::New<Guarded<JS_maskGather>>(env, "maskGather"));
  exports.Set("maskScatter", Napi::Function::New<Guarded<JS_maskScatter>>(env, "maskScatter"));
  exports.Set("topk", Napi::Function::New<Guarded<JS_topk>>(env, "topk"));  // issue 8
  // issue 7: np.promises' async jobs. Keep this last: it looks up the kernel
  // entry points set above (binding/async.h).
  RegisterAsync(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(numnode, Init)
