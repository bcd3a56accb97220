// Batched strided matrix products (see gemm.h). Layout assumptions and hazards:
//  - strides are in bytes and multiples of the item size (the binding checks), so
//    a stride divided by the item size is an exact element stride;
//  - C never overlaps A or B (the binding checks; TypeScript stages an `out` that
//    does), so results can be written while the inputs are read;
//  - OpenBLAS's OpenMP build runs single-threaded when called inside an OpenMP
//    region, which is what the batch-parallel path relies on; outside a region it
//    uses the thread budget set by set_num_threads (parallel.cc);
//  - nothing here throws: allocation failures return Status::NoMemory, and the
//    bodies handed to parallel_for are noexcept.
#include "gemm.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "dtypes.h"
#include "parallel.h"

namespace numnode {

namespace {

constexpr int64_t kBlasMax = INT_MAX;  // OpenBLAS here is LP64: blasint is int

// Below this many multiply-adds per product, a batch runs one product per
// thread (BLAS single-threaded inside) instead of one multithreaded BLAS call
// after another: OpenBLAS does not split small products over threads anyway.
constexpr int64_t kSmallProduct = int64_t{128} * 128 * 128;

template <class T> struct Blas;
template <> struct Blas<double> {
  static void gemm(bool ta, bool tb, int m, int n, int k, const double* a, int lda, const double* b, int ldb,
                   double* c, int ldc) noexcept {
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.0, a,
                lda, b, ldb, 0.0, c, ldc);
  }
  static void syrk(bool ta, int n, int k, const double* a, int lda, double* c, int ldc) noexcept {
    cblas_dsyrk(CblasRowMajor, CblasUpper, ta ? CblasTrans : CblasNoTrans, n, k, 1.0, a, lda, 0.0, c, ldc);
  }
  static void gemv(bool ta, int rows, int cols, const double* a, int lda, const double* x, int incx, double* y,
                   int incy) noexcept {
    cblas_dgemv(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, rows, cols, 1.0, a, lda, x, incx, 0.0, y, incy);
  }
  static double dot(int n, const double* x, int incx, const double* y, int incy) noexcept {
    return cblas_ddot(n, x, incx, y, incy);
  }
};
template <> struct Blas<float> {
  static void gemm(bool ta, bool tb, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
                   float* c, int ldc) noexcept {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.0f, a,
                lda, b, ldb, 0.0f, c, ldc);
  }
  static void syrk(bool ta, int n, int k, const float* a, int lda, float* c, int ldc) noexcept {
    cblas_ssyrk(CblasRowMajor, CblasUpper, ta ? CblasTrans : CblasNoTrans, n, k, 1.0f, a, lda, 0.0f, c, ldc);
  }
  static void gemv(bool ta, int rows, int cols, const float* a, int lda, const float* x, int incx, float* y,
                   int incy) noexcept {
    cblas_sgemv(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, rows, cols, 1.0f, a, lda, x, incx, 0.0f, y, incy);
  }
  static float dot(int n, const float* x, int incx, const float* y, int incy) noexcept {
    return cblas_sdot(n, x, incx, y, incy);
  }
};

