// NumPy's random streams, bulk fills (see random.h). The algorithms are those of
// NumPy's numpy/random/src (PCG64 XSL-RR, MT19937, the 256-level ziggurats, Lemire's
// and the masked bounded integers, the legacy polar Gaussian), written for numnode;
// src/random/*.ts has the same code in TypeScript and test/random.fixtures.test.ts
// checks both against NumPy. Two things keep the streams bit-identical to NumPy's:
//  - log/log1p/log1pf/exp come from the C library, as in NumPy;
//  - no multiply-add may be fused into an FMA, since NumPy's baseline build never
//    fuses them (hence the pragma; -std=c++17 already implies fp-contract=off).
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
#include "random.h"

#include <cmath>
#include <cstring>

#include "parallel.h"
#include "ziggurat_tables.h"

namespace numnode::random {

namespace {

using u128 = unsigned __int128;

constexpr u128 kPcgMult = (static_cast<u128>(2549297995355413924ULL) << 64) | 4865540595714422341ULL;

struct Pcg {
  u128 state;
  u128 inc;
  int has_uint32;
  uint32_t uinteger;
};

Pcg load(const Pcg64Words& w) noexcept {
  Pcg p;
  p.state = (static_cast<u128>(w.w[3]) << 96) | (static_cast<u128>(w.w[2]) << 64) | (static_cast<u128>(w.w[1]) << 32) | w.w[0];
  p.inc = (static_cast<u128>(w.w[7]) << 96) | (static_cast<u128>(w.w[6]) << 64) | (static_cast<u128>(w.w[5]) << 32) | w.w[4];
  p.has_uint32 = w.w[8] != 0;
  p.uinteger = w.w[9];
  return p;
}

void store(const Pcg& p, Pcg64Words& w) noexcept {
  for (int i = 0; i < 4; ++i) {
    w.w[i] = static_cast<uint32_t>(p.state >> (32 * i));
    w.w[4 + i] = static_cast<uint32_t>(p.inc >> (32 * i));
  }
  w.w[8] = p.has_uint32 ? 1 : 0;
  w.w[9] = p.uinteger;
}

inline uint64_t next64(Pcg& p) noexcept {
  p.state = p.state * kPcgMult + p.inc;
  const uint64_t hi = static_cast<uint64_t>(p.state >> 64);
  const uint64_t x = hi ^ static_cast<uint64_t>(p.state);
  const unsigned rot = static_cast<unsigned>(hi >> 58);
  return (x >> rot) | (x << ((64 - rot) & 63));
}

inline uint32_t next32(Pcg& p) noexcept {
  if (p.has_uint32) {
    p.has_uint32 = 0;
    return p.uinteger;
  }
  const uint64_t n = next64(p);
  p.has_uint32 = 1;
  p.uinteger = static_cast<uint32_t>(n >> 32);
  return static_cast<uint32_t>(n);
}

inline double next_double(Pcg& p) noexcept { return static_cast<double>(next64(p) >> 11) * (1.0 / 9007199254740992.0); }

inline float next_float(Pcg& p) noexcept { return static_cast<float>(next32(p) >> 8) * (1.0f / 16777216.0f); }

// state after `delta` more steps (Brown's jump-ahead for LCGs), as pcg64_advance.
u128 advance(u128 state, u128 inc, u128 delta) noexcept {
  u128 cur_mult = kPcgMult, cur_plus = inc, acc_mult = 1, acc_plus = 0;
  while (delta > 0) {
    if (delta & 1) {
      acc_mult *= cur_mult;
      acc_plus = acc_plus * cur_mult + cur_plus;
    }
    cur_plus = (cur_mult + 1) * cur_plus;
    cur_mult *= cur_mult;
    delta >>= 1;
  }
  return acc_mult * state + acc_plus;
}

double standard_normal(Pcg& p) noexcept {
  using namespace numnode::zig;
  for (;;) {
    uint64_t r = next64(p);
    const int idx = static_cast<int>(r & 0xff);
    r >>= 8;
    const int sign = static_cast<int>(r & 0x1);
    const uint64_t rabs = (r >> 1) & 0x000fffffffffffffULL;
    double x = static_cast<double>(rabs) * wi_double[idx];
    if (sign & 0x1) x = -x;
    if (rabs < ki_double[idx]) return x;
    if (idx == 0) {
      for (;;) {
        const double xx = -ziggurat_nor_inv_r * std::log1p(-next_double(p));
        const double yy = -std::log1p(-next_double(p));
        if (yy + yy > xx * xx) return ((rabs >> 8) & 0x1) ? -(ziggurat_nor_r + xx) : ziggurat_nor_r + xx;
      }
    } else if (((fi_double[idx - 1] - fi_double[idx]) * next_double(p) + fi_double[idx]) < std::exp(-0.5 * x * x)) {
      return x;
    }
  }
}

float standard_normal_f(Pcg& p) noexcept {
  using namespace numnode::zig;
  for (;;) {
    const uint32_t r = next32(p);
    const int idx = static_cast<int>(r & 0xff);
    const int sign = static_cast<int>((r >> 8) & 0x1);
    const uint32_t rabs = (r >> 9) & 0x0007fffff;
    float x = static_cast<float>(rabs) * wi_float[idx];
    if (sign & 0x1) x = -x;
    if (rabs < ki_float[idx]) return x;
    if (idx == 0) {
      for (;;) {
        const float xx = -ziggurat_nor_inv_r_f * ::log1pf(-next_float(p));
        const float yy = -::log1pf(-next_float(p));
        if (yy + yy > xx * xx) return ((rabs >> 8) & 0x1) ? -(ziggurat_nor_r_f + xx) : ziggurat_nor_r_f + xx;
      }
    } else if (((fi_float[idx - 1] - fi_float[idx]) * next_float(p) + fi_float[idx]) < std::exp(-0.5 * x * x)) {
      return x;
    }
  }
}

double standard_exponential(Pcg& p) noexcept {
  using namespace numnode::zig;
  for (;;) {
    uint64_t ri = next64(p);
    ri >>= 3;
    const int idx = static_cast<int>(ri & 0xFF);
    ri >>= 8;
    const double x = static_cast<double>(ri) * we_double[idx];
    if (ri < ke_double[idx]) return x;
    if (idx == 0) return ziggurat_exp_r - std::log1p(-next_double(p));
    if ((fe_double[idx - 1] - fe_double[idx]) * next_double(p) + fe_double[idx] < std::exp(-x)) return x;
  }
}

inline uint32_t lemire32(Pcg& p, uint32_t rng) noexcept {
  const uint32_t rng_excl = rng + 1;
  uint64_t m = static_cast<uint64_t>(next32(p)) * rng_excl;
  uint32_t leftover = static_cast<uint32_t>(m);
  if (leftover < rng_excl) {
    const uint32_t threshold = (UINT32_MAX - rng) % rng_excl;
    while (leftover < threshold) {
      m = static_cast<uint64_t>(next32(p)) * rng_excl;
      leftover = static_cast<uint32_t>(m);
    }
  }
  return static_cast<uint32_t>(m >> 32);
}

// ---- MT19937 -------------------------------------------------------------------

constexpr int kN = 624, kM = 397;

void mt_gen(Mt19937Block& s) noexcept {
  uint32_t* key = s.key;
  uint32_t y;
  int i = 0;
  for (; i < kN - kM; ++i) {
    y = (key[i] & 0x80000000U) | (key[i + 1] & 0x7fffffffU);
    key[i] = key[i + kM] ^ (y >> 1) ^ (-(y & 1U) & 0x9908b0dfU);
  }
  for (; i < kN - 1; ++i) {
    y = (key[i] & 0x80000000U) | (key[i + 1] & 0x7fffffffU);
    key[i] = key[i + (kM - kN)] ^ (y >> 1) ^ (-(y & 1U) & 0x9908b0dfU);
  }
  y = (key[kN - 1] & 0x80000000U) | (key[0] & 0x7fffffffU);
  key[kN - 1] = key[kM - 1] ^ (y >> 1) ^ (-(y & 1U) & 0x9908b0dfU);
  s.pos = 0;
}

inline uint32_t mt_next32(Mt19937Block& s) noexcept {
  if (s.pos >= kN) mt_gen(s);
  uint32_t y = s.key[s.pos++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

inline double mt_next_double(Mt19937Block& s) noexcept {
  const int32_t a = static_cast<int32_t>(mt_next32(s) >> 5), b = static_cast<int32_t>(mt_next32(s) >> 6);
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

double mt_gauss(Mt19937Block& s) noexcept {
  if (s.has_gauss) {
    const double t = s.gauss;
    s.has_gauss = 0;
    s.gauss = 0.0;
    return t;
  }
  double f, x1, x2, r2;
  do {
    x1 = 2.0 * mt_next_double(s) - 1.0;
    x2 = 2.0 * mt_next_double(s) - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  f = std::sqrt(-2.0 * std::log(r2) / r2);
  s.gauss = f * x1;
  s.has_gauss = 1;
  return f * x2;
}

uint32_t gen_mask(uint32_t max) noexcept {
  uint32_t m = max;
  m |= m >> 1;
  m |= m >> 2;
  m |= m >> 4;
  m |= m >> 8;
  m |= m >> 16;
  return m;
}

template <class Draw>
void fill_ints(void* out, int64_t n, int itemsize, int64_t off, Draw&& draw) noexcept {
  if (itemsize == 8) {
    uint64_t* o = static_cast<uint64_t*>(out);
    const uint64_t base = static_cast<uint64_t>(off);
    for (int64_t i = 0; i < n; ++i) o[i] = base + draw();
  } else {
    uint32_t* o = static_cast<uint32_t*>(out);
    const uint32_t base = static_cast<uint32_t>(off);
    for (int64_t i = 0; i < n; ++i) o[i] = base + draw();
  }
}

// Generator.random / uniform: each value is one step, so chunks can start from a
// jumped-ahead copy of the state and run on several threads.
template <class F>
void pcg_parallel_doubles(Pcg& p, double* out, int64_t n, F&& f) noexcept {
  const Pcg start = p;
  parallel_for(n, n * 8, [&](int64_t begin, int64_t end) noexcept {
    Pcg q = start;
    q.state = advance(start.state, start.inc, static_cast<u128>(begin));
    for (int64_t i = begin; i < end; ++i) out[i] = f(next_double(q));
  });
  p.state = advance(start.state, start.inc, static_cast<u128>(n));
}

}  // namespace

bool fill(Kind kind, void* state, void* out, int64_t n, int itemsize, double a, double b, int64_t off, uint32_t rng) noexcept {
  const int k = static_cast<int>(kind);
  if (k < 10) {
    Pcg64Words& words = *static_cast<Pcg64Words*>(state);
    Pcg p = load(words);
    switch (kind) {
      case Kind::PcgDouble:
        if (itemsize != 8) return false;
        pcg_parallel_doubles(p, static_cast<double*>(out), n, [](double u) noexcept { return u; });
        break;
      case Kind::PcgUniform:
        if (itemsize != 8) return false;
        pcg_parallel_doubles(p, static_cast<double*>(out), n, [a, b](double u) noexcept { return a + b * u; });
        break;
      case Kind::PcgFloat: {
        if (itemsize != 4) return false;
        float* o = static_cast<float*>(out);
        for (int64_t i = 0; i < n; ++i) o[i] = next_float(p);
        break;
      }
      case Kind::PcgStdNormal: {
        if (itemsize != 8) return false;
        double* o = static_cast<double*>(out);
        for (int64_t i = 0; i < n; ++i) o[i] = standard_normal(p);
        break;
      }
      case Kind::PcgNormal: {
        if (itemsize != 8) return false;
        double* o = static_cast<double*>(out);
        for (int64_t i = 0; i < n; ++i) o[i] = a + b * standard_normal(p);
        break;
      }
      case Kind::PcgStdNormalF: {
        if (itemsize != 4) return false;
        float* o = static_cast<float*>(out);
        for (int64_t i = 0; i < n; ++i) o[i] = standard_normal_f(p);
        break;
      }
      case Kind::PcgExponential: {
        if (itemsize != 8) return false;
        double* o = static_cast<double*>(out);
        for (int64_t i = 0; i < n; ++i) o[i] = a * standard_exponential(p);
        break;
      }
      case Kind::PcgBounded32:
        if ((itemsize != 4 && itemsize != 8) || rng == UINT32_MAX) return false;
        if (rng == 0) fill_ints(out, n, itemsize, off, []() noexcept { return 0U; });
        else fill_ints(out, n, itemsize, off, [&p, rng]() noexcept { return lemire32(p, rng); });
        break;
      default:
        return false;
    }
    store(p, words);
    return true;
  }
  Mt19937Block& s = *static_cast<Mt19937Block*>(state);
  if (s.pos < 0 || s.pos > kN) return false;
  switch (kind) {
    case Kind::MtDouble: {
      if (itemsize != 8) return false;
      double* o = static_cast<double*>(out);
      for (int64_t i = 0; i < n; ++i) o[i] = mt_next_double(s);
      return true;
    }
    case Kind::MtUniform: {
      if (itemsize != 8) return false;
      double* o = static_cast<double*>(out);
      for (int64_t i = 0; i < n; ++i) o[i] = a + b * mt_next_double(s);
      return true;
    }
    case Kind::MtGauss: {
      if (itemsize != 8) return false;
      double* o = static_cast<double*>(out);
      for (int64_t i = 0; i < n; ++i) o[i] = mt_gauss(s);
      return true;
    }
    case Kind::MtNormal: {
      if (itemsize != 8) return false;
      double* o = static_cast<double*>(out);
      for (int64_t i = 0; i < n; ++i) o[i] = a + b * mt_gauss(s);
      return true;
    }
    case Kind::MtBounded32: {
      if ((itemsize != 4 && itemsize != 8) || rng == UINT32_MAX) return false;
      if (rng == 0) {
        fill_ints(out, n, itemsize, off, []() noexcept { return 0U; });
        return true;
      }
      const uint32_t mask = gen_mask(rng);
      fill_ints(out, n, itemsize, off, [&s, rng, mask]() noexcept {
        uint32_t v;
        while ((v = (mt_next32(s) & mask)) > rng) {
        }
        return v;
      });
      return true;
    }
    default:
      return false;
  }
}

}  // namespace numnode::random
