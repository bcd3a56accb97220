// scipy.spatial.distance's cdist, pdist and squareform for the 'euclidean',
// 'sqeuclidean' and 'cosine' metrics. cdist is one fused native kernel (centred norm
// trick with a GEMM per tile, finished in cache, entries at risk of cancellation
// recomputed directly; native/kernels/cdist.h) whose extra memory is bounded by the
// inputs' size plus one tile per thread, never by the m x n result.
//
// Differences from SciPy, by design: float32 inputs give float32 results (SciPy
// always returns float64; numnode keeps NumPy's float32-in, float32-out habit, and
// computes in double internally, so the values are SciPy's rounded to float32);
// integer and bool inputs give float64 as in SciPy.
import { DType, KIND } from '../core/dtype';
import { fail } from '../core/errors';
import { NDArray, checkOptions } from '../core/ndarray';
import { emptyOf, ArrayLike } from '../core/creation';
import { describe } from '../core/shape';
import { promoteTypes } from '../core/promotion';
import { copyInto } from '../backend/dispatch';
import { runCdist, CdistRun } from '../backend/linalg';
import { METRICS, type Metric } from '../backend/js/cdist';
import { toArray } from './linalg';

export type { Metric };

export interface CdistOptions {
  metric?: Metric;
  /** Rows of XA per tile (default 256): smaller bounds the per-thread scratch further. */
  chunkSize?: number;
}

let lastRun: CdistRun | null = null;
/** @internal What the last cdist did: workspace bytes, recomputed entries, tile size, backend. */
export function lastCdistRun(): CdistRun | null {
  return lastRun;
}

function checkMetric(m: unknown): Metric {
  if (typeof m !== 'string' || !(METRICS as readonly string[]).includes(m)) {
    return fail('ERR_NUMNODE_ARG', RangeError, `Unknown Distance Metric: ${typeof m === 'string' ? m : describe(m)}`);
  }
  return m as Metric;
}

function floatDType(...xs: NDArray[]): DType {
  const d = xs.map((x) => x.dtype).reduce((a, b) => promoteTypes(a, b));
  return d === 'float32' ? 'float32' : 'float64';
}

function as2d(x: unknown, name: string): NDArray {
  const a = toArray(x, name);
  if (a.ndim !== 2) fail('ERR_NUMNODE_SHAPE', RangeError, `${name} must be a 2-dimensional array.`);
  return a;
}

function sameView(a: NDArray, b: NDArray): boolean {
  return a === b || (a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.dtype === b.dtype
    && a.shape.every((d, i) => d === b.shape[i]) && a.strides.every((s, i) => s === b.strides[i]));
}

/**
 * Distances between every row of XA (m x d) and every row of XB (n x d): an m x n
 * array. 'euclidean' (default), 'sqeuclidean', 'cosine'. Agrees with SciPy's direct
 * computation to within 1e-12 relative (float64) on every entry; cdist(X, X) has an
 * exactly zero diagonal.
 */
export function cdist(XA: ArrayLike, XB: ArrayLike, opts?: CdistOptions): NDArray {
  checkOptions(opts, ['metric', 'chunkSize'], 'distance.cdist');
  const metric = checkMetric(opts?.metric ?? 'euclidean');
  const chunk = opts?.chunkSize ?? 0;
  if (typeof chunk !== 'number' || !Number.isInteger(chunk) || chunk < 0 || chunk > 2 ** 31 - 1) {
    fail('ERR_NUMNODE_ARG', RangeError, `distance.cdist: chunkSize must be a positive integer, got ${describe(chunk)}`);
  }
  const A0 = as2d(XA, 'XA');
  const B0 = as2d(XB, 'XB');
  if (A0.shape[1] !== B0.shape[1]) {
    fail('ERR_NUMNODE_SHAPE', RangeError, 'XA and XB must have the same number of columns (i.e. feature dimension.)');
  }
  const dtype = floatDType(A0, B0);
  const same = sameView(A0, B0);
  const A = A0.dtype === dtype ? A0 : A0.astype(dtype);
  const B = same ? A : B0.dtype === dtype ? B0 : B0.astype(dtype);
  const out = emptyOf([A.shape[0]!, B.shape[0]!], dtype);
  if (out.size === 0) return out;
  lastRun = runCdist(metric, A, B, out, chunk, same);
  return out;
}

/**
 * The condensed distance vector of the rows of X (n x d): the n(n-1)/2 distances
 * d(i, j), i < j, in row-major order, as scipy.spatial.distance.pdist. Computed in
 * row blocks with the cdist kernel, so the extra memory is one block.
 */