// Thin products (one side of C at most kThinSide long, e.g. the einsum chain's
// (600x400)(400x30)) run as single-threaded BLAS calls on 32-row (or -column)
// granules of C's long side, handed out to the threads one at a time, instead of
// one call that OpenBLAS splits itself or one call per thread. Measured on the
// 2-core dev machine (Debian's OpenBLAS 0.3.21, OpenMP build, numnode's default
// GOMP_SPINCOUNT=1000; median / min of 2000 calls): 400x500 @ 500x30 one call per
// thread 201-279 / 180-191 us, granules on demand 136-163 / 128-135 us; 600x400 @
// 400x30 275 / 220 against 175 / 154 us; NumPy's bundled OpenBLAS 0.3.31: 200 /
// 172 and 235 / 200 us. (One call per thread lost whenever the second thread had
// gone to sleep: it held the first at the barrier for its wake-up.) Square 200^3
// and 1024^3 products and 1500x100 @ 100x64 measured the same split or not, so
// square ones are split only when k is short (below). Each call packs the shared
// operand (k x short side) again: small next to its 32 x short side x k
// multiply-adds. Below OpenBLAS's own
// threshold for threads (m n k <= 65536 * 4 in interface/gemm.c) it stays one call.
//
// Products with a short inner dimension are split the same way, in granules of
// 192: OpenBLAS's own two-thread split loses there. 1500 x k @ k x 1500, median /
// min of 30 calls in 3 interleaved rounds: k = 16 2.3-2.5 -> 1.4-1.6 ms, k = 64
// 4.3-4.7 -> 3.5-3.8 ms, k = 128 6.6-7.7 -> 6.3-6.7 ms; k = 256 the same, k = 512
// 23-25 -> 24-25.5 ms (and 1024^3 and 2048^3 products lost 5-10%), so only k <= 128.
// L @ B.T of the benchmark (k = 100): 5.5-6.4 -> 5.1-5.3 ms.
constexpr int64_t kThinSide = 256;
constexpr int64_t kSplitGranule = 32;  // rows (or columns) per share unit: a multiple of the kernels' unroll
constexpr int64_t kShortK = 128;
constexpr int64_t kShortKGranule = 192;

template <class T>
void gemm_maybe_split(bool ta, bool tb, int64_t m, int64_t n, int64_t k, const T* a, int64_t lda, const T* b,
                      int64_t ldb, T* c, int64_t ldc) noexcept {
  const bool rows = m >= n;
  const int64_t len = rows ? m : n;
  const bool thin = std::min(m, n) <= kThinSide;
  const int64_t unit = thin ? kSplitGranule : kShortKGranule;  // rows (or columns) per granule
  const int64_t blocks = (len + unit - 1) / unit;
  const double mnk = static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
  bool nested = false;  // inside another region (a batch split): one call, run serially
#ifdef _OPENMP
  nested = omp_in_parallel();
#endif
  if (nested || num_threads() < 2 || (!thin && k > kShortK) || mnk <= 65536.0 * 4 || blocks < 2) {
    Blas<T>::gemm(ta, tb, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), a, static_cast<int>(lda), b,
                  static_cast<int>(ldb), c, static_cast<int>(ldc));
    return;
  }
  auto granule = [&](int64_t g) noexcept {
    const int64_t s0 = g * unit, s1 = std::min(len, s0 + unit);
    if (rows) {  // rows s0..s1 of A (row-major m x k, or stored k x m when ta) and of C
      const T* as = ta ? a + s0 : a + s0 * lda;
      Blas<T>::gemm(ta, tb, static_cast<int>(s1 - s0), static_cast<int>(n), static_cast<int>(k), as,
                    static_cast<int>(lda), b, static_cast<int>(ldb), c + s0 * ldc, static_cast<int>(ldc));
    } else {  // columns s0..s1 of B (k x n, or stored n x k when tb) and of C
      const T* bs = tb ? b + s0 * ldb : b + s0;
      Blas<T>::gemm(ta, tb, static_cast<int>(m), static_cast<int>(s1 - s0), static_cast<int>(k), a,
                    static_cast<int>(lda), bs, static_cast<int>(ldb), c + s0, static_cast<int>(ldc));
    }
  };
  // Granules handed out one at a time: a thread that wakes late (OpenMP workers
  // sleep after a short spin, numnode's default) takes fewer instead of holding
  // the others at the barrier, and OpenBLAS runs these 32-row calls faster than
  // one call per half (see above).
  std::atomic<int64_t> next{0};
#ifdef _OPENMP
#pragma omp parallel num_threads(num_threads())
#endif
  for (int64_t g = next.fetch_add(1); g < blocks; g = next.fetch_add(1)) granule(g);
}

// A matrix view: element (i, j) at p + i*rs + j*cs (bytes).
struct Mat {
  const char* p;
  int64_t rs, cs;
};
inline Mat transposed(Mat x) noexcept { return Mat{x.p, x.cs, x.rs}; }

