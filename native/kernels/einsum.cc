// Strided sum-of-products (see einsum.h). Layout assumptions and hazards:
//  - each output element is reduced completely in a register before it is
//    stored, so the output is written once, never read, and float32 results are
//    rounded once;
//  - the innermost summed label is the tight loop; when every operand is
//    unit-stride along it, the loop is a SIMD reduction (omp simd), which is what
//    makes row-wise products such as 'ij,ij->i' run at memory speed;
//  - threads split the output when there are enough output elements, otherwise
//    the summed range (partial sums combined in a fixed order, so a given thread
//    count always gives the same bits);
//  - offsets are int64 byte offsets proven in bounds by the binding.
#include "einsum.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "dtypes.h"
#include "parallel.h"

namespace numnode {

namespace {

template <class T> struct AccOf { using type = std::conditional_t<(sizeof(T) <= 4), uint32_t, uint64_t>; };
template <> struct AccOf<float> { using type = double; };
template <> struct AccOf<double> { using type = double; };

template <class T, class Acc, bool kBool>
inline Acc ld(const char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (kBool) return static_cast<Acc>(v != 0);
  else if constexpr (std::is_floating_point_v<T>) return static_cast<Acc>(v);
  else if constexpr (std::is_signed_v<T>) return static_cast<Acc>(static_cast<int64_t>(v));
  else return static_cast<Acc>(v);
}

template <class T, class Acc>
inline void st(char* p, Acc v) noexcept {
  const T t = static_cast<T>(v);  // modulo 2^bits for integers (gcc/clang define it)
  std::memcpy(p, &t, sizeof t);
}

template <class T, class Acc>
inline Acc widen(T v) noexcept {
  if constexpr (std::is_floating_point_v<T>) return static_cast<Acc>(v);
  else if constexpr (std::is_signed_v<T>) return static_cast<Acc>(static_cast<int64_t>(v));
  else return static_cast<Acc>(v);
}

// Sums term(i) for i < cnt into kLanes independent partial sums: the compiler keeps
// them in several vector registers, so consecutive additions do not wait on each
// other (one vector accumulator would make the loop latency-bound; NumPy's unrolled
// loops avoid that too). The partial sums are added pairwise at the end, then the
// tail (fewer than kLanes terms), summed on its own: adding it into part[u] by a
// running index kept part[] in memory, and on short rows ('ijk,ijk->ij' with k = 50)
// the stores and reloads were a third of the time (single-threaded, 200x300x50
// float64, best of 500: 1.91 -> 1.58 ms; NumPy 1.45 ms).
template <class Acc, class F>
inline Acc lanes_sum(int64_t cnt, F&& term) noexcept {
  constexpr int kLanes = 16;
  Acc part[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= cnt; i += kLanes)
    for (int u = 0; u < kLanes; ++u) part[u] += term(i + u);
  Acc tail = 0;
  for (; i < cnt; ++i) tail += term(i);
#pragma GCC unroll 4
  for (int w = kLanes / 2; w > 0; w /= 2)
#pragma GCC unroll 8
    for (int u = 0; u < w; ++u) part[u] += part[u + w];
  return part[0] + tail;
}

// A float32 dot product of n <= 1024 terms in float32, written with explicit vector
// types: the generic lanes_sum<float> (16 scalar lanes) compiled to one vector
// accumulator on AVX-512, a loop bound by the 4-cycle add latency (71 us single-
// threaded for 1000 rows of 300 against NumPy's 47). Four independent accumulators
// of one hardware vector each (8 floats with AVX, 4 with SSE2: 32 or 16 products
// per iteration) keep the adds in flight; ymm rather than zmm because the loop
// streams memory and, as measured for the reductions (reduce_impl.h), zmm brings
// nothing there on this Zen 4.
#if defined(__AVX__)
constexpr int kDotF32Lanes = 8;
#else
constexpr int kDotF32Lanes = 4;
#endif
inline float dot_f32(const float* x, const float* y, int64_t n) noexcept {
  constexpr int W = kDotF32Lanes;
  typedef float V __attribute__((vector_size(W * sizeof(float))));
  V a0 = {}, a1 = {}, a2 = {}, a3 = {};
  auto ld = [](const float* p) noexcept { V v; std::memcpy(&v, p, sizeof v); return v; };
  int64_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    a0 += ld(x + i) * ld(y + i);
    a1 += ld(x + i + W) * ld(y + i + W);
    a2 += ld(x + i + 2 * W) * ld(y + i + 2 * W);
    a3 += ld(x + i + 3 * W) * ld(y + i + 3 * W);
  }
  for (; i + W <= n; i += W) a0 += ld(x + i) * ld(y + i);
  a0 = (a0 + a1) + (a2 + a3);
  float lanes[W];
  std::memcpy(lanes, &a0, sizeof a0);
  for (int w = W / 2; w > 0; w /= 2)
    for (int u = 0; u < w; ++u) lanes[u] += lanes[u + w];
  float tail = 0.0f;
  for (; i < n; ++i) tail += x[i] * y[i];  // fewer than W terms
  return lanes[0] + tail;
}

// Sum over cnt terms along one axis; p[k] is operand k's first element, s[k] its
// byte stride.
template <class T, class Acc, bool kBool>
Acc sum_run(int nop, const char* const* p, const int64_t* s, int64_t cnt) noexcept {
  constexpr int64_t z = sizeof(T);
  if constexpr (kBool) {
    for (int64_t i = 0; i < cnt; ++i) {
      bool all = true;
      for (int k = 0; k < nop && all; ++k) all = p[k][i * s[k]] != 0;
      if (all) return Acc(1);  // OR: one true term decides
    }
    return Acc(0);
  } else {
    Acc acc = 0;
    if (nop == 1) {
      if (s[0] == z) {
        const T* x = reinterpret_cast<const T*>(p[0]);
        acc = lanes_sum<Acc>(cnt, [x](int64_t i) { return widen<T, Acc>(x[i]); });
      } else {
        for (int64_t i = 0; i < cnt; ++i) acc += ld<T, Acc, false>(p[0] + i * s[0]);
      }
    } else if (nop == 2) {
      if (s[0] == z && s[1] == z) {
        const T* x = reinterpret_cast<const T*>(p[0]);
        const T* y = reinterpret_cast<const T*>(p[1]);
        if constexpr (std::is_same_v<T, float>) {
          // float32 dot products (the row-wise 'ij,ij->i'): widening every element to
          // double halves the SIMD width and made this loop slower than NumPy's. So
          // blocks of up to 1024 products are summed in float32 and the block sums in
          // double: the error stays within about 32 float32 ulps of sum(|x y|) per
          // block, no worse than NumPy's own float32 einsum, which accumulates whole
          // rows in float32.
          constexpr int64_t kBlock = 1024;
          for (int64_t i = 0; i < cnt; i += kBlock) acc += dot_f32(x + i, y + i, std::min(kBlock, cnt - i));
          return acc;
        }
        acc = lanes_sum<Acc>(cnt, [x, y](int64_t i) { return widen<T, Acc>(x[i]) * widen<T, Acc>(y[i]); });
      } else {
        for (int64_t i = 0; i < cnt; ++i)
          acc += ld<T, Acc, false>(p[0] + i * s[0]) * ld<T, Acc, false>(p[1] + i * s[1]);
      }
    } else if (nop == 3) {
      if (s[0] == z && s[1] == z && s[2] == z) {
        const T* x = reinterpret_cast<const T*>(p[0]);
        const T* y = reinterpret_cast<const T*>(p[1]);
        const T* w = reinterpret_cast<const T*>(p[2]);
        acc = lanes_sum<Acc>(cnt, [x, y, w](int64_t i) {
          return widen<T, Acc>(x[i]) * widen<T, Acc>(y[i]) * widen<T, Acc>(w[i]);
        });
      } else {
        for (int64_t i = 0; i < cnt; ++i)
          acc += ld<T, Acc, false>(p[0] + i * s[0]) * ld<T, Acc, false>(p[1] + i * s[1]) *
                 ld<T, Acc, false>(p[2] + i * s[2]);
      }
    } else {
      for (int64_t i = 0; i < cnt; ++i) {
        Acc prod = ld<T, Acc, false>(p[0] + i * s[0]);
        for (int k = 1; k < nop; ++k) prod *= ld<T, Acc, false>(p[k] + i * s[k]);
        acc += prod;
      }
    }
    return acc;
  }
}

// out[i] = prod_k op_k[i] along one output axis (no summed labels).
template <class T, class Acc, bool kBool>
void product_run(int nop, const char* const* p, const int64_t* s, char* o, int64_t os, int64_t cnt, bool bare) noexcept {
  constexpr int64_t z = sizeof(T);
  if constexpr (std::is_floating_point_v<T>) {
    if (!bare) {  // einsum: each product added to +0.0, as into NumPy's zeroed output
      for (int64_t i = 0; i < cnt; ++i) {
        Acc prod = ld<T, Acc, false>(p[0] + i * s[0]);
        for (int k = 1; k < nop; ++k) prod *= ld<T, Acc, false>(p[k] + i * s[k]);
        st<T, Acc>(o + i * os, Acc(0) + prod);
      }
      return;
    }
  }
  if constexpr (!kBool) {
    if (nop == 2 && s[0] == z && s[1] == z && os == z) {
      const T* x = reinterpret_cast<const T*>(p[0]);
      const T* y = reinterpret_cast<const T*>(p[1]);
      T* out = reinterpret_cast<T*>(o);
#pragma omp simd
      for (int64_t i = 0; i < cnt; ++i) out[i] = static_cast<T>(widen<T, Acc>(x[i]) * widen<T, Acc>(y[i]));
      return;
    }
  }
  for (int64_t i = 0; i < cnt; ++i) {
    Acc prod = ld<T, Acc, kBool>(p[0] + i * s[0]);
    for (int k = 1; k < nop; ++k) {
      if constexpr (kBool) prod = prod & ld<T, Acc, true>(p[k] + i * s[k]);
      else prod *= ld<T, Acc, false>(p[k] + i * s[k]);
    }
    st<T, Acc>(o + i * os, prod);
  }
}

struct Plan {
  int nop, nlab, nout;
  bool bare;
  const int64_t* shape;
  const char* const* ops;
  const int64_t* opst;  // nop x nlab
  char* out;
  const int64_t* outst;
  int64_t total_out, total_red;
};

// The sum over summed-index range [r0, r1) for the output element whose
// operands start at base[k].
template <class T, class Acc, bool kBool>
Acc reduce_range(const Plan& P, const char* const* base, int64_t r0, int64_t r1) noexcept {
  if (r0 >= r1) return Acc(0);
  const int nop = P.nop, L = P.nlab, first = P.nout;
  const int64_t inner = P.shape[L - 1];
  int64_t s[kMaxEinsumOperands];
  int64_t off[kMaxEinsumOperands];
  const char* p[kMaxEinsumOperands];
  int64_t idx[kMaxDims];
  for (int k = 0; k < nop; ++k) {
    s[k] = P.opst[k * L + L - 1];
    off[k] = 0;
  }
  int64_t rest = r0 / inner, j = r0 % inner;
  for (int l = L - 2; l >= first; --l) {
    idx[l] = rest % P.shape[l];
    rest /= P.shape[l];
    for (int k = 0; k < nop; ++k) off[k] += idx[l] * P.opst[k * L + l];
  }
  Acc acc = 0;
  int64_t left = r1 - r0;
  for (;;) {
    const int64_t cnt = std::min(inner - j, left);
    for (int k = 0; k < nop; ++k) p[k] = base[k] + off[k] + j * s[k];
    const Acc part = sum_run<T, Acc, kBool>(nop, p, s, cnt);
    if constexpr (kBool) {
      acc |= part;
      if (acc) return acc;
    } else {
      acc += part;
    }
    left -= cnt;
    if (left == 0) return acc;
    j = 0;
    for (int l = L - 2; l >= first; --l) {
      for (int k = 0; k < nop; ++k) off[k] += P.opst[k * L + l];
      if (++idx[l] < P.shape[l]) break;
      for (int k = 0; k < nop; ++k) off[k] -= P.opst[k * L + l] * P.shape[l];
      idx[l] = 0;
    }
  }
}

// Output elements [o0, o1) in the output labels' C order.
template <class T, class Acc, bool kBool>
void output_range(const Plan& P, int64_t o0, int64_t o1) noexcept {
  if (o0 >= o1) return;
  const int nop = P.nop, L = P.nlab, nout = P.nout;
  int64_t off[kMaxEinsumOperands];
  const char* base[kMaxEinsumOperands];
  int64_t idx[kMaxDims];
  int64_t ooff = 0;
  for (int k = 0; k < nop; ++k) off[k] = 0;
  const bool summed = nout < L;
  // Without summed labels the innermost output label is the tight loop.
  const int outer_end = summed ? nout : nout - 1;
  const int64_t inner = summed || nout == 0 ? 1 : P.shape[nout - 1];
  int64_t rest = o0 / inner, j = o0 % inner;
  for (int l = outer_end - 1; l >= 0; --l) {
    idx[l] = rest % P.shape[l];
    rest /= P.shape[l];
    for (int k = 0; k < nop; ++k) off[k] += idx[l] * P.opst[k * L + l];
    ooff += idx[l] * P.outst[l];
  }
  int64_t s[kMaxEinsumOperands];
  int64_t rs[kMaxEinsumOperands];  // strides along the last label, when it is the one summed label
  const bool one_summed = L - nout == 1;
  for (int k = 0; k < nop; ++k) rs[k] = P.opst[k * L + L - 1];
  const int64_t os = summed || nout == 0 ? 0 : P.outst[nout - 1];
  for (int k = 0; k < nop; ++k) s[k] = summed || nout == 0 ? 0 : P.opst[k * L + nout - 1];
  int64_t left = o1 - o0;
  for (;;) {
    const int64_t cnt = std::min(inner - j, left);
    for (int k = 0; k < nop; ++k) base[k] = P.ops[k] + off[k] + j * s[k];
    if (summed) {
      // One summed label (row-wise products, 'ij,ij->i'): straight to the tight loop.
      const Acc v = one_summed ? sum_run<T, Acc, kBool>(nop, base, rs, P.shape[L - 1])
                               : reduce_range<T, Acc, kBool>(P, base, 0, P.total_red);
      st<T, Acc>(P.out + ooff, v);
    } else {
      product_run<T, Acc, kBool>(nop, base, s, P.out + ooff + j * os, os, cnt, P.bare);
    }
    left -= cnt;
    if (left == 0) return;
    j = 0;
    int l = outer_end - 1;
    for (; l >= 0; --l) {
      for (int k = 0; k < nop; ++k) off[k] += P.opst[k * L + l];
      ooff += P.outst[l];
      if (++idx[l] < P.shape[l]) break;
      for (int k = 0; k < nop; ++k) off[k] -= P.opst[k * L + l] * P.shape[l];
      ooff -= P.outst[l] * P.shape[l];
      idx[l] = 0;
    }
  }
}

template <class T, bool kBool>
Status run_typed(const Plan& P) noexcept {
  using Acc = std::conditional_t<kBool, uint8_t, typename AccOf<T>::type>;
  if (P.total_out == 0) return Status::Ok;
  const int64_t work = P.total_out * std::max<int64_t>(P.total_red, 1) * P.nop * static_cast<int64_t>(sizeof(T));
  const int nt = num_threads();
  const bool split_sum = P.nout < P.nlab && P.total_out < 4 * static_cast<int64_t>(nt) && nt > 1 &&
                         P.total_red >= 4096;
  if (!split_sum) {
    // Outputs are independent: pieces handed out on demand (parallel_for_min), in
    // parallel from kParallelMinBytes of work as parallel_for would.
    const int64_t min_out = work >= kParallelMinBytes ? 2 : P.total_out + 1;
    parallel_for_min(P.total_out, min_out, [&](int64_t o0, int64_t o1) noexcept { output_range<T, Acc, kBool>(P, o0, o1); });
    return Status::Ok;
  }
  // Few outputs, long sums (e.g. 'i,i->', 'ij,ij->'): split each sum.
  const int L = P.nlab;
  constexpr int kChunks = 64;
  for (int64_t o = 0; o < P.total_out; ++o) {
    const char* base[kMaxEinsumOperands];
    int64_t rest = o, ooff = 0;
    for (int k = 0; k < P.nop; ++k) base[k] = P.ops[k];
    for (int l = P.nout - 1; l >= 0; --l) {
      const int64_t i = rest % P.shape[l];
      rest /= P.shape[l];
      for (int k = 0; k < P.nop; ++k) base[k] += i * P.opst[k * L + l];
      ooff += i * P.outst[l];
    }
    Acc partial[kChunks];
    const int64_t R = P.total_red;
    parallel_for(kChunks, work / P.total_out, [&](int64_t c0, int64_t c1) noexcept {
      for (int64_t c = c0; c < c1; ++c) partial[c] = reduce_range<T, Acc, kBool>(P, base, R * c / kChunks, R * (c + 1) / kChunks);
    });
    Acc acc = 0;
    for (int c = 0; c < kChunks; ++c) {
      if constexpr (kBool) acc |= partial[c];
      else acc += partial[c];
    }
    st<T, Acc>(P.out + ooff, acc);
  }
  return Status::Ok;
}

}  // namespace