export function pdist(X: ArrayLike, opts?: { metric?: Metric }): NDArray {
  checkOptions(opts, ['metric'], 'distance.pdist');
  const metric = checkMetric(opts?.metric ?? 'euclidean');
  const A0 = toArray(X, 'X');
  if (A0.ndim !== 2) {
    fail('ERR_NUMNODE_SHAPE', RangeError, `A 2-dimensional array must be passed. (Shape was (${A0.shape.join(', ')}${A0.ndim === 1 ? ',' : ''})).`);
  }
  const dtype = floatDType(A0);
  const A = A0.dtype === dtype ? A0 : A0.astype(dtype);
  const n = A.shape[0]!;
  const res = emptyOf([Math.max(0, (n * (n - 1)) / 2)], dtype);
  if (res.size === 0) return res;
  // Rows per block so that a block holds about 2^20 distances.
  const rows = Math.max(1, Math.floor(2 ** 20 / n));
  let k = 0;
  for (let i0 = 0; i0 < n - 1; i0 += rows) {
    const i1 = Math.min(n - 1, i0 + rows);
    const D = cdist(A.slice(`${i0}:${i1}`), A.slice(`${i0 + 1}:`), { metric });
    // Row r of the block is point i0 + r against points i0 + 1 ..: its entries j > i start at column r.
    for (let r = 0; r < i1 - i0; r++) {
      const len = n - 1 - (i0 + r);
      copyInto(res.slice(`${k}:${k + len}`), D.slice(r, `${r}:`));
      k += len;
    }
  }
  return res;
}

/**
 * scipy.spatial.distance.squareform: a condensed vector of n(n-1)/2 distances to the
 * symmetric n x n matrix with a zero diagonal, or such a matrix back to its vector
 * (checked to be symmetric with a zero diagonal unless `checks: false`). The dtype is kept.
 */
export function squareform(X: ArrayLike, opts?: { checks?: boolean }): NDArray {
  checkOptions(opts, ['checks'], 'distance.squareform');
  const A = toArray(X, 'X');
  const checks = opts?.checks ?? true;
  if (A.ndim === 1) {
    const s = A.shape[0]!;
    if (s === 0) return emptyOf([1, 1], A.dtype, 'C', true);
    const d = Math.ceil(Math.sqrt(s * 2));
    if (d * (d - 1) !== s * 2) {
      fail('ERR_NUMNODE_SHAPE', RangeError, 'Incompatible vector size. It must be a binomial coefficient n choose 2 for some integer n >= 2.');
    }
    const M = emptyOf([d, d], A.dtype, 'C', true);
    let k = 0;
    for (let i = 0; i < d - 1; i++) {
      const len = d - 1 - i;
      const seg = A.slice(`${k}:${k + len}`);
      copyInto(M.slice(i, `${i + 1}:`), seg);
      copyInto(M.slice(`${i + 1}:`, i), seg);
      k += len;
    }
    return M;
  }
  if (A.ndim === 2) {
    if (A.shape[0] !== A.shape[1]) fail('ERR_NUMNODE_SHAPE', RangeError, 'The matrix argument must be square.');
    const d = A.shape[0]!;
    if (checks) {
      const data = A._data as unknown as { [i: number]: number | bigint };
      const at = (i: number, j: number) => data[(A.byteOffset + i * A.strides[0]! + j * A.strides[1]!) / A.itemsize]!;
      A._checkBuffer();
      for (let i = 0; i < d; i++) {
        for (let j = i + 1; j < d; j++) {
          if (at(i, j) !== at(j, i)) { // NaN is unequal to itself, as in SciPy's D == D.T
            fail('ERR_NUMNODE_ARG', RangeError, "Distance matrix 'X' must be symmetric.");
          }
        }
      }
      for (let i = 0; i < d; i++) {
        const v = at(i, i);
        if (KIND[A.dtype] === 'f' ? v !== 0 : BigInt(v) !== 0n) fail('ERR_NUMNODE_ARG', RangeError, "Distance matrix 'X' diagonal must be zero.");
      }
    }
    const res = emptyOf([Math.max(0, (d * (d - 1)) / 2)], A.dtype);
    let k = 0;
    for (let i = 0; i < d - 1; i++) {
      const len = d - 1 - i;
      copyInto(res.slice(`${k}:${k + len}`), A.slice(i, `${i + 1}:`));
      k += len;
    }
    return res;
  }
  return fail('ERR_NUMNODE_SHAPE', RangeError,
    `The first argument must be one or two dimensional array. A ${A.ndim}-dimensional array is not permitted`);
}

export const distance = { cdist, pdist, squareform };