// How BLAS (row-major) can read a rows x cols view: as stored (trans = false,
// leading dimension ld) or as the transpose of a row-major cols x rows matrix
// (trans = true). NumPy's is_blasable2d, tried both ways round; a length-1 axis
// is never stepped, so its stride does not matter.
struct Layout {
  bool ok = false;
  bool trans = false;
  int64_t ld = 0;
};
Layout blas_layout(int64_t rows, int64_t cols, int64_t rs, int64_t cs, int64_t sz) noexcept {
  Layout L;
  if (rows > kBlasMax || cols > kBlasMax) return L;
  if (cols == 1 || cs == sz) {
    const int64_t ld = rows == 1 ? std::max<int64_t>(cols, 1) : rs / sz;
    if (ld >= std::max<int64_t>(cols, 1) && ld <= kBlasMax) {
      L.ok = true;
      L.ld = ld;
      return L;
    }
  }
  if (rows == 1 || rs == sz) {
    const int64_t ld = cols == 1 ? std::max<int64_t>(rows, 1) : cs / sz;
    if (ld >= std::max<int64_t>(rows, 1) && ld <= kBlasMax) {
      L.ok = true;
      L.trans = true;
      L.ld = ld;
    }
  }
  return L;
}

// BLAS's vector convention: with a negative increment, the pointer is the
// lowest address and logical element i sits at p + (n-1-i)*|inc|. Our element i
// is at p0 + i*s, so the base is p0 + (n-1)*s. Returns false when BLAS cannot
// take the stride (0, or beyond int).
template <class T>
bool blas_vector(const char* p0, int64_t n, int64_t stride_bytes, const T** base, int* inc) noexcept {
  const int64_t s = n == 1 ? 1 : stride_bytes / static_cast<int64_t>(sizeof(T));
  if (s == 0 || s > kBlasMax || s < -kBlasMax) return false;
  *base = reinterpret_cast<const T*>(s < 0 ? p0 + (n - 1) * stride_bytes : p0);
  *inc = static_cast<int>(s);
  return true;
}

// Owned scratch memory, freed on every return path.
struct Scratch {
  void* p = nullptr;
  ~Scratch() { std::free(p); }
  template <class T>
  T* alloc(int64_t count) noexcept {
    std::free(p);
    p = std::malloc(static_cast<size_t>(std::max<int64_t>(count, 1)) * sizeof(T));
    return static_cast<T*>(p);
  }
};

template <class T>
void gather(int64_t rows, int64_t cols, Mat src, T* dst) noexcept {  // dst: rows x cols, row-major
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) std::memcpy(dst + i * cols + j, src.p + i * src.rs + j * src.cs, sizeof(T));
}

template <class T>
void scatter(int64_t rows, int64_t cols, const T* src, char* dst, int64_t rs, int64_t cs) noexcept {
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) std::memcpy(dst + i * rs + j * cs, src + i * cols + j, sizeof(T));
}

// syrk fills the upper triangle; the lower one is its mirror. In 32x32 tiles, so
// that the column-wise reads stay within a few cache lines per tile. The threads
// split the triangle's tiles (bi >= bj, numbered row by row), not the tile rows:
// row bi holds bi + 1 tiles, so equal row ranges gave the second of two threads
// three quarters of the work.
template <class T>
void mirror_upper(int64_t n, T* c, int64_t ldc) noexcept {
  constexpr int64_t B = 32;
  const int64_t tiles = (n + B - 1) / B;
  const int64_t pairs = tiles * (tiles + 1) / 2;
  parallel_for(pairs, n * n * static_cast<int64_t>(sizeof(T)) / 2, [&](int64_t p0, int64_t p1) noexcept {
    // The first tile of the chunk: the largest bi with bi (bi + 1) / 2 <= p0.
    int64_t bi = static_cast<int64_t>((std::sqrt(8.0 * static_cast<double>(p0) + 1.0) - 1.0) / 2.0);
    while (bi * (bi + 1) / 2 > p0) --bi;
    while ((bi + 1) * (bi + 2) / 2 <= p0) ++bi;
    int64_t bj = p0 - bi * (bi + 1) / 2;
    for (int64_t p = p0; p < p1; ++p) {
      for (int64_t i = bi * B; i < std::min(n, bi * B + B); ++i)
        for (int64_t j = bj * B; j < std::min(i, bj * B + B); ++j) c[i * ldc + j] = c[j * ldc + i];
      if (++bj > bi) {
        ++bi;
        bj = 0;
      }
    }
  });
}

