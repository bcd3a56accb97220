// Sorting and searching: sort, argsort, partition, argpartition, lexsort,
// searchsorted, unique, bincount, histogram, digitize.
//
// Order is NumPy's everywhere: NaNs sort after everything (so they end up last),
// -0.0 equals +0.0, int64/uint64 compare exactly. kind 'stable' (or 'mergesort')
// gives a stable sort; the default ('quicksort') may order equal elements either
// way, as NumPy's does (numnode's default is introsort for short lanes and a stable
// radix sort for long ones).
import { DType, KIND, isTypedArray } from '../core/dtype';
import { fail } from '../core/errors';
import { NDArray, checkOptions } from '../core/ndarray';
import { ArrayLike, asarray, emptyOf, linspace } from '../core/creation';
import { checkedNbytes, describe, normalizeAxis } from '../core/shape';
import { MAX_ALLOC_BYTES, allocate } from '../core/memory';
import { promoteTypes } from '../core/promotion';
import {
  argpartitionInto, argsortInto, partitionInPlace, sortInPlace,
} from '../backend/selection';
import { int64Array, take, takeAlongAxis } from './indexing';

export type SortKind = 'quicksort' | 'mergesort' | 'heapsort' | 'stable';

/** Whether a `kind` asks for a stable sort (NumPy: 'stable' and its alias 'mergesort'). */
function stableKind(kind: unknown): boolean {
  if (kind === undefined || kind === null) return false;
  if (kind === 'quicksort' || kind === 'heapsort') return false;
  if (kind === 'stable' || kind === 'mergesort') return true;
  return fail('ERR_NUMNODE_ARG', RangeError, `sort kind must be one of 'quick', 'heap', or 'stable' (got ${describe(kind)})`);
}

/** The array to work on and the axis: axis null flattens (a copy), an axis is normalised. */
function axisOf(a: NDArray, axis: number | null | undefined): [NDArray, number] {
  if (axis === null) return [a.flatten(), 0];
  return [a, normalizeAxis(axis ?? -1, a.ndim)];
}

export interface SortOpts { axis?: number | null; kind?: SortKind }

/** np.sort(a, {axis = -1, kind}): a sorted copy (axis null: of the flattened array). */
export function sort<D extends DType>(a: NDArray<D> | ArrayLike, opts?: SortOpts): NDArray<D> {
  checkOptions(opts, ['axis', 'kind'], 'sort');
  const x = asarray(a as ArrayLike) as NDArray<D>;
  const stable = stableKind(opts?.kind);
  const [src, axis] = axisOf(x, opts?.axis);
  const out = src === x ? x.copy('C') : src;
  sortInPlace(out, axis, stable);
  return out as NDArray<D>;
}

/** np.argsort(a, {axis = -1, kind}): int64 indices that sort each lane. */
export function argsort(a: ArrayLike, opts?: SortOpts): NDArray<'int64'> {
  checkOptions(opts, ['axis', 'kind'], 'argsort');
  // NumPy's argsort (unlike sort) treats a 0-d array as 1-d: np.argsort(np.array(8)) is [0]
  const x0 = asarray(a);
  const x = x0.ndim === 0 ? x0.reshape([1]) : x0;
  const stable = stableKind(opts?.kind);
  const [src, axis] = axisOf(x, opts?.axis);
  const out = emptyOf(src.shape, 'int64');
  argsortInto(src, axis, stable, out);
  return out as NDArray<'int64'>;
}

/** Normalised, sorted, unique kth positions for a lane of length n (NumPy's messages). */
function kthList(kth: unknown, n: number): number[] {
  const raw: unknown[] = kth instanceof NDArray ? (kth.ravel().toArray() as unknown[])
    : Array.isArray(kth) || isTypedArray(kth) ? Array.from(kth as globalThis.ArrayLike<unknown>) : [kth];
  const out: number[] = [];
  for (const k of raw) {
    if (typeof k === 'boolean') fail('ERR_NUMNODE_ARG', RangeError, 'Booleans unacceptable as partition index');
    const v = typeof k === 'bigint' ? Number(k) : k;
    if (typeof v !== 'number' || !Number.isInteger(v)) return fail('ERR_NUMNODE_ARG', TypeError, 'Partition index must be integer');
    const w = v < 0 ? v + n : v;
    if (w < 0 || w >= n) fail('ERR_NUMNODE_INDEX', RangeError, `kth(=${w}) out of bounds (${n})`);
    out.push(w);
  }
  return [...new Set(out)].sort((p, q) => p - q);
}

