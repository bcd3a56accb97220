// Reductions: sum, prod, mean, std, var, min/amin, max/amax, argmin, argmax, all,
// any, nansum, nanmean, nanmin, nanmax — as functions (np.sum(a, {axis})) and as
// NDArray methods (a.sum({axis})). NumPy 2 is the reference for result dtypes,
// empty inputs, errors and warnings; where numnode differs on purpose it says so:
//
//  - Accuracy and determinism. Floating sums (sum, mean, var, std, nansum, nanmean)
//    add along a fixed pairwise tree (native/kernels/reduce.h): O(log n) error like
//    NumPy's pairwise summation, also along axis=0 where NumPy adds row by row, and
//    the same bits on every thread count and on both backends. float32 inputs are
//    summed in float64 and rounded once, so a float32 sum is (almost always) the
//    correctly rounded value; NumPy's float32 sum keeps float32 partial sums.
//  - Scalars. A reduction over all axes (no `axis`, no `keepdims`, no `out`) returns a
//    JS scalar: number, bigint for int64/uint64 results (so np.sum of an int array
//    is a bigint, as NumPy's is an int64), boolean for bool. With an `axis` the
//    result is an NDArray even when it is 0-d (API.md: "with keepdims or an axis,
//    results are NDArrays"); NumPy would give a scalar for a 1-d input.
//  - min/max of zeros: +0 is taken as larger than -0 (IEEE 754-2019 maximum /
//    Math.max), so the sign never depends on the order; NumPy's depends on its SIMD
//    lanes. argmin/argmax compare with < and > as NumPy does (first occurrence).
//  - Warnings. NumPy's RuntimeWarnings ("Mean of empty slice", "Degrees of freedom
//    <= 0 for slice", "All-NaN slice encountered") are emitted with
//    process.emitWarning(message, 'RuntimeWarning'); the floating-point "invalid
//    value" warnings are not. The results (nan, inf) are NumPy's.
import { DType, KIND, Scalar, ValueOf, toDType } from '../core/dtype';
import { fail, shapeStrCompact } from '../core/errors';
import { promoteTypes } from '../core/promotion';
import { fromStorage } from '../core/convert';
import { NDArray, checkOptions } from '../core/ndarray';
import { ArrayLike, asarray, emptyOf } from '../core/creation';
import { describe, normalizeAxis } from '../core/shape';
import { copyInto } from '../backend/dispatch';
import { multiply, subtract } from './elementwise-ufuncs';
import { execReduce } from './reduce-exec';
import type { ReduceOpName } from './reduce-ops';

/** What toTypedArray() gives, read as numbers or bigints. */
type NumList = { readonly length: number; readonly [i: number]: number | bigint };

// ---- option types ------------------------------------------------------------------------

export type Axis = number | readonly number[] | null;

/** Options of sum, prod, mean, nansum, nanmean. */
export interface ReduceOptions {
  /** Axes to reduce: a number, a list, negative counting from the end; all of them when absent or null. */
  axis?: Axis;
  /** Keep the reduced axes as length-1 axes. */
  keepdims?: boolean;
  /** The dtype to compute and return in (NumPy's `dtype=`). */
  dtype?: DType | string | null;
  /** Where to write the result: an NDArray of exactly the result's shape, any dtype (cast unsafely). */
  out?: NDArray | null;
}
/** Options of var and std. */
export interface VarOptions extends ReduceOptions {
  /** Delta degrees of freedom: the divisor is N - ddof (default 0). */
  ddof?: number;
}
/** Options of min, max, all, any, nanmin, nanmax (no `dtype`, as in NumPy). */
export interface ExtremeOptions {
  axis?: Axis;
  keepdims?: boolean;
  out?: NDArray | null;
}
/** Options of argmin and argmax: one axis or none (the flattened array). */
export interface ArgOptions {
  axis?: number | null;
  keepdims?: boolean;
  /** An integer NDArray of the result's shape. */
  out?: NDArray | null;
}

/** Options that give a JS scalar. */
interface Whole { axis?: null; keepdims?: false; out?: null }
/** Options that give an NDArray. */
type WithAxis = { axis: number | readonly number[] } | { keepdims: true } | { out: NDArray };

type SignedOrBool = 'bool' | 'int8' | 'int16' | 'int32' | 'int64';
/** NumPy's sum/prod/cumsum dtype: small signed ints and bool to int64, unsigned to uint64. */
export type SumOf<D extends DType> = D extends 'float32' | 'float64' ? D : D extends SignedOrBool ? 'int64' : 'uint64';
/** NumPy's mean/var/std dtype: float32 stays, everything else is float64. */
export type MeanOf<D extends DType> = D extends 'float32' ? 'float32' : 'float64';

// ---- planning --------------------------------------------------------------------------------

