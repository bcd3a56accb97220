// Pairwise distances between the rows of two matrices (scipy.spatial.distance.cdist)
// as one fused kernel: a GEMM block plus norms, finished in cache, tile by tile.
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

enum CdistMetric : int { kCdistEuclidean = 0, kCdistSqEuclidean = 1, kCdistCosine = 2 };

struct CdistStats {
  int64_t workspace_bytes = 0;  // peak temporary memory the call allocated
  int64_t recomputed = 0;       // entries recomputed directly (cancellation bound)
  int64_t tile_rows = 0;        // the row-chunk and column-chunk sizes used
  int64_t tile_cols = 0;
};

// out[i, j] = dist(XA[i, :], XB[j, :]) for i < m, j < n, rows of length d.
// dtype is float32 or float64 for all three views; strides are in bytes.
//
// Euclidean and squared Euclidean use the norm trick on data centred on the
// mean of all rows (distances are translation invariant; centring shrinks the
// norms and with them the cancellation), with the GEMM in double. Every entry
// whose computed square falls below a rigorous bound on the trick's rounding
// error, (2d + 3) u (|a|^2 + |b|^2) scaled to the target accuracy, is
// recomputed directly from the original rows as sum((a - b)^2) in double,
// which is SciPy's own computation. When `same` (XA and XB are one view) the
// diagonal is exactly 0. Cosine is 1 - a.b / (|a| |b|), clipped to [0, 2], with
// small distances recomputed as |a/|a| - b/|b||^2 / 2, which keeps their
// relative accuracy; a zero row gives NaN, as in SciPy.
//
// Work is split into tiles of chunk_rows x (chunk columns) handed to threads;
// each tile's GEMM result is finished while it is in cache. Extra memory:
// n*d + n + d doubles shared, plus per thread chunk_rows*(d + 1) doubles and a
// chunk_rows x tile_cols double tile when the output is float32 or not
// row-major with unit column stride. chunk_rows <= 0 picks a default.
// Preconditions (checked by the binding): views in bounds and aligned, out does
// not overlap the inputs and has no zero stride on an axis longer than 1.
Status cdist(int dtype, int metric, int64_t m, int64_t n, int64_t d, const char* xa, int64_t xa_rs,
             int64_t xa_cs, const char* xb, int64_t xb_rs, int64_t xb_cs, char* out, int64_t out_rs, int64_t out_cs,
             int64_t chunk_rows, bool same, CdistStats* stats) noexcept;

}  // namespace numnode
