// The elementwise ufuncs (np.add, np.sin, ...), np.where and np.clip: operand
// conversion (NEP 50 weak scalars), NumPy 2's loop selection, broadcasting, the
// `out` and `dtype` options with NumPy's casting rules, overlap safety, and the
// routing of the loop to the addon or to the TypeScript kernels.
//
// What happens in one call, in this order (every check comes before any write, so
// a failed call leaves `out` as it was):
//  1. operands: NDArrays as they are, JS numbers/bigints as weak scalars, booleans,
//     nested arrays and TypedArrays through asarray (strong);
//  2. the loop (elementwise-types.ts), with `dtype` if given;
//  3. the broadcast shape of the inputs and `out`, NumPy's messages;
//  4. `out`: an NDArray of exactly that shape, writeable, whose dtype the loop's
//     output casts to under same_kind;
//  5. weak scalars converted to the loop's dtype (an integer that does not fit is
//     NumPy's OverflowError; comparisons with one answer exactly instead);
//  6. inputs of another dtype are cast to the loop's into temporaries; an input
//     that overlaps `out` without being the very same view is copied first (NumPy
//     copies when overlap could change the result; the same view in place is
//     safe because every element is read before it is written);
//  7. the loop runs, into `out` directly when its dtype is the loop's output dtype,
//     else into a temporary that is then cast into `out`.
import { DType, DTYPE_CODE, ITEMSIZE, KIND, TYPED_ARRAY, isBigIntDType, toDType } from '../core/dtype';
import { fail, shapeStrCompact } from '../core/errors';
import { Storage } from '../core/convert';
import { allocate } from '../core/memory';
import { NDArray, bytesOf, checkOptions, typedArrayOf } from '../core/ndarray';
import { ArrayLike, asarray } from '../core/creation';
import { cStrides } from '../core/shape';
import { WeakKind, canCastDType, weakKindOf, resultType } from '../core/promotion';
import { OpName } from '../core/ops';
import { copyInto, fillWith } from '../backend/dispatch';
import { whereCondition } from './indexing';
import { nativeFor, thresholds } from '../backend/backend';
import type { NativeBinding } from '../backend/native/binding';
import { jsInnerLoop, runJs, JsOperand, Elements, runWhereJs } from '../backend/js/elementwise';
import {
  Loop, OperandType, UFUNC_BY_NAME, UfuncSpec, resolveLoop, resolveLoopWithDType,
} from './elementwise-types';

/** Options every ufunc takes after its array arguments. */
export interface UfuncOptions {
  /** Where to write the result: an NDArray of the broadcast shape (any strides, may alias an input). */
  out?: NDArray | null;
  /** The loop's dtype (NumPy's `dtype=`, i.e. `signature=(None, ..., dtype)`). */
  dtype?: DType | string | null;
}

/** An elementwise operand: an array-like, or a JS scalar (weak, see promotion.ts). */
export type Operand = ArrayLike;

const OPTION_KEYS = ['out', 'dtype'] as const;

// ---- operands -----------------------------------------------------------------------

/** An input after step 1: a strong array or a weak scalar. */
interface In {
  arr: NDArray | null;
  weak: WeakKind | null;
  value: number | bigint;
}

function toIn(x: unknown): In {
  if (x instanceof NDArray) return { arr: x, weak: null, value: 0 };
  if (typeof x === 'number') return { arr: null, weak: weakKindOf(x), value: x };
  if (typeof x === 'bigint') return { arr: null, weak: 'int', value: x };
  return { arr: asarray(x as ArrayLike), weak: null, value: 0 };
}

function typeOf(i: In): OperandType {
  return i.arr !== null ? i.arr.dtype : i.weak!;
}

// ---- loop cache ----------------------------------------------------------------------

/** Operand type as a small integer: the dtype code, 11 for a weak int, 12 for a weak float. */
function typeIndex(t: OperandType): number {
  return t === 'int' ? 11 : t === 'float' ? 12 : DTYPE_CODE[t];
}

// Per ufunc, resolved loops by 13 * typeIndex(a) + typeIndex(b) (without `dtype`).
const loopCache: (Loop | undefined)[][] = [];
const loopCacheD = new Map<string, Loop>();

function loopFor(spec: UfuncSpec, types: readonly OperandType[], dtype: DType | null): Loop {
  if (dtype === null) {
    const row = loopCache[spec.code] ?? (loopCache[spec.code] = []);
    const k = types.length === 1 ? typeIndex(types[0]!) : 13 * typeIndex(types[0]!) + typeIndex(types[1]!);
    return row[k] ?? (row[k] = resolveLoop(spec, types));
  }
  const key = `${spec.code}:${types.join(',')}:${dtype}`;
  let l = loopCacheD.get(key);
  if (l === undefined) {
    l = resolveLoopWithDType(spec, types, dtype);
    loopCacheD.set(key, l);
  }
  return l;
}