interface Plan {
  a: NDArray;
  /** Reduced axes, ascending. */
  axes: number[];
  keepdims: boolean;
  /** The result's shape (with ones for the reduced axes when keepdims). */
  shape: number[];
  /** Elements per output. */
  n: number;
  out: NDArray | null;
  /** The caller gets a JS scalar. */
  scalar: boolean;
  /** NumPy's ufunc name, for messages. */
  ufunc: string;
}

const SUM_KEYS = ['axis', 'keepdims', 'dtype', 'out'] as const;
const VAR_KEYS = ['axis', 'keepdims', 'dtype', 'out', 'ddof'] as const;
const EXT_KEYS = ['axis', 'keepdims', 'out'] as const;

/** Normalises `axis` (all axes when absent); NumPy's messages. */
export function parseAxes(axis: unknown, ndim: number, scalarAxisOk = false): number[] {
  if (axis === undefined || axis === null) return [...Array(ndim).keys()];
  // NumPy's ufunc.reduce takes axis 0 or -1 (an integer) on a 0-d array: nothing to reduce.
  if (scalarAxisOk && ndim === 0 && (axis === 0 || axis === -1)) return [];
  const list = Array.isArray(axis) ? (axis as unknown[]) : [axis];
  if (!Array.isArray(axis) && typeof axis !== 'number') {
    fail('ERR_NUMNODE_ARG', TypeError, `'${describe(axis)}' object cannot be interpreted as an integer`);
  }
  const out = list.map((a) => normalizeAxis(a, ndim));
  if (new Set(out).size !== out.length) fail('ERR_NUMNODE_AXIS', RangeError, "duplicate value in 'axis'");
  return out.sort((p, q) => p - q);
}

function checkBool(v: unknown, what: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') fail('ERR_NUMNODE_ARG', TypeError, `${what} must be a boolean, got ${describe(v)}`);
  return v;
}

/**
 * NumPy's convert_shape_to_string for remapped operand shapes: leading newaxes
 * dropped, later ones printed as 'newaxis', a trailing comma only for one entry.
 */
function remappedStr(dims: readonly (number | null)[]): string {
  let i = 0;
  while (i < dims.length && dims[i] === null) i++;
  if (i === dims.length) return '()';
  const parts = dims.slice(i).map((d) => (d === null ? 'newaxis' : String(d)));
  return dims.length === 1 ? `(${parts[0]},)` : `(${parts.join(',')})`;
}

/** NumPy's checks of a reduction's `out`: type, writeable, then shape (its messages). */
function checkOut(out: unknown, p: Plan): NDArray | null {
  if (out === undefined || out === null) return null;
  if (!(out instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, 'return arrays must be of ArrayType');
  if (!out.flags.writeable) fail('ERR_NUMNODE_READONLY', RangeError, 'output array is read-only');
  const a = p.a;
  if (out.ndim !== p.shape.length) {
    fail('ERR_NUMNODE_SHAPE', RangeError,
      `output parameter for reduction operation ${p.ufunc} has the wrong number of dimensions: Found ${out.ndim} but expected ${p.shape.length}${
        p.keepdims ? " (must match the operand's when keepdims=True)" : ''}`);
  }
  // The out axis that stands for each operand axis (null: a reduced axis without keepdims).
  const map: (number | null)[] = [];
  let k = 0;
  for (let i = 0; i < a.ndim; i++) map.push(p.axes.includes(i) && !p.keepdims ? null : k++);
  const remapped = map.map((j) => (j === null ? null : out.shape[j]!));
  for (let i = 0; i < a.ndim; i++) {
    const o = remapped[i];
    const d = a.shape[i]!;
    if (o !== null && o !== undefined && o !== d && o !== 1 && d !== 1) {
      fail('ERR_NUMNODE_BROADCAST', RangeError,
        `operands could not be broadcast together with remapped shapes [original->remapped]: ${shapeStrCompact(out.shape)}->${remappedStr(remapped)} ${shapeStrCompact(a.shape)} `);
    }
  }
  for (let j = 0; j < out.ndim; j++) {
    const want = p.shape[j]!;
    const got = out.shape[j]!;
    if (got === want) continue;
    const opAxis = map.indexOf(j);
    if (p.keepdims && p.axes.includes(opAxis)) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `operand was set up as a reduction along axis ${opAxis}, but the length of the axis is ${got} (it has to be 1)`);
    }
    if (got === 1) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `output operand requires a reduction along dimension ${j}, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape.`);
    }
    fail('ERR_NUMNODE_SHAPE', RangeError,
      `output parameter for reduction operation ${p.ufunc} has shape ${shapeStrCompact(out.shape)} but the result has shape ${shapeStrCompact(p.shape)}`);
  }
  return out;
}

