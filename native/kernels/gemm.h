// Batched, strided matrix products: the kernel behind matmul, dot, tensordot and
// einsum's pairwise contractions.
//
// float32/float64 go to OpenBLAS on the operands as they lie: a matrix whose
// rows or columns are unit-stride with a legal leading dimension (NumPy's
// is_blasable2d rule, tried both ways round) is passed with the transpose flag
// and leading dimension that describe it, and is copied only when BLAS cannot
// express it (negative, zero or non-unit inner strides). A @ A.T on the same
// memory goes to syrk, matrix-vector to gemv, vector-vector to dot. Other dtypes
// run blocked native loops with NumPy's integer semantics (wrap-around modulo
// 2^bits; bool is OR of ANDs).
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

// Which paths a matmul call took, OR-ed together over its batch (tests and the
// benchmark notes read them; they are not an ABI beyond this addon).
enum MatmulPath : int {
  kPathGemm = 1,            // ?gemm
  kPathSyrk = 2,            // ?syrk (A @ A.T on the same memory)
  kPathGemv = 4,            // ?gemv (one side is a vector)
  kPathDot = 8,             // ?dot (1x1 result)
  kPathCopyA = 16,          // the left operand was copied (BLAS could not express it)
  kPathCopyB = 32,          // the right operand was copied
  kPathStageC = 64,         // the result went through a temporary (C not BLAS-writable)
  kPathLoops = 128,         // native blocked loops (integer / bool dtypes)
  kPathBatchParallel = 256, // OpenMP over the batch, one thread per matrix product
  kPathZeroK = 512,         // k == 0: the result is zero-filled
};

// C[b] = A[b] @ B[b] for every index b of the batch shape (nb dims, bshape),
// A[b] being m x k, B[b] k x n, C[b] m x n. Strides are in bytes, nb + 2 per
// operand (batch axes first, then rows, then columns); batch strides may be 0
// (broadcast). All three views have dtype `dtype` (inputs already promoted).
// Preconditions (checked by the binding): every view in bounds and aligned to
// its item size, C does not overlap A or B, C has no zero stride on an axis
// longer than 1. `path` receives the MatmulPath flags. Nothing throws.
Status matmul_strided(int dtype, int nb, const int64_t* bshape, int64_t m, int64_t n, int64_t k,
                      const char* a, const int64_t* as, const char* b, const int64_t* bs, char* c,
                      const int64_t* cs, int* path) noexcept;

}  // namespace numnode