// ---- weak scalars -----------------------------------------------------------------------

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const INT_RANGE: Partial<Record<DType, [bigint, bigint]>> = {
  int8: [-128n, 127n], uint8: [0n, 255n], int16: [-32768n, 32767n], uint16: [0n, 65535n],
  int32: [-2147483648n, 2147483647n], uint32: [0n, 4294967295n], int64: [INT64_MIN, INT64_MAX], uint64: [0n, UINT64_MAX],
};

function overflow(msg: string): never {
  return fail('ERR_NUMNODE_DTYPE', RangeError, msg);
}

/** A weak int's value as a bigint (a JS number that is integral). */
function bigOf(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** Where a weak integer lies relative to an integer dtype's range: 0 inside, 1 above, -1 below. */
function intFit(v: bigint, d: DType): -1 | 0 | 1 {
  const [lo, hi] = INT_RANGE[d]!;
  return v < lo ? -1 : v > hi ? 1 : 0;
}

function checkWeakInt(v: bigint, d: DType): void {
  // NumPy reads a Python int through a C long (unsigned long long for uint32 and
  // uint64), then checks the dtype's range: two different messages.
  const cMax = d === 'uint32' || d === 'uint64' ? UINT64_MAX : INT64_MAX;
  if (v < INT64_MIN || v > cMax) overflow('Python int too large to convert to C long');
  if (intFit(v, d) !== 0) overflow(`Python integer ${v} out of bounds for ${d}`);
}

/** A weak scalar converted to storage of the loop dtype `d`, as NumPy converts a Python scalar. */
function weakToStorage(weak: WeakKind, v: number | bigint, d: DType): Storage {
  if (d === 'bool') {
    // Through a C long as well (logical ops on a weak int).
    if (weak === 'int' && (bigOf(v) < INT64_MIN || bigOf(v) > INT64_MAX)) overflow('Python int too large to convert to C long');
    return (typeof v === 'bigint' ? v !== 0n : v !== 0) ? 1 : 0;
  }
  if (KIND[d] === 'f') {
    const x = Number(v);
    if (typeof v === 'bigint' && !Number.isFinite(x)) overflow('int too large to convert to float');
    return x;
  }
  // Resolution never gives a float scalar an integer loop (same_kind refuses it).
  const b = bigOf(v);
  checkWeakInt(b, d);
  return isBigIntDType(d) ? b : Number(b);
}

/** A fresh 0-d array holding one value of storage. */
function scalarArray(d: DType, v: Storage): NDArray {
  const { buffer, byteOffset } = allocate(ITEMSIZE[d], false);
  const a = new NDArray(buffer, d, [], [], byteOffset, null);
  (a._data as unknown as { [i: number]: Storage })[byteOffset / ITEMSIZE[d]] = v;
  return a;
}

// ---- broadcasting ------------------------------------------------------------------------

function broadcastOrFail(shapes: readonly (readonly number[])[]): number[] {
  let nd = 0;
  for (const s of shapes) if (s.length > nd) nd = s.length;
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const k = nd - s.length + i;
      const d = s[i]!;
      if (d === 1) continue;
      if (out[k] === 1) out[k] = d;
      else if (out[k] !== d) {
        fail('ERR_NUMNODE_BROADCAST', RangeError,
          `operands could not be broadcast together with shapes ${shapes.map(shapeStrCompact).join(' ')}`);
      }
    }
  }
  return out;
}

/** Element strides of `a` broadcast to `shape` (0 on new and stretched axes). */
function elementStrides(a: NDArray, shape: readonly number[]): number[] {
  const nd = shape.length;
  const st = new Array<number>(nd).fill(0);
  const off = nd - a.ndim;
  for (let i = 0; i < a.ndim; i++) {
    if (a.shape[i] !== 1) st[off + i] = a.strides[i]! / a.itemsize;
  }
  return st;
}

function sameArrayShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Strides of a new output in NumPy's 'K' order: the axis order NumPy's iterator
 * picks from the inputs' strides (npyiter_find_best_axis_ordering: a stable
 * insertion sort by |stride| in which zero strides are ambiguous and, when the
 * inputs disagree, C order wins), laid out contiguously.
 */
