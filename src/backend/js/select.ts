// The TypeScript selection kernels: gathers and scatters for integer-array
// indexing, boolean-mask selection, and nonzero. The same contract as the addon's
// (native/kernels/sort_gather.h). Items are moved as opaque units of their size
// (bytes, half-words, words, or two words for 8-byte items), so values travel
// bit-exact and int64 never becomes a BigInt on the hot paths.
//
// Everything here is in ELEMENT units: offsets and strides are byte values divided
// by the itemsize (numnode arrays are aligned to their itemsize).

/** Unsigned views of a whole buffer by unit size (1, 2, 4), cached per buffer. */
const unitCache = new WeakMap<ArrayBufferLike, (Uint8Array | Uint16Array | Uint32Array | undefined)[]>();
export function unitsOf(buffer: ArrayBufferLike, unit: 1 | 2 | 4): Uint8Array | Uint16Array | Uint32Array {
  let per = unitCache.get(buffer);
  if (per === undefined) { per = []; unitCache.set(buffer, per); }
  const len = Math.floor(buffer.byteLength / unit);
  let v = per[unit];
  if (v === undefined || v.length !== len) {
    v = unit === 1 ? new Uint8Array(buffer, 0, len) : unit === 2 ? new Uint16Array(buffer, 0, len) : new Uint32Array(buffer, 0, len);
    per[unit] = v;
  }
  return v;
}

/** Word access for int64 index arrays (an Int32Array over the buffer): [2p] the low word, [2p+1] the high word. */
export type WordPair = { readonly [i: number]: number };

/** Reads element `p` of an integer index array as a number (exact below 2**53; beyond, out of any bounds anyway). */
export type IndexReader = (p: number) => number;

/** A reader for an integer array of the given dtype over its buffer (element units). */
export function indexReader(dtype: string, buffer: ArrayBufferLike): IndexReader {
  switch (dtype) {
    case 'int8': { const d = new Int8Array(buffer); return (p) => d[p]!; }
    case 'uint8': case 'bool': { const d = unitsOf(buffer, 1); return (p) => d[p]!; }
    case 'int16': { const d = new Int16Array(buffer, 0, Math.floor(buffer.byteLength / 2)); return (p) => d[p]!; }
    case 'uint16': { const d = unitsOf(buffer, 2); return (p) => d[p]!; }
    case 'int32': { const d = new Int32Array(buffer, 0, Math.floor(buffer.byteLength / 4)); return (p) => d[p]!; }
    case 'uint32': { const d = unitsOf(buffer, 4); return (p) => d[p]!; }
    case 'int64': {
      const w = unitsOf(buffer, 4) as Uint32Array;
      const s = new Int32Array(w.buffer, 0, w.length);
      return (p) => s[2 * p + 1]! * 4294967296 + w[2 * p]!;
    }
    case 'uint64': {
      const w = unitsOf(buffer, 4) as Uint32Array;
      return (p) => w[2 * p + 1]! * 4294967296 + w[2 * p]!;
    }
    default: throw new Error(`indexReader: ${dtype} is not an integer dtype`);
  }
}

/** How an out-of-range index is treated: an error (negative ones count from the end), wrapped, or clipped. */
export type IndexMode = 'raise' | 'wrap' | 'clip';
export const MODE_CODE: Readonly<Record<IndexMode, number>> = { raise: 0, wrap: 1, clip: 2 };

/** One index operand of a gather/scatter: an integer array broadcast over the index space. */
export interface IndexOperand {
  read: IndexReader;
  /**
   * For an int64 operand: its words as int32 (`w[2p]` low, `w[2p+1]` high), so the
   * hot loop needs no function call for indices that fit 31 bits.
   */
  int64?: WordPair;
  /** Element offset of the index array's [0,...,0] and its element strides over the index space. */
  off: number;
  strides: readonly number[];
  /** Length of the source axis it indexes, and that axis's element stride in the source. */
  len: number;
  axisStride: number;
}

/** Where the first bad index was: operand number and its C-order position in the index space. */
export interface BadIndex { operand: number; position: number }

/** The normalised index, or null when out of bounds (mode 'raise'). */
function normalise(v: number, len: number, mode: number): number | null {
  if (mode === 0) {
    if (v < 0) v += len;
    return v >= 0 && v < len ? v : null;
  }
  if (len === 0) return null;
  if (mode === 1) { v %= len; return v < 0 ? v + len : v; }
  return v < 0 ? 0 : v >= len ? len - 1 : v;
}

/** An offset walked over the index space: element offset of [0,...,0] and element strides. */
interface Track { off: number; strides: readonly number[] }