function plan(fn: string, x: unknown, opts: unknown, keys: readonly string[], ufunc: string): Plan {
  checkOptions(opts, keys, fn);
  const o = (opts ?? {}) as { axis?: unknown; keepdims?: unknown; out?: unknown };
  const a = x instanceof NDArray ? x : asarray(x as ArrayLike);
  // mean, var and std count their elements first, which refuses any axis of a 0-d array.
  // (nanmean of integers is mean.)
  const counts = ['mean', 'var', 'std'].includes(fn) || (fn === 'nanmean' && !isFloat(a.dtype));
  const axes = parseAxes(o.axis, a.ndim, !counts);
  const keepdims = checkBool(o.keepdims, 'keepdims');
  const shape: number[] = [];
  let n = 1;
  for (let i = 0, k = 0; i < a.ndim; i++) {
    if (axes[k] === i) {
      k++;
      n *= a.shape[i]!;
      if (keepdims) shape.push(1);
    } else shape.push(a.shape[i]!);
  }
  // (Built field by field: an object spread here cost more than a small kernel.)
  const p: Plan = { a, axes, keepdims, shape, n, out: null, scalar: false, ufunc };
  p.out = checkOut(o.out, p);
  p.scalar = (o.axis === undefined || o.axis === null) && !keepdims && p.out === null;
  return p;
}

/** The kept-axes view of a result array (keepdims' ones removed). */
function keptView(full: NDArray, p: Plan): NDArray {
  if (!p.keepdims) return full;
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < full.ndim; i++) {
    if (p.axes.includes(i)) continue;
    shape.push(full.shape[i]!);
    strides.push(full.strides[i]!);
  }
  return full._view(shape, strides, full.byteOffset);
}

/**
 * Allocates the result of dtype R (or uses `out` when its dtype is R), lets
 * `compute` fill its kept-axes view, casts into `out` otherwise, and returns what
 * the caller gets: out, the array, or a JS scalar.
 */
function deliver(p: Plan, R: DType, compute: (res: NDArray) => void): Scalar | NDArray {
  if (p.scalar) {
    // A JS scalar: compute into a private 0-d array (taken out of the cache while
    // in use), then read the value; no new array per call.
    const s = scratch.get(R) ?? emptyOf([], R);
    scratch.delete(R);
    compute(s);
    const v = fromStorage(s._data[s.byteOffset / s.itemsize]!, R);
    scratch.set(R, s);
    return v;
  }
  const direct = p.out !== null && p.out.dtype === R;
  const full = direct ? p.out! : emptyOf(p.shape, R);
  compute(keptView(full, p));
  if (p.out !== null) {
    if (!direct) copyInto(p.out, full);
    return p.out;
  }
  return p.scalar ? full.item() : full;
}

/** 0-d arrays that scalar results are computed into, one per dtype (see deliver). */
const scratch = new Map<DType, NDArray>();

function warn(message: string): void {
  process.emitWarning(message, 'RuntimeWarning');
}

const isFloat = (d: DType): boolean => KIND[d] === 'f';
const isIntOrBool = (d: DType): boolean => KIND[d] !== 'f';

/** NumPy's default dtype of sum/prod/cumsum/cumprod. */
export function sumDType(d: DType): DType {
  if (isFloat(d)) return d;
  return KIND[d] === 'u' ? 'uint64' : 'int64';
}

function meanDType(d: DType): DType {
  return d === 'float32' || d === 'float64' ? d : 'float64';
}

/**
 * The dtype an add/multiply reduction or scan accumulates in: `dtype` when given;
 * else, with `out`, the promotion of the input's dtype and out's (NumPy resolves the
 * loop from the operands (out, a, out), and skips its small-integer upcast when out
 * is given: sum(float32, out=float64) accumulates in float64, cumsum(uint64,
 * out=int32) in float64, cumprod(int8, out=bool) in int8); else NumPy's default.
 */
export function accumulatorDType(a: DType, dtype: unknown, out: NDArray | null): DType {
  if (dtype !== undefined && dtype !== null) return toDType(dtype);
  return out === null ? sumDType(a) : promoteTypes(a, out.dtype);
}

function resolveDType(v: unknown, fallback: DType): DType {
  return v === undefined || v === null ? fallback : toDType(v);
}

/** A C-ordered copy of `a` with every NaN replaced by 0 (NumPy's _replace_nan). */
function nanToZero(a: NDArray): NDArray {
  const c = a.copy('C');
  if (!isFloat(a.dtype)) return c;
  const d = c._data as Float64Array | Float32Array;
  const s = c.byteOffset / c.itemsize;
  for (let i = s; i < s + c.size; i++) if (d[i] !== d[i]) d[i] = 0;
  return c;
}

/**
 * res = op(a) over the axes in dtype R, for the additive/multiplicative family,
 * with NumPy's input casts when the kernels cannot read a directly:
 * sum(x, dtype=int8) of floats casts the floats first, dtype=bool is logical or
 * (and, for prod), nansum into an integer or narrower float replaces NaN first.
 */