function outputStrides(shape: readonly number[], inputs: readonly number[][], itemsize: number): number[] {
  const nd = shape.length;
  if (nd <= 1 || inputs.length === 0) return cStrides(shape, itemsize);
  const perm = [...Array(nd).keys()].reverse(); // innermost first, as the iterator stores axes
  for (let i0 = 1; i0 < nd; i0++) {
    const j0 = perm[i0]!;
    let pos = i0;
    for (let i1 = i0 - 1; i1 >= 0; i1--) {
      const j1 = perm[i1]!;
      let ambiguous = true;
      let swap = false;
      for (const st of inputs) {
        const s0 = st[j0]!, s1 = st[j1]!;
        if (s0 !== 0 && s1 !== 0) {
          if (Math.abs(s1) <= Math.abs(s0)) swap = false;
          else if (ambiguous) swap = true;
          ambiguous = false;
        }
      }
      if (!ambiguous) {
        if (swap) pos = i1;
        else break;
      }
    }
    if (pos !== i0) {
      perm.splice(i0, 1);
      perm.splice(pos, 0, j0);
    }
  }
  // perm is innermost first: lay memory out from it.
  const strides = new Array<number>(nd);
  let acc = itemsize;
  for (const ax of perm) {
    strides[ax] = acc;
    acc *= Math.max(shape[ax]!, 1);
  }
  return strides;
}

/**
 * A new array. `shape` and `strides` are adopted (frozen in place, not copied):
 * callers pass fresh arrays or an input's (already frozen) shape, and never
 * modify them afterwards.
 */
function newArray(shape: readonly number[], dtype: DType, strides: number[]): NDArray {
  let n = ITEMSIZE[dtype];
  for (const d of shape) n *= d;
  const { buffer, byteOffset } = allocate(n, false);
  return new NDArray(buffer, dtype, shape, strides, byteOffset, null, true, true);
}

// The typed array over the last buffer a small result was carved from, per dtype:
// consecutive small results share a slab (core/memory.ts), so this saves making a
// view per call without keeping a map from buffers to views (see bytesOf).
const lastBuffer: Partial<Record<DType, ArrayBufferLike>> = {};
const lastView: Partial<Record<DType, Elements>> = {};
function viewOf(buffer: ArrayBufferLike, d: DType): Elements {
  if (lastBuffer[d] === buffer) return lastView[d]!;
  const v = typedArrayOf(buffer, d) as unknown as Elements;
  lastBuffer[d] = buffer;
  lastView[d] = v;
  return v;
}

// ---- overlap ------------------------------------------------------------------------------

function boundsOverlap(a: NDArray, b: NDArray): boolean {
  return a.buffer === b.buffer && a.size > 0 && b.size > 0 && a._lo < b._hi && b._lo < a._hi;
}

/** A C-ordered copy of `a` (same dtype) in fresh memory. */
function detached(a: NDArray): NDArray {
  const t = newArray(a.shape, a.dtype, cStrides(a.shape, a.itemsize));
  copyInto(t, a);
  return t;
}

// ---- running a loop ------------------------------------------------------------------------

/** A view description for the kernels: element strides over the iteration shape. */
interface Operandv {
  arr: NDArray;
  strides: number[];
}

// Call descriptors (native/binding/args.h, Desc): shape, strides and offsets travel
// in one Float64Array, filled in place, instead of a dozen numbers and four Arrays
// that the addon read one N-API call at a time (~0.5 us of a one-element call). One
// scratch table per length: the addon reads it before the call returns (also when
// np.promises queues the kernel), so reuse is safe.
const DESCS: Float64Array[] = [];
function descOf(length: number): Float64Array {
  return DESCS[length] ?? (DESCS[length] = new Float64Array(length));
}

/** Writes an operand's byte strides and offset into `d` from index `k`; returns the next index. */
function putView(d: Float64Array, k: number, arr: NDArray, strides: readonly number[]): number {
  const is = arr.itemsize;
  for (let i = 0; i < strides.length; i++) d[k++] = strides[i]! * is;
  d[k++] = arr.byteOffset;
  return k;
}

function nativeCall(
  nat: NativeBinding, code: number, loopCode: number, shape: readonly number[],
  out: Operandv, a: Operandv, b: Operandv | null,
): void {
  const nd = shape.length;
  const d = descOf(6 + 4 * nd);
  d[0] = code; d[1] = loopCode; d[2] = nd;
  let k = 3;
  for (let i = 0; i < nd; i++) d[k++] = shape[i]!;
  const bb = b ?? a; // a unary op reads no b: a's view again
  k = putView(d, k, a.arr, a.strides);
  k = putView(d, k, bb.arr, bb.strides);
  putView(d, k, out.arr, out.strides);
  nat.elementwise(d, bytesOf(a.arr.buffer), bytesOf(bb.arr.buffer), bytesOf(out.arr.buffer));
}

/** The loop code the addon takes: a dtype code, or 11/12 for the mixed int64/uint64 comparisons. */
function loopCodeOf(loop: Loop): number {
  const [a, b] = loop.inputs;
  if (b !== undefined && a !== b) return a === 'int64' ? 11 : 12;
  return DTYPE_CODE[a!];
}

/** The size from which 'auto' runs this ufunc natively. */
function thresholdOf(spec: UfuncSpec): number {
  if (spec.cost === 'cheap') return thresholds.elementwise;
  return spec.jsInexact ? 1 : thresholds.elementwiseTranscendental;
}

