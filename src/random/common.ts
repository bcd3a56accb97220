// Argument handling shared by RandomState and Generator: sizes, output arrays, broadcast
// distribution parameters (NumPy's `cont` helper), parameter constraints, and the pieces
// of `choice` (Kahan sum, cdf, searchsorted, take).
import type { DType } from '../core/dtype';
import { fail, shapeStr } from '../core/errors';
import { NDArray } from '../core/ndarray';
import { asarray, emptyOf, type ArrayLike as NDArrayLike } from '../core/creation';
import { broadcastShapes, describe, toShape } from '../core/shape';
import { copyInto } from '../backend/dispatch';

/** A NumPy `size`: null/undefined for one scalar draw, a number or a shape for an array. */
export type Size = number | readonly number[] | null | undefined;
/** An output shape: a length or a list of lengths. */
export type Shape = number | readonly number[];

/** The output shape for `size`, or null for a scalar draw. */
export function sizeShape(size: unknown): number[] | null {
  if (size === undefined || size === null) return null;
  return toShape(size, 'size');
}

export function argError(message: string): never {
  return fail('ERR_NUMNODE_ARG', RangeError, message);
}

export function typeError(message: string): never {
  return fail('ERR_NUMNODE_ARG', TypeError, message);
}

/** A fresh C-contiguous array and the index of its first element in its `_data`. */
export function newOut<D extends DType>(shape: readonly number[], dtype: D): { arr: NDArray<D>; start: number } {
  const arr = emptyOf(shape, dtype);
  return { arr, start: arr.byteOffset / arr.itemsize };
}

/** A number from a JS number, a bigint or a 0-d array; NumPy's PyFloat_AsDouble for parameters. */
export function toDouble(x: unknown, name: string): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof NDArray && x.ndim === 0) return Number(x.item());
  return typeError(`${name} must be a number, got ${describe(x)}`);
}

export type Constraint = 'none' | 'nonNegative' | 'positive';

/** NumPy's check_constraint for a double parameter. */
export function checkConstraint(v: number, name: string, cons: Constraint): void {
  if (cons === 'nonNegative') {
    if (!Number.isNaN(v) && (v < 0 || Object.is(v, -0))) argError(`${name} < 0`);
  } else if (cons === 'positive') {
    if (v <= 0) argError(`${name} <= 0`);
  }
}

function isScalarParam(x: unknown): boolean {
  return typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' || (x instanceof NDArray && x.ndim === 0);
}

export interface Param {
  value: unknown;
  name: string;
  cons: Constraint;
}

/**
 * NumPy's `cont`: draws from f(a, b) for scalar or broadcast array parameters. Scalars and
 * no size give a JS number; otherwise a float64 array of `size` (which must be the
 * broadcast shape of the parameters and itself) or of the parameters' broadcast shape.
 */
export function cont(
  size: Size, params: readonly Param[],
  f: (a: number, b: number) => number,
  fill?: (out: Float64Array, start: number, n: number, a: number, b: number) => void,
): number | NDArray<'float64'> {
  const shape = sizeShape(size);
  if (params.every((p) => isScalarParam(p.value))) {
    const v = params.map((p) => toDouble(p.value, p.name));
    params.forEach((p, i) => checkConstraint(v[i]!, p.name, p.cons));
    const a = v[0] ?? 0;
    const b = v[1] ?? 0;
    if (shape === null) return f(a, b);
    const { arr, start } = newOut(shape, 'float64');
    const data = arr._data;
    if (fill) fill(data, start, arr.size, a, b);
    else for (let i = start, end = start + arr.size; i < end; i++) data[i] = f(a, b);
    return arr;
  }
  const arrs = params.map((p) => asarray(p.value as NDArrayLike, { dtype: 'float64' }));
  arrs.forEach((x, i) => {
    const p = params[i]!;
    if (p.cons === 'none') return;
    const vals = x.toTypedArray() as Float64Array;
    for (const v of vals) checkConstraint(v, p.name, p.cons);
  });
  const bshape = broadcastShapes(...arrs.map((x) => x.shape));
  let outShape: number[];
  if (shape !== null) {
    const it = broadcastShapes(shape, bshape); // incompatible shapes: NumPy's shape mismatch error
    if (it.length !== shape.length || it.some((d, i) => d !== shape[i])) {
      argError(`Output size ${shapeStr(shape)} is not compatible with broadcast dimensions of inputs ${shapeStr(it)}.`);
    }
    outShape = shape;
  } else outShape = bshape;
  const flat = arrs.map((x) => x.broadcastTo(outShape).toTypedArray() as Float64Array);
  const { arr, start } = newOut(outShape, 'float64');
  const data = arr._data;
  const fa = flat[0]!;
  const fb = flat[1];
  for (let i = 0; i < arr.size; i++) data[start + i] = f(fa[i]!, fb === undefined ? 0 : fb[i]!);
  return arr;
}

