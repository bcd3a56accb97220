// Fused pairwise distances (see cdist.h). Layout assumptions and hazards:
//  - the inputs are read through their byte strides and copied (centred, in
//    double) into row-major scratch, so any layout works and BLAS sees dense rows;
//  - a tile's GEMM output is either written straight into `out` (float64 output
//    with unit column stride) or into a per-thread tile, then finished in place;
//  - BLAS is called inside OpenMP regions, where OpenBLAS's OpenMP build runs
//    single-threaded; with one tile or one thread it is called outside and uses
//    its own threads;
//  - allocations happen per thread inside the region and report NoMemory through
//    an atomic flag; nothing throws.
#include "cdist.h"

#include <cblas.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "dtypes.h"
#include "parallel.h"

#if defined(__AVX__) || defined(__SSE2__)
#include <immintrin.h>
#endif

namespace numnode {

namespace {

constexpr double kU64 = 1.1102230246251565e-16;  // unit roundoff of double (2^-53)
// Target relative accuracy the recompute bound guarantees, 10x inside the
// promised 1e-12 (float64) and far inside float32's 1e-5 (the result is then
// rounded to float32, adding at most 6e-8).
constexpr double kTarget = 1e-13;
// Default tile: 256 rows, and columns so that a double tile is about 2 MiB.
constexpr int64_t kDefaultRows = 256;
constexpr int64_t kTileBytes = int64_t{2} << 20;

template <class T>
inline double rd(const char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof v);
  return static_cast<double>(v);
}

template <class T>
inline void wr(char* p, double v) noexcept {
  const T t = static_cast<T>(v);
  std::memcpy(p, &t, sizeof t);
}

struct Buf {
  double* p = nullptr;
  ~Buf() { std::free(p); }
  bool alloc(int64_t count) noexcept {
    p = static_cast<double*>(std::malloc(static_cast<size_t>(std::max<int64_t>(count, 1)) * sizeof(double)));
    return p != nullptr;
  }
};

struct Args {
  int metric;
  int64_t m, n, d;
  const char *xa, *xb;
  int64_t xa_rs, xa_cs, xb_rs, xb_cs;
  char* out;
  int64_t out_rs, out_cs;
  bool same;
};

// Row i of a strided matrix, minus mu (or not, when mu is null), as doubles.
template <class T>
void load_row(const char* base, int64_t rs, int64_t cs, int64_t i, int64_t d, const double* mu, double* dst) noexcept {
  const char* r = base + i * rs;
  for (int64_t l = 0; l < d; ++l) dst[l] = rd<T>(r + l * cs) - (mu != nullptr ? mu[l] : 0.0);
}

inline double sumsq(const double* x, int64_t d) noexcept {
  double s = 0;
  for (int64_t l = 0; l < d; ++l) s += x[l] * x[l];
  return s;
}

// SciPy's direct computation: sum((a - b)^2) in double, in index order.
template <class T>
double direct_sq(const Args& A, int64_t i, int64_t j) noexcept {
  const char* a = A.xa + i * A.xa_rs;
  const char* b = A.xb + j * A.xb_rs;
  double s = 0;
  for (int64_t l = 0; l < A.d; ++l) {
    const double t = rd<T>(a + l * A.xa_cs) - rd<T>(b + l * A.xb_cs);
    s += t * t;
  }
  return s;
}

// |a/|a| - b/|b||^2 / 2: the cosine distance without 1 - cos's cancellation.
template <class T>
double direct_cosine(const Args& A, int64_t i, int64_t j, double na, double nb) noexcept {
  const char* a = A.xa + i * A.xa_rs;
  const char* b = A.xb + j * A.xb_rs;
  double s = 0;
  for (int64_t l = 0; l < A.d; ++l) {
    const double t = rd<T>(a + l * A.xa_cs) / na - rd<T>(b + l * A.xb_cs) / nb;
    s += t * t;
  }
  return 0.5 * s;
}

// In-place square roots, vectorised by hand: the compiler will not vectorise
// std::sqrt while it may set errno (-fmath-errno is the default), and every value
// here is >= 0 or NaN anyway. SSE2 is the x86-64 baseline; AVX when the build has it.
inline void sqrt_inplace(double* g, int64_t n) noexcept {
  int64_t c = 0;
#if defined(__AVX__)
  for (; c + 4 <= n; c += 4) _mm256_storeu_pd(g + c, _mm256_sqrt_pd(_mm256_loadu_pd(g + c)));
#elif defined(__SSE2__)
  for (; c + 2 <= n; c += 2) _mm_storeu_pd(g + c, _mm_sqrt_pd(_mm_loadu_pd(g + c)));
#endif
  for (; c < n; ++c) g[c] = std::sqrt(g[c]);
}

// One row of a tile: g[c] holds a.b for columns j0 + c; the row is finished in place
// (it is in L1), then stored. Three passes that the compiler vectorises: the squared
// distance and the cancellation test (a flag, no branch), the rare recomputations
// (scalar), then square root and store. Returns the number of recomputed entries.
template <class T>
int64_t finish_euclid(const Args& A, int64_t i, int64_t j0, int64_t cols, double a, const double* nb, double thr,
                      bool same, double* g, char* orow) noexcept {
  int flagged = 0;
  for (int64_t c = 0; c < cols; ++c) {
    const double s = a + nb[c];
    const double v = s - 2.0 * g[c];
    flagged |= !(v >= thr * s);  // cancellation possible (or NaN)
    g[c] = v;
  }
  int64_t redo = 0;
  if (flagged) {
    for (int64_t c = 0; c < cols; ++c) {
      const double s = a + nb[c];
      if (!(g[c] >= thr * s)) {
        g[c] = direct_sq<T>(A, i, j0 + c);  // SciPy's direct sum
        ++redo;
      }
    }
  }
  if (same && i >= j0 && i < j0 + cols) g[i - j0] = direct_sq<T>(A, i, i);  // 0 for a finite row, NaN for a NaN row
  if (A.metric == kCdistEuclidean) sqrt_inplace(g, cols);
  if (sizeof(T) == 8 && A.out_cs == 8 && reinterpret_cast<char*>(g) == orow) return redo;
  if (A.out_cs == static_cast<int64_t>(sizeof(T))) {
    T* o = reinterpret_cast<T*>(orow);
    for (int64_t c = 0; c < cols; ++c) o[c] = static_cast<T>(g[c]);
  } else {
    for (int64_t c = 0; c < cols; ++c) wr<T>(orow + c * A.out_cs, g[c]);
  }
  return redo;
}

// Copies a finished tile (rows x cols at (i0, j0)) to its mirror image (j0, i0); a
// diagonal tile copies its upper triangle onto its lower one. In 32 x 32 blocks so
// the transposed writes stay within a few cache lines.
template <class T>
void mirror_tile(const Args& A, int64_t i0, int64_t rows, int64_t j0, int64_t cols, bool diagonal) noexcept {
  constexpr int64_t B = 32;
  for (int64_t rb = 0; rb < rows; rb += B)
    for (int64_t cb = 0; cb < cols; cb += B)
      for (int64_t r = rb; r < std::min(rows, rb + B); ++r)
        for (int64_t c = cb; c < std::min(cols, cb + B); ++c) {
          if (diagonal && c <= r) continue;  // the upper triangle (c > r) is the source
          std::memcpy(A.out + (j0 + c) * A.out_rs + (i0 + r) * A.out_cs, A.out + (i0 + r) * A.out_rs + (j0 + c) * A.out_cs,
                      sizeof(T));
        }
}

template <class T>
int64_t finish_cosine(const Args& A, int64_t i, int64_t j0, int64_t cols, double a, const double* nb, double thr,
                      double* g, char* orow) noexcept {
  int64_t redo = 0;
  for (int64_t c = 0; c < cols; ++c) {
    const double b = nb[c];
    double v;
    if (a == 0 || b == 0) {
      v = std::numeric_limits<double>::quiet_NaN();  // 0/0, as SciPy
    } else {
      v = 1.0 - g[c] / (a * b);
      if (!(v >= thr)) {  // small (relative accuracy lost), or NaN from inf/nan data
        v = direct_cosine<T>(A, i, j0 + c, a, b);
        ++redo;
      }
      v = std::min(2.0, std::max(0.0, v));
    }
    wr<T>(orow + c * A.out_cs, v);
  }
  return redo;
}

template <class T>
Status cdist_typed(const Args& A, int64_t chunk_rows, CdistStats* stats) noexcept {
  const int64_t m = A.m, n = A.n, d = A.d;
  const bool cosine = A.metric == kCdistCosine;
  const bool same = A.same && m == n;
  if (d == 0) {
    // Empty rows: every distance is 0; a cosine between empty vectors is 0/0.
    const double v = cosine ? std::numeric_limits<double>::quiet_NaN() : 0.0;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) wr<T>(A.out + i * A.out_rs + j * A.out_cs, v);
    return Status::Ok;
  }

