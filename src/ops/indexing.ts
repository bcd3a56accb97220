// NumPy's `a[...]` in full (`a.index(...items)`, `a.indexSet(items, value)`) and the
// selection functions built on the same gather/scatter kernels: take, put, compress,
// extract, nonzero, argwhere, flatnonzero, where(condition), choose, takeAlongAxis,
// putAlongAxis.
//
// Indexing follows NumPy's prepare_index/mapiter rules:
//  - items are integers, 'start:stop:step' strings, np.s(...), np.newaxis (null),
//    '...', booleans, and integer or boolean arrays (NDArrays, TypedArrays or nested
//    JS arrays); a 0-d integer array counts as an integer;
//  - with no array item the result is the view `a.slice(...)` gives;
//  - otherwise the result is a copy: boolean arrays become their nonzero() index
//    arrays, integers become 0-d index arrays, and all index arrays broadcast
//    together; the broadcast index dimensions replace the indexed axes in place when
//    the advanced items are adjacent in the index, and go first otherwise (any
//    slice, newaxis or '...' between them separates them, even an empty one);
//  - indexSet writes in C order of the index, so a repeated index keeps the last
//    value; every index is checked before anything is written.
import { DType, KIND, Scalar, isTypedArray } from '../core/dtype';
import { fail, shapeStr } from '../core/errors';
import { IndexItem, NDArray, Slice, checkOptions, parseSlice } from '../core/ndarray';
import { ArrayLike, asarray, emptyOf } from '../core/creation';
import { broadcastShapes, describe, normalizeAxis, sizeOf } from '../core/shape';
import { promoteTypes } from '../core/promotion';
import { boundsOverlap } from '../backend/dispatch';
import {
  IndexArg, SubSpace, countNonzero, gatherInto, maskGatherInto, maskScatterFrom, nonzeroInto, scatterFrom,
} from '../backend/selection';
import type { IndexMode } from '../backend/js/select';

/** One item of NumPy's full indexing: basic items plus booleans and integer/boolean arrays. */
export type IndexSpec = IndexItem | boolean | bigint | NDArray | ArrayLike;

type Parsed =
  | { kind: 'int'; value: number; raw: number | bigint }
  | { kind: 'slice'; item: IndexItem }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' }
  | { kind: 'intarr'; arr: NDArray }
  | { kind: 'boolarr'; arr: NDArray }
  | { kind: 'bool0'; value: boolean };

const VALID = "only integers, slices ('start:stop:step'), ellipsis ('...'), np.newaxis (null) and integer or boolean arrays are valid indices";

function invalid(x: unknown): never {
  return fail('ERR_NUMNODE_INDEX', TypeError, `${VALID}, got ${describe(x)}`);
}

function notIntegerArray(): never {
  return fail('ERR_NUMNODE_INDEX', RangeError, 'arrays used as indices must be of integer (or boolean) type');
}

/** Classifies one item (NumPy's prepare_index, one entry). */
function parseItem(it: unknown): Parsed {
  if (it === null) return { kind: 'newaxis' };
  if (typeof it === 'number') {
    if (!Number.isInteger(it)) invalid(it);
    return { kind: 'int', value: it, raw: it };
  }
  if (typeof it === 'bigint') return { kind: 'int', value: Number(it), raw: it };
  if (typeof it === 'boolean') return { kind: 'bool0', value: it };
  if (typeof it === 'string') {
    if (it === '...') return { kind: 'ellipsis' };
    parseSlice(it); // throws NumPy-style on a malformed string
    return { kind: 'slice', item: it };
  }
  if (it instanceof Slice) return { kind: 'slice', item: it };
  let arr: NDArray;
  if (it instanceof NDArray) arr = it;
  else if (isTypedArray(it)) arr = asarray(it);
  else if (Array.isArray(it)) {
    arr = asarray(it as ArrayLike);
    // NumPy: an empty list is an empty integer index; a list of non-integers is not an index at all.
    if (arr.size === 0 && arr.dtype === 'float64') arr = emptyOf(arr.shape, 'int64');
    else if (KIND[arr.dtype] === 'f') invalid(it);
  } else return invalid(it);
  if (arr.dtype === 'bool') {
    if (arr.ndim === 0) return { kind: 'bool0', value: arr.get() as boolean };
    return { kind: 'boolarr', arr };
  }
  if (KIND[arr.dtype] === 'f') notIntegerArray();
  if (arr.ndim === 0) {
    const v = arr.get() as number | bigint;
    return { kind: 'int', value: Number(v), raw: v };
  }
  return { kind: 'intarr', arr };
}

