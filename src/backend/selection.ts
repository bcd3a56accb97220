// Sorting and selection kernels, routed to the addon or to the TypeScript kernels
// (src/backend/js/sort.ts, select.ts). Callers (src/ops/sort.ts, indexing.ts,
// statistics.ts) have validated shapes, dtypes, axes and kth; here each entry point
// re-checks that the buffers still hold the views, and picks a backend by size.
// An addon built before these kernels existed (a stale build) lacks the functions:
// then the TypeScript kernels run, whatever the backend mode.
import { DTYPE_CODE } from '../core/dtype';
import type { NDArray } from '../core/ndarray';
import { bytesOf } from '../core/ndarray';
import { nativeFor } from './backend';
import type { NativeBinding } from './native/binding';
import * as jsSort from './js/sort';
import * as jsSel from './js/select';

/**
 * Element counts from which 'auto' prefers the addon: below them the TypeScript
 * kernels finish before an addon call pays for itself. Measured on the 2-core dev
 * machine (float64, native against js, per call): sort/argsort 64 elements 8/9 µs
 * against 9/13 µs, 256 elements 18/28 µs against 59/75 µs; median and argpartition
 * break even between 64 and 256; take between 256 and 1024 (30 µs each at 256,
 * 54 against 103 µs at 1024); a[mask] at about 1024 (55 against 53 µs), 4096
 * 18 against 37 µs. Taken while other jobs loaded the machine: indicative.
 */
export const selectionThresholds = {
  sort: 256,
  select: 256,
  gather: 1024,
  mask: 2048,
};

type Fn = keyof NativeBinding;
function nat<K extends Fn>(size: number, threshold: number, fn: K): NativeBinding | null {
  const b = nativeFor(size, threshold);
  return b !== null && typeof b[fn] === 'function' ? b : null;
}

function laneView(a: NDArray): jsSort.LaneView {
  const is = a.itemsize;
  return { dtype: a.dtype, buffer: a.buffer, shape: a.shape, strides: a.strides.map((s) => s / is), off: a.byteOffset / is };
}

/** The bytes of an int64 array holding the kth positions (the addon's `kth` argument). */
function kthBytes(kths: readonly number[]): Uint8Array {
  const b = new BigInt64Array(kths.length);
  for (let i = 0; i < kths.length; i++) b[i] = BigInt(kths[i]!);
  return new Uint8Array(b.buffer);
}

const arr = (x: readonly number[]): number[] => x as number[];

/** Sorts every lane of `a` along `axis` in place; `stable` asks for a stable sort. */
export function sortInPlace(a: NDArray, axis: number, stable: boolean): void {
  a._checkBuffer();
  if (a.size === 0 || a.shape[axis]! < 2) return;
  const b = nat(a.size, selectionThresholds.sort, 'sort');
  if (b !== null) {
    b.sort!(DTYPE_CODE[a.dtype], stable ? 1 : 0, arr(a.shape), arr(a.strides), a.byteOffset, bytesOf(a.buffer), axis);
    return;
  }
  jsSort.sortLanes(laneView(a), axis);
}

/** out (int64, a's shape) = the sorting permutation of every lane of `a` along `axis`. */
export function argsortInto(a: NDArray, axis: number, stable: boolean, out: NDArray): void {
  a._checkBuffer();
  out._checkBuffer();
  if (a.size === 0) return;
  const b = nat(a.size, selectionThresholds.sort, 'argsort');
  if (b !== null) {
    b.argsort!(DTYPE_CODE[a.dtype], stable ? 1 : 0, arr(a.shape), arr(a.strides), a.byteOffset, bytesOf(a.buffer),
      arr(out.strides), out.byteOffset, bytesOf(out.buffer), axis);
    return;
  }
  jsSort.argsortLanes(laneView(a), axis, laneView(out));
}

/** Partitions every lane of `a` in place around the ascending, in-range kth positions. */
export function partitionInPlace(a: NDArray, axis: number, kths: readonly number[]): void {
  a._checkBuffer();
  if (a.size === 0 || kths.length === 0) return;
  const b = nat(a.size, selectionThresholds.select, 'partition');
  if (b !== null) {
    b.partition!(DTYPE_CODE[a.dtype], arr(a.shape), arr(a.strides), a.byteOffset, bytesOf(a.buffer), axis, kthBytes(kths));
    return;
  }
  jsSort.partitionLanes(laneView(a), axis, kths);
}

/** out (int64, a's shape) = a permutation of every lane partitioning it around the kth positions. */
export function argpartitionInto(a: NDArray, axis: number, kths: readonly number[], out: NDArray): void {
  a._checkBuffer();
  out._checkBuffer();
  if (a.size === 0) return;
  const b = nat(a.size, selectionThresholds.select, 'argpartition');
  if (b !== null) {
    b.argpartition!(DTYPE_CODE[a.dtype], arr(a.shape), arr(a.strides), a.byteOffset, bytesOf(a.buffer),
      arr(out.strides), out.byteOffset, bytesOf(out.buffer), axis, kthBytes(kths));
    return;
  }
  jsSort.argpartitionLanes(laneView(a), axis, kths, laneView(out));
}