  const int64_t cr = std::min(m, chunk_rows > 0 ? chunk_rows : kDefaultRows);
  // cdist(X, X) is symmetric: square tiles on and above the diagonal, each mirrored,
  // half the work and an exactly symmetric result (as SciPy's direct loops give).
  const int64_t cc = same ? cr : std::min(n, std::max<int64_t>(64, kTileBytes / (cr * 8)));
  const bool direct_out = sizeof(T) == 8 && A.out_cs == 8 && A.out_rs % 8 == 0 && A.out_rs / 8 >= n &&
                          A.out_rs / 8 <= INT32_MAX;
  if (d > INT32_MAX || cr > INT32_MAX || cc > INT32_MAX) return Status::BadArgument;

  // Shared: the centre, XB's rows (centred, double) and their squared norms.
  Buf mu, xb, nb;
  if (!mu.alloc(d) || !xb.alloc(n * d) || !nb.alloc(n)) return Status::NoMemory;
  const double* center = nullptr;
  if (!cosine) {
    for (int64_t l = 0; l < d; ++l) mu.p[l] = 0;
    for (int64_t j = 0; j < n; ++j)
      for (int64_t l = 0; l < d; ++l) mu.p[l] += rd<T>(A.xb + j * A.xb_rs + l * A.xb_cs);
    if (!same)
      for (int64_t i = 0; i < m; ++i)
        for (int64_t l = 0; l < d; ++l) mu.p[l] += rd<T>(A.xa + i * A.xa_rs + l * A.xa_cs);
    const double rows = static_cast<double>(same ? n : m + n);
    for (int64_t l = 0; l < d; ++l) mu.p[l] /= rows;
    center = mu.p;
  }
  parallel_for(n, n * d * 8, [&](int64_t j0, int64_t j1) noexcept {
    for (int64_t j = j0; j < j1; ++j) {
      load_row<T>(A.xb, A.xb_rs, A.xb_cs, j, d, center, xb.p + j * d);
      nb.p[j] = sumsq(xb.p + j * d, d);
    }
  });
  if (cosine)
    for (int64_t j = 0; j < n; ++j) nb.p[j] = std::sqrt(nb.p[j]);