/** Calls fn(position, offsets) over `shape` in C order, one offset per track; fn returns false to stop. */
function walk(shape: readonly number[], tracks: readonly Track[], fn: (pos: number, offs: number[]) => boolean): void {
  const nd = shape.length;
  for (const d of shape) if (d === 0) return;
  const nt = tracks.length;
  const offs = tracks.map((t) => t.off);
  const idx = new Array<number>(nd).fill(0);
  for (let pos = 0; ; pos++) {
    if (!fn(pos, offs)) return;
    let ax = nd - 1;
    for (; ax >= 0; ax--) {
      for (let k = 0; k < nt; k++) offs[k] += tracks[k]!.strides[ax]!;
      if (++idx[ax]! < shape[ax]!) break;
      for (let k = 0; k < nt; k++) offs[k] -= tracks[k]!.strides[ax]! * shape[ax]!;
      idx[ax] = 0;
    }
    if (ax < 0) return;
  }
}

/**
 * Checks every index (no data moves). Returns the bad index NumPy reports: the
 * first operand holding one, at its first bad position in C order (NumPy checks
 * the index arrays one after the other); null when all are in range.
 */
export function checkIndices(idxShape: readonly number[], ops: readonly IndexOperand[], mode: number): BadIndex | null {
  if (idxShape.includes(0)) return null;
  if (mode !== 0) {
    // wrap and clip only fail on an empty axis
    for (let k = 0; k < ops.length; k++) if (ops[k]!.len === 0) return { operand: k, position: 0 };
    return null;
  }
  for (let k = 0; k < ops.length; k++) {
    const o = ops[k]!;
    let bad: BadIndex | null = null;
    walk(idxShape, [o], (pos, offs) => {
      if (normalise(o.read(offs[0]!), o.len, 0) === null) { bad = { operand: k, position: pos }; return false; }
      return true;
    });
    if (bad !== null) return bad;
  }
  return null;
}

type Units = Uint8Array | Uint16Array | Uint32Array;

/** A strided block copy by unit between two unit arrays (the sub-space of a gather/scatter). */
function copyBlock(su: Units, du: Units, pair: boolean, shape: readonly number[],
  src: number, sStrides: readonly number[], dst: number, dStrides: readonly number[]): void {
  const nd = shape.length;
  if (nd === 0) {
    if (pair) { du[2 * dst] = su[2 * src]!; du[2 * dst + 1] = su[2 * src + 1]!; } else du[dst] = su[src]!;
    return;
  }
  for (const d of shape) if (d === 0) return;
  const inner = shape[nd - 1]!;
  const si = sStrides[nd - 1]!;
  const di = dStrides[nd - 1]!;
  const idx = new Array<number>(nd - 1).fill(0);
  for (;;) {
    if (pair) {
      for (let k = 0, s = 2 * src, d = 2 * dst; k < inner; k++, s += 2 * si, d += 2 * di) { du[d] = su[s]!; du[d + 1] = su[s + 1]!; }
    } else {
      for (let k = 0, s = src, d = dst; k < inner; k++, s += si, d += di) du[d] = su[s]!;
    }
    let ax = nd - 2;
    for (; ax >= 0; ax--) {
      src += sStrides[ax]!; dst += dStrides[ax]!;
      if (++idx[ax]! < shape[ax]!) break;
      src -= sStrides[ax]! * shape[ax]!; dst -= dStrides[ax]! * shape[ax]!;
      idx[ax] = 0;
    }
    if (ax < 0) return;
  }
}

/** The other side of a gather/scatter: element offset, strides over the index space, then over the sub-space. */
export interface Block {
  off: number;
  idxStrides: readonly number[];
  subStrides: readonly number[];
}

function unitOf(itemsize: number): { unit: 1 | 2 | 4; pair: boolean } {
  return itemsize === 8 ? { unit: 4, pair: true } : { unit: itemsize as 1 | 2 | 4, pair: false };
}

/**
 * The gather of integer-array indexing:
 *   out[i..., j...] = src[base + Σ_k idx_k[i...]·axisStride_k + Σ j·srcSub]
 * for every position i of the index space and j of the sub-space. Returns the first
 * bad index in C order (mode 'raise'), having possibly written part of `out`; null on
 * success. `out` must not share memory with the source or the index arrays.
 */
