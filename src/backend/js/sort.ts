// The TypeScript sorting kernels: the same contract as the addon's sort family
// (native/kernels/sort.h). Every kernel works lane by lane: a lane is the 1-D run
// of `n` elements along the sort axis, given by an element offset and an element
// stride into a typed array over the whole buffer (numnode arrays are aligned, so
// byte strides divide by the itemsize).
//
// Ordering is NumPy's: NaNs after everything else (their relative order kept),
// -0.0 equal to +0.0 (so a stable sort keeps their input order), int64/uint64
// compared exactly. Every element is reduced to an unsigned key of one or two
// 32-bit words whose unsigned order is that ordering (the classic radix-sort key:
// flip the sign bit of integers, flip all bits of negative floats), so that one
// stable LSD radix sort, one insertion/merge sort and one quickselect serve all
// eleven dtypes without BigInt arithmetic on the hot paths.
import type { DType } from '../../core/dtype';

/** Element access into a whole-buffer typed array. */
export type Elements = { [i: number]: number | bigint; length: number };

/** Lanes shorter than this are sorted by comparison; longer ones by LSD radix (the radix passes' fixed cost of 2048-entry histograms pays off from a few hundred elements). */
export const RADIX_MIN = 512;

// ---- keys ------------------------------------------------------------------------

/**
 * A lane as sortable keys: `m` non-NaN elements whose keys are (hi, lo) unsigned
 * words (hi null when one word suffices), each with its lane position in `idx`;
 * then the NaN positions in input order (idx[m..n)).
 */
export interface Keys {
  n: number;
  m: number;
  /** Key bits: total width (8, 16, 32 or 64). */
  bits: number;
  hi: Uint32Array | null;
  lo: Uint32Array;
  idx: Uint32Array;
}

const f64 = new Float64Array(1);
const f64w = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const f32w = new Uint32Array(f32.buffer);

/** Word views of a whole buffer, cached per buffer (the element arrays of int64/uint64/floats). */
const wordCache = new WeakMap<ArrayBufferLike, Uint32Array>();
export function wordsOf(buffer: ArrayBufferLike): Uint32Array {
  let w = wordCache.get(buffer);
  if (w === undefined || w.length !== Math.floor(buffer.byteLength / 4)) {
    w = new Uint32Array(buffer, 0, Math.floor(buffer.byteLength / 4));
    wordCache.set(buffer, w);
  }
  return w;
}

let scratchHi = new Uint32Array(0);
let scratchLo = new Uint32Array(0);
let scratchIdx = new Uint32Array(0);
function grow(n: number): void {
  if (scratchLo.length < n) {
    const cap = Math.max(n, 2 * scratchLo.length);
    scratchHi = new Uint32Array(cap);
    scratchLo = new Uint32Array(cap);
    scratchIdx = new Uint32Array(cap);
  }
}

export const KEY_BITS: Readonly<Record<DType, number>> = {
  bool: 8, int8: 8, uint8: 8, int16: 16, uint16: 16, int32: 32, uint32: 32,
  int64: 64, uint64: 64, float32: 32, float64: 64,
};

/**
 * Builds the keys of a lane. `data` is the dtype's whole-buffer typed array and
 * `words` a Uint32Array over the same buffer (used for 64-bit and float dtypes).
 * -0.0 gets +0.0's key (they are equal). The arrays are fresh when `own` is set,
 * otherwise module scratch reused by the next call.
 */