/** A small C-contiguous int64 array holding `values` (lane positions, coordinates). */
export function int64Array(values: { readonly length: number; readonly [i: number]: number }, shape: readonly number[] = [values.length]): NDArray {
  const out = emptyOf(shape, 'int64');
  const w = new Int32Array(out.buffer, out.byteOffset, 2 * values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    w[2 * i] = v | 0;
    w[2 * i + 1] = Math.floor(v / 4294967296);
  }
  return out;
}

/** The exact value of element `pos` (C order over `shape`) of a broadcast integer index array. */
function indexValueAt(arr: NDArray, shape: readonly number[], pos: number): number | bigint {
  const at = new Array<number>(shape.length);
  for (let ax = shape.length - 1; ax >= 0; ax--) { at[ax] = pos % shape[ax]!; pos = Math.floor(pos / shape[ax]!); }
  const b = arr.broadcastTo(shape);
  return b.get(...at) as number | bigint;
}

function outOfBounds(v: number | bigint, axis: number, len: number): never {
  return fail('ERR_NUMNODE_INDEX', RangeError, `index ${v} is out of bounds for axis ${axis} with size ${len}`);
}

/** What an advanced index resolves to: the gather/scatter geometry and the result's layout. */
interface Plan {
  /** The basic view the advanced items index into. */
  view: NDArray;
  idxShape: number[];
  ops: IndexArg[];
  /** The original axis each operand indexes (for error messages). */
  opAxes: number[];
  sub: SubSpace;
  /** Result shape, and where the index dimensions sit in it (their first position). */
  resultShape: number[];
  idxAt: number;
  /** Set when the index is one boolean array of the array's own shape (the mask fast path). */
  mask: NDArray | null;
}

/**
 * Parses the items; returns null when they are all basic (then `a.slice` gives the
 * result), else the plan of the advanced index.
 */
