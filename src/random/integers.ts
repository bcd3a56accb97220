// Bounded integers for every integer dtype: RandomState.randint (masked rejection, open
// interval) and Generator.integers (Lemire, optional closed interval). The validation,
// the per-width dispatch and the buffering of 8/16-bit and bool draws follow NumPy's
// _bounded_integers module, so that the same draws land in the same elements.
import { DType, intRange, isIntegerDType, toDType } from '../core/dtype';
import { NDArray, bytesOf } from '../core/ndarray';
import { asarray, type ArrayLike as NDArrayLike } from '../core/creation';
import { broadcastShapes, describe } from '../core/shape';
import {
  BitGen, Buffer32, OUT64, bounded16, bounded32, bounded64, bounded8, boundedBool, genMask32, wide64,
} from './distributions';
import { argError, newOut, sizeShape, typeError } from './common';
import { FillKind, nativeFill } from './native';
import { MT19937 } from './mt19937';
import { PCG64 } from './pcg64';

/**
 * The addon's fill for 32- and 64-bit outputs with a range below 2**32 - 1 (the common
 * integers(0, n) case); false when TypeScript must do it.
 */
function nativeBounded(bg: BitGen, arr: NDArray, off: bigint, rng: bigint, masked: boolean): boolean {
  if (arr.itemsize < 4 || rng <= 0n || rng >= 0xffffffffn) return false;
  const f = nativeFill(arr.size);
  if (f === null) return false;
  const offU = BigInt.asUintN(64, off);
  const args = [arr.byteOffset, arr.size, arr.itemsize, 0, 0, Number(offU >> 32n), Number(offU & 0xffffffffn), Number(rng)] as const;
  if (bg instanceof MT19937 && masked) {
    const block = bg.stateBlock(0, 0);
    f(FillKind.MtBounded32, block, bytesOf(arr.buffer), ...args);
    bg.stateFromBlock();
    return true;
  }
  if (bg instanceof PCG64 && !masked) {
    f(FillKind.PcgBounded32, bg.stateWords(), bytesOf(arr.buffer), ...args);
    bg.stateFromWords();
    return true;
  }
  return false;
}

const TWO32 = 4294967296;

/** Python's int(x) for a bound: integers exactly, floats truncated toward zero. */
function toBigIntBound(x: unknown, name: string): bigint {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (typeof x === 'number') {
    if (Number.isNaN(x)) return argError('cannot convert float NaN to integer');
    if (!Number.isFinite(x)) return argError('cannot convert float infinity to integer');
    return BigInt(Math.trunc(x));
  }
  if (x instanceof NDArray && x.ndim === 0) return toBigIntBound(x.item(), name);
  return typeError(`${name} must be an integer, got ${describe(x)}`);
}

function formatBoundsError(closed: boolean, lowIsZero: boolean): string {
  if (lowIsZero) return closed ? 'high < 0' : 'high <= 0';
  return closed ? 'low > high' : 'low >= high';
}

function isScalarBound(x: unknown): boolean {
  return typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' || (x instanceof NDArray && x.ndim === 0);
}

/** The integer dtypes randint/integers accept (NumPy: bool and the eight integer types). */
export function boundedDType(dtype: unknown, fn: string): DType {
  const d = toDType(dtype);
  if (d !== 'bool' && !isIntegerDType(d)) typeError(`Unsupported dtype '${d}' for ${fn}`);
  return d;
}

/**
 * Fills `cnt` values in [off, off + rng] of `dtype` into arr (C-contiguous, from element 0),
 * consuming the bit generator exactly as NumPy's random_bounded_<width>_fill.
 */