export function gather(itemsize: number, srcBuf: ArrayBufferLike, base: number, subShape: readonly number[], srcSub: readonly number[],
  idxShape: readonly number[], ops: readonly IndexOperand[], mode: number, outBuf: ArrayBufferLike, out: Block): BadIndex | null {
  const { unit, pair } = unitOf(itemsize);
  const su = unitsOf(srcBuf, unit);
  const du = unitsOf(outBuf, unit);
  if (ops.length === 1 && subShape.every((d) => d === 1) && idxShape.length === 1) {
    // The common case (take, a[idx]): one operand, one item per index, a 1-D index space.
    const o = ops[0]!;
    const n = idxShape[0]!;
    const is = o.strides[0]!;
    const ds = out.idxStrides[0]!;
    const len = o.len;
    const as = o.axisStride;
    if (o.int64 !== undefined && mode === 0) {
      // int64 indices read as two words (no BigInt), the common case of take / a[idx].
      const w = o.int64;
      for (let i = 0, p = 2 * o.off, q = out.off; i < n; i++, p += 2 * is, q += ds) {
        const h = w[p + 1]!;
        let v = w[p]!;
        if (h === 0 && v >= 0 && v < len) { /* in range */ } else if (h === -1 && v < 0 && v >= -len) v += len;
        else {
          const x = normalise(o.read(p >> 1), len, 0);
          if (x === null) return { operand: 0, position: i };
          v = x;
        }
        const s = base + v * as;
        if (pair) { du[2 * q] = su[2 * s]!; du[2 * q + 1] = su[2 * s + 1]!; } else du[q] = su[s]!;
      }
      return null;
    }
    for (let i = 0, p = o.off, q = out.off; i < n; i++, p += is, q += ds) {
      let v = o.read(p);
      if (mode === 0 && v >= 0 && v < len) { /* in range */ } else {
        const w = normalise(v, len, mode);
        if (w === null) return { operand: 0, position: i };
        v = w;
      }
      const s = base + v * as;
      if (pair) { du[2 * q] = su[2 * s]!; du[2 * q + 1] = su[2 * s + 1]!; } else du[q] = su[s]!;
    }
    return null;
  }
  let bad: BadIndex | null = null;
  const nops = ops.length;
  walk(idxShape, [...ops, { off: out.off, strides: out.idxStrides }], (pos, offs) => {
    let s = base;
    for (let k = 0; k < nops; k++) {
      const o = ops[k]!;
      const v = normalise(o.read(offs[k]!), o.len, mode);
      if (v === null) { bad = { operand: k, position: pos }; return false; }
      s += v * o.axisStride;
    }
    copyBlock(su, du, pair, subShape, s, srcSub, offs[nops]!, out.subStrides);
    return true;
  });
  return bad;
}

/**
 * The scatter of integer-array assignment:
 *   dst[base + Σ_k idx_k[i...]·axisStride_k + Σ j·dstSub] = value[i..., j...]
 * in C order of the index space, so a repeated index keeps the last value (NumPy's
 * result). Every index is checked before anything is written: on a bad index the
 * destination is unchanged and the bad index is returned. `value` must not share
 * memory with the destination (the caller copies it first when it does).
 */
export function scatter(itemsize: number, dstBuf: ArrayBufferLike, base: number, subShape: readonly number[], dstSub: readonly number[],
  idxShape: readonly number[], ops: readonly IndexOperand[], mode: number, valBuf: ArrayBufferLike, val: Block): BadIndex | null {
  const bad = checkIndices(idxShape, ops, mode);
  if (bad !== null) return bad;
  const { unit, pair } = unitOf(itemsize);
  const du = unitsOf(dstBuf, unit);
  const vu = unitsOf(valBuf, unit);
  const nops = ops.length;
  walk(idxShape, [...ops, { off: val.off, strides: val.idxStrides }], (_pos, offs) => {
    let d = base;
    for (let k = 0; k < nops; k++) {
      const o = ops[k]!;
      d += normalise(o.read(offs[k]!), o.len, mode)! * o.axisStride;
    }
    copyBlock(vu, du, pair, subShape, offs[nops]!, val.subStrides, d, dstSub);
    return true;
  });
  return null;
}

// ---- boolean masks and nonzero -------------------------------------------------------

/** Whether element p of an array is nonzero, for any dtype (NaN is nonzero, -0.0 is zero). */
export function truthReader(dtype: string, buffer: ArrayBufferLike): (p: number) => boolean {
  switch (dtype) {
    case 'float32': { const d = new Float32Array(buffer, 0, Math.floor(buffer.byteLength / 4)); return (p) => d[p] !== 0; }
    case 'float64': { const d = new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8)); return (p) => d[p] !== 0; }
    case 'int64': case 'uint64': { const w = unitsOf(buffer, 4); return (p) => (w[2 * p]! | w[2 * p + 1]!) !== 0; }
    default: {
      const size = dtype === 'int16' || dtype === 'uint16' ? 2 : dtype === 'int32' || dtype === 'uint32' ? 4 : 1;
      const d = unitsOf(buffer, size as 1 | 2 | 4);
      return (p) => d[p] !== 0;
    }
  }
}