function plan(a: NDArray, items: readonly unknown[]): Plan | null {
  const parsed = items.map(parseItem);
  let ellipsis = -1;
  let consumed = 0;
  let advanced = false;
  parsed.forEach((p, i) => {
    if (p.kind === 'ellipsis') {
      if (ellipsis >= 0) fail('ERR_NUMNODE_INDEX', RangeError, "an index can only have a single ellipsis ('...')");
      ellipsis = i;
    } else if (p.kind === 'int' || p.kind === 'slice' || p.kind === 'intarr') consumed++;
    else if (p.kind === 'boolarr') consumed += p.arr.ndim;
    if (p.kind === 'intarr' || p.kind === 'boolarr' || p.kind === 'bool0') advanced = true;
  });
  if (consumed > a.ndim) {
    fail('ERR_NUMNODE_INDEX', RangeError,
      `too many indices for array: array is ${a.ndim}-dimensional, but ${consumed} were indexed`);
  }
  if (!advanced) return null;

  // NumPy's boolean fast path: the index is exactly one boolean array of the
  // array's ndim (a 0-d boolean for a 0-d array); not with an '...' beside it.
  const only = parsed.length === 1 ? parsed[0]! : null;
  let mask: NDArray | null = null;
  if (only !== null && only.kind === 'boolarr' && only.arr.ndim === a.ndim) mask = only.arr;
  if (only !== null && only.kind === 'bool0' && a.ndim === 0) mask = emptyOf([], 'bool', 'C', !only.value).fill(only.value);
  if (mask !== null) {
    checkBoolShape(mask, a.shape, 0);
    const m = mask;
    return {
      view: a, idxShape: [], ops: [], opAxes: [], sub: { array: a, base: a.byteOffset, shape: [], strides: [] },
      resultShape: [], idxAt: 0, mask: m,
    };
  }

  // The basic view: advanced axes kept whole (':'), a new axis for each 0-d boolean.
  const basic: IndexItem[] = [];
  // For every advanced item: the view axes it indexes and the original axes they came from.
  const adv: { p: Parsed; viewAxis: number; origAxis: number }[] = [];
  let viewAxis = 0;
  let origAxis = 0;
  let firstAdv = -1;
  let lastAdv = -1;
  let separated = false;
  parsed.forEach((p, i) => {
    const isAdv = p.kind === 'int' || p.kind === 'intarr' || p.kind === 'boolarr' || p.kind === 'bool0';
    if (isAdv) {
      if (firstAdv >= 0 && lastAdv !== i - 1) separated = true;
      if (firstAdv < 0) firstAdv = i;
      lastAdv = i;
    }
    switch (p.kind) {
      case 'int': case 'intarr':
        adv.push({ p, viewAxis, origAxis });
        basic.push(':'); viewAxis++; origAxis++;
        break;
      case 'boolarr':
        checkBoolShape(p.arr, a.shape.slice(origAxis, origAxis + p.arr.ndim), origAxis);
        adv.push({ p, viewAxis, origAxis });
        for (let k = 0; k < p.arr.ndim; k++) basic.push(':');
        viewAxis += p.arr.ndim; origAxis += p.arr.ndim;
        break;
      case 'bool0':
        adv.push({ p, viewAxis, origAxis: -1 });
        basic.push(null); viewAxis++;
        break;
      case 'slice': basic.push(p.item); viewAxis++; origAxis++; break;
      case 'newaxis': basic.push(null); viewAxis++; break;
      case 'ellipsis': {
        const fill = a.ndim - consumed;
        basic.push('...'); viewAxis += fill; origAxis += fill;
        break;
      }
    }
  });
  const view = a.slice(...basic);
  // Integers are bounds-checked before the index arrays are broadcast (NumPy's order).
  for (const { p, viewAxis: va, origAxis: oa } of adv) {
    if (p.kind === 'int') {
      const len = view.shape[va]!;
      if (!(p.value >= -len && p.value < len)) outOfBounds(p.raw, oa, len);
    }
  }

  // Index operands: one per indexed view axis.
  const operands: { arr: NDArray; axis: number; orig: number; isInt: boolean }[] = [];
  for (const { p, viewAxis: va, origAxis: oa } of adv) {
    if (p.kind === 'int') operands.push({ arr: int64Array([p.value]).reshape([]), axis: va, orig: oa, isInt: true });
    else if (p.kind === 'intarr') operands.push({ arr: p.arr, axis: va, orig: oa, isInt: false });
    else if (p.kind === 'bool0') operands.push({ arr: emptyOf([p.value ? 1 : 0], 'int64', 'C', true), axis: va, orig: oa, isInt: false });
    else if (p.kind === 'boolarr') {
      const coords = nonzeroArrays(p.arr);
      coords.forEach((c, k) => operands.push({ arr: c, axis: va + k, orig: oa + k, isInt: false }));
    }
  }
  // Raw int values beyond 2**53 must keep their exact value for the message.
  let idxShape: number[];
  try {
    idxShape = broadcastShapes(...operands.map((o) => o.arr.shape));
  } catch {
    return fail('ERR_NUMNODE_INDEX', RangeError,
      `shape mismatch: indexing arrays could not be broadcast together with shapes ${operands.filter((o) => !o.isInt).map((o) => shapeStr(o.arr.shape).replace(/ /g, '')).join(' ')} `);
  }
  const indexed = new Set(operands.map((o) => o.axis));
  const subAxes: number[] = [];
  for (let d = 0; d < view.ndim; d++) if (!indexed.has(d)) subAxes.push(d);
  const firstAxis = Math.min(...operands.map((o) => o.axis));
  const before = separated ? 0 : subAxes.filter((d) => d < firstAxis).length;
  const subShape = subAxes.map((d) => view.shape[d]!);
  const resultShape = [...subShape.slice(0, before), ...idxShape, ...subShape.slice(before)];
  return {
    view,
    idxShape,
    ops: operands.map((o) => ({ index: o.arr.broadcastTo(idxShape), len: view.shape[o.axis]!, stride: view.strides[o.axis]! })),
    opAxes: operands.map((o) => o.orig),
    sub: { array: view, base: view.byteOffset, shape: subShape, strides: subAxes.map((d) => view.strides[d]!) },
    resultShape,
    idxAt: before,
    mask: null,
  };
}

function checkBoolShape(m: NDArray, shape: readonly number[], axis0: number): void {
  for (let k = 0; k < m.ndim; k++) {
    // NumPy lets a boolean axis of length 0 pass whatever the array's length (mapping.c,
    // legacy): a[np.zeros((4, 0), bool)] of a (4, 3) array is an empty selection.
    if (m.shape[k] !== shape[k] && m.shape[k] !== 0) {
      fail('ERR_NUMNODE_INDEX', RangeError,
        `boolean index did not match indexed array along axis ${axis0 + k}; size of axis is ${shape[k]} but size of corresponding boolean axis is ${m.shape[k]}`);
    }
  }
}

/**
 * All-basic items as `slice` takes them: a bigint, or a 0-d integer array (NumPy treats
 * `a[np.array(1)]` as `a[1]`; parseItem classifies it as an integer), becomes a number.
 */
function basicItems(items: readonly IndexSpec[]): IndexItem[] {
  return items.map((it) => (typeof it === 'bigint' ? Number(it)
    : it instanceof NDArray ? Number(it.get() as number | bigint) : it)) as IndexItem[];
}

/** Splits strides of a C-contiguous result into (index dims, sub dims) by placement. */
function placeStrides(strides: readonly number[], p: Plan): { idx: number[]; sub: number[] } {
  const ni = p.idxShape.length;
  return {
    idx: strides.slice(p.idxAt, p.idxAt + ni),
    sub: [...strides.slice(0, p.idxAt), ...strides.slice(p.idxAt + ni)],
  };
}