function runLoop(spec: UfuncSpec, loop: Loop, shape: readonly number[], out: Operandv, a: Operandv, b: Operandv | null): void {
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  const nat = nativeFor(size, thresholdOf(spec));
  if (nat !== null) {
    nativeCall(nat, spec.code, loopCodeOf(loop), shape, out, a, b);
    return;
  }
  const inner = innerOf(spec, loop.inputs[0]!)!;
  const js = (o: Operandv): JsOperand => ({ data: o.arr._data as Elements, strides: o.strides, offset: o.arr.byteOffset / o.arr.itemsize });
  runJs(inner, shape, js(out), js(a), b === null ? null : js(b));
}

// ---- the ufunc driver ------------------------------------------------------------------------

function parseOptions(opts: UfuncOptions | undefined, spec: UfuncSpec): { out: NDArray | null; dtype: DType | null } {
  if (opts === undefined) return { out: null, dtype: null };
  checkOptions(opts, OPTION_KEYS, spec.name);
  const out = opts.out ?? null;
  if (out !== null && !(out instanceof NDArray)) {
    fail('ERR_NUMNODE_ARG', TypeError, 'return arrays must be of ArrayType');
  }
  const dtype = opts.dtype === undefined || opts.dtype === null ? null : toDType(opts.dtype);
  return { out, dtype };
}

const COMPARISON: Partial<Record<OpName, (a: number, b: number) => boolean>> = {
  equal: (a, b) => a === b, notEqual: (a, b) => a !== b, less: (a, b) => a < b,
  lessEqual: (a, b) => a <= b, greater: (a, b) => a > b, greaterEqual: (a, b) => a >= b,
};

/**
 * NumPy 2 compares an array with a Python int outside its dtype's range exactly
 * (uint8 array < 300 is all true) instead of raising: the answer is one constant.
 */
function outOfRangeComparison(spec: UfuncSpec, loop: Loop, ins: readonly In[]): boolean | null {
  const cmp = COMPARISON[spec.name];
  if (cmp === undefined) return null;
  for (let k = 0; k < 2; k++) {
    const i = ins[k]!;
    const other = ins[1 - k]!;
    // Only against an integer array (a bool array goes through the int64 loop).
    if (i.weak !== 'int' || other.arr === null || (KIND[other.arr.dtype] !== 'i' && KIND[other.arr.dtype] !== 'u')) continue;
    const side = intFit(bigOf(i.value), loop.inputs[k]!);
    if (side === 0) continue;
    // Every element lies strictly between the dtype's bounds and the scalar: compare
    // with a stand-in on the scalar's side.
    return k === 1 ? cmp(0, side) : cmp(side, 0);
  }
  return null;
}

// ---- the fast path --------------------------------------------------------------------
// Most calls are an array and another array of the same dtype and shape (or a JS
// number), both C-contiguous, no options: a new C-contiguous result, one kernel
// call. NumPy's a + b on 100 elements costs ~0.6 us; this path keeps numnode's
// per-call overhead in that range by skipping the general machinery (operand
// records, broadcasting, overlap checks) that cannot apply here.

const INT_LIMITS: Partial<Record<DType, [number, number]>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295],
  int64: [-(2 ** 53), 2 ** 53], uint64: [0, 2 ** 53],
};

// One-element arrays per dtype holding a weak scalar for the TypeScript kernels
// (they run synchronously, so one per dtype suffices; the addon gets a fresh one).
const SCRATCH: Partial<Record<DType, Elements>> = {};
function scratchOf(d: DType, v: number | bigint): Elements {
  const s = SCRATCH[d] ?? (SCRATCH[d] = new (TYPED_ARRAY[d] as unknown as new (n: number) => Elements)(1));
  s[0] = v;
  return s;
}

const innerCache: (ReturnType<typeof jsInnerLoop> | undefined)[] = [];
function innerOf(spec: UfuncSpec, d: DType) {
  const k = spec.code * 16 + DTYPE_CODE[d];
  let f = innerCache[k];
  if (f === undefined) f = innerCache[k] = jsInnerLoop(spec.name, d, spec.nin);
  return f;
}