export function boundedFill(bg: BitGen, arr: NDArray, off: bigint, rng: bigint, masked: boolean): void {
  if (dtypeIsInt(arr.dtype) && nativeBounded(bg, arr, off, rng, masked)) return;
  const cnt = arr.size;
  const dtype = arr.dtype;
  const start = arr.byteOffset / arr.itemsize;
  const itemsize = arr.itemsize;
  if (dtype === 'bool') {
    const data = arr._data as Uint8Array;
    const b = new Buffer32();
    const o = Number(off), r = Number(rng);
    for (let i = 0; i < cnt; i++) data[start + i] = boundedBool(bg, o, r, b);
    return;
  }
  if (itemsize <= 2) {
    const data = arr._data as Int8Array | Uint8Array | Int16Array | Uint16Array;
    const o = Number(off);
    const r = Number(rng);
    const full = itemsize === 1 ? 0xff : 0xffff;
    const b = new Buffer32();
    const mask = genMask32(r);
    const draw = itemsize === 1 ? bounded8 : bounded16;
    if (r === 0) data.fill(o, start, start + cnt);
    else if (r === full) {
      // no rejection: the buffered value itself
      for (let i = 0; i < cnt; i++) {
        if (!b.bcnt) { b.buf = bg.next32(); b.bcnt = itemsize === 1 ? 3 : 1; } else { b.buf >>>= itemsize * 8; b.bcnt -= 1; }
        data[start + i] = o + (b.buf & full);
      }
    } else for (let i = 0; i < cnt; i++) data[start + i] = o + draw(bg, r, mask, masked, b);
    return;
  }
  if (itemsize === 4) {
    const data = arr._data as Int32Array | Uint32Array;
    const o = Number(off);
    const r = Number(rng);
    if (r === 0) data.fill(o, start, start + cnt);
    else if (r === 0xffffffff) for (let i = 0; i < cnt; i++) data[start + i] = o + bg.next32();
    else {
      const mask = genMask32(r);
      for (let i = 0; i < cnt; i++) data[start + i] = o + bounded32(bg, r, mask, masked);
    }
    return;
  }
  // 64-bit: write (lo, hi) words of off + v (mod 2**64)
  const words = new Uint32Array(arr.buffer, arr.byteOffset, cnt * 2);
  const offU = BigInt.asUintN(64, off);
  const offLo = Number(offU & 0xffffffffn);
  const offHi = Number(offU >> 32n);
  const put = (i: number, vHi: number, vLo: number) => {
    const s = offLo + vLo;
    const carry = s >= TWO32 ? 1 : 0;
    words[2 * i] = s - carry * TWO32;
    words[2 * i + 1] = (offHi + vHi + carry) % TWO32;
  };
  if (rng === 0n) {
    for (let i = 0; i < cnt; i++) put(i, 0, 0);
  } else if (rng <= 0xffffffffn) {
    const r = Number(rng);
    if (r === 0xffffffff) for (let i = 0; i < cnt; i++) put(i, 0, bg.next32());
    else {
      const mask = genMask32(r);
      if (offHi === 0 && offLo + r < TWO32) {
        // no carry possible: the common integers(0, n) case
        for (let i = 0; i < cnt; i++) {
          words[2 * i] = offLo + bounded32(bg, r, mask, masked);
          words[2 * i + 1] = 0;
        }
      } else for (let i = 0; i < cnt; i++) put(i, 0, bounded32(bg, r, mask, masked));
    }
  } else if (rng === 0xffffffffffffffffn) {
    for (let i = 0; i < cnt; i++) { bg.next64(); put(i, bg.hi, bg.lo); }
  } else {
    const w = wide64(rng);
    for (let i = 0; i < cnt; i++) { bounded64(bg, w, masked); put(i, OUT64.hi, OUT64.lo); }
  }
}

function dtypeIsInt(d: DType): boolean {
  return d !== 'bool';
}

export type IntegerResult = number | bigint | boolean | NDArray;

/**
 * The shared body of randint / integers. `explicitDType` decides how a scalar draw is
 * returned: the default dtype gives a JS number (NumPy gives a Python int / np.int64),
 * an explicit int64/uint64 a bigint, bool a boolean.
 */
