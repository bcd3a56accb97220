// The TypeScript pairwise distances: the same results as the addon's fused kernel
// (native/kernels/cdist.h), computed directly. Euclidean and squared Euclidean are
// SciPy's own loop, sum((a - b)^2) in double in index order, so they agree with
// SciPy bit for bit; cosine is 1 - a.b / (|a| |b|) clipped to [0, 2] with small
// distances recomputed as |a/|a| - b/|b||^2 / 2 (the native kernel's rule), NaN for a
// zero row. Element strides and offsets; float32 results round once on the store.
import type { Elements } from './gemm';

export const METRICS = ['euclidean', 'sqeuclidean', 'cosine'] as const;
export type Metric = (typeof METRICS)[number];

export interface Rows {
  data: Elements;
  rowStride: number;
  colStride: number;
  offset: number;
}

const U64 = 1.1102230246251565e-16;
const TARGET = 1e-13;

/** Below this cosine distance the native kernel (and this one) recomputes the entry. */
export function cosineRecomputeBound(d: number): number {
  return ((2 * d + 3) * U64) / TARGET * (1 + 4 * TARGET);
}

export function cdistDirect(
  metric: Metric, m: number, n: number, d: number, xa: Rows, xb: Rows,
  out: { data: Elements; rowStride: number; colStride: number; offset: number }, same: boolean,
): void {
  const A = xa.data as Float64Array, B = xb.data as Float64Array, O = out.data as Float64Array;
  if (metric === 'cosine') {
    const na = rowNorms(A, xa, m, d);
    const nb = same ? na : rowNorms(B, xb, n, d);
    const thr = cosineRecomputeBound(d);
    for (let i = 0; i < m; i++) {
      const ra = xa.offset + i * xa.rowStride;
      for (let j = 0; j < n; j++) {
        const rb = xb.offset + j * xb.rowStride;
        const a = na[i]!, b = nb[j]!;
        let v: number;
        if (a === 0 || b === 0 || d === 0) v = NaN;
        else {
          let dot = 0;
          for (let l = 0; l < d; l++) dot += A[ra + l * xa.colStride]! * B[rb + l * xb.colStride]!;
          v = 1 - dot / (a * b);
          if (!(v >= thr)) {
            let s = 0;
            for (let l = 0; l < d; l++) {
              const t = A[ra + l * xa.colStride]! / a - B[rb + l * xb.colStride]! / b;
              s += t * t;
            }
            v = 0.5 * s;
          }
          v = Math.min(2, Math.max(0, v));
        }
        O[out.offset + i * out.rowStride + j * out.colStride] = v;
      }
    }
    return;
  }
  const sq = metric === 'sqeuclidean';
  for (let i = 0; i < m; i++) {
    const ra = xa.offset + i * xa.rowStride;
    for (let j = 0; j < n; j++) {
      const rb = xb.offset + j * xb.rowStride;
      let s = 0; // on the diagonal of cdist(X, X): exactly 0 for a finite row
      for (let l = 0; l < d; l++) {
        const t = A[ra + l * xa.colStride]! - B[rb + l * xb.colStride]!;
        s += t * t;
      }
      O[out.offset + i * out.rowStride + j * out.colStride] = sq ? s : Math.sqrt(s);
    }
  }
}

function rowNorms(X: Float64Array, x: Rows, rows: number, d: number): Float64Array {
  const r = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let l = 0, p = x.offset + i * x.rowStride; l < d; l++, p += x.colStride) s += X[p]! * X[p]!;
    r[i] = Math.sqrt(s);
  }
  return r;
}