export function laneKeys(dtype: DType, data: Elements, words: Uint32Array, off: number, stride: number, n: number, own = false): Keys {
  const bits = KEY_BITS[dtype];
  let hi: Uint32Array | null = null;
  let lo: Uint32Array;
  let idx: Uint32Array;
  if (own) {
    lo = new Uint32Array(n);
    idx = new Uint32Array(n);
    if (bits === 64) hi = new Uint32Array(n);
  } else {
    grow(n);
    lo = scratchLo.subarray(0, n);
    idx = scratchIdx.subarray(0, n);
    if (bits === 64) hi = scratchHi.subarray(0, n);
  }
  let m = 0;
  switch (dtype) {
    case 'bool': case 'uint8': case 'uint16': case 'uint32': {
      const d = data as Uint32Array;
      for (let i = 0, p = off; i < n; i++, p += stride) { lo[i] = d[p]!; idx[i] = i; }
      m = n;
      break;
    }
    case 'int8': case 'int16': case 'int32': {
      const d = data as Int32Array;
      const bias = dtype === 'int8' ? 128 : dtype === 'int16' ? 32768 : 0;
      if (bias) for (let i = 0, p = off; i < n; i++, p += stride) { lo[i] = d[p]! + bias; idx[i] = i; }
      else for (let i = 0, p = off; i < n; i++, p += stride) { lo[i] = (d[p]! ^ 0x80000000) >>> 0; idx[i] = i; }
      m = n;
      break;
    }
    case 'int64': case 'uint64': {
      const flip = dtype === 'int64' ? 0x80000000 : 0;
      const h = hi!;
      for (let i = 0, p = 2 * off; i < n; i++, p += 2 * stride) {
        lo[i] = words[p]!;
        h[i] = (words[p + 1]! ^ flip) >>> 0;
        idx[i] = i;
      }
      m = n;
      break;
    }
    case 'float32': {
      const d = data as Float32Array;
      const nanIdx: number[] = [];
      for (let i = 0, p = off; i < n; i++, p += stride) {
        const v = d[p]!;
        if (v !== v) { nanIdx.push(i); continue; }
        f32[0] = v === 0 ? 0 : v;
        const w = f32w[0]!;
        lo[m] = (w & 0x80000000) !== 0 ? ~w >>> 0 : (w ^ 0x80000000) >>> 0;
        idx[m++] = i;
      }
      for (let k = 0; k < nanIdx.length; k++) idx[m + k] = nanIdx[k]!;
      break;
    }
    case 'float64': {
      const d = data as Float64Array;
      const h = hi!;
      const nanIdx: number[] = [];
      for (let i = 0, p = off; i < n; i++, p += stride) {
        const v = d[p]!;
        if (v !== v) { nanIdx.push(i); continue; }
        f64[0] = v === 0 ? 0 : v;
        const w1 = f64w[1]!;
        if ((w1 & 0x80000000) !== 0) { h[m] = ~w1 >>> 0; lo[m] = ~f64w[0]! >>> 0; } else { h[m] = (w1 ^ 0x80000000) >>> 0; lo[m] = f64w[0]!; }
        idx[m++] = i;
      }
      for (let k = 0; k < nanIdx.length; k++) idx[m + k] = nanIdx[k]!;
      break;
    }
  }
  return { n, m, bits, hi, lo, idx };
}

// ---- stable sorts on keys ----------------------------------------------------------

let radixHi = new Uint32Array(0);
let radixLo = new Uint32Array(0);
let radixIdx = new Uint32Array(0);
const counts = new Uint32Array(1 << 16);

/**
 * Stable sort of keys[0..m) (with idx alongside), in place: insertion sort for tiny
 * lanes, merge sort below RADIX_MIN, LSD radix (11-bit digits, constant digits
 * skipped; one 8- or 16-bit pass for the small dtypes) above.
 */
export function sortKeys(k: Keys): void {
  const m = k.m;
  if (m < 2) return;
  if (m <= 16) { insertionKeys(k, 0, m); return; }
  if (m < RADIX_MIN && k.bits > 16) { mergeKeys(k, m); return; }
  radixKeys(k);
}

function insertionKeys(k: Keys, from: number, to: number): void {
  const { hi, lo, idx } = k;
  if (hi === null) {
    for (let i = from + 1; i < to; i++) {
      const l = lo[i]!; const x = idx[i]!;
      let j = i - 1;
      while (j >= from && lo[j]! > l) { lo[j + 1] = lo[j]!; idx[j + 1] = idx[j]!; j--; }
      lo[j + 1] = l; idx[j + 1] = x;
    }
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const h = hi[i]!; const l = lo[i]!; const x = idx[i]!;
    let j = i - 1;
    while (j >= from && (hi[j]! > h || (hi[j] === h && lo[j]! > l))) {
      hi[j + 1] = hi[j]!; lo[j + 1] = lo[j]!; idx[j + 1] = idx[j]!; j--;
    }
    hi[j + 1] = h; lo[j + 1] = l; idx[j + 1] = x;
  }
}