function sumInto(op: 'sum' | 'prod' | 'nansum', a: NDArray, axes: number[], res: NDArray, extra: { divisor?: number } = {}): void {
  const R = res.dtype;
  if (R === 'bool') {
    execReduce(op === 'prod' ? 'all' : 'any', op === 'nansum' ? nanToZero(a) : a, axes, res);
    return;
  }
  if (op === 'nansum' && !isFloat(a.dtype)) op = 'sum';
  if (op === 'nansum' && !(R === 'float64' || R === a.dtype)) {
    // NumPy replaces NaN with 0 in the input's dtype, then sums with dtype=R.
    sumInto('sum', nanToZero(a), axes, res, extra);
    return;
  }
  let src = a;
  if (isFloat(R) ? !(R === 'float64' || a.dtype === R) : isFloat(a.dtype)) src = a.astype(R);
  execReduce(op, src, axes, res, extra);
}

// ---- sum, prod, nansum ------------------------------------------------------------------------

function sumLike(fn: 'sum' | 'prod' | 'nansum', x: unknown, opts: unknown): Scalar | NDArray {
  const p = plan(fn, x, opts, SUM_KEYS, fn === 'prod' ? 'multiply' : 'add');
  const R = accumulatorDType(p.a.dtype, (opts as ReduceOptions | undefined)?.dtype, p.out);
  return deliver(p, R, (res) => sumInto(fn, p.a, p.axes, res));
}

