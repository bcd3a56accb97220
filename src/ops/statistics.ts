// Order statistics: median, percentile, quantile (NumPy's 13 methods: the nine of
// Hyndman & Fan plus lower, higher, midpoint, nearest; default 'linear') and their
// NaN-ignoring forms, with axis (an int, a list of ints, or null) and keepdims.
//
// The order statistics come from the selection kernel (backend/selection.ts
// selectInto: introselect / sample-bracketed selection, the input never modified);
// the interpolation then follows NumPy's _quantile/_lerp arithmetic operation for
// operation, in the dtype NumPy computes in (float32 input with a scalar q stays
// float32; integer differences wrap as NumPy's do), so that results match NumPy's
// bit for bit, including its NaN for an interpolation between equal infinities.
// As everywhere in numnode, an integral JS number is a Python int: quantile(a, 1)
// takes NumPy's integer path (result in a's dtype), quantile(a, 0.5) interpolates.
import { DType, KIND } from '../core/dtype';
import { fail } from '../core/errors';
import { NDArray, checkOptions } from '../core/ndarray';
import { ArrayLike, asarray, emptyOf } from '../core/creation';
import { describe, normalizeAxes } from '../core/shape';
import { promoteTypes } from '../core/promotion';
import { selectInto } from '../backend/selection';
import { nanmean } from './reduce';

export type QuantileMethod =
  | 'inverted_cdf' | 'averaged_inverted_cdf' | 'closest_observation' | 'interpolated_inverted_cdf'
  | 'hazen' | 'weibull' | 'linear' | 'median_unbiased' | 'normal_unbiased'
  | 'lower' | 'higher' | 'midpoint' | 'nearest';

const METHODS: readonly QuantileMethod[] = [
  'inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull',
  'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest',
];

export interface QuantileOpts {
  axis?: number | number[] | null;
  method?: QuantileMethod;
  keepdims?: boolean;
}

/** The reduced array: lanes along the last axis, the kept shape, and the shape keepdims gives. */
interface Lanes {
  arr: NDArray;
  axis: number;
  n: number;
  keptShape: number[];
  keepdimsShape: number[];
  /** Whether the result is a scalar (all axes reduced, no keepdims, scalar q). */
  all: boolean;
}

/** NumPy's _ureduce: reduce over axis (null: all), merging several axes into one lane. */
function lanesOf(a: NDArray, axisOpt: number | number[] | null | undefined, keepdims: boolean): Lanes {
  const nd = a.ndim;
  if (axisOpt === null || axisOpt === undefined) {
    return { arr: a.ravel(), axis: 0, n: a.size, keptShape: [], keepdimsShape: new Array<number>(nd).fill(1), all: !keepdims };
  }
  const axes = normalizeAxes(axisOpt, nd);
  const keep = [...Array(nd).keys()].filter((d) => !axes.includes(d));
  const keptShape = keep.map((d) => a.shape[d]!);
  const keepdimsShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  if (axes.length === 1) return { arr: a, axis: axes[0]!, n: a.shape[axes[0]!]!, keptShape, keepdimsShape, all: false };
  const n = axes.reduce((p, d) => p * a.shape[d]!, 1);
  const moved = a.transpose([...keep, ...axes]).reshape([...keptShape, n]);
  return { arr: moved, axis: keptShape.length, n, keptShape, keepdimsShape, all: false };
}

/** The order statistics at `kths` of every lane: values[lane * kths.length + j], as numbers or bigints. */
function orderStats(l: Lanes, kths: readonly number[]): globalThis.ArrayLike<number | bigint> {
  const out = emptyOf([...l.keptShape, kths.length], l.arr.dtype);
  selectInto(l.arr, l.axis, kths, out);
  const t = out.toTypedArray() as unknown as globalThis.ArrayLike<number | bigint>;
  return t;
}

/** q as values with its shape and how NumPy types it (weak Python scalar, float32 or float64 array, integers). */
interface Q {
  values: number[];
  shape: number[];
  weak: boolean;
  f32: boolean;
  integer: boolean;
}