function ensureRadix(m: number): void {
  if (radixLo.length < m) {
    const cap = Math.max(m, 2 * radixLo.length);
    radixHi = new Uint32Array(cap);
    radixLo = new Uint32Array(cap);
    radixIdx = new Uint32Array(cap);
  }
}

/** Bottom-up merge sort (stable): runs of 16 by insertion, then pairwise merges through a buffer. */
function mergeKeys(k: Keys, m: number): void {
  ensureRadix(m);
  for (let s = 0; s < m; s += 16) insertionKeys(k, s, Math.min(m, s + 16));
  let sh: Uint32Array | null = k.hi; let sl: Uint32Array = k.lo; let si: Uint32Array = k.idx;
  let dh: Uint32Array | null = k.hi === null ? null : radixHi; let dl: Uint32Array = radixLo; let di: Uint32Array = radixIdx;
  let inScratch = false;
  for (let width = 16; width < m; width *= 2) {
    for (let a = 0; a < m; a += 2 * width) {
      const mid = Math.min(m, a + width);
      const end = Math.min(m, a + 2 * width);
      let i = a, j = mid, o = a;
      if (sh === null) {
        while (i < mid && j < end) {
          if (sl[j]! < sl[i]!) { dl[o] = sl[j]!; di[o++] = si[j++]!; } else { dl[o] = sl[i]!; di[o++] = si[i++]!; }
        }
      } else {
        const dh2 = dh!;
        while (i < mid && j < end) {
          if (sh[j]! < sh[i]! || (sh[j] === sh[i] && sl[j]! < sl[i]!)) { dh2[o] = sh[j]!; dl[o] = sl[j]!; di[o++] = si[j++]!; } else { dh2[o] = sh[i]!; dl[o] = sl[i]!; di[o++] = si[i++]!; }
        }
      }
      for (; i < mid; i++, o++) { if (sh !== null) dh![o] = sh[i]!; dl[o] = sl[i]!; di[o] = si[i]!; }
      for (; j < end; j++, o++) { if (sh !== null) dh![o] = sh[j]!; dl[o] = sl[j]!; di[o] = si[j]!; }
    }
    [sh, dh] = [dh, sh];
    [sl, dl] = [dl, sl];
    [si, di] = [di, si];
    inScratch = !inScratch;
  }
  if (inScratch) {
    if (k.hi !== null) k.hi.set(sh!.subarray(0, m));
    k.lo.set(sl.subarray(0, m));
    k.idx.set(si.subarray(0, m));
  }
}

/**
 * LSD radix sort of keys[0..m): digits of 11 bits (8/16 bits for the small dtypes),
 * stable; the lane positions in idx move along unless `keysOnly`.
 */