export function boundedIntegers(
  bg: BitGen, lowIn: unknown, highIn: unknown, size: unknown, dtype: DType,
  masked: boolean, closed: boolean, explicitDType: boolean,
): IntegerResult {
  if (highIn === undefined || highIn === null) { highIn = lowIn; lowIn = 0; }
  const shape = sizeShape(size);
  if (shape !== null && shape.includes(0)) return newOut(shape, dtype).arr;
  if (!isScalarBound(lowIn) || !isScalarBound(highIn)) {
    return broadcastIntegers(bg, lowIn, highIn, shape, dtype, masked, closed);
  }
  const [lb, ub] = intRange(dtype);
  const low = toBigIntBound(lowIn, 'low');
  let high = toBigIntBound(highIn, 'high');
  if (!closed) high -= 1n;
  if (low < lb) argError(`low is out of bounds for ${dtype}`);
  if (high > ub) argError(`high is out of bounds for ${dtype}`);
  if (low > high) argError(formatBoundsError(closed, low === 0n));
  const { arr } = newOut(shape ?? [], dtype);
  boundedFill(bg, arr, low, high - low, masked);
  if (shape !== null) return arr;
  const v = arr.item();
  if (!explicitDType && typeof v === 'bigint' && v >= -(2n ** 53n) && v <= 2n ** 53n) return Number(v);
  return v;
}

/**
 * Array-valued low/high (NumPy's _rand_<type>_broadcast): bounds checked as a whole, then
 * one draw per element with the per-element range; 8/16-bit draws share one buffer.
 */
function broadcastIntegers(
  bg: BitGen, lowIn: unknown, highIn: unknown, shape: number[] | null, dtype: DType, masked: boolean, closed: boolean,
): NDArray {
  const lowA = asarray(lowIn as NDArrayLike);
  const highA = asarray(highIn as NDArrayLike);
  const [lb, ub] = intRange(dtype);
  const toBig = (a: NDArray) => Array.from(a.toTypedArray() as ArrayLike<number | bigint>, (v) => toBigIntBound(v, 'bound'));
  const bshape = broadcastShapes(lowA.shape, highA.shape);
  const outShape = shape ?? bshape;
  const lows = toBig(lowA.broadcastTo(broadcastShapes(bshape, outShape)));
  const highs = toBig(highA.broadcastTo(broadcastShapes(bshape, outShape)));
  for (const l of toBig(lowA)) if (l < lb) argError(`low is out of bounds for ${dtype}`);
  const hiOff = closed ? 0n : 1n;
  for (const h of toBig(highA)) if (h - hiOff > ub) argError(`high is out of bounds for ${dtype}`);
  for (let i = 0; i < lows.length; i++) {
    if (lows[i]! > highs[i]! - hiOff) argError(formatBoundsError(closed, lows.every((v) => v === 0n)));
  }
  const { arr } = newOut(outShape, dtype);
  const n = arr.size;
  if (n > 0 && lows.length !== n) argError('size is not compatible with the shape of low and high');
  const one = newOut([1], dtype).arr;
  const b = new Buffer32();
  const out = arr._data as unknown as { [i: number]: number | bigint };
  const start = arr.byteOffset / arr.itemsize;
  const oneData = one._data as unknown as { [i: number]: number | bigint };
  const oneStart = one.byteOffset / one.itemsize;
  for (let i = 0; i < n; i++) {
    const off = lows[i]!;
    const rng = highs[i]! - hiOff - off;
    if (arr.itemsize <= 2 && dtype !== 'bool') {
      const r = Number(rng);
      const full = arr.itemsize === 1 ? 0xff : 0xffff;
      let v: number;
      if (r === 0) v = 0;
      else if (r === full) {
        if (!b.bcnt) { b.buf = bg.next32(); b.bcnt = arr.itemsize === 1 ? 3 : 1; } else { b.buf >>>= arr.itemsize * 8; b.bcnt -= 1; }
        v = b.buf & full;
      } else v = (arr.itemsize === 1 ? bounded8 : bounded16)(bg, r, genMask32(r), masked, b);
      out[start + i] = Number(off) + v;
    } else if (dtype === 'bool') {
      out[start + i] = boundedBool(bg, Number(off), Number(rng), b);
    } else {
      boundedFill(bg, one, off, rng, masked);
      out[start + i] = oneData[oneStart]!;
    }
  }
  return arr;
}