function fastPath(spec: UfuncSpec, args: readonly unknown[]): NDArray | null {
  const a = args[0];
  if (!(a instanceof NDArray) || a.buffer.byteLength < a._hi || !a._c) return null;
  const d: DType = a.dtype;
  let b: NDArray | null = null;
  let w = 0;
  let loop: Loop | undefined;
  const row = loopCache[spec.code];
  if (spec.nin === 1) {
    loop = row?.[DTYPE_CODE[d]];
  } else {
    const x = args[1];
    if (x instanceof NDArray) {
      if (x.dtype !== d || !sameArrayShape(x.shape, a.shape) || x.buffer.byteLength < x._hi || !x._c) return null;
      b = x;
      loop = row?.[14 * DTYPE_CODE[d]];
    } else if (typeof x === 'number') {
      w = x;
      loop = row?.[13 * DTYPE_CODE[d] + (Number.isInteger(x) ? 11 : 12)];
      if (loop !== undefined && loop.inputs[1] === d && KIND[d] !== 'f') {
        // A weak int must fit (else NumPy's error, or the comparisons' constant).
        const lim = INT_LIMITS[d];
        if (lim === undefined || !(x >= lim[0] && x <= lim[1])) return null;
      }
    } else return null;
  }
  if (loop === undefined || loop.inputs[0] !== d || loop.inputs[loop.inputs.length - 1] !== d) return null;
  if (spec.name === 'power') {
    if (KIND[d] === 'f' && b === null && w === 2) return applyUfunc(UFUNC_BY_NAME.square, [a]);
    if (KIND[d] === 'f' && b === null && w === 0.5) return applyUfunc(UFUNC_BY_NAME.sqrt, [a]); // as applyGeneral
    if (KIND[d] === 'i' && (b !== null || w < 0)) return null;
  }
  const size = a.size;
  const od = loop.output;
  const out = newArray(a.shape, od, cStrides(a.shape, ITEMSIZE[od]));
  if (size === 0) return out;
  const nat = nativeFor(size, thresholdOf(spec));
  if (nat !== null) {
    const bb = spec.nin === 1 ? a : b ?? scalarArray(d, isBigIntDType(d) ? BigInt(w) : w);
    const sa = a.itemsize;
    const t = descOf(10);
    t[0] = spec.code; t[1] = DTYPE_CODE[d]; t[2] = 1; t[3] = size;
    t[4] = sa; t[5] = a.byteOffset;
    t[6] = bb === b || bb === a ? sa : 0; t[7] = bb.byteOffset;
    t[8] = out.itemsize; t[9] = out.byteOffset;
    nat.elementwise(t, bytesOf(a.buffer), bytesOf(bb.buffer), bytesOf(out.buffer));
    return out;
  }
  const inner = innerOf(spec, d)!;
  const is = a.itemsize;
  const O = viewOf(out.buffer, od);
  if (b !== null) {
    inner(size, O, out.byteOffset / out.itemsize, 1, a._data as Elements, a.byteOffset / is, 1,
      b._data as Elements, b.byteOffset / is, 1);
  } else {
    const bd = spec.nin === 1 ? null : scratchOf(d, isBigIntDType(d) ? BigInt(w) : w);
    inner(size, O, out.byteOffset / out.itemsize, 1, a._data as Elements, a.byteOffset / is, 1, bd, 0, 0);
  }
  return out;
}

/** The shared implementation of every ufunc. */
export function applyUfunc(spec: UfuncSpec, args: readonly unknown[], opts?: UfuncOptions): NDArray {
  if (opts === undefined) {
    const r = fastPath(spec, args);
    if (r !== null) return r;
  }
  return applyGeneral(spec, args, opts);
}