function radixKeys(k: Keys, keysOnly = false): void {
  const m = k.m;
  ensureRadix(m);
  // Digit plan: [word (0 lo / 1 hi), shift, width].
  const plan: [number, number, number][] = [];
  if (k.bits === 8) plan.push([0, 0, 8]);
  else if (k.bits === 16) plan.push([0, 0, 16]);
  else {
    plan.push([0, 0, 11], [0, 11, 11], [0, 22, 10]);
    if (k.bits === 64) plan.push([1, 0, 11], [1, 11, 11], [1, 22, 10]);
  }
  let sh: Uint32Array | null = k.hi; let sl: Uint32Array = k.lo; let si: Uint32Array = k.idx;
  let dh: Uint32Array | null = k.hi === null ? null : radixHi.subarray(0, m);
  let dl: Uint32Array = radixLo.subarray(0, m); let di: Uint32Array = radixIdx.subarray(0, m);
  let inScratch = false;
  for (const [word, shift, width] of plan) {
    const mask = (1 << width) - 1;
    const nb = 1 << width;
    counts.fill(0, 0, nb);
    const src = word === 0 ? sl : sh!;
    for (let i = 0; i < m; i++) counts[(src[i]! >>> shift) & mask]!++;
    // A digit that is the same for every key moves nothing: skip the pass.
    if (counts[(src[0]! >>> shift) & mask] === m) continue;
    let sum = 0;
    for (let b = 0; b < nb; b++) { const c = counts[b]!; counts[b] = sum; sum += c; }
    if (keysOnly && sh === null) {
      for (let i = 0; i < m; i++) {
        const l = sl[i]!;
        dl[counts[(l >>> shift) & mask]!++] = l;
      }
    } else if (keysOnly) {
      const dh2 = dh!;
      for (let i = 0; i < m; i++) {
        const w = src[i]!;
        const o = counts[(w >>> shift) & mask]!++;
        dh2[o] = sh![i]!; dl[o] = sl[i]!;
      }
    } else if (sh === null) {
      for (let i = 0; i < m; i++) {
        const l = sl[i]!;
        const o = counts[(l >>> shift) & mask]!++;
        dl[o] = l; di[o] = si[i]!;
      }
    } else {
      const dh2 = dh!;
      for (let i = 0; i < m; i++) {
        const w = src[i]!;
        const o = counts[(w >>> shift) & mask]!++;
        dh2[o] = sh[i]!; dl[o] = sl[i]!; di[o] = si[i]!;
      }
    }
    [sh, dh] = [dh, sh];
    [sl, dl] = [dl, sl];
    [si, di] = [di, si];
    inScratch = !inScratch;
  }
  if (inScratch) {
    if (k.hi !== null) k.hi.set(sh!);
    k.lo.set(sl);
    if (!keysOnly) k.idx.set(si);
  }
}

// ---- selection (introselect on keys) ----------------------------------------------------

function less(k: Keys, a: number, b: number): boolean {
  const hi = k.hi;
  if (hi !== null && hi[a] !== hi[b]) return hi[a]! < hi[b]!;
  return k.lo[a]! < k.lo[b]!;
}

function swap(k: Keys, a: number, b: number): void {
  const { hi, lo, idx } = k;
  if (hi !== null) { const t = hi[a]!; hi[a] = hi[b]!; hi[b] = t; }
  const t = lo[a]!; lo[a] = lo[b]!; lo[b] = t;
  const x = idx[a]!; idx[a] = idx[b]!; idx[b] = x;
}

/**
 * Rearranges keys[lo..hi) so that position kth holds the key a full sort would put
 * there, smaller-or-equal keys before it and greater-or-equal after (quickselect with
 * median-of-three pivots; after 2·log2(n) unproductive rounds the range is sorted
 * instead, so the worst case stays O(n log n) as in introselect).
 */
export function selectKeys(k: Keys, from: number, to: number, kth: number): void {
  let budget = 2 * Math.ceil(Math.log2(to - from + 1)) + 4;
  while (to - from > 16) {
    if (budget-- === 0) { sortRange(k, from, to); return; }
    const mid = (from + to) >>> 1;
    // median of three into `from`
    if (less(k, mid, from)) swap(k, mid, from);
    if (less(k, to - 1, from)) swap(k, to - 1, from);
    if (less(k, to - 1, mid)) swap(k, to - 1, mid);
    swap(k, from, mid); // pivot at from
    // Hoare partition around the pivot key at `from`.
    let i = from;
    let j = to;
    for (;;) {
      do i++; while (i < to && less(k, i, from));
      do j--; while (less(k, from, j));
      if (i >= j) break;
      swap(k, i, j);
    }
    swap(k, from, j);
    if (j === kth) return;
    if (kth < j) to = j; else from = j + 1;
  }
  insertionKeys(k, from, to);
}

function sortRange(k: Keys, from: number, to: number): void {
  // A sub-range as its own Keys, sorted with the stable sorts above.
  const sub: Keys = {
    n: to - from, m: to - from, bits: k.bits,
    hi: k.hi === null ? null : k.hi.subarray(from, to), lo: k.lo.subarray(from, to), idx: k.idx.subarray(from, to),
  };
  sortKeys(sub);
}

