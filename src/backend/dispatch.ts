// Data movement between arrays (copy, cast, fill), routed to the addon or to the
// TypeScript kernel. Callers have validated shapes and dtypes; here we re-check that
// buffers still hold the views (a detached or shrunk buffer is an error) and make
// overlapping copies safe.
import { endianness } from 'node:os';
import { DType, DTYPES, DTYPE_CODE, ITEMSIZE, KIND, isBigIntDType } from '../core/dtype';
import { castFunction, Storage } from '../core/convert';
import { allocate } from '../core/memory';
import { cStrides } from '../core/shape';
import type { NDArray } from '../core/ndarray';
import { bytesOf, NDArray as NDArrayClass, typedArrayOf } from '../core/ndarray';
import {
  castFromWords64, castToWords64, copyRaw16, copyRaw32, copyRaw8, copyStrided, copyWords64, FromWords, ToWords,
} from './js/copy';
import { nativeFor, thresholds } from './backend';

function elementStrides(a: NDArray): number[] {
  // A loop: map/every on a frozen array (as strides may be) are several times slower in V8.
  const st = a._strides;
  const is = a.itemsize;
  const out = new Array<number>(st.length);
  for (let i = 0; i < st.length; i++) out[i] = st[i]! / is;
  return out;
}

/** True when the two views may touch a common byte of one buffer. */
export function boundsOverlap(a: NDArray, b: NDArray): boolean {
  return a.buffer === b.buffer && a.size > 0 && b.size > 0 && a._lo < b._hi && b._lo < a._hi;
}

/**
 * dst[...] = src, with src already broadcast to dst's shape; casts when the dtypes
 * differ (NumPy's unsafe casting: the callers decide what is allowed).
 */
export function copyInto(dst: NDArray, src: NDArray): void {
  dst._checkBuffer();
  src._checkBuffer();
  if (dst.size === 0) return;
  if (boundsOverlap(dst, src)) {
    if (!sameView(dst, src)) {
      // Reading and writing the same bytes in an order that is not element-by-element
      // identical could read values already overwritten: copy the source first.
      src = detachedCopy(src);
    } else if (dst.dtype === src.dtype) return;
  }
  const sameType = dst.dtype === src.dtype;
  const nat = nativeFor(dst.size, sameType ? thresholds.copy : thresholds.cast);
  if (nat !== null) {
    if (sameType) {
      nat.copy(dst.itemsize, dst._shape as number[], bytesOf(src.buffer), src._strides as number[], src.byteOffset,
        bytesOf(dst.buffer), dst._strides as number[], dst.byteOffset);
    } else {
      nat.cast(DTYPE_CODE[src.dtype], DTYPE_CODE[dst.dtype], dst._shape as number[], bytesOf(src.buffer),
        src._strides as number[], src.byteOffset, bytesOf(dst.buffer), dst._strides as number[], dst.byteOffset);
    }
    return;
  }
  copyJs(dst, src);
}

/** 64-bit integers move as 32-bit word pairs, which assumes little-endian words. */
const LITTLE_ENDIAN = endianness() === 'LE';

function fromWordsMode(to: DType): FromWords {
  return to === 'float64' ? FromWords.Float64 : to === 'float32' ? FromWords.Float32 : to === 'bool' ? FromWords.Bool : FromWords.Int;
}

