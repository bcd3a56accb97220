// The TypeScript matrix product: the same contract as the addon's matmul
// (native/kernels/gemm.h) over typed arrays with ELEMENT strides and offsets (numnode
// arrays are aligned to their itemsize). Semantics match NumPy's: floats are summed
// in double (float32 rounds once at the end, at least as accurate as sgemm);
// integers wrap modulo 2^bits (Math.imul and `| 0` for up to 32 bits, BigInt for
// 64); bool is OR of ANDs. The loop order is i-l-j with a row accumulator, so B and
// C are walked along rows (unit stride in the common layouts).
import type { DType } from '../../core/dtype';

/** Elements of a typed array, read and written by index. */
export type Elements = { [i: number]: number | bigint; length: number };

export interface StridedView {
  data: Elements;
  /** Element strides, batch axes first, then rows, then columns. */
  strides: readonly number[];
  /** Element index of element [0, ..., 0]. */
  offset: number;
}

/**
 * C[b] = A[b] @ B[b] for every batch index b (A[b] m x k, B[b] k x n). The caller
 * guarantees bounds, a common dtype, and that C does not overlap A or B.
 */
export function matmulStrided(
  dtype: DType, batchShape: readonly number[], m: number, n: number, k: number,
  a: StridedView, b: StridedView, c: StridedView,
): void {
  const nb = batchShape.length;
  let batches = 1;
  for (const d of batchShape) batches *= d;
  if (batches === 0 || m === 0 || n === 0) return;
  const kernel = KERNELS[kindOf(dtype)];
  const idx = new Array<number>(nb).fill(0);
  let ao = a.offset, bo = b.offset, co = c.offset;
  for (let t = 0; t < batches; t++) {
    kernel(m, n, k, a.data, ao, a.strides[nb]!, a.strides[nb + 1]!, b.data, bo, b.strides[nb]!, b.strides[nb + 1]!,
      c.data, co, c.strides[nb]!, c.strides[nb + 1]!);
    for (let d = nb - 1; d >= 0; d--) {
      ao += a.strides[d]!; bo += b.strides[d]!; co += c.strides[d]!;
      if (++idx[d]! < batchShape[d]!) break;
      ao -= a.strides[d]! * batchShape[d]!; bo -= b.strides[d]! * batchShape[d]!; co -= c.strides[d]! * batchShape[d]!;
      idx[d] = 0;
    }
  }
}

type Kind = 'float' | 'int32' | 'bigint' | 'bool';
function kindOf(d: DType): Kind {
  if (d === 'float32' || d === 'float64') return 'float';
  if (d === 'int64' || d === 'uint64') return 'bigint';
  if (d === 'bool') return 'bool';
  return 'int32';
}

type Kernel2D = (
  m: number, n: number, k: number,
  A: Elements, ao: number, ars: number, acs: number,
  B: Elements, bo: number, brs: number, bcs: number,
  C: Elements, co: number, crs: number, ccs: number,
) => void;

// The float kernel's four row accumulators, reused between calls when n is small:
// allocating four typed arrays cost about as much as a whole 3x4 @ 4x5 product
// (measured), the per-call overhead that decides at the sizes that run here. Large
// rows get fresh arrays so that no big buffer stays referenced. JS is single-threaded
// and the kernel calls nothing that could re-enter it, so one set suffices.
const SCRATCH_N = 256;
const scratch = [new Float64Array(SCRATCH_N), new Float64Array(SCRATCH_N), new Float64Array(SCRATCH_N), new Float64Array(SCRATCH_N)] as const;
const accumulator = (r: number, n: number): Float64Array => (n <= SCRATCH_N ? scratch[r] : new Float64Array(n));

