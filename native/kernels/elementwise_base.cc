// The elementwise kernels for any x86-64 CPU: elementwise_impl.h with the build's
// own flags (SSE2 in a portable build, whatever -march allows in a local one) and
// SLEEF's 128-bit functions, which pick SSE2/SSE4.1/AVX2-128 code themselves at
// run time. Used when the CPU lacks AVX2 or FMA.
#include <emmintrin.h>
#include <sleef.h>

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
#pragma GCC optimize("no-math-errno", "no-trapping-math")

namespace numnode::base {
namespace {

struct VecD {
  static constexpr int W = 2;
  using V = __m128d;
  static V load(const double* p) noexcept { return _mm_loadu_pd(p); }
  static void store(double* p, V v) noexcept { _mm_storeu_pd(p, v); }
  static V set1(double x) noexcept { return _mm_set1_pd(x); }
  // Whether a lane is subnormal (0 < |x| < DBL_MIN) or above hi (NaN is neither).
  static bool any_tiny_or_above(V v, double hi) noexcept {
    const V ax = _mm_andnot_pd(_mm_set1_pd(-0.0), v);
    const V tiny = _mm_and_pd(_mm_cmpgt_pd(ax, _mm_setzero_pd()), _mm_cmplt_pd(ax, _mm_set1_pd(std::numeric_limits<double>::min())));
    return _mm_movemask_pd(_mm_or_pd(tiny, _mm_cmpgt_pd(ax, _mm_set1_pd(hi)))) != 0;
  }
};
struct VecF {
  static constexpr int W = 4;
  using V = __m128;
  static V load(const float* p) noexcept { return _mm_loadu_ps(p); }
  static void store(float* p, V v) noexcept { _mm_storeu_ps(p, v); }
  static V set1(float x) noexcept { return _mm_set1_ps(x); }
  static bool any_tiny_or_above(V v, float hi) noexcept {
    const V ax = _mm_andnot_ps(_mm_set1_ps(-0.0f), v);
    const V tiny = _mm_and_ps(_mm_cmpgt_ps(ax, _mm_setzero_ps()), _mm_cmplt_ps(ax, _mm_set1_ps(std::numeric_limits<float>::min())));
    return _mm_movemask_ps(_mm_or_ps(tiny, _mm_cmpgt_ps(ax, _mm_set1_ps(hi)))) != 0;
  }
};

template <int OP>
struct VM;
#define NUMNODE_SLEEF_1(op, name, u)                                                            \
  template <>                                                                               \
  struct VM<kOp_##op> {                                                                     \
    static __m128d call(__m128d a, __m128d) noexcept { return Sleef_##name##d2_##u(a); }    \
    static __m128 call(__m128 a, __m128) noexcept { return Sleef_##name##f4_##u(a); }       \
  };
#define NUMNODE_SLEEF_2(op, name, u)                                                            \
  template <>                                                                               \
  struct VM<kOp_##op> {                                                                     \
    static __m128d call(__m128d a, __m128d b) noexcept { return Sleef_##name##d2_##u(a, b); } \
    static __m128 call(__m128 a, __m128 b) noexcept { return Sleef_##name##f4_##u(a, b); }    \
  };
#include "elementwise_sleef.def"
NUMNODE_SLEEF_2(power, pow, u10)
// sinh and tanh in float32 through the float64 functions (SLEEF's float32 versions
// sit on the 1-ulp bound; see elementwise_avx2.cc).
#define NUMNODE_VM1_VIA_D(op, name)                                                          \
  template <>                                                                                \
  struct VM<kOp_##op> {                                                                      \
    static __m128d call(__m128d a, __m128d) noexcept { return Sleef_##name##d2_u10(a); }    \
    static __m128 call(__m128 a, __m128) noexcept {                                          \
      const __m128 lo = _mm_cvtpd_ps(Sleef_##name##d2_u10(_mm_cvtps_pd(a)));                 \
      const __m128 hi = _mm_cvtpd_ps(Sleef_##name##d2_u10(_mm_cvtps_pd(_mm_movehl_ps(a, a)))); \
      return _mm_movelh_ps(lo, hi);                                                          \
    }                                                                                        \
  };
NUMNODE_VM1_VIA_D(sinh, sinh)
NUMNODE_VM1_VIA_D(tanh, tanh)
#undef NUMNODE_VM1_VIA_D
// sqrt: correctly rounded by the instruction, as by the scalar sqrt NumPy calls.
template <>
struct VM<kOp_sqrt> {
  static __m128d call(__m128d a, __m128d) noexcept { return _mm_sqrt_pd(a); }
  static __m128 call(__m128 a, __m128) noexcept { return _mm_sqrt_ps(a); }
};
#undef NUMNODE_SLEEF_1
#undef NUMNODE_SLEEF_2

}  // namespace
}  // namespace numnode::base

#define NUMNODE_EW_NS base
#define NUMNODE_EW_ISA "baseline"
#include "elementwise_impl.h"
#undef NUMNODE_EW_NS
#undef NUMNODE_EW_ISA

#pragma GCC pop_options

namespace numnode {
const EwTable& elementwise_table_base() noexcept { return base::kTable; }
}  // namespace numnode
