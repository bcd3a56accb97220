#include "config.h"

#include <cblas.h>
#include <sleef.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "copy.h"
#include "parallel.h"

// The build files pass these; defaults keep a bare compile (e.g. an IDE) working.
#ifndef NUMNODE_VERSION
#define NUMNODE_VERSION "unknown"
#endif
#ifndef NUMNODE_BUILD_FLAGS
#define NUMNODE_BUILD_FLAGS "unknown"
#endif
#ifndef NUMNODE_BUILD_TYPE
#define NUMNODE_BUILD_TYPE "unknown"
#endif
#ifndef NUMNODE_BUILD_SYSTEM
#define NUMNODE_BUILD_SYSTEM "unknown"
#endif
#ifndef NUMNODE_SANITIZE
#define NUMNODE_SANITIZE 0
#endif
#ifndef NUMNODE_NATIVE_ARCH
#define NUMNODE_NATIVE_ARCH 0
#endif
#ifndef NAPI_VERSION
#define NAPI_VERSION 0
#endif

namespace numnode {

namespace {

// "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ..." -> "0.3.21"
void parse_blas_version(const char* config, char* out, size_t n) {
  out[0] = '\0';
  if (config == nullptr) return;
  const char* p = std::strstr(config, "OpenBLAS ");
  if (p == nullptr) return;
  p += 9;
  size_t i = 0;
  while (i + 1 < n && p[i] != '\0' && p[i] != ' ') {
    out[i] = p[i];
    ++i;
  }
  out[i] = '\0';
}

void add(NativeFacts& f, const char* name, bool runtime, bool compiled) {
  if (f.num_features < kMaxCpuFeatures) f.features[f.num_features++] = {name, runtime, compiled};
}

void cpu_features(NativeFacts& f) {
  f.num_features = 0;
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  // __builtin_cpu_supports needs literal names, hence the macro.
#define NUMNODE_CPU(name, macro_defined) add(f, name, __builtin_cpu_supports(name), macro_defined)
#ifdef __SSE2__
  NUMNODE_CPU("sse2", true);
#else
  NUMNODE_CPU("sse2", false);
#endif
#ifdef __SSE3__
  NUMNODE_CPU("sse3", true);
#else
  NUMNODE_CPU("sse3", false);
#endif
#ifdef __SSSE3__
  NUMNODE_CPU("ssse3", true);
#else
  NUMNODE_CPU("ssse3", false);
#endif
#ifdef __SSE4_1__
  NUMNODE_CPU("sse4.1", true);
#else
  NUMNODE_CPU("sse4.1", false);
#endif
#ifdef __SSE4_2__
  NUMNODE_CPU("sse4.2", true);
#else
  NUMNODE_CPU("sse4.2", false);
#endif
#ifdef __POPCNT__
  NUMNODE_CPU("popcnt", true);
#else
  NUMNODE_CPU("popcnt", false);
#endif
#ifdef __AVX__
  NUMNODE_CPU("avx", true);
#else
  NUMNODE_CPU("avx", false);
#endif
#ifdef __AVX2__
  NUMNODE_CPU("avx2", true);
#else
  NUMNODE_CPU("avx2", false);
#endif
#ifdef __FMA__
  NUMNODE_CPU("fma", true);
#else
  NUMNODE_CPU("fma", false);
#endif
#ifdef __F16C__
  NUMNODE_CPU("f16c", true);
#else
  NUMNODE_CPU("f16c", false);
#endif
#ifdef __BMI2__
  NUMNODE_CPU("bmi2", true);
#else
  NUMNODE_CPU("bmi2", false);
#endif
#ifdef __AVX512F__
  NUMNODE_CPU("avx512f", true);
#else
  NUMNODE_CPU("avx512f", false);
#endif
#ifdef __AVX512DQ__
  NUMNODE_CPU("avx512dq", true);
#else
  NUMNODE_CPU("avx512dq", false);
#endif
#ifdef __AVX512BW__
  NUMNODE_CPU("avx512bw", true);
#else
  NUMNODE_CPU("avx512bw", false);
#endif
#ifdef __AVX512VL__
  NUMNODE_CPU("avx512vl", true);
#else
  NUMNODE_CPU("avx512vl", false);
#endif
#undef NUMNODE_CPU
#endif
}

}  // namespace

NativeFacts collect_facts() noexcept {
  NativeFacts f{};
  f.version = NUMNODE_VERSION;
#if defined(__clang__)
  f.compiler = __VERSION__;  // clang's own string names it ("Debian Clang 14.0.6")
#elif defined(__GNUC__)
  f.compiler = "gcc " __VERSION__;  // gcc's is the bare version ("12.2.0")
#else
  f.compiler = __VERSION__;
#endif
  f.flags = NUMNODE_BUILD_FLAGS;
  f.build_type = NUMNODE_BUILD_TYPE;
  f.build_system = NUMNODE_BUILD_SYSTEM;
  f.sanitize = NUMNODE_SANITIZE != 0;
  f.native_arch = NUMNODE_NATIVE_ARCH != 0;
  f.napi_version = NAPI_VERSION;

  f.blas_config = openblas_get_config();
  f.blas_corename = openblas_get_corename();
  f.blas_parallel = openblas_get_parallel();
  f.blas_num_threads = openblas_get_num_threads();
  parse_blas_version(f.blas_config, f.blas_version, sizeof f.blas_version);

#ifdef _OPENMP
  f.openmp_version = _OPENMP;
  f.omp_max_threads = omp_get_max_threads();
  f.omp_num_procs = omp_get_num_procs();
#endif

  // Linking is what we report: calling a SLEEF function proves the library
  // resolved at load time (the next kernels use its vector functions).
  f.sleef_linked = true;
  std::snprintf(f.sleef_version, sizeof f.sleef_version, "%d.%d.%d", SLEEF_VERSION_MAJOR, SLEEF_VERSION_MINOR,
                SLEEF_VERSION_PATCHLEVEL);
  const double e = Sleef_exp_u10(1.0);
  f.sleef_works = std::fabs(e - 2.718281828459045) <= 4.5e-16;

  cpu_features(f);
  f.parallel_min_bytes = kParallelMinBytes;
  f.transpose_tile_bytes = kTransposeTileBytes;
  f.num_threads = num_threads();
  return f;
}

}  // namespace numnode