export interface PartitionOpts { axis?: number | null; kind?: 'introselect' }

function checkSelectKind(kind: unknown): void {
  if (kind !== undefined && kind !== 'introselect') {
    fail('ERR_NUMNODE_ARG', RangeError, `select kind must be 'introselect' (got ${describe(kind)})`);
  }
}

/**
 * np.partition(a, kth, {axis = -1}): a copy in which each kth position holds the
 * value a sort would put there, smaller-or-equal values before it and
 * greater-or-equal after (O(n) per lane: introselect).
 */
export function partition<D extends DType>(a: NDArray<D> | ArrayLike, kth: unknown, opts?: PartitionOpts): NDArray<D> {
  checkOptions(opts, ['axis', 'kind'], 'partition');
  checkSelectKind(opts?.kind);
  const x = asarray(a as ArrayLike) as NDArray<D>;
  const [src, axis] = axisOf(x, opts?.axis);
  const kths = kthList(kth, src.shape[axis]!);
  const out = src === x ? x.copy('C') : src;
  partitionInPlace(out, axis, kths);
  return out as NDArray<D>;
}

/** np.argpartition(a, kth, {axis = -1}): int64 indices that partition each lane (top-k in O(n)). */
export function argpartition(a: ArrayLike, kth: unknown, opts?: PartitionOpts): NDArray<'int64'> {
  checkOptions(opts, ['axis', 'kind'], 'argpartition');
  checkSelectKind(opts?.kind);
  const x = asarray(a);
  const [src, axis] = axisOf(x, opts?.axis);
  const kths = kthList(kth, src.shape[axis]!);
  const out = emptyOf(src.shape, 'int64');
  argpartitionInto(src, axis, kths, out);
  return out as NDArray<'int64'>;
}

/**
 * np.lexsort(keys, {axis = -1}): indices sorting by the last key, then the one
 * before, and so on (each pass a stable argsort). `keys` is a sequence of arrays of
 * one shape, or a 2-D (or more) array whose first axis enumerates the keys.
 */
export function lexsort(keys: readonly ArrayLike[] | NDArray, opts?: { axis?: number }): NDArray<'int64'> {
  checkOptions(opts, ['axis'], 'lexsort');
  let ks: NDArray[];
  if (keys instanceof NDArray) {
    if (keys.ndim === 0) fail('ERR_NUMNODE_ARG', TypeError, 'need sequence of keys with len > 0 in lexsort');
    ks = Array.from({ length: keys.shape[0]! }, (_, i) => keys.slice(i));
  } else {
    if (!Array.isArray(keys)) fail('ERR_NUMNODE_ARG', TypeError, 'lexsort() expects a sequence of keys');
    ks = (keys as readonly ArrayLike[]).map((k) => asarray(k));
  }
  if (ks.length === 0) fail('ERR_NUMNODE_ARG', TypeError, 'need sequence of keys with len > 0 in lexsort');
  const shape = ks[0]!.shape;
  if (ks.some((k) => k.shape.join() !== shape.join())) fail('ERR_NUMNODE_SHAPE', RangeError, 'all keys need to be the same shape');
  if (shape.length === 0) {
    if (opts?.axis !== undefined && opts.axis !== -1 && opts.axis !== 0) normalizeAxis(opts.axis, 0);
    return int64Array([0]).reshape([]) as NDArray<'int64'>;
  }
  const axis = normalizeAxis(opts?.axis ?? -1, shape.length);
  let perm = argsort(ks[0]!, { axis, kind: 'stable' });
  for (let i = 1; i < ks.length; i++) {
    const k = takeAlongAxis(ks[i]!, perm, { axis });
    const p = argsort(k, { axis, kind: 'stable' });
    perm = takeAlongAxis(perm, p, { axis }) as NDArray<'int64'>;
  }
  return perm;
}