/**
 * Partitions the non-NaN keys for every kth (ascending, each < n): positions kth ≥ m
 * are NaNs, already at the end. After this, keys[kth] is the kth order statistic and
 * the keys between consecutive kth are bounded by them.
 */
export function partitionKeys(k: Keys, kths: readonly number[]): void {
  let from = 0;
  for (const kth of kths) {
    if (kth >= k.m) break;
    if (kth < from) continue;
    selectKeys(k, from, k.m, kth);
    from = kth + 1;
  }
}

// ---- values sort -------------------------------------------------------------------

/**
 * Sorts a lane of values in place (stable: equal values keep their order; NaNs last
 * in input order; -0.0 and +0.0 keep their input order). Values move as they are
 * stored, so NaN payloads and the sign of zero survive.
 */
export function sortLaneValues(dtype: DType, data: Elements, words: Uint32Array, off: number, stride: number, n: number): void {
  if (n < 2) return;
  const isFloat = dtype === 'float32' || dtype === 'float64';
  // The signs of the zeros in input order, when both occur (a stable sort keeps it).
  let zeroSigns: boolean[] | null = null;
  if (isFloat) {
    const d = data as Float64Array;
    let neg = false;
    let pos = false;
    for (let i = 0, p = off; i < n; i++, p += stride) {
      const v = d[p]!;
      if (v === 0) { if (Object.is(v, -0)) neg = true; else pos = true; }
    }
    if (neg && pos) {
      zeroSigns = [];
      for (let i = 0, p = off; i < n; i++, p += stride) { const v = d[p]!; if (v === 0) zeroSigns.push(Object.is(v, -0)); }
    }
  }
  if (n < RADIX_MIN) {
    // The engine's numeric sort (NaN last, -0 before +0) on a copy of the lane.
    const Ctor = (dtype === 'int64' ? BigInt64Array : dtype === 'uint64' ? BigUint64Array : data.constructor) as new (n: number) => Elements & { sort(): unknown };
    const t = new Ctor(n);
    if (dtype === 'int64' || dtype === 'uint64') {
      const tw = new Uint32Array((t as unknown as BigInt64Array).buffer);
      for (let i = 0, p = 2 * off; i < n; i++, p += 2 * stride) { tw[2 * i] = words[p]!; tw[2 * i + 1] = words[p + 1]!; }
      t.sort();
      for (let i = 0, p = 2 * off; i < n; i++, p += 2 * stride) { words[p] = tw[2 * i]!; words[p + 1] = tw[2 * i + 1]!; }
    } else {
      for (let i = 0, p = off; i < n; i++, p += stride) t[i] = data[p]!;
      t.sort();
      for (let i = 0, p = off; i < n; i++, p += stride) data[p] = t[i]!;
    }
  } else {
    sortValuesRadix(dtype, data, words, off, stride, n);
  }
  if (zeroSigns !== null) {
    const d = data as Float64Array;
    let z = 0;
    for (let i = 0, p = off; i < n && z < zeroSigns.length; i++, p += stride) if (d[p] === 0) d[p] = zeroSigns[z++] ? -0 : 0;
  }
}

/**
 * A long lane sorted by the raw keys of its values (a bijection: -0.0 below +0.0),
 * keys only, then turned back into values; NaNs are set aside first and appended
 * in input order, their bits untouched.
 */