function applyGeneral(spec: UfuncSpec, args: readonly unknown[], opts?: UfuncOptions): NDArray {
  const { out, dtype } = parseOptions(opts, spec);
  const ins = args.map(toIn);
  // NumPy refuses in this order (when a call has several faults, the first one is the
  // error): a read-only out (argument conversion), no loop (type resolution), a Python
  // int out of range for its loop type (descriptor resolution), an out the result
  // cannot be cast to (validate_casting), and only then shapes (the iterator).
  if (out !== null && !out.flags.writeable) fail('ERR_NUMNODE_READONLY', RangeError, 'output array is read-only');
  if (dtype !== null && !spec.boolOut && spec.loops.includes(dtype) && (KIND[dtype] === 'i' || KIND[dtype] === 'u')) {
    // With dtype= the loop is dtype's own, and NumPy converts a Python int into it before
    // it validates the input casts: np.multiply(int8Array, 70000, dtype='uint8') is an OverflowError.
    for (const i of ins) if (i.arr === null && i.weak === 'int') checkWeakInt(bigOf(i.value), dtype);
  }
  const loop = loopFor(spec, ins.map(typeOf), dtype);
  // x ** 2 on floats is x * x: what NumPy's `**` does (its fast_scalar_power), and
  // correctly rounded, where pow may be off by an ulp.
  if (spec.name === 'power' && KIND[loop.inputs[0]!] === 'f' && ins[1]!.arr === null && ins[1]!.value === 2) {
    return applyGeneral(UFUNC_BY_NAME.square, [args[0]], { out, dtype: loop.inputs[0]! });
  }
  // NumPy's float power loop takes a scalar (stride-0) exponent of 0.5 as sqrt: np.power(-inf, 0.5)
  // is NaN and np.power(-0.0, 0.5) is -0.0, where C's pow gives inf and +0. (An exponent array of
  // one element counts when it adds no dimensions; any other shape keeps pow, as a rare case.)
  if (spec.name === 'power' && KIND[loop.inputs[0]!] === 'f') {
    const e = ins[1]!;
    const base = ins[0]!.arr;
    // (stride 0 means broadcast: np.power(np.array([-inf]), np.array([0.5])) is pow's inf; and with no
    // cast: when the iterator buffers a cast the exponent is no longer stride-0 to the loop --
    // np.power(float32Array, np.array([0.5])) runs the float64 loop through pow)
    const half = e.arr === null ? e.value === 0.5
      : e.arr.size === 1 && base !== null && e.arr.ndim <= base.ndim && (e.arr.ndim < base.ndim || base.size > 1)
        && Number(e.arr.item()) === 0.5 && e.arr.dtype === loop.inputs[1] && base.dtype === loop.inputs[0];
    if (half) return applyGeneral(UFUNC_BY_NAME.sqrt, [args[0]], { out, dtype: loop.inputs[0]! });
  }
  const constant = outOfRangeComparison(spec, loop, ins);
  // Weak scalars become 0-d arrays of the loop dtype (their conversion errors come here).
  const arrays = constant !== null ? []
    : ins.map((i, k) => (i.arr !== null ? i.arr : scalarArray(loop.inputs[k]!, weakToStorage(i.weak!, i.value, loop.inputs[k]!))));
  if (out !== null) checkOutCast(spec, loop.output, out.dtype);

  // Broadcast shape of the inputs and out.
  const shapes: (readonly number[])[] = ins.map((i) => (i.arr !== null ? i.arr.shape : []));
  if (out !== null) shapes.push(out.shape);
  const shape = shapes.length === 2 && sameArrayShape(shapes[0]!, shapes[1]!) ? shapes[0]!.slice() : broadcastOrFail(shapes);
  if (out !== null && !sameArrayShape(shape, out.shape)) {
    fail('ERR_NUMNODE_SHAPE', RangeError,
      `non-broadcastable output operand with shape ${shapeStrCompact(out.shape)} doesn't match the broadcast shape ${shapeStrCompact(shape)}`);
  }

  if (constant !== null) {
    for (const i of ins) i.arr?._checkBuffer();
    if (out !== null) out._checkBuffer();
    const r = out ?? newArray(shape, 'bool', cStrides(shape, 1));
    const v = constant ? 1 : 0;
    fillWith(r, isBigIntDType(r.dtype) ? BigInt(v) : v);
    return r;
  }
  for (const a of arrays) a._checkBuffer();
  if (out !== null) out._checkBuffer();

  let size = 1;
  for (const d of shape) size *= d;
  if (spec.name === 'power' && KIND[loop.inputs[1]!] === 'i' && size > 0) checkNonNegativeExponent(arrays[1]!, loop.inputs[1]!);

  // Inputs in the loop dtype.
  const cast = arrays.map((a, k) => (a.dtype === loop.inputs[k] ? a : a.astype(loop.inputs[k]!)));

  // The output the loop writes: `out` itself when the dtypes agree, else a temporary.
  const direct = out !== null && out.dtype === loop.output;
  const inputStrides = cast.map((a) => elementStrides(a, shape));
  const target = direct ? out : newArray(shape, loop.output, outputStrides(shape, inputStrides.filter((_s, k) => cast[k]!.ndim > 0), ITEMSIZE[loop.output]));

  // Overlap: only `out` (given by the caller) can share memory with an input.
  const operands: Operandv[] = cast.map((a, k) => {
    if (direct && boundsOverlap(a, target) && !sameElements(a, inputStrides[k]!, target)) {
      const c = detached(a);
      return { arr: c, strides: elementStrides(c, shape) };
    }
    return { arr: a, strides: inputStrides[k]! };
  });
  const o: Operandv = { arr: target, strides: elementStrides(target, shape) };
  runLoop(spec, loop, shape, o, operands[0]!, operands[1] ?? null);
  if (out !== null && !direct) {
    copyInto(out, target);
    return out;
  }
  return target;
}

/** Whether input `a` (broadcast to the iteration shape with these strides) is element-for-element the output view. */
function sameElements(a: NDArray, strides: readonly number[], out: NDArray): boolean {
  if (a.buffer !== out.buffer || a.byteOffset !== out.byteOffset || a.itemsize !== out.itemsize) return false;
  const os = elementStrides(out, out.shape);
  for (let i = 0; i < os.length; i++) if (os[i] !== strides[i] && out.shape[i] !== 1) return false;
  return true;
}

function checkOutCast(spec: UfuncSpec, from: DType, to: DType): void {
  if (from === to) return;
  // same_kind: keep or raise the kind, bool < unsigned < signed < float.
  const order = { b: 0, u: 1, i: 2, f: 3 } as const;
  const safeOrSameKind = order[KIND[from]] <= order[KIND[to]] || KIND[from] === KIND[to];
  if (!safeOrSameKind) {
    fail('ERR_NUMNODE_DTYPE', TypeError,
      `Cannot cast ufunc '${spec.npName}' output from dtype('${from}') to dtype('${to}') with casting rule 'same_kind'`);
  }
}