// ---- comparison of values ---------------------------------------------------------------

/** NumPy's sort order as a "less than" on JS values (numbers with NaN largest, or bigints). */
function lt(x: number | bigint, y: number | bigint): boolean {
  if (typeof x === 'number') return x < (y as number) || (y !== y && x === x);
  return x < y;
}

/** The flat C-order values of an array as numbers or bigints (booleans as 0/1). */
function valuesOf(a: NDArray): globalThis.ArrayLike<number | bigint> {
  const t = a.toTypedArray() as unknown as globalThis.ArrayLike<number | bigint>;
  return t;
}

/** The dtype two operands are compared in (NumPy's promotion, a JS number being a weak scalar). */
function compareDType(a: NDArray, v: unknown, vArr: NDArray): DType {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && KIND[a.dtype] !== 'f') return a.dtype === 'bool' ? 'int64' : a.dtype;
    if (!Number.isInteger(v) && KIND[a.dtype] !== 'f') return 'float64';
    return a.dtype;
  }
  return promoteTypes(a.dtype, vArr.dtype);
}

/**
 * np.searchsorted(a, v, {side = 'left', sorter}): where to insert v into the sorted
 * 1-D `a` to keep it sorted ('left': before equal elements, 'right': after), as
 * int64 with v's shape (a bigint for a scalar v, NumPy's int64 scalar).
 */
export function searchsorted(a: ArrayLike, v: ArrayLike, opts?: { side?: 'left' | 'right'; sorter?: ArrayLike }): NDArray<'int64'> | bigint {
  checkOptions(opts, ['side', 'sorter'], 'searchsorted');
  const side = opts?.side ?? 'left';
  if (side !== 'left' && side !== 'right') fail('ERR_NUMNODE_ARG', RangeError, `search side must be 'left' or 'right' (got ${describe(side)})`);
  let arr = asarray(a);
  if (arr.ndim !== 1) fail('ERR_NUMNODE_SHAPE', RangeError, 'object too deep for desired array');
  if (opts?.sorter !== undefined) {
    const s = asarray(opts.sorter);
    if (s.ndim !== 1 || s.size !== arr.size) fail('ERR_NUMNODE_SHAPE', RangeError, 'sorter.size must equal a.size');
    if (KIND[s.dtype] !== 'i' && KIND[s.dtype] !== 'u') fail('ERR_NUMNODE_DTYPE', TypeError, 'sorter must only contain integers');
    try {
      arr = take(arr, s);
    } catch {
      fail('ERR_NUMNODE_INDEX', RangeError, 'Sorter index out of range.');
    }
  }
  const vArr = asarray(v);
  const dt = compareDType(arr, v, vArr);
  const A = valuesOf(arr.dtype === dt ? arr : arr.astype(dt));
  const V = typeof v === 'number' ? [v] : valuesOf(vArr.dtype === dt ? vArr : vArr.astype(dt));
  const n = A.length;
  const res = new Array<number>(V.length);
  // NumPy's binsearch, window for window: each key starts from the previous key's
  // bounds (a wider or a reset window), which decides the answer when `a` is not
  // sorted (NaN bins in digitize, say), as NumPy's does.
  const before = side === 'left' ? (p: number | bigint, q: number | bigint) => lt(p, q) : (p: number | bigint, q: number | bigint) => !lt(q, p);
  let lo = 0;
  let hi = n;
  let last = V[0];
  for (let j = 0; j < V.length; j++) {
    const x = V[j]!;
    if (before(last!, x)) {
      hi = n;
    } else {
      lo = 0;
      hi = hi < n ? hi + 1 : n;
    }
    last = x;
    while (lo < hi) {
      const mid = lo + ((hi - lo) >>> 1);
      if (before(A[mid]!, x)) lo = mid + 1; else hi = mid;
    }
    res[j] = lo;
  }
  // A scalar v gives NumPy's int64 scalar: a bigint, as every int64 scalar result in numnode.
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return BigInt(res[0]!);
  return int64Array(res, vArr.shape) as NDArray<'int64'>;
}