function raiseBad(p: Plan, bad: { operand: number; position: number }): never {
  const op = p.ops[bad.operand]!;
  return outOfBounds(indexValueAt(op.index, p.idxShape, bad.position), p.opAxes[bad.operand]!, op.len);
}

/** NumPy's `a[items]`: a view for basic items, a copy when any item is an array or a boolean. */
export function index<D extends DType>(a: NDArray<D>, ...items: IndexSpec[]): NDArray<D> {
  const p = plan(a, items);
  if (p === null) return a.slice(...basicItems(items));
  if (p.mask !== null) {
    const count = countNonzero(p.mask);
    const out = emptyOf([count], a.dtype);
    maskGatherInto(a, p.mask, count, out);
    return out;
  }
  const out = emptyOf(p.resultShape, a.dtype);
  if (out.size === 0 && !p.idxShape.every((d) => d > 0)) return out;
  const st = placeStrides(out.strides, p);
  const bad = gatherInto(p.sub, p.idxShape, p.ops, 'raise', { array: out, offset: out.byteOffset, idxStrides: st.idx, subStrides: st.sub });
  if (bad !== null) raiseBad(p, bad);
  return out;
}

/** A value as an array of `dtype` (scalars as a 0-d array), copied when it shares memory with `dst`. */
function valueArray(value: unknown, dtype: DType, dst: NDArray): NDArray {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    const v = emptyOf([], dtype);
    v.set([], value as Scalar);
    return v;
  }
  let v = value instanceof NDArray ? value : asarray(value as ArrayLike, { dtype });
  if (v.dtype !== dtype) v = v.astype(dtype);
  else if (boundsOverlap(v, dst)) v = v.copy();
  return v;
}

/** The value broadcast to `shape` for an assignment (NumPy drops the value's leading length-1 axes first). */
function broadcastValue(v: NDArray, shape: readonly number[]): NDArray | null {
  let s = v.shape.slice();
  while (s.length > shape.length && s[0] === 1) s = s.slice(1);
  if (s.length > shape.length) return null;
  for (let i = 0; i < s.length; i++) {
    const d = s[i]!;
    const t = shape[shape.length - s.length + i]!;
    if (d !== t && d !== 1) return null;
  }
  return v.reshape(s).broadcastTo(shape);
}

/** NumPy's `a[items] = value`: broadcasts the value; with repeated indices the last write wins. */
export function indexSet(a: NDArray, items: readonly IndexSpec[], value: unknown): void {
  if (!Array.isArray(items)) fail('ERR_NUMNODE_ARG', TypeError, 'indexSet(items, value): items must be an array of index items');
  a._checkWriteable();
  const p = plan(a, items);
  if (p === null) {
    a.slice(...basicItems(items)).assign(value);
    return;
  }
  const v = valueArray(value, a.dtype, a);
  if (p.mask !== null) {
    const count = countNonzero(p.mask);
    if (v.ndim > 1) {
      fail('ERR_NUMNODE_SHAPE', TypeError,
        `NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has ${v.ndim} dimensions`);
    }
    const n = v.size;
    if (n !== 1 && n !== count) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `NumPy boolean array indexing assignment cannot assign ${n} input values to the ${count} output values where the mask is true`);
    }
    maskScatterFrom(a, p.mask, count, v, n === 1 ? 0 : v.ndim === 0 ? 0 : v.strides[0]!);
    return;
  }
  const bv = broadcastValue(v, p.resultShape);
  if (bv === null) {
    fail('ERR_NUMNODE_BROADCAST', RangeError,
      `shape mismatch: value array of shape ${shapeStr(v.shape).replace(/ /g, '')} could not be broadcast to indexing result of shape ${shapeStr(p.resultShape).replace(/ /g, '')}`);
  }
  // (An empty result still has its indices checked, as NumPy does.)
  const st = placeStrides(bv.strides, p);
  const bad = scatterFrom(p.sub, p.idxShape, p.ops, 'raise', { array: bv, offset: bv.byteOffset, idxStrides: st.idx, subStrides: st.sub });
  if (bad !== null) raiseBad(p, bad);
}

// ---- nonzero and friends ------------------------------------------------------------------

/** np.argwhere's array: the [count, ndim] int64 coordinates of the nonzero elements, C order. */
function coordinates(a: NDArray): NDArray {
  const count = countNonzero(a);
  const out = emptyOf([count, a.ndim], 'int64');
  nonzeroInto(a, count, out);
  return out;
}

/** nonzero's arrays for an array of ndim ≥ 1 (columns of the coordinates, as NumPy returns them). */
function nonzeroArrays(a: NDArray): NDArray[] {
  const c = coordinates(a);
  if (a.ndim === 1) return [c.reshape([c.shape[0]!])];
  return Array.from({ length: a.ndim }, (_, k) => c.slice(':', k));
}