/** np.sum: the sum over the axes (NumPy's dtypes; floats along a pairwise tree, see above). */
export function sum<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ReduceOptions & Whole & { dtype?: undefined | null }): ValueOf<SumOf<D>>;
export function sum(a: ArrayLike, opts: ReduceOptions & WithAxis): NDArray;
export function sum(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray;
export function sum(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray {
  return sumLike('sum', a, opts);
}

/** np.prod: the product over the axes (float32 multiplies in float32, as NumPy does). */
export function prod<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ReduceOptions & Whole & { dtype?: undefined | null }): ValueOf<SumOf<D>>;
export function prod(a: ArrayLike, opts: ReduceOptions & WithAxis): NDArray;
export function prod(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray;
export function prod(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray {
  return sumLike('prod', a, opts);
}

/** np.nansum: the sum with NaN counted as zero. */
export function nansum<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ReduceOptions & Whole & { dtype?: undefined | null }): ValueOf<SumOf<D>>;
export function nansum(a: ArrayLike, opts: ReduceOptions & WithAxis): NDArray;
export function nansum(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray;
export function nansum(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray {
  return sumLike('nansum', a, opts);
}

// ---- mean, nanmean, var, std ------------------------------------------------------------------

/**
 * out[k] = R(float64(src[k]) / div[k]): NumPy's true_divide of an integer (or
 * bool) result by the count, cast unsafely back into R.
 */
function divideInto(src: NDArray, div: (k: number) => number, res: NDArray): void {
  const vals = src.toTypedArray() as NumList;
  const tmp = emptyOf(res.shape, 'float64');
  const t = tmp._data as Float64Array;
  const base = tmp.byteOffset / 8;
  for (let k = 0; k < vals.length; k++) t[base + k] = Number(vals[k]!) / div(k);
  copyInto(res, tmp); // float64 -> R, NumPy's unsafe cast
}

function meanInto(a: NDArray, axes: number[], n: number, res: NDArray): void {
  const R = res.dtype;
  if (isFloat(R)) {
    // The sum in float64 (the pairwise tree), divided once, rounded once to R.
    sumInto('sum', a, axes, res, { divisor: n });
    return;
  }
  const raw = emptyOf(res.shape, R);
  sumInto('sum', a, axes, raw);
  divideInto(raw, () => n, res);
}

/** np.mean: the arithmetic mean (float64 for integer input; float32 stays float32). */
export function mean<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ReduceOptions & Whole & { dtype?: undefined | null }): ValueOf<MeanOf<D>>;
export function mean(a: ArrayLike, opts: ReduceOptions & WithAxis): NDArray;
export function mean(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray;
export function mean(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray {
  const p = plan('mean', a, opts, SUM_KEYS, 'add');
  // NumPy's _mean asks for a float64 sum of integers; a float input sums like np.sum.
  const R = isFloat(p.a.dtype) ? accumulatorDType(p.a.dtype, opts?.dtype, p.out) : resolveDType(opts?.dtype, 'float64');
  if (p.n === 0) warn('Mean of empty slice');
  const out = p.out;
  if (out !== null && isFloat(R) && !isFloat(out.dtype)) {
    // An integer or bool out: NumPy sums into out (an unsafe cast), then divides
    // out by the count in float64 and casts back, truncating twice.
    return deliver(p, out.dtype, (res) => {
      const total = emptyOf(res.shape, R);
      sumInto('sum', p.a, p.axes, total);
      copyInto(res, total);
      divideInto(res, () => p.n, res);
    });
  }
  return deliver(p, R, (res) => meanInto(p.a, p.axes, p.n, res));
}

/** np.nanmean: the mean of the non-NaN elements (NaN, with a warning, where there are none). */
export function nanmean<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ReduceOptions & Whole & { dtype?: undefined | null }): ValueOf<MeanOf<D>>;
export function nanmean(a: ArrayLike, opts: ReduceOptions & WithAxis): NDArray;
export function nanmean(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray;
export function nanmean(a: ArrayLike, opts?: ReduceOptions): Scalar | NDArray {
  const p = plan('nanmean', a, opts, SUM_KEYS, 'add');
  const R = resolveDType(opts?.dtype, meanDType(p.a.dtype));
  if (isFloat(p.a.dtype)) {
    if (!isFloat(R)) fail('ERR_NUMNODE_DTYPE', TypeError, 'If a is inexact, then dtype must be inexact');
    if (p.out !== null && !isFloat(p.out.dtype)) fail('ERR_NUMNODE_DTYPE', TypeError, 'If a is inexact, then out must be inexact');
  } else {
    if (p.n === 0) warn('Mean of empty slice');
    return deliver(p, R, (res) => meanInto(p.a, p.axes, p.n, res));
  }
  return deliver(p, R, (res) => {
    const kept = res.shape;
    const cnt = emptyOf(kept, 'int64');
    execReduce('count', p.a, p.axes, cnt);
    const counts = cnt.toTypedArray() as BigInt64Array;
    if (counts.some((c) => c === 0n)) warn('Mean of empty slice');
    // The total in float64, divided, then rounded once to R.
    const tot = emptyOf(kept, 'float64');
    sumInto('nansum', p.a, p.axes, tot);
    divideInto(tot, (k) => Number(counts[k]!), res);
  });
}

/**
 * var/std into res (dtype R): two passes, the mean in float64 (unrounded), then
 * the pairwise sum of (x - mean)^2, divided by max(n - ddof, 0); std takes the
 * square root before rounding to R. NumPy rounds the mean and the squares to a
 * float32 input's dtype; this keeps them in float64 (more accurate).
 */
function varInto(a: NDArray, axes: number[], n: number, ddof: number, isStd: boolean, res: NDArray): void {
  const R = res.dtype;
  const div = Math.max(n - ddof, 0);
  if (isFloat(R)) {
    const src = R === 'float32' && a.dtype !== 'float32' ? a.astype('float32') : a;
    const center = emptyOf(res.shape, 'float64');
    execReduce('sum', src, axes, center, { divisor: n });
    execReduce('sumsqdev', src, axes, res, { aux: center, divisor: div, post: isStd ? 1 : 0 });
    return;
  }
  // An integer or bool dtype: NumPy's _var step by step in that dtype (the mean
  // truncated to R, deviations in the promoted type, squares summed in R).
  const keep = emptyOf(res.shape, R);
  meanInto(a, axes, n, keep);
  const shapeKD = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const meanKD = keep.reshape(shapeKD);
  const x = subtract(a, meanKD);
  multiply(x, x, { out: x });
  const ss = emptyOf(res.shape, R);
  sumInto('sum', x, axes, ss);
  if (!isStd) {
    divideInto(ss, () => div, res);
    return;
  }
  const v = emptyOf(res.shape, R);
  divideInto(ss, () => div, v);
  const vals = v.toTypedArray() as NumList;
  const tmp = emptyOf(res.shape, 'float64');
  const t = tmp._data as Float64Array;
  for (let k = 0; k < vals.length; k++) t[tmp.byteOffset / 8 + k] = Math.sqrt(Number(vals[k]!));
  copyInto(res, tmp);
}

function varLike(fn: 'var' | 'std', x: unknown, opts: unknown): Scalar | NDArray {
  const p = plan(fn, x, opts, VAR_KEYS, 'add');
  const o = (opts ?? {}) as VarOptions;
  const ddof = o.ddof ?? 0;
  if (typeof ddof !== 'number' || Number.isNaN(ddof)) {
    fail('ERR_NUMNODE_ARG', TypeError, `ddof must be a number, got ${describe(ddof)}`);
  }
  const R = resolveDType(o.dtype, meanDType(p.a.dtype));
  if (R === 'bool' && p.a.dtype === 'bool') {
    fail('ERR_NUMNODE_DTYPE', TypeError,
      'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.');
  }
  if (fn === 'std') {
    // NumPy takes the square root in place, in the array it returns (out, or the
    // result of dtype R unless that is a scalar): sqrt's output cannot be cast
    // back into an integer or bool array.
    // (NumPy's "scalar" is any 0-d result without out: np.std(x, axis=-1, dtype='int16') of a 1-d x takes
    // the scalar path too, whatever numnode returns for it)
    const target = p.out !== null ? p.out.dtype : p.scalar || p.shape.length === 0 ? null : R;
    if (target !== null && !isFloat(target)) {
      const loop = target === 'bool' || target === 'int8' || target === 'uint8' ? 'float16'
        : target === 'int16' || target === 'uint16' ? 'float32' : 'float64';
      fail('ERR_NUMNODE_DTYPE', TypeError,
        `Cannot cast ufunc 'sqrt' output from dtype('${loop}') to dtype('${target}') with casting rule 'same_kind'`);
    }
  }
  if (ddof >= p.n) warn('Degrees of freedom <= 0 for slice');
  return deliver(p, R, (res) => varInto(p.a, p.axes, p.n, ddof, fn === 'std', res));
}

/** np.var: the variance, mean((x - mean(x))^2) with divisor N - ddof. */
export function variance<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: VarOptions & Whole & { dtype?: undefined | null }): ValueOf<MeanOf<D>>;
export function variance(a: ArrayLike, opts: VarOptions & WithAxis): NDArray;
export function variance(a: ArrayLike, opts?: VarOptions): Scalar | NDArray;
export function variance(a: ArrayLike, opts?: VarOptions): Scalar | NDArray {
  return varLike('var', a, opts);
}

/** np.std: the standard deviation, sqrt(var). */
export function std<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: VarOptions & Whole & { dtype?: undefined | null }): ValueOf<MeanOf<D>>;
export function std(a: ArrayLike, opts: VarOptions & WithAxis): NDArray;
export function std(a: ArrayLike, opts?: VarOptions): Scalar | NDArray;
export function std(a: ArrayLike, opts?: VarOptions): Scalar | NDArray {
  return varLike('std', a, opts);
}

// ---- min, max, nanmin, nanmax, all, any ----------------------------------------------------------

function extremeLike(fn: string, op: ReduceOpName, ufunc: string, x: unknown, opts: unknown): Scalar | NDArray {
  const p = plan(fn, x, opts, EXT_KEYS, ufunc);
  let kop = op;
  if ((op === 'nanmin' || op === 'nanmax') && !isFloat(p.a.dtype)) kop = op === 'nanmin' ? 'min' : 'max';
  const R: DType = op === 'all' || op === 'any' ? 'bool' : p.a.dtype;
  // NumPy refuses an empty reduction even when the result is empty too: np.min(np.zeros((2, 0, 0)), axis=1)
  if (p.n === 0 && op !== 'all' && op !== 'any') {
    fail('ERR_NUMNODE_SHAPE', RangeError, `zero-size array to reduction operation ${ufunc} which has no identity`);
  }
  return deliver(p, R, (res) => {
    execReduce(kop, p.a, p.axes, res);
    if (kop !== op && (op === 'nanmin' || op === 'nanmax')) return;
    if ((op === 'nanmin' || op === 'nanmax') && res.size > 0) {
      const vals = res.toTypedArray() as Float64Array | Float32Array;
      if (vals.some((v) => v !== v)) warn('All-NaN slice encountered');
    }
  });
}

/** np.min / np.amin: the smallest element (NaN propagates). */
export function min<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ExtremeOptions & Whole): ValueOf<D>;
export function min(a: ArrayLike, opts: ExtremeOptions & WithAxis): NDArray;
export function min(a: ArrayLike, opts?: ExtremeOptions): Scalar | NDArray;
export function min(a: ArrayLike, opts?: ExtremeOptions): Scalar | NDArray {
  return extremeLike('min', 'min', 'minimum', a, opts);
}

/** np.max / np.amax: the largest element (NaN propagates). */
export function max<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ExtremeOptions & Whole): ValueOf<D>;
export function max(a: ArrayLike, opts: ExtremeOptions & WithAxis): NDArray;
export function max(a: ArrayLike, opts?: ExtremeOptions): Scalar | NDArray;
export function max(a: ArrayLike, opts?: ExtremeOptions): Scalar | NDArray {
  return extremeLike('max', 'max', 'maximum', a, opts);
}

export const amin = min;
export const amax = max;

/** np.nanmin: the smallest non-NaN element (NaN and a warning for an all-NaN slice). */
export function nanmin<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ExtremeOptions & Whole): ValueOf<D>;
export function nanmin(a: ArrayLike, opts: ExtremeOptions & WithAxis): NDArray;
export function nanmin(a: ArrayLike, opts?: ExtremeOptions): Scalar | NDArray;
export function nanmin(a: ArrayLike, opts?: ExtremeOptions): Scalar | NDArray {
  return extremeLike('nanmin', 'nanmin', 'fmin', a, opts);
}