/**
 * out[..., j] = the kths[j]-th order statistic of every lane of `a` along `axis`
 * (NaNs count as the largest values); `a` is not modified. out: a's dtype, shape
 * a.shape without axis, plus kths.length.
 */
export function selectInto(a: NDArray, axis: number, kths: readonly number[], out: NDArray): void {
  a._checkBuffer();
  out._checkBuffer();
  if (out.size === 0) return;
  const b = nat(a.size, selectionThresholds.select, 'select');
  if (b !== null) {
    b.select!(DTYPE_CODE[a.dtype], arr(a.shape), arr(a.strides), a.byteOffset, bytesOf(a.buffer), axis, kthBytes(kths),
      arr(out.strides), out.byteOffset, bytesOf(out.buffer));
    return;
  }
  jsSort.selectLanes(laneView(a), axis, kths, laneView(out));
}

// ---- gathers and scatters -------------------------------------------------------------------

/** One integer index array, already broadcast to the index space, and the source axis it indexes. */
export interface IndexArg {
  /** Integer dtype array with the index space's shape (zero strides where broadcast). */
  index: NDArray;
  /** Length and byte stride of the indexed axis in the source view. */
  len: number;
  stride: number;
}

/** The first out-of-bounds index: which operand, and its C-order position in the index space. */
export type BadIndex = jsSel.BadIndex;

function jsOps(ops: readonly IndexArg[], itemsize: number): jsSel.IndexOperand[] {
  return ops.map((o) => ({
    read: jsSel.indexReader(o.index.dtype, o.index.buffer),
    int64: o.index.dtype === 'int64' ? new Int32Array(o.index.buffer, 0, Math.floor(o.index.buffer.byteLength / 4)) : undefined,
    off: o.index.byteOffset / o.index.itemsize,
    strides: o.index.strides.map((s) => s / o.index.itemsize),
    len: o.len,
    axisStride: o.stride / itemsize,
  }));
}

function nativeOps(ops: readonly IndexArg[]): unknown[] {
  const flat: unknown[] = [];
  for (const o of ops) {
    flat.push(DTYPE_CODE[o.index.dtype], bytesOf(o.index.buffer), o.index.byteOffset, arr(o.index.strides), o.len, o.stride);
  }
  return flat;
}

/** The source side of a gather (or the destination of a scatter): a buffer, a base byte offset and the sub-space. */
export interface SubSpace {
  array: NDArray;
  base: number;
  shape: readonly number[];
  strides: readonly number[];
}

/** The other side: an array with strides over the index space, then over the sub-space. */
export interface Placed {
  array: NDArray;
  offset: number;
  idxStrides: readonly number[];
  subStrides: readonly number[];
}

const MODE: Readonly<Record<jsSel.IndexMode, number>> = jsSel.MODE_CODE;

/** out = src[indices] (see NativeBinding.gather). Returns the first bad index, or null. */
export function gatherInto(src: SubSpace, idxShape: readonly number[], ops: readonly IndexArg[], mode: jsSel.IndexMode, out: Placed): BadIndex | null {
  src.array._checkBuffer();
  out.array._checkBuffer();
  for (const o of ops) o.index._checkBuffer();
  const count = out.array.size;
  const b = nat(count, selectionThresholds.gather, 'gather');
  const is = src.array.itemsize;
  if (b !== null) {
    const r = b.gather!(is, MODE[mode], bytesOf(src.array.buffer), src.base, arr(src.shape), arr(src.strides), arr(idxShape),
      bytesOf(out.array.buffer), out.offset, arr(out.idxStrides), arr(out.subStrides), ...nativeOps(ops));
    return r === null ? null : reportedBadIndex(idxShape, ops, mode, is);
  }
  const bad = jsSel.gather(is, src.array.buffer, src.base / is, src.shape, src.strides.map((s) => s / is), idxShape, jsOps(ops, is), MODE[mode],
    out.array.buffer, { off: out.offset / is, idxStrides: out.idxStrides.map((s) => s / is), subStrides: out.subStrides.map((s) => s / is) });
  return bad === null ? null : reportedBadIndex(idxShape, ops, mode, is);
}

/**
 * The bad index NumPy reports (the first operand holding one, at its first bad
 * position), once a kernel has found that there is one: kernels stop at the first
 * bad index in their own order, which need not be NumPy's.
 */
export function reportedBadIndex(idxShape: readonly number[], ops: readonly IndexArg[], mode: jsSel.IndexMode, itemsize: number): BadIndex {
  return jsSel.checkIndices(idxShape, jsOps(ops, itemsize), MODE[mode])!;
}

