// JS_config, the tables and the thread budget: facts and settings, no array work.
#include "../kernels/config.h"
#include "../kernels/dtypes.h"
#include "../kernels/elementwise.h"  // issue 3
#include "../kernels/memory.h"
#include "../kernels/ops.h"
#include "../kernels/parallel.h"
#include "args.h"
#include "binding.h"

namespace numnode::binding {

void InitProcess() {
  // Function-local static: runs once even when worker threads load the addon too.
  static const bool once = [] {
    apply_malloc_policy();
    init_num_threads();
    return true;
  }();
  (void)once;
}

// setNumThreads(n): OpenMP (numnode's regions) and OpenBLAS together.
Napi::Value JS_setNumThreads(const Napi::CallbackInfo& info) {
  ExpectArgs(info, 1, "setNumThreads");
  set_num_threads(static_cast<int>(ArgInt(info, 0, "setNumThreads", "n", 1, 1024)));
  return info.Env().Undefined();
}

Napi::Value JS_getNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), num_threads());
}

Napi::Value JS_opTable(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array out = Napi::Array::New(env, kNumOps);
  for (uint32_t i = 0; i < static_cast<uint32_t>(kNumOps); ++i) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", kOpTable[i].name);
    o.Set("code", kOpTable[i].code);
    o.Set("nin", kOpTable[i].nin);
    out.Set(i, o);
  }
  return out;
}

Napi::Value JS_dtypeTable(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array out = Napi::Array::New(env, kNumDTypes);
  for (uint32_t i = 0; i < static_cast<uint32_t>(kNumDTypes); ++i) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", kDTypeTable[i].name);
    o.Set("code", kDTypeTable[i].code);
    o.Set("itemsize", kDTypeTable[i].itemsize);
    out.Set(i, o);
  }
  return out;
}

namespace {
Napi::Value Threshold(Napi::Env env, int64_t v) {
  return v < 0 ? env.Null() : Napi::Number::New(env, static_cast<double>(v));
}
const char* ThreadingModel(int parallel) {
  switch (parallel) {
    case 0: return "sequential";
    case 1: return "pthreads";
    case 2: return "openmp";
  }
  return "unknown";
}
}  // namespace

// config(): the NativeConfig object (see binding.ts for the shape).
Napi::Value JS_config(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const NativeFacts f = collect_facts();
  Napi::Object o = Napi::Object::New(env);
  o.Set("version", f.version);
  o.Set("napiVersion", f.napi_version);
  uint32_t runtime_napi = 0;
  napi_get_version(env, &runtime_napi);
  o.Set("napiRuntimeVersion", runtime_napi);
  o.Set("compiler", f.compiler);
  o.Set("flags", f.flags);
  o.Set("buildType", f.build_type);
  o.Set("buildSystem", f.build_system);
  o.Set("sanitize", f.sanitize);
  o.Set("arch", f.native_arch ? "native" : "portable");

  Napi::Object blas = Napi::Object::New(env);
  blas.Set("name", "OpenBLAS");
  blas.Set("version", f.blas_version);
  blas.Set("config", f.blas_config != nullptr ? f.blas_config : "");
  blas.Set("corename", f.blas_corename != nullptr ? f.blas_corename : "");
  blas.Set("parallel", f.blas_parallel);
  blas.Set("threading", ThreadingModel(f.blas_parallel));
  blas.Set("numThreads", f.blas_num_threads);
  o.Set("blas", blas);

  Napi::Object omp = Napi::Object::New(env);
  omp.Set("enabled", f.openmp_version != 0);
  omp.Set("version", f.openmp_version);
  omp.Set("maxThreads", f.omp_max_threads);
  omp.Set("numProcs", f.omp_num_procs);
  o.Set("openmp", omp);

  Napi::Object sleef = Napi::Object::New(env);
  sleef.Set("linked", f.sleef_linked);
  sleef.Set("version", f.sleef_version);
  sleef.Set("works", f.sleef_works);
  o.Set("sleef", sleef);

  Napi::Array found = Napi::Array::New(env), compiled = Napi::Array::New(env);
  for (int i = 0; i < f.num_features; ++i) {
    if (f.features[i].runtime) found.Set(found.Length(), f.features[i].name);
    if (f.features[i].compiled) compiled.Set(compiled.Length(), f.features[i].name);
  }
  Napi::Object cpu = Napi::Object::New(env);
  cpu.Set("found", found);
  cpu.Set("compiled", compiled);
  o.Set("cpu", cpu);

  const MallocPolicy& m = apply_malloc_policy();
  Napi::Object mal = Napi::Object::New(env);
  mal.Set("tuning", m.tuning);
  mal.Set("source", m.source);
  mal.Set("detail", m.detail);
  mal.Set("mmapThreshold", Threshold(env, m.mmap_threshold));
  mal.Set("trimThreshold", Threshold(env, m.trim_threshold));
  mal.Set("mmapApplied", m.mmap_applied);
  mal.Set("trimApplied", m.trim_applied);
  o.Set("malloc", mal);

  Napi::Object copy = Napi::Object::New(env);
  copy.Set("parallelMinBytes", static_cast<double>(f.parallel_min_bytes));
  copy.Set("transposeTileBytes", static_cast<double>(f.transpose_tile_bytes));
  o.Set("copy", copy);

  {  // issue 3: the elementwise kernels in use and their two-thread thresholds
    const ElementwiseInfo ew = elementwise_info();
    Napi::Object e = Napi::Object::New(env);
    e.Set("isa", ew.isa);
    e.Set("vectorMath", ew.vector_math);
    e.Set("parallelMinElements", static_cast<double>(ew.parallel_min_cheap));
    e.Set("parallelMinElementsTranscendental", static_cast<double>(ew.parallel_min_transcendental));
    o.Set("elementwise", e);
  }
  o.Set("numThreads", f.num_threads);
  return o;
}

}  // namespace numnode::binding
