// Sorting and selection along one axis. Layout assumptions and hazards:
//  - a lane may be strided or reversed; it is read into a contiguous scratch
//    buffer of keys (or key/index pairs), worked on there, and written back, so
//    the hot loops see unit strides and no aliasing (NumPy does the same copy);
//  - keys make one comparison (unsigned <) serve every dtype; NaN handling differs
//    by operation: a values sort moves NaNs aside first (their bytes survive), the
//    other operations give NaN the largest key and -0.0 +0.0's key;
//  - scratch comes from malloc (no exceptions may leave a kernel or an OpenMP
//    region); a failed allocation becomes Status::NoMemory;
//  - radix passes and the bracket passes split one long lane into per-thread
//    chunks with per-chunk counts, so the output is the same for any thread count.
#include "sort.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "dtypes.h"
#include "memory.h"
#include "parallel.h"

namespace numnode {

namespace {

// ---- scratch -------------------------------------------------------------------------------

// Scratch memory. Buffers of 4 MiB and more are 2 MiB-aligned and advised onto
// transparent huge pages: a radix pass scatters into 2048 places at once, and with
// 4 KiB pages nearly every store of a large sort misses the TLB (NumPy advises its
// large arrays the same way).
void* scratch_alloc(size_t bytes) noexcept {
  constexpr size_t kHuge = size_t{2} << 20;
  if (bytes < 2 * kHuge) return std::malloc(bytes);
  void* p = nullptr;
  const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
  if (posix_memalign(&p, kHuge, rounded) != 0) return nullptr;
  advise_huge_pages(p, static_cast<int64_t>(rounded));
  return p;
}

template <class T>
struct Buf {
  T* p = nullptr;
  int64_t cap = 0;
  Buf() = default;
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  ~Buf() { std::free(p); }
  // Grows to at least n elements (contents not kept). False when memory ran out.
  bool reserve(int64_t n) noexcept {
    if (n <= cap) return true;
    std::free(p);
    p = static_cast<T*>(scratch_alloc(sizeof(T) * static_cast<size_t>(n)));
    cap = p != nullptr ? n : 0;
    return p != nullptr;
  }
};

template <class T>
inline T load(const char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class T>
inline void store(char* p, T v) noexcept {
  std::memcpy(p, &v, sizeof v);
}

// ---- keys ------------------------------------------------------------------------------------

template <class T>
struct IntKey {
  using U = std::make_unsigned_t<T>;
  static constexpr bool kFloat = false;
  static constexpr U kTop = static_cast<U>(U{1} << (sizeof(U) * 8 - 1));
  static U raw(T v) noexcept { return std::is_signed_v<T> ? static_cast<U>(static_cast<U>(v) ^ kTop) : static_cast<U>(v); }
  static U canon(T v) noexcept { return raw(v); }
  static T back(U k) noexcept { return std::is_signed_v<T> ? static_cast<T>(static_cast<U>(k ^ kTop)) : static_cast<T>(k); }
  static bool isnan(T) noexcept { return false; }
};

template <class F, class U_>
struct FloatKey {
  using U = U_;
  static constexpr bool kFloat = true;
  static constexpr U kSign = static_cast<U>(U{1} << (sizeof(U) * 8 - 1));
  // A bijection of the bit patterns; negative NaNs would sort first, so a values
  // sort moves every NaN aside before using it.
  static U raw(F v) noexcept {
    U b;
    std::memcpy(&b, &v, sizeof b);
    return (b & kSign) ? static_cast<U>(~b) : static_cast<U>(b | kSign);
  }
  // NumPy's comparison order: -0.0 == +0.0, NaN after +inf.
  static U canon(F v) noexcept {
    if (v != v) return static_cast<U>(~U{0});
    if (v == 0) return kSign;
    return raw(v);
  }
  static F back(U k) noexcept {
    const U b = (k & kSign) ? static_cast<U>(k & ~kSign) : static_cast<U>(~k);
    F v;
    std::memcpy(&v, &b, sizeof v);
    return v;
  }
  static bool isnan(F v) noexcept { return v != v; }
};

template <int Code>
struct KeyOf {
  using T = typename DTypeOf<Code>::type;
  using type = std::conditional_t<std::is_same_v<T, float>, FloatKey<float, uint32_t>,
                                  std::conditional_t<std::is_same_v<T, double>, FloatKey<double, uint64_t>, IntKey<T>>>;
};

template <class U, class I>
struct Pair {
  U key;
  I idx;
};

// ---- lanes -----------------------------------------------------------------------------------

// The lanes of a view: the dimensions other than the lane axis.
struct Lanes {
  int nd = 0;
  int64_t shape[kMaxDims];
  int64_t count = 1;
  void init(int ndim, const int64_t* sh, int axis) noexcept {
    nd = 0;
    count = 1;
    for (int d = 0; d < ndim; ++d)
      if (d != axis) {
        shape[nd++] = sh[d];
        count *= sh[d];
      }
  }
  // Byte offset of lane `l` (C order) for the given per-dimension strides (lane dims only).
  int64_t offset(int64_t l, const int64_t* st) const noexcept {
    int64_t off = 0;
    for (int d = nd - 1; d >= 0; --d) {
      off += (l % shape[d]) * st[d];
      l /= shape[d];
    }
    return off;
  }
};

// The strides of the lane dimensions (all but `axis`).
inline void outer_strides(int ndim, const int64_t* strides, int axis, int64_t* out) noexcept {
  int k = 0;
  for (int d = 0; d < ndim; ++d)
    if (d != axis) out[k++] = strides[d];
}

// Threads a single long lane's own algorithm may use (1 inside another parallel region).
inline int inner_threads(int64_t bytes) noexcept {
#ifdef _OPENMP
  if (omp_in_parallel()) return 1;
#endif
  return bytes >= kParallelMinBytes ? std::max(1, std::min(num_threads(), 64)) : 1;
}

inline int64_t chunk_begin(int64_t n, int64_t c, int64_t T) noexcept { return n * c / T; }

// Runs fn(chunk) for chunk = 0..T-1, in parallel when T > 1 (T chunks of the same work).
template <class F>
void for_chunks(int64_t T, int64_t bytes, F&& fn) noexcept {
  if (T <= 1) {
    fn(int64_t{0});
    return;
  }
  parallel_for(T, std::max(bytes, kParallelMinBytes), [&](int64_t b, int64_t e) noexcept {
    for (int64_t c = b; c < e; ++c) fn(c);
  });
}

// ---- LSD radix sort ---------------------------------------------------------------------------

// Stable sort of items by key(item) (an unsigned U), least significant digit first:
// 11-bit digits for 32/64-bit keys, 8-bit for 8/16-bit keys; a digit that is the same
// for every item is skipped. Returns the buffer (a or b) holding the result, or
// nullptr when memory ran out.
template <class U, class Item, class KeyFn>
Item* radix_sort(Item* a, Item* b, int64_t n, int T, KeyFn key) noexcept {
  constexpr int kBits = sizeof(U) * 8;
  int shift[8], width[8], nd = 0;
  if (kBits <= 16) {
    for (int s = 0; s < kBits; s += 8) { shift[nd] = s; width[nd] = 8; ++nd; }
  } else {
    for (int s = 0; s < kBits; s += 11) { shift[nd] = s; width[nd] = std::min(11, kBits - s); ++nd; }
  }
  constexpr int kMaxBuckets = 1 << 11;
  // Per-chunk histograms of every digit, from one read of the input.
  Buf<int64_t> hist;
  if (!hist.reserve(int64_t{T} * nd * kMaxBuckets)) return nullptr;
  std::memset(hist.p, 0, sizeof(int64_t) * static_cast<size_t>(T) * nd * kMaxBuckets);
  const int64_t bytes = n * static_cast<int64_t>(sizeof(Item));
  for_chunks(T, bytes, [&](int64_t c) noexcept {
    int64_t* h = hist.p + c * nd * kMaxBuckets;
    const int64_t e = chunk_begin(n, c + 1, T);
    for (int64_t i = chunk_begin(n, c, T); i < e; ++i) {
      const U k = key(a[i]);
      for (int d = 0; d < nd; ++d) ++h[d * kMaxBuckets + ((k >> shift[d]) & ((U{1} << width[d]) - 1))];
    }
  });
  Buf<int64_t> offs;
  if (!offs.reserve(int64_t{T} * kMaxBuckets)) return nullptr;
  Item* src = a;
  Item* dst = b;
  bool first = true;
  for (int d = 0; d < nd; ++d) {
    const int nb = 1 << width[d];
    // totals; skip a digit with one populated bucket
    bool trivial = false;
    for (int bkt = 0; bkt < nb && !trivial; ++bkt) {
      int64_t tot = 0;
      for (int c = 0; c < T; ++c) tot += hist.p[(int64_t{c} * nd + d) * kMaxBuckets + bkt];
      if (tot == n) trivial = true;
      else if (tot != 0) break;
    }
    if (trivial) continue;
    if (!first && T > 1) {
      // Chunk contents changed with the previous pass: recount this digit per chunk.
      for_chunks(T, bytes, [&](int64_t c) noexcept {
        int64_t* h = hist.p + (c * nd + d) * kMaxBuckets;
        std::memset(h, 0, sizeof(int64_t) * static_cast<size_t>(nb));
        const int64_t e = chunk_begin(n, c + 1, T);
        for (int64_t i = chunk_begin(n, c, T); i < e; ++i) ++h[(key(src[i]) >> shift[d]) & ((U{1} << width[d]) - 1)];
      });
    }
    first = false;
    int64_t run = 0;
    for (int bkt = 0; bkt < nb; ++bkt)
      for (int c = 0; c < T; ++c) {
        offs.p[int64_t{c} * kMaxBuckets + bkt] = run;
        run += hist.p[(int64_t{c} * nd + d) * kMaxBuckets + bkt];
      }
    const int sh = shift[d];
    const U mask = static_cast<U>((U{1} << width[d]) - 1);
    for_chunks(T, bytes, [&](int64_t c) noexcept {
      int64_t* o = offs.p + c * kMaxBuckets;
      const int64_t e = chunk_begin(n, c + 1, T);
      for (int64_t i = chunk_begin(n, c, T); i < e; ++i) {
        const Item it = src[i];
        dst[o[(key(it) >> sh) & mask]++] = it;
      }
    });
    std::swap(src, dst);
  }
  return src;
}

// ---- values sort ------------------------------------------------------------------------------

template <int Code>
struct Sorter {
  using V = typename DTypeOf<Code>::type;
  using K = typename KeyOf<Code>::type;
  using U = typename K::U;

  Buf<U> keys, tmp;
  Buf<V> nans;
  Buf<uint8_t> zsign;
  Buf<int64_t> cnt;

  // Sorts one lane in place, with nt threads for this lane alone.
  Status lane(char* p, int64_t n, int64_t st, bool stable, int nt) noexcept {
    if (n < 2) return Status::Ok;
    if (!keys.reserve(n) || !cnt.reserve(4 * int64_t{nt})) return Status::NoMemory;
    const int64_t bytes = n * static_cast<int64_t>(sizeof(V));
    int64_t nnan = 0, nneg0 = 0, npos0 = 0;
    if constexpr (K::kFloat) {
      // Pass 1: per chunk, the NaNs and the zeros of each sign.
      for_chunks(nt, bytes, [&](int64_t c) noexcept {
        int64_t nn = 0, nz = 0, pz = 0;
        const int64_t e = chunk_begin(n, c + 1, nt);
        for (int64_t i = chunk_begin(n, c, nt); i < e; ++i) {
          const V v = load<V>(p + i * st);
          if (v != v) ++nn;
          else if (v == 0) (std::signbit(v) ? nz : pz) += 1;
        }
        cnt.p[4 * c] = nn;
        cnt.p[4 * c + 1] = nz;
        cnt.p[4 * c + 2] = pz;
      });
      for (int c = 0; c < nt; ++c) {
        cnt.p[4 * c + 3] = nnan;
        nnan += cnt.p[4 * c];
        nneg0 += cnt.p[4 * c + 1];
        npos0 += cnt.p[4 * c + 2];
      }
    } else {
      for (int c = 0; c < nt; ++c) cnt.p[4 * c + 3] = 0;
    }
    const int64_t m = n - nnan;
    if (nnan > 0 && !nans.reserve(nnan)) return Status::NoMemory;
    // A stable sort keeps -0.0/+0.0 in input order: remember their signs in order.
    const bool fix_zeros = K::kFloat && stable && nneg0 > 0 && npos0 > 0;
    if (fix_zeros && !zsign.reserve(nneg0 + npos0)) return Status::NoMemory;
    // Pass 2: keys of the numbers, NaNs aside (both in input order).
    for_chunks(nt, bytes, [&](int64_t c) noexcept {
      const int64_t b = chunk_begin(n, c, nt), e = chunk_begin(n, c + 1, nt);
      int64_t nn = cnt.p[4 * c + 3];
      int64_t o = b - nn;
      for (int64_t i = b; i < e; ++i) {
        const V v = load<V>(p + i * st);
        if (K::isnan(v)) nans.p[nn++] = v;
        else keys.p[o++] = K::raw(v);
      }
    });
    if (fix_zeros) {
      int64_t z = 0;
      for (int64_t i = 0; i < n; ++i) {
        const V v = load<V>(p + i * st);
        if (v == 0) zsign.p[z++] = std::signbit(static_cast<double>(v)) ? 1 : 0;
      }
    }
    // Sort the keys (a bijection of the values, so stability cannot be observed).
    U* sorted = keys.p;
    if (m < kSortRadixMin) {
      std::sort(keys.p, keys.p + m);
    } else {
      if (!tmp.reserve(m)) return Status::NoMemory;
      sorted = radix_sort<U>(keys.p, tmp.p, m, nt, [](U k) noexcept { return k; });
      if (sorted == nullptr) return Status::NoMemory;
    }
    // Pass 3: write back, NaNs last.
    for_chunks(nt, bytes, [&](int64_t c) noexcept {
      const int64_t e = chunk_begin(m, c + 1, nt);
      for (int64_t i = chunk_begin(m, c, nt); i < e; ++i) store<V>(p + i * st, K::back(sorted[i]));
    });
    for (int64_t j = 0; j < nnan; ++j) store<V>(p + (m + j) * st, nans.p[j]);
    if (fix_zeros) {
      const U negzero = K::raw(static_cast<V>(-0.0));
      const int64_t z0 = std::lower_bound(sorted, sorted + m, negzero) - sorted;
      for (int64_t z = 0; z < nneg0 + npos0; ++z)
        store<V>(p + (z0 + z) * st, zsign.p[z] ? static_cast<V>(-0.0) : static_cast<V>(0.0));
    }
    return Status::Ok;
  }
};

// ---- argsort ---------------------------------------------------------------------------------

template <int Code, class I>
struct ArgSorter {
  using V = typename DTypeOf<Code>::type;
  using K = typename KeyOf<Code>::type;
  using U = typename K::U;
  using P = Pair<U, I>;
  Buf<P> pairs, tmp;

  Status lane(const char* p, int64_t n, int64_t st, char* o, int64_t ost, bool stable, int nt) noexcept {
    if (n == 0) return Status::Ok;
    if (!pairs.reserve(n)) return Status::NoMemory;
    const int64_t bytes = n * static_cast<int64_t>(sizeof(P));
    for_chunks(nt, bytes, [&](int64_t c) noexcept {
      const int64_t e = chunk_begin(n, c + 1, nt);
      for (int64_t i = chunk_begin(n, c, nt); i < e; ++i) pairs.p[i] = P{K::canon(load<V>(p + i * st)), static_cast<I>(i)};
    });
    P* sorted = pairs.p;
    auto by_key = [](const P& a, const P& b) noexcept { return a.key < b.key; };
    if (n < kSortRadixMin) {
      if (stable) std::stable_sort(pairs.p, pairs.p + n, by_key);
      else std::sort(pairs.p, pairs.p + n, by_key);
    } else {
      if (!tmp.reserve(n)) return Status::NoMemory;
      sorted = radix_sort<U>(pairs.p, tmp.p, n, nt, [](const P& x) noexcept { return x.key; });
      if (sorted == nullptr) return Status::NoMemory;
    }
    for_chunks(nt, bytes, [&](int64_t c) noexcept {
      const int64_t e = chunk_begin(n, c + 1, nt);
      for (int64_t i = chunk_begin(n, c, nt); i < e; ++i) store<int64_t>(o + i * ost, static_cast<int64_t>(sorted[i].idx));
    });
    return Status::Ok;
  }
};

// ---- selection -------------------------------------------------------------------------------

// Deterministic pseudo-random sample positions (splitmix64).
inline uint64_t splitmix(uint64_t& s) noexcept {
  uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

constexpr int kMaxBrackets = 64;

// Key brackets [lo, hi] expected (from a sample) to hold the kth order statistics.
template <class U>
struct Brackets {
  int nb = 0;
  U lo[kMaxBrackets], hi[kMaxBrackets];
  double frac[kMaxBrackets];  // the share of the sample inside each bracket
  // The class of a key: 2j below bracket j (above bracket j-1), 2j+1 inside it, 2nb
  // above all. The brackets are sorted and disjoint, so the class is the number of
  // bounds at or below the key: counted without branches, because a median's keys
  // fall on either side at random and a branch would be mispredicted half the time.
  int classify(U k) const noexcept {
    int c = 0;
    for (int j = 0; j < nb; ++j) c += static_cast<int>(k >= lo[j]) + static_cast<int>(k > hi[j]);
    return c;
  }
};

template <int Code>
struct Selector {
  using V = typename DTypeOf<Code>::type;
  using K = typename KeyOf<Code>::type;
  using U = typename K::U;
  using P = Pair<U, int64_t>;
  Buf<U> keys, keys2, sample;
  Buf<P> pairs;
  Buf<int64_t> counts;
  Buf<V> vals;

  // Brackets for the kths (ascending) from a sample of the lane's keys: a kth at
  // quantile q lies within 5 standard deviations of its sample rank (plus a few) with
  // overwhelming probability; when it does not, the caller redoes the lane exactly.
  bool brackets(const char* p, int64_t n, int64_t st, const int64_t* kth, int64_t nk, Brackets<U>& br) noexcept {
    const int64_t s = std::min<int64_t>(n, 16384);
    if (!sample.reserve(s)) return false;
    uint64_t seed = 0x853C49E6748FEA9Bull ^ static_cast<uint64_t>(n);
    for (int64_t i = 0; i < s; ++i)
      sample.p[i] = K::canon(load<V>(p + static_cast<int64_t>(splitmix(seed) % static_cast<uint64_t>(n)) * st));
    std::sort(sample.p, sample.p + s);
    br.nb = 0;
    for (int64_t j = 0; j < nk; ++j) {
      const double q = (static_cast<double>(kth[j]) + 0.5) / static_cast<double>(n);
      const double r = q * static_cast<double>(s);
      const double d = 5.0 * std::sqrt(static_cast<double>(s) * q * (1.0 - q)) + 4.0;
      const int64_t a = std::max<int64_t>(0, static_cast<int64_t>(std::floor(r - d)));
      const int64_t b = std::min<int64_t>(s - 1, static_cast<int64_t>(std::ceil(r + d)));
      const U lo = a == 0 ? U{0} : sample.p[a];
      const U hi = b == s - 1 ? static_cast<U>(~U{0}) : sample.p[b];
      if (br.nb > 0 && lo <= br.hi[br.nb - 1]) {
        br.hi[br.nb - 1] = std::max(br.hi[br.nb - 1], hi);
        continue;
      }
      if (br.nb == kMaxBrackets) return false;
      br.lo[br.nb] = lo;
      br.hi[br.nb] = hi;
      ++br.nb;
    }
    for (int b = 0; b < br.nb; ++b) {
      const int64_t in = std::upper_bound(sample.p, sample.p + s, br.hi[b]) - std::lower_bound(sample.p, sample.p + s, br.lo[b]);
      br.frac[b] = static_cast<double>(in) / static_cast<double>(s);
    }
    return true;
  }

  // One counting pass: per chunk and class; fills totals and class starts. False
  // when a kth is not inside a bracket's range of ranks.
  bool count(const char* p, int64_t n, int64_t st, const int64_t* kth, int64_t nk, const Brackets<U>& br, int nt,
             int64_t* tot, int64_t* cstart) noexcept {
    const int nc = 2 * br.nb + 1;
    int64_t* cnt = counts.p;
    for_chunks(nt, n * static_cast<int64_t>(sizeof(V)), [&](int64_t c) noexcept {
      int64_t* h = cnt + c * nc;
      for (int k = 0; k < nc; ++k) h[k] = 0;
      const int64_t e = chunk_begin(n, c + 1, nt);
      for (int64_t i = chunk_begin(n, c, nt); i < e; ++i) ++h[br.classify(K::canon(load<V>(p + i * st)))];
    });
    int64_t run = 0;
    for (int k = 0; k < nc; ++k) {
      tot[k] = 0;
      for (int c = 0; c < nt; ++c) tot[k] += cnt[c * nc + k];
      cstart[k] = run;
      run += tot[k];
    }
    for (int64_t j = 0; j < nk; ++j) {
      bool ok = false;
      for (int b = 0; b < br.nb && !ok; ++b) ok = kth[j] >= cstart[2 * b + 1] && kth[j] < cstart[2 * b + 1] + tot[2 * b + 1];
      if (!ok) return false;
    }
    return true;
  }

  static int bracket_of(int64_t k, const Brackets<U>& br, const int64_t* tot, const int64_t* cstart) noexcept {
    int b = 0;
    while (!(k >= cstart[2 * b + 1] && k < cstart[2 * b + 1] + tot[2 * b + 1])) ++b;
    return b;
  }

  // out[j * ost] = the kth[j] order statistic of the lane (the lane is not modified).
  Status select(const char* p, int64_t n, int64_t st, const int64_t* kth, int64_t nk, char* o, int64_t ost, int nt) noexcept {
    if (n >= kSelectBracketMin) {
      const Status s = select_bracketed(p, n, st, kth, nk, o, ost, nt);
      if (s != Status::BadArgument) return s;  // BadArgument: the brackets missed; redo exactly
    }
    if (!keys.reserve(n)) return Status::NoMemory;
    for (int64_t i = 0; i < n; ++i) keys.p[i] = K::canon(load<V>(p + i * st));
    int64_t from = 0;
    for (int64_t j = 0; j < nk; ++j) {
      const int64_t k = kth[j];
      if (k >= from) {
        std::nth_element(keys.p + from, keys.p + k, keys.p + n);
        from = k + 1;
      }
      store<V>(o + j * ost, K::back(keys.p[k]));
    }
    return Status::Ok;
  }

  // One pass counting classes and collecting the keys inside the brackets into
  // buffers sized from the sample (a second, exact pass only if one overflows),
  // then selection among those keys only: the lane is never copied whole.
  Status select_bracketed(const char* p, int64_t n, int64_t st, const int64_t* kth, int64_t nk, char* o, int64_t ost,
                          int nt) noexcept {
    Brackets<U> br;
    if (!brackets(p, n, st, kth, nk, br)) return Status::BadArgument;
    const int nc = 2 * br.nb + 1;
    // counts: [chunk][class]; caps/used: [chunk][bracket]; region starts too
    if (!counts.reserve(int64_t{nt} * (nc + 3 * br.nb))) return Status::NoMemory;
    int64_t* cnt = counts.p;
    int64_t* cap = cnt + int64_t{nt} * nc;
    int64_t* reg = cap + int64_t{nt} * br.nb;
    int64_t* used = reg + int64_t{nt} * br.nb;
    int64_t room = 0;
    for (int c = 0; c < nt; ++c) {
      const double len = static_cast<double>(chunk_begin(n, c + 1, nt) - chunk_begin(n, c, nt));
      for (int b = 0; b < br.nb; ++b) {
        cap[c * br.nb + b] = static_cast<int64_t>(br.frac[b] * len * 1.25) + 1024;
        reg[c * br.nb + b] = room;
        room += cap[c * br.nb + b];
      }
    }
    if (!keys.reserve(std::min(room, n))) return Status::NoMemory;
    if (room > n) {  // tiny lanes relative to the slack: an exact two-pass collect is as cheap
      for (int c = 0; c < nt; ++c)
        for (int b = 0; b < br.nb; ++b) cap[c * br.nb + b] = 0;
    }
    for_chunks(nt, n * static_cast<int64_t>(sizeof(V)), [&](int64_t c) noexcept {
      int64_t* h = cnt + c * nc;
      int64_t* u = used + c * br.nb;
      const int64_t* cp = cap + c * br.nb;
      const int64_t* rg = reg + c * br.nb;
      for (int k = 0; k < nc; ++k) h[k] = 0;
      for (int b = 0; b < br.nb; ++b) u[b] = 0;
      const int64_t e = chunk_begin(n, c + 1, nt);
      for (int64_t i = chunk_begin(n, c, nt); i < e; ++i) {
        const U k = K::canon(load<V>(p + i * st));
        const int cl = br.classify(k);
        ++h[cl];
        if (cl & 1) {
          const int b = cl >> 1;
          if (u[b] < cp[b]) keys.p[rg[b] + u[b]] = k;
          ++u[b];
        }
      }
    });
    int64_t tot[2 * kMaxBrackets + 1], cstart[2 * kMaxBrackets + 1];
    {
      int64_t run = 0;
      for (int k = 0; k < nc; ++k) {
        tot[k] = 0;
        for (int c = 0; c < nt; ++c) tot[k] += cnt[c * nc + k];
        cstart[k] = run;
        run += tot[k];
      }
    }
    for (int64_t j = 0; j < nk; ++j) {
      bool ok = false;
      for (int b = 0; b < br.nb && !ok; ++b) ok = kth[j] >= cstart[2 * b + 1] && kth[j] < cstart[2 * b + 1] + tot[2 * b + 1];
      if (!ok) return Status::BadArgument;
    }
    bool overflow = false;
    for (int64_t q = 0; q < int64_t{nt} * br.nb; ++q) overflow |= used[q] > cap[q];
    int64_t bstart[kMaxBrackets];
    int64_t inside = 0;
    for (int b = 0; b < br.nb; ++b) {
      bstart[b] = inside;
      inside += tot[2 * b + 1];
    }
    U* packed = keys.p;
    if (!overflow) {
      // Pack the per-chunk regions bracket by bracket. With one chunk the regions are
      // already in bracket order and only move left (in place); with several, into
      // a second buffer.
      if (nt > 1) {
        if (!keys2.reserve(inside)) return Status::NoMemory;
        packed = keys2.p;
      }
      int64_t at = 0;
      for (int b = 0; b < br.nb; ++b)
        for (int c = 0; c < nt; ++c) {
          const int64_t from = reg[c * br.nb + b], len = used[c * br.nb + b];
          if (from != at || packed != keys.p) std::memmove(packed + at, keys.p + from, sizeof(U) * static_cast<size_t>(len));
          at += len;
        }
    } else {
      // The sample misjudged a bracket's size: collect again with exact offsets.
      if (!keys.reserve(inside)) return Status::NoMemory;
      int64_t* off = reg;
      int64_t r = 0;
      for (int b = 0; b < br.nb; ++b)
        for (int c = 0; c < nt; ++c) {
          off[c * br.nb + b] = r;
          r += cnt[c * nc + 2 * b + 1];
        }
      for_chunks(nt, n * static_cast<int64_t>(sizeof(V)), [&](int64_t c) noexcept {
        int64_t* w = off + c * br.nb;
        const int64_t e = chunk_begin(n, c + 1, nt);
        for (int64_t i = chunk_begin(n, c, nt); i < e; ++i) {
          const U k = K::canon(load<V>(p + i * st));
          const int cl = br.classify(k);
          if (cl & 1) keys.p[w[cl >> 1]++] = k;
        }
      });
    }
    int64_t from[kMaxBrackets];
    for (int b = 0; b < br.nb; ++b) from[b] = 0;
    for (int64_t j = 0; j < nk; ++j) {
      const int b = bracket_of(kth[j], br, tot, cstart);
      U* a = packed + bstart[b];
      const int64_t len = tot[2 * b + 1];
      const int64_t k = kth[j] - cstart[2 * b + 1];
      if (k >= from[b]) {
        std::nth_element(a + from[b], a + k, a + len);
        from[b] = k + 1;
      }
      store<V>(o + j * ost, K::back(a[k]));
    }
    return Status::Ok;
  }

  // Partitions a lane: writes the permutation (argpartition: int64 into o) or the
  // values (partition: back into the lane, which is then writable).
  Status partition(char* p, int64_t n, int64_t st, const int64_t* kth, int64_t nk, char* o, int64_t ost, bool want_idx,
                   int nt) noexcept {
    if (n >= kSelectBracketMin) {
      const Status s = partition_bracketed(p, n, st, kth, nk, o, ost, want_idx, nt);
      if (s != Status::BadArgument) return s;
    }
    if (!pairs.reserve(n)) return Status::NoMemory;
    for (int64_t i = 0; i < n; ++i) pairs.p[i] = P{K::canon(load<V>(p + i * st)), i};
    auto by_key = [](const P& a, const P& b) noexcept { return a.key < b.key; };
    int64_t from = 0;
    for (int64_t j = 0; j < nk; ++j) {
      const int64_t k = kth[j];
      if (k < from) continue;
      std::nth_element(pairs.p + from, pairs.p + k, pairs.p + n, by_key);
      from = k + 1;
    }
    if (want_idx) {
      for (int64_t i = 0; i < n; ++i) store<int64_t>(o + i * ost, pairs.p[i].idx);
      return Status::Ok;
    }
    if (!vals.reserve(n)) return Status::NoMemory;
    for (int64_t i = 0; i < n; ++i) vals.p[i] = load<V>(p + i * st);
    for (int64_t i = 0; i < n; ++i) store<V>(p + i * st, vals.p[pairs.p[i].idx]);
    return Status::Ok;
  }

  // Distributes the lane by class straight to its final place (below a bracket,
  // between brackets, above all: any order is a valid partition there), keeps the
  // elements inside the brackets as (key, position) pairs, and selects among those.
  Status partition_bracketed(char* p, int64_t n, int64_t st, const int64_t* kth, int64_t nk, char* o, int64_t ost,
                             bool want_idx, int nt) noexcept {
    Brackets<U> br;
    if (!brackets(p, n, st, kth, nk, br)) return Status::BadArgument;
    const int nc = 2 * br.nb + 1;
    if (!counts.reserve(int64_t{nt} * nc * 2)) return Status::NoMemory;
    int64_t tot[2 * kMaxBrackets + 1], cstart[2 * kMaxBrackets + 1];
    if (!count(p, n, st, kth, nk, br, nt, tot, cstart)) return Status::BadArgument;
    int64_t* cnt = counts.p;
    int64_t* off = cnt + int64_t{nt} * nc;
    int64_t bstart[kMaxBrackets];
    int64_t inside = 0;
    for (int k = 0; k < nc; ++k) {
      if (k & 1) bstart[k / 2] = inside;
      int64_t r = (k & 1) ? inside : cstart[k];
      for (int c = 0; c < nt; ++c) {
        off[c * nc + k] = r;
        r += cnt[c * nc + k];
      }
      if (k & 1) inside = r;
    }
    if (!pairs.reserve(inside)) return Status::NoMemory;
    if (!want_idx && !vals.reserve(n)) return Status::NoMemory;
    for_chunks(nt, n * static_cast<int64_t>(sizeof(V)), [&](int64_t c) noexcept {
      int64_t* w = off + c * nc;
      const int64_t e = chunk_begin(n, c + 1, nt);
      for (int64_t i = chunk_begin(n, c, nt); i < e; ++i) {
        const V v = load<V>(p + i * st);
        const U k = K::canon(v);
        const int cl = br.classify(k);
        const int64_t at = w[cl]++;
        if (cl & 1) pairs.p[at] = P{k, i};
        else if (want_idx) store<int64_t>(o + at * ost, i);
        else vals.p[at] = v;
      }
    });
    auto by_key = [](const P& a, const P& b) noexcept { return a.key < b.key; };
    int64_t from[kMaxBrackets];
    for (int b = 0; b < br.nb; ++b) from[b] = 0;
    for (int64_t j = 0; j < nk; ++j) {
      const int b = bracket_of(kth[j], br, tot, cstart);
      P* a = pairs.p + bstart[b];
      const int64_t len = tot[2 * b + 1];
      const int64_t k = kth[j] - cstart[2 * b + 1];
      if (k >= from[b]) {
        std::nth_element(a + from[b], a + k, a + len, by_key);
        from[b] = k + 1;
      }
    }
    for (int b = 0; b < br.nb; ++b) {
      const P* a = pairs.p + bstart[b];
      const int64_t len = tot[2 * b + 1], at = cstart[2 * b + 1];
      if (want_idx) {
        for (int64_t t = 0; t < len; ++t) store<int64_t>(o + (at + t) * ost, a[t].idx);
      } else {
        for (int64_t t = 0; t < len; ++t) vals.p[at + t] = load<V>(p + a[t].idx * st);
      }
    }
    if (!want_idx) {
      for_chunks(nt, n * static_cast<int64_t>(sizeof(V)), [&](int64_t c) noexcept {
        const int64_t e = chunk_begin(n, c + 1, nt);
        for (int64_t i = chunk_begin(n, c, nt); i < e; ++i) store<V>(p + i * st, vals.p[i]);
      });
    }
    return Status::Ok;
  }
};

// ---- dispatch over dtypes and lanes ------------------------------------------------------------

template <template <int> class Op, class... Args>
Status by_dtype(int dtype, Args&&... args) noexcept {
  switch (dtype) {
#define NUMNODE_DTYPE(code, name, ctype, kind) \
  case code:                                   \
    return Op<code>::run(std::forward<Args>(args)...);
#include "dtypes.def"
    default: return Status::BadDType;
  }
}

// Runs body(lane_offset_in, lane_offset_out, threads_for_the_lane, scratch) over the
// lanes: in parallel over lanes when there are several, else one lane with the threads.
template <class Scratch, class Body>
Status over_lanes(const Lanes& L, const int64_t* st_in, const int64_t* st_out, int64_t lane_bytes, Body&& body) noexcept {
  if (L.count == 0) return Status::Ok;
  std::atomic<int> err{0};
  if (L.count == 1) {
    Scratch s;
    return body(int64_t{0}, int64_t{0}, inner_threads(lane_bytes), s);
  }
  parallel_for(L.count, L.count * lane_bytes, [&](int64_t b, int64_t e) noexcept {
    Scratch s;
    const int nt = L.count < num_threads() ? inner_threads(lane_bytes) : 1;
    for (int64_t l = b; l < e; ++l) {
      const Status st = body(L.offset(l, st_in), st_out != nullptr ? L.offset(l, st_out) : int64_t{0}, nt, s);
      if (st != Status::Ok) {
        err.store(static_cast<int>(st), std::memory_order_relaxed);
        return;
      }
    }
  });
  return static_cast<Status>(err.load());
}

template <int Code>
struct SortOp {
  static Status run(int kind, int ndim, const int64_t* shape, const int64_t* strides, char* data, int axis) noexcept {
    Lanes L;
    L.init(ndim, shape, axis);
    int64_t ost[kMaxDims];
    outer_strides(ndim, strides, axis, ost);
    const int64_t n = shape[axis], st = strides[axis];
    return over_lanes<Sorter<Code>>(L, ost, nullptr, n * static_cast<int64_t>(sizeof(typename DTypeOf<Code>::type)),
                                    [&](int64_t off, int64_t, int nt, Sorter<Code>& s) noexcept {
                                      return s.lane(data + off, n, st, kind == 1, nt);
                                    });
  }
};

template <int Code>
struct ArgsortOp {
  static Status run(int kind, int ndim, const int64_t* shape, const int64_t* ss, const char* src, const int64_t* os,
                    char* out, int axis) noexcept {
    Lanes L;
    L.init(ndim, shape, axis);
    int64_t osi[kMaxDims], oso[kMaxDims];
    outer_strides(ndim, ss, axis, osi);
    outer_strides(ndim, os, axis, oso);
    const int64_t n = shape[axis];
    auto go = [&](auto tag) noexcept {
      using I = decltype(tag);
      using A = ArgSorter<Code, I>;
      return over_lanes<A>(L, osi, oso, n * static_cast<int64_t>(sizeof(typename A::P)),
                           [&](int64_t a, int64_t b, int nt, A& s) noexcept {
                             return s.lane(src + a, n, ss[axis], out + b, os[axis], kind == 1, nt);
                           });
    };
    // 32-bit positions halve the traffic of the pairs whenever the lane allows it.
    if (n <= int64_t{0xFFFFFFFF}) return go(uint32_t{});
    return go(uint64_t{});
  }
};

template <int Code>
struct PartitionOp {
  static Status run(int ndim, const int64_t* shape, const int64_t* ss, char* src, const int64_t* os, char* out, int axis,
                    const int64_t* kth, int64_t nk, bool want_idx) noexcept {
    Lanes L;
    L.init(ndim, shape, axis);
    int64_t osi[kMaxDims], oso[kMaxDims];
    outer_strides(ndim, ss, axis, osi);
    if (want_idx) outer_strides(ndim, os, axis, oso);
    const int64_t n = shape[axis];
    return over_lanes<Selector<Code>>(L, osi, want_idx ? oso : nullptr, n * 16,
                                      [&](int64_t a, int64_t b, int nt, Selector<Code>& s) noexcept {
                                        return s.partition(src + a, n, ss[axis], kth, nk, want_idx ? out + b : nullptr,
                                                           want_idx ? os[axis] : 0, want_idx, nt);
                                      });
  }
};

template <int Code>
struct SelectOp {
  static Status run(int ndim, const int64_t* shape, const int64_t* ss, const char* src, int axis, const int64_t* kth,
                    int64_t nk, const int64_t* os, char* out) noexcept {
    Lanes L;
    L.init(ndim, shape, axis);
    int64_t osi[kMaxDims];
    outer_strides(ndim, ss, axis, osi);
    const int64_t n = shape[axis];
    // out: lane dims then the kth axis (ndim - 1 + 1 entries).
    return over_lanes<Selector<Code>>(L, osi, os, n * static_cast<int64_t>(sizeof(typename DTypeOf<Code>::type)),
                                      [&](int64_t a, int64_t b, int nt, Selector<Code>& s) noexcept {
                                        return s.select(src + a, n, ss[axis], kth, nk, out + b, os[ndim - 1], nt);
                                      });
  }
};

}  // namespace

Status sort_lanes(int dtype, int kind, int ndim, const int64_t* shape, const int64_t* strides, char* data,
                  int axis) noexcept {
  return by_dtype<SortOp>(dtype, kind, ndim, shape, strides, data, axis);
}

Status argsort_lanes(int dtype, int kind, int ndim, const int64_t* shape, const int64_t* src_strides, const char* src,
                     const int64_t* out_strides, char* out, int axis) noexcept {
  return by_dtype<ArgsortOp>(dtype, kind, ndim, shape, src_strides, src, out_strides, out, axis);
}

Status partition_lanes(int dtype, int ndim, const int64_t* shape, const int64_t* strides, char* data, int axis,
                       const int64_t* kth, int64_t nk) noexcept {
  return by_dtype<PartitionOp>(dtype, ndim, shape, strides, data, strides, static_cast<char*>(nullptr), axis, kth, nk, false);
}

Status argpartition_lanes(int dtype, int ndim, const int64_t* shape, const int64_t* src_strides, const char* src,
                          const int64_t* out_strides, char* out, int axis, const int64_t* kth, int64_t nk) noexcept {
  // The source is only read when indices are wanted.
  return by_dtype<PartitionOp>(dtype, ndim, shape, src_strides, const_cast<char*>(src), out_strides, out, axis, kth, nk,
                               true);
}

Status select_lanes(int dtype, int ndim, const int64_t* shape, const int64_t* src_strides, const char* src, int axis,
                    const int64_t* kth, int64_t nk, const int64_t* out_strides, char* out) noexcept {
  return by_dtype<SelectOp>(dtype, ndim, shape, src_strides, src, axis, kth, nk, out_strides, out);
}

}  // namespace numnode
