// Reshaping helpers NumPy users expect: repeat, tile, flip, roll, pad. flip is a
// view (negative strides); the others are copies built from views and the gather
// kernel (repeat and the index-mapping pad modes are one integer-array gather).
import { DType, KIND, Scalar } from '../core/dtype';
import { fail, shapeStr } from '../core/errors';
import { IndexItem, NDArray, checkOptions } from '../core/ndarray';
import { ArrayLike, asarray, emptyOf } from '../core/creation';
import { checkedNbytes, describe, normalizeAxes, normalizeAxis } from '../core/shape';
import { MAX_ALLOC_BYTES, allocate } from '../core/memory';
import { int64Array, take, index } from './indexing';

function intList(x: unknown, what: string): number[] {
  const arr: unknown[] = x instanceof NDArray ? (x.ravel().toArray() as unknown[]) : Array.isArray(x) ? x : [x];
  return arr.map((v) => {
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      return fail('ERR_NUMNODE_ARG', TypeError, `${what}: '${describe(v)}' object cannot be interpreted as an integer`);
    }
    return n;
  });
}

/**
 * np.repeat(a, repeats, {axis}): each element (axis null: of the flattened array) or
 * slice along `axis` repeated; `repeats` an integer or one per element.
 */
export function repeat(a: ArrayLike, repeats: number | ArrayLike, opts?: { axis?: number | null }): NDArray {
  checkOptions(opts, ['axis'], 'repeat');
  let x = asarray(a);
  let axis: number;
  if (opts?.axis === undefined || opts.axis === null) { x = x.ravel(); axis = 0; } else axis = normalizeAxis(opts.axis, x.ndim);
  const n = x.shape[axis]!;
  const reps = intList(repeats, 'repeat');
  if (reps.length !== 1 && reps.length !== n) {
    fail('ERR_NUMNODE_BROADCAST', RangeError, `operands could not be broadcast together with shape (${n},) (${reps.length},)`);
  }
  if (reps.some((r) => r < 0)) fail('ERR_NUMNODE_SHAPE', RangeError, 'negative dimensions are not allowed');
  // The output's size is checked before anything is built: a hostile count (2**40)
  // must be ERR_NUMNODE_ALLOC, not a JS array grown until V8 aborts the process
  // (issue 9's hostile-input table found that). The indices go into a typed array.
  let total = 0;
  for (let i = 0; i < n; i++) total += reps.length === 1 ? reps[0]! : reps[i]!;
  const outShape = x.shape.slice();
  outShape[axis] = total;
  const outBytes = checkedNbytes(outShape, x.itemsize);
  // Either size above the buffer limit throws NumPy's "Unable to allocate" from allocate().
  if (outBytes > MAX_ALLOC_BYTES) allocate(outBytes, false);
  if (total * 8 > MAX_ALLOC_BYTES) allocate(total * 8, false); // the int64 indices
  const picks = new Float64Array(total);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const r = reps.length === 1 ? reps[0]! : reps[i]!;
    picks.fill(i, at, at + r);
    at += r;
  }
  return take(x, int64Array(picks), { axis });
}

/** np.tile(A, reps): A repeated reps[i] times along each axis (reps and A.ndim aligned at the right). */
export function tile(A: ArrayLike, reps: number | readonly number[]): NDArray {
  const x = asarray(A);
  const r = intList(reps, 'tile');
  if (r.some((v) => v < 0)) fail('ERR_NUMNODE_SHAPE', RangeError, 'negative dimensions are not allowed');
  const nd = Math.max(x.ndim, r.length);
  const rr = [...new Array<number>(nd - r.length).fill(1), ...r];
  const shape = [...new Array<number>(nd - x.ndim).fill(1), ...x.shape];
  // View x as (1, n0, 1, n1, ...), broadcast to (r0, n0, r1, n1, ...), copy once, merge pairs.
  const inter: number[] = [];
  const target: number[] = [];
  for (let i = 0; i < nd; i++) { inter.push(1, shape[i]!); target.push(rr[i]!, shape[i]!); }
  const tiled = x.reshape(inter).broadcastTo(target).copy('C');
  return tiled.reshape(shape.map((d, i) => d * rr[i]!));
}

