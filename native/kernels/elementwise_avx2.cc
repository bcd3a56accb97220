// The elementwise kernels compiled for AVX2 + FMA (chosen at load when the CPU
// has both; elementwise.cc): elementwise_impl.h under `#pragma GCC target`, so
// that even a portable build (no -march flags, e.g. a prebuild) carries them.
// Every header is included before the pragma: inline functions shared with other
// files must stay baseline code (the linker keeps one copy of each).
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#include "dtypes.h"
#include "elementwise.h"
#include "elementwise_loops.h"
#include "ops.h"

#pragma GCC push_options
#pragma GCC target("avx2,fma")
#pragma GCC optimize("no-math-errno", "no-trapping-math")

// SLEEF's AVX2 functions. sleef.h declares them only when __AVX2__ is defined,
// which GCC's target pragma does not do in C++; the prototypes are SLEEF 3.5's.
extern "C" {
#define NUMNODE_SLEEF_1(op, name, u)                        \
  __m256d Sleef_##name##d4_##u##avx2(__m256d);              \
  __m256 Sleef_##name##f8_##u##avx2(__m256);
#define NUMNODE_SLEEF_2(op, name, u)                        \
  __m256d Sleef_##name##d4_##u##avx2(__m256d, __m256d);     \
  __m256 Sleef_##name##f8_##u##avx2(__m256, __m256);
#include "elementwise_sleef.def"
NUMNODE_SLEEF_1(sinh, sinh, u10)
NUMNODE_SLEEF_1(tanh, tanh, u10)
NUMNODE_SLEEF_2(power, pow, u10)
#undef NUMNODE_SLEEF_1
#undef NUMNODE_SLEEF_2
}

namespace numnode::avx2 {
namespace {

struct VecD {
  static constexpr int W = 4;
  using V = __m256d;
  static V load(const double* p) noexcept { return _mm256_loadu_pd(p); }
  static void store(double* p, V v) noexcept { _mm256_storeu_pd(p, v); }
  static V set1(double x) noexcept { return _mm256_set1_pd(x); }
  // Whether a lane is subnormal (0 < |x| < DBL_MIN) or above hi (NaN is neither).
  static bool any_tiny_or_above(V v, double hi) noexcept {
    const V ax = _mm256_andnot_pd(_mm256_set1_pd(-0.0), v);
    const V tiny = _mm256_and_pd(_mm256_cmp_pd(ax, _mm256_setzero_pd(), _CMP_GT_OQ),
                                 _mm256_cmp_pd(ax, _mm256_set1_pd(std::numeric_limits<double>::min()), _CMP_LT_OQ));
    return _mm256_movemask_pd(_mm256_or_pd(tiny, _mm256_cmp_pd(ax, _mm256_set1_pd(hi), _CMP_GT_OQ))) != 0;
  }
};
struct VecF {
  static constexpr int W = 8;
  using V = __m256;
  static V load(const float* p) noexcept { return _mm256_loadu_ps(p); }
  static void store(float* p, V v) noexcept { _mm256_storeu_ps(p, v); }
  static V set1(float x) noexcept { return _mm256_set1_ps(x); }
  static bool any_tiny_or_above(V v, float hi) noexcept {
    const V ax = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), v);
    const V tiny = _mm256_and_ps(_mm256_cmp_ps(ax, _mm256_setzero_ps(), _CMP_GT_OQ),
                                 _mm256_cmp_ps(ax, _mm256_set1_ps(std::numeric_limits<float>::min()), _CMP_LT_OQ));
    return _mm256_movemask_ps(_mm256_or_ps(tiny, _mm256_cmp_ps(ax, _mm256_set1_ps(hi), _CMP_GT_OQ))) != 0;
  }
};

template <int OP>
struct VM;
#define NUMNODE_SLEEF_1(op, name, u)                                                                \
  template <>                                                                                       \
  struct VM<kOp_##op> {                                                                             \
    static __m256d call(__m256d a, __m256d) noexcept { return Sleef_##name##d4_##u##avx2(a); }     \
    static __m256 call(__m256 a, __m256) noexcept { return Sleef_##name##f8_##u##avx2(a); }        \
  };
#define NUMNODE_SLEEF_2(op, name, u)                                                                \
  template <>                                                                                       \
  struct VM<kOp_##op> {                                                                             \
    static __m256d call(__m256d a, __m256d b) noexcept { return Sleef_##name##d4_##u##avx2(a, b); } \
    static __m256 call(__m256 a, __m256 b) noexcept { return Sleef_##name##f8_##u##avx2(a, b); }    \
  };
#include "elementwise_sleef.def"
#undef NUMNODE_SLEEF_1
#undef NUMNODE_SLEEF_2
// float64 pow goes through glibc lane by lane: SLEEF's u10 pow rounded a result to
// -inf where the correctly rounded value is -DBL_MAX (found by the live NumPy test);
// glibc's pow is correctly rounded in practice and is what NumPy calls.
template <>
struct VM<kOp_power> {
  static __m256d call(__m256d a, __m256d b) noexcept {
    alignas(32) double x[4], y[4];
    _mm256_store_pd(x, a);
    _mm256_store_pd(y, b);
    for (int i = 0; i < 4; ++i) x[i] = std::pow(x[i], y[i]);
    return _mm256_load_pd(x);
  }
  static __m256 call(__m256 a, __m256 b) noexcept { return Sleef_powf8_u10avx2(a, b); }
};
// sinh and tanh in float32 through the float64 functions: SLEEF's float32 tanh
// is measured at 1.00000002 ulp and sinh at 0.999999995 (scripts/vecmath-probe.py),
// on the bound; in double and rounded once they are within 0.5 ulp + 2^-29.
#define NUMNODE_VM1_VIA_D(op, name)                                                          \
  template <>                                                                                \
  struct VM<kOp_##op> {                                                                      \
    static __m256d call(__m256d a, __m256d) noexcept { return Sleef_##name##d4_u10avx2(a); } \
    static __m256 call(__m256 a, __m256) noexcept {                                          \
      const __m128 lo = _mm256_cvtpd_ps(Sleef_##name##d4_u10avx2(_mm256_cvtps_pd(_mm256_castps256_ps128(a)))); \
      const __m128 hi = _mm256_cvtpd_ps(Sleef_##name##d4_u10avx2(_mm256_cvtps_pd(_mm256_extractf128_ps(a, 1)))); \
      return _mm256_set_m128(hi, lo);                                                        \
    }                                                                                        \
  };
NUMNODE_VM1_VIA_D(sinh, sinh)
NUMNODE_VM1_VIA_D(tanh, tanh)
#undef NUMNODE_VM1_VIA_D
// sqrt: correctly rounded by the instruction, as by the scalar sqrt NumPy calls.
template <>
struct VM<kOp_sqrt> {
  static __m256d call(__m256d a, __m256d) noexcept { return _mm256_sqrt_pd(a); }
  static __m256 call(__m256 a, __m256) noexcept { return _mm256_sqrt_ps(a); }
};

}  // namespace
}  // namespace numnode::avx2

#define NUMNODE_EW_NS avx2
#define NUMNODE_EW_ISA "avx2+fma"
#include "elementwise_impl.h"
#undef NUMNODE_EW_NS
#undef NUMNODE_EW_ISA

#pragma GCC pop_options

namespace numnode {
const EwTable& elementwise_table_avx2() noexcept { return avx2::kTable; }
}  // namespace numnode