/** np.nanmax: the largest non-NaN element (NaN and a warning for an all-NaN slice). */
export function nanmax<D extends DType = DType>(a: NDArray<D> | ArrayLike, opts?: ExtremeOptions & Whole): ValueOf<D>;
export function nanmax(a: ArrayLike, opts: ExtremeOptions & WithAxis): NDArray;
export function nanmax(a: ArrayLike, opts?: ExtremeOptions): Scalar | NDArray;
export function nanmax(a: ArrayLike, opts?: ExtremeOptions): Scalar | NDArray {
  return extremeLike('nanmax', 'nanmax', 'fmax', a, opts);
}

/** np.all: whether every element is nonzero (true for an empty array). */
export function all(a: ArrayLike, opts?: ExtremeOptions & Whole): boolean;
export function all(a: ArrayLike, opts: ExtremeOptions & WithAxis): NDArray;
export function all(a: ArrayLike, opts?: ExtremeOptions): boolean | NDArray;
export function all(a: ArrayLike, opts?: ExtremeOptions): boolean | NDArray {
  return extremeLike('all', 'all', 'logical_and', a, opts) as boolean | NDArray;
}

/** np.any: whether some element is nonzero (NaN is nonzero). */
export function any(a: ArrayLike, opts?: ExtremeOptions & Whole): boolean;
export function any(a: ArrayLike, opts: ExtremeOptions & WithAxis): NDArray;
export function any(a: ArrayLike, opts?: ExtremeOptions): boolean | NDArray;
export function any(a: ArrayLike, opts?: ExtremeOptions): boolean | NDArray {
  return extremeLike('any', 'any', 'logical_or', a, opts) as boolean | NDArray;
}