function sortValuesRadix(dtype: DType, data: Elements, words: Uint32Array, off: number, stride: number, n: number): void {
  const bits = KEY_BITS[dtype];
  grow(n);
  const lo = scratchLo.subarray(0, n);
  const hi = bits === 64 ? scratchHi.subarray(0, n) : null;
  const nanWords: number[] = [];
  let m = 0;
  switch (dtype) {
    case 'float64':
      for (let i = 0, p = 2 * off; i < n; i++, p += 2 * stride) {
        const w0 = words[p]!;
        const w1 = words[p + 1]!;
        if ((w1 & 0x7ff00000) === 0x7ff00000 && ((w1 & 0xfffff) | w0) !== 0) { nanWords.push(w0, w1); continue; }
        if ((w1 & 0x80000000) !== 0) { hi![m] = ~w1 >>> 0; lo[m] = ~w0 >>> 0; } else { hi![m] = (w1 | 0x80000000) >>> 0; lo[m] = w0; }
        m++;
      }
      break;
    case 'float32':
      for (let i = 0, p = off; i < n; i++, p += stride) {
        const w = words[p]!;
        if ((w & 0x7f800000) === 0x7f800000 && (w & 0x7fffff) !== 0) { nanWords.push(w); continue; }
        lo[m++] = (w & 0x80000000) !== 0 ? ~w >>> 0 : (w | 0x80000000) >>> 0;
      }
      break;
    default:
      // Integer keys: laneKeys fills the same scratch words (grown to n above).
      laneKeys(dtype, data, words, off, stride, n);
      m = n;
  }
  radixKeys({ n: m, m, bits, hi, lo: lo.subarray(0, m), idx: scratchIdx }, true);
  switch (dtype) {
    case 'float64':
      for (let i = 0, p = 2 * off; i < m; i++, p += 2 * stride) {
        const h = hi![i]!;
        if ((h & 0x80000000) !== 0) { words[p + 1] = (h & 0x7fffffff) >>> 0; words[p] = lo[i]!; } else { words[p + 1] = ~h >>> 0; words[p] = ~lo[i]! >>> 0; }
      }
      for (let j = 0, p = 2 * (off + m * stride); j < nanWords.length; j += 2, p += 2 * stride) { words[p] = nanWords[j]!; words[p + 1] = nanWords[j + 1]!; }
      break;
    case 'float32':
      for (let i = 0, p = off; i < m; i++, p += stride) {
        const k = lo[i]!;
        words[p] = (k & 0x80000000) !== 0 ? (k & 0x7fffffff) >>> 0 : ~k >>> 0;
      }
      for (let j = 0, p = off + m * stride; j < nanWords.length; j++, p += stride) words[p] = nanWords[j]!;
      break;
    case 'int64': case 'uint64': {
      const flip = dtype === 'int64' ? 0x80000000 : 0;
      for (let i = 0, p = 2 * off; i < n; i++, p += 2 * stride) { words[p] = lo[i]!; words[p + 1] = (hi![i]! ^ flip) >>> 0; }
      break;
    }
    default: {
      const bias = dtype === 'int8' ? 128 : dtype === 'int16' ? 32768 : 0;
      const d = data as Int32Array;
      if (dtype === 'int32') for (let i = 0, p = off; i < n; i++, p += stride) d[p] = lo[i]! ^ 0x80000000;
      else for (let i = 0, p = off; i < n; i++, p += stride) d[p] = lo[i]! - bias;
    }
  }
}

let tmp64 = new Float64Array(0);
/** lane[i] = lane_before[idx[i]] for i < n (the lane is read fully before it is written). */
export function writeByIdx(dtype: DType, data: Elements, words: Uint32Array, off: number, stride: number, idx: Uint32Array, n: number): void {
  if (dtype === 'int64' || dtype === 'uint64' || dtype === 'float64') {
    // Move 64-bit values as two words (no BigInt boxing): copy the lane first.
    if (tmp64.length < n) tmp64 = new Float64Array(Math.max(n, 2 * tmp64.length));
    const t = new Uint32Array(tmp64.buffer, 0, 2 * n);
    for (let i = 0, p = 2 * off; i < n; i++, p += 2 * stride) { t[2 * i] = words[p]!; t[2 * i + 1] = words[p + 1]!; }
    for (let i = 0, p = 2 * off; i < n; i++, p += 2 * stride) {
      const s = 2 * idx[i]!;
      words[p] = t[s]!; words[p + 1] = t[s + 1]!;
    }
    return;
  }
  if (tmp64.length < n) tmp64 = new Float64Array(Math.max(n, 2 * tmp64.length));
  if (dtype === 'float32') {
    // Move float32 as words: a NaN read into a double and stored back could lose payload bits.
    const tw = new Uint32Array(tmp64.buffer, 0, n);
    for (let i = 0, p = off; i < n; i++, p += stride) tw[i] = words[p]!;
    for (let i = 0, p = off; i < n; i++, p += stride) words[p] = tw[idx[i]!]!;
    return;
  }
  const t = tmp64;
  const d = data as Float64Array;
  for (let i = 0, p = off; i < n; i++, p += stride) t[i] = d[p]!;
  for (let i = 0, p = off; i < n; i++, p += stride) d[p] = t[idx[i]!]!;
}

