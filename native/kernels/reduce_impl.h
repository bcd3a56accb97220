// Internals shared by the reduction kernels (reduce.cc, reduce_pairwise.cc,
// reduce_exact.cc, reduce_scan.cc): the loop plan, the parallel driver, the
// vector types and element conversions. Not part of the kernel API.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#if defined(__AVX__)
#include <immintrin.h>
#endif

#include "dtypes.h"
#include "parallel.h"
#include "reduce.h"

namespace numnode::reduce_detail {

// Vector width of the accumulators: 32 bytes when the build may use AVX (also on
// AVX-512 machines: measured on this Zen 4, a 40 MB float64 sum took 1.52-1.76 ms
// with 4 ymm accumulators and 1.88-1.99 ms with 2 zmm ones; Intel parts also lower
// their clock for zmm), else SSE2's 16 bytes (portable prebuilds).
#if defined(__AVX__)
constexpr int kVecBytes = 32;
#else
constexpr int kVecBytes = 16;
#endif

template <class T, int N>
struct VecOf {
  typedef T type __attribute__((vector_size(N * sizeof(T))));
};
// N lanes of T. Arithmetic is lane by lane with IEEE semantics (no reassociation),
// which is what lets the vector code give the same bits as scalar TypeScript.
template <class T, int N>
using Vec = typename VecOf<T, N>::type;

// Lanes per hardware vector of T (at most kReduceLanes).
template <class T>
constexpr int kLanesPerVec = std::min<int>(kReduceLanes, kVecBytes / static_cast<int>(sizeof(T)));

template <class V, class T>
inline V splat(T v) noexcept {
  V r;
  for (size_t i = 0; i < sizeof(V) / sizeof(T); ++i) r[i] = v;
  return r;
}

// One stored element of dtype code D as the accumulator type A. bool is a byte
// that counts as 1 when nonzero (as casts from bool do); the rest are C casts,
// which round int64 -> double to nearest like JavaScript's Number(bigint).
template <int D, class A>
inline A conv(typename DTypeOf<D>::type x) noexcept {
  if constexpr (DTypeOf<D>::kind == 'b') return x != 0 ? A(1) : A(0);
  else return static_cast<A>(x);
}

#if defined(__AVX__)
// 4 elements of a narrow dtype (float32, or an integer of at most 32 bits except
// uint32) as 4 doubles, in one conversion instruction. GCC 12 lowers the generic
// __builtin_convertvector of these into 128-bit halves joined by lane inserts, or
// scalar code for 8- and 16-bit integers: a float32 sum ran at 21 GB/s on one
// thread against 33 GB/s for float64.
template <int D>
constexpr bool kWidenPd4 = DTypeOf<D>::kind == 'b' || std::is_same_v<typename DTypeOf<D>::type, float> ||
                           (std::is_integral_v<typename DTypeOf<D>::type> && sizeof(typename DTypeOf<D>::type) < 4) ||
                           std::is_same_v<typename DTypeOf<D>::type, int32_t>;

template <int D>
inline __m256d widen_pd4(const typename DTypeOf<D>::type* p) noexcept {
  using T = typename DTypeOf<D>::type;
  if constexpr (std::is_same_v<T, float>) {
    return _mm256_cvtps_pd(_mm_loadu_ps(p));
  } else if constexpr (sizeof(T) == 4) {
    return _mm256_cvtepi32_pd(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
  } else {
    __m128i w;
    if constexpr (sizeof(T) == 1) {
      int32_t bytes;
      std::memcpy(&bytes, p, 4);
      w = _mm_cvtsi32_si128(bytes);
      w = std::is_signed_v<T> ? _mm_cvtepi8_epi32(w) : _mm_cvtepu8_epi32(w);
    } else {
      int64_t halves;
      std::memcpy(&halves, p, 8);
      w = _mm_cvtsi64_si128(halves);
      w = std::is_signed_v<T> ? _mm_cvtepi16_epi32(w) : _mm_cvtepu16_epi32(w);
    }
    if constexpr (DTypeOf<D>::kind == 'b') w = _mm_min_epu32(w, _mm_set1_epi32(1));  // nonzero counts as 1
    return _mm256_cvtepi32_pd(w);
  }
}
#endif

// N consecutive elements of dtype D, converted to N lanes of A.
template <int D, class A, int N>
inline Vec<A, N> loadv(const typename DTypeOf<D>::type* p) noexcept {
  using T = typename DTypeOf<D>::type;
#if defined(__AVX__)
  if constexpr (std::is_same_v<A, double> && N % 4 == 0 && kWidenPd4<D>) {
    Vec<A, N> r;
    for (int j = 0; j < N; j += 4) {
      const __m256d d = widen_pd4<D>(p + j);
      std::memcpy(reinterpret_cast<char*>(&r) + j * sizeof(double), &d, sizeof d);
    }
    return r;
  } else
#endif
  {
    Vec<T, N> v;
    std::memcpy(&v, p, sizeof v);
    if constexpr (DTypeOf<D>::kind == 'b') v = (v != 0) & 1;
    if constexpr (std::is_same_v<T, A>) return v;
    else return __builtin_convertvector(v, Vec<A, N>);
  }
}

// Loop plan: kept axes (order free: outputs are independent) and reduced axes
// (order fixed: it is the sequence order), both simplified.
struct Plan {
  int nk = 0;
  int64_t kshape[kMaxDims];
  int64_t kx[kMaxDims], ko[kMaxDims], ka[kMaxDims];
  int nr = 0;
  int64_t rshape[kMaxDims];
  int64_t rx[kMaxDims];
  int64_t nout = 1;  // number of outputs
  int64_t n = 1;     // sequence length per output
  const char* x = nullptr;
  char* out = nullptr;
  const char* aux = nullptr;
  int64_t isz = 1;   // input item size
};

// Sorts idx[0..m) by decreasing key[idx], stable. Insertion sort: m <= 64, and
// std::stable_sort may allocate, which a tiny reduction cannot afford.
inline void insertion_sort_desc(int* idx, int m, const int64_t* key) noexcept {
  for (int i = 1; i < m; ++i) {
    const int v = idx[i];
    int j = i;
    while (j > 0 && key[idx[j - 1]] < key[v]) {
      idx[j] = idx[j - 1];
      --j;
    }
    idx[j] = v;
  }
}

// Builds the plan. Kept axes: length-1 axes dropped, axes with a negative input
// stride flipped (every operand's pointer moved to the axis' last element; the
// set of outputs is unchanged), sorted by decreasing input stride and coalesced.
// Reduced axes: length-1 axes dropped and neighbours coalesced in C order, which
// keeps the sequence order.
inline void make_plan(const ReduceArgs& a, Plan& P) noexcept {
  const int nk = a.ndim - a.nred;
  P.isz = kDTypeTable[a.din].itemsize;
  P.x = a.x;
  P.out = a.out;
  P.aux = a.aux;
  P.nout = 1;
  P.n = 1;
  int idx[kMaxDims];
  int m = 0;
  for (int i = 0; i < nk; ++i) {
    P.nout *= a.shape[i];
    if (a.shape[i] != 1) idx[m++] = i;
  }
  int64_t ks[kMaxDims], kx[kMaxDims], ko[kMaxDims], ka[kMaxDims];
  for (int j = 0; j < m; ++j) {
    const int i = idx[j];
    ks[j] = a.shape[i];
    kx[j] = a.xs[i];
    ko[j] = a.os[i];
    ka[j] = a.aux ? a.as[i] : 0;
    if (kx[j] < 0) {
      P.x += kx[j] * (ks[j] - 1);
      P.out += ko[j] * (ks[j] - 1);
      if (a.aux) P.aux += ka[j] * (ks[j] - 1);
      kx[j] = -kx[j];
      ko[j] = -ko[j];
      ka[j] = -ka[j];
    }
  }
  int order[kMaxDims];
  for (int j = 0; j < m; ++j) order[j] = j;
  insertion_sort_desc(order, m, kx);
  P.nk = 0;
  for (int t = 0; t < m; ++t) {
    const int j = order[t];
    if (P.nk > 0) {
      const int l = P.nk - 1;
      if (P.kx[l] == kx[j] * ks[j] && P.ko[l] == ko[j] * ks[j] && P.ka[l] == ka[j] * ks[j]) {
        P.kshape[l] *= ks[j];
        P.kx[l] = kx[j];
        P.ko[l] = ko[j];
        P.ka[l] = ka[j];
        continue;
      }
    }
    P.kshape[P.nk] = ks[j];
    P.kx[P.nk] = kx[j];
    P.ko[P.nk] = ko[j];
    P.ka[P.nk] = ka[j];
    ++P.nk;
  }
  P.nr = 0;
  for (int i = nk; i < a.ndim; ++i) {
    P.n *= a.shape[i];
    if (a.shape[i] == 1) continue;
    if (P.nr > 0 && P.rx[P.nr - 1] == a.xs[i] * a.shape[i]) {
      P.rshape[P.nr - 1] *= a.shape[i];
      P.rx[P.nr - 1] = a.xs[i];
      continue;
    }
    P.rshape[P.nr] = a.shape[i];
    P.rx[P.nr] = a.xs[i];
    ++P.nr;
  }
  if (P.nr == 0 || P.n == 0) {
    // One element per output, or none: a contiguous sequence of that length (an
    // empty one is never read, and its zero-length axes never divide anything).
    P.nr = 1;
    P.rshape[0] = P.n;
    P.rx[0] = P.isz;
  }
}

// Byte offsets of output o (in the plan's kept-axis C order) in x, out and aux.
struct OutOffsets {
  int64_t x, o, a;
};
inline OutOffsets out_offsets(const Plan& P, int nk, int64_t o) noexcept {
  OutOffsets r{0, 0, 0};
  for (int i = nk - 1; i >= 0; --i) {
    const int64_t q = o % P.kshape[i];
    o /= P.kshape[i];
    r.x += q * P.kx[i];
    r.o += q * P.ko[i];
    r.a += q * P.ka[i];
  }
  return r;
}

// Walks the sequence (reduced axes in C order) from position `start`, giving the
// byte offset of each element in turn.
struct SeqCursor {
  const Plan* P;
  int64_t idx[kMaxDims];
  int64_t off;
  void seek(const Plan& plan, int64_t start) noexcept {
    P = &plan;
    off = 0;
    for (int i = plan.nr - 1; i >= 0; --i) {
      idx[i] = start % plan.rshape[i];
      start /= plan.rshape[i];
      off += idx[i] * plan.rx[i];
    }
  }
  void next() noexcept {
    for (int i = P->nr - 1; i >= 0; --i) {
      off += P->rx[i];
      if (++idx[i] < P->rshape[i]) return;
      off -= P->rx[i] * P->rshape[i];
      idx[i] = 0;
    }
  }
};

// Calls fn(begin, end) on contiguous chunks covering [0, n): one per thread when
// `parallel`, else one call. fn must be noexcept (no exception may leave an OpenMP
// region). Static chunks: the items are of equal cost.
template <class F>
void par_for(int64_t n, bool parallel, F&& fn) noexcept {
  static_assert(std::is_nothrow_invocable_v<F&, int64_t, int64_t>, "par_for body must be noexcept");
  if (n <= 0) return;
  int nt = parallel ? num_threads() : 1;
#ifdef _OPENMP
  if (omp_in_parallel()) nt = 1;
#endif
  nt = static_cast<int>(std::min<int64_t>(nt, n));
  if (nt <= 1) {
    fn(int64_t{0}, n);
    return;
  }
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
  {
    const int64_t t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t b = n * t / T, e = n * (t + 1) / T;
    if (b < e) fn(b, e);
  }
#else
  fn(int64_t{0}, n);
#endif
}

// Threads worth using for `elements` of work (1 below the measured threshold).
inline int threads_for(int64_t elements) noexcept {
  if (elements < kReduceParallelMinElements) return 1;
  int nt = num_threads();
#ifdef _OPENMP
  if (omp_in_parallel()) nt = 1;
#endif
  return std::max(1, nt);
}

inline void store_int(char* p, int dout, uint64_t v) noexcept {
  // Integer results wrap to the output's width, exactly as the cast of a 64-bit
  // accumulator would (modular arithmetic commutes with the truncation).
  switch (dout) {
    case kDType_int8: { int8_t t = static_cast<int8_t>(v); std::memcpy(p, &t, 1); break; }
    case kDType_uint8: { uint8_t t = static_cast<uint8_t>(v); std::memcpy(p, &t, 1); break; }
    case kDType_int16: { int16_t t = static_cast<int16_t>(v); std::memcpy(p, &t, 2); break; }
    case kDType_uint16: { uint16_t t = static_cast<uint16_t>(v); std::memcpy(p, &t, 2); break; }
    case kDType_int32: { int32_t t = static_cast<int32_t>(v); std::memcpy(p, &t, 4); break; }
    case kDType_uint32: { uint32_t t = static_cast<uint32_t>(v); std::memcpy(p, &t, 4); break; }
    default: std::memcpy(p, &v, 8); break;  // int64, uint64
  }
}

inline bool is_int_code(int d) noexcept { return kDTypeTable[d].kind == 'i' || kDTypeTable[d].kind == 'u'; }
inline bool is_float_code(int d) noexcept { return kDTypeTable[d].kind == 'f'; }

// Calls f(std::integral_constant<int, D>{}) for the dtype code d.
template <class F>
inline void with_dtype(int d, F&& f) noexcept {
  switch (d) {
#define NUMNODE_DTYPE(code, name, ctype, kind) \
  case code: f(std::integral_constant<int, code>{}); break;
#include "dtypes.def"
    default: break;
  }
}

// Kernel families, implemented in their own files.
Status reduce_pairwise(const ReduceArgs& a, const Plan& P) noexcept;  // float sum/nansum/sumsqdev/prod
Status reduce_exact(const ReduceArgs& a, const Plan& P) noexcept;     // everything order-independent

}  // namespace numnode::reduce_detail
