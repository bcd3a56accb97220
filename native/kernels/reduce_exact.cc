// The reductions whose result does not depend on the order of operations, so
// that threads may split the work any way: integer sum and prod (arithmetic
// modulo 2^64, then wrapped to the output width), min, max, nanmin, nanmax, all,
// any, argmin, argmax (first occurrence; the first NaN wins) and count (non-NaN).
//
// Choices that make min/max order-independent (and equal to the TypeScript
// backend's Math.min/Math.max): NaN propagates (nanmin/nanmax skip it and give
// NaN only when a whole output is NaN), and +0.0 counts as larger than -0.0
// (IEEE 754-2019 maximum/minimum). NumPy's own sign of a zero max depends on its
// SIMD lane order.
#include <atomic>
#include <limits>
#include <new>

#include "reduce_impl.h"

namespace numnode::reduce_detail {

namespace {

template <int D>
using TOf = typename DTypeOf<D>::type;

template <int D>
constexpr bool kFloat = DTypeOf<D>::kind == 'f';

// ---- the states ---------------------------------------------------------------------
// Each has: update(x, i) for one element at sequence position i; run(p, n, base)
// for n contiguous elements from position base; merge(later) with the state of
// the positions that follow; done() when further elements cannot change it;
// store(out, dout).

template <int D, bool Prod>
struct IntAcc {
  using T = TOf<D>;
  uint64_t acc = Prod ? 1 : 0;
  static inline uint64_t u(T x) noexcept {
    if constexpr (DTypeOf<D>::kind == 'b') return x != 0 ? 1 : 0;
    else if constexpr (DTypeOf<D>::kind == 'i') return static_cast<uint64_t>(static_cast<int64_t>(x));
    else return static_cast<uint64_t>(x);
  }
  inline void update(T x, int64_t) noexcept {
    if constexpr (Prod) acc *= u(x);
    else acc += u(x);
  }
  inline void run(const T* p, int64_t n, int64_t) noexcept {
    uint64_t a = acc;  // a local accumulator: the compiler vectorises the reduction
    if constexpr (Prod) {
      for (int64_t i = 0; i < n; ++i) a *= u(p[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) a += u(p[i]);
    }
    acc = a;
  }
  inline void merge(const IntAcc& o) noexcept {
    if constexpr (Prod) acc *= o.acc;
    else acc += o.acc;
  }
  inline bool done() const noexcept { return false; }
  inline void store(char* p, int dout) const noexcept { store_int(p, dout, acc); }
};

// min / max (IsMax), propagating NaN or ignoring it (SkipNan).
template <int D, bool IsMax, bool SkipNan>
struct Extreme {
  using T = TOf<D>;
  static constexpr T init() noexcept {
    if constexpr (kFloat<D>) return IsMax ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    else return IsMax ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
  }
  T m = init();
  bool nan = false;    // a NaN was seen
  bool valid = false;  // a number was seen (nan*)
  bool zero = false;   // max: a +0.0 was seen; min: a -0.0 was seen
  static inline bool better(T x, T m) noexcept { return IsMax ? x > m : x < m; }
  static inline bool zero_kind(T x) noexcept {
    if constexpr (kFloat<D>) return x == 0 && (std::signbit(x) != IsMax);
    else return false;
  }
  inline void update(T x, int64_t) noexcept {
    if constexpr (kFloat<D>) {
      if (x != x) {
        nan = true;
        return;
      }
      valid = true;
      zero |= zero_kind(x);
    }
    if (better(x, m)) m = x;
  }
  inline void run(const T* p, int64_t n, int64_t base) noexcept {
    int64_t i = 0;
    if constexpr (kFloat<D>) {
      using I = std::conditional_t<sizeof(T) == 8, int64_t, int32_t>;
      constexpr int N = kLanesPerVec<T>;
      constexpr int K = 4;
      using V = Vec<T, N>;
      using VI = Vec<I, N>;
      V vm[K];
      VI vnan[K], vvalid[K], vzero[K];
      for (int k = 0; k < K; ++k) {
        vm[k] = splat<V>(m);
        vnan[k] = VI{};
        vvalid[k] = VI{};
        vzero[k] = VI{};
      }
      // The bit pattern of the zero that wins a tie: +0.0 for max, -0.0 for min.
      const VI zbits = splat<VI>(IsMax ? I(0) : std::numeric_limits<I>::min());
      for (; i + K * N <= n; i += K * N) {
        for (int k = 0; k < K; ++k) {
          V x;
          std::memcpy(&x, p + i + k * N, sizeof x);
          // (x > m ? x : m) is exactly maxpd(x, m): NaN never enters m; NaN and
          // the winning zero's sign are tracked on the side.
          vm[k] = IsMax ? (x > vm[k] ? x : vm[k]) : (x < vm[k] ? x : vm[k]);
          if constexpr (SkipNan) vvalid[k] |= (x == x);
          else vnan[k] |= (x != x);
          vzero[k] |= (reinterpret_cast<VI>(x) == zbits);
        }
      }
      for (int k = 0; k < K; ++k) {
        for (int j = 0; j < N; ++j) {
          if (better(vm[k][j], m)) m = vm[k][j];
          nan |= vnan[k][j] != 0;
          valid |= vvalid[k][j] != 0;
          zero |= vzero[k][j] != 0;
        }
      }
    } else {
      T a = m;
      for (int64_t j = 0; j < n; ++j) a = better(p[j], a) ? p[j] : a;
      m = a;
      i = n;
    }
    for (; i < n; ++i) update(p[i], base + i);
  }
  inline void merge(const Extreme& o) noexcept {
    if (better(o.m, m)) m = o.m;
    nan |= o.nan;
    valid |= o.valid;
    zero |= o.zero;
  }
  inline bool done() const noexcept { return kFloat<D> && !SkipNan && nan; }
  inline T result() const noexcept {
    if constexpr (kFloat<D>) {
      if (SkipNan ? !valid : nan) return std::numeric_limits<T>::quiet_NaN();
      if (m == 0) return (zero == IsMax) ? T(0) : -T(0);
    }
    return m;
  }
  inline void store(char* p, int) const noexcept {
    const T r = result();
    std::memcpy(p, &r, sizeof r);
  }
};

// all (IsAll) / any of x != 0 (NaN is nonzero, -0.0 is zero).
template <int D, bool IsAll>
struct Flag {
  using T = TOf<D>;
  bool f = IsAll;
  inline void update(T x, int64_t) noexcept {
    if constexpr (IsAll) f = f && (x != 0);
    else f = f || (x != 0);
  }
  inline void run(const T* p, int64_t n, int64_t) noexcept {
    // Blocks: a vectorised count per block, then an early exit between blocks.
    for (int64_t b = 0; b < n && !done(); b += 4096) {
      const int64_t e = std::min(n, b + 4096);
      int64_t nz = 0;
      for (int64_t i = b; i < e; ++i) nz += p[i] != 0;
      if constexpr (IsAll) f = f && nz == e - b;
      else f = f || nz > 0;
    }
  }
  inline void merge(const Flag& o) noexcept {
    if constexpr (IsAll) f = f && o.f;
    else f = f || o.f;
  }
  inline bool done() const noexcept { return IsAll ? !f : f; }
  inline void store(char* p, int) const noexcept { *reinterpret_cast<uint8_t*>(p) = f ? 1 : 0; }
};

// argmin / argmax: the position of the first extreme, or of the first NaN.
template <int D, bool IsMax>
struct Arg {
  using T = TOf<D>;
  T best{};
  int64_t idx = 0;
  bool have = false;
  bool nan = false;
  int64_t nanidx = 0;
  inline void update(T x, int64_t i) noexcept {
    if constexpr (kFloat<D>) {
      if (x != x) {
        if (!nan) {
          nan = true;
          nanidx = i;
        }
        return;
      }
    }
    if (!have || (IsMax ? x > best : x < best)) {
      best = x;
      idx = i;
      have = true;
    }
  }
  inline void run(const T* p, int64_t n, int64_t base) noexcept {
    // Per block: the extreme value (vectorised), and only when it beats the best
    // so far, a scan for its first position; NaN ends everything.
    constexpr int64_t B = 1024;
    for (int64_t b = 0; b < n && !nan; b += B) {
      const int64_t e = std::min(n, b + B);
      Extreme<D, IsMax, false> ex;
      ex.run(p + b, e - b, base + b);
      if (ex.nan) {
        for (int64_t i = b; i < e; ++i) {
          if (p[i] != p[i]) {
            nan = true;
            nanidx = base + i;
            break;
          }
        }
        return;
      }
      const T bm = ex.m;
      if (!have || (IsMax ? bm > best : bm < best)) {
        for (int64_t i = b; i < e; ++i) {
          if (p[i] == bm) {
            best = p[i];
            idx = base + i;
            have = true;
            break;
          }
        }
      }
    }
  }
  inline void merge(const Arg& o) noexcept {
    if (nan) return;
    if (o.nan) {
      nan = true;
      nanidx = o.nanidx;
      return;
    }
    if (o.have && (!have || (IsMax ? o.best > best : o.best < best))) {
      best = o.best;
      idx = o.idx;
      have = true;
    }
  }
  inline bool done() const noexcept { return nan; }
  inline void store(char* p, int) const noexcept {
    const int64_t r = nan ? nanidx : idx;
    std::memcpy(p, &r, 8);
  }
};

template <int D>
struct Count {
  using T = TOf<D>;
  int64_t c = 0;
  inline void update(T x, int64_t) noexcept { c += (x == x); }
  inline void run(const T* p, int64_t n, int64_t) noexcept {
    int64_t a = 0;
    for (int64_t i = 0; i < n; ++i) a += (p[i] == p[i]);
    c += a;
  }
  inline void merge(const Count& o) noexcept { c += o.c; }
  inline bool done() const noexcept { return false; }
  inline void store(char* p, int) const noexcept { std::memcpy(p, &c, 8); }
};

// ---- drivers ----------------------------------------------------------------------------

// Positions [s, e) of the sequence that starts at xo.
template <class S, class T>
inline void run_range(S& st, const Plan& P, const char* xo, int64_t s, int64_t e) noexcept {
  if (P.nr == 1 && P.rx[0] == P.isz) {
    st.run(reinterpret_cast<const T*>(xo) + s, e - s, s);
    return;
  }
  SeqCursor cur;
  cur.seek(P, s);
  const int in = P.nr - 1;
  const int64_t rs = P.rx[in];
  int64_t pos = s;
  while (pos < e && !st.done()) {
    const int64_t len = std::min(P.rshape[in] - cur.idx[in], e - pos);
    const char* q = xo + cur.off;
    if (rs == P.isz) {
      st.run(reinterpret_cast<const T*>(q), len, pos);
    } else {
      for (int64_t j = 0; j < len; ++j) {
        T v;
        std::memcpy(&v, q + j * rs, sizeof v);
        st.update(v, pos + j);
      }
    }
    pos += len;
    // Move the cursor to the last element of this run, then one step on.
    cur.idx[in] += len - 1;
    cur.off += (len - 1) * rs;
    cur.next();
  }
}

template <class S, class T>
Status run_sequences(const ReduceArgs& a, const Plan& P) noexcept {
  const int64_t nout = P.nout, n = P.n;
  const int nt = threads_for(nout * n);
  if (nt > 1 && nout < 2 * nt && n >= 2 * 4096) {
    // Few long sequences: each is cut into chunks, whose states merge in order.
    const int64_t chunks = 4 * static_cast<int64_t>(nt);
    S* st = static_cast<S*>(std::malloc(sizeof(S) * static_cast<size_t>(nout * chunks)));
    if (st == nullptr) return Status::NoMemory;
    par_for(nout * chunks, true, [&](int64_t b, int64_t e) noexcept {
      for (int64_t it = b; it < e; ++it) {
        const int64_t o = it / chunks, k = it % chunks;
        const OutOffsets off = out_offsets(P, P.nk, o);
        new (&st[it]) S();
        run_range<S, T>(st[it], P, P.x + off.x, n * k / chunks, n * (k + 1) / chunks);
      }
    });
    for (int64_t o = 0; o < nout; ++o) {
      S s = st[o * chunks];
      for (int64_t k = 1; k < chunks && !s.done(); ++k) s.merge(st[o * chunks + k]);
      const OutOffsets off = out_offsets(P, P.nk, o);
      s.store(P.out + off.o, a.dout);
    }
    std::free(st);
    return Status::Ok;
  }
  par_for(nout, nt > 1, [&](int64_t b, int64_t e) noexcept {
    for (int64_t o = b; o < e; ++o) {
      const OutOffsets off = out_offsets(P, P.nk, o);
      S s;
      run_range<S, T>(s, P, P.x + off.x, 0, n);
      s.store(P.out + off.o, a.dout);
    }
  });
  return Status::Ok;
}

// One reduced axis over contiguous columns: a state per column, rows read whole.
template <class S, class T>
Status run_columns(const ReduceArgs& a, const Plan& P) noexcept {
  constexpr int64_t W = 256;
  const int nk = P.nk;
  const int64_t L = P.kshape[nk - 1];
  const int64_t tiles = (L + W - 1) / W;
  const int64_t groups = (P.nout / L) * tiles;
  const int nt = threads_for(P.nout * P.n);
  std::atomic<bool> oom{false};
  par_for(groups, nt > 1, [&](int64_t b, int64_t e) noexcept {
    S* st = static_cast<S*>(std::malloc(sizeof(S) * W));
    if (st == nullptr) {
      oom = true;
      return;
    }
    for (int64_t g = b; g < e; ++g) {
      const int64_t q = g / tiles, c0 = (g % tiles) * W;
      const int64_t w = std::min(W, L - c0);
      const OutOffsets off = out_offsets(P, nk - 1, q);
      const char* x0 = P.x + off.x + c0 * P.isz;
      for (int64_t c = 0; c < w; ++c) new (&st[c]) S();
      for (int64_t r = 0; r < P.n; ++r) {
        const T* row = reinterpret_cast<const T*>(x0 + r * P.rx[0]);
        for (int64_t c = 0; c < w; ++c) st[c].update(row[c], r);
      }
      for (int64_t c = 0; c < w; ++c) st[c].store(P.out + off.o + (c0 + c) * P.ko[nk - 1], a.dout);
    }
    std::free(st);
  });
  return oom ? Status::NoMemory : Status::Ok;
}

template <class S, class T>
Status run(const ReduceArgs& a, const Plan& P) noexcept {
  const bool contig = P.nr == 1 && P.rx[0] == P.isz;
  const int nt = threads_for(P.nout * P.n);
  const bool columns = !contig && P.nr == 1 && P.nk >= 1 && P.kx[P.nk - 1] == P.isz &&
                       P.kshape[P.nk - 1] >= 8 && P.nout / P.kshape[P.nk - 1] * ((P.kshape[P.nk - 1] + 255) / 256) >= nt;
  return columns ? run_columns<S, T>(a, P) : run_sequences<S, T>(a, P);
}

template <int D>
Status dispatch(const ReduceArgs& a, const Plan& P) noexcept {
  using T = TOf<D>;
  switch (a.op) {
    case kReduce_sum:
      if constexpr (!kFloat<D>) return run<IntAcc<D, false>, T>(a, P);
      break;
    case kReduce_prod:
      if constexpr (!kFloat<D>) return run<IntAcc<D, true>, T>(a, P);
      break;
    case kReduce_min: return run<Extreme<D, false, false>, T>(a, P);
    case kReduce_max: return run<Extreme<D, true, false>, T>(a, P);
    case kReduce_nanmin:
      if constexpr (kFloat<D>) return run<Extreme<D, false, true>, T>(a, P);
      break;
    case kReduce_nanmax:
      if constexpr (kFloat<D>) return run<Extreme<D, true, true>, T>(a, P);
      break;
    case kReduce_all: return run<Flag<D, true>, T>(a, P);
    case kReduce_any: return run<Flag<D, false>, T>(a, P);
    case kReduce_argmin: return run<Arg<D, false>, T>(a, P);
    case kReduce_argmax: return run<Arg<D, true>, T>(a, P);
    case kReduce_count:
      if constexpr (kFloat<D>) return run<Count<D>, T>(a, P);
      break;
    default: break;
  }
  return Status::BadDType;
}

}  // namespace

Status reduce_exact(const ReduceArgs& a, const Plan& P) noexcept {
  Status st = Status::BadDType;
  with_dtype(a.din, [&](auto d) noexcept { st = dispatch<decltype(d)::value>(a, P); });
  return st;
}

}  // namespace numnode::reduce_detail
