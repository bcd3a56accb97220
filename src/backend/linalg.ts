// Routing of the linear-algebra kernels (matmul, einsum's sum of products, cdist) to
// the addon or to the TypeScript kernels, the way dispatch.ts routes copies. Callers
// (src/ops/linalg.ts, src/ops/einsum/, src/ops/distance.ts) have validated shapes and
// dtypes and made sure outputs do not overlap inputs; here the buffers are re-checked
// (a detached or shrunk buffer is an error) before any kernel runs.
import { DTYPE_CODE, type DType } from '../core/dtype';
import { bytesOf, type NDArray } from '../core/ndarray';
import { fail } from '../core/errors';
import { nativeFor, thresholds } from './backend';
import { matmulStrided } from './js/gemm';
import { sumProducts as jsSumProducts } from './js/einsum';
import { cdistDirect, type Metric, METRICS } from './js/cdist';

/**
 * Work sizes from which 'auto' prefers the addon (backend.ts `thresholds`, shown by
 * config()): multiply-adds for matmul, elements touched for the sum of products,
 * distance entries times row length for cdist. Below them the TypeScript kernels win
 * by skipping the call overhead.
 */
export const linalgThresholds = thresholds;

/** The MatmulPath flags of native/kernels/gemm.h, by name (for tests and notes). */
export const MATMUL_PATH = {
  gemm: 1, syrk: 2, gemv: 4, dot: 8, copyA: 16, copyB: 32, stageC: 64, loops: 128, batchParallel: 256, zeroK: 512,
} as const;

let lastPath: number | null = null;
/** @internal What the last matmul did: MATMUL_PATH flags, or null when the TypeScript kernel ran. */
export function lastMatmulPath(): number | null {
  return lastPath;
}

function elementStrides(a: NDArray, strides: readonly number[] = a.strides): number[] {
  return strides.map((s) => s / a.itemsize);
}

function check(...arrays: NDArray[]): void {
  for (const a of arrays) a._checkBuffer();
}

/**
 * C = A @ B over a batch: A has shape batch + [m, k], B batch + [k, n], C batch + [m, n]
 * (A and B may have zero strides on batch axes). All three of `dtype`. `aStrides` and
 * `bStrides` (bytes, batch + 2 entries) read A and B in another layout than their own,
 * e.g. a transposed one, without building a view: the small-call paths of matmul and
 * einsum, where at 3x4 @ 4x5 the views cost more than the product.
 */
export function runMatmul(
  batch: readonly number[], m: number, n: number, k: number, A: NDArray, B: NDArray, C: NDArray,
  aStrides: readonly number[] = A.strides, bStrides: readonly number[] = B.strides,
): void {
  check(A, B, C);
  const dtype = C.dtype;
  let batches = 1;
  for (const d of batch) batches *= d;
  const nat = nativeFor(batches * m * n * Math.max(k, 1), linalgThresholds.matmul);
  if (nat !== null && typeof nat.matmul === 'function') {
    lastPath = nat.matmul(DTYPE_CODE[dtype], batch as number[], m, n, k,
      bytesOf(A.buffer), aStrides as number[], A.byteOffset,
      bytesOf(B.buffer), bStrides as number[], B.byteOffset,
      bytesOf(C.buffer), C.strides as number[], C.byteOffset);
    return;
  }
  lastPath = null;
  matmulStrided(dtype, batch, m, n, k,
    { data: A._data, strides: elementStrides(A, aStrides), offset: A.byteOffset / A.itemsize },
    { data: B._data, strides: elementStrides(B, bStrides), offset: B.byteOffset / B.itemsize },
    { data: C._data, strides: elementStrides(C), offset: C.byteOffset / C.itemsize });
}

/** One operand of a sum of products: an array and its byte stride along every label. */
export interface LabelledArray {
  array: NDArray;
  /** Byte strides, one per label (0 where the array lacks the label). */
  strides: readonly number[];
}

/**
 * out[o] = sum_r prod_k ops[k][o, r] (native/kernels/einsum.h): `shape` lists the
 * labels' lengths, the first `nout` being the output's; `outStrides` are the output's
 * byte strides along them. Everything has dtype `out.dtype`. `bare`: bare products
 * keep -0.0 (np.multiply); otherwise they are added to +0.0 as NumPy's einsum does.
 */
export function runSumProducts(
  shape: readonly number[], nout: number, ops: readonly LabelledArray[], out: NDArray, outStrides: readonly number[],
  bare = false,
): void {
  check(out, ...ops.map((o) => o.array));
  const dtype: DType = out.dtype;
  let work = ops.length;
  for (const d of shape) work *= d;
  const nat = nativeFor(work, linalgThresholds.sumProducts);
  if (nat !== null && typeof nat.sumProducts === 'function') {
    const L = shape.length;
    const strides = new Float64Array(ops.length * L);
    ops.forEach((o, k) => { for (let l = 0; l < L; l++) strides[k * L + l] = o.strides[l]!; });
    nat.sumProducts(DTYPE_CODE[dtype], shape as number[], nout, ops.map((o) => bytesOf(o.array.buffer)), strides,
      ops.map((o) => o.array.byteOffset), bytesOf(out.buffer), outStrides as number[], out.byteOffset, bare);
    return;
  }
  jsSumProducts(dtype, shape,
    nout,
    ops.map((o) => ({ data: o.array._data, strides: elementStrides(o.array, o.strides), offset: o.array.byteOffset / o.array.itemsize })),
    { data: out._data, strides: elementStrides(out, outStrides), offset: out.byteOffset / out.itemsize }, bare);
}

export interface CdistRun {
  /** Peak temporary memory, in bytes (0 for the TypeScript kernel, which allocates none beyond the norms). */
  workspaceBytes: number;
  /** Entries recomputed directly because the norm trick could have lost digits there. */
  recomputed: number;
  tileRows: number;
  tileCols: number;
  backend: 'native' | 'js';
}

/** out (m x n) = distances between the rows of XA (m x d) and XB (n x d); float32/float64 throughout. */
export function runCdist(metric: Metric, XA: NDArray, XB: NDArray, out: NDArray, chunkRows: number, same: boolean): CdistRun {
  check(XA, XB, out);
  const [m, d] = XA.shape as [number, number];
  const n = XB.shape[0]!;
  const nat = nativeFor(m * n * Math.max(d, 1), linalgThresholds.cdist);
  const code = METRICS.indexOf(metric);
  if (code < 0) fail('ERR_NUMNODE_ARG', RangeError, `unknown metric ${metric}`);
  if (nat !== null && typeof nat.cdist === 'function') {
    const r = nat.cdist(DTYPE_CODE[out.dtype], code, m, n, d,
      bytesOf(XA.buffer), XA.strides as number[], XA.byteOffset,
      bytesOf(XB.buffer), XB.strides as number[], XB.byteOffset,
      bytesOf(out.buffer), out.strides as number[], out.byteOffset, chunkRows, same);
    return { ...r, backend: 'native' };
  }
  const rows = (a: NDArray) => ({
    data: a._data, rowStride: a.strides[0]! / a.itemsize, colStride: a.strides[1]! / a.itemsize, offset: a.byteOffset / a.itemsize,
  });
  cdistDirect(metric, m, n, d, rows(XA), rows(XB), rows(out), same);
  return { workspaceBytes: (metric === 'cosine' ? m + n : 0) * 8, recomputed: 0, tileRows: m, tileCols: n, backend: 'js' };
}