/** NumPy refuses negative integer exponents of integers (before computing anything). */
function checkNonNegativeExponent(b: NDArray, d: DType): void {
  if (b.size === 0) return;
  const neg = applyUfunc(UFUNC_BY_NAME.less, [b.dtype === d ? b : b.astype(d), 0]);
  // Through _data, so that np.promises sees the read of a result its queue has not
  // produced yet (src/promises.ts) and runs the call synchronously.
  const data = neg._data as Uint8Array;
  if (data.subarray(neg.byteOffset, neg.byteOffset + neg.size).indexOf(1) >= 0) fail('ERR_NUMNODE_ARG', RangeError, 'Integers to negative integer powers are not allowed.');
}

// ---- where ---------------------------------------------------------------------------------

/**
 * A weak scalar as np.where converts it: through a C integer (int64, or uint64 for
 * values above int64) and then an unsafe cast to the result dtype, so
 * where(c, uint8Array, 300) holds 44 where c is false, as in NumPy.
 */
function whereScalar(weak: WeakKind, v: number | bigint, d: DType): NDArray {
  if (KIND[d] === 'f') return scalarArray(d, weakToStorage(weak, v, d));
  if (weak === 'float') return scalarArray(d, d === 'bool' ? ((v as number) !== 0 ? 1 : 0) : (v as number));
  const b = bigOf(v);
  if (b < INT64_MIN || b > UINT64_MAX) overflow('Python int too large to convert to C long');
  const src = b > INT64_MAX ? scalarArray('uint64', b) : scalarArray('int64', b);
  return src.astype(d);
}

/**
 * np.where(condition, x, y): elements of x where condition is true (non-zero),
 * else of y. The result dtype is resultType(x, y) with NEP 50's weak scalars.
 */
export function where(condition: Operand): NDArray[];
export function where(condition: Operand, x: Operand, y: Operand, opts?: { out?: NDArray | null }): NDArray;
export function where(condition: Operand, x?: Operand, y?: Operand, opts?: { out?: NDArray | null }): NDArray | NDArray[] {
  // issue 10: the one-argument form is nonzero(condition) (src/ops/indexing.ts).
  if (x === undefined && y === undefined && opts === undefined) return whereCondition(condition as ArrayLike);
  if (x === undefined || y === undefined) {
    fail('ERR_NUMNODE_ARG', RangeError, 'either both or neither of x and y should be given');
  }
  checkOptions(opts, ['out'], 'where');
  const out = opts?.out ?? null;
  if (out !== null && !(out instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, 'return arrays must be of ArrayType');
  const cIn = toIn(condition);
  const xIn = toIn(x);
  const yIn = toIn(y);
  const dtype = resultType(xIn.arr ?? xIn.value, yIn.arr ?? yIn.value);
  const shapes = [cIn, xIn, yIn].map((i) => (i.arr !== null ? i.arr.shape : []));
  if (out !== null) shapes.push(out.shape);
  const shape = broadcastOrFail(shapes);
  if (out !== null) {
    if (!sameArrayShape(shape, out.shape)) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `non-broadcastable output operand with shape ${shapeStrCompact(out.shape)} doesn't match the broadcast shape ${shapeStrCompact(shape)}`);
    }
    if (!out.flags.writeable) fail('ERR_NUMNODE_READONLY', RangeError, 'output array is read-only');
    // NumPy's where has no `out`; numnode's copies the result into it as np.copyto
    // does, under the same same_kind rule as the ufuncs' `out`.
    if (!canCastDType(dtype, out.dtype, 'same_kind')) {
      fail('ERR_NUMNODE_DTYPE', TypeError,
        `Cannot cast array data from dtype('${dtype}') to dtype('${out.dtype}') according to the rule 'same_kind'`);
    }
  }
  const cond0 = cIn.arr ?? scalarArray('bool', weakToStorage(cIn.weak!, cIn.value, 'bool'));
  const xa0 = xIn.arr ?? whereScalar(xIn.weak!, xIn.value, dtype);
  const ya0 = yIn.arr ?? whereScalar(yIn.weak!, yIn.value, dtype);
  for (const a of [cond0, xa0, ya0]) a._checkBuffer();
  if (out !== null) out._checkBuffer();
  let cond = cond0.dtype === 'bool' ? cond0 : cond0.astype('bool');
  let xa = xa0.dtype === dtype ? xa0 : xa0.astype(dtype);
  let ya = ya0.dtype === dtype ? ya0 : ya0.astype(dtype);
  const direct = out !== null && out.dtype === dtype;
  const strides = [cond, xa, ya].map((a) => elementStrides(a, shape));
  const target = direct ? out : newArray(shape, dtype, outputStrides(shape, strides.filter((_s, k) => [cond, xa, ya][k]!.ndim > 0), ITEMSIZE[dtype]));
  if (direct) {
    const fix = (a: NDArray, k: number) => {
      if (boundsOverlap(a, target) && !sameElements(a, strides[k]!, target)) {
        const c = detached(a);
        strides[k] = elementStrides(c, shape);
        return c;
      }
      return a;
    };
    cond = fix(cond, 0);
    xa = fix(xa, 1);
    ya = fix(ya, 2);
  }
  let size = 1;
  for (const d of shape) size *= d;
  if (size > 0) {
    const ts = elementStrides(target, shape);
    const nat = nativeFor(size, thresholds.elementwise);
    if (nat !== null) {
      const nd = shape.length;
      const t = descOf(6 + 5 * nd);
      t[0] = ITEMSIZE[dtype]; t[1] = nd;
      let k = 2;
      for (let i = 0; i < nd; i++) t[k++] = shape[i]!;
      k = putView(t, k, cond, strides[0]!);
      k = putView(t, k, xa, strides[1]!);
      k = putView(t, k, ya, strides[2]!);
      putView(t, k, target, ts);
      nat.where(t, bytesOf(cond.buffer), bytesOf(xa.buffer), bytesOf(ya.buffer), bytesOf(target.buffer));
    } else {
      const js = (a: NDArray, s: number[]): JsOperand => ({ data: a._data as Elements, strides: s, offset: a.byteOffset / a.itemsize });
      runWhereJs(shape, js(target, ts), js(cond, strides[0]!), js(xa, strides[1]!), js(ya, strides[2]!));
    }
  }
  if (out !== null && !direct) {
    copyInto(out, target);
    return out;
  }
  return target;
}

