// Reduction entry point: which (op, dtype) pairs exist, the plan, and the choice
// between the pairwise floating-point engine (reduce_pairwise.cc, where the order
// of operations is part of the result) and the exact engine (reduce_exact.cc:
// integer sums wrap, min/max/any/all/arg*/count, where any order gives one answer).
#include "reduce.h"

#include "reduce_impl.h"

namespace numnode {

const ReduceOpInfo kReduceOpTable[kNumReduceOps] = {
#define NUMNODE_REDUCE_OP(code, name) {#name, code},
#include "reduce_ops.def"
};
const ReduceOpInfo kScanOpTable[kNumScanOps] = {
#define NUMNODE_SCAN_OP(code, name) {#name, code},
#include "reduce_ops.def"
};

namespace {
constexpr int kReduceCodes[] = {
#define NUMNODE_REDUCE_OP(code, name) code,
#include "reduce_ops.def"
};
constexpr int kScanCodes[] = {
#define NUMNODE_SCAN_OP(code, name) code,
#include "reduce_ops.def"
};
template <size_t N>
constexpr bool dense(const int (&codes)[N]) {
  for (size_t i = 0; i < N; ++i)
    if (codes[i] != static_cast<int>(i)) return false;
  return true;
}
static_assert(dense(kReduceCodes), "reduce_ops.def: reduce codes must be 0, 1, 2, ... in order");
static_assert(dense(kScanCodes), "reduce_ops.def: scan codes must be 0, 1, 2, ... in order");
}  // namespace

using reduce_detail::is_float_code;
using reduce_detail::is_int_code;

bool reduce_supported(int op, int din, int dout) noexcept {
  if (!valid_dtype(din) || !valid_dtype(dout)) return false;
  const bool in_int = !is_float_code(din);  // ints and bool
  switch (op) {
    case kReduce_sum:
    case kReduce_prod:
      if (in_int && is_int_code(dout)) return true;
      return dout == kDType_float64 || (din == kDType_float32 && dout == kDType_float32);
    case kReduce_nansum:
      return is_float_code(din) && (dout == kDType_float64 || dout == din);
    case kReduce_sumsqdev:
      return is_float_code(dout);
    case kReduce_min:
    case kReduce_max:
      return dout == din;
    case kReduce_nanmin:
    case kReduce_nanmax:
      return dout == din && is_float_code(din);
    case kReduce_all:
    case kReduce_any:
      return dout == kDType_bool;
    case kReduce_argmin:
    case kReduce_argmax:
      return dout == kDType_int64;
    case kReduce_count:
      return is_float_code(din) && dout == kDType_int64;
    default:
      return false;
  }
}

bool reduce_uses_aux(int op) noexcept { return op == kReduce_sumsqdev; }

bool reduce_has_identity(int op) noexcept {
  switch (op) {
    case kReduce_min:
    case kReduce_max:
    case kReduce_nanmin:
    case kReduce_nanmax:
    case kReduce_argmin:
    case kReduce_argmax:
      return false;
    default:
      return true;
  }
}

Status reduce_strided(const ReduceArgs& a) noexcept {
  if (a.op < 0 || a.op >= kNumReduceOps || !reduce_supported(a.op, a.din, a.dout)) return Status::BadDType;
  if (a.ndim < 0 || a.ndim > kMaxDims || a.nred < 0 || a.nred > a.ndim) return Status::BadArgument;
  if (reduce_uses_aux(a.op) != (a.aux != nullptr)) return Status::BadArgument;
  reduce_detail::Plan P;
  reduce_detail::make_plan(a, P);
  if (P.nout == 0) return Status::Ok;
  if (P.n == 0 && !reduce_has_identity(a.op)) return Status::BadArgument;
  const bool pairwise = is_float_code(a.dout) &&
                        (a.op == kReduce_sum || a.op == kReduce_prod || a.op == kReduce_nansum ||
                         a.op == kReduce_sumsqdev);
  return pairwise ? reduce_detail::reduce_pairwise(a, P) : reduce_detail::reduce_exact(a, P);
}

}  // namespace numnode