// ---- unique -------------------------------------------------------------------------------

export interface UniqueOpts {
  returnIndex?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
  axis?: number | null;
  /** Whether all NaNs count as one value (NumPy's default, true). */
  equalNan?: boolean;
}

/**
 * The positions where a new value starts in a sorted, C-contiguous 1-D array (NaNs
 * all one value when equalNan). Reads the storage directly: 64-bit integers as
 * word pairs, never as BigInts.
 */
function runStarts(s: NDArray, equalNan: boolean): number[] {
  const n = s.size;
  const keep: number[] = [];
  if (n === 0) return keep;
  const off = s.byteOffset / s.itemsize;
  keep.push(0);
  if (s.dtype === 'int64' || s.dtype === 'uint64') {
    const w = new Uint32Array(s.buffer, s.byteOffset, 2 * n);
    for (let i = 1; i < n; i++) if (w[2 * i] !== w[2 * i - 2] || w[2 * i + 1] !== w[2 * i - 1]) keep.push(i);
    return keep;
  }
  const t = s._data as unknown as { [i: number]: number };
  for (let i = 1; i < n; i++) {
    const v = t[off + i]!;
    const u = t[off + i - 1]!;
    if (v !== u && !(equalNan && v !== v && u !== u)) keep.push(i);
  }
  return keep;
}

/** Equality of elements i and j of a C-contiguous 1-D array's storage (NaN never equal). */
function eqAt(t: globalThis.ArrayLike<number | bigint>, i: number, j: number): boolean {
  return t[i] === t[j];
}

/**
 * np.unique(ar, {returnIndex, returnInverse, returnCounts, axis, equalNan}): the sorted
 * unique values (axis: the unique slices along it). With any return flag, an array
 * [unique, index?, inverse?, counts?] in NumPy's tuple order. All NaNs count as one
 * (equalNan, default true) when axis is null.
 */
export function unique(ar: ArrayLike, opts?: UniqueOpts & { returnIndex?: false; returnInverse?: false; returnCounts?: false }): NDArray;
export function unique(ar: ArrayLike, opts: UniqueOpts): NDArray | NDArray[];
export function unique(ar: ArrayLike, opts?: UniqueOpts): NDArray | NDArray[] {
  checkOptions(opts, ['returnIndex', 'returnInverse', 'returnCounts', 'axis', 'equalNan'], 'unique');
  const o = opts ?? {};
  const x = asarray(ar);
  const flags = !!o.returnIndex || !!o.returnInverse || !!o.returnCounts;
  if (o.axis !== undefined && o.axis !== null) return uniqueAxis(x, normalizeAxis(o.axis, x.ndim), o);
  const flat = x.ravel();
  const n = flat.size;
  const equalNan = o.equalNan ?? true;
  if (!flags) {
    const s = sort(flat, { axis: 0 });
    const keep = runStarts(s, equalNan);
    return keep.length === n ? s : take(s, int64Array(keep));
  }
  const perm = argsort(flat, { kind: 'stable' });
  const aux = take(flat, perm);
  const t = valuesOf(aux);
  const p = valuesOf(perm);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (i === 0) { mask[i] = 1; continue; }
    const v = t[i]!;
    if (equalNan && v !== v && t[i - 1] !== t[i - 1]) continue;
    mask[i] = eqAt(t, i, i - 1) ? 0 : 1;
  }
  const firsts: number[] = [];
  for (let i = 0; i < n; i++) if (mask[i]) firsts.push(i);
  const result: NDArray[] = [take(aux, int64Array(firsts))];
  if (o.returnIndex) result.push(int64Array(firsts.map((i) => Number(p[i]!))));
  if (o.returnInverse) {
    const inv = new Array<number>(n);
    let u = -1;
    for (let i = 0; i < n; i++) { if (mask[i]) u++; inv[Number(p[i]!)] = u; }
    result.push(int64Array(inv, x.shape));
  }
  if (o.returnCounts) result.push(int64Array(firsts.map((f, k) => (k + 1 < firsts.length ? firsts[k + 1]! : n) - f)));
  return result;
}