  // The bound: |computed - exact| <= (2d + 3) u (|a|^2 + |b|^2) for the squared
  // distance (dot products of length d in any order, plus three roundings), so
  // entries with d2 < thr (|a|^2 + |b|^2) may miss the target and are recomputed.
  // Euclidean halves the relative error (square root); cosine's error is
  // absolute, (2d + 3) u, against a distance below thr.
  const double err = (2.0 * static_cast<double>(d) + 3.0) * kU64;
  const double thr = A.metric == kCdistEuclidean ? err / (2 * kTarget) * (1 + 4 * kTarget)
                                                 : err / kTarget * (1 + 4 * kTarget);

  const int64_t tiles_r = (m + cr - 1) / cr, tiles_c = (n + cc - 1) / cc;
  const int64_t tasks = same ? tiles_r * (tiles_r + 1) / 2 : tiles_r * tiles_c;
  // Task t -> tile (ti, tj): row-major over the grid, or over its upper triangle.
  auto tile_of = [&](int64_t t, int64_t* ti, int64_t* tj) noexcept {
    if (!same) {
      *ti = t / tiles_c;
      *tj = t % tiles_c;
      return;
    }
    int64_t r = 0;
    while (t >= tiles_r - r) {
      t -= tiles_r - r;
      ++r;
    }
    *ti = r;
    *tj = r + t;
  };
  const int64_t per_thread = (same ? 0 : cr * d + cr) + (direct_out ? 0 : cr * cc);
  std::atomic<int> failed{0};
  std::atomic<int64_t> threads_used{0};
  std::atomic<int64_t> recomputed{0};
  parallel_for(tasks, m * n * d * 2, [&](int64_t t0, int64_t t1) noexcept {
    threads_used.fetch_add(1);
    Buf xa, na, tile;
    if (!same && (!xa.alloc(cr * d) || !na.alloc(cr))) {
      failed.store(1);
      return;
    }
    if (!direct_out && !tile.alloc(cr * cc)) {
      failed.store(1);
      return;
    }
    int64_t loaded = -1;  // which row chunk xa holds
    int64_t redo = 0;
    for (int64_t t = t0; t < t1; ++t) {
      int64_t ti, tj;
      tile_of(t, &ti, &tj);
      const int64_t i0 = ti * cr, rows = std::min(cr, m - i0);
      const int64_t j0 = tj * cc, cols = std::min(cc, n - j0);
      const double* ap;
      const double* an;
      if (same) {
        ap = xb.p + i0 * d;
        an = nb.p + i0;
      } else {
        if (loaded != ti) {
          for (int64_t r = 0; r < rows; ++r) {
            load_row<T>(A.xa, A.xa_rs, A.xa_cs, i0 + r, d, center, xa.p + r * d);
            na.p[r] = sumsq(xa.p + r * d, d);
            if (cosine) na.p[r] = std::sqrt(na.p[r]);
          }
          loaded = ti;
        }
        ap = xa.p;
        an = na.p;
      }
      double* g;
      int64_t ldg;
      if (direct_out) {
        g = reinterpret_cast<double*>(A.out + i0 * A.out_rs + j0 * 8);
        ldg = A.out_rs / 8;
      } else {
        g = tile.p;
        ldg = cols;
      }
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), static_cast<int>(cols),
                  static_cast<int>(d), 1.0, ap, static_cast<int>(d), xb.p + j0 * d, static_cast<int>(d), 0.0, g,
                  static_cast<int>(ldg));
      for (int64_t r = 0; r < rows; ++r) {
        const int64_t i = i0 + r;
        double* grow = g + r * ldg;
        char* orow = A.out + i * A.out_rs + j0 * A.out_cs;
        if (cosine) redo += finish_cosine<T>(A, i, j0, cols, an[r], nb.p + j0, thr, grow, orow);
        else redo += finish_euclid<T>(A, i, j0, cols, an[r], nb.p + j0, thr, same, grow, orow);
      }
      if (same) mirror_tile<T>(A, i0, rows, j0, cols, ti == tj);
    }
    recomputed.fetch_add(redo);
  });
  if (failed.load() != 0) return Status::NoMemory;
  stats->workspace_bytes = (d + n * d + n) * 8 + threads_used.load() * per_thread * 8;
  stats->recomputed = recomputed.load();
  stats->tile_rows = cr;
  stats->tile_cols = cc;
  return Status::Ok;
}

}  // namespace

Status cdist(int dtype, int metric, int64_t m, int64_t n, int64_t d, const char* xa, int64_t xa_rs,
             int64_t xa_cs, const char* xb, int64_t xb_rs, int64_t xb_cs, char* out, int64_t out_rs, int64_t out_cs,
             int64_t chunk_rows, bool same, CdistStats* stats) noexcept {
  *stats = CdistStats{};
  if (m < 0 || n < 0 || d < 0 || metric < 0 || metric > kCdistCosine) return Status::BadArgument;
  if (m == 0 || n == 0) return Status::Ok;
  const Args A{metric, m, n, d, xa, xb, xa_rs, xa_cs, xb_rs, xb_cs, out, out_rs, out_cs, same};
  switch (dtype) {
    case kDType_float32: return cdist_typed<float>(A, chunk_rows, stats);
    case kDType_float64: return cdist_typed<double>(A, chunk_rows, stats);
    default: return Status::BadDType;
  }
}

}  // namespace numnode
