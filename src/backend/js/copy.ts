// The TypeScript strided copy/cast kernel: the same contract as the addon's copy and
// cast (byte strides are converted to element strides by the caller, since numnode
// arrays are always aligned to their itemsize).
import type { Storage } from '../../core/convert';

type Elements = { [i: number]: Storage; length: number };

/**
 * Copies `shape` elements from src to dst, both described by element offset and
 * element strides into typed arrays; `cast` converts values when the dtypes differ.
 * Source strides may be 0 (broadcast, fill). The caller guarantees bounds and that
 * src and dst do not overlap in a way that changes the result.
 */
export function copyStrided(
  shape: readonly number[],
  src: Elements, srcStrides: readonly number[], srcOffset: number,
  dst: Elements, dstStrides: readonly number[], dstOffset: number,
  cast: ((v: Storage) => Storage) | null,
): void {
  const nd = shape.length;
  for (const d of shape) if (d === 0) return;
  if (nd === 0) {
    dst[dstOffset] = cast ? cast(src[srcOffset]!) : src[srcOffset]!;
    return;
  }
  const inner = shape[nd - 1]!;
  const si = srcStrides[nd - 1]!;
  const di = dstStrides[nd - 1]!;
  const idx = new Array<number>(nd - 1).fill(0);
  let s = srcOffset;
  let d = dstOffset;
  for (;;) {
    if (cast) {
      for (let k = 0, ps = s, pd = d; k < inner; k++, ps += si, pd += di) dst[pd] = cast(src[ps]!);
    } else if (si === 1 && di === 1 && typeof (dst as Uint8Array).set === 'function'
      && (src as Uint8Array).subarray !== undefined && src.constructor === dst.constructor) {
      (dst as Uint8Array).set((src as Uint8Array).subarray(s, s + inner), d);
    } else {
      for (let k = 0, ps = s, pd = d; k < inner; k++, ps += si, pd += di) dst[pd] = src[ps]!;
    }
    // odometer over the outer axes
    let ax = nd - 2;
    for (; ax >= 0; ax--) {
      s += srcStrides[ax]!;
      d += dstStrides[ax]!;
      if (++idx[ax]! < shape[ax]!) break;
      s -= srcStrides[ax]! * shape[ax]!;
      d -= dstStrides[ax]! * shape[ax]!;
      idx[ax] = 0;
    }
    if (ax < 0) return;
  }
}