/** np.unique along an axis: unique slices, ordered lexicographically by their elements. */
function uniqueAxis(x: NDArray, axis: number, o: UniqueOpts): NDArray | NDArray[] {
  const moved = x.moveaxis(axis, 0);
  const n = moved.shape[0]!;
  const rest = moved.shape.slice(1);
  const rows = moved.copy('C').reshape([n, rest.reduce((p, q) => p * q, 1)]);
  const cols = rows.shape[1]!;
  let perm: NDArray<'int64'>;
  if (cols === 0 || n === 0) perm = int64Array(Array.from({ length: n }, (_, i) => i)) as NDArray<'int64'>;
  else perm = lexsort(Array.from({ length: cols }, (_, c) => rows.slice(':', cols - 1 - c)));
  const sorted = take(rows, perm, { axis: 0 });
  const t = valuesOf(sorted);
  const p = valuesOf(perm);
  const firsts: number[] = [];
  for (let i = 0; i < n; i++) {
    let differs = i === 0;
    for (let c = 0; !differs && c < cols; c++) differs = t[i * cols + c] !== t[(i - 1) * cols + c];
    if (differs) firsts.push(i);
  }
  let values = take(sorted, int64Array(firsts), { axis: 0 }).reshape([firsts.length, ...rest]);
  values = values.moveaxis(0, axis).copy('C');
  const flags = !!o.returnIndex || !!o.returnInverse || !!o.returnCounts;
  if (!flags) return values;
  const result: NDArray[] = [values];
  if (o.returnIndex) result.push(int64Array(firsts.map((i) => Number(p[i]!))));
  if (o.returnInverse) {
    const inv = new Array<number>(n);
    let u = -1;
    let f = 0;
    for (let i = 0; i < n; i++) { if (f < firsts.length && firsts[f] === i) { u++; f++; } inv[Number(p[i]!)] = u; }
    result.push(int64Array(inv));
  }
  if (o.returnCounts) result.push(int64Array(firsts.map((f, k) => (k + 1 < firsts.length ? firsts[k + 1]! : n) - f)));
  return result;
}

// ---- counting and binning -------------------------------------------------------------------

/** An array argument that must hold integers, as NumPy casts it with the 'safe' rule to int64. */
function safeIntegers(x: ArrayLike, what: string): NDArray {
  const a = asarray(x);
  if (KIND[a.dtype] === 'f' || a.dtype === 'uint64') {
    fail('ERR_NUMNODE_DTYPE', TypeError, `Cannot cast array data from dtype('${a.dtype}') to dtype('int64') according to the rule 'safe'`);
  }
  void what;
  return a;
}

/**
 * np.bincount(x, {weights, minlength}): occurrences of each value of the
 * non-negative integer 1-D `x` (int64), or the sums of their weights (float64).
 */
export function bincount(x: ArrayLike, opts?: { weights?: ArrayLike | null; minlength?: number }): NDArray {
  checkOptions(opts, ['weights', 'minlength'], 'bincount');
  const a = safeIntegers(x, 'x');
  if (a.ndim > 1) fail('ERR_NUMNODE_SHAPE', RangeError, 'object too deep for desired array');
  const minlength = opts?.minlength ?? 0;
  if (!Number.isInteger(minlength)) fail('ERR_NUMNODE_ARG', TypeError, `'${describe(minlength)}' object cannot be interpreted as an integer`);
  if (minlength < 0) fail('ERR_NUMNODE_ARG', RangeError, "'minlength' must not be negative");
  const vals = a.ndim === 0 ? [Number(a.get())] : Array.from(valuesOf(a), Number);
  let max = -1;
  for (const v of vals) {
    if (v < 0) fail('ERR_NUMNODE_ARG', RangeError, "'list' argument must have no negative elements");
    if (v > max) max = v;
  }
  const len = Math.max(max + 1, minlength);
  // A hostile value or minlength (2**40) is ERR_NUMNODE_ALLOC before anything is built
  // (it was V8's uncoded "Invalid array length": issue 9's hostile-input table).
  const nbytes = checkedNbytes([len], 8);
  if (nbytes > MAX_ALLOC_BYTES) allocate(nbytes, false);
  // NumPy: an empty x gives int64 zeros, weights or not.
  if (opts?.weights !== undefined && opts.weights !== null && vals.length > 0) {
    const w = asarray(opts.weights).astype('float64');
    if (w.size !== vals.length) fail('ERR_NUMNODE_SHAPE', RangeError, "The weights and list don't have the same length.");
    const wv = w.ravel().toTypedArray() as Float64Array;
    const out = new Float64Array(len);
    for (let i = 0; i < vals.length; i++) out[vals[i]!] += wv[i]!;
    return asarray(out).copy();
  }
  const counts = new Float64Array(len);
  for (const v of vals) counts[v]++;
  return int64Array(counts);
}