// ---- clip ------------------------------------------------------------------------------------

/**
 * np.clip(a, min, max): minimum(maximum(a, min), max) with NaN propagation, min or
 * max null/undefined for no bound. As NumPy 2's _clip: for an integer array a
 * JS-integer bound beyond the dtype's range is dropped (clip(uint8Array, -5, 300)
 * stays uint8); with both bounds absent the result is a copy (np.positive).
 */
export function clip(a: Operand, min?: Operand | null, max?: Operand | null, opts?: UfuncOptions): NDArray {
  checkOptions(opts, OPTION_KEYS, 'clip');
  const arr = a instanceof NDArray ? a : asarray(a as ArrayLike);
  // Bounds as operands: arrays stay arrays (nested JS arrays converted once), JS
  // numbers stay weak scalars.
  const bound = (v: Operand | null | undefined): Operand | null => {
    if (v === null || v === undefined) return null;
    return typeof v === 'number' || typeof v === 'bigint' || v instanceof NDArray ? v : asarray(v);
  };
  let lo = bound(min);
  let hi = bound(max);
  if (KIND[arr.dtype] === 'i' || KIND[arr.dtype] === 'u') {
    const [dmin, dmax] = INT_RANGE[arr.dtype]!;
    const isInt = (v: unknown): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
    if (isInt(lo) && bigOf(lo) <= dmin) lo = null;
    if (isInt(hi) && bigOf(hi) >= dmax) hi = null;
  }
  if (lo === null && hi === null) return applyUfunc(UFUNC_BY_NAME.positive, [arr], opts);
  if (lo === null) return applyUfunc(UFUNC_BY_NAME.minimum, [arr, hi], opts);
  if (hi === null) return applyUfunc(UFUNC_BY_NAME.maximum, [arr, lo], opts);
  // maximum into a temporary, then minimum into the result (or `out`): a failure
  // of the second call (out's shape or dtype) leaves `out` untouched. The
  // temporary takes the dtype of (a, min, max) together, as NumPy's clip loop
  // does; max and min pick values, so the result equals clipping in that dtype.
  const dtype = opts?.dtype === undefined || opts.dtype === null ? null : toDType(opts.dtype);
  const r = dtype ?? resultType(arr, lo, hi);
  // NumPy's clip loop converts a Python int bound into the dtype of (a, min, max) together:
  // np.clip(boolArray, -2, uint32Array) is an OverflowError, although maximum(boolArray, -2) alone is not
  if (KIND[r] === 'i' || KIND[r] === 'u') {
    for (const v of [lo, hi]) if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) checkWeakInt(bigOf(v), r);
  }
  // (maximum in r itself: maximum(int8Array, 70000) alone would refuse 70000, the clip loop (int32 with an int32 max) does not)
  const t = applyUfunc(UFUNC_BY_NAME.maximum, [arr, lo], { dtype: dtype ?? r });
  return applyUfunc(UFUNC_BY_NAME.minimum, [t.dtype === r ? t : t.astype(r), hi], opts);
}