/** np.flip(m, {axis}): reversed along the given axes (null: all). A view. */
export function flip<D extends DType>(m: NDArray<D> | ArrayLike, opts?: { axis?: number | number[] | null }): NDArray<D> {
  checkOptions(opts, ['axis'], 'flip');
  const x = asarray(m as ArrayLike) as NDArray<D>;
  const axes = opts?.axis === undefined || opts.axis === null ? [...Array(x.ndim).keys()] : normalizeAxes(opts.axis, x.ndim);
  const items: IndexItem[] = x.shape.map((_, d) => (axes.includes(d) ? '::-1' : ':'));
  return x.slice(...items);
}

/** np.roll(a, shift, {axis}): elements shifted along axes, wrapping around (axis null: the flattened array). */
export function roll(a: ArrayLike, shift: number | readonly number[], opts?: { axis?: number | readonly number[] | null }): NDArray {
  checkOptions(opts, ['axis'], 'roll');
  const x = asarray(a);
  if (opts?.axis === undefined || opts.axis === null) {
    return roll(x.ravel(), shift, { axis: 0 }).reshape([...x.shape]);
  }
  const axesIn = intList(opts.axis, 'roll').map((ax) => normalizeAxis(ax, x.ndim));
  const shifts = intList(shift, 'roll');
  const len = Math.max(axesIn.length, shifts.length);
  if ((axesIn.length !== 1 && axesIn.length !== len) || (shifts.length !== 1 && shifts.length !== len)) {
    fail('ERR_NUMNODE_SHAPE', RangeError, "'shift' and 'axis' should be scalars or 1D sequences");
  }
  const total = new Array<number>(x.ndim).fill(0);
  for (let i = 0; i < len; i++) total[axesIn[axesIn.length === 1 ? 0 : i]!]! += shifts[shifts.length === 1 ? 0 : i]!;
  const out = emptyOf(x.shape, x.dtype);
  // NumPy's loop over the 2^k (source, destination) slice pairs of the rolled axes.
  let pairs: [IndexItem[], IndexItem[]][] = [[[], []]];
  for (let d = 0; d < x.ndim; d++) {
    const n = x.shape[d]!;
    const s = n === 0 ? 0 : ((total[d]! % n) + n) % n;
    const opts2: [IndexItem, IndexItem][] = s === 0 ? [[':', ':']] : [[`:${n - s}`, `${s}:`], [`${n - s}:`, `:${s}`]];
    const next: [IndexItem[], IndexItem[]][] = [];
    for (const [src, dst] of pairs) for (const [a1, b1] of opts2) next.push([[...src, a1], [...dst, b1]]);
    pairs = next;
  }
  for (const [src, dst] of pairs) out.slice(...dst).assign(x.slice(...src));
  return out;
}

export type PadMode = 'constant' | 'edge' | 'reflect' | 'symmetric' | 'wrap';