/** dst[indices] = value (see NativeBinding.scatter): nothing is written when an index is bad. */
export function scatterFrom(dst: SubSpace, idxShape: readonly number[], ops: readonly IndexArg[], mode: jsSel.IndexMode, val: Placed): BadIndex | null {
  dst.array._checkBuffer();
  val.array._checkBuffer();
  for (const o of ops) o.index._checkBuffer();
  let count = 1;
  for (const d of idxShape) count *= d;
  for (const d of dst.shape) count *= d;
  const b = nat(count, selectionThresholds.gather, 'scatter');
  const is = dst.array.itemsize;
  if (b !== null) {
    const r = b.scatter!(is, MODE[mode], bytesOf(dst.array.buffer), dst.base, arr(dst.shape), arr(dst.strides), arr(idxShape),
      bytesOf(val.array.buffer), val.offset, arr(val.idxStrides), arr(val.subStrides), ...nativeOps(ops));
    return r === null ? null : reportedBadIndex(idxShape, ops, mode, is);
  }
  return jsSel.scatter(is, dst.array.buffer, dst.base / is, dst.shape, dst.strides.map((s) => s / is), idxShape, jsOps(ops, is), MODE[mode],
    val.array.buffer, { off: val.offset / is, idxStrides: val.idxStrides.map((s) => s / is), subStrides: val.subStrides.map((s) => s / is) });
}

// ---- masks and nonzero -------------------------------------------------------------------------

/** The number of nonzero elements of `a` (NaN counts as nonzero). */
export function countNonzero(a: NDArray): number {
  a._checkBuffer();
  if (a.size === 0) return 0;
  const b = nat(a.size, selectionThresholds.mask, 'countNonzero');
  if (b !== null) return b.countNonzero!(DTYPE_CODE[a.dtype], arr(a.shape), arr(a.strides), a.byteOffset, bytesOf(a.buffer));
  const is = a.itemsize;
  return jsSel.countNonzero(jsSel.truthReader(a.dtype, a.buffer), a.shape, a.strides.map((s) => s / is), a.byteOffset / is);
}

/** out: a C-contiguous int64 array of shape [count, a.ndim] receiving the coordinates of the nonzero elements. */
export function nonzeroInto(a: NDArray, count: number, out: NDArray): void {
  a._checkBuffer();
  out._checkBuffer();
  if (count === 0 || a.ndim === 0) return;
  const b = nat(a.size, selectionThresholds.mask, 'nonzero');
  if (b !== null) {
    b.nonzero!(DTYPE_CODE[a.dtype], arr(a.shape), arr(a.strides), a.byteOffset, bytesOf(a.buffer), bytesOf(out.buffer), out.byteOffset, count);
    return;
  }
  const is = a.itemsize;
  jsSel.nonzeroCoords(jsSel.truthReader(a.dtype, a.buffer), a.shape, a.strides.map((s) => s / is), a.byteOffset / is,
    jsSort.wordsOf(out.buffer), out.byteOffset / 4);
}

/** out (contiguous 1-D of `count` elements) = the elements of `a` where `mask` (bool, a's shape) is true. */
export function maskGatherInto(a: NDArray, mask: NDArray, count: number, out: NDArray): void {
  a._checkBuffer();
  mask._checkBuffer();
  out._checkBuffer();
  if (count === 0) return;
  const b = nat(a.size, selectionThresholds.mask, 'maskGather');
  if (b !== null) {
    b.maskGather!(a.itemsize, arr(a.shape), bytesOf(a.buffer), arr(a.strides), a.byteOffset,
      bytesOf(mask.buffer), arr(mask.strides), mask.byteOffset, bytesOf(out.buffer), out.byteOffset, count);
    return;
  }
  const is = a.itemsize;
  jsSel.maskGather(is, a.shape, a.buffer, a.strides.map((s) => s / is), a.byteOffset / is,
    jsSel.truthReader('bool', mask.buffer), mask.strides, mask.byteOffset, out.buffer, out.byteOffset / is);
}

/**
 * Writes val's elements (1-D, `count` of them, or one broadcast when valStride is 0)
 * to the elements of `a` where `mask` is true, in C order.
 */
export function maskScatterFrom(a: NDArray, mask: NDArray, count: number, val: NDArray, valStride: number): void {
  a._checkBuffer();
  mask._checkBuffer();
  val._checkBuffer();
  if (count === 0) return;
  const b = nat(a.size, selectionThresholds.mask, 'maskScatter');
  if (b !== null) {
    b.maskScatter!(a.itemsize, arr(a.shape), bytesOf(a.buffer), arr(a.strides), a.byteOffset,
      bytesOf(mask.buffer), arr(mask.strides), mask.byteOffset, bytesOf(val.buffer), val.byteOffset, valStride, count);
    return;
  }
  const is = a.itemsize;
  jsSel.maskScatter(is, a.shape, a.buffer, a.strides.map((s) => s / is), a.byteOffset / is,
    jsSel.truthReader('bool', mask.buffer), mask.strides, mask.byteOffset, val.buffer, val.byteOffset / is, valStride / is);
}