function qOf(q: unknown, scale: number, what: 'Percentiles' | 'Quantiles'): Q {
  let out: Q;
  if (typeof q === 'number') {
    out = { values: [q], shape: [], weak: true, f32: false, integer: Number.isInteger(q) };
  } else if (typeof q === 'bigint' || typeof q === 'boolean') {
    out = { values: [Number(q)], shape: [], weak: true, f32: false, integer: true };
  } else {
    const qa = asarray(q as ArrayLike);
    const f32 = qa.dtype === 'float32';
    out = {
      values: Array.from(qa.astype('float64').ravel().toTypedArray() as Float64Array),
      shape: [...qa.shape], weak: false, f32, integer: KIND[qa.dtype] !== 'f',
    };
  }
  if (out.shape.length > 2) fail('ERR_NUMNODE_SHAPE', RangeError, 'q must be a scalar or 1d');
  if (scale !== 1) {
    // np.true_divide(q, 100): float32 q stays float32, anything else becomes float64.
    const r = out.f32 ? Math.fround : (v: number) => v;
    out.values = out.values.map((v) => r(v / scale));
    out.integer = false;
  }
  for (const v of out.values) {
    if (!(v >= 0 && v <= 1)) fail('ERR_NUMNODE_ARG', RangeError, `${what} must be in the range [0, ${scale === 1 ? 1 : 100}]`);
  }
  return out;
}

function checkMethod(m: unknown): QuantileMethod {
  if (typeof m !== 'string' || !(METHODS as readonly string[]).includes(m)) {
    return fail('ERR_NUMNODE_ARG', RangeError,
      `${describe(m)} is not a valid method. Use one of: dict_keys([${METHODS.map((x) => `'${x}'`).join(', ')}])`);
  }
  return m as QuantileMethod;
}

/** Python's round-half-to-even (np.around). */
function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * One quantile's recipe for a lane of length n: either an index to take (NumPy's
 * integer methods) or the two neighbours and the weight of the interpolation.
 */
type Recipe = { take: number } | { prev: number; next: number; gamma: number };

function recipe(method: QuantileMethod, n: number, q: number, integerQ: boolean, f32: boolean): Recipe {
  const r = f32 ? Math.fround : (v: number) => v;
  const clip0 = (i: number) => (i < 0 ? 0 : i);
  switch (method) {
    case 'inverted_cdf': case 'closest_observation': {
      const index = method === 'inverted_cdf' ? r(r(n * q) - 1) : r(r(r(n * q) - 1) - 0.5);
      const prev = Math.floor(index);
      const gamma = index - prev;
      const cond = method === 'inverted_cdf' ? gamma === 0 : gamma === 0 && ((prev % 2) + 2) % 2 === 1;
      return { take: clip0(cond ? prev : prev + 1) };
    }
    case 'lower': return { take: Math.floor(r((n - 1) * q)) };
    case 'higher': return { take: Math.ceil(r((n - 1) * q)) };
    case 'nearest': return { take: roundEven(r((n - 1) * q)) };
    default: break;
  }
  if (method === 'linear' && integerQ) return { take: (n - 1) * q };
  let vi: number;
  switch (method) {
    case 'averaged_inverted_cdf': vi = r(r(n * q) - 1); break;
    case 'linear': vi = r((n - 1) * q); break;
    case 'midpoint': vi = r(0.5 * r(Math.floor(r((n - 1) * q)) + Math.ceil(r((n - 1) * q)))); break;
    default: {
      const [alpha, beta] = method === 'interpolated_inverted_cdf' ? [0, 1] : method === 'hazen' ? [0.5, 0.5]
        : method === 'weibull' ? [0, 0] : method === 'median_unbiased' ? [1 / 3, 1 / 3] : [3 / 8, 3 / 8];
      // n * q + (alpha + q * (1 - alpha - beta)) - 1
      vi = r(r(r(n * q) + r(alpha + r(q * (1 - alpha - beta)))) - 1);
    }
  }
  let prev = Math.floor(vi);
  let next = prev + 1;
  if (vi >= n - 1) { prev = -1; next = -1; }
  if (vi < 0) { prev = 0; next = 0; }
  if (vi !== vi) { prev = -1; next = -1; }
  let gamma = r(vi - prev);
  if (method === 'averaged_inverted_cdf') gamma = gamma === 0 ? 0.5 : 1;
  else if (method === 'midpoint') gamma = vi % 1 === 0 ? 0 : 0.5;
  return { prev: prev < 0 ? prev + n : prev, next: next < 0 ? next + n : next, gamma };
}