/** Values of an array as doubles (int64 exactly where it fits; NumPy's float64 cast otherwise). */
function doubles(a: NDArray): Float64Array {
  return a.astype('float64').ravel().toTypedArray() as Float64Array;
}

/**
 * np.histogram(a, {bins = 10, range, density, weights}) → [hist, binEdges], with
 * NumPy's algorithm (the uniform-bin fast path and its edge corrections, so that
 * values on an edge land where NumPy puts them). bins: a count or the edges.
 */
export function histogram(a: ArrayLike, opts?: { bins?: number | ArrayLike; range?: [number, number] | null; density?: boolean | null; weights?: ArrayLike | null }): [NDArray, NDArray] {
  checkOptions(opts, ['bins', 'range', 'density', 'weights'], 'histogram');
  const x = asarray(a).ravel();
  const bins = opts?.bins ?? 10;
  const density = !!opts?.density;
  let w: Float64Array | null = null;
  let wDtype: DType = 'int64';
  if (opts?.weights !== undefined && opts.weights !== null) {
    const wa = asarray(opts.weights);
    if (wa.shape.join() !== asarray(a).shape.join()) fail('ERR_NUMNODE_SHAPE', RangeError, 'weights should have the same shape as a.');
    wDtype = wa.dtype;
    w = doubles(wa);
  }
  // The float type of the edges: float32 input keeps float32 edges, everything else float64.
  const edgeType: DType = x.dtype === 'float32' ? 'float32' : 'float64';
  const r = edgeType === 'float32' ? Math.fround : (v: number) => v;
  const xs = doubles(x);
  let counts: Float64Array;
  let edges: NDArray;
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins)) fail('ERR_NUMNODE_ARG', TypeError, '`bins` must be an integer, a string, or an array');
    if (bins < 1) fail('ERR_NUMNODE_ARG', RangeError, '`bins` must be positive, when an integer');
    let first: number;
    let last: number;
    // NumPy's edge arithmetic: with an autodetected range the edges are float32 scalars
    // for float32 input (linspace then computes in float32); a given range is Python
    // floats (linspace in float64, cast after).
    let f32Edges = false;
    const range = opts?.range ?? null;
    if (range !== null) {
      [first, last] = [Number(range[0]), Number(range[1])];
      if (first > last) fail('ERR_NUMNODE_ARG', RangeError, 'max must be larger than min in range parameter.');
      if (!Number.isFinite(first) || !Number.isFinite(last)) fail('ERR_NUMNODE_ARG', RangeError, `supplied range of [${pyFloat(first)}, ${pyFloat(last)}] is not finite`);
      if (first === last) { first -= 0.5; last += 0.5; }
    } else {
      if (xs.length === 0) { first = 0; last = 1; } else {
        first = Infinity; last = -Infinity;
        let nan = false;
        for (const v of xs) { if (v !== v) nan = true; else { if (v < first) first = v; if (v > last) last = v; } }
        if (nan) { first = NaN; last = NaN; }
        if (!Number.isFinite(first) || !Number.isFinite(last)) fail('ERR_NUMNODE_ARG', RangeError, `autodetected range of [${pyFloat(first)}, ${pyFloat(last)}] is not finite`);
        f32Edges = edgeType === 'float32';
      }
      if (first === last) { first = r(first - 0.5); last = r(last + 0.5); }
    }
    edges = f32Edges ? linspaceF32(first, last, bins + 1) : linspace(first, last, bins + 1, { dtype: edgeType });
    const e = doubles(edges);
    for (let i = 1; i < e.length; i++) {
      if (!(e[i - 1]! < e[i]!)) {
        fail('ERR_NUMNODE_ARG', RangeError, `Too many bins for data range. Cannot create ${bins} finite-sized bins.`);
      }
    }
    counts = new Float64Array(bins);
    const denom = r(last - first);
    const lo = r(first);
    const hi = r(last);
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i]!;
      if (!(v >= lo && v <= hi)) continue;
      let k = Math.trunc(r(r(r(v - lo) / denom) * bins));
      if (k === bins) k--;
      if (v < e[k]!) k--;
      else if (v >= e[k + 1]! && k !== bins - 1) k++;
      counts[k] += w === null ? 1 : w[i]!;
    }
  } else {
    edges = asarray(bins);
    if (edges.ndim !== 1) fail('ERR_NUMNODE_SHAPE', RangeError, '`bins` must be 1d, when an array');
    const e = doubles(edges);
    for (let i = 1; i < e.length; i++) if (!(e[i]! >= e[i - 1]!)) fail('ERR_NUMNODE_ARG', RangeError, '`bins` must increase monotonically, when an array');
    const nb = Math.max(e.length - 1, 0);
    counts = new Float64Array(nb);
    // NumPy: count by searchsorted on the sorted values; the last bin includes its right edge.
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i]!;
      if (nb === 0 || !(v >= e[0]! && v <= e[nb]!)) continue;
      let lo = 0; let hi = nb + 1;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (e[mid]! <= v) lo = mid + 1; else hi = mid; }
      let k = lo - 1;
      if (k >= nb) k = nb - 1;
      counts[k] += w === null ? 1 : w[i]!;
    }
  }
  let hist: NDArray;
  if (density) {
    const e = doubles(edges);
    // np.diff(bin_edges) in the edges' dtype, then float64: n / db / n.sum()
    const rd = edges.dtype === 'float32' ? Math.fround : (v: number) => v;
    let total = 0;
    for (const c of counts) total += c;
    const d = new Float64Array(counts.length);
    for (let i = 0; i < counts.length; i++) d[i] = counts[i]! / rd(e[i + 1]! - e[i]!) / total;
    hist = asarray(d).copy();
  } else if (w === null) hist = int64Array(counts);
  else hist = asarray(counts).astype(wDtype);
  return [hist, edges];
}

