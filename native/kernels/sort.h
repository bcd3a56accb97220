// Sorting, selection and integer/boolean-index gathers (issue 10). Plain C++17,
// no N-API, nothing throws; every function returns a Status.
//
// Views are given by ndim, shape, BYTE strides and a pointer to element [0,...,0];
// the binding has proved that every element lies in memory the caller owns and is
// aligned to its item size. A lane is the 1-D run along `axis`; lanes are
// independent, so arrays of many lanes are processed in parallel (one lane per
// thread at a time) and a single long lane uses the threads inside its algorithm.
//
// Order is NumPy's: every element is mapped to an unsigned key whose unsigned order
// is NumPy's sort order (integers: the sign bit flipped; floats: the sign bit
// flipped for positives, all bits flipped for negatives), with NaN mapped above
// every number and -0.0 onto +0.0 wherever equal elements must compare equal. Keys
// are compared and radix-sorted; values and NaN payloads travel unchanged.
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

// Lanes of at least this many elements are radix-sorted (11-bit LSD digits);
// shorter ones by introsort (std::sort) or, for kind stable, std::stable_sort.
constexpr int64_t kSortRadixMin = 2048;
// Lanes of at least this many elements are partitioned by sample brackets (one
// counting pass, one distributing pass, a small selection); shorter ones by
// introselect (std::nth_element).
constexpr int64_t kSelectBracketMin = int64_t{1} << 15;

// kind: 0 NumPy's default (not stable), 1 stable.
Status sort_lanes(int dtype, int kind, int ndim, const int64_t* shape, const int64_t* strides, char* data,
                  int axis) noexcept;

// out: an int64 view of the same shape receiving each lane's sorting permutation.
Status argsort_lanes(int dtype, int kind, int ndim, const int64_t* shape, const int64_t* src_strides,
                     const char* src, const int64_t* out_strides, char* out, int axis) noexcept;

// kth: nk ascending positions, each in [0, shape[axis]).
Status partition_lanes(int dtype, int ndim, const int64_t* shape, const int64_t* strides, char* data, int axis,
                       const int64_t* kth, int64_t nk) noexcept;

Status argpartition_lanes(int dtype, int ndim, const int64_t* shape, const int64_t* src_strides, const char* src,
                          const int64_t* out_strides, char* out, int axis, const int64_t* kth, int64_t nk) noexcept;

// The order statistics at the kth positions of every lane (src unchanged). out has
// ndim dimensions: the lane dimensions (shape without axis, in order) and then nk.
Status select_lanes(int dtype, int ndim, const int64_t* shape, const int64_t* src_strides, const char* src, int axis,
                    const int64_t* kth, int64_t nk, const int64_t* out_strides, char* out) noexcept;

// ---- gathers and scatters (sort_gather.cc) ------------------------------------------------

// One integer index array over the index space, and the source axis it indexes.
struct IndexOperand {
  int dtype;                // an integer dtype code (or bool)
  const char* data;         // element [0,...,0]
  const int64_t* strides;   // byte strides over the index space (idx_ndim entries)
  int64_t len;              // length of the indexed axis
  int64_t axis_stride;      // byte stride of that axis in the source/destination
};

// What an index is when out of range: 0 error (negative counts from the end), 1 wrap, 2 clip.
enum IndexMode : int { kModeRaise = 0, kModeWrap = 1, kModeClip = 2 };

// Where the first bad index was (C order over the index space; operands in order).
struct BadIndex {
  bool found = false;
  int operand = 0;
  int64_t position = 0;
};

// out[i..., j...] = src[Σ_k idx_k[i...]·axis_stride_k + Σ j·src_sub]. On a bad index
// `bad` is filled (out partly written). `src` points at the indexed axes' element 0.
Status gather(int64_t itemsize, int mode, const char* src, int sub_ndim, const int64_t* sub_shape,
              const int64_t* src_sub, int idx_ndim, const int64_t* idx_shape, int nops, const IndexOperand* ops,
              char* out, const int64_t* out_idx, const int64_t* out_sub, BadIndex* bad) noexcept;

// dst[Σ_k idx_k[i...]·axis_stride_k + Σ j·dst_sub] = val[i..., j...], in C order of
// the index space (a repeated index keeps the last value). Every index is checked
// first: on a bad index nothing is written. val must not overlap dst.
Status scatter(int64_t itemsize, int mode, char* dst, int sub_ndim, const int64_t* sub_shape, const int64_t* dst_sub,
               int idx_ndim, const int64_t* idx_shape, int nops, const IndexOperand* ops, const char* val,
               const int64_t* val_idx, const int64_t* val_sub, BadIndex* bad) noexcept;

// The number of nonzero elements (NaN counts as nonzero, -0.0 as zero).
int64_t count_nonzero(int dtype, int ndim, const int64_t* shape, const int64_t* strides, const char* data) noexcept;

// The C-order coordinates of the nonzero elements as int64 rows of ndim entries
// (out contiguous, room for `count` rows; no more are written).
Status nonzero_coords(int dtype, int ndim, const int64_t* shape, const int64_t* strides, const char* data, int64_t count,
                      int64_t* out) noexcept;

// out[k] = src[k-th element where the bool mask is nonzero] (C order), at most count items.
Status mask_gather(int64_t itemsize, int ndim, const int64_t* shape, const char* src, const int64_t* src_strides,
                   const uint8_t* mask, const int64_t* mask_strides, char* out, int64_t count) noexcept;

// dst[k-th element where mask is nonzero] = val[k·val_stride] (val_stride 0 broadcasts), at most count items.
Status mask_scatter(int64_t itemsize, int ndim, const int64_t* shape, char* dst, const int64_t* dst_strides,
                    const uint8_t* mask, const int64_t* mask_strides, const char* val, int64_t val_stride,
                    int64_t count) noexcept;

}  // namespace numnode
