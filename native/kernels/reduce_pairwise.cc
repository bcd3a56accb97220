// The floating-point reductions whose result depends on the order of operations:
// sum, nansum, sumsqdev (the numerator of var/std) and prod into a float dtype.
// They all follow the summation tree described in reduce.h, which
// src/backend/js/reduce.ts implements too: same tree, same bits.
//
// Hazards:
//  - contraction: a*b + c must not become one fused multiply-add, since the
//    TypeScript backend rounds twice (this file is compiled with fp-contract=off,
//    see the pragma; -ffast-math style reassociation is never enabled);
//  - the vector code keeps the lane semantics exactly: lane j of a vector
//    accumulator is accumulator j of the tree, whatever the hardware width;
//  - float32 sums accumulate in float64 (rounded once at the end): more accurate
//    than NumPy's float32 accumulation, and exact to emulate in JavaScript;
//    float32 products stay float32 (as NumPy's: a product's relative error does
//    not grow with cancellation, and a float64 product would hide float32
//    overflow).
#pragma GCC optimize("fp-contract=off")

#include <atomic>

#include "reduce_impl.h"

namespace numnode::reduce_detail {

namespace {

enum FKind : int { kSum, kNanSum, kSqDev, kProd };

constexpr int kMaxLevels = 64;  // counter levels: n / 128 < 2^53 needs at most 46
// Columns per tile of the column (axis=0) kernel: wide, so that a tile's leaves
// cover long stretches of each row, while the tile's counter (levels_for(rows)
// rows of the tile) stays small; at most one tile per thread when the row is
// narrower than that.
constexpr int64_t kColTileMax = 1024;
constexpr int64_t kColTileMin = 64;

template <class A, int K>
struct FOp {
  static constexpr A id() noexcept { return K == kProd ? A(1) : A(0); }
  static inline A comb(A x, A y) noexcept {
    if constexpr (K == kProd) return x * y;
    else return x + y;
  }
  template <class V>
  static inline V combv(V x, V y) noexcept {
    if constexpr (K == kProd) return x * y;
    else return x + y;
  }
  // The element as it enters the tree: NaN -> 0 (nansum), (x - c)^2 (sumsqdev).
  static inline A xf(A v, A c) noexcept {
    if constexpr (K == kNanSum) {
      return v == v ? v : A(0);
    } else if constexpr (K == kSqDev) {
      const A d = v - c;
      return d * d;
    } else {
      return v;
    }
  }
  template <class V>
  static inline V xfv(V v, V c) noexcept {
    if constexpr (K == kNanSum) {
      // (v == v) is all-ones for numbers, zero for NaN: masking gives +0.0.
      using I = decltype(v == v);
      return reinterpret_cast<V>(reinterpret_cast<I>(v) & (v == v));
    } else if constexpr (K == kSqDev) {
      const V d = v - c;
      return d * d;
    } else {
      return v;
    }
  }
};

// The operation that combines partials (nansum and sumsqdev add).
constexpr int comb_kind(int K) { return K == kProd ? kProd : kSum; }

// Halving tree over the first `valid` lanes; the others hold the identity, and
// combining with the identity is exact (lanes never hold -0.0 in a sum, since
// they start at +0.0), so skipping them gives the bits of the full 16-lane tree.
template <class A, int C>
inline A lane_tree(A* l, int valid) noexcept {
  for (int w = kReduceLanes / 2; w >= 1; w /= 2) {
    for (int k = 0; k < w && k + w < valid; ++k) l[k] = FOp<A, C>::comb(l[k], l[k + w]);
    valid = std::min(valid, w);
  }
  return l[0];
}

// The same halving tree on lanes held in vectors: first across the NV vectors
// (vector j + NV/2 holds lanes 8 apart from vector j), then inside one vector,
// half against half. Lane for lane the additions of lane_tree(l, 16).
template <class A, int C, int N>
__attribute__((always_inline)) inline A vec_tree(Vec<A, N> v) noexcept {
  if constexpr (N == 1) {
    return v[0];
  } else {
    Vec<A, N / 2> lo, hi;
    std::memcpy(&lo, &v, sizeof lo);
    std::memcpy(&hi, reinterpret_cast<const char*>(&v) + sizeof lo, sizeof hi);
    return vec_tree<A, C, N / 2>(FOp<A, C>::combv(lo, hi));
  }
}

template <class A, int C, int N, int NV>
__attribute__((always_inline)) inline A lanes_tree(const Vec<A, N>* acc) noexcept {
  if constexpr (NV == 1) {
    return vec_tree<A, C, N>(acc[0]);
  } else {
    Vec<A, N> t[NV / 2];
    for (int j = 0; j < NV / 2; ++j) t[j] = FOp<A, C>::combv(acc[j], acc[j + NV / 2]);
    return lanes_tree<A, C, N, NV / 2>(t);
  }
}

// One leaf (m <= kReduceLeaf elements, contiguous): element i into lane i % 16.
template <int D, class A, int K>
inline A leaf_contig(const typename DTypeOf<D>::type* p, int64_t m, A c) noexcept {
  using Op = FOp<A, K>;
  constexpr int C = comb_kind(K);
  A l[kReduceLanes];
  if (m < kReduceLanes) {  // one element per lane at most
    for (int j = 0; j < m; ++j) l[j] = Op::comb(Op::id(), Op::xf(conv<D, A>(p[j]), c));
    return m == 0 ? Op::id() : lane_tree<A, C>(l, static_cast<int>(m));
  }
  constexpr int N = kLanesPerVec<A>;
  constexpr int NV = kReduceLanes / N;
  using V = Vec<A, N>;
  V acc[NV];
  for (int j = 0; j < NV; ++j) acc[j] = splat<V>(Op::id());
  const V cv = splat<V>(c);
  int64_t i = 0;
  for (; i + kReduceLanes <= m; i += kReduceLanes)
    for (int j = 0; j < NV; ++j) acc[j] = Op::combv(acc[j], Op::xfv(loadv<D, A, N>(p + i + j * N), cv));
  if (i < m) {  // a partial leaf: the last elements into lanes 0.. one by one
    std::memcpy(l, acc, sizeof l);
    for (int j = 0; i + j < m; ++j) l[j] = Op::comb(l[j], Op::xf(conv<D, A>(p[i + j]), c));
    std::memcpy(acc, l, sizeof l);
  }
  return lanes_tree<A, C, N, NV>(acc);
}

// The binary counter over leaf partials (one sequence).
template <class A, int C>
struct Counter {
  A st[kMaxLevels];
  int top = 0;
  uint64_t count = 0;  // in leaves
  // `level`: the partial covers 2^level leaves and count is a multiple of that.
  inline void push(A v, int level) noexcept {
    uint64_t c = count >> level;
    while (c & 1) {
      v = FOp<A, C>::comb(st[--top], v);
      c >>= 1;
    }
    st[top++] = v;
    count += uint64_t{1} << level;
  }
  inline A fold() const noexcept {
    if (top == 0) return FOp<A, C>::id();
    A r = st[top - 1];
    for (int i = top - 2; i >= 0; --i) r = FOp<A, C>::comb(st[i], r);
    return r;
  }
};

// W sequences side by side (the columns of a tile): the same counter, one value
// per column at each level. Every column has the same length, so one count
// serves all.
template <class A, int C>
struct ColCounter {
  A* st;  // levels x W
  int64_t W = 0;  // row pitch of st
  int top = 0;
  uint64_t count = 0;
  int64_t w = 0;  // columns in use
  inline A* slot() noexcept { return st + top * W; }
  // Pushes what was written into slot().
  inline void commit(int level) noexcept {
    uint64_t c = count >> level;
    A* s = st + top * W;
    while (c & 1) {
      A* below = s - W;
      for (int64_t j = 0; j < w; ++j) below[j] = FOp<A, C>::comb(below[j], s[j]);
      s = below;
      --top;
      c >>= 1;
    }
    ++top;
    count += uint64_t{1} << level;
  }
  inline void fold(A* r) const noexcept {
    if (top == 0) {
      for (int64_t j = 0; j < w; ++j) r[j] = FOp<A, C>::id();
      return;
    }
    const A* t = st + (top - 1) * W;
    for (int64_t j = 0; j < w; ++j) r[j] = t[j];
    for (int i = top - 2; i >= 0; --i) {
      const A* s = st + i * W;
      for (int64_t j = 0; j < w; ++j) r[j] = FOp<A, C>::comb(s[j], r[j]);
    }
  }
};

// Counter levels needed for n elements: one per bit of the leaf count, plus the
// entry being pushed.
inline int levels_for(int64_t n) noexcept {
  int l = 1;
  for (int64_t leaves = (n + kReduceLeaf - 1) / kReduceLeaf; leaves > 0; leaves >>= 1) ++l;
  return std::min(l + 1, kMaxLevels);
}

// Whole superblocks of 2^lsb leaves that threads may compute independently.
struct Split {
  int lsb = 0;
  int64_t nsb = 0;  // full superblocks per sequence (0: no split)
};

// Splits the sequences when there are too few of them to keep the threads busy.
// The result does not depend on the choice (see reduce.h), only the speed does.
inline Split choose_split(int64_t groups, int64_t n, int nt) noexcept {
  Split s;
  if (nt <= 1 || groups >= 2 * nt) return s;
  const int64_t want = 8 * static_cast<int64_t>(nt);  // items, for balance
  int lsb = 4;                                         // >= 2048 elements per item
  if (groups * (n >> (lsb + 7)) < 2 * nt) return s;
  while (lsb < 40 && groups * (n >> (lsb + 8)) >= want) ++lsb;
  s.lsb = lsb;
  s.nsb = n >> (lsb + 7);
  return s;
}

inline void store_float(char* p, int dout, double v) noexcept {
  if (dout == kDType_float32) {
    const float f = static_cast<float>(v);
    std::memcpy(p, &f, 4);
  } else {
    std::memcpy(p, &v, 8);
  }
}

// The final value: divided (mean, var), square-rooted (std), rounded to dout.
template <class A>
inline void finish(const ReduceArgs& a, char* p, A v) noexcept {
  double r = static_cast<double>(v) / a.divisor;
  if (a.post == 1) r = std::sqrt(r);
  store_float(p, a.dout, r);
}

template <class A>
inline A center_of(const Plan& P, int64_t aoff) noexcept {
  if (P.aux == nullptr) return A(0);
  double c;
  std::memcpy(&c, P.aux + aoff, 8);
  return static_cast<A>(c);
}

// ---- one sequence per output: contiguous, or gathered through a cursor -------------

template <int D, class A, int K>
struct SeqSource {
  using T = typename DTypeOf<D>::type;
  const Plan* P;
  const char* xo;  // the output's element 0 in x
  A c;
  bool contig;
  A buf[kReduceLeaf];
  SeqCursor cur;
  inline A leaf(int64_t pos, int64_t m) noexcept {
    if (contig) return leaf_contig<D, A, K>(reinterpret_cast<const T*>(xo) + pos, m, c);
    // Gather the leaf (already transformed), then sum it as plain values.
    cur.seek(*P, pos);
    for (int64_t j = 0; j < m; ++j) {
      T v;
      std::memcpy(&v, xo + cur.off, sizeof v);
      buf[j] = FOp<A, K>::xf(conv<D, A>(v), c);
      cur.next();
    }
    constexpr int DA = std::is_same_v<A, float> ? kDType_float32 : kDType_float64;
    return leaf_contig<DA, A, comb_kind(K)>(buf, m, A(0));
  }
};

template <int D, class A, int K>
Status run_sequences(const ReduceArgs& a, const Plan& P) noexcept {
  constexpr int C = comb_kind(K);
  const bool contig = P.nr == 1 && P.rx[0] == P.isz;
  const int64_t nout = P.nout, n = P.n;
  const int nt = threads_for(nout * n);
  const Split sp = choose_split(nout, n, nt);
  const int64_t sb = sp.nsb > 0 ? (kReduceLeaf << sp.lsb) : 0;
  A* parts = nullptr;
  if (sp.nsb > 0) {
    parts = static_cast<A*>(std::malloc(sizeof(A) * static_cast<size_t>(nout * sp.nsb)));
    if (parts == nullptr) return Status::NoMemory;
    par_for(nout * sp.nsb, true, [&](int64_t b, int64_t e) noexcept {
      SeqSource<D, A, K> src;
      src.P = &P;
      src.contig = contig;
      for (int64_t it = b; it < e; ++it) {
        const int64_t o = it / sp.nsb, s = it % sp.nsb;
        const OutOffsets off = out_offsets(P, P.nk, o);
        src.xo = P.x + off.x;
        src.c = center_of<A>(P, off.a);
        Counter<A, C> ctr;
        for (int64_t pos = s * sb; pos < (s + 1) * sb; pos += kReduceLeaf) ctr.push(src.leaf(pos, kReduceLeaf), 0);
        parts[it] = ctr.fold();  // a whole aligned subtree: one entry
      }
    });
  }
  par_for(nout, nt > 1, [&](int64_t b, int64_t e) noexcept {
    SeqSource<D, A, K> src;
    src.P = &P;
    src.contig = contig;
    for (int64_t o = b; o < e; ++o) {
      const OutOffsets off = out_offsets(P, P.nk, o);
      src.xo = P.x + off.x;
      src.c = center_of<A>(P, off.a);
      A v;
      if (n <= kReduceLeaf && sp.nsb == 0) {
        v = src.leaf(0, n);  // one leaf: the counter would hand it back unchanged
      } else {
        Counter<A, C> ctr;
        for (int64_t s = 0; s < sp.nsb; ++s) ctr.push(parts[o * sp.nsb + s], sp.lsb);
        for (int64_t pos = sp.nsb * sb; pos < n; pos += kReduceLeaf) ctr.push(src.leaf(pos, std::min(kReduceLeaf, n - pos)), 0);
        v = ctr.fold();
      }
      finish(a, P.out + off.o, v);
    }
  });
  std::free(parts);
  return Status::Ok;
}

// ---- one reduced axis over contiguous columns (axis=0 of a C-ordered array) -------
// A leaf of a tile is summed strip by strip: the 16 lanes of a few columns live in
// vector registers while the leaf's rows stream past, lane r % 16 taking row r, as
// a column walk would. Per column that is the tree of leaf_contig, bit for bit; the
// rows of a leaf (128 x 64 bytes) stay in L1 between strips. Measured on 2 threads,
// best of 60 calls in each of 4 interleaved rounds, against 16 lanes x W columns in
// memory: sum(axis=0) of 5000x1000 float64 1.85-1.90 -> 1.11-1.62 ms, of 300000x9
// 0.59-0.75 -> 0.30-0.40 ms; float32 (lanes in float64) 0.83-0.99 -> 0.61-1.36 ms.

template <int D, class A, int K>
struct ColSource {
  using T = typename DTypeOf<D>::type;
  const char* x0;  // first column of the tile, row 0
  int64_t rs;      // row stride (bytes)
  int64_t w;       // columns in the tile
  A* ctr;          // w centers
  // Leaf sums of rows [r0, r0 + m) into dst[0..w).
  inline void leaf(int64_t r0, int64_t m, A* dst) const noexcept {
    constexpr int N = kLanesPerVec<A>;
    int64_t c = 0;
    for (; c + 2 * N <= w; c += 2 * N) strip<2 * N>(r0, m, c, dst);
    for (; c + N <= w; c += N) strip<N>(r0, m, c, dst);
    for (; c < w; ++c) strip<1>(r0, m, c, dst);
  }
  // Columns [c, c + N) of the leaf.
  template <int N>
  inline void strip(int64_t r0, int64_t m, int64_t c, A* dst) const noexcept {
    using Op = FOp<A, K>;
    constexpr int C = comb_kind(K);
    using V = Vec<A, N>;
    V acc[kReduceLanes];
    for (int j = 0; j < kReduceLanes; ++j) acc[j] = splat<V>(Op::id());
    V cv;
    std::memcpy(&cv, ctr + c, sizeof cv);
    const char* base = x0 + r0 * rs + c * static_cast<int64_t>(sizeof(T));
    auto row = [&](int64_t r) noexcept { return Op::xfv(loadv<D, A, N>(reinterpret_cast<const T*>(base + r * rs)), cv); };
    int64_t r = 0;
    for (; r + kReduceLanes <= m; r += kReduceLanes)
      for (int j = 0; j < kReduceLanes; ++j) acc[j] = Op::combv(acc[j], row(r + j));
    for (int j = 0; r + j < m; ++j) acc[j] = Op::combv(acc[j], row(r + j));
    int v = static_cast<int>(std::min<int64_t>(m, kReduceLanes));
    for (int hw = kReduceLanes / 2; hw >= 1; hw /= 2) {
      for (int k = 0; k < hw && k + hw < v; ++k) acc[k] = FOp<A, C>::combv(acc[k], acc[k + hw]);
      v = std::min(v, hw);
    }
    std::memcpy(dst + c, &acc[0], sizeof(V));
  }
};

template <int D, class A, int K>
Status run_columns(const ReduceArgs& a, const Plan& P) noexcept {
  constexpr int C = comb_kind(K);
  const int nk = P.nk;
  const int64_t L = P.kshape[nk - 1];
  const int64_t outer = P.nout / L;
  const int64_t n = P.n;
  const int nt = threads_for(P.nout * n);
  // Tile width: whole rows when possible, split so that every thread gets a tile.
  const int64_t per_thread = (L * outer + nt - 1) / nt;
  int64_t W = std::min<int64_t>(kColTileMax, std::max<int64_t>(kColTileMin, (outer >= nt ? L : per_thread)));
  W = std::min(W, L);
  W = (W + 7) / 8 * 8;
  const int64_t tiles = (L + W - 1) / W;
  const int64_t groups = outer * tiles;
  const Split sp = choose_split(groups, n, nt);
  const int64_t sb = sp.nsb > 0 ? (kReduceLeaf << sp.lsb) : 0;
  const int levels = levels_for(n);
  std::atomic<bool> oom{false};
  // counter levels, the folded result, the centers
  const size_t scratch = sizeof(A) * static_cast<size_t>((levels + 2) * W);

  auto setup = [&](ColSource<D, A, K>& src, A* mem, int64_t g, OutOffsets* off_out) noexcept {
    const int64_t q = g / tiles, t = g % tiles;
    OutOffsets off = out_offsets(P, nk - 1, q);
    const int64_t c0 = t * W;
    src.ctr = mem + (levels + 1) * W;
    src.w = std::min(W, L - c0);
    src.rs = P.rx[0];
    src.x0 = P.x + off.x + c0 * P.kx[nk - 1];
    for (int64_t c = 0; c < src.w; ++c) src.ctr[c] = center_of<A>(P, off.a + (c0 + c) * P.ka[nk - 1]);
    off.o += c0 * P.ko[nk - 1];
    *off_out = off;
  };

  A* parts = nullptr;
  if (sp.nsb > 0) {
    parts = static_cast<A*>(std::malloc(sizeof(A) * static_cast<size_t>(groups * sp.nsb * W)));
    if (parts == nullptr) return Status::NoMemory;
    par_for(groups * sp.nsb, true, [&](int64_t b, int64_t e) noexcept {
      A* mem = static_cast<A*>(std::malloc(scratch));
      if (mem == nullptr) {
        oom = true;
        return;
      }
      ColSource<D, A, K> src;
      ColCounter<A, C> cc;
      cc.st = mem;
      cc.W = W;
      for (int64_t it = b; it < e; ++it) {
        const int64_t g = it / sp.nsb, s = it % sp.nsb;
        OutOffsets off;
        setup(src, mem, g, &off);
        cc.top = 0;
        cc.count = 0;
        cc.w = src.w;
        for (int64_t r = s * sb; r < (s + 1) * sb; r += kReduceLeaf) {
          src.leaf(r, kReduceLeaf, cc.slot());
          cc.commit(0);
        }
        cc.fold(parts + it * W);
      }
      std::free(mem);
    });
  }
  if (!oom) {
    par_for(groups, nt > 1, [&](int64_t b, int64_t e) noexcept {
      A* mem = static_cast<A*>(std::malloc(scratch));
      if (mem == nullptr) {
        oom = true;
        return;
      }
      ColSource<D, A, K> src;
      ColCounter<A, C> cc;
      cc.st = mem;
      cc.W = W;
      A* res = mem + levels * W;
      for (int64_t g = b; g < e; ++g) {
        OutOffsets off;
        setup(src, mem, g, &off);
        cc.top = 0;
        cc.count = 0;
        cc.w = src.w;
        for (int64_t s = 0; s < sp.nsb; ++s) {
          std::memcpy(cc.slot(), parts + (g * sp.nsb + s) * W, sizeof(A) * static_cast<size_t>(src.w));
          cc.commit(sp.lsb);
        }
        for (int64_t r = sp.nsb * sb; r < n; r += kReduceLeaf) {
          src.leaf(r, std::min(kReduceLeaf, n - r), cc.slot());
          cc.commit(0);
        }
        cc.fold(res);
        for (int64_t c = 0; c < src.w; ++c) finish(a, P.out + off.o + c * P.ko[nk - 1], res[c]);
      }
      std::free(mem);
    });
  }
  std::free(parts);
  return oom ? Status::NoMemory : Status::Ok;
}

template <int D, class A, int K>
Status run(const ReduceArgs& a, const Plan& P) noexcept {
  const bool contig = P.nr == 1 && P.rx[0] == P.isz;
  // Rows of at least 8 columns: narrower tiles would spend more on the lane
  // bookkeeping than a gather does.
  const bool columns = !contig && P.nr == 1 && P.nk >= 1 && P.kx[P.nk - 1] == P.isz && P.kshape[P.nk - 1] >= 8;
  return columns ? run_columns<D, A, K>(a, P) : run_sequences<D, A, K>(a, P);
}

template <int D>
Status dispatch_kind(const ReduceArgs& a, const Plan& P) noexcept {
  constexpr bool is_float_in = DTypeOf<D>::kind == 'f';
  switch (a.op) {
    case kReduce_sum: return run<D, double, kSum>(a, P);
    case kReduce_sumsqdev: return run<D, double, kSqDev>(a, P);
    case kReduce_nansum:
      if constexpr (is_float_in) return run<D, double, kNanSum>(a, P);
      else return Status::BadDType;
    case kReduce_prod:
      if constexpr (D == kDType_float32) {
        if (a.dout == kDType_float32) return run<D, float, kProd>(a, P);
      }
      return run<D, double, kProd>(a, P);
    default: return Status::BadDType;
  }
}

}  // namespace

Status reduce_pairwise(const ReduceArgs& a, const Plan& P) noexcept {
  Status st = Status::BadDType;
  with_dtype(a.din, [&](auto d) noexcept { st = dispatch_kind<decltype(d)::value>(a, P); });
  return st;
}

}  // namespace numnode::reduce_detail
