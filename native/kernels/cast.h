// Strided cast between any two of the 11 dtypes, with NumPy's C cast semantics.
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

// Converts the view src (dtype src_code) into the view dst (dtype dst_code) of
// the same shape. Semantics are those of NumPy's scalar C cast loops compiled for
// x86-64 (what `arr.astype(dt)` gives on the strided path):
//  - to bool: value != 0 (NaN is true); from bool: the byte read as 0 or 1;
//  - integer to integer: wraps modulo 2^bits (two's complement);
//  - float to integer: truncation toward zero as cvttsd2si does: NaN and values
//    out of range give the "integer indefinite" INT_MIN of the instruction width;
//    8/16-bit targets convert through int32 and keep the low bits, uint32 through
//    int64, uint64 through int64 with the >= 2^63 half offset (as gcc emits it).
//    NumPy's contiguous SIMD loop can differ from its own strided loop for
//    out-of-range values (C leaves them undefined); we always give the above;
//  - integer/float to float: IEEE round to nearest.
// Preconditions (checked by the binding): both views aligned to their item size,
// in bounds, ndim <= kMaxDims. Overlapping views are handled by staging the source.
Status cast_strided(int src_code, int dst_code, int ndim, const int64_t* shape, const char* src,
                    const int64_t* src_strides, char* dst, const int64_t* dst_strides) noexcept;

}  // namespace numnode
