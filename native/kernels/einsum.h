// einsum's fallback: a strided sum-of-products over labelled axes. The planner
// (src/ops/einsum/) lowers matrix products to matmul and relabelings to views;
// everything else (row-wise products such as 'ij,ij->i', traces, reductions,
// outer and Hadamard products, and NumPy's unoptimised n-operand contractions)
// comes here.
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

// NumPy's limit (NPY_MAXARGS counts the output too).
constexpr int kMaxEinsumOperands = 63;

// out[o] = sum over r of prod_k op_k[o, r], with o ranging over the first nout
// labels and r over the remaining nlab - nout ("summed") labels.
//   shape[l]                   length of label l (the caller dropped length-1
//                              labels and merged mergeable neighbours);
//   op_strides[k * nlab + l]   byte stride of operand k along label l (0 when the
//                              operand lacks the label: broadcasting);
//   out_strides[l], l < nout   byte strides of the output.
// Labels are looped in the order given, outermost first; the planner puts the
// smallest strides last. All operands and the output have dtype `dtype`.
// Arithmetic: float64 sums in double; float32 accumulates in double and rounds
// once, except contiguous two-operand sums (row-wise dot products), which sum
// blocks of 1024 products in float32 vector accumulators (32 lanes with AVX, 16
// without) and the blocks in double (speed; still within NumPy's float32 error);
// integers wrap modulo 2^bits as NumPy's do;
// bool is OR over the terms of AND over the operands. An empty sum gives 0.
// Without summed labels each output is one product: `bare` stores it as computed
// (np.multiply's semantics, -0.0 kept); otherwise it is added to +0.0 as NumPy's
// einsum adds into its zeroed output (so einsum never produces -0.0).
// Preconditions (checked by the binding): 1 <= nop <= kMaxEinsumOperands,
// 0 <= nout <= nlab <= kMaxDims, every view in bounds and aligned, the output
// does not overlap an operand and has no zero stride on a label longer than 1.
Status sum_of_products(int dtype, int nop, int nlab, int nout, const int64_t* shape, const char* const* ops,
                       const int64_t* op_strides, char* out, const int64_t* out_strides, bool bare) noexcept;

}  // namespace numnode