const floatKernel: Kernel2D = (m, n, k, A0, ao, ars, acs, B0, bo, brs, bcs, C0, co, crs, ccs) => {
  const A = A0 as Float64Array, B = B0 as Float64Array, C = C0 as Float64Array;
  const acc = accumulator(0, n);
  let i = 0;
  if (bcs === 1 && m >= 4) {
    // Four rows of C at a time: each element of B, once loaded, feeds four
    // accumulators (the loads of B, not the arithmetic, bound this loop in JS).
    const acc1 = accumulator(1, n), acc2 = accumulator(2, n), acc3 = accumulator(3, n);
    for (; i + 4 <= m; i += 4) {
      acc.fill(0, 0, n); acc1.fill(0, 0, n); acc2.fill(0, 0, n); acc3.fill(0, 0, n);
      const r0 = ao + i * ars;
      for (let l = 0; l < k; l++) {
        const p = r0 + l * acs;
        const x0 = A[p]!, x1 = A[p + ars]!, x2 = A[p + 2 * ars]!, x3 = A[p + 3 * ars]!;
        const brow = bo + l * brs;
        for (let j = 0; j < n; j++) {
          const b = B[brow + j]!;
          acc[j] += x0 * b; acc1[j] += x1 * b; acc2[j] += x2 * b; acc3[j] += x3 * b;
        }
      }
      for (let j = 0, p = co + i * crs; j < n; j++, p += ccs) C[p] = acc[j]!;
      for (let j = 0, p = co + (i + 1) * crs; j < n; j++, p += ccs) C[p] = acc1[j]!;
      for (let j = 0, p = co + (i + 2) * crs; j < n; j++, p += ccs) C[p] = acc2[j]!;
      for (let j = 0, p = co + (i + 3) * crs; j < n; j++, p += ccs) C[p] = acc3[j]!;
    }
  }
  for (; i < m; i++) {
    acc.fill(0, 0, n);
    const arow = ao + i * ars;
    for (let l = 0; l < k; l++) {
      const x = A[arow + l * acs]!;
      const brow = bo + l * brs;
      if (bcs === 1) for (let j = 0; j < n; j++) acc[j] += x * B[brow + j]!;
      else for (let j = 0, p = brow; j < n; j++, p += bcs) acc[j] += x * B[p]!;
    }
    const crow = co + i * crs;
    for (let j = 0, p = crow; j < n; j++, p += ccs) C[p] = acc[j]!;
  }
};

const int32Kernel: Kernel2D = (m, n, k, A0, ao, ars, acs, B0, bo, brs, bcs, C0, co, crs, ccs) => {
  const A = A0 as Int32Array, B = B0 as Int32Array, C = C0 as Int32Array;
  const acc = new Int32Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    const arow = ao + i * ars;
    for (let l = 0; l < k; l++) {
      const x = A[arow + l * acs]!;
      if (x === 0) continue;
      for (let j = 0, p = bo + l * brs; j < n; j++, p += bcs) acc[j] = (acc[j]! + Math.imul(x, B[p]!)) | 0;
    }
    // The store into the dtype's typed array keeps the low 8/16/32 bits: NumPy's wrap.
    for (let j = 0, p = co + i * crs; j < n; j++, p += ccs) C[p] = acc[j]!;
  }
};

const bigintKernel: Kernel2D = (m, n, k, A0, ao, ars, acs, B0, bo, brs, bcs, C0, co, crs, ccs) => {
  const A = A0 as BigInt64Array, B = B0 as BigInt64Array, C = C0 as BigInt64Array;
  const acc = new Array<bigint>(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0n);
    const arow = ao + i * ars;
    for (let l = 0; l < k; l++) {
      const x = A[arow + l * acs]!;
      if (x === 0n) continue;
      for (let j = 0, p = bo + l * brs; j < n; j++, p += bcs) acc[j] = BigInt.asUintN(64, acc[j]! + x * B[p]!);
    }
    // BigInt64Array / BigUint64Array stores wrap modulo 2^64.
    for (let j = 0, p = co + i * crs; j < n; j++, p += ccs) C[p] = acc[j]!;
  }
};

const boolKernel: Kernel2D = (m, n, k, A0, ao, ars, acs, B0, bo, brs, bcs, C0, co, crs, ccs) => {
  const A = A0 as Uint8Array, B = B0 as Uint8Array, C = C0 as Uint8Array;
  const acc = new Uint8Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    const arow = ao + i * ars;
    for (let l = 0; l < k; l++) {
      if (A[arow + l * acs] === 0) continue;
      for (let j = 0, p = bo + l * brs; j < n; j++, p += bcs) if (B[p] !== 0) acc[j] = 1;
    }
    for (let j = 0, p = co + i * crs; j < n; j++, p += ccs) C[p] = acc[j]!;
  }
};

const KERNELS: Record<Kind, Kernel2D> = { float: floatKernel, int32: int32Kernel, bigint: bigintKernel, bool: boolKernel };
