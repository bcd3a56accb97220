// Strided n-d iteration, NumPy style: prepare the strides once, then drive a 1-D
// inner loop. Preparation (as NumPy's lowlevel_strided_loops / nditer do):
//   1. drop axes of length 1 (their strides never matter);
//   2. flip axes whose destination stride is negative, so the destination is
//      walked forwards (legal only when the operands do not overlap, which the
//      kernels ensure before iterating);
//   3. sort axes so the destination's smallest stride is innermost (then the inner
//      loop writes memory in order and the fast paths see contiguous runs);
//   4. coalesce neighbouring axes that are one axis in disguise for every operand
//      (stride_outer == stride_inner * shape_inner), so a C-contiguous copy of any
//      shape becomes one memcpy.
// Operand 0 is the destination. Strides and offsets are in bytes.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "common.h"

namespace numnode {

template <int NOP>
struct StridedLoop {
  int ndim = 0;                       // after preparation; 0 means "one element"
  int64_t size = 0;                   // number of elements (0: nothing to do)
  int64_t shape[kMaxDims];            // outermost first
  int64_t strides[NOP][kMaxDims];     // bytes, per operand and axis
  char* ptr[NOP];                     // element [0, ..., 0] (after flips)
};

// ptrs[k] points at element [0,...,0] of operand k; strides[k] has ndim entries.
// The caller guarantees ndim <= kMaxDims and that every element lies in memory.
template <int NOP>
void prepare_loop(StridedLoop<NOP>& L, int ndim, const int64_t* shape, char* const ptrs[NOP],
                  const int64_t* const strides[NOP]) noexcept {
  int axes[kMaxDims];
  int n = 0;
  L.size = 1;
  for (int k = 0; k < NOP; ++k) L.ptr[k] = ptrs[k];
  for (int a = 0; a < ndim; ++a) {
    if (shape[a] == 0) {
      L.size = 0;
      L.ndim = 0;
      return;
    }
    L.size *= shape[a];
    if (shape[a] != 1) axes[n++] = a;
  }

  // Flip: element i of the axis becomes element (len-1-i) for every operand, so
  // the element correspondence between operands is unchanged, only the order.
  int64_t st[NOP][kMaxDims];
  for (int i = 0; i < n; ++i) {
    const int a = axes[i];
    const bool flip = strides[0][a] < 0;
    for (int k = 0; k < NOP; ++k) {
      int64_t s = strides[k][a];
      if (flip) {
        L.ptr[k] += s * (shape[a] - 1);
        s = -s;
      }
      st[k][a] = s;
    }
  }

  // Sort outermost-first by |destination stride| (then by the other operands'),
  // stable so that ties keep C order. Insertion sort: n <= 64.
  auto outer_than = [&](int x, int y) {
    for (int k = 0; k < NOP; ++k) {
      const int64_t sx = std::llabs(st[k][x]), sy = std::llabs(st[k][y]);
      if (sx != sy) return sx > sy;
    }
    return false;
  };
  for (int i = 1; i < n; ++i) {
    const int a = axes[i];
    int j = i;
    while (j > 0 && outer_than(a, axes[j - 1])) {
      axes[j] = axes[j - 1];
      --j;
    }
    axes[j] = a;
  }

  // Coalesce, outermost first: the axis built so far (m-1) absorbs the next one
  // when, for every operand, stepping the outer axis once equals stepping the inner
  // one shape-times.
  int m = 0;
  for (int i = 0; i < n; ++i) {
    const int a = axes[i];
    bool merge = m > 0;
    for (int k = 0; merge && k < NOP; ++k) merge = L.strides[k][m - 1] == st[k][a] * shape[a];
    if (merge) {
      L.shape[m - 1] *= shape[a];
      for (int k = 0; k < NOP; ++k) L.strides[k][m - 1] = st[k][a];
    } else {
      L.shape[m] = shape[a];
      for (int k = 0; k < NOP; ++k) L.strides[k][m] = st[k][a];
      ++m;
    }
  }
  L.ndim = m;
}

// Calls fn(ptrs, count, inner_strides) for each run along the innermost axis that
// covers elements [begin, end) of L in its own (prepared) C order. A parallel
// driver gives each thread its own [begin, end). Offsets are kept as integers and
// turned into pointers only for elements that exist.
template <int NOP, class F>
void for_each_run(const StridedLoop<NOP>& L, int64_t begin, int64_t end, F&& fn) noexcept {
  if (begin >= end) return;
  const int nd = L.ndim;
  char* p[NOP];
  int64_t inner_strides[NOP];
  if (nd == 0) {  // a single element
    for (int k = 0; k < NOP; ++k) {
      p[k] = L.ptr[k];
      inner_strides[k] = 0;
    }
    fn(p, int64_t{1}, inner_strides);
    return;
  }
  const int64_t inner = L.shape[nd - 1];
  int64_t idx[kMaxDims];
  int64_t off[NOP];
  for (int k = 0; k < NOP; ++k) {
    off[k] = 0;
    inner_strides[k] = L.strides[k][nd - 1];
  }
  int64_t outer = begin / inner, j = begin % inner;
  for (int ax = nd - 2; ax >= 0; --ax) {
    idx[ax] = outer % L.shape[ax];
    outer /= L.shape[ax];
    for (int k = 0; k < NOP; ++k) off[k] += idx[ax] * L.strides[k][ax];
  }
  int64_t left = end - begin;
  for (;;) {
    const int64_t cnt = std::min(inner - j, left);
    for (int k = 0; k < NOP; ++k) p[k] = L.ptr[k] + off[k] + j * inner_strides[k];
    fn(p, cnt, inner_strides);
    left -= cnt;
    if (left == 0) return;
    j = 0;
    for (int ax = nd - 2; ax >= 0; --ax) {  // odometer step over the outer axes
      for (int k = 0; k < NOP; ++k) off[k] += L.strides[k][ax];
      if (++idx[ax] < L.shape[ax]) break;
      for (int k = 0; k < NOP; ++k) off[k] -= L.strides[k][ax] * L.shape[ax];
      idx[ax] = 0;
    }
  }
}

// Byte range touched by a view, relative to its element [0,...,0]: [lo, hi] with
// hi inclusive. Returns false for an empty view (it touches nothing). The caller
// guarantees no overflow (the binding checks with checked arithmetic first).
inline bool view_extent(int ndim, const int64_t* shape, const int64_t* strides, int64_t itemsize,
                        int64_t* lo, int64_t* hi) noexcept {
  int64_t l = 0, h = 0;
  for (int a = 0; a < ndim; ++a) {
    if (shape[a] == 0) return false;
    const int64_t span = strides[a] * (shape[a] - 1);
    if (span < 0) l += span; else h += span;
  }
  *lo = l;
  *hi = h + itemsize - 1;
  return true;
}

// Whether two views' byte ranges intersect (conservative, like NumPy's bounds check:
// interleaved views such as a[::2] and a[1::2] count as overlapping).
inline bool ranges_overlap(const char* a, int64_t alo, int64_t ahi, const char* b, int64_t blo,
                           int64_t bhi) noexcept {
  // Compare as integers: relational operators on pointers into different objects
  // are unspecified.
  const intptr_t a0 = reinterpret_cast<intptr_t>(a) + alo, a1 = reinterpret_cast<intptr_t>(a) + ahi;
  const intptr_t b0 = reinterpret_cast<intptr_t>(b) + blo, b1 = reinterpret_cast<intptr_t>(b) + bhi;
  return a0 <= b1 && b0 <= a1;
}

}  // namespace numnode
