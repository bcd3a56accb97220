// Strided dtype conversion: 121 inner loops generated from dtypes.def, one table.
// Layout assumptions and hazards:
//  - both views are aligned to their item size (the binding checks), so items are
//    read and written through typed pointers and the contiguous loop vectorises;
//  - source and destination do not overlap inside the loops (overlap is staged);
//  - out-of-range float -> int is undefined in C++, so it is never written as a
//    plain static_cast: cvtt_* below spell out what the x86 instruction returns.
#include "cast.h"

#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <utility>

#include "copy.h"
#include "dtypes.h"
#include "iter.h"
#include "parallel.h"

namespace numnode {

namespace {

// cvttsd2si, 64-bit destination: truncate toward zero; NaN or out of range gives
// 0x8000000000000000.
inline int64_t cvtt_i64(double x) noexcept {
  return (x >= -0x1p63 && x < 0x1p63) ? static_cast<int64_t>(x) : std::numeric_limits<int64_t>::min();
}

// cvttsd2si, 32-bit destination (what C compilers use for int32 and narrower).
inline int32_t cvtt_i32(double x) noexcept {
  return (x > -2147483649.0 && x < 2147483648.0) ? static_cast<int32_t>(x)
                                                  : std::numeric_limits<int32_t>::min();
}

template <class To, char ToK, class From, char FromK>
inline To convert(From x) noexcept {
  if constexpr (ToK == 'b') {
    return x != 0 ? 1 : 0;  // NaN != 0, so NaN -> true, as in NumPy
  } else if constexpr (FromK == 'b') {
    return static_cast<To>(x != 0 ? 1 : 0);
  } else if constexpr (FromK == 'f' && ToK != 'f') {
    const double v = x;  // float -> double is exact; the rules below are per width
    if constexpr (sizeof(To) == 8 && ToK == 'i') {
      return cvtt_i64(v);
    } else if constexpr (sizeof(To) == 8) {
      // gcc's float -> uint64 without AVX-512: values >= 2^63 are offset by 2^63,
      // converted signed and the top bit flipped back; NaN takes the first branch.
      if (!(v >= 0x1p63)) return static_cast<uint64_t>(cvtt_i64(v));
      return static_cast<uint64_t>(cvtt_i64(v - 0x1p63)) ^ (uint64_t{1} << 63);
    } else if constexpr (sizeof(To) == 4 && ToK == 'u') {
      return static_cast<uint32_t>(cvtt_i64(v));  // via the 64-bit form, low 32 bits
    } else {
      return static_cast<To>(cvtt_i32(v));  // int32; 8/16-bit keep int32's low bits
    }
  } else {
    // int -> int wraps (gcc defines narrowing conversions as modular);
    // int/float -> float rounds to nearest.
    return static_cast<To>(x);
  }
}

using CastRun = void (*)(const char* s, int64_t ss, char* d, int64_t ds, int64_t n) noexcept;

template <int S, int D>
void cast_run(const char* s, int64_t ss, char* d, int64_t ds, int64_t n) noexcept {
  using From = typename DTypeOf<S>::type;
  using To = typename DTypeOf<D>::type;
  constexpr char FK = DTypeOf<S>::kind, TK = DTypeOf<D>::kind;
  if (ss == static_cast<int64_t>(sizeof(From)) && ds == static_cast<int64_t>(sizeof(To))) {
    // Contiguous: a plain indexed loop the compiler vectorises.
    const From* sp = reinterpret_cast<const From*>(s);
    To* dp = reinterpret_cast<To*>(d);
    for (int64_t i = 0; i < n; ++i) dp[i] = convert<To, TK, From, FK>(sp[i]);
  } else {
    for (int64_t i = 0; i < n; ++i)
      *reinterpret_cast<To*>(d + i * ds) = convert<To, TK, From, FK>(*reinterpret_cast<const From*>(s + i * ss));
  }
}

template <int S, int... D>
constexpr std::array<CastRun, kNumDTypes> cast_row(std::integer_sequence<int, D...>) {
  return {{&cast_run<S, D>...}};
}
template <int... S>
constexpr std::array<std::array<CastRun, kNumDTypes>, kNumDTypes> cast_table(std::integer_sequence<int, S...>) {
  return {{cast_row<S>(std::make_integer_sequence<int, kNumDTypes>{})...}};
}
// kCastTable[src][dst]
constexpr auto kCastTable = cast_table(std::make_integer_sequence<int, kNumDTypes>{});

Status cast_nonoverlapping(int s_code, int d_code, int ndim, const int64_t* shape, const char* src,
                           const int64_t* src_strides, char* dst, const int64_t* dst_strides) noexcept {
  StridedLoop<2> L;
  char* const ptrs[2] = {dst, const_cast<char*>(src)};
  const int64_t* const strides[2] = {dst_strides, src_strides};
  prepare_loop(L, ndim, shape, ptrs, strides);
  if (L.size == 0) return Status::Ok;
  const CastRun run = kCastTable[s_code][d_code];
  const int64_t bytes = L.size * (kDTypeTable[s_code].itemsize + kDTypeTable[d_code].itemsize);
  parallel_for(L.size, bytes, [&](int64_t b, int64_t e) noexcept {
    for_each_run(L, b, e, [run](char* const* p, int64_t n, const int64_t* st) noexcept {
      run(p[1], st[1], p[0], st[0], n);
    });
  });
  return Status::Ok;
}

}  // namespace

Status cast_strided(int src_code, int dst_code, int ndim, const int64_t* shape, const char* src,
                    const int64_t* src_strides, char* dst, const int64_t* dst_strides) noexcept {
  if (!valid_dtype(src_code) || !valid_dtype(dst_code)) return Status::BadDType;
  if (ndim < 0 || ndim > kMaxDims) return Status::BadArgument;
  // Same dtype: a byte copy (memcpy and transpose fast paths, bool bytes kept as-is,
  // as NumPy's same-type astype does).
  if (src_code == dst_code)
    return copy_strided(kDTypeTable[src_code].itemsize, ndim, shape, src, src_strides, dst, dst_strides);

  const int64_t s_size = kDTypeTable[src_code].itemsize, d_size = kDTypeTable[dst_code].itemsize;
  int64_t dlo = 0, dhi = 0, slo = 0, shi = 0;
  if (!view_extent(ndim, shape, dst_strides, d_size, &dlo, &dhi)) return Status::Ok;  // empty
  view_extent(ndim, shape, src_strides, s_size, &slo, &shi);
  if (!ranges_overlap(src, slo, shi, dst, dlo, dhi))
    return cast_nonoverlapping(src_code, dst_code, ndim, shape, src, src_strides, dst, dst_strides);

  // Overlap (e.g. an in-place astype through a view(dtype)): stage the source's
  // byte extent. malloc's alignment (16) keeps the staged items aligned because
  // slo is a multiple of the item size (strides are, by the binding's check).
  const size_t bytes = static_cast<size_t>(shi - slo + 1);
  char* stage = static_cast<char*>(std::malloc(bytes));
  if (stage == nullptr) return Status::NoMemory;
  std::memcpy(stage, src + slo, bytes);
  const Status st =
      cast_nonoverlapping(src_code, dst_code, ndim, shape, stage - slo, src_strides, dst, dst_strides);
  std::free(stage);
  return st;
}

}  // namespace numnode