/** Writes lane positions idx[0..n) as int64 into an int64 lane (given by its word view). */
export function writeIndices(words: Uint32Array, off: number, stride: number, idx: Uint32Array, n: number): void {
  for (let i = 0, p = 2 * off; i < n; i++, p += 2 * stride) { words[p] = idx[i]!; words[p + 1] = 0; }
}

/** Copies lane values to another lane of the same dtype through their word/element views. */
export function gatherLane(dtype: DType, src: Elements, srcWords: Uint32Array, soff: number, sstride: number,
  dst: Elements, dstWords: Uint32Array, doff: number, dstride: number, idx: Uint32Array, n: number): void {
  if (dtype === 'int64' || dtype === 'uint64' || dtype === 'float64') {
    for (let i = 0, p = 2 * doff; i < n; i++, p += 2 * dstride) {
      const s = 2 * (soff + idx[i]! * sstride);
      dstWords[p] = srcWords[s]!; dstWords[p + 1] = srcWords[s + 1]!;
    }
    return;
  }
  if (dtype === 'float32') {
    for (let i = 0, p = doff; i < n; i++, p += dstride) dstWords[p] = srcWords[soff + idx[i]! * sstride]!;
    return;
  }
  const s = src as Float64Array; const d = dst as Float64Array;
  for (let i = 0, p = doff; i < n; i++, p += dstride) d[p] = s[soff + idx[i]! * sstride]!;
}

// ---- lanes of an n-d view ---------------------------------------------------------------

/**
 * Calls fn(laneOffset, laneNumber) for every lane along `axis` of a view given in
 * element units, lanes in C order of the other axes.
 */
export function forEachLane(shape: readonly number[], strides: readonly number[], off: number, axis: number,
  fn: (laneOff: number, lane: number) => void): void {
  const outer: number[] = [];
  const ost: number[] = [];
  for (let d = 0; d < shape.length; d++) if (d !== axis) { outer.push(shape[d]!); ost.push(strides[d]!); }
  for (const d of outer) if (d === 0) return;
  const nd = outer.length;
  const idx = new Array<number>(nd).fill(0);
  let p = off;
  for (let lane = 0; ; lane++) {
    fn(p, lane);
    let ax = nd - 1;
    for (; ax >= 0; ax--) {
      p += ost[ax]!;
      if (++idx[ax]! < outer[ax]!) break;
      p -= ost[ax]! * outer[ax]!;
      idx[ax] = 0;
    }
    if (ax < 0) return;
  }
}

function elementsOf(dtype: DType, buffer: ArrayBufferLike): Elements {
  const size = KEY_BITS[dtype] === 64 ? 8 : KEY_BITS[dtype] / 8;
  switch (dtype) {
    case 'bool': case 'uint8': return new Uint8Array(buffer);
    case 'int8': return new Int8Array(buffer);
    case 'int16': return new Int16Array(buffer, 0, Math.floor(buffer.byteLength / size));
    case 'uint16': return new Uint16Array(buffer, 0, Math.floor(buffer.byteLength / size));
    case 'int32': return new Int32Array(buffer, 0, Math.floor(buffer.byteLength / size));
    case 'uint32': return new Uint32Array(buffer, 0, Math.floor(buffer.byteLength / size));
    case 'float32': return new Float32Array(buffer, 0, Math.floor(buffer.byteLength / size));
    case 'float64': return new Float64Array(buffer, 0, Math.floor(buffer.byteLength / size));
    default: return new Float64Array(buffer, 0, Math.floor(buffer.byteLength / size)); // int64/uint64 move as words
  }
}

