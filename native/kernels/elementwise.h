// The elementwise ufunc kernels (ops.def) and np.where's select kernel.
//
// A loop is uniform: every input has the loop's dtype, the output has it too or is
// bool (comparisons, logical ops, isnan/isinf/isfinite). Loop codes are dtype
// codes (dtypes.def) plus two for the comparisons' exact mixed loops:
// kLoopInt64UInt64 (a int64, b uint64) and kLoopUInt64Int64. Which (op, loop)
// pairs exist mirrors src/ops/elementwise-types.ts (NumPy's loop lists).
//
// Two compiled kernel sets: AVX2+FMA (elementwise_avx2.cc, compiled for that ISA
// whatever the build flags) and a baseline one (elementwise_base.cc, the build's
// own flags: SSE2 for portable prebuilds). The AVX2 set is chosen at load when
// the CPU has AVX2 and FMA. Transcendental functions use SLEEF's u10 vector
// functions (max 1.0 ulp; hypot u05), measured against mpmath by
// scripts/vecmath-probe.py (README "Elementwise").
#pragma once
#include <cstdint>

#include "common.h"
#include "dtypes.h"
#include "ops.h"

namespace numnode {

constexpr int kLoopInt64UInt64 = kNumDTypes;      // 11
constexpr int kLoopUInt64Int64 = kNumDTypes + 1;  // 12
constexpr int kNumLoops = kNumDTypes + 2;

// One run of `n` elements along the innermost axis: p[0] the output, p[1] (and
// p[2]) the inputs, st the byte strides. The kernels assume the output either is
// the very same memory as an input (in place: same address and stride) or does
// not overlap it; the caller resolves any other overlap first.
using EwRun = void (*)(char* const* p, int64_t n, const int64_t* st) noexcept;

struct EwTable {
  EwRun run[kNumOps][kNumLoops];
  const char* isa;
};

// The two kernel sets (each in its own translation unit).
const EwTable& elementwise_table_avx512() noexcept;
const EwTable& elementwise_table_avx2() noexcept;
const EwTable& elementwise_table_base() noexcept;
// The set in use: AVX2 when the CPU has it (and FMA), else the baseline.
const EwTable& elementwise_table() noexcept;

// Whether numnode has the loop `loop` for op `op` (both already range-checked).
bool elementwise_has_loop(int op, int loop) noexcept;
// Item sizes of the loop's inputs and output.
int elementwise_in_itemsize(int loop) noexcept;
int elementwise_out_itemsize(int op, int loop) noexcept;
// Whether op is a transcendental function (its threshold for two threads is lower).
bool elementwise_is_transcendental(int op) noexcept;

// out = op(a, b) over an ndim-d shape (b ignored for unary ops). Strides in bytes,
// pointers at element [0,...,0]. Preconditions (checked by the binding): a valid
// (op, loop), 0 <= ndim <= kMaxDims, every element of every view in memory the
// caller owns, views aligned to their item size, no overlap between out and an
// input other than the very same view.
Status elementwise_strided(int op, int loop, int ndim, const int64_t* shape, char* out, const int64_t* out_strides,
                           const char* a, const int64_t* a_strides, const char* b,
                           const int64_t* b_strides) noexcept;

// out = cond ? x : y, items of `itemsize` bytes (1, 2, 4 or 8; cond one byte per
// element, non-zero = true). Same preconditions as above.
Status where_strided(int64_t itemsize, int ndim, const int64_t* shape, char* out, const int64_t* out_strides,
                     const char* cond, const int64_t* cond_strides, const char* x, const int64_t* x_strides,
                     const char* y, const int64_t* y_strides) noexcept;

// Element counts from which the kernels run on all threads (config() reports them).
struct ElementwiseInfo {
  const char* isa;
  const char* vector_math;
  int64_t parallel_min_cheap;
  int64_t parallel_min_transcendental;
};
ElementwiseInfo elementwise_info() noexcept;

}  // namespace numnode