/**
 * The constant element step when a view's elements in C order are equally spaced
 * (one run: contiguous, reversed or evenly strided), else null.
 */
export function runStep(shape: readonly number[], strides: readonly number[]): number | null {
  let step: number | null = null;
  let span = 0;
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d]!;
    if (n === 1) continue;
    if (step === null) { step = strides[d]!; span = step * n; continue; }
    if (strides[d] !== span) return null;
    span *= n;
  }
  return step ?? 1;
}

/** The number of nonzero elements of a strided view (element units). */
export function countNonzero(truth: (p: number) => boolean, shape: readonly number[], strides: readonly number[], off: number): number {
  let c = 0;
  const step = runStep(shape, strides);
  if (step !== null) {
    let n = 1;
    for (const d of shape) n *= d;
    for (let i = 0, p = off; i < n; i++, p += step) if (truth(p)) c++;
    return c;
  }
  walk(shape, [{ off, strides }], (_pos, offs) => { if (truth(offs[0]!)) c++; return true; });
  return c;
}

/**
 * Writes the C-order coordinates of every nonzero element as int64 rows of `ndim`
 * entries into `out` (word view, contiguous from word `outWord`): np.argwhere's layout.
 */
export function nonzeroCoords(truth: (p: number) => boolean, shape: readonly number[], strides: readonly number[], off: number,
  outWords: Uint32Array, outWord: number): void {
  const nd = shape.length;
  let o = outWord;
  const idx = new Array<number>(nd).fill(0);
  walk(shape, [{ off, strides }], (pos, offs) => {
    if (truth(offs[0]!)) {
      let rest = pos;
      for (let ax = nd - 1; ax >= 0; ax--) { idx[ax] = rest % shape[ax]!; rest = Math.floor(rest / shape[ax]!); }
      for (let ax = 0; ax < nd; ax++) { outWords[o++] = idx[ax]!; outWords[o++] = 0; }
    }
    return true;
  });
}

/**
 * out[k] = src[the k-th element (C order) where mask is true] for a mask of the
 * source's shape; `out` is contiguous from element `outOff`. Returns the count.
 */
export function maskGather(itemsize: number, shape: readonly number[], srcBuf: ArrayBufferLike, srcStrides: readonly number[], srcOff: number,
  maskTruth: (p: number) => boolean, maskStrides: readonly number[], maskOff: number, outBuf: ArrayBufferLike, outOff: number): number {
  const { unit, pair } = unitOf(itemsize);
  const su = unitsOf(srcBuf, unit);
  const du = unitsOf(outBuf, unit);
  let o = outOff;
  const ss = runStep(shape, srcStrides);
  const ms = runStep(shape, maskStrides);
  if (ss !== null && ms !== null) {
    // Both are single runs: one flat loop (the common a[mask] on contiguous arrays).
    let n = 1;
    for (const d of shape) n *= d;
    for (let i = 0, p = srcOff, q = maskOff; i < n; i++, p += ss, q += ms) {
      if (maskTruth(q)) {
        if (pair) { du[2 * o] = su[2 * p]!; du[2 * o + 1] = su[2 * p + 1]!; } else du[o] = su[p]!;
        o++;
      }
    }
    return o - outOff;
  }
  walk(shape, [{ off: srcOff, strides: srcStrides }, { off: maskOff, strides: maskStrides }], (_pos, offs) => {
    if (maskTruth(offs[1]!)) {
      const s = offs[0]!;
      if (pair) { du[2 * o] = su[2 * s]!; du[2 * o + 1] = su[2 * s + 1]!; } else du[o] = su[s]!;
      o++;
    }
    return true;
  });
  return o - outOff;
}

/**
 * dst[the k-th element where mask is true] = value[k · valStride] (valStride 0
 * broadcasts one value). The caller has checked the count and that value does not
 * share memory with dst.
 */
export function maskScatter(itemsize: number, shape: readonly number[], dstBuf: ArrayBufferLike, dstStrides: readonly number[], dstOff: number,
  maskTruth: (p: number) => boolean, maskStrides: readonly number[], maskOff: number, valBuf: ArrayBufferLike, valOff: number, valStride: number): void {
  const { unit, pair } = unitOf(itemsize);
  const du = unitsOf(dstBuf, unit);
  const vu = unitsOf(valBuf, unit);
  let v = valOff;
  walk(shape, [{ off: dstOff, strides: dstStrides }, { off: maskOff, strides: maskStrides }], (_pos, offs) => {
    if (maskTruth(offs[1]!)) {
      const d = offs[0]!;
      if (pair) { du[2 * d] = vu[2 * v]!; du[2 * d + 1] = vu[2 * v + 1]!; } else du[d] = vu[v]!;
      v += valStride;
    }
    return true;
  });
}
