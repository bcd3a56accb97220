// Reductions (sum, prod, min, max, all, any, argmin, argmax, ...) and scans
// (cumsum, cumprod, diff) over strided views. Plain C++17, noexcept, no N-API.
//
// The contract every floating sum keeps (and src/backend/js/reduce.ts keeps too,
// so that both backends give the same bits):
//   - an output's elements form one sequence: the reduced axes in the order given
//     (C order over them), whatever the memory layout;
//   - the sequence is cut into leaves of kLeaf = 128 elements (the last may be
//     shorter); inside a leaf element i goes to lane i % 16, each lane combines
//     its elements in order starting from the identity, and the 16 lanes are
//     combined by halving: l[k] op= l[k+8], l[k] op= l[k+4], l[k] op= l[k+2], l[0] op l[1];
//   - leaf results are combined as a binary counter: a new partial merges with the
//     partial of the same level on top of a stack (older + newer), and at the end
//     the stack folds from the top (s0 + (s1 + (... + s_top))).
// That is a fixed pairwise tree, so the error is O(log n) like NumPy's pairwise
// summation (whose leaves are 8 accumulators over 128 elements), and a subtree of
// 2^k whole leaves starting at a multiple of its size is the same number whoever
// computes it: threads take whole aligned subtrees, and the result never depends
// on the thread count.
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

enum ReduceOp : int {
#define NUMNODE_REDUCE_OP(code, name) kReduce_##name = code,
#include "reduce_ops.def"
  kNumReduceOps
};

enum ScanOp : int {
#define NUMNODE_SCAN_OP(code, name) kScan_##name = code,
#include "reduce_ops.def"
  kNumScanOps
};

struct ReduceOpInfo {
  const char* name;
  int code;
};
extern const ReduceOpInfo kReduceOpTable[kNumReduceOps];
extern const ReduceOpInfo kScanOpTable[kNumScanOps];

constexpr int64_t kReduceLeaf = 128;  // elements per leaf of the summation tree
constexpr int kReduceLanes = 16;      // accumulators per leaf

// Below this many input elements a reduction or scan runs on one thread.
// Measured on the 2-core dev machine (best of many runs, float64 sum / max /
// sum(axis=1) / sum(axis=0), 1 vs 2 threads): 2^15 elements 3.7/3.7 us (no gain),
// 2^16 6.3/4.8 us, 2^17 13.1/7.2 us, 2^20 94/47 us.
constexpr int64_t kReduceParallelMinElements = int64_t{1} << 16;

// Whether the kernels implement `op` from dtype `din` into dtype `dout`:
//   sum, prod        ints/bool -> any integer dtype (wraps, as a cast would);
//                    any -> float64; float32 -> float32
//   nansum           float32 -> float32 | float64; float64 -> float64
//   sumsqdev         any -> float32 | float64
//   min max nanmin nanmax   dout == din (nan* only for floats)
//   all any          any -> bool
//   argmin argmax    any -> int64
//   count            float32 | float64 -> int64
bool reduce_supported(int op, int din, int dout) noexcept;
// Ops that read a float64 center per output (sumsqdev).
bool reduce_uses_aux(int op) noexcept;
// Ops defined for an empty sequence (they store their identity).
bool reduce_has_identity(int op) noexcept;

struct ReduceArgs {
  int op = 0, din = 0, dout = 0;
  int ndim = 0;                    // all axes: the kept ones first, then nred reduced ones
  const int64_t* shape = nullptr;
  int nred = 0;
  const char* x = nullptr;         // element [0, ..., 0] of the input
  const int64_t* xs = nullptr;     // ndim byte strides
  char* out = nullptr;             // element [0, ..., 0] of the output (the kept axes)
  const int64_t* os = nullptr;     // ndim - nred byte strides
  const char* aux = nullptr;       // float64 per output (sumsqdev), else null
  const int64_t* as = nullptr;     // ndim - nred byte strides
  double divisor = 1;              // float results are divided by it (mean, var)
  int post = 0;                    // 1: square root after the division (std)
};

// The caller guarantees: every touched byte lies in memory, views are aligned to
// their item size, out overlaps neither x nor aux, and the op is supported.
Status reduce_strided(const ReduceArgs& a) noexcept;

// Which scans the kernels implement:
//   cumsum, cumprod  ints/bool -> any integer dtype; any -> float64; float32 -> float32
//   diff             dout == din (bool: x[i+1] != x[i])
bool scan_supported(int op, int din, int dout) noexcept;

// out[..., i, ...] = scan of x along `axis`. shape is x's; out has the same shape
// except along the axis, where diff's output is one shorter (empty for length 0).
// Same guarantees as reduce_strided.
Status scan_strided(int op, int din, int dout, int ndim, const int64_t* shape, int axis, const char* x,
                    const int64_t* xs, char* out, const int64_t* os) noexcept;

}  // namespace numnode
