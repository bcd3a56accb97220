// Scans: cumsum and cumprod (NumPy's add/multiply.accumulate) along one axis, or
// over the flattened array when no axis is given, and diff (n-th discrete
// difference, with prepend/append). NumPy's result dtypes; differences on purpose:
// a float32 cumsum runs in float64 and rounds each output once (more accurate than
// NumPy's float32 running sum); float32 cumprod stays float32, like NumPy's.
import { DType, KIND, toDType } from '../core/dtype';
import { fail, shapeStrCompact } from '../core/errors';
import { NDArray, checkOptions } from '../core/ndarray';
import { ArrayLike, asarray, concatenate, emptyOf } from '../core/creation';
import { describe, normalizeAxis } from '../core/shape';
import { copyInto } from '../backend/dispatch';
import { execScan } from './reduce-exec';
import { accumulatorDType } from './reduce';

/** Options of cumsum and cumprod. */
export interface ScanOptions {
  /** The axis to accumulate along; the flattened array (C order) when absent or null. */
  axis?: number | null;
  /** The dtype to accumulate and return in (default: NumPy's, as for sum). */
  dtype?: DType | string | null;
  /** An NDArray of the result's shape, any dtype (cast unsafely). */
  out?: NDArray | null;
}

/** Options of diff. */
export interface DiffOptions {
  /** How many times to take the difference (default 1; 0 returns the input). */
  n?: number;
  /** The axis (default -1, the last). */
  axis?: number;
  /** Values put before / after `a` along the axis (scalars are broadcast). */
  prepend?: ArrayLike;
  append?: ArrayLike;
}

const SCAN_KEYS = ['axis', 'dtype', 'out'] as const;

/** res = the scan of a along axis in dtype res.dtype, with NumPy's input casts. */
function scanInto(op: 'cumsum' | 'cumprod', a: NDArray, axis: number, res: NDArray): void {
  const R = res.dtype;
  if (R === 'bool') {
    // dtype=bool accumulates logical or (cumsum) / and (cumprod): a running count
    // of the nonzero (cumsum) or zero (cumprod) elements says where it flips.
    const flags = emptyOf(a.shape, 'bool');
    copyInto(flags, a); // nonzero -> true
    const f = flags._data as Uint8Array;
    if (op === 'cumprod') for (let k = flags.byteOffset; k < flags.byteOffset + flags.size; k++) f[k] = f[k] ? 0 : 1;
    const counts = emptyOf(a.shape, 'int64');
    execScan('cumsum', flags, axis, counts);
    const c = counts.toTypedArray() as BigInt64Array;
    const tmp = emptyOf(a.shape, 'bool');
    const t = tmp._data as Uint8Array;
    for (let k = 0; k < c.length; k++) t[tmp.byteOffset + k] = (op === 'cumsum' ? c[k]! > 0n : c[k] === 0n) ? 1 : 0;
    copyInto(res, tmp);
    return;
  }
  let src = a;
  if (KIND[R] === 'f' ? !(R === 'float64' || a.dtype === R) : KIND[a.dtype] === 'f') src = a.astype(R);
  execScan(op, src, axis, res);
}

