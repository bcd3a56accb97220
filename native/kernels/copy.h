// Strided copy by item size: the kernel behind ravel/copy/ascontiguousarray,
// broadcasting assignment (a zero source stride) and fill.
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

// Copies the `ndim`-d view src (element [0,...,0] at `src`, byte strides
// src_strides) into the view dst of the same shape. Items are moved as opaque
// bytes, so no alignment is required. Source strides may be 0 (broadcast/fill).
// If the two views' memory overlaps, the source is staged through a temporary
// buffer first, so the result is always as if src were read entirely before dst
// is written (NumPy's copyto semantics). A destination that overlaps itself
// (e.g. a zero stride) is memory-safe but which source item lands there is
// unspecified.
// Preconditions (checked by the binding): 0 <= ndim <= kMaxDims, shape[i] >= 0,
// itemsize >= 1, every byte of both views lies in memory the caller owns.
// Returns Status::NoMemory if the staging buffer cannot be allocated.
Status copy_strided(int64_t itemsize, int ndim, const int64_t* shape, const char* src,
                    const int64_t* src_strides, char* dst, const int64_t* dst_strides) noexcept;

// Tile edge, in bytes of one row, of the blocked transpose (reported by config()).
constexpr int64_t kTransposeTileBytes = 256;

}  // namespace numnode