// ---- blocked loops (integer and bool dtypes; floats too large for BLAS) ----------

// The accumulator: products and sums modulo 2^32 (dtypes up to 32 bits) or 2^64
// are exactly NumPy's wrap-around results once truncated to the dtype, and
// unsigned arithmetic keeps the wrap defined. float32 accumulates in double.
template <class T> struct AccOf { using type = std::conditional_t<(sizeof(T) <= 4), uint32_t, uint64_t>; };
template <> struct AccOf<float> { using type = double; };
template <> struct AccOf<double> { using type = double; };

template <class T, class Acc, bool kBool>
inline Acc load_acc(const char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (kBool) return static_cast<Acc>(v != 0);
  else if constexpr (std::is_floating_point_v<T>) return static_cast<Acc>(v);
  else if constexpr (std::is_signed_v<T>) return static_cast<Acc>(static_cast<int64_t>(v));  // sign-extend, wrap
  else return static_cast<Acc>(v);
}

template <class T, class Acc>
inline void store_acc(char* p, Acc v) noexcept {
  const T t = static_cast<T>(v);  // unsigned -> narrower/signed: modulo 2^bits (defined by gcc/clang)
  std::memcpy(p, &t, sizeof t);
}

constexpr int64_t kTileI = 16;
constexpr int64_t kTileJ = 256;

// One kTileI x kTileJ tile of C from B packed row-major (k x n) in Acc. The
// accumulator tile (<= 32 KiB) and one packed row of B stay in L1 while A's
// column is walked.
template <class T, class Acc, bool kBool>
void loops_tile(int64_t k, int64_t n, Mat A, const Acc* Bp, char* c, int64_t crs, int64_t ccs, int64_t i0,
                int64_t ti, int64_t j0, int64_t tj) noexcept {
  Acc acc[kTileI * kTileJ];
  for (int64_t x = 0; x < ti * kTileJ; ++x) acc[x] = Acc(0);
  for (int64_t l = 0; l < k; ++l) {
    const Acc* brow = Bp + l * n + j0;
    for (int64_t ii = 0; ii < ti; ++ii) {
      const Acc a = load_acc<T, Acc, kBool>(A.p + (i0 + ii) * A.rs + l * A.cs);
      Acc* row = acc + ii * kTileJ;
      if constexpr (kBool) {
        if (a == 0) continue;
        for (int64_t j = 0; j < tj; ++j) row[j] |= brow[j];
      } else if constexpr (std::is_floating_point_v<T>) {
        for (int64_t j = 0; j < tj; ++j) row[j] += a * brow[j];  // no skipping: 0 * inf must give NaN
      } else {
        if (a == 0) continue;
        for (int64_t j = 0; j < tj; ++j) row[j] += a * brow[j];
      }
    }
  }
  for (int64_t ii = 0; ii < ti; ++ii)
    for (int64_t j = 0; j < tj; ++j) store_acc<T, Acc>(c + (i0 + ii) * crs + (j0 + j) * ccs, acc[ii * kTileJ + j]);
}