function checkScanOut(out: unknown, shape: readonly number[], a: NDArray): NDArray | null {
  if (out === undefined || out === null) return null;
  if (!(out instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, 'return arrays must be of ArrayType');
  if (!out.flags.writeable) fail('ERR_NUMNODE_READONLY', RangeError, 'output array is read-only');
  const size = shape.reduce((s, d) => s * d, 1);
  if (out.size !== size) fail('ERR_NUMNODE_SHAPE', RangeError, 'provided out is the wrong size for the accumulation.');
  if (out.ndim !== shape.length || out.shape.some((d, i) => d !== shape[i])) {
    fail('ERR_NUMNODE_BROADCAST', RangeError,
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${shapeStrCompact(out.shape)}->${shapeStrCompact(out.shape)} ${shapeStrCompact(a.shape)}->${shapeStrCompact(a.shape)} `);
  }
  return out;
}

function scanLike(op: 'cumsum' | 'cumprod', x: unknown, opts: unknown): NDArray {
  checkOptions(opts, SCAN_KEYS, op);
  const o = (opts ?? {}) as ScanOptions;
  let a = x instanceof NDArray ? x : asarray(x as ArrayLike);
  let axis: number;
  if (o.axis === undefined || o.axis === null) {
    a = a.ravel();
    axis = 0;
  } else {
    if (typeof o.axis !== 'number') {
      fail('ERR_NUMNODE_ARG', TypeError, `'${describe(o.axis)}' object cannot be interpreted as an integer`);
    }
    if (a.ndim === 0) a = a.reshape([1]); // NumPy accumulates a 0-d array as shape (1,)
    axis = normalizeAxis(o.axis, a.ndim);
  }
  const out = checkScanOut(o.out, a.shape, a);
  const R = accumulatorDType(a.dtype, o.dtype, out);
  const direct = out !== null && out.dtype === R;
  const res = direct ? out : emptyOf(a.shape, R);
  scanInto(op, a, axis, res);
  if (out !== null && !direct) copyInto(out, res);
  return out ?? res;
}

/** np.cumsum: running sums along `axis` (over the flattened array when absent). */
export function cumsum(a: ArrayLike, opts?: ScanOptions): NDArray {
  return scanLike('cumsum', a, opts);
}

/** np.cumprod: running products along `axis` (over the flattened array when absent). */
export function cumprod(a: ArrayLike, opts?: ScanOptions): NDArray {
  return scanLike('cumprod', a, opts);
}

/** np.diff: the n-th discrete difference along `axis` (bool: not_equal), with prepend/append. */
export function diff(x: ArrayLike, opts?: DiffOptions): NDArray {
  checkOptions(opts, ['n', 'axis', 'prepend', 'append'], 'diff');
  const o = opts ?? {};
  const n = o.n ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    fail('ERR_NUMNODE_ARG', TypeError, `'${describe(n)}' object cannot be interpreted as an integer`);
  }
  if (n < 0) fail('ERR_NUMNODE_ARG', RangeError, `order must be non-negative but got ${n}`);
  let a = x instanceof NDArray ? x : asarray(x);
  if (n === 0) return a;
  if (a.ndim === 0) fail('ERR_NUMNODE_SHAPE', RangeError, 'diff requires input that is at least one dimensional');
  const axis = normalizeAxis(o.axis ?? -1, a.ndim);
  const parts: NDArray[] = [];
  const edge = (v: ArrayLike): NDArray => {
    const e = v instanceof NDArray ? v : asarray(v);
    if (e.ndim > 0) return e;
    const shape = a.shape.slice();
    shape[axis] = 1;
    return e.broadcastTo(shape);
  };
  if (o.prepend !== undefined) parts.push(edge(o.prepend));
  parts.push(a);
  if (o.append !== undefined) parts.push(edge(o.append));
  if (parts.length > 1) a = concatenate(parts, { axis });
  let cur = a;
  for (let k = 0; k < n; k++) {
    const shape = cur.shape.slice();
    shape[axis] = Math.max(shape[axis]! - 1, 0);
    const res = emptyOf(shape, cur.dtype);
    execScan('diff', cur, axis, res);
    cur = res;
  }
  return cur;
}

declare module '../core/ndarray' {
  interface NDArray<D extends DType = DType> {
    /** np.cumsum(this, opts). */
    cumsum(opts?: ScanOptions): NDArray;
    /** np.cumprod(this, opts). */
    cumprod(opts?: ScanOptions): NDArray;
  }
}

const proto = NDArray.prototype as unknown as Record<string, (this: NDArray, opts?: ScanOptions) => NDArray>;
proto.cumsum = function (opts) { return cumsum(this, opts); };
proto.cumprod = function (opts) { return cumprod(this, opts); };