/** np.linspace(first, last, num) computed in float32, as NumPy does for float32 scalar ends. */
function linspaceF32(first: number, last: number, num: number): NDArray {
  const f = Math.fround;
  const y = new Float32Array(num);
  const div = num - 1;
  const step = f(f(last - first) / div);
  for (let i = 0; i < num; i++) y[i] = step === 0 ? f(f(f(i / div)) * f(last - first)) + first : f(f(i * step) + first);
  if (num > 1) y[num - 1] = last;
  return asarray(y).copy();
}

function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

/**
 * np.digitize(x, bins, {right = false}): the index of the bin each value falls in;
 * bins monotonically increasing or decreasing.
 */
/**
 * NumPy's check_array_monotonic, comparison for comparison (NaN included): 1 when
 * increasing (or all equal), -1 when decreasing, 0 when neither. Leading repeats are
 * skipped, and the first differing pair decides the direction: [-1.125, NaN] counts
 * as decreasing, since -1.125 < NaN is false.
 */
function monotonicity(e: Float64Array): -1 | 0 | 1 {
  const n = e.length;
  if (n === 0) return 1;
  let i = 1;
  while (i < n && e[i] === e[0]) i++;
  if (i === n) return 1;
  let next = e[i]!;
  const increasing = e[0]! < next;
  for (i += 1; i < n; i++) {
    const last = next;
    next = e[i]!;
    if (increasing ? last > next : last < next) return 0;
  }
  return increasing ? 1 : -1;
}