template <class T, bool kBool = false>
Status mm2d_loops(int64_t m, int64_t n, int64_t k, Mat A, Mat B, char* c, int64_t crs, int64_t ccs) noexcept {
  using Acc = std::conditional_t<kBool, uint8_t, typename AccOf<T>::type>;
  Scratch s;
  Acc* Bp = s.alloc<Acc>(k * n);
  if (Bp == nullptr) return Status::NoMemory;
  for (int64_t l = 0; l < k; ++l)
    for (int64_t j = 0; j < n; ++j) Bp[l * n + j] = load_acc<T, Acc, kBool>(B.p + l * B.rs + j * B.cs);
  const int64_t ti_n = (m + kTileI - 1) / kTileI, tj_n = (n + kTileJ - 1) / kTileJ;
  parallel_for(ti_n * tj_n, m * n * k, [&](int64_t t0, int64_t t1) noexcept {
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t i0 = (t / tj_n) * kTileI, j0 = (t % tj_n) * kTileJ;
      loops_tile<T, Acc, kBool>(k, n, A, Bp, c, crs, ccs, i0, std::min(kTileI, m - i0), j0,
                                std::min(kTileJ, n - j0));
    }
  });
  return Status::Ok;
}

// ---- BLAS paths -----------------------------------------------------------------

template <class T>
T dot_loop(int64_t k, const char* x, int64_t xs, const char* y, int64_t ys) noexcept {
  double acc = 0;  // zero strides (broadcast vectors) are rare; accumulate in double
  for (int64_t l = 0; l < k; ++l) {
    T a, b;
    std::memcpy(&a, x + l * xs, sizeof a);
    std::memcpy(&b, y + l * ys, sizeof b);
    acc += static_cast<double>(a) * static_cast<double>(b);
  }
  return static_cast<T>(acc);
}

// y (length rows, stride ys bytes) = M (rows x cols) x, x of length cols.
template <class T>
Status gemv_path(int64_t rows, int64_t cols, Mat M, const char* x, int64_t xs, char* y, int64_t ys, bool m_is_a,
                 int* path) noexcept {
  constexpr int64_t sz = sizeof(T);
  Scratch sm, sx, sy;
  Layout L = blas_layout(rows, cols, M.rs, M.cs, sz);
  const T* mp = reinterpret_cast<const T*>(M.p);
  if (!L.ok) {
    T* tmp = sm.alloc<T>(rows * cols);
    if (tmp == nullptr) return Status::NoMemory;
    gather<T>(rows, cols, M, tmp);
    mp = tmp;
    L.ok = true;
    L.trans = false;
    L.ld = cols;
    *path |= m_is_a ? kPathCopyA : kPathCopyB;
  }
  const T* xp;
  int incx;
  if (!blas_vector<T>(x, cols, xs, &xp, &incx)) {
    T* tmp = sx.alloc<T>(cols);
    if (tmp == nullptr) return Status::NoMemory;
    gather<T>(cols, 1, Mat{x, xs, sz}, tmp);
    xp = tmp;
    incx = 1;
    *path |= m_is_a ? kPathCopyB : kPathCopyA;
  }
  const T* yp;
  int incy;
  T* ystage = nullptr;
  if (!blas_vector<T>(y, rows, ys, &yp, &incy)) {
    ystage = sy.alloc<T>(rows);
    if (ystage == nullptr) return Status::NoMemory;
    yp = ystage;
    incy = 1;
    *path |= kPathStageC;
  }
  T* yw = const_cast<T*>(yp);
  // y is zeroed here rather than trusting beta = 0 to overwrite it: some OpenBLAS
  // versions scale y by beta, and 0 * NaN (uninitialised memory) is NaN.
  for (int64_t i = 0; i < rows; ++i) yw[i * std::abs(static_cast<int64_t>(incy))] = T(0);
  if (L.trans) Blas<T>::gemv(true, static_cast<int>(cols), static_cast<int>(rows), mp, static_cast<int>(L.ld), xp,
                             incx, yw, incy);
  else Blas<T>::gemv(false, static_cast<int>(rows), static_cast<int>(cols), mp, static_cast<int>(L.ld), xp, incx,
                     yw, incy);
  if (ystage != nullptr) scatter<T>(rows, 1, ystage, y, ys, sz);
  *path |= kPathGemv;
  return Status::Ok;
}

