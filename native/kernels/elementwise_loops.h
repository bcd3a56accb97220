// Which elementwise loops exist, as constexpr functions shared by the kernel
// sets and the dispatcher: the C++ twin of the loop lists in
// src/ops/elementwise-types.ts (NumPy's ufunc.types restricted to numnode's
// dtypes). test/elementwise.native.test.ts checks that the two agree.
//
// Include this header before any `#pragma GCC target` (elementwise_avx2.cc):
// inline functions defined under the pragma would be compiled for AVX2 and could
// be picked by the linker for baseline code.
#pragma once
#include "dtypes.h"
#include "elementwise.h"
#include "ops.h"

namespace numnode::ew {

enum class LoopSet { All, Numeric, Floats, IntsBool, Ints };

constexpr LoopSet loop_set(int op) noexcept {
  switch (op) {
    case kOp_add: case kOp_multiply: case kOp_absolute: case kOp_floor: case kOp_ceil: case kOp_trunc:
    case kOp_maximum: case kOp_minimum: case kOp_fmax: case kOp_fmin:
    case kOp_equal: case kOp_notEqual: case kOp_less: case kOp_lessEqual: case kOp_greater: case kOp_greaterEqual:
    case kOp_logicalAnd: case kOp_logicalOr: case kOp_logicalXor: case kOp_logicalNot:
    case kOp_isnan: case kOp_isinf: case kOp_isfinite:
      return LoopSet::All;
    case kOp_subtract: case kOp_floorDivide: case kOp_remainder: case kOp_power: case kOp_negative:
    case kOp_positive: case kOp_square: case kOp_sign:
      return LoopSet::Numeric;
    case kOp_bitwiseAnd: case kOp_bitwiseOr: case kOp_bitwiseXor: case kOp_invert:
      return LoopSet::IntsBool;
    case kOp_leftShift: case kOp_rightShift:
      return LoopSet::Ints;
    default:
      return LoopSet::Floats;  // divide, sqrt, rint and the transcendental functions
  }
}

constexpr bool is_comparison(int op) noexcept {
  return op == kOp_equal || op == kOp_notEqual || op == kOp_less || op == kOp_lessEqual || op == kOp_greater ||
         op == kOp_greaterEqual;
}

constexpr bool bool_out(int op) noexcept {
  return is_comparison(op) || op == kOp_logicalAnd || op == kOp_logicalOr || op == kOp_logicalXor ||
         op == kOp_logicalNot || op == kOp_isnan || op == kOp_isinf || op == kOp_isfinite;
}

/** Functions computed by the vector math library on float loops. */
constexpr bool is_transcendental(int op) noexcept {
  switch (op) {
    case kOp_power: case kOp_cbrt: case kOp_exp: case kOp_exp2: case kOp_expm1: case kOp_log: case kOp_log2:
    case kOp_log10: case kOp_log1p: case kOp_sin: case kOp_cos: case kOp_tan: case kOp_arcsin: case kOp_arccos:
    case kOp_arctan: case kOp_arctan2: case kOp_sinh: case kOp_cosh: case kOp_tanh: case kOp_hypot:
      return true;
    default:
      return false;
  }
}

/** Ops whose float loops run through VM<op> (a vector function per block): the
 * transcendental ones, and sqrt (GCC will not vectorise sqrt while it may have
 * to set errno; the vector instruction gives the same correctly rounded result). */
constexpr bool uses_vector_fn(int op) noexcept { return is_transcendental(op) || op == kOp_sqrt; }

constexpr int nin_of(int op) noexcept {
  switch (op) {
#define NUMNODE_OP(code, name, nin) case code: return nin;
#include "ops.def"
  }
  return 0;
}

constexpr bool loop_exists(int op, int loop) noexcept {
  if (op < 0 || op >= kNumOps || loop < 0 || loop >= kNumLoops) return false;
  if (loop >= kNumDTypes) return is_comparison(op);
  const bool is_bool = loop == kDType_bool;
  const bool is_float = loop == kDType_float32 || loop == kDType_float64;
  switch (loop_set(op)) {
    case LoopSet::All: return true;
    case LoopSet::Numeric: return !is_bool;
    case LoopSet::Floats: return is_float;
    case LoopSet::IntsBool: return !is_float;
    case LoopSet::Ints: return !is_bool && !is_float;
  }
  return false;
}

constexpr int in_itemsize(int loop) noexcept {
  switch (loop) {
#define NUMNODE_DTYPE(code, name, ctype, kind) case code: return static_cast<int>(sizeof(ctype));
#include "dtypes.def"
    default: return 8;  // the mixed int64/uint64 loops
  }
}

}  // namespace numnode::ew