/** np.nonzero: one int64 array per axis with the indices of the nonzero elements. */
export function nonzero(a: ArrayLike): NDArray[] {
  const x = asarray(a);
  if (x.ndim === 0) {
    fail('ERR_NUMNODE_SHAPE', RangeError,
      'Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.');
  }
  return nonzeroArrays(x);
}

/** np.argwhere: the [count, ndim] int64 coordinates of the nonzero elements. */
export function argwhere(a: ArrayLike): NDArray {
  const x = asarray(a);
  if (x.ndim === 0) {
    // NumPy: argwhere of a 0-d array is that of its 1-element ravel, without the axis.
    const c = countNonzero(x);
    return emptyOf([c, 0], 'int64');
  }
  return coordinates(x);
}

/** np.flatnonzero: indices of the nonzero elements of the flattened array. */
export function flatnonzero(a: ArrayLike): NDArray {
  return nonzeroArrays(asarray(a).ravel())[0]!;
}

/** np.where with one argument: nonzero(condition). (np.where(cond, x, y) is the elementwise form.) */
export function whereCondition(condition: ArrayLike): NDArray[] {
  return nonzero(condition);
}

// ---- take / put ---------------------------------------------------------------------------

function checkMode(mode: unknown): IndexMode {
  if (mode !== 'raise' && mode !== 'wrap' && mode !== 'clip') {
    return fail('ERR_NUMNODE_ARG', TypeError, `clipmode must be one of 'clip', 'raise', or 'wrap' (got ${describe(mode)})`);
  }
  return mode;
}

/** An index argument as an integer array (NumPy's rules for what may index). */
function integerIndices(indices: unknown, what: string): NDArray {
  let idx: NDArray;
  if (typeof indices === 'number' || typeof indices === 'bigint') {
    if (typeof indices === 'number' && !Number.isInteger(indices)) invalid(indices);
    idx = asarray(indices as number);
  } else if (indices instanceof NDArray || isTypedArray(indices) || Array.isArray(indices)) {
    idx = asarray(indices as ArrayLike);
    if (idx.size === 0 && idx.dtype === 'float64' && !(indices instanceof NDArray)) idx = emptyOf(idx.shape, 'int64');
  } else return fail('ERR_NUMNODE_ARG', TypeError, `${what} must be integers or an array of integers, got ${describe(indices)}`);
  if (KIND[idx.dtype] !== 'i' && KIND[idx.dtype] !== 'u') {
    if (idx.dtype === 'bool') return idx.astype('int64');
    return fail('ERR_NUMNODE_DTYPE', TypeError, `Cannot cast array data from dtype('${idx.dtype}') to dtype('int64') according to the rule 'safe'`);
  }
  return idx;
}

/**
 * np.take(a, indices, {axis, mode}): elements (axis null: of the flattened array) or
 * slices along `axis` at the given indices; mode 'raise' (default; negative
 * indices count from the end), 'wrap' or 'clip'.
 */
export function take(a: ArrayLike, indices: unknown, opts?: { axis?: number | null; mode?: IndexMode }): NDArray {
  checkOptions(opts, ['axis', 'mode'], 'take');
  let x = asarray(a);
  const mode = checkMode(opts?.mode ?? 'raise');
  const idx = integerIndices(indices, 'indices');
  let axis: number;
  if (opts?.axis === undefined || opts.axis === null) { x = x.ravel(); axis = 0; } else axis = normalizeAxis(opts.axis, x.ndim);
  const len = x.shape[axis]!;
  // NumPy refuses only a take whose result is non-empty (item_selection.c: the result's size, not the index's)
  const resultSize = idx.size * x.shape.reduce((p, d, i) => (i === axis ? p : p * d), 1);
  if (len === 0 && resultSize > 0) {
    fail('ERR_NUMNODE_INDEX', RangeError, 'cannot do a non-empty take from an empty axes.');
  }
  const subAxes = [...Array(x.ndim).keys()].filter((d) => d !== axis);
  const resultShape = [...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)];
  const out = emptyOf(resultShape, x.dtype);
  if (out.size === 0) {
    // NumPy still checks every index once per outer position (item_selection.c loops
    // over the axes before `axis`, then the indices): an empty result from an empty
    // trailing axis does not excuse an out-of-bounds index.
    const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
    if (mode === 'raise' && outer > 0 && idx.size > 0) {
      const v = Array.from(idx.toTypedArray() as unknown as Iterable<number | bigint>);
      const i = v.findIndex((e) => Number(e) < -len || Number(e) >= len);
      if (i >= 0) outOfBounds(v[i]!, axis, len);
    }
    return out;
  }
  const ni = idx.ndim;
  const ost = out.strides;
  const bad = gatherInto(
    { array: x, base: x.byteOffset, shape: subAxes.map((d) => x.shape[d]!), strides: subAxes.map((d) => x.strides[d]!) },
    idx.shape, [{ index: idx, len, stride: x.strides[axis]! }], mode,
    { array: out, offset: out.byteOffset, idxStrides: ost.slice(axis, axis + ni), subStrides: [...ost.slice(0, axis), ...ost.slice(axis + ni)] },
  );
  if (bad !== null) outOfBounds(indexValueAt(idx, idx.shape, bad.position), axis, len);
  return out;
}

