// Bulk fills of NumPy's random streams (issue 6): the same algorithms as
// src/random/*.ts, so that a fill gives the same values whichever backend makes it.
// Plain C++, no N-API, noexcept. The generator states live in JavaScript; a fill
// reads the state, draws `n` values into `out` and writes the state back.
#pragma once
#include <cstdint>

namespace numnode::random {

// PCG64 state as TypeScript keeps it (src/random/pcg64.ts): ten uint32 words,
// [state limbs 0..3 (least significant first), inc limbs 0..3, has_uint32, uinteger].
struct Pcg64Words {
  uint32_t w[10];
};

// MT19937 state (src/random/mt19937.ts): 624 key words, then pos and the legacy
// Gaussian cache.
struct Mt19937Block {
  uint32_t key[624];
  int32_t pos;
  int32_t has_gauss;
  double gauss;
};
static_assert(sizeof(Mt19937Block) == 2512, "MT19937 state block layout");

enum class Kind : int {
  PcgDouble = 0,       // Generator.random()
  PcgFloat = 1,        // Generator.random(dtype=float32)
  PcgStdNormal = 2,    // Generator.standard_normal()
  PcgNormal = 3,       // loc + scale * standard_normal (a, b)
  PcgStdNormalF = 4,   // Generator.standard_normal(dtype=float32)
  PcgExponential = 5,  // scale * standard_exponential (a)
  PcgUniform = 6,      // low + range * random (a, b)
  PcgBounded32 = 7,    // off + Lemire draw in [0, rng], rng < 2**32 - 1 (a = off as int64 bits, b = rng)
  MtDouble = 10,       // RandomState.random_sample()
  MtGauss = 11,        // legacy standard normal (polar method)
  MtNormal = 12,       // loc + scale * legacy gauss (a, b)
  MtUniform = 13,      // low + range * random_sample (a, b)
  MtBounded32 = 14,    // off + masked draw in [0, rng], rng < 2**32 - 1
};

// Draws n values of `kind` into out (item size `itemsize`: 8 for doubles and
// 64-bit integers, 4 for floats and 32-bit integers). `state` is a Pcg64Words or
// an Mt19937Block. Returns false for an unknown kind / item size (nothing drawn).
bool fill(Kind kind, void* state, void* out, int64_t n, int itemsize, double a, double b, int64_t off, uint32_t rng) noexcept;

}  // namespace numnode::random
