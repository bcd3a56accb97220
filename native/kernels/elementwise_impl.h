// The elementwise kernels, written once and compiled twice: by
// elementwise_avx2.cc (under `#pragma GCC target("avx2,fma")`) and by
// elementwise_base.cc (the build's flags). The including file first includes the
// standard headers and elementwise_loops.h (so that nothing shared is compiled
// for AVX2), then defines, in namespace numnode::NUMNODE_EW_NS:
//   VecD / VecF  — the vector width W, the vector type V, load / store / set1;
//   VM<op>       — call(V, V): the op's SLEEF function (or sqrt instruction) on
//                  a vector of doubles or floats (the second argument ignored by
//                  unary ops);
// and NUMNODE_EW_ISA, the name config() reports.
//
// Semantics (NumPy's C loops, and src/backend/js/elementwise.ts):
//  - integer +, -, *, negative, square, power wrap: computed in an unsigned type of
//    at least int's width (signed overflow would be undefined behaviour);
//  - integer floor_divide / remainder follow Python's signs; division by zero
//    gives 0; MIN // -1 gives MIN and MIN % -1 gives 0, as NumPy;
//  - float floor_divide / remainder are NumPy's npy_divmod (CPython's algorithm);
//  - maximum/minimum propagate NaN and return b when a == b; fmax/fmin return
//    the other operand when one is NaN;
//  - shifts by a count outside [0, bits) give 0 (or -1 for a negative value
//    shifted right), as NumPy's npy_lshift/npy_rshift;
//  - transcendental functions on float loops: SLEEF u10 (hypot u05), always
//    through the vector function, the tail padded, so that a value's result does
//    not depend on its position in the array.
// Compiled with no-math-errno and no-trapping-math (set by the including file's
// pragma): neither changes a result (errno and FP exception flags are not
// observable through numnode); they let GCC expand sqrt, floor, ceil, trunc and
// nearbyint into vector instructions.
// Layout assumptions: items aligned to their size (the binding checks); the
// output either is exactly an input (in place) or does not overlap the inputs,
// which the __restrict loops rely on.

