// Scans along one axis: cumsum, cumprod (NumPy's add/multiply.accumulate) and
// diff. Each line along the axis is sequential by definition (out[i] = out[i-1]
// op x[i]), so lines are independent: threads take whole lines, and the result
// never depends on the thread count.
//
// Accumulators: integers wrap modulo 2^64 and are stored wrapped to the output
// width; float64 results accumulate in float64; a float32 cumsum accumulates in
// float64 and rounds each output once (more accurate than NumPy's float32
// running sum), a float32 cumprod stays float32 (as NumPy's, so overflow happens
// where NumPy's does). The first output is the first element itself, as NumPy's
// accumulate copies it (so cumsum([-0.0]) is [-0.0]).
//
// Layouts: a line whose elements are contiguous is walked directly; when the
// axis is not the contiguous one but some other axis is (cumsum(axis=0) of a
// C-ordered matrix), a tile of neighbouring lines advances together, one row at
// a time, so memory is read row by row.
#pragma GCC optimize("fp-contract=off")

#include <atomic>

#include "reduce_impl.h"

namespace numnode {

bool scan_supported(int op, int din, int dout) noexcept {
  using reduce_detail::is_float_code;
  using reduce_detail::is_int_code;
  if (!valid_dtype(din) || !valid_dtype(dout)) return false;
  switch (op) {
    case kScan_cumsum:
    case kScan_cumprod:
      if (!is_float_code(din) && is_int_code(dout)) return true;
      return dout == kDType_float64 || (din == kDType_float32 && dout == kDType_float32);
    case kScan_diff:
      return din == dout;
    default:
      return false;
  }
}

namespace reduce_detail {
namespace {

// Accumulator type and step for (op, D, dout).
enum AccKind { kAccInt, kAccDouble, kAccFloat };

template <int D>
using TOf = typename DTypeOf<D>::type;

template <int D>
inline uint64_t as_u64(TOf<D> x) noexcept {
  if constexpr (DTypeOf<D>::kind == 'b') return x != 0 ? 1 : 0;
  else if constexpr (DTypeOf<D>::kind == 'i') return static_cast<uint64_t>(static_cast<int64_t>(x));
  else return static_cast<uint64_t>(x);
}

template <int D, int Op, int Acc>
struct ScanStep {
  using T = TOf<D>;
  using A = std::conditional_t<Acc == kAccInt, uint64_t, std::conditional_t<Acc == kAccFloat, float, double>>;
  static inline A first(T x) noexcept {
    if constexpr (Acc == kAccInt) return as_u64<D>(x);
    else return conv<D, A>(x);
  }
  static inline A step(A acc, T x) noexcept {
    const A v = first(x);
    if constexpr (Op == kScan_cumprod) return acc * v;
    else return acc + v;
  }
  static inline void store(char* p, int dout, A v) noexcept {
    if constexpr (Acc == kAccInt) {
      store_int(p, dout, v);
    } else if constexpr (Acc == kAccFloat) {
      std::memcpy(p, &v, 4);
    } else if (dout == kDType_float32) {
      const float f = static_cast<float>(v);
      std::memcpy(p, &f, 4);
    } else {
      std::memcpy(p, &v, 8);
    }
  }
};

template <int D>
inline TOf<D> diff_of(TOf<D> next, TOf<D> prev) noexcept {
  using T = TOf<D>;
  if constexpr (DTypeOf<D>::kind == 'b') return next != prev ? 1 : 0;
  else if constexpr (DTypeOf<D>::kind == 'f') return next - prev;
  else return static_cast<T>(static_cast<uint64_t>(next) - static_cast<uint64_t>(prev));  // wraps, no UB
}

struct ScanPlan {
  int nl = 0;  // line axes, simplified
  int64_t lshape[kMaxDims], lx[kMaxDims], lo[kMaxDims];
  int64_t nlines = 1;
  int64_t L = 0;       // input length along the axis
  int64_t sx = 0, so = 0;
  const char* x = nullptr;
  char* out = nullptr;
};

void make_scan_plan(int ndim, const int64_t* shape, int axis, const char* x, const int64_t* xs, char* out,
                    const int64_t* os, ScanPlan& S) noexcept {
  S.x = x;
  S.out = out;
  S.L = shape[axis];
  S.sx = xs[axis];
  S.so = os[axis];
  int64_t ls[kMaxDims], lx[kMaxDims], lo[kMaxDims];
  int m = 0;
  S.nlines = 1;
  for (int i = 0; i < ndim; ++i) {
    if (i == axis) continue;
    S.nlines *= shape[i];
    if (shape[i] == 1) continue;
    ls[m] = shape[i];
    lx[m] = xs[i];
    lo[m] = os[i];
    if (lo[m] < 0) {  // walk the output forwards; which line is which does not matter
      S.x += lx[m] * (ls[m] - 1);
      S.out += lo[m] * (ls[m] - 1);
      lx[m] = -lx[m];
      lo[m] = -lo[m];
    }
    ++m;
  }
  int order[kMaxDims];
  for (int j = 0; j < m; ++j) order[j] = j;
  insertion_sort_desc(order, m, lo);
  S.nl = 0;
  for (int t = 0; t < m; ++t) {
    const int j = order[t];
    if (S.nl > 0) {
      const int l = S.nl - 1;
      if (S.lx[l] == lx[j] * ls[j] && S.lo[l] == lo[j] * ls[j]) {
        S.lshape[l] *= ls[j];
        S.lx[l] = lx[j];
        S.lo[l] = lo[j];
        continue;
      }
    }
    S.lshape[S.nl] = ls[j];
    S.lx[S.nl] = lx[j];
    S.lo[S.nl] = lo[j];
    ++S.nl;
  }
}

inline void line_offsets(const ScanPlan& S, int nl, int64_t q, int64_t* xo, int64_t* oo) noexcept {
  int64_t a = 0, b = 0;
  for (int i = nl - 1; i >= 0; --i) {
    const int64_t k = q % S.lshape[i];
    q /= S.lshape[i];
    a += k * S.lx[i];
    b += k * S.lo[i];
  }
  *xo = a;
  *oo = b;
}

template <int D, int Op, int Acc>
void scan_line(const ScanPlan& S, int dout, const char* x, char* out) noexcept {
  using T = TOf<D>;
  using St = ScanStep<D, Op, Acc>;
  if (S.L == 0) return;
  T v;
  std::memcpy(&v, x, sizeof v);
  typename St::A acc = St::first(v);
  St::store(out, dout, acc);
  for (int64_t i = 1; i < S.L; ++i) {
    std::memcpy(&v, x + i * S.sx, sizeof v);
    acc = St::step(acc, v);
    St::store(out + i * S.so, dout, acc);
  }
}

template <int D>
void diff_line(const ScanPlan& S, const char* x, char* out) noexcept {
  using T = TOf<D>;
  if (S.sx == static_cast<int64_t>(sizeof(T)) && S.so == static_cast<int64_t>(sizeof(T))) {
    const T* p = reinterpret_cast<const T*>(x);
    T* q = reinterpret_cast<T*>(out);
    for (int64_t i = 0; i + 1 < S.L; ++i) q[i] = diff_of<D>(p[i + 1], p[i]);
    return;
  }
  T a, b;
  for (int64_t i = 0; i + 1 < S.L; ++i) {
    std::memcpy(&a, x + i * S.sx, sizeof a);
    std::memcpy(&b, x + (i + 1) * S.sx, sizeof b);
    const T r = diff_of<D>(b, a);
    std::memcpy(out + i * S.so, &r, sizeof r);
  }
}

constexpr int64_t kScanTile = 256;

// A tile of w neighbouring contiguous lines (in x and out), advanced row by row.
template <int D, int Op, int Acc>
void scan_tile(const ScanPlan& S, int dout, const char* x, char* out, int64_t w) noexcept {
  using T = TOf<D>;
  using St = ScanStep<D, Op, Acc>;
  using A = typename St::A;
  using O = std::conditional_t<Acc == kAccInt, T, std::conditional_t<Acc == kAccFloat, float, double>>;
  A acc[kScanTile];
  const T* row = reinterpret_cast<const T*>(x);
  for (int64_t c = 0; c < w; ++c) acc[c] = St::first(row[c]);
  auto store_row = [&](char* o) noexcept {
    if constexpr (Acc == kAccDouble) {
      if (dout == kDType_float32) {
        float* q = reinterpret_cast<float*>(o);
        for (int64_t c = 0; c < w; ++c) q[c] = static_cast<float>(acc[c]);
        return;
      }
      double* q = reinterpret_cast<double*>(o);
      for (int64_t c = 0; c < w; ++c) q[c] = acc[c];
    } else if constexpr (Acc == kAccFloat) {
      float* q = reinterpret_cast<float*>(o);
      for (int64_t c = 0; c < w; ++c) q[c] = acc[c];
    } else {
      for (int64_t c = 0; c < w; ++c) store_int(o + c * kDTypeTable[dout].itemsize, dout, acc[c]);
    }
    (void)sizeof(O);
  };
  store_row(out);
  for (int64_t i = 1; i < S.L; ++i) {
    row = reinterpret_cast<const T*>(x + i * S.sx);
    for (int64_t c = 0; c < w; ++c) acc[c] = St::step(acc[c], row[c]);
    store_row(out + i * S.so);
  }
}

template <int D>
void diff_tile(const ScanPlan& S, const char* x, char* out, int64_t w) noexcept {
  using T = TOf<D>;
  for (int64_t i = 0; i + 1 < S.L; ++i) {
    const T* a = reinterpret_cast<const T*>(x + i * S.sx);
    const T* b = reinterpret_cast<const T*>(x + (i + 1) * S.sx);
    T* q = reinterpret_cast<T*>(out + i * S.so);
    for (int64_t c = 0; c < w; ++c) q[c] = diff_of<D>(b[c], a[c]);
  }
}

template <int D, int Op, int Acc>
Status run_scan(const ScanPlan& S, int dout) noexcept {
  using T = TOf<D>;
  const int64_t isz = sizeof(T);
  const int64_t osz = kDTypeTable[dout].itemsize;
  if (S.nlines == 0 || S.L == 0) return Status::Ok;
  const int nt = threads_for(S.nlines * S.L);
  const int nl = S.nl;
  // Tiles of lines when the axis is not contiguous but the innermost line axis is.
  const bool tiles = nl >= 1 && S.sx != isz && S.lx[nl - 1] == isz && S.lo[nl - 1] == osz && S.lshape[nl - 1] >= 8;
  if (tiles) {
    const int64_t Lc = S.lshape[nl - 1];
    const int64_t nt_tiles = (Lc + kScanTile - 1) / kScanTile;
    const int64_t groups = (S.nlines / Lc) * nt_tiles;
    par_for(groups, nt > 1, [&](int64_t b, int64_t e) noexcept {
      for (int64_t g = b; g < e; ++g) {
        const int64_t q = g / nt_tiles, c0 = (g % nt_tiles) * kScanTile;
        int64_t xo, oo;
        line_offsets(S, nl - 1, q, &xo, &oo);
        const int64_t w = std::min(kScanTile, Lc - c0);
        if constexpr (Op == kScan_diff) diff_tile<D>(S, S.x + xo + c0 * isz, S.out + oo + c0 * osz, w);
        else scan_tile<D, Op, Acc>(S, dout, S.x + xo + c0 * isz, S.out + oo + c0 * osz, w);
      }
    });
    return Status::Ok;
  }
  par_for(S.nlines, nt > 1, [&](int64_t b, int64_t e) noexcept {
    for (int64_t q = b; q < e; ++q) {
      int64_t xo, oo;
      line_offsets(S, nl, q, &xo, &oo);
      if constexpr (Op == kScan_diff) diff_line<D>(S, S.x + xo, S.out + oo);
      else scan_line<D, Op, Acc>(S, dout, S.x + xo, S.out + oo);
    }
  });
  return Status::Ok;
}

template <int D>
Status dispatch_scan(int op, int dout, const ScanPlan& S) noexcept {
  constexpr bool fin = DTypeOf<D>::kind == 'f';
  if (op == kScan_diff) return run_scan<D, kScan_diff, kAccInt>(S, dout);
  const bool int_acc = !fin && is_int_code(dout);
  const bool float_acc = D == kDType_float32 && dout == kDType_float32 && op == kScan_cumprod;
  if (op == kScan_cumsum) {
    if (int_acc) {
      if constexpr (!fin) return run_scan<D, kScan_cumsum, kAccInt>(S, dout);
    }
    return run_scan<D, kScan_cumsum, kAccDouble>(S, dout);
  }
  if (op == kScan_cumprod) {
    if (int_acc) {
      if constexpr (!fin) return run_scan<D, kScan_cumprod, kAccInt>(S, dout);
    }
    if (float_acc) {
      if constexpr (D == kDType_float32) return run_scan<D, kScan_cumprod, kAccFloat>(S, dout);
    }
    return run_scan<D, kScan_cumprod, kAccDouble>(S, dout);
  }
  return Status::BadDType;
}

}  // namespace
}  // namespace reduce_detail

Status scan_strided(int op, int din, int dout, int ndim, const int64_t* shape, int axis, const char* x,
                    const int64_t* xs, char* out, const int64_t* os) noexcept {
  if (op < 0 || op >= kNumScanOps || !scan_supported(op, din, dout)) return Status::BadDType;
  if (ndim < 1 || ndim > kMaxDims || axis < 0 || axis >= ndim) return Status::BadArgument;
  reduce_detail::ScanPlan S;
  reduce_detail::make_scan_plan(ndim, shape, axis, x, xs, out, os, S);
  Status st = Status::BadDType;
  reduce_detail::with_dtype(din, [&](auto d) noexcept { st = reduce_detail::dispatch_scan<decltype(d)::value>(op, dout, S); });
  return st;
}

}  // namespace numnode