/** A view in element units: dtype, buffer, shape, strides, offset. */
export interface LaneView {
  dtype: DType;
  buffer: ArrayBufferLike;
  shape: readonly number[];
  strides: readonly number[];
  off: number;
}

/** Sorts every lane along `axis` in place (stable). */
export function sortLanes(v: LaneView, axis: number): void {
  const n = v.shape[axis]!;
  const st = v.strides[axis]!;
  const data = elementsOf(v.dtype, v.buffer);
  const words = wordsOf(v.buffer);
  forEachLane(v.shape, v.strides, v.off, axis, (p) => sortLaneValues(v.dtype, data, words, p, st, n));
}

/** Writes, for every lane along `axis`, the stable sorting permutation as int64 into the same lane of `out`. */
export function argsortLanes(v: LaneView, axis: number, out: LaneView): void {
  const n = v.shape[axis]!;
  const st = v.strides[axis]!;
  const data = elementsOf(v.dtype, v.buffer);
  const words = wordsOf(v.buffer);
  const ow = wordsOf(out.buffer);
  const ost = out.strides[axis]!;
  const outOffs = laneOffsets(out, axis);
  forEachLane(v.shape, v.strides, v.off, axis, (p, lane) => {
    const k = laneKeys(v.dtype, data, words, p, st, n);
    sortKeys(k);
    writeIndices(ow, outOffs[lane]!, ost, k.idx, n);
  });
}

/** Partitions every lane in place around the (ascending, in-range) kth positions. */
export function partitionLanes(v: LaneView, axis: number, kths: readonly number[]): void {
  const n = v.shape[axis]!;
  const st = v.strides[axis]!;
  const data = elementsOf(v.dtype, v.buffer);
  const words = wordsOf(v.buffer);
  forEachLane(v.shape, v.strides, v.off, axis, (p) => {
    const k = laneKeys(v.dtype, data, words, p, st, n);
    partitionKeys(k, kths);
    writeByIdx(v.dtype, data, words, p, st, k.idx, n);
  });
}

/** Writes, for every lane, a permutation that partitions it around the kth positions, as int64. */
export function argpartitionLanes(v: LaneView, axis: number, kths: readonly number[], out: LaneView): void {
  const n = v.shape[axis]!;
  const st = v.strides[axis]!;
  const data = elementsOf(v.dtype, v.buffer);
  const words = wordsOf(v.buffer);
  const ow = wordsOf(out.buffer);
  const ost = out.strides[axis]!;
  const outOffs = laneOffsets(out, axis);
  forEachLane(v.shape, v.strides, v.off, axis, (p, lane) => {
    const k = laneKeys(v.dtype, data, words, p, st, n);
    partitionKeys(k, kths);
    writeIndices(ow, outOffs[lane]!, ost, k.idx, n);
  });
}

/**
 * The order statistics at the kth positions of every lane (the lane is not
 * modified): out has the lanes' shape plus a last axis of kths.length entries.
 */
export function selectLanes(v: LaneView, axis: number, kths: readonly number[], out: LaneView): void {
  const n = v.shape[axis]!;
  const st = v.strides[axis]!;
  const data = elementsOf(v.dtype, v.buffer);
  const words = wordsOf(v.buffer);
  const odata = elementsOf(out.dtype, out.buffer);
  const ow = wordsOf(out.buffer);
  const last = out.shape.length - 1;
  const ost = out.strides[last]!;
  const outOffs = laneOffsets(out, last);
  const pick = new Uint32Array(kths.length);
  forEachLane(v.shape, v.strides, v.off, axis, (p, lane) => {
    const k = laneKeys(v.dtype, data, words, p, st, n);
    partitionKeys(k, kths);
    for (let j = 0; j < kths.length; j++) pick[j] = k.idx[kths[j]!]!;
    gatherLane(v.dtype, data, words, p, st, odata, ow, outOffs[lane]!, ost, pick, kths.length);
  });
}

/** Element offsets of every lane along `axis`, in C order of the other axes. */
function laneOffsets(v: LaneView, axis: number): number[] {
  const offs: number[] = [];
  forEachLane(v.shape, v.strides, v.off, axis, (p) => { offs.push(p); });
  return offs;
}
