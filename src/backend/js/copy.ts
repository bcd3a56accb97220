// The TypeScript strided copy/cast kernel: the same contract as the addon's copy and
// cast (byte strides are converted to element strides by the caller, since numnode
// arrays are always aligned to their itemsize).
//
// int64/uint64 data is moved as pairs of 32-bit words (little-endian: the caller
// checks), through Int32Array/Uint32Array views of the same memory: reading or
// writing a BigInt64Array element makes a BigInt, ~30 ns each, which made
// arange(1e6) and every int64 cast cost 25-50 ms. Every word path below gives
// bit-for-bit what castFunction's BigInt arithmetic gives.
import type { Storage } from '../../core/convert';

type Elements = { [i: number]: Storage; length: number };
type Numbers = { [i: number]: number; length: number };

/** Block edge, in elements, of the tiled walk of transposing 2-D copies. */
const TILE = 32;

/**
 * Calls run(srcIndex, srcStride, dstIndex, dstStride, n) for runs along the innermost
 * axis that together cover every element once (element units). The order is free:
 * every caller maps each source element to its destination element independently.
 */
function forEachRun(
  shape: readonly number[], srcStrides: readonly number[], srcOffset: number,
  dstStrides: readonly number[], dstOffset: number,
  run: (s: number, ss: number, d: number, ds: number, n: number) => void,
): void {
  const nd = shape.length;
  for (let i = 0; i < nd; i++) if (shape[i] === 0) return;
  if (nd === 0) {
    run(srcOffset, 0, dstOffset, 0, 1);
    return;
  }
  const inner = shape[nd - 1]!;
  const si = srcStrides[nd - 1]!;
  const di = dstStrides[nd - 1]!;
  if (nd === 1) {
    run(srcOffset, si, dstOffset, di, inner);
    return;
  }
  const rows = shape[nd - 2]!;
  const sr = srcStrides[nd - 2]!;
  const dr = dstStrides[nd - 2]!;
  // A transposing copy (the source's fastest axis is the destination's row axis):
  // walk the last two axes in TILE x TILE blocks, so that the lines of the source
  // rows a block reads are still cached when the next destination row needs them
  // (x.T.ravel() of 5000x5000 float64 read one cache line per element otherwise).
  const tile = Math.abs(si) > Math.abs(sr) && Math.abs(si) >= 8 && rows >= TILE && inner >= TILE;
  if (tile && nd === 2) {
    for (let j0 = 0; j0 < inner; j0 += TILE) {
      const m = Math.min(TILE, inner - j0);
      for (let i = 0; i < rows; i++) run(srcOffset + i * sr + j0 * si, si, dstOffset + i * dr + j0 * di, di, m);
    }
    return;
  }
  const idx = new Array<number>(nd - 1).fill(0);
  let s = srcOffset;
  let d = dstOffset;
  for (;;) {
    run(s, si, d, di, inner);
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
  const blockCopy = cast === null && typeof (dst as Uint8Array).set === 'function'
    && (src as Uint8Array).subarray !== undefined && src.constructor === dst.constructor;
  forEachRun(shape, srcStrides, srcOffset, dstStrides, dstOffset, (s, si, d, di, n) => {
    if (cast) {
      for (let k = 0, ps = s, pd = d; k < n; k++, ps += si, pd += di) dst[pd] = cast(src[ps]!);
    } else if (si === 1 && di === 1 && blockCopy) {
      (dst as Uint8Array).set((src as Uint8Array).subarray(s, s + n), d);
    } else {
      for (let k = 0, ps = s, pd = d; k < n; k++, ps += si, pd += di) dst[pd] = src[ps]!;
    }
  });
}

// Same-dtype copies move bits, so they only depend on the item's width: one function
// per width, each with its own loop, so that every loop's element accesses see a
// single typed array class (a loop shared by all classes goes megamorphic, ~5-10 ns
// per element). Integer classes only: a Float32Array/Float64Array load and store may
// change a NaN's payload, a raw copy must not.

/** Copies 1-byte items; strides and offsets in items. */
export function copyRaw8(
  shape: readonly number[], src: Uint8Array, srcStrides: readonly number[], srcOffset: number,
  dst: Uint8Array, dstStrides: readonly number[], dstOffset: number,
): void {
  forEachRun(shape, srcStrides, srcOffset, dstStrides, dstOffset, (s, si, d, di, n) => {
    if (si === 1 && di === 1) { dst.set(src.subarray(s, s + n), d); return; }
    for (let k = 0, ps = s, pd = d; k < n; k++, ps += si, pd += di) dst[pd] = src[ps]!;
  });
}

/** Copies 2-byte items; strides and offsets in items. */
export function copyRaw16(
  shape: readonly number[], src: Uint16Array, srcStrides: readonly number[], srcOffset: number,
  dst: Uint16Array, dstStrides: readonly number[], dstOffset: number,
): void {
  forEachRun(shape, srcStrides, srcOffset, dstStrides, dstOffset, (s, si, d, di, n) => {
    if (si === 1 && di === 1) { dst.set(src.subarray(s, s + n), d); return; }
    for (let k = 0, ps = s, pd = d; k < n; k++, ps += si, pd += di) dst[pd] = src[ps]!;
  });
}

/** Copies 4-byte items; strides and offsets in items. */
export function copyRaw32(
  shape: readonly number[], src: Int32Array, srcStrides: readonly number[], srcOffset: number,
  dst: Int32Array, dstStrides: readonly number[], dstOffset: number,
): void {
  forEachRun(shape, srcStrides, srcOffset, dstStrides, dstOffset, (s, si, d, di, n) => {
    if (si === 1 && di === 1) { dst.set(src.subarray(s, s + n), d); return; }
    for (let k = 0, ps = s, pd = d; k < n; k++, ps += si, pd += di) dst[pd] = src[ps]!;
  });
}

/**
 * Copies 8-byte elements as two 32-bit words each (int64 <-> int64/uint64: the
 * store of a BigInt64Array wraps, so the cast between them is the bit copy).
 * Strides and offsets are in 8-byte elements; src and dst are Int32Array views.
 */
export function copyWords64(
  shape: readonly number[],
  src: Int32Array, srcStrides: readonly number[], srcOffset: number,
  dst: Int32Array, dstStrides: readonly number[], dstOffset: number,
): void {
  forEachRun(shape, srcStrides, srcOffset, dstStrides, dstOffset, (s, si, d, di, n) => {
    if (si === 1 && di === 1) {
      dst.set(src.subarray(2 * s, 2 * (s + n)), 2 * d);
      return;
    }
    for (let k = 0, ps = 2 * s, pd = 2 * d; k < n; k++, ps += 2 * si, pd += 2 * di) {
      dst[pd] = src[ps]!;
      dst[pd + 1] = src[ps + 1]!;
    }
  });
}

/** How a number becomes int64/uint64 words. */
export const ToWords = {
  /** An integer dtype or bool: the value itself, sign-extended. */
  Int: 0,
  /** A float to int64: C's truncation, "integer indefinite" (INT64_MIN) when out of range or NaN. */
  FloatToI64: 1,
  /** A float to uint64: gcc's x86-64 sequence (castFunction's truncU64). */
  FloatToU64: 2,
} as const;
export type ToWords = (typeof ToWords)[keyof typeof ToWords];

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;

/**
 * Casts numbers (any non-64-bit-integer dtype) into int64/uint64 words. `dst` is an
 * Int32Array over the destination; strides and offsets of dst are in 8-byte elements.
 * Exact for every value: for an integral double t in [-2^63, 2^63), `t >>> 0` is t
 * mod 2^32 (ToUint32 is an exact modulo) and (t - lo) / 2^32 is an exact integer.
 */
export function castToWords64(
  shape: readonly number[],
  src: Numbers, srcStrides: readonly number[], srcOffset: number,
  dst: Int32Array, dstStrides: readonly number[], dstOffset: number,
  mode: ToWords,
): void {
  forEachRun(shape, srcStrides, srcOffset, dstStrides, dstOffset, (s, si, d, di, n) => {
    let ps = s;
    let pd = 2 * d;
    const dstep = 2 * di;
    if (mode === ToWords.Int) {
      for (let k = 0; k < n; k++, ps += si, pd += dstep) {
        const v = src[ps]!;
        dst[pd] = v;
        dst[pd + 1] = v < 0 ? -1 : 0;
      }
      return;
    }
    for (let k = 0; k < n; k++, ps += si, pd += dstep) {
      const x = src[ps]!;
      // The common case, |x| < 2^31: an int32 and its sign word (x | 0 truncates).
      if (x > -2147483649 && x < 2147483648) {
        const v = x | 0;
        dst[pd] = v;
        dst[pd + 1] = v >> 31;
        continue;
      }
      let t: number;
      let flip = 0;
      if (mode === ToWords.FloatToU64 && x >= TWO63) {
        // Truncate x - 2^63 and set the top bit (XOR with INT64_MIN); NaN is not >= and
        // takes the direct conversion, as in castFunction's truncU64.
        t = Math.trunc(x - TWO63);
        flip = 0x80000000;
      } else {
        t = Math.trunc(x);
      }
      if (t >= -TWO63 && t < TWO63) {
        const lo = t >>> 0;
        dst[pd] = lo;
        dst[pd + 1] = ((t - lo) / TWO32) ^ flip;
      } else {
        // INT64_MIN (cvttsd2si's "integer indefinite"); XOR-ed with it, 0.
        dst[pd] = 0;
        dst[pd + 1] = 0x80000000 ^ flip;
      }
    }
  });
}

/** What int64/uint64 words become. */
export const FromWords = {
  Float64: 0,
  /** float32: exact through a double below 2^53, else the BigInt path (one rounding). */
  Float32: 1,
  Bool: 2,
  /** Any integer dtype of 32 bits or less: the low word, which the store wraps further. */
  Int: 3,
} as const;
export type FromWords = (typeof FromWords)[keyof typeof FromWords];

/**
 * Casts int64/uint64 (`signed` says which) into a number dtype. `lo` and `hi` are
 * Uint32Array and Int32Array/Uint32Array views of the source (strides and offsets in
 * 8-byte elements); `big` is the source's own BigInt64Array/BigUint64Array and
 * `slow` castFunction's conversion, for the float32 values a double cannot hold
 * exactly. hi * 2^32 + lo is one IEEE addition of two exact doubles, so it is the
 * correctly rounded value, as Number(bigint) is.
 */
export function castFromWords64(
  shape: readonly number[],
  lo: Uint32Array, hi: Int32Array | Uint32Array, big: Elements, srcStrides: readonly number[], srcOffset: number,
  dst: Numbers, dstStrides: readonly number[], dstOffset: number,
  mode: FromWords, slow: (v: Storage) => Storage,
): void {
  forEachRun(shape, srcStrides, srcOffset, dstStrides, dstOffset, (s, si, d, di, n) => {
    let ps = 2 * s;
    let pd = d;
    const sstep = 2 * si;
    switch (mode) {
      case FromWords.Float64:
        for (let k = 0; k < n; k++, ps += sstep, pd += di) dst[pd] = hi[ps + 1]! * TWO32 + lo[ps]!;
        return;
      case FromWords.Float32:
        for (let k = 0; k < n; k++, ps += sstep, pd += di) {
          const h = hi[ps + 1]!;
          // |value| < 2^53: the double is exact and float32 rounds it once.
          dst[pd] = h >= -2097152 && h < 2097152 ? h * TWO32 + lo[ps]! : slow(big[ps / 2]!) as number;
        }
        return;
      case FromWords.Bool:
        for (let k = 0; k < n; k++, ps += sstep, pd += di) dst[pd] = (lo[ps]! | hi[ps + 1]!) !== 0 ? 1 : 0;
        return;
      default:
        for (let k = 0; k < n; k++, ps += sstep, pd += di) dst[pd] = lo[ps]!;
    }
  });
}
