// Facts about this build and the machine, for showConfig(). Plain data; the
// binding turns it into the JS object typed as NativeConfig in
// src/backend/native/binding.ts.
#pragma once
#include <cstdint>

namespace numnode {

struct CpuFeature {
  const char* name;
  bool runtime;   // the CPU we run on has it (__builtin_cpu_supports)
  bool compiled;  // the compiler was allowed to use it everywhere (-m flags / -march)
};

constexpr int kMaxCpuFeatures = 24;

struct NativeFacts {
  // Build (from defines the build files pass).
  const char* version;
  const char* compiler;
  const char* flags;
  const char* build_type;
  const char* build_system;  // "cmake-js" or "node-gyp"
  bool sanitize;
  bool native_arch;
  int napi_version;  // NAPI_VERSION the addon was compiled against
  // OpenBLAS, asked at run time (it is a shared library: the build may differ).
  const char* blas_config;
  const char* blas_corename;
  int blas_parallel;  // 0 sequential, 1 pthreads, 2 OpenMP
  int blas_num_threads;
  char blas_version[32];  // parsed from blas_config ("0.3.21"), "" if absent
  // OpenMP.
  int openmp_version;  // the _OPENMP macro (yyyymm), 0 without OpenMP
  int omp_max_threads;
  int omp_num_procs;
  // SLEEF.
  bool sleef_linked;
  char sleef_version[16];
  bool sleef_works;  // Sleef_exp_u10(1) == e within an ulp
  // CPU.
  CpuFeature features[kMaxCpuFeatures];
  int num_features;
  // Thresholds and tiles of the kernels.
  int64_t parallel_min_bytes;
  int64_t transpose_tile_bytes;
  int num_threads;
};

NativeFacts collect_facts() noexcept;

}  // namespace numnode
