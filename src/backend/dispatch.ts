// Data movement between arrays (copy, cast, fill), routed to the addon or to the
// TypeScript kernel. Callers have validated shapes and dtypes; here we re-check that
// buffers still hold the views (a detached or shrunk buffer is an error) and make
// overlapping copies safe.
import { DTYPE_CODE } from '../core/dtype';
import { castFunction, Storage } from '../core/convert';
import { allocate } from '../core/memory';
import { cStrides } from '../core/shape';
import type { NDArray } from '../core/ndarray';
import { bytesOf, NDArray as NDArrayClass } from '../core/ndarray';
import { copyStrided } from './js/copy';
import { nativeFor, thresholds } from './backend';

function elementStrides(a: NDArray): number[] {
  return a.strides.map((s) => s / a.itemsize);
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
  if (boundsOverlap(dst, src) && !sameView(dst, src)) {
    // Reading and writing the same bytes in an order that is not element-by-element
    // identical could read values already overwritten: copy the source first.
    src = detachedCopy(src);
  } else if (sameView(dst, src) && dst.dtype === src.dtype) return;
  const sameType = dst.dtype === src.dtype;
  const nat = nativeFor(dst.size, sameType ? thresholds.copy : thresholds.cast);
  if (nat !== null) {
    if (sameType) {
      nat.copy(dst.itemsize, dst.shape as number[], bytesOf(src.buffer), src.strides as number[], src.byteOffset,
        bytesOf(dst.buffer), dst.strides as number[], dst.byteOffset);
    } else {
      nat.cast(DTYPE_CODE[src.dtype], DTYPE_CODE[dst.dtype], dst.shape as number[], bytesOf(src.buffer),
        src.strides as number[], src.byteOffset, bytesOf(dst.buffer), dst.strides as number[], dst.byteOffset);
    }
    return;
  }
  copyStrided(dst.shape, src._data as never, elementStrides(src), src.byteOffset / src.itemsize,
    dst._data as never, elementStrides(dst), dst.byteOffset / dst.itemsize,
    sameType ? null : castFunction(src.dtype, dst.dtype));
}

function sameView(a: NDArray, b: NDArray): boolean {
  return a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.itemsize === b.itemsize
    && a.strides.every((s, i) => s === b.strides[i]);
}

function detachedCopy(src: NDArray): NDArray {
  const { buffer, byteOffset } = allocate(src.nbytes, false);
  const tmp = new NDArrayClass(buffer, src.dtype, src.shape, cStrides(src.shape, src.itemsize), byteOffset, null);
  copyInto(tmp, src);
  return tmp;
}

/** Sets every element of dst to one value already converted to dst's storage. */
export function fillWith(dst: NDArray, value: Storage): void {
  dst._checkBuffer();
  if (dst.size === 0) return;
  const data = dst._data as unknown as { fill(v: Storage, s: number, e: number): void; [i: number]: Storage };
  if (dst.flags.cContiguous || dst.flags.fContiguous) {
    const s = dst.byteOffset / dst.itemsize;
    // A contiguous view with negative strides cannot exist, so [s, s + size) is the block.
    data.fill(value, s, s + dst.size);
    return;
  }
  const one = new (dst._data.constructor as new (n: number) => { [i: number]: Storage })(1);
  one[0] = value;
  const src = new NDArrayClass((one as unknown as Uint8Array).buffer, dst.dtype, dst.shape,
    new Array(dst.ndim).fill(0), 0, null, false);
  copyInto(dst, src);
}