// One product, m, n, k >= 1 and all <= kBlasMax.
template <class T>
Status mm2d_blas(int64_t m, int64_t n, int64_t k, Mat A, Mat B, char* c, int64_t crs, int64_t ccs,
                 int* path) noexcept {
  constexpr int64_t sz = sizeof(T);
  if (m == 1 && n == 1) {
    const T* xp;
    const T* yp;
    int incx, incy;
    T r;
    if (blas_vector<T>(A.p, k, A.cs, &xp, &incx) && blas_vector<T>(B.p, k, B.rs, &yp, &incy))
      r = Blas<T>::dot(static_cast<int>(k), xp, incx, yp, incy);
    else
      r = dot_loop<T>(k, A.p, A.cs, B.p, B.rs);
    std::memcpy(c, &r, sizeof r);
    *path |= kPathDot;
    return Status::Ok;
  }
  if (n == 1) return gemv_path<T>(m, k, A, B.p, B.rs, c, crs, true, path);
  if (m == 1) return gemv_path<T>(n, k, transposed(B), A.p, A.cs, c, ccs, false, path);

  // C^T = B^T A^T when C is column-major: then C is written as BLAS writes.
  bool swapped = false;
  Layout LC = blas_layout(m, n, crs, ccs, sz);
  if (LC.ok && LC.trans) {
    const Mat a2 = transposed(B), b2 = transposed(A);
    A = a2;
    B = b2;
    std::swap(m, n);
    std::swap(crs, ccs);
    LC = blas_layout(m, n, crs, ccs, sz);
    swapped = true;
  }
  Scratch sa, sb, sc;
  T* cp = reinterpret_cast<T*>(c);
  int64_t ldc = LC.ld;
  const bool stage = !LC.ok || LC.trans;
  if (stage) {
    cp = sc.alloc<T>(m * n);
    if (cp == nullptr) return Status::NoMemory;
    ldc = n;
    *path |= kPathStageC;
  }
  Layout LA = blas_layout(m, k, A.rs, A.cs, sz);
  // A @ A.T on the same memory: half the work with syrk (NumPy does the same).
  const bool same = A.p == B.p && m == n && A.rs == B.cs && A.cs == B.rs;
  if (same && LA.ok) {
    Blas<T>::syrk(LA.trans, static_cast<int>(m), static_cast<int>(k), reinterpret_cast<const T*>(A.p),
                  static_cast<int>(LA.ld), cp, static_cast<int>(ldc));
    mirror_upper<T>(m, cp, ldc);
    *path |= kPathSyrk;
  } else {
    Layout LB = blas_layout(k, n, B.rs, B.cs, sz);
    const T* ap = reinterpret_cast<const T*>(A.p);
    const T* bp = reinterpret_cast<const T*>(B.p);
    if (!LA.ok) {
      T* tmp = sa.alloc<T>(m * k);
      if (tmp == nullptr) return Status::NoMemory;
      gather<T>(m, k, A, tmp);
      ap = tmp;
      LA = Layout{true, false, k};
      *path |= swapped ? kPathCopyB : kPathCopyA;
    }
    if (!LB.ok) {
      T* tmp = sb.alloc<T>(k * n);
      if (tmp == nullptr) return Status::NoMemory;
      gather<T>(k, n, B, tmp);
      bp = tmp;
      LB = Layout{true, false, n};
      *path |= swapped ? kPathCopyA : kPathCopyB;
    }
    gemm_maybe_split<T>(LA.trans, LB.trans, m, n, k, ap, LA.ld, bp, LB.ld, cp, ldc);
    *path |= kPathGemm;
  }
  if (stage) scatter<T>(m, n, cp, c, crs, ccs);
  return Status::Ok;
}

template <class T>
Status mm2d(int64_t m, int64_t n, int64_t k, Mat A, Mat B, char* c, int64_t crs, int64_t ccs, int* path) noexcept {
  if (k == 0) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) std::memset(c + i * crs + j * ccs, 0, sizeof(T));
    *path |= kPathZeroK;
    return Status::Ok;
  }
  if constexpr (std::is_floating_point_v<T>) {
    if (m <= kBlasMax && n <= kBlasMax && k <= kBlasMax) return mm2d_blas<T>(m, n, k, A, B, c, crs, ccs, path);
  }
  *path |= kPathLoops;
  return mm2d_loops<T>(m, n, k, A, B, c, crs, ccs);
}