/** NumPy's kahan_sum over a Float64Array. */
export function kahanSum(p: Float64Array): number {
  const n = p.length;
  if (n <= 0) return 0.0;
  let sum = p[0]!;
  let c = 0.0;
  for (let i = 1; i < n; i++) {
    const y = p[i]! - c;
    const t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  return sum;
}

/** cdf = cumsum(p); cdf /= cdf[-1] (sequential sums, as np.cumsum). */
export function normalizedCdf(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let acc = 0;
  for (let i = 0; i < p.length; i++) { acc += p[i]!; cdf[i] = acc; }
  const last = cdf[cdf.length - 1]!;
  for (let i = 0; i < cdf.length; i++) cdf[i] = cdf[i]! / last;
  return cdf;
}

/** np.searchsorted(cdf, x, side='right'): the number of entries <= x. */
export function searchRight(cdf: Float64Array, x: number): number {
  let lo = 0;
  let hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export interface ChoiceP {
  p: Float64Array;
}

/**
 * Validates `p` of choice() as NumPy does (1-d, same size as the population, no NaN, no
 * negatives, Kahan sum within sqrt(eps) of 1 — sqrt(eps) of p's own float dtype when larger).
 */
export function checkChoiceP(pIn: unknown, popSize: number, legacy: boolean): Float64Array {
  let atol = Math.sqrt(2.220446049250313e-16);
  if (pIn instanceof NDArray && pIn.dtype === 'float32') atol = Math.max(atol, Math.sqrt(1.1920928955078125e-7));
  const pa = asarray(pIn as NDArrayLike, { dtype: 'float64' });
  if (pa.ndim !== 1) argError(legacy ? "'p' must be 1-dimensional" : 'p must be 1-dimensional');
  if (pa.size !== popSize) argError(legacy ? "'a' and 'p' must have same size" : 'a and p must have same size');
  const p = pa.toTypedArray() as Float64Array;
  const sum = kahanSum(p);
  if (Number.isNaN(sum)) argError(legacy ? 'probabilities contain NaN' : 'Probabilities contain NaN');
  for (const v of p) if (v < 0) argError(legacy ? 'probabilities are not non-negative' : 'Probabilities are not non-negative');
  if (Math.abs(sum - 1.0) > atol) {
    argError(legacy ? 'probabilities do not sum to 1'
      : 'Probabilities do not sum to 1. See Notes section of docstring for more information.');
  }
  return p;
}

/** int64 array of `shape` from JS integer values (exact below 2**53). */
export function int64Array(values: ArrayLike<number> | Float64Array, shape: readonly number[]): NDArray<'int64'> {
  const { arr } = newOut(shape, 'int64');
  const words = new Int32Array(arr.buffer, arr.byteOffset, arr.size * 2);
  for (let i = 0; i < arr.size; i++) {
    const v = values[i]!; // a non-negative index below 2**53
    words[2 * i] = v % 4294967296;
    words[2 * i + 1] = Math.floor(v / 4294967296);
  }
  return arr;
}

/**
 * a.take(idx, axis): a copy with the indexed subarrays along `axis`, in the order of idx;
 * the result shape is a.shape with axis replaced by idxShape.
 */
export function takeAlong(a: NDArray, idx: ArrayLike<number>, idxShape: readonly number[], axis: number): NDArray {
  const n = idx.length;
  const outShape = [...a.shape.slice(0, axis), ...idxShape, ...a.shape.slice(axis + 1)];
  const out = emptyOf(outShape, a.dtype);
  if (out.size === 0) return out;
  const flatOut = out.reshape([...a.shape.slice(0, axis), n, ...a.shape.slice(axis + 1)]);
  if (a.ndim === 1) {
    a._checkBuffer();
    const src = a._data as unknown as { [i: number]: number | bigint };
    const dst = flatOut._data as unknown as { [i: number]: number | bigint };
    const s0 = a.byteOffset / a.itemsize;
    const st = a.strides[0]! / a.itemsize;
    const d0 = flatOut.byteOffset / flatOut.itemsize;
    for (let i = 0; i < n; i++) dst[d0 + i] = src[s0 + idx[i]! * st]!;
    return out;
  }
  const pre: (number | string)[] = new Array<string>(axis).fill(':');
  for (let i = 0; i < n; i++) copyInto(flatOut.slice(...pre, i, '...'), a.slice(...pre, idx[i]!, '...'));
  return out;
}