// ---- argmin, argmax ------------------------------------------------------------------------------

function argLike(fn: 'argmin' | 'argmax', x: unknown, opts: unknown): bigint | NDArray {
  checkOptions(opts, EXT_KEYS, fn);
  const o = (opts ?? {}) as ArgOptions;
  if (o.axis !== undefined && o.axis !== null && typeof o.axis !== 'number') {
    fail('ERR_NUMNODE_ARG', TypeError, `'${describe(o.axis)}' object cannot be interpreted as an integer`);
  }
  let a = x instanceof NDArray ? x : asarray(x as ArrayLike);
  const keepdims = checkBool(o.keepdims, 'keepdims');
  const whole = o.axis === undefined || o.axis === null;
  const was0d = a.ndim === 0;
  if (!whole && a.ndim === 0) a = a.reshape([1]); // NumPy flattens a 0-d array given an axis
  const axes = whole ? [...Array(a.ndim).keys()] : [normalizeAxis(o.axis, a.ndim)];
  const n = axes.reduce((s, i) => s * a.shape[i]!, 1);
  // ... and with keepdims gives the 0-d array's own shape back: np.argmax(np.array(2), axis=0, keepdims=True).shape == ()
  const shape = was0d ? [] : whole ? (keepdims ? a.shape.map(() => 1) : []) : a.shape.map((d, i) => (i === axes[0] ? 1 : d)).filter((_, i) => keepdims || i !== axes[0]);
  // NumPy refuses an empty reduction axis even when the result is empty too (np.argmin(np.zeros((0, 0)), axis=1))
  if (n === 0) fail('ERR_NUMNODE_SHAPE', RangeError, `attempt to get ${fn} of an empty sequence`);
  let out: NDArray | null = null;
  if (o.out !== undefined && o.out !== null) {
    if (!(o.out instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, 'return arrays must be of ArrayType');
    if (!o.out.flags.writeable) fail('ERR_NUMNODE_READONLY', RangeError, 'output array is read-only');
    if (o.out.ndim !== shape.length || o.out.shape.some((d, i) => d !== shape[i])) {
      fail('ERR_NUMNODE_SHAPE', RangeError, `output array does not match result of np.${fn}.`);
    }
    if (KIND[o.out.dtype] !== 'i' && KIND[o.out.dtype] !== 'u') {
      fail('ERR_NUMNODE_DTYPE', TypeError, `Cannot cast array data from dtype('${o.out.dtype}') to dtype('int64') according to the rule 'safe'`);
    }
    out = o.out;
  }
  // The flat index of NumPy's argmax(axis=None) is the position in C order: the
  // sequence over all axes in order, so no flattening copy is needed.
  const p: Plan = { a, axes, keepdims, shape, n, out, scalar: whole && !keepdims && out === null, ufunc: fn };
  return deliver(p, 'int64', (res) => execReduce(fn, a, axes, res)) as bigint | NDArray;
}

/** np.argmin: the flat index (axis absent) or indices along `axis` of the first minimum; NaN counts as the minimum. */
export function argmin(a: ArrayLike, opts?: ArgOptions & Whole): bigint;
export function argmin(a: ArrayLike, opts: ArgOptions & WithAxis): NDArray<'int64'>;
export function argmin(a: ArrayLike, opts?: ArgOptions): bigint | NDArray;
export function argmin(a: ArrayLike, opts?: ArgOptions): bigint | NDArray {
  return argLike('argmin', a, opts);
}

/** np.argmax: the flat index (axis absent) or indices along `axis` of the first maximum; NaN counts as the maximum. */
export function argmax(a: ArrayLike, opts?: ArgOptions & Whole): bigint;
export function argmax(a: ArrayLike, opts: ArgOptions & WithAxis): NDArray<'int64'>;
export function argmax(a: ArrayLike, opts?: ArgOptions): bigint | NDArray;
export function argmax(a: ArrayLike, opts?: ArgOptions): bigint | NDArray {
  return argLike('argmax', a, opts);
}

// ---- methods --------------------------------------------------------------------------------------

declare module '../core/ndarray' {
  interface NDArray<D extends DType = DType> {
    /** np.sum(this, opts). */
    sum(opts?: ReduceOptions & Whole & { dtype?: undefined | null }): ValueOf<SumOf<D>>;
    sum(opts: ReduceOptions & WithAxis): NDArray;
    sum(opts?: ReduceOptions): Scalar | NDArray;
    /** np.prod(this, opts). */
    prod(opts?: ReduceOptions & Whole & { dtype?: undefined | null }): ValueOf<SumOf<D>>;
    prod(opts: ReduceOptions & WithAxis): NDArray;
    prod(opts?: ReduceOptions): Scalar | NDArray;
    /** np.mean(this, opts). */
    mean(opts?: ReduceOptions & Whole & { dtype?: undefined | null }): ValueOf<MeanOf<D>>;
    mean(opts: ReduceOptions & WithAxis): NDArray;
    mean(opts?: ReduceOptions): Scalar | NDArray;
    /** np.var(this, opts). */
    var(opts?: VarOptions & Whole & { dtype?: undefined | null }): ValueOf<MeanOf<D>>;
    var(opts: VarOptions & WithAxis): NDArray;
    var(opts?: VarOptions): Scalar | NDArray;
    /** np.std(this, opts). */
    std(opts?: VarOptions & Whole & { dtype?: undefined | null }): ValueOf<MeanOf<D>>;
    std(opts: VarOptions & WithAxis): NDArray;
    std(opts?: VarOptions): Scalar | NDArray;
    /** np.min(this, opts). */
    min(opts?: ExtremeOptions & Whole): ValueOf<D>;
    min(opts: ExtremeOptions & WithAxis): NDArray<D>;
    min(opts?: ExtremeOptions): Scalar | NDArray;
    /** np.max(this, opts). */
    max(opts?: ExtremeOptions & Whole): ValueOf<D>;
    max(opts: ExtremeOptions & WithAxis): NDArray<D>;
    max(opts?: ExtremeOptions): Scalar | NDArray;
    /** np.argmin(this, opts). */
    argmin(opts?: ArgOptions & Whole): bigint;
    argmin(opts: ArgOptions & WithAxis): NDArray<'int64'>;
    argmin(opts?: ArgOptions): bigint | NDArray;
    /** np.argmax(this, opts). */
    argmax(opts?: ArgOptions & Whole): bigint;
    argmax(opts: ArgOptions & WithAxis): NDArray<'int64'>;
    argmax(opts?: ArgOptions): bigint | NDArray;
    /** np.all(this, opts). */
    all(opts?: ExtremeOptions & Whole): boolean;
    all(opts: ExtremeOptions & WithAxis): NDArray<'bool'>;
    all(opts?: ExtremeOptions): boolean | NDArray;
    /** np.any(this, opts). */
    any(opts?: ExtremeOptions & Whole): boolean;
    any(opts: ExtremeOptions & WithAxis): NDArray<'bool'>;
    any(opts?: ExtremeOptions): boolean | NDArray;
  }
}

type Proto = Record<string, (this: NDArray, opts?: never) => unknown>;
const proto = NDArray.prototype as unknown as Proto;
proto.sum = function (opts) { return sum(this, opts); };
proto.prod = function (opts) { return prod(this, opts); };
proto.mean = function (opts) { return mean(this, opts); };
proto.var = function (opts) { return variance(this, opts); };
proto.std = function (opts) { return std(this, opts); };
proto.min = function (opts) { return min(this, opts); };
proto.max = function (opts) { return max(this, opts); };
proto.argmin = function (opts) { return argmin(this, opts); };
proto.argmax = function (opts) { return argmax(this, opts); };
proto.all = function (opts) { return all(this, opts); };
proto.any = function (opts) { return any(this, opts); };