template <class T, bool kBool>
Status mm2d_any(int64_t m, int64_t n, int64_t k, Mat A, Mat B, char* c, int64_t crs, int64_t ccs,
                int* path) noexcept {
  if constexpr (kBool) {
    if (k == 0) return mm2d<T>(m, n, k, A, B, c, crs, ccs, path);
    *path |= kPathLoops;
    return mm2d_loops<T, true>(m, n, k, A, B, c, crs, ccs);
  } else {
    return mm2d<T>(m, n, k, A, B, c, crs, ccs, path);
  }
}

template <class T, bool kBool>
Status matmul_typed(int nb, const int64_t* bshape, int64_t m, int64_t n, int64_t k, const char* a,
                    const int64_t* as, const char* b, const int64_t* bs, char* c, const int64_t* cs,
                    int* path) noexcept {
  int64_t batches = 1;
  for (int d = 0; d < nb; ++d) batches *= bshape[d];
  if (batches == 0 || m == 0 || n == 0) return Status::Ok;
  const int64_t* am = as + nb;  // row and column strides after the batch strides
  const int64_t* bm = bs + nb;
  const int64_t* cm = cs + nb;
  auto one = [&](int64_t flat, int* p) noexcept {
    int64_t ao = 0, bo = 0, co = 0;
    for (int d = nb - 1; d >= 0; --d) {
      const int64_t i = flat % bshape[d];
      flat /= bshape[d];
      ao += i * as[d];
      bo += i * bs[d];
      co += i * cs[d];
    }
    return mm2d_any<T, kBool>(m, n, k, Mat{a + ao, am[0], am[1]}, Mat{b + bo, bm[0], bm[1]}, c + co, cm[0], cm[1],
                              p);
  };
  const bool small = m * n * k < kSmallProduct;
  if (batches >= 2 && small && num_threads() > 1) {
    std::atomic<int> flags{0};
    std::atomic<int> failed{static_cast<int>(Status::Ok)};
    parallel_for(batches, batches * m * n * k * 2, [&](int64_t b0, int64_t b1) noexcept {
      int p = 0;
      for (int64_t t = b0; t < b1; ++t) {
        const Status st = one(t, &p);
        if (st != Status::Ok) failed.store(static_cast<int>(st));
      }
      flags.fetch_or(p);
    });
    *path |= flags.load() | kPathBatchParallel;
    return static_cast<Status>(failed.load());
  }
  for (int64_t t = 0; t < batches; ++t) {
    const Status st = one(t, path);
    if (st != Status::Ok) return st;
  }
  return Status::Ok;
}

}  // namespace

Status matmul_strided(int dtype, int nb, const int64_t* bshape, int64_t m, int64_t n, int64_t k, const char* a,
                      const int64_t* as, const char* b, const int64_t* bs, char* c, const int64_t* cs,
                      int* path) noexcept {
  *path = 0;
  if (nb < 0 || nb > kMaxDims - 2 || m < 0 || n < 0 || k < 0) return Status::BadArgument;
  switch (dtype) {
    case kDType_bool: return matmul_typed<uint8_t, true>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_int8: return matmul_typed<int8_t, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_uint8: return matmul_typed<uint8_t, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_int16: return matmul_typed<int16_t, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_uint16: return matmul_typed<uint16_t, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_int32: return matmul_typed<int32_t, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_uint32: return matmul_typed<uint32_t, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_int64: return matmul_typed<int64_t, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_uint64: return matmul_typed<uint64_t, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_float32: return matmul_typed<float, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    case kDType_float64: return matmul_typed<double, false>(nb, bshape, m, n, k, a, as, b, bs, c, cs, path);
    default: break;
  }
  return Status::BadDType;
}

}  // namespace numnode