/** The TypeScript side of copyInto (bounds and overlap already settled). */
function copyJs(dst: NDArray, src: NDArray): void {
  const sd = src.dtype;
  const dd = dst.dtype;
  if (sd === dd && ((src._c && dst._c) || (src._f && dst._f))) {
    // The same elements in the same order, one block: a memmove.
    const n = src.nbytes;
    new Uint8Array(dst.buffer, dst.byteOffset, n).set(new Uint8Array(src.buffer, src.byteOffset, n));
    return;
  }
  const shape = dst._shape;
  if (sd === dd) {
    // A bit copy: only the item's width matters.
    const is = src.itemsize;
    const ss = elementStrides(src);
    const ds = elementStrides(dst);
    const so = src.byteOffset / is;
    const dof = dst.byteOffset / is;
    if (is === 1) copyRaw8(shape, new Uint8Array(src.buffer), ss, so, new Uint8Array(dst.buffer), ds, dof);
    else if (is === 2) copyRaw16(shape, typedArrayOf(src.buffer, 'uint16'), ss, so, typedArrayOf(dst.buffer, 'uint16'), ds, dof);
    else if (is === 4) copyRaw32(shape, typedArrayOf(src.buffer, 'int32'), ss, so, typedArrayOf(dst.buffer, 'int32'), ds, dof);
    else copyWords64(shape, typedArrayOf(src.buffer, 'int32'), ss, so, typedArrayOf(dst.buffer, 'int32'), ds, dof);
    return;
  }
  const srcBig = isBigIntDType(sd);
  const dstBig = isBigIntDType(dd);
  if (LITTLE_ENDIAN && (srcBig || dstBig)) {
    if (srcBig && dstBig) {
      copyWords64(shape, typedArrayOf(src.buffer, 'int32'), elementStrides(src), src.byteOffset / 8,
        typedArrayOf(dst.buffer, 'int32'), elementStrides(dst), dst.byteOffset / 8);
    } else if (dstBig) {
      const mode = KIND[sd] !== 'f' ? ToWords.Int : dd === 'int64' ? ToWords.FloatToI64 : ToWords.FloatToU64;
      castToWords64(shape, src._data as Uint8Array, elementStrides(src), src.byteOffset / src.itemsize,
        typedArrayOf(dst.buffer, 'int32'), elementStrides(dst), dst.byteOffset / 8, mode);
    } else {
      castFromWords64(shape, typedArrayOf(src.buffer, 'uint32'),
        sd === 'int64' ? typedArrayOf(src.buffer, 'int32') : typedArrayOf(src.buffer, 'uint32'),
        src._data as never, elementStrides(src), src.byteOffset / 8,
        dst._data as Uint8Array, elementStrides(dst), dst.byteOffset / dst.itemsize,
        fromWordsMode(dd), castFunction(sd, dd)!);
    }
    return;
  }
  copyStrided(shape, src._data as never, elementStrides(src), src.byteOffset / src.itemsize,
    dst._data as never, elementStrides(dst), dst.byteOffset / dst.itemsize,
    sd === dd ? null : castFunction(sd, dd));
}

function sameView(a: NDArray, b: NDArray): boolean {
  if (a.buffer !== b.buffer || a.byteOffset !== b.byteOffset || a.itemsize !== b.itemsize) return false;
  const sa = a._strides;
  const sb = b._strides;
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return false;
  return true;
}

function detachedCopy(src: NDArray): NDArray {
  const { buffer, byteOffset } = allocate(src.nbytes, false);
  const tmp = new NDArrayClass(buffer, src.dtype, src._shape, cStrides(src._shape, src.itemsize), byteOffset, null, true, true);
  copyInto(tmp, src);
  return tmp;
}

/** Sets every element of dst to one value already converted to dst's storage. */
export function fillWith(dst: NDArray, value: Storage): void {
  dst._checkBuffer();
  if (dst.size === 0) return;
  if (dst._c || dst._f) {
    // A contiguous view with negative strides cannot exist, so the elements are one block.
    fillBlock(dst.buffer, dst.dtype, dst.byteOffset, dst.size, value);
    return;
  }
  const one = new (dst._data.constructor as new (n: number) => { [i: number]: Storage })(1);
  one[0] = value;
  const src = new NDArrayClass((one as unknown as Uint8Array).buffer, dst.dtype, dst._shape,
    new Array<number>(dst.ndim).fill(0), 0, null, false, true);
  copyInto(dst, src);
}

// The value's bit pattern, found by storing it in the dtype and reading it back.
const scratch = new ArrayBuffer(8);
const scratchBytes = new Uint8Array(scratch);
const scratchU16 = new Uint16Array(scratch);
const scratchU32 = new Uint32Array(scratch);
const scratchU64 = new BigUint64Array(scratch);
const scratchOf = Object.fromEntries(DTYPES.map((d) => [d, typedArrayOf(scratch, d)])) as unknown as Record<DType, { [i: number]: Storage }>;

/**
 * Sets n elements from byteOffset to one value. Fills through the unsigned typed
 * array of the item's width with the value's bit pattern: V8's fill is a memset
 * when every byte of the pattern is equal (80 µs for 8 MB here) and a plain loop
 * otherwise, whose speed depends on the class — for 8 MB, Float64Array.fill(1)
 * took 365–550 µs and Int32Array.fill(1) 280 µs, where BigUint64Array and
 * Uint32Array with the same bits took 138 µs.
 */
function fillBlock(buffer: ArrayBufferLike, dtype: DType, byteOffset: number, n: number, value: Storage): void {
  const is = ITEMSIZE[dtype];
  const one = scratchOf[dtype];
  scratchU64[0] = 0n;
  one[0] = value;
  let same = true;
  for (let i = 1; i < is; i++) if (scratchBytes[i] !== scratchBytes[0]) same = false;
  if (same) {
    bytesOf(buffer).fill(scratchBytes[0]!, byteOffset, byteOffset + n * is);
    return;
  }
  const k = byteOffset / is;
  switch (is) {
    case 2: typedArrayOf(buffer, 'uint16').fill(scratchU16[0]!, k, k + n); break;
    case 4: typedArrayOf(buffer, 'uint32').fill(scratchU32[0]!, k, k + n); break;
    default: typedArrayOf(buffer, 'uint64').fill(scratchU64[0]!, k, k + n); break;
  }
}
