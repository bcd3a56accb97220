// The elementwise kernels compiled for AVX-512 (F, DQ, VL, BW; chosen at load when
// the CPU and the OS support them; elementwise.cc): elementwise_impl.h under
// `#pragma GCC target`, as elementwise_avx2.cc does for AVX2. SLEEF's 512-bit
// functions run the same u10 algorithms as its 256-bit ones at twice the lanes;
// measured on this machine's EPYC (Zen 4), single thread, 1e5 values: float32 exp
// 32.7 vs 69.8 µs, float32 sin 56.5 vs 111 µs, float64 exp 99.7 vs 143 µs, float64
// sin 121 vs 200 µs.
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
#pragma GCC target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")
#pragma GCC optimize("no-math-errno", "no-trapping-math")
// GCC 12's own avx512fintrin.h trips -Wmaybe-uninitialized (its _mm512_undefined_*
// placeholders in the conversion intrinsics): a false positive, silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

// SLEEF's AVX-512 functions, declared here for the reason elementwise_avx2.cc gives.
extern "C" {
#define NUMNODE_SLEEF_1(op, name, u)                        \
  __m512d Sleef_##name##d8_##u##avx512f(__m512d);           \
  __m512 Sleef_##name##f16_##u##avx512f(__m512);
#define NUMNODE_SLEEF_2(op, name, u)                        \
  __m512d Sleef_##name##d8_##u##avx512f(__m512d, __m512d);  \
  __m512 Sleef_##name##f16_##u##avx512f(__m512, __m512);
#include "elementwise_sleef.def"
NUMNODE_SLEEF_1(sinh, sinh, u10)
NUMNODE_SLEEF_1(tanh, tanh, u10)
NUMNODE_SLEEF_2(power, pow, u10)
#undef NUMNODE_SLEEF_1
#undef NUMNODE_SLEEF_2
}

namespace numnode::avx512 {
namespace {

struct VecD {
  static constexpr int W = 8;
  using V = __m512d;
  static V load(const double* p) noexcept { return _mm512_loadu_pd(p); }
  static void store(double* p, V v) noexcept { _mm512_storeu_pd(p, v); }
  static V set1(double x) noexcept { return _mm512_set1_pd(x); }
  // Whether a lane is subnormal (0 < |x| < DBL_MIN) or above hi (NaN is neither).
  static bool any_tiny_or_above(V v, double hi) noexcept {
    const V ax = _mm512_abs_pd(v);
    const __mmask8 tiny = _mm512_cmp_pd_mask(ax, _mm512_setzero_pd(), _CMP_GT_OQ) &
                          _mm512_cmp_pd_mask(ax, _mm512_set1_pd(std::numeric_limits<double>::min()), _CMP_LT_OQ);
    return (tiny | _mm512_cmp_pd_mask(ax, _mm512_set1_pd(hi), _CMP_GT_OQ)) != 0;
  }
};
struct VecF {
  static constexpr int W = 16;
  using V = __m512;
  static V load(const float* p) noexcept { return _mm512_loadu_ps(p); }
  static void store(float* p, V v) noexcept { _mm512_storeu_ps(p, v); }
  static V set1(float x) noexcept { return _mm512_set1_ps(x); }
  static bool any_tiny_or_above(V v, float hi) noexcept {
    const V ax = _mm512_abs_ps(v);
    const __mmask16 tiny = _mm512_cmp_ps_mask(ax, _mm512_setzero_ps(), _CMP_GT_OQ) &
                           _mm512_cmp_ps_mask(ax, _mm512_set1_ps(std::numeric_limits<float>::min()), _CMP_LT_OQ);
    return (tiny | _mm512_cmp_ps_mask(ax, _mm512_set1_ps(hi), _CMP_GT_OQ)) != 0;
  }
};

template <int OP>
struct VM;
#define NUMNODE_SLEEF_1(op, name, u)                                                                  \
  template <>                                                                                         \
  struct VM<kOp_##op> {                                                                               \
    static __m512d call(__m512d a, __m512d) noexcept { return Sleef_##name##d8_##u##avx512f(a); }     \
    static __m512 call(__m512 a, __m512) noexcept { return Sleef_##name##f16_##u##avx512f(a); }       \
  };
#define NUMNODE_SLEEF_2(op, name, u)                                                                  \
  template <>                                                                                         \
  struct VM<kOp_##op> {                                                                               \
    static __m512d call(__m512d a, __m512d b) noexcept { return Sleef_##name##d8_##u##avx512f(a, b); } \
    static __m512 call(__m512 a, __m512 b) noexcept { return Sleef_##name##f16_##u##avx512f(a, b); }   \
  };
#include "elementwise_sleef.def"
#undef NUMNODE_SLEEF_1
#undef NUMNODE_SLEEF_2
// float64 pow lane by lane through glibc, float32 sinh/tanh through the float64
// functions: as elementwise_avx2.cc, for the reasons given there.
template <>
struct VM<kOp_power> {
  static __m512d call(__m512d a, __m512d b) noexcept {
    alignas(64) double x[8], y[8];
    _mm512_store_pd(x, a);
    _mm512_store_pd(y, b);
    for (int i = 0; i < 8; ++i) x[i] = std::pow(x[i], y[i]);
    return _mm512_load_pd(x);
  }
  static __m512 call(__m512 a, __m512 b) noexcept { return Sleef_powf16_u10avx512f(a, b); }
};
#define NUMNODE_VM1_VIA_D(op, name)                                                              \
  template <>                                                                                    \
  struct VM<kOp_##op> {                                                                          \
    static __m512d call(__m512d a, __m512d) noexcept { return Sleef_##name##d8_u10avx512f(a); }  \
    static __m512 call(__m512 a, __m512) noexcept {                                              \
      const __m256 lo = _mm512_cvtpd_ps(Sleef_##name##d8_u10avx512f(_mm512_cvtps_pd(_mm512_castps512_ps256(a)))); \
      const __m256 hi = _mm512_cvtpd_ps(Sleef_##name##d8_u10avx512f(_mm512_cvtps_pd(_mm512_extractf32x8_ps(a, 1)))); \
      return _mm512_insertf32x8(_mm512_castps256_ps512(lo), hi, 1);                             \
    }                                                                                            \
  };
NUMNODE_VM1_VIA_D(sinh, sinh)
NUMNODE_VM1_VIA_D(tanh, tanh)
#undef NUMNODE_VM1_VIA_D
template <>
struct VM<kOp_sqrt> {
  static __m512d call(__m512d a, __m512d) noexcept { return _mm512_sqrt_pd(a); }
  static __m512 call(__m512 a, __m512) noexcept { return _mm512_sqrt_ps(a); }
};

}  // namespace
}  // namespace numnode::avx512

#define NUMNODE_EW_NS avx512
#define NUMNODE_EW_ISA "avx512"
#include "elementwise_impl.h"
#undef NUMNODE_EW_NS
#undef NUMNODE_EW_ISA

#pragma GCC diagnostic pop
#pragma GCC pop_options

namespace numnode {
const EwTable& elementwise_table_avx512() noexcept { return avx512::kTable; }
}  // namespace numnode