export function digitize(x: ArrayLike, bins: ArrayLike, opts?: { right?: boolean }): NDArray<'int64'> | bigint {
  checkOptions(opts, ['right'], 'digitize');
  const b = asarray(bins);
  if (b.ndim !== 1) fail('ERR_NUMNODE_SHAPE', RangeError, 'bins must be 1-dimensional');
  const mono = monotonicity(doubles(b));
  if (mono === 0) fail('ERR_NUMNODE_ARG', RangeError, 'bins must be monotonically increasing or decreasing');
  const inc = mono === 1;
  const side = opts?.right ? 'left' : 'right';
  if (inc) return searchsorted(b, x, { side });
  // Decreasing bins: NumPy searches the reversed bins with the same side and counts from the end.
  const s = searchsorted(b.slice('::-1'), x, { side });
  if (typeof s === 'bigint') return BigInt(b.size) - s;
  const out = s.toTypedArray() as BigInt64Array;
  const n = BigInt(b.size);
  for (let i = 0; i < out.length; i++) out[i] = n - out[i]!;
  return asarray(out).reshape([...s.shape]).copy() as NDArray<'int64'>;
}

// ---- methods ------------------------------------------------------------------------------

declare module '../core/ndarray' {
  interface NDArray<D extends DType = DType> {
    /** NumPy's in-place `a.sort(axis = -1, kind)`; returns the array (as JS's Array.prototype.sort does). */
    sort(opts?: { axis?: number; kind?: SortKind }): this;
    /** np.argsort(a, {axis, kind}). */
    argsort(opts?: SortOpts): NDArray<'int64'>;
    /** NumPy's in-place `a.partition(kth, axis = -1)`; returns the array. */
    partition(kth: unknown, opts?: { axis?: number; kind?: 'introselect' }): this;
    /** np.argpartition(a, kth, {axis}). */
    argpartition(kth: unknown, opts?: PartitionOpts): NDArray<'int64'>;
    /** np.searchsorted(a, v, {side, sorter}). */
    searchsorted(v: ArrayLike, opts?: { side?: 'left' | 'right'; sorter?: ArrayLike }): NDArray<'int64'> | bigint;
  }
}

NDArray.prototype.sort = function sort_<T extends NDArray>(this: T, opts?: { axis?: number; kind?: SortKind }): T {
  checkOptions(opts, ['axis', 'kind'], 'sort');
  this._checkWriteable();
  const stable = stableKind(opts?.kind);
  if (opts?.axis === null) fail('ERR_NUMNODE_AXIS', RangeError, 'a.sort() needs an integer axis; use np.sort(a, {axis: null}) to sort the flattened array');
  const axis = normalizeAxis(opts?.axis ?? -1, this.ndim);
  sortInPlace(this, axis, stable);
  return this;
};
NDArray.prototype.argsort = function argsort_(this: NDArray, opts?: SortOpts): NDArray<'int64'> {
  return argsort(this, opts);
};
NDArray.prototype.partition = function partition_<T extends NDArray>(this: T, kth: unknown, opts?: { axis?: number; kind?: 'introselect' }): T {
  checkOptions(opts, ['axis', 'kind'], 'partition');
  checkSelectKind(opts?.kind);
  this._checkWriteable();
  const axis = normalizeAxis(opts?.axis ?? -1, this.ndim);
  partitionInPlace(this, axis, kthList(kth, this.shape[axis]!));
  return this;
};
NDArray.prototype.argpartition = function argpartition_(this: NDArray, kth: unknown, opts?: PartitionOpts): NDArray<'int64'> {
  return argpartition(this, kth, opts);
};
NDArray.prototype.searchsorted = function searchsorted_(this: NDArray, v: ArrayLike, opts?: { side?: 'left' | 'right'; sorter?: ArrayLike }) {
  return searchsorted(this, v, opts);
};