/** b - a in the dtype of the values (integers wrap as NumPy's subtract does). */
function diffIn(dtype: DType, a: number | bigint, b: number | bigint): number {
  switch (dtype) {
    case 'int64': return Number(BigInt.asIntN(64, (b as bigint) - (a as bigint)));
    case 'uint64': return Number(BigInt.asUintN(64, (b as bigint) - (a as bigint)));
    case 'int8': return (((b as number) - (a as number)) << 24) >> 24;
    case 'uint8': return ((b as number) - (a as number)) & 0xff;
    case 'int16': return (((b as number) - (a as number)) << 16) >> 16;
    case 'uint16': return ((b as number) - (a as number)) & 0xffff;
    case 'int32': return ((b as number) - (a as number)) | 0;
    case 'uint32': return ((b as number) - (a as number)) >>> 0;
    case 'float32': return Math.fround((b as number) - (a as number));
    default: return (b as number) - (a as number);
  }
}

/** NumPy's _lerp(a, b, t) in the result dtype (float32 rounds every operation). */
function lerp(dtype: DType, resF32: boolean, weak: boolean, a: number | bigint, b: number | bigint, t: number): number {
  const r = resF32 ? Math.fround : (v: number) => v;
  const d = diffIn(dtype, a, b);
  const fa = Number(a);
  const fb = Number(b);
  // A weak (Python float) t is cast to the array's float type; 1 - t is Python arithmetic first.
  const tt = resF32 && weak ? Math.fround(t) : t;
  if (t >= 0.5) {
    const omt = resF32 && weak ? Math.fround(1 - t) : r(1 - t);
    return r(fb - r(d * omt));
  }
  return r(fa + r(d * tt));
}

/** A result array of `dtype` and `shape` from numbers/bigints in C order. */
function build(dtype: DType, shape: readonly number[], values: readonly (number | bigint)[]): NDArray {
  const out = emptyOf(shape, dtype);
  const t = new (out._data.constructor as new (b: ArrayBufferLike, o: number, n: number) => { [i: number]: number | bigint })(
    out.buffer, out.byteOffset, values.length);
  for (let i = 0; i < values.length; i++) t[i] = values[i]!;
  return out;
}

function finish(l: Lanes, q: Q, res: NDArray, keepdims: boolean): NDArray | number | bigint | boolean {
  if (keepdims) return res.reshape([...q.shape, ...l.keepdimsShape]);
  if (l.all && q.shape.length === 0) return res.get() as number | bigint | boolean;
  return res;
}

/**
 * The quantile engine for one array: q already scaled to [0, 1]; `nanAware` skips
 * NaNs (nanquantile). Results in NumPy's dtype: the input's for the integer
 * methods, else float64 (float32 with a float32 input and a scalar q).
 */
