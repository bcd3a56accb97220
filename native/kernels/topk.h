// Fused per-row top-k with running buffers (issue 8): the selection step of a tiled
// nearest-neighbour search. Plain C++17, no N-API, nothing throws.
//
// For each row i of a (rows, cols) view, the k best entries of the row are merged
// into the row's running buffer (values[i, 0:k], indices[i, 0:k]), which is kept
// sorted best first. Order: larger values first, NaN above every number (NumPy's
// sort order, as argpartition(a, -k) would select), -0.0 equal to +0.0, and among
// equal values the smaller index first. An entry whose index is negative is an
// empty slot and ranks below every element. Column j enters with index
// index_offset + j. Buffers arrive in any order: each row's buffer is sorted first
// (insertion sort, O(k) when already sorted).
//
// Why fused: a tile of similarities is looked at once; comparing each element with
// the row's current k-th best costs one compare for almost every element, where
// argpartition + merge reads the tile several times and allocates per tile.
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

// dtype: 9 (float32) or 10 (float64); values has the same dtype, indices int64.
// Strides in bytes; the binding has proved every view lies in memory the caller
// owns and is aligned. Rows run in parallel (OpenMP) above kParallelMinBytes.
Status topk_merge(int dtype, int64_t rows, int64_t cols, const char* a, int64_t a_s0, int64_t a_s1, int64_t k,
                  char* values, int64_t v_s0, int64_t v_s1, char* indices, int64_t i_s0, int64_t i_s1,
                  int64_t index_offset) noexcept;

}  // namespace numnode