/**
 * np.put(a, ind, v, {mode}): a.flat[ind] = v, with v repeated as needed; in place.
 * Unlike NumPy (which writes the indices before a bad one), every index is checked
 * first, so a failed call changes nothing.
 */
export function put(a: NDArray, ind: unknown, v: unknown, opts?: { mode?: IndexMode }): void {
  checkOptions(opts, ['mode'], 'put');
  if (!(a instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, 'put() needs an NDArray to write into');
  a._checkWriteable();
  const mode = checkMode(opts?.mode ?? 'raise');
  const idx = integerIndices(ind, 'ind').ravel();
  let vals = valueArray(v, a.dtype, a).ravel();
  if (idx.size === 0 || vals.size === 0) return;
  if (vals.size !== idx.size) vals = resizeFlat(vals, idx.size);
  const flat = a.flags.cContiguous ? a.reshape([a.size]) : a.copy('C').reshape([a.size]);
  if (a.size === 0) fail('ERR_NUMNODE_INDEX', RangeError, 'cannot replace elements of an empty array');
  const bad = scatterFrom({ array: flat, base: flat.byteOffset, shape: [], strides: [] }, idx.shape,
    [{ index: idx, len: a.size, stride: a.itemsize }], mode,
    { array: vals, offset: vals.byteOffset, idxStrides: [vals.strides[0]!], subStrides: [] });
  if (bad !== null) outOfBounds(indexValueAt(idx, idx.shape, bad.position), 0, a.size);
  if (flat.buffer !== a.buffer || flat.byteOffset !== a.byteOffset || !a.flags.cContiguous) a.assign(flat.reshape([...a.shape]));
}

/** np.resize of a 1-D array: repeated cyclically to n elements. */
function resizeFlat(v: NDArray, n: number): NDArray {
  const reps = Math.ceil(n / v.size);
  const out = emptyOf([reps * v.size], v.dtype);
  for (let r = 0; r < reps; r++) out.slice(`${r * v.size}:${(r + 1) * v.size}`).assign(v);
  return out.slice(`:${n}`);
}

/** np.compress(condition, a, {axis}): slices along axis (null: of the flattened array) where condition is true. */
export function compress(condition: ArrayLike, a: ArrayLike, opts?: { axis?: number | null }): NDArray {
  checkOptions(opts, ['axis'], 'compress');
  const c = asarray(condition);
  if (c.ndim !== 1) fail('ERR_NUMNODE_SHAPE', RangeError, 'condition must be a 1-d array');
  const picks = nonzeroArrays(c)[0]!;
  return take(a, picks, { axis: opts?.axis ?? null });
}

/** np.extract(condition, arr): the elements of ravel(arr) where ravel(condition) is nonzero. */
export function extract(condition: ArrayLike, arr: ArrayLike): NDArray {
  const picks = nonzeroArrays(asarray(condition).ravel())[0]!;
  return take(asarray(arr).ravel(), picks);
}

// ---- along an axis ---------------------------------------------------------------------------

/** The index operands of a fancy index that takes `indices` along `axis` and every other axis whole. */
function alongAxisOps(arr: NDArray, indices: NDArray, axis: number): { idxShape: number[]; ops: IndexArg[] } {
  if (indices.ndim !== arr.ndim) {
    fail('ERR_NUMNODE_SHAPE', RangeError, '`indices` and `arr` must have the same number of dimensions');
  }
  const nd = arr.ndim;
  const shapes: number[][] = [];
  const grids: NDArray[] = [];
  for (let d = 0; d < nd; d++) {
    if (d === axis) continue;
    // arange(shape[d]) laid along axis d: NumPy's _make_along_axis_idx fancy index.
    const g = int64Array(Array.from({ length: arr.shape[d]! }, (_, i) => i));
    const s = new Array<number>(nd).fill(1);
    s[d] = arr.shape[d]!;
    grids[d] = g.reshape(s);
    shapes.push(s);
  }
  let idxShape: number[];
  try {
    idxShape = broadcastShapes(indices.shape, ...shapes);
  } catch {
    return fail('ERR_NUMNODE_INDEX', RangeError,
      `shape mismatch: indexing arrays could not be broadcast together with shapes ${[...Array(nd).keys()].map((d) => shapeStr(d === axis ? indices.shape : grids[d]!.shape).replace(/ /g, '')).join(' ')} `);
  }
  const ops: IndexArg[] = [];
  for (let d = 0; d < nd; d++) {
    const src = d === axis ? indices : grids[d]!;
    ops.push({ index: src.broadcastTo(idxShape), len: arr.shape[d]!, stride: arr.strides[d]! });
  }
  return { idxShape, ops };
}

/** np.take_along_axis(arr, indices, {axis}) (axis null: of the flattened array with 1-D indices). */
export function takeAlongAxis(arr: ArrayLike, indices: ArrayLike, opts?: { axis?: number | null }): NDArray {
  checkOptions(opts, ['axis'], 'takeAlongAxis');
  let x = asarray(arr);
  const idx = integerIndices(indices, 'indices');
  let axis: number;
  if (opts?.axis === null || opts?.axis === undefined) {
    if (opts?.axis === undefined) axis = normalizeAxis(-1, x.ndim);
    else {
      if (idx.ndim !== 1) fail('ERR_NUMNODE_SHAPE', RangeError, 'when axis=None, `indices` must have a single dimension.');
      x = x.ravel();
      axis = 0;
    }
  } else axis = normalizeAxis(opts.axis, x.ndim);
  const { idxShape, ops } = alongAxisOps(x, idx, axis!);
  const out = emptyOf(idxShape, x.dtype);
  if (out.size === 0) return out;
  const bad = gatherInto({ array: x, base: x.byteOffset, shape: [], strides: [] }, idxShape, ops, 'raise',
    { array: out, offset: out.byteOffset, idxStrides: out.strides, subStrides: [] });
  if (bad !== null) {
    const op = ops[bad.operand]!;
    outOfBounds(indexValueAt(op.index, idxShape, bad.position), bad.operand, op.len);
  }
  return out;
}

/** np.put_along_axis(arr, indices, values, {axis}): the inverse of takeAlongAxis, in place. */
export function putAlongAxis(arr: NDArray, indices: ArrayLike, values: unknown, opts?: { axis?: number | null }): void {
  checkOptions(opts, ['axis'], 'putAlongAxis');
  if (!(arr instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, 'putAlongAxis() needs an NDArray to write into');
  arr._checkWriteable();
  let x: NDArray = arr;
  const idx = integerIndices(indices, 'indices');
  let axis: number;
  if (opts?.axis === null) {
    if (idx.ndim !== 1) fail('ERR_NUMNODE_SHAPE', RangeError, 'when axis=None, `indices` must have a single dimension.');
    if (!x.flags.cContiguous) {
      // Write into a C-ordered copy of the flattened array, then back.
      const flat = x.flatten();
      putAlongAxis(flat, idx, values, { axis: 0 });
      x.assign(flat.reshape([...x.shape]));
      return;
    }
    x = x.reshape([x.size]);
    axis = 0;
  } else axis = normalizeAxis(opts?.axis ?? -1, x.ndim);
  const { idxShape, ops } = alongAxisOps(x, idx, axis);
  const v = valueArray(values, x.dtype, x);
  const bv = broadcastValue(v, idxShape);
  if (bv === null) {
    fail('ERR_NUMNODE_BROADCAST', RangeError,
      `shape mismatch: value array of shape ${shapeStr(v.shape).replace(/ /g, '')} could not be broadcast to indexing result of shape ${shapeStr(idxShape).replace(/ /g, '')}`);
  }
  if (sizeOf(idxShape) === 0) return;
  const bad = scatterFrom({ array: x, base: x.byteOffset, shape: [], strides: [] }, idxShape, ops, 'raise',
    { array: bv, offset: bv.byteOffset, idxStrides: bv.strides, subStrides: [] });
  if (bad !== null) {
    const op = ops[bad.operand]!;
    outOfBounds(indexValueAt(op.index, idxShape, bad.position), bad.operand, op.len);
  }
}

// ---- choose -------------------------------------------------------------------------------

/**
 * np.choose(a, choices, {mode}): out[i] = choices[a[i]][i], everything broadcast
 * together; the result has the choices' common dtype.
 */
export function choose(a: ArrayLike, choices: readonly ArrayLike[], opts?: { mode?: IndexMode }): NDArray {
  checkOptions(opts, ['mode'], 'choose');
  const mode = checkMode(opts?.mode ?? 'raise');
  const idx = integerIndices(a, 'a');
  if (!Array.isArray(choices) && !(choices instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, 'choices must be a sequence of arrays');
  const cs: NDArray[] = choices instanceof NDArray ? Array.from({ length: choices.shape[0] ?? 0 }, (_, i) => (choices as NDArray).slice(i))
    : (choices as readonly ArrayLike[]).map((c) => asarray(c));
  if (cs.length === 0) fail('ERR_NUMNODE_SHAPE', RangeError, 'choices must not be empty');
  const dtype = resultDType(choices instanceof NDArray ? [] : (choices as unknown[]), cs);
  const shape = broadcastShapes(idx.shape, ...cs.map((c) => c.shape));
  const n = cs.length;
  // Stack the choices (broadcast, cast) into one [n, ...shape] array, then gather with
  // the index array on axis 0 and arange grids on the others.
  const stacked = emptyOf([n, ...shape], dtype);
  cs.forEach((c, k) => stacked.slice(k).assign(c.astype(dtype).broadcastTo(shape)));
  const bi = idx.broadcastTo(shape);
  const out = emptyOf(shape, dtype);
  if (out.size === 0) return out;
  const ops: IndexArg[] = [{ index: bi, len: n, stride: stacked.strides[0]! }];
  shape.forEach((d, ax) => {
    const s = new Array<number>(shape.length).fill(1);
    s[ax] = d;
    ops.push({ index: int64Array(Array.from({ length: d }, (_, i) => i)).reshape(s).broadcastTo(shape), len: d, stride: stacked.strides[ax + 1]! });
  });
  const bad = gatherInto({ array: stacked, base: stacked.byteOffset, shape: [], strides: [] }, shape, ops, mode,
    { array: out, offset: out.byteOffset, idxStrides: out.strides, subStrides: [] });
  if (bad !== null) fail('ERR_NUMNODE_INDEX', RangeError, 'invalid entry in choice array');
  return out;
}

/** The choices' common dtype, JS numbers counting as weak scalars (NEP 50), as NumPy treats Python scalars. */
function resultDType(raw: readonly unknown[], cs: readonly NDArray[]): DType {
  let strong: DType | null = null;
  let weakFloat = false;
  cs.forEach((c, i) => {
    const r = raw[i];
    if (typeof r === 'number') { if (!Number.isInteger(r)) weakFloat = true; return; }
    strong = strong === null ? c.dtype : promoteTypes(strong, c.dtype);
  });
  if (strong === null) return cs.map((c) => c.dtype).reduce((x, y) => promoteTypes(x, y));
  if (weakFloat && KIND[strong] !== 'f') return 'float64';
  return strong;
}

// ---- methods ---------------------------------------------------------------------------------

declare module '../core/ndarray' {
  interface NDArray<D extends DType = DType> {
    /** NumPy's `a[...items]`: a view for basic items, a copy with integer or boolean arrays. */
    index(...items: IndexSpec[]): NDArray<D>;
    /** NumPy's `a[...items] = value` (items as an array). */
    indexSet(items: readonly IndexSpec[], value: unknown): void;
    /** np.take(a, indices, {axis, mode}). */
    take(indices: unknown, opts?: { axis?: number | null; mode?: IndexMode }): NDArray<D>;
    /** np.put(a, ind, v, {mode}), in place. */
    put(ind: unknown, v: unknown, opts?: { mode?: IndexMode }): void;
    /** np.nonzero(a). */
    nonzero(): NDArray<'int64'>[];
    /** np.compress(condition, a, {axis}). */
    compress(condition: ArrayLike, opts?: { axis?: number | null }): NDArray<D>;
    /** np.choose(a, choices, {mode}). */
    choose(choices: readonly ArrayLike[], opts?: { mode?: IndexMode }): NDArray;
  }
}

NDArray.prototype.index = function index_<D extends DType>(this: NDArray<D>, ...items: IndexSpec[]): NDArray<D> {
  return index(this, ...items);
};
NDArray.prototype.indexSet = function indexSet_(this: NDArray, items: readonly IndexSpec[], value: unknown): void {
  indexSet(this, items, value);
};
NDArray.prototype.take = function take_<D extends DType>(this: NDArray<D>, indices: unknown, opts?: { axis?: number | null; mode?: IndexMode }): NDArray<D> {
  return take(this, indices, opts) as NDArray<D>;
};
NDArray.prototype.put = function put_(this: NDArray, ind: unknown, v: unknown, opts?: { mode?: IndexMode }): void {
  put(this, ind, v, opts);
};
NDArray.prototype.nonzero = function nonzero_(this: NDArray): NDArray<'int64'>[] {
  return nonzero(this) as NDArray<'int64'>[];
};
NDArray.prototype.compress = function compress_<D extends DType>(this: NDArray<D>, condition: ArrayLike, opts?: { axis?: number | null }): NDArray<D> {
  return compress(condition, this, opts) as NDArray<D>;
};
NDArray.prototype.choose = function choose_(this: NDArray, choices: readonly ArrayLike[], opts?: { mode?: IndexMode }): NDArray {
  return choose(this, choices, opts);
};