Status sum_of_products(int dtype, int nop, int nlab, int nout, const int64_t* shape, const char* const* ops,
                       const int64_t* op_strides, char* out, const int64_t* out_strides, bool bare) noexcept {
  if (nop < 1 || nop > kMaxEinsumOperands || nlab < 0 || nlab > kMaxDims || nout < 0 || nout > nlab)
    return Status::BadArgument;
  Plan P{nop, nlab, nout, bare, shape, ops, op_strides, out, out_strides, 1, 1};
  for (int l = 0; l < nlab; ++l) {
    if (shape[l] < 0) return Status::BadArgument;
    if (l < nout) P.total_out *= shape[l];
    else P.total_red *= shape[l];
  }
  if (P.total_out > 0 && P.total_red == 0) {
    // An empty sum: zero every output element (all-bits-zero is 0 / false).
    int64_t idx[kMaxDims] = {0};
    int64_t itemsize = dtype >= 0 && dtype < kNumDTypes ? kDTypeTable[dtype].itemsize : 0;
    if (itemsize == 0) return Status::BadDType;
    for (int64_t o = 0; o < P.total_out; ++o) {
      int64_t off = 0;
      for (int l = 0; l < nout; ++l) off += idx[l] * out_strides[l];
      std::memset(out + off, 0, static_cast<size_t>(itemsize));
      for (int l = nout - 1; l >= 0; --l) {
        if (++idx[l] < shape[l]) break;
        idx[l] = 0;
      }
    }
    return Status::Ok;
  }
  switch (dtype) {
    case kDType_bool: return run_typed<uint8_t, true>(P);
    case kDType_int8: return run_typed<int8_t, false>(P);
    case kDType_uint8: return run_typed<uint8_t, false>(P);
    case kDType_int16: return run_typed<int16_t, false>(P);
    case kDType_uint16: return run_typed<uint16_t, false>(P);
    case kDType_int32: return run_typed<int32_t, false>(P);
    case kDType_uint32: return run_typed<uint32_t, false>(P);
    case kDType_int64: return run_typed<int64_t, false>(P);
    case kDType_uint64: return run_typed<uint64_t, false>(P);
    case kDType_float32: return run_typed<float, false>(P);
    case kDType_float64: return run_typed<double, false>(P);
    default: return Status::BadDType;
  }
}

}  // namespace numnode