namespace numnode {
namespace NUMNODE_EW_NS {
namespace {

// Math builtins by type: expanded inline (roundpd, sqrtpd, ...) under the
// including file's `#pragma GCC optimize("no-math-errno", "no-trapping-math")`.
namespace fm {
inline double fmod(double a, double b) noexcept { return __builtin_fmod(a, b); }
inline float fmod(float a, float b) noexcept { return __builtin_fmodf(a, b); }
inline double copysign(double a, double b) noexcept { return __builtin_copysign(a, b); }
inline float copysign(float a, float b) noexcept { return __builtin_copysignf(a, b); }
inline double floor(double a) noexcept { return __builtin_floor(a); }
inline float floor(float a) noexcept { return __builtin_floorf(a); }
inline double ceil(double a) noexcept { return __builtin_ceil(a); }
inline float ceil(float a) noexcept { return __builtin_ceilf(a); }
inline double trunc(double a) noexcept { return __builtin_trunc(a); }
inline float trunc(float a) noexcept { return __builtin_truncf(a); }
inline double nearbyint(double a) noexcept { return __builtin_nearbyint(a); }
inline float nearbyint(float a) noexcept { return __builtin_nearbyintf(a); }
inline double fabs(double a) noexcept { return __builtin_fabs(a); }
inline float fabs(float a) noexcept { return __builtin_fabsf(a); }
inline double sqrt(double a) noexcept { return __builtin_sqrt(a); }
inline float sqrt(float a) noexcept { return __builtin_sqrtf(a); }
}  // namespace fm

template <int CODE>
using In = typename DTypeOf<CODE>::type;

template <class T>
using Wide = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;

template <class T>
constexpr T int_min() noexcept {
  return std::numeric_limits<T>::min();
}

// NumPy's npy_divmod (CPython's float divmod): floor quotient and Python remainder.
template <class T>
inline T py_divmod(T a, T b, T* modulus) noexcept {
  T mod = fm::fmod(a, b);
  if (!b) {
    *modulus = mod;
    return a / b;
  }
  T div = (a - mod) / b;
  if (mod) {
    if ((b < T(0)) != (mod < T(0))) {
      mod += b;
      div -= T(1);
    }
  } else {
    mod = fm::copysign(T(0), b);
  }
  T floordiv;
  if (div) {
    floordiv = fm::floor(div);
    if (div - floordiv > T(0.5)) floordiv += T(1);
  } else {
    floordiv = fm::copysign(T(0), a / b);
  }
  *modulus = mod;
  return floordiv;
}

// One element of op OP in a loop of storage type T and kind K ('b', 'i', 'u', 'f').
// Instantiated only for loops that exist (elementwise_loops.h).
template <int OP, class T, char K>
inline auto scalar(T a, T b) noexcept {
  using W = Wide<std::conditional_t<K == 'f', int, T>>;
  constexpr int bits = static_cast<int>(sizeof(T)) * 8;
  (void)b;
  if constexpr (OP == kOp_add) {
    if constexpr (K == 'b') return T(a | b);
    else if constexpr (K == 'f') return T(a + b);
    else return T(W(a) + W(b));
  } else if constexpr (OP == kOp_subtract) {
    if constexpr (K == 'f') return T(a - b);
    else return T(W(a) - W(b));
  } else if constexpr (OP == kOp_multiply) {
    if constexpr (K == 'b') return T(a & b);
    else if constexpr (K == 'f') return T(a * b);
    else return T(W(a) * W(b));
  } else if constexpr (OP == kOp_divide) {
    return T(a / b);
  } else if constexpr (OP == kOp_floorDivide) {
    if constexpr (K == 'f') {
      if (!b) return T(a / b);
      T mod;
      return py_divmod(a, b, &mod);
    } else if constexpr (K == 'u') {
      return b == 0 ? T(0) : T(a / b);
    } else {
      if (b == 0) return T(0);
      if (b == T(-1)) return T(W(0) - W(a));  // MIN // -1 wraps to MIN
      const T q = T(a / b);
      return ((a % b) != 0 && ((a < 0) != (b < 0))) ? T(q - 1) : q;
    }
  } else if constexpr (OP == kOp_remainder) {
    if constexpr (K == 'f') {
      if (!b) return T(fm::fmod(a, b));
      T mod;
      py_divmod(a, b, &mod);
      return mod;
    } else if constexpr (K == 'u') {
      return b == 0 ? T(0) : T(a % b);
    } else {
      if (b == 0 || b == T(-1)) return T(0);
      const T r = T(a % b);
      return (r != 0 && ((r < 0) != (b < 0))) ? T(r + b) : r;
    }
  } else if constexpr (OP == kOp_power) {
    // Integers only here (float power goes through the vector library). A
    // negative exponent is refused before the loop runs; treat it as 0 bits.
    if (b == 0 || a == 1) return T(1);
    std::make_unsigned_t<T> e = (K == 'i' && b < 0) ? 0 : static_cast<std::make_unsigned_t<T>>(b);
    W x = W(a);
    W r = (e & 1) ? x : W(1);
    e >>= 1;
    while (e) {
      x = W(x * x);
      if (e & 1) r = W(r * x);
      e >>= 1;
    }
    return T(r);
  } else if constexpr (OP == kOp_negative) {
    if constexpr (K == 'f') return T(-a);
    else return T(W(0) - W(a));
  } else if constexpr (OP == kOp_positive) {
    return a;
  } else if constexpr (OP == kOp_absolute) {
    if constexpr (K == 'f') return T(fm::fabs(a));
    else if constexpr (K == 'i') return a < 0 ? T(W(0) - W(a)) : a;
    else return a;
  } else if constexpr (OP == kOp_sqrt) {
    return T(fm::sqrt(a));
  } else if constexpr (OP == kOp_square) {
    if constexpr (K == 'f') return T(a * a);
    else return T(W(a) * W(a));
  } else if constexpr (OP == kOp_floor) {
    if constexpr (K == 'f') return T(fm::floor(a));
    else return a;
  } else if constexpr (OP == kOp_ceil) {
    if constexpr (K == 'f') return T(fm::ceil(a));
    else return a;
  } else if constexpr (OP == kOp_trunc) {
    if constexpr (K == 'f') return T(fm::trunc(a));
    else return a;
  } else if constexpr (OP == kOp_rint) {
    return T(fm::nearbyint(a));  // the default rounding mode: to nearest, ties to even
  } else if constexpr (OP == kOp_sign) {
    if constexpr (K == 'f') return a > T(0) ? T(1) : a < T(0) ? T(-1) : a == T(0) ? T(0) : a;
    else if constexpr (K == 'u') return T(a > 0 ? 1 : 0);
    else return T(a > 0 ? 1 : a < 0 ? -1 : 0);
  } else if constexpr (OP == kOp_maximum) {
    if constexpr (K == 'f') return (a > b || a != a) ? a : b;
    else return a > b ? a : b;
  } else if constexpr (OP == kOp_minimum) {
    if constexpr (K == 'f') return (a < b || a != a) ? a : b;
    else return a < b ? a : b;
  } else if constexpr (OP == kOp_fmax) {
    if constexpr (K == 'f') return (a > b || b != b) ? a : b;
    else return a > b ? a : b;
  } else if constexpr (OP == kOp_fmin) {
    if constexpr (K == 'f') return (a < b || b != b) ? a : b;
    else return a < b ? a : b;
  } else if constexpr (OP == kOp_equal) {
    return uint8_t(a == b);
  } else if constexpr (OP == kOp_notEqual) {
    return uint8_t(a != b);
  } else if constexpr (OP == kOp_less) {
    return uint8_t(a < b);
  } else if constexpr (OP == kOp_lessEqual) {
    return uint8_t(a <= b);
  } else if constexpr (OP == kOp_greater) {
    return uint8_t(a > b);
  } else if constexpr (OP == kOp_greaterEqual) {
    return uint8_t(a >= b);
  } else if constexpr (OP == kOp_logicalAnd) {
    return uint8_t((a != T(0)) & (b != T(0)));
  } else if constexpr (OP == kOp_logicalOr) {
    return uint8_t((a != T(0)) | (b != T(0)));
  } else if constexpr (OP == kOp_logicalXor) {
    return uint8_t((a != T(0)) != (b != T(0)));
  } else if constexpr (OP == kOp_logicalNot) {
    return uint8_t(a == T(0));
  } else if constexpr (OP == kOp_isnan) {
    if constexpr (K == 'f') return uint8_t(a != a);
    else return uint8_t(0);
  } else if constexpr (OP == kOp_isinf) {
    if constexpr (K == 'f') return uint8_t(fm::fabs(a) == std::numeric_limits<T>::infinity());
    else return uint8_t(0);
  } else if constexpr (OP == kOp_isfinite) {
    if constexpr (K == 'f') return uint8_t(a - a == T(0));
    else return uint8_t(1);
  } else if constexpr (OP == kOp_bitwiseAnd) {
    return T(a & b);
  } else if constexpr (OP == kOp_bitwiseOr) {
    return T(a | b);
  } else if constexpr (OP == kOp_bitwiseXor) {
    return T(a ^ b);
  } else if constexpr (OP == kOp_invert) {
    if constexpr (K == 'b') return T(a ^ 1);
    else return T(~a);
  } else if constexpr (OP == kOp_leftShift) {
    // NumPy: (size_t)b < bits ? a << b : 0 (a negative count is huge as size_t).
    const bool in_range = (K == 'i' ? b >= 0 : true) && b < T(bits);
    return in_range ? T(W(a) << b) : T(0);
  } else if constexpr (OP == kOp_rightShift) {
    const bool in_range = (K == 'i' ? b >= 0 : true) && b < T(bits);
    if constexpr (K == 'i') return in_range ? T(a >> b) : T(a < 0 ? -1 : 0);
    else return in_range ? T(a >> b) : T(0);
  } else {
    static_assert(OP < 0, "op without a scalar definition");
    return a;
  }
}

template <int OP, int CODE>
struct Kern {
  using T = In<CODE>;
  static constexpr char K = DTypeOf<CODE>::kind;
  using R = decltype(scalar<OP, T, K>(T{}, T{}));
  static inline R f(T a, T b) noexcept { return scalar<OP, T, K>(a, b); }
};

// ---- contiguous loops (the ones the compiler vectorises) ------------------------

template <int OP, int CODE, class T, class R>
void contig2(R* __restrict o, const T* __restrict a, const T* __restrict b, int64_t n) noexcept {
  for (int64_t i = 0; i < n; ++i) o[i] = Kern<OP, CODE>::f(a[i], b[i]);
}
template <int OP, int CODE, class T>
void inplace_a(T* a, const T* __restrict b, int64_t n) noexcept {  // out is a
  for (int64_t i = 0; i < n; ++i) a[i] = Kern<OP, CODE>::f(a[i], b[i]);
}
template <int OP, int CODE, class T>
void inplace_b(T* b, const T* __restrict a, int64_t n) noexcept {  // out is b
  for (int64_t i = 0; i < n; ++i) b[i] = Kern<OP, CODE>::f(a[i], b[i]);
}
template <int OP, int CODE, class T>
void inplace_ab(T* a, int64_t n) noexcept {  // out, a and b are one array
  for (int64_t i = 0; i < n; ++i) a[i] = Kern<OP, CODE>::f(a[i], a[i]);
}
template <int OP, int CODE, class T, class R>
void same_ab(R* __restrict o, const T* __restrict a, int64_t n) noexcept {  // a and b are one array
  for (int64_t i = 0; i < n; ++i) o[i] = Kern<OP, CODE>::f(a[i], a[i]);
}
template <int OP, int CODE, class T, class R>
void scalar_b(R* __restrict o, const T* __restrict a, T b, int64_t n) noexcept {
  for (int64_t i = 0; i < n; ++i) o[i] = Kern<OP, CODE>::f(a[i], b);
}
template <int OP, int CODE, class T>
void scalar_b_inplace(T* a, T b, int64_t n) noexcept {
  for (int64_t i = 0; i < n; ++i) a[i] = Kern<OP, CODE>::f(a[i], b);
}
template <int OP, int CODE, class T, class R>
void scalar_a(R* __restrict o, T a, const T* __restrict b, int64_t n) noexcept {
  for (int64_t i = 0; i < n; ++i) o[i] = Kern<OP, CODE>::f(a, b[i]);
}
template <int OP, int CODE, class T>
void scalar_a_inplace(T* b, T a, int64_t n) noexcept {
  for (int64_t i = 0; i < n; ++i) b[i] = Kern<OP, CODE>::f(a, b[i]);
}
template <int OP, int CODE, class T, class R>
void contig1(R* __restrict o, const T* __restrict a, int64_t n) noexcept {
  for (int64_t i = 0; i < n; ++i) o[i] = Kern<OP, CODE>::f(a[i], a[i]);
}
template <int OP, int CODE, class T>
void inplace1(T* a, int64_t n) noexcept {
  for (int64_t i = 0; i < n; ++i) a[i] = Kern<OP, CODE>::f(a[i], a[i]);
}

template <class T>
inline T load(const char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
template <class T>
inline void store(char* p, T v) noexcept {
  std::memcpy(p, &v, sizeof(T));
}

// One run of a scalar-defined op: the fast paths, then the general strided loop.
template <int OP, int CODE>
void run(char* const* p, int64_t n, const int64_t* st) noexcept {
  using KK = Kern<OP, CODE>;
  using T = typename KK::T;
  using R = typename KK::R;
  constexpr int64_t zt = sizeof(T), zr = sizeof(R);
  constexpr bool same_type = std::is_same_v<T, R>;
  char* o = p[0];
  const char* a = p[1];
  if constexpr (ew::nin_of(OP) == 1) {
    if (st[0] == zr && st[1] == zt) {
      if constexpr (same_type) {
        if (o == a) return inplace1<OP, CODE>(reinterpret_cast<T*>(o), n);
      }
      if (o != a) return contig1<OP, CODE>(reinterpret_cast<R*>(o), reinterpret_cast<const T*>(a), n);
    }
    for (int64_t i = 0; i < n; ++i) store<R>(o + i * st[0], KK::f(load<T>(a + i * st[1]), T{}));
  } else {
    const char* b = p[2];
    const int64_t so = st[0], sa = st[1], sb = st[2];
    if (so == zr) {
      if (sa == zt && sb == zt) {
        if constexpr (same_type) {
          if (o == a && o == b) return inplace_ab<OP, CODE>(reinterpret_cast<T*>(o), n);
          if (o == a) return inplace_a<OP, CODE>(reinterpret_cast<T*>(o), reinterpret_cast<const T*>(b), n);
          if (o == b) return inplace_b<OP, CODE>(reinterpret_cast<T*>(o), reinterpret_cast<const T*>(a), n);
        }
        if (o != a && o != b) {
          if (a == b) return same_ab<OP, CODE>(reinterpret_cast<R*>(o), reinterpret_cast<const T*>(a), n);
          return contig2<OP, CODE>(reinterpret_cast<R*>(o), reinterpret_cast<const T*>(a),
                                   reinterpret_cast<const T*>(b), n);
        }
      } else if (sa == zt && sb == 0) {
        const T bv = load<T>(b);
        if constexpr (same_type) {
          if (o == a) return scalar_b_inplace<OP, CODE>(reinterpret_cast<T*>(o), bv, n);
        }
        if (o != a) return scalar_b<OP, CODE>(reinterpret_cast<R*>(o), reinterpret_cast<const T*>(a), bv, n);
      } else if (sa == 0 && sb == zt) {
        const T av = load<T>(a);
        if constexpr (same_type) {
          if (o == b) return scalar_a_inplace<OP, CODE>(reinterpret_cast<T*>(o), av, n);
        }
        if (o != b) return scalar_a<OP, CODE>(reinterpret_cast<R*>(o), av, reinterpret_cast<const T*>(b), n);
      }
    }
    for (int64_t i = 0; i < n; ++i) store<R>(o + i * so, KK::f(load<T>(a + i * sa), load<T>(b + i * sb)));
  }
}

// The comparisons' mixed loops: a int64 with b uint64 (or the reverse), exactly.
inline int cmp_iu(int64_t a, uint64_t b) noexcept {
  if (a < 0) return -1;
  const uint64_t ua = static_cast<uint64_t>(a);
  return ua < b ? -1 : ua > b ? 1 : 0;
}

template <int OP>
inline uint8_t from_cmp(int c) noexcept {
  if constexpr (OP == kOp_equal) return c == 0;
  else if constexpr (OP == kOp_notEqual) return c != 0;
  else if constexpr (OP == kOp_less) return c < 0;
  else if constexpr (OP == kOp_lessEqual) return c <= 0;
  else if constexpr (OP == kOp_greater) return c > 0;
  else return c >= 0;
}

template <int OP, int LOOP>
void run_mixed(char* const* p, int64_t n, const int64_t* st) noexcept {
  for (int64_t i = 0; i < n; ++i) {
    int c;
    if constexpr (LOOP == kLoopInt64UInt64) c = cmp_iu(load<int64_t>(p[1] + i * st[1]), load<uint64_t>(p[2] + i * st[2]));
    else c = -cmp_iu(load<int64_t>(p[2] + i * st[2]), load<uint64_t>(p[1] + i * st[1]));
    p[0][i * st[0]] = static_cast<char>(from_cmp<OP>(c));
  }
}

// ---- the vector math path -----------------------------------------------------

// glibc's scalar functions (what NumPy calls), for the few inputs SLEEF gets
// wrong: subnormal arguments (SLEEF flushes log1p(x), tan(x) of them to 0),
// sinh/cosh between exp's overflow threshold and their own (SLEEF overflows to inf
// from |x| > 709.78 although sinh(710.4) is finite), log1p near the largest float.
// Found by the fixture's edge values (scripts/gen-elementwise-fixtures.py).
template <int OP>
struct Libm;
#define NUMNODE_LIBM(op, fn)                                          \
  template <>                                                         \
  struct Libm<kOp_##op> {                                             \
    static double call(double x) noexcept { return ::fn(x); }         \
    static float call(float x) noexcept { return ::fn##f(x); }        \
  };
NUMNODE_LIBM(exp, exp)
NUMNODE_LIBM(exp2, exp2)
NUMNODE_LIBM(expm1, expm1)
NUMNODE_LIBM(log, log)
NUMNODE_LIBM(log2, log2)
NUMNODE_LIBM(log10, log10)
NUMNODE_LIBM(log1p, log1p)
NUMNODE_LIBM(sin, sin)
NUMNODE_LIBM(cos, cos)
NUMNODE_LIBM(tan, tan)
NUMNODE_LIBM(arcsin, asin)
NUMNODE_LIBM(arccos, acos)
NUMNODE_LIBM(arctan, atan)
NUMNODE_LIBM(sinh, sinh)
NUMNODE_LIBM(cosh, cosh)
NUMNODE_LIBM(tanh, tanh)
NUMNODE_LIBM(cbrt, cbrt)
#undef NUMNODE_LIBM

template <int OP, class T>
inline bool needs_libm(T x) noexcept {
  if constexpr (ew::nin_of(OP) != 1 || !ew::is_transcendental(OP)) {
    (void)x;
    return false;
  } else {
    const T ax = fm::fabs(x);
    if (ax != T(0) && ax < std::numeric_limits<T>::min()) return true;  // subnormal
    constexpr bool f64 = sizeof(T) == 8;
    if constexpr (OP == kOp_sinh || OP == kOp_cosh) return ax > T(f64 ? 709.0 : 88.0);
    if constexpr (OP == kOp_log1p) return x > T(f64 ? 1e307 : 1e37);
    return false;
  }
}

// needs_libm's test for a whole vector: a lane that is subnormal or whose |x| is above
// this bound may need libm (log1p's bound is on x; a large negative x only sends its
// vector through the lane-by-lane path, which tests exactly).
template <int OP, class T>
constexpr T libm_above() noexcept {
  constexpr bool f64 = sizeof(T) == 8;
  if constexpr (OP == kOp_sinh || OP == kOp_cosh) return T(f64 ? 709.0 : 88.0);
  if constexpr (OP == kOp_log1p) return T(f64 ? 1e307 : 1e37);
  return std::numeric_limits<T>::infinity();
}

template <int OP, class T>
inline T libm(T x) noexcept {
  if constexpr (ew::nin_of(OP) == 1 && ew::is_transcendental(OP)) return Libm<OP>::call(x);
  else return x;
}

template <int OP, class VT, class T>
void run_vm(char* const* p, int64_t n, const int64_t* st) noexcept {
  constexpr int W = VT::W;
  constexpr bool binary = ew::nin_of(OP) == 2;
  constexpr int64_t z = sizeof(T);
  char* o = p[0];
  const char* a = p[1];
  const char* b = binary ? p[2] : p[1];
  const int64_t so = st[0], sa = st[1], sb = binary ? st[2] : st[1];
  int64_t i = 0;
  alignas(64) T ba[W], bb[W], bo[W];
  // One block through the buffers: gather, compute, patch, scatter. Unused lanes
  // repeat a real input, so no lane computes on garbage.
  auto block = [&](int64_t at, int k) noexcept {
    for (int j = 0; j < k; ++j) {
      ba[j] = load<T>(a + (at + j) * sa);
      bb[j] = load<T>(b + (at + j) * sb);
    }
    for (int j = k; j < W; ++j) {
      ba[j] = ba[0];
      bb[j] = bb[0];
    }
    VT::store(bo, VM<OP>::call(VT::load(ba), VT::load(bb)));
    for (int j = 0; j < k; ++j) {
      if (needs_libm<OP>(ba[j])) bo[j] = libm<OP>(ba[j]);
      store<T>(o + (at + j) * so, bo[j]);
    }
  };
  if (so == z && sa == z && (sb == z || sb == 0)) {
    // Contiguous (b contiguous or one scalar). Each block is loaded before it is
    // stored, so in place (o == a or o == b) is safe. A block holding an input
    // SLEEF gets wrong takes the buffered path.
    const T* ap = reinterpret_cast<const T*>(a);
    const typename VT::V bs = VT::set1(load<T>(b));
    for (; i + W <= n; i += W) {
      const typename VT::V va = VT::load(ap + i);
      // (one vector test: testing the W lanes one by one with needs_libm cost more
      // than SLEEF's exp itself, 87 against 33 us for 1e5 float32 on AVX-512)
      if constexpr (!binary && ew::is_transcendental(OP)) {
        if (VT::any_tiny_or_above(va, libm_above<OP, T>())) {
          block(i, W);
          continue;
        }
      }
      const typename VT::V vb = sb == 0 ? bs : VT::load(reinterpret_cast<const T*>(b) + i);
      VT::store(reinterpret_cast<T*>(o) + i, VM<OP>::call(va, vb));
    }
  }
  // The tail, or any strided layout.
  while (i < n) {
    const int k = static_cast<int>(std::min<int64_t>(W, n - i));
    block(i, k);
    i += k;
  }
}

template <int OP, int LOOP>
constexpr EwRun pick() noexcept {
  if constexpr (!ew::loop_exists(OP, LOOP)) {
    return nullptr;
  } else if constexpr (LOOP >= kNumDTypes) {
    return &run_mixed<OP, LOOP>;
  } else if constexpr (ew::uses_vector_fn(OP) && LOOP == kDType_float64) {
    return &run_vm<OP, VecD, double>;
  } else if constexpr (ew::uses_vector_fn(OP) && LOOP == kDType_float32) {
    return &run_vm<OP, VecF, float>;
  } else {
    return &run<OP, LOOP>;
  }
}

template <int OP, int... L>
constexpr void fill_row(EwTable& t, std::integer_sequence<int, L...>) noexcept {
  ((t.run[OP][L] = pick<OP, L>()), ...);
}
template <int... OPS>
constexpr EwTable make_table(std::integer_sequence<int, OPS...>) noexcept {
  EwTable t{};
  (fill_row<OPS>(t, std::make_integer_sequence<int, kNumLoops>{}), ...);
  t.isa = NUMNODE_EW_ISA;
  return t;
}

}  // namespace

const EwTable kTable = make_table(std::make_integer_sequence<int, kNumOps>{});

}  // namespace NUMNODE_EW_NS
}  // namespace numnode