function quantileOf(a: NDArray, q: Q, method: QuantileMethod, l: Lanes, keepdims: boolean, nanAware: boolean): NDArray | number | bigint | boolean {
  const dtype = a.dtype;
  const isFloat = KIND[dtype] === 'f';
  const lanes = l.keptShape.reduce((p, d) => p * d, 1);
  const nq = q.values.length;
  const recipes0 = q.values.map((v) => recipe(method, l.n, v, q.integer, q.f32));
  const takes = 'take' in recipes0[0]!;
  const resType: DType = takes ? dtype : q.weak ? (dtype === 'float32' ? 'float32' : 'float64')
    : promoteTypes(dtype === 'bool' ? 'float64' : dtype, q.f32 ? 'float32' : 'float64');
  if (!takes && dtype === 'bool') {
    fail('ERR_NUMNODE_DTYPE', TypeError,
      'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.');
  }
  const resF32 = resType === 'float32';
  const out = new Array<number | bigint>(nq * lanes);
  // NumPy's quantile takes from the empty lane even when there are no lanes (np.percentile(np.zeros((0, 0)), 75, axis=0) raises)
  if (l.n === 0 && (!nanAware || !isFloat)) fail('ERR_NUMNODE_INDEX', RangeError, 'index -1 is out of bounds for axis 0 with size 0');
  if (lanes === 0) return finish(l, q, build(resType, [...q.shape, ...l.keptShape], []), keepdims);

  const compute = (vals: (k: number) => number | bigint, n: number, recipes: readonly Recipe[], lane: number, hasNaN: boolean) => {
    for (let j = 0; j < nq; j++) {
      const rc = recipes[j]!;
      let v: number | bigint;
      if (hasNaN) v = NaN;
      else if ('take' in rc) v = vals(rc.take);
      else v = lerp(dtype, resF32, q.weak, vals(rc.prev), vals(rc.next), rc.gamma);
      out[j * lanes + lane] = v;
    }
    void n;
  };

  if (!nanAware || !isFloat) {
    if (l.n === 0) fail('ERR_NUMNODE_INDEX', RangeError, 'index -1 is out of bounds for axis 0 with size 0');
    const need = new Set<number>();
    for (const rc of recipes0) {
      if ('take' in rc) need.add(rc.take); else { need.add(rc.prev); need.add(rc.next); }
    }
    if (isFloat) need.add(l.n - 1);
    const kths = [...need].sort((x, y) => x - y);
    const pos = new Map(kths.map((k, i) => [k, i]));
    const stats = orderStats(l, kths);
    const nk = kths.length;
    for (let lane = 0; lane < lanes; lane++) {
      const base = lane * nk;
      const last = stats[base + pos.get(l.n - 1)!];
      const hasNaN = isFloat && last !== last;
      compute((k) => stats[base + pos.get(k)!]!, l.n, recipes0, lane, hasNaN);
    }
  } else {
    // NaN-aware: each lane without its NaNs (NumPy's _nanquantile_1d, lane by lane).
    const src = l.arr.moveaxis(l.axis, -1).copy('C').reshape([lanes, l.n]);
    const all = src.toTypedArray() as Float64Array | Float32Array;
    for (let lane = 0; lane < lanes; lane++) {
      const row: number[] = [];
      for (let i = 0; i < l.n; i++) { const v = all[lane * l.n + i]!; if (v === v) row.push(v); }
      if (row.length === 0) {
        for (let j = 0; j < nq; j++) out[j * lanes + lane] = NaN;
        continue;
      }
      const laneArr = build(dtype, [row.length], row);
      const sub: Lanes = { arr: laneArr, axis: 0, n: row.length, keptShape: [], keepdimsShape: [], all: true };
      const recipes = q.values.map((v) => recipe(method, row.length, v, q.integer, q.f32));
      const need = new Set<number>();
      for (const rc of recipes) { if ('take' in rc) need.add(rc.take); else { need.add(rc.prev); need.add(rc.next); } }
      const kths = [...need].sort((x, y) => x - y);
      const pos = new Map(kths.map((k, i) => [k, i]));
      const stats = orderStats(sub, kths);
      compute((k) => stats[pos.get(k)!]!, row.length, recipes, lane, false);
    }
  }
  return finish(l, q, build(resType, [...q.shape, ...l.keptShape], out), keepdims);
}

function quantileEntry(fn: string, a: ArrayLike, q: unknown, opts: QuantileOpts | undefined, scale: number, nanAware: boolean) {
  checkOptions(opts, ['axis', 'method', 'keepdims'], fn);
  const x = asarray(a);
  const qq = qOf(q, scale, scale === 1 ? 'Quantiles' : 'Percentiles');
  const method = checkMethod(opts?.method ?? 'linear');
  const keepdims = !!opts?.keepdims;
  const l = lanesOf(x, opts?.axis, keepdims);
  // NumPy's _nanquantile_unchecked answers an empty array with np.nanmean(a, axis, keepdims):
  // NaN in nanmean's shape, without q's dimensions, for every dtype
  if (nanAware && x.size === 0) return nanmean(x, { axis: opts?.axis ?? null, keepdims });
  return quantileOf(x, qq, method, l, keepdims, nanAware);
}

/** np.quantile(a, q, {axis, method = 'linear', keepdims}): q in [0, 1], a number or an array (its dims come first). */
export function quantile(a: ArrayLike, q: number | ArrayLike, opts?: QuantileOpts) {
  return quantileEntry('quantile', a, q, opts, 1, false);
}
/** np.percentile(a, q, {axis, method, keepdims}): q in [0, 100]. */
export function percentile(a: ArrayLike, q: number | ArrayLike, opts?: QuantileOpts) {
  return quantileEntry('percentile', a, q, opts, 100, false);
}
/** np.nanquantile: quantile ignoring NaNs (an all-NaN lane gives NaN). */
export function nanquantile(a: ArrayLike, q: number | ArrayLike, opts?: QuantileOpts) {
  return quantileEntry('nanquantile', a, q, opts, 1, true);
}
/** np.nanpercentile: percentile ignoring NaNs. */
export function nanpercentile(a: ArrayLike, q: number | ArrayLike, opts?: QuantileOpts) {
  return quantileEntry('nanpercentile', a, q, opts, 100, true);
}

