// Runs one reduction or scan kernel on NDArrays: arranges the axes the way the
// kernels take them, makes overlapping outputs safe, and routes the call to the
// addon or to the TypeScript kernels (src/backend/js/reduce.ts), which give the
// same results bit for bit.
import { DType, DTYPE_CODE, KIND } from '../core/dtype';
import { fail } from '../core/errors';
import { NDArray, bytesOf } from '../core/ndarray';
import { emptyOf } from '../core/creation';
import { copyInto, boundsOverlap } from '../backend/dispatch';
import { nativeFor, thresholds } from '../backend/backend';
import type { NativeBinding } from '../backend/native/binding';
import { reduceJs, scanJs, Elems } from '../backend/js/reduce';
import { REDUCE_CODE, ReduceOpName, SCAN_CODE, ScanOpName } from './reduce-ops';

const isInt = (d: DType): boolean => KIND[d] === 'i' || KIND[d] === 'u';
const isFloat = (d: DType): boolean => KIND[d] === 'f';

/** The (op, input dtype, output dtype) triples the kernels implement (native/kernels/reduce.h). */
export function reduceSupported(op: ReduceOpName, din: DType, dout: DType): boolean {
  switch (op) {
    case 'sum':
    case 'prod':
      if (!isFloat(din) && isInt(dout)) return true;
      return dout === 'float64' || (din === 'float32' && dout === 'float32');
    case 'nansum': return isFloat(din) && (dout === 'float64' || dout === din);
    case 'sumsqdev': return isFloat(dout);
    case 'min': case 'max': return dout === din;
    case 'nanmin': case 'nanmax': return dout === din && isFloat(din);
    case 'all': case 'any': return dout === 'bool';
    case 'argmin': case 'argmax': return dout === 'int64';
    case 'count': return isFloat(din) && dout === 'int64';
    default: return false;
  }
}

export function scanSupported(op: ScanOpName, din: DType, dout: DType): boolean {
  if (op === 'diff') return din === dout;
  if (!isFloat(din) && isInt(dout)) return true;
  return dout === 'float64' || (din === 'float32' && dout === 'float32');
}

function elementStrides(a: NDArray): number[] {
  return a.strides.map((s) => s / a.itemsize);
}

/** The addon when it should run a kernel over `size` input elements (and has the reduce entry points). */
function nativeReduce(size: number): NativeBinding | null {
  const nat = nativeFor(size, thresholds.reduce);
  return nat !== null && typeof nat.reduce === 'function' ? nat : null;
}

export interface ReduceExtras {
  /** float64 center per output, with the kept shape (sumsqdev). */
  aux?: NDArray | null;
  divisor?: number;
  /** 1: square root after the division. */
  post?: number;
}

/**
 * res[...] = op over `axes` of a. `axes` are distinct and ascending; res has the
 * kept axes' shape (no keepdims ones) and a dtype the kernels support for op.
 * res may be any view, even one overlapping a.
 */
export function execReduce(op: ReduceOpName, a: NDArray, axes: readonly number[], res: NDArray, extra: ReduceExtras = {}): void {
  if (!reduceSupported(op, a.dtype, res.dtype)) {
    fail('ERR_NUMNODE_DTYPE', TypeError, `reduce: ${op} is not implemented from ${a.dtype} to ${res.dtype}`);
  }
  a._checkBuffer();
  res._checkBuffer();
  const aux = extra.aux ?? null;
  aux?._checkBuffer();
  if (res.size === 0) return;
  if (boundsOverlap(res, a) || (aux !== null && boundsOverlap(res, aux))) {
    // The kernels read the input while writing the output: go through a fresh array.
    const tmp = emptyOf(res.shape, res.dtype);
    execReduce(op, a, axes, tmp, extra);
    copyInto(res, tmp);
    return;
  }
  // Kept axes first, then the reduced ones (ascending: the sequence's C order).
  const nd = a.ndim;
  const nk = nd - axes.length;
  const shape = new Array<number>(nd);
  const xs = new Array<number>(nd);
  for (let i = 0, k = 0, r = nk; i < nd; i++) {
    const j = axes[r - nk] === i ? r++ : k++;
    shape[j] = a.shape[i]!;
    xs[j] = a.strides[i]!;
  }
  const divisor = extra.divisor ?? 1;
  const post = extra.post ?? 0;
  const nat = nativeReduce(a.size);
  if (nat !== null) {
    nat.reduce(REDUCE_CODE[op], DTYPE_CODE[a.dtype], DTYPE_CODE[res.dtype], shape, axes.length,
      bytesOf(a.buffer), xs, a.byteOffset,
      bytesOf(res.buffer), res.strides as number[], res.byteOffset,
      aux === null ? null : bytesOf(aux.buffer), aux === null ? [] : (aux.strides as number[]), aux === null ? 0 : aux.byteOffset,
      divisor, post);
    return;
  }
  reduceJs({
    op: REDUCE_CODE[op], din: a.dtype, dout: res.dtype, shape, nred: axes.length,
    x: a._data as unknown as Elems, xStrides: xs.map((s) => s / a.itemsize), xOffset: a.byteOffset / a.itemsize,
    out: res._data as unknown as Elems, outStrides: elementStrides(res), outOffset: res.byteOffset / res.itemsize,
    aux: aux === null ? null : (aux._data as Float64Array), auxStrides: aux === null ? [] : elementStrides(aux),
    auxOffset: aux === null ? 0 : aux.byteOffset / aux.itemsize,
    divisor, post,
  });
}

/** res = scan of a along axis (res: a's shape, one shorter along the axis for diff). */
export function execScan(op: ScanOpName, a: NDArray, axis: number, res: NDArray): void {
  if (!scanSupported(op, a.dtype, res.dtype)) {
    fail('ERR_NUMNODE_DTYPE', TypeError, `scan: ${op} is not implemented from ${a.dtype} to ${res.dtype}`);
  }
  a._checkBuffer();
  res._checkBuffer();
  if (res.size === 0 || a.size === 0) return;
  if (boundsOverlap(res, a)) {
    const tmp = emptyOf(res.shape, res.dtype);
    execScan(op, a, axis, tmp);
    copyInto(res, tmp);
    return;
  }
  const nat = nativeReduce(a.size);
  if (nat !== null) {
    nat.scan(SCAN_CODE[op], DTYPE_CODE[a.dtype], DTYPE_CODE[res.dtype], a.shape as number[], axis,
      bytesOf(a.buffer), a.strides as number[], a.byteOffset,
      bytesOf(res.buffer), res.strides as number[], res.byteOffset);
    return;
  }
  scanJs({
    op: SCAN_CODE[op], din: a.dtype, dout: res.dtype, shape: a.shape, axis,
    x: a._data as unknown as Elems, xStrides: elementStrides(a), xOffset: a.byteOffset / a.itemsize,
    out: res._data as unknown as Elems, outStrides: elementStrides(res), outOffset: res.byteOffset / res.itemsize,
  });
}