/** Broadcasts pad widths (or constant values) to one [before, after] pair per axis, as np.broadcast_to(x, (ndim, 2)). */
function pairs<T>(x: unknown, ndim: number, what: string, conv: (v: unknown) => T): [T, T][] {
  const a = asarray(x as ArrayLike);
  let b: NDArray;
  try {
    b = a.broadcastTo([ndim, 2]);
  } catch {
    return fail('ERR_NUMNODE_BROADCAST', RangeError,
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${shapeStr(a.shape).replace(/ /g, '')}  and requested shape (${ndim},2)`);
  }
  void what;
  const rows = b.toArray() as unknown[][];
  return rows.map((r) => [conv(r[0]), conv(r[1])]);
}

/**
 * np.pad(array, padWidth, {mode = 'constant', constantValues = 0}). padWidth: an
 * integer, [before, after], or one pair per axis. Modes: 'constant', 'edge',
 * 'reflect' (mirror without repeating the edge), 'symmetric' (with it), 'wrap'.
 */
export function pad(array: ArrayLike, padWidth: number | ArrayLike, opts?: { mode?: PadMode; constantValues?: Scalar | ArrayLike }): NDArray {
  checkOptions(opts, ['mode', 'constantValues'], 'pad');
  const x = asarray(array);
  const mode = opts?.mode ?? 'constant';
  if (!['constant', 'edge', 'reflect', 'symmetric', 'wrap'].includes(mode)) {
    fail('ERR_NUMNODE_ARG', RangeError, `mode ${describe(mode)} is not supported`);
  }
  if (mode !== 'constant' && opts?.constantValues !== undefined) {
    fail('ERR_NUMNODE_ARG', RangeError, `unsupported keyword arguments for mode '${mode}': {'constant_values'}`);
  }
  const nd = x.ndim;
  const widths = pairs(padWidth, nd, 'padWidth', (v) => {
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) return fail('ERR_NUMNODE_ARG', TypeError, '`pad_width` must be of integral type.');
    if (n < 0) fail('ERR_NUMNODE_ARG', RangeError, "index can't contain negative values");
    return n;
  });
  const shape = x.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]);
  if (mode === 'constant') {
    const values = pairs(opts?.constantValues ?? 0, nd, 'constantValues', (v) => v as Scalar);
    const out = emptyOf(shape, x.dtype);
    const center = x.shape.map((d, i) => `${widths[i]![0]}:${widths[i]![0] + d}`);
    out.slice(...center).assign(x);
    // Axis by axis, the region of interest spans the padded extent of the axes done
    // so far and the original extent of the others (NumPy's _view_roi), so corners
    // take the later axis's constant.
    for (let ax = 0; ax < nd; ax++) {
      const [b, e] = widths[ax]!;
      const roi = (sl: IndexItem): IndexItem[] => shape.map((_, d) => (d < ax ? ':' : d === ax ? sl : center[d]!));
      if (b > 0) out.slice(...roi(`:${b}`)).fill(convertConstant(values[ax]![0], x.dtype));
      if (e > 0) out.slice(...roi(`${shape[ax]! - e}:`)).fill(convertConstant(values[ax]![1], x.dtype));
    }
    return out;
  }
  // The other modes map every output index to a source index, axis by axis.
  const maps: NDArray[] = [];
  for (let ax = 0; ax < nd; ax++) {
    const n = x.shape[ax]!;
    const [b, e] = widths[ax]!;
    if (n === 0 && (b > 0 || e > 0)) {
      fail('ERR_NUMNODE_ARG', RangeError, `can't extend empty axis ${ax} using modes other than 'constant' or 'empty'`);
    }
    const idx: number[] = [];
    for (let j = -b; j < n + e; j++) idx.push(sourceIndex(mode, j, n));
    const s = new Array<number>(nd).fill(1);
    s[ax] = idx.length;
    maps.push(int64Array(idx).reshape(s));
  }
  if (nd === 0) return x.copy();
  return index(x, ...maps);
}

function convertConstant(v: Scalar, dtype: DType): Scalar {
  // Assignment converts as NumPy's setitem: a float into an integer array truncates.
  if (typeof v === 'number' && KIND[dtype] !== 'f' && dtype !== 'bool' && Number.isFinite(v)) return Math.trunc(v);
  return v;
}

/** The source index of padded position j (relative to the original start) on an axis of length n. */
function sourceIndex(mode: PadMode, j: number, n: number): number {
  if (j >= 0 && j < n) return j;
  switch (mode) {
    case 'edge': return j < 0 ? 0 : n - 1;
    case 'wrap': return ((j % n) + n) % n;
    case 'symmetric': {
      const p = 2 * n;
      const k = ((j % p) + p) % p;
      return k < n ? k : p - 1 - k;
    }
    default: { // reflect
      if (n === 1) return 0; // NumPy extends a length-1 axis as 'edge' does
      const p = 2 * (n - 1);
      const k = ((j % p) + p) % p;
      return k < n ? k : p - k;
    }
  }
}

declare module '../core/ndarray' {
  interface NDArray<D extends DType = DType> {
    /** np.repeat(a, repeats, {axis}). */
    repeat(repeats: number | ArrayLike, opts?: { axis?: number | null }): NDArray<D>;
  }
}

NDArray.prototype.repeat = function repeat_<D extends DType>(this: NDArray<D>, repeats: number | ArrayLike, opts?: { axis?: number | null }): NDArray<D> {
  return repeat(this, repeats, opts) as NDArray<D>;
};