// ---- median ----------------------------------------------------------------------------

/** NumPy's mean of the one or two middle values, in the dtype np.mean computes in. */
function middleMean(dtype: DType, lo: number | bigint, hi: number | bigint, two: boolean): number {
  if (dtype === 'float32') return two ? Math.fround(Math.fround((lo as number) + (hi as number)) / 2) : (lo as number);
  const a = Number(lo);
  return two ? (a + Number(hi)) / 2 : a;
}

function medianOf(fn: string, a: ArrayLike, opts: { axis?: number | number[] | null; keepdims?: boolean } | undefined, nanAware: boolean) {
  checkOptions(opts, ['axis', 'keepdims'], fn);
  const x = asarray(a);
  const keepdims = !!opts?.keepdims;
  const l = lanesOf(x, opts?.axis, keepdims);
  const dtype = x.dtype;
  const isFloat = KIND[dtype] === 'f';
  const resType: DType = dtype === 'float32' ? 'float32' : 'float64';
  const lanes = l.keptShape.reduce((p, d) => p * d, 1);
  const out = new Array<number>(lanes);
  const one = (n: number, vals: (k: number) => number | bigint, laneHasNaN: boolean): number => {
    if (n === 0 || laneHasNaN) return NaN;
    const h = n >> 1;
    return n % 2 === 1 ? middleMean(dtype, vals(h), vals(h), false) : middleMean(dtype, vals(h - 1), vals(h), true);
  };
  const q: Q = { values: [0.5], shape: [], weak: true, f32: false, integer: false };
  if (lanes > 0) {
    if (!nanAware || !isFloat) {
      const n = l.n;
      if (n === 0) out.fill(NaN);
      else {
        const h = n >> 1;
        const kths = [...new Set(n % 2 === 1 ? [h] : [h - 1, h]), ...(isFloat ? [n - 1] : [])];
        const uniq = [...new Set(kths)].sort((p, r) => p - r);
        const pos = new Map(uniq.map((k, i) => [k, i]));
        const stats = orderStats(l, uniq);
        for (let lane = 0; lane < lanes; lane++) {
          const base = lane * uniq.length;
          const last = stats[base + pos.get(n - 1)!];
          out[lane] = one(n, (k) => stats[base + pos.get(k)!]!, isFloat && last !== last);
        }
      }
    } else {
      const src = l.arr.moveaxis(l.axis, -1).copy('C').reshape([lanes, l.n]);
      const all = src.toTypedArray() as Float64Array | Float32Array;
      for (let lane = 0; lane < lanes; lane++) {
        const row: number[] = [];
        for (let i = 0; i < l.n; i++) { const v = all[lane * l.n + i]!; if (v === v) row.push(v); }
        if (row.length === 0) { out[lane] = NaN; continue; }
        const sub: Lanes = { arr: build(dtype, [row.length], row), axis: 0, n: row.length, keptShape: [], keepdimsShape: [], all: true };
        const h = row.length >> 1;
        const uniq = row.length % 2 === 1 ? [h] : [h - 1, h];
        const stats = orderStats(sub, uniq);
        out[lane] = one(row.length, (k) => stats[uniq.indexOf(k)]!, false);
      }
    }
  }
  return finish(l, q, build(resType, l.keptShape, out), keepdims);
}

/** np.median(a, {axis, keepdims}): float64 (float32 for float32 input); NaN where a lane holds a NaN. */
export function median(a: ArrayLike, opts?: { axis?: number | number[] | null; keepdims?: boolean }) {
  return medianOf('median', a, opts, false);
}
/** np.nanmedian: the median ignoring NaNs (an all-NaN lane gives NaN). */
export function nanmedian(a: ArrayLike, opts?: { axis?: number | number[] | null; keepdims?: boolean }) {
  return medianOf('nanmedian', a, opts, true);
}
