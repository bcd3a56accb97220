// The TypeScript reduction and scan kernels: the same contract as the addon's
// reduce() and scan() (native/binding/js_reduce.cc, native/kernels/reduce.h), with
// element strides and offsets into typed arrays instead of bytes.
//
// Floating-point sums follow the very tree the native kernels build (reduce.h):
// the sequence of an output is its reduced axes in C order; leaves of 128
// elements; element i of a leaf into lane i % 16; lanes combined by halving;
// leaves combined by a binary counter. JavaScript numbers are IEEE doubles and
// Math.fround rounds exactly as a float32 operation does (the double result of
// one +, - or * of two float32 values rounds to the float32 result), so the
// same tree gives the same bits as the C++ kernels, on any number of threads.
import type { DType } from '../../core/dtype';
import { KIND } from '../../core/dtype';
import { REDUCE_CODE, REDUCE_LANES, REDUCE_LEAF, SCAN_CODE } from '../../ops/reduce-ops';

/** A typed array as the kernels see it (numbers, or bigints for int64/uint64). */
export type Elems = { [i: number]: number | bigint; length: number };
type Nums = { [i: number]: number; length: number };
type Bigs = { [i: number]: bigint; length: number };

export interface ReduceCall {
  op: number;
  din: DType;
  dout: DType;
  /** Kept axes first, then `nred` reduced axes (their order is the sequence order). */
  shape: readonly number[];
  nred: number;
  x: Elems;
  xStrides: readonly number[];
  xOffset: number;
  /** Strides of the kept axes. */
  out: Elems;
  outStrides: readonly number[];
  outOffset: number;
  /** float64 center per output (sumsqdev), else null. */
  aux: Float64Array | null;
  auxStrides: readonly number[];
  auxOffset: number;
  /** Float results are divided by it (1: unchanged). */
  divisor: number;
  /** 1: square root after the division. */
  post: number;
}

const OP = REDUCE_CODE;

// ---- sequences ----------------------------------------------------------------------

/** The reduced axes with length-1 axes dropped and C-order neighbours merged. */
interface Seq {
  shape: number[];
  strides: number[];
  n: number;
}

function simplifySeq(shape: readonly number[], strides: readonly number[]): Seq {
  const s: number[] = [];
  const st: number[] = [];
  let n = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    n *= d;
    if (d === 1) continue;
    const k = s.length - 1;
    if (k >= 0 && st[k] === strides[i]! * d) {
      s[k] = s[k]! * d;
      st[k] = strides[i]!;
    } else {
      s.push(d);
      st.push(strides[i]!);
    }
  }
  if (s.length === 0) {
    s.push(1);
    st.push(1);
  }
  return { shape: s, strides: st, n };
}

/**
 * Copies positions [start, start + m) of the sequence based at `base` into
 * `dst` (a typed array of the input's own type), so that every kernel below can
 * work on one strided run.
 */
function gather(x: Elems, base: number, q: Seq, start: number, m: number, dst: Elems): void {
  const nd = q.shape.length;
  const idx = new Array<number>(nd);
  let off = base;
  let rest = start;
  for (let i = nd - 1; i >= 0; i--) {
    idx[i] = rest % q.shape[i]!;
    rest = Math.floor(rest / q.shape[i]!);
    off += idx[i]! * q.strides[i]!;
  }
  for (let j = 0; j < m; j++) {
    dst[j] = x[off]!;
    for (let i = nd - 1; i >= 0; i--) {
      off += q.strides[i]!;
      if (++idx[i]! < q.shape[i]!) break;
      off -= q.strides[i]! * q.shape[i]!;
      idx[i] = 0;
    }
  }
}

/**
 * Visits every output: fn(x offset, out offset, aux offset), over the first nk
 * kept axes in C order (all of them by default).
 */
function forEachOutput(c: ReduceCall, fn: (xo: number, oo: number, ao: number) => void, nk = c.shape.length - c.nred): void {
  for (let i = 0; i < nk; i++) if (c.shape[i] === 0) return;
  const idx = new Array<number>(nk).fill(0);
  let xo = c.xOffset;
  let oo = c.outOffset;
  let ao = c.auxOffset;
  for (;;) {
    fn(xo, oo, ao);
    let ax = nk - 1;
    for (; ax >= 0; ax--) {
      xo += c.xStrides[ax]!;
      oo += c.outStrides[ax]!;
      if (c.aux !== null) ao += c.auxStrides[ax]!;
      if (++idx[ax]! < c.shape[ax]!) break;
      xo -= c.xStrides[ax]! * c.shape[ax]!;
      oo -= c.outStrides[ax]! * c.shape[ax]!;
      if (c.aux !== null) ao -= c.auxStrides[ax]! * c.shape[ax]!;
      idx[ax] = 0;
    }
    if (ax < 0) return;
  }
}

/** A reader giving element q of x as a number (bool: 0/1; int64: rounded to nearest). */
function numberReader(x: Elems, din: DType): (q: number) => number {
  if (din === 'bool') return (q) => ((x as Nums)[q] !== 0 ? 1 : 0);
  if (din === 'int64' || din === 'uint64') return (q) => Number((x as Bigs)[q]!);
  return (q) => (x as Nums)[q]!;
}

// ---- the pairwise tree (floating-point sum, nansum, sumsqdev, prod) ------------------

const K_SUM = 0;
const K_NANSUM = 1;
const K_SQDEV = 2;
const K_PROD = 3;

/**
 * One leaf of up to 128 contiguous-in-sequence plain float values (already
 * transformed), element i in lane i % 16, lanes combined by halving.
 * `prod32`: products rounded to float32 after every operation.
 */
function leafOfValues(v: Float64Array, m: number, prod: boolean, prod32: boolean, lanes: Float64Array): number {
  lanes.fill(prod ? 1 : 0);
  if (!prod) {
    for (let i = 0; i < m; i++) lanes[i & 15]! += v[i]!;
  } else if (prod32) {
    for (let i = 0; i < m; i++) lanes[i & 15] = Math.fround(lanes[i & 15]! * v[i]!);
  } else {
    for (let i = 0; i < m; i++) lanes[i & 15]! *= v[i]!;
  }
  let valid = Math.min(m, REDUCE_LANES);
  for (let w = REDUCE_LANES / 2; w >= 1; w >>= 1) {
    for (let k = 0; k < w && k + w < valid; k++) {
      const r = prod ? lanes[k]! * lanes[k + w]! : lanes[k]! + lanes[k + w]!;
      lanes[k] = prod32 ? Math.fround(r) : r;
    }
    valid = Math.min(valid, w);
  }
  return lanes[0]!;
}

/**
 * The sum of one full-width leaf read straight from a number array: the hot path
 * of sum/mean. Sixteen locals are the sixteen lanes.
 */
function leafSumDirect(d: Nums, p: number, s: number, m: number): number {
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
  let l8 = 0, l9 = 0, l10 = 0, l11 = 0, l12 = 0, l13 = 0, l14 = 0, l15 = 0;
  let i = 0;
  let q = p;
  if (s === 1) {
    for (; i + 16 <= m; i += 16, q += 16) {
      l0 += d[q]!; l1 += d[q + 1]!; l2 += d[q + 2]!; l3 += d[q + 3]!;
      l4 += d[q + 4]!; l5 += d[q + 5]!; l6 += d[q + 6]!; l7 += d[q + 7]!;
      l8 += d[q + 8]!; l9 += d[q + 9]!; l10 += d[q + 10]!; l11 += d[q + 11]!;
      l12 += d[q + 12]!; l13 += d[q + 13]!; l14 += d[q + 14]!; l15 += d[q + 15]!;
    }
  } else {
    for (; i + 16 <= m; i += 16, q += 16 * s) {
      l0 += d[q]!; l1 += d[q + s]!; l2 += d[q + 2 * s]!; l3 += d[q + 3 * s]!;
      l4 += d[q + 4 * s]!; l5 += d[q + 5 * s]!; l6 += d[q + 6 * s]!; l7 += d[q + 7 * s]!;
      l8 += d[q + 8 * s]!; l9 += d[q + 9 * s]!; l10 += d[q + 10 * s]!; l11 += d[q + 11 * s]!;
      l12 += d[q + 12 * s]!; l13 += d[q + 13 * s]!; l14 += d[q + 14 * s]!; l15 += d[q + 15 * s]!;
    }
  }
  const r = m - i; // 0..15 left over: lanes 0..r-1
  if (r > 0) {
    l0 += d[q]!;
    if (r > 1) l1 += d[q + s]!;
    if (r > 2) l2 += d[q + 2 * s]!;
    if (r > 3) l3 += d[q + 3 * s]!;
    if (r > 4) l4 += d[q + 4 * s]!;
    if (r > 5) l5 += d[q + 5 * s]!;
    if (r > 6) l6 += d[q + 6 * s]!;
    if (r > 7) l7 += d[q + 7 * s]!;
    if (r > 8) l8 += d[q + 8 * s]!;
    if (r > 9) l9 += d[q + 9 * s]!;
    if (r > 10) l10 += d[q + 10 * s]!;
    if (r > 11) l11 += d[q + 11 * s]!;
    if (r > 12) l12 += d[q + 12 * s]!;
    if (r > 13) l13 += d[q + 13 * s]!;
    if (r > 14) l14 += d[q + 14 * s]!;
  }
  l0 += l8; l1 += l9; l2 += l10; l3 += l11; l4 += l12; l5 += l13; l6 += l14; l7 += l15;
  l0 += l4; l1 += l5; l2 += l6; l3 += l7;
  l0 += l2; l1 += l3;
  return l0 + l1;
}

/** leafSumDirect for sumsqdev: the lanes add (x - c)^2 (var and std). */
function leafSqDevDirect(d: Nums, p: number, s: number, m: number, c: number): number {
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
  let l8 = 0, l9 = 0, l10 = 0, l11 = 0, l12 = 0, l13 = 0, l14 = 0, l15 = 0;
  let i = 0;
  let q = p;
  let t = 0;
  for (; i + 16 <= m; i += 16, q += 16 * s) {
    t = d[q]! - c; l0 += t * t; t = d[q + s]! - c; l1 += t * t;
    t = d[q + 2 * s]! - c; l2 += t * t; t = d[q + 3 * s]! - c; l3 += t * t;
    t = d[q + 4 * s]! - c; l4 += t * t; t = d[q + 5 * s]! - c; l5 += t * t;
    t = d[q + 6 * s]! - c; l6 += t * t; t = d[q + 7 * s]! - c; l7 += t * t;
    t = d[q + 8 * s]! - c; l8 += t * t; t = d[q + 9 * s]! - c; l9 += t * t;
    t = d[q + 10 * s]! - c; l10 += t * t; t = d[q + 11 * s]! - c; l11 += t * t;
    t = d[q + 12 * s]! - c; l12 += t * t; t = d[q + 13 * s]! - c; l13 += t * t;
    t = d[q + 14 * s]! - c; l14 += t * t; t = d[q + 15 * s]! - c; l15 += t * t;
  }
  const r = m - i;
  if (r > 0) {
    const sq = (k: number) => {
      const u = d[q + k * s]! - c;
      return u * u;
    };
    l0 += sq(0);
    if (r > 1) l1 += sq(1);
    if (r > 2) l2 += sq(2);
    if (r > 3) l3 += sq(3);
    if (r > 4) l4 += sq(4);
    if (r > 5) l5 += sq(5);
    if (r > 6) l6 += sq(6);
    if (r > 7) l7 += sq(7);
    if (r > 8) l8 += sq(8);
    if (r > 9) l9 += sq(9);
    if (r > 10) l10 += sq(10);
    if (r > 11) l11 += sq(11);
    if (r > 12) l12 += sq(12);
    if (r > 13) l13 += sq(13);
    if (r > 14) l14 += sq(14);
  }
  l0 += l8; l1 += l9; l2 += l10; l3 += l11; l4 += l12; l5 += l13; l6 += l14; l7 += l15;
  l0 += l4; l1 += l5; l2 += l6; l3 += l7;
  l0 += l2; l1 += l3;
  return l0 + l1;
}

/** The binary counter over leaf partials (reduce.h): older + newer on merge, folded from the top. */
class Counter {
  readonly st = new Float64Array(64);
  top = 0;
  count = 0;
  prod = false;
  prod32 = false;
  reset(prod: boolean, prod32: boolean): void {
    this.top = 0;
    this.count = 0;
    this.prod = prod;
    this.prod32 = prod32;
  }
  private comb(a: number, b: number): number {
    if (!this.prod) return a + b;
    return this.prod32 ? Math.fround(a * b) : a * b;
  }
  push(v: number): void {
    let c = this.count;
    while (c % 2 === 1) {
      v = this.comb(this.st[--this.top]!, v);
      c = (c - 1) / 2;
    }
    this.st[this.top++] = v;
    this.count++;
  }
  fold(): number {
    if (this.top === 0) return this.prod ? 1 : 0;
    let r = this.st[this.top - 1]!;
    for (let i = this.top - 2; i >= 0; i--) r = this.comb(this.st[i]!, r);
    return r;
  }
}

// Scratch reused by every call (the kernels never re-enter): a new typed array
// per call would cost more than a small reduction.
const VALS = new Float64Array(REDUCE_LEAF);
const LANES = new Float64Array(REDUCE_LANES);
const COUNTER = new Counter();

// The column kernel's tile: as native/kernels/reduce_pairwise.cc, W columns of
// one row at a time into their lanes, so that memory is read row by row.
const TILE = 128;
const COL_LANES = new Float64Array(REDUCE_LANES * TILE);
const COL_STACK = new Float64Array(64 * TILE);
const COL_CENTERS = new Float64Array(TILE);

/**
 * One reduced axis (stride rs) over a contiguous kept axis (the last one, length
 * L): the sum of axis=0 of a C-ordered matrix. Each column's tree is the one a
 * walk down that column builds (same lanes, leaves and counter), so the bits are
 * those of the sequence kernel; only the order of memory reads changes.
 */
function pairwiseColumns(c: ReduceCall, kind: number, rs: number, n: number): void {
  const nk = c.shape.length - c.nred;
  const L = c.shape[nk - 1]!;
  const os = c.outStrides[nk - 1]!;
  const as = c.aux !== null ? c.auxStrides[nk - 1]! : 0;
  const prod = kind === K_PROD;
  const prod32 = prod && c.din === 'float32' && c.dout === 'float32';
  const id = prod ? 1 : 0;
  const get = numberReader(c.x, c.din);
  const x = c.x as Nums;
  const direct = KIND[c.din] !== 'b' && c.din !== 'int64' && c.din !== 'uint64';
  const comb = prod ? (prod32 ? (a: number, b: number) => Math.fround(a * b) : (a: number, b: number) => a * b) : (a: number, b: number) => a + b;
  const lanes = COL_LANES;
  const st = COL_STACK;
  const centers = COL_CENTERS;
  const out = c.out as Nums;
  // Every combination of the other kept axes, then tiles of the last one.
  forEachOutput(c, (xo0, oo0, ao0) => {
    for (let c0 = 0; c0 < L; c0 += TILE) {
      const w = Math.min(TILE, L - c0);
      const xo = xo0 + c0;
      for (let k = 0; k < w; k++) centers[k] = c.aux !== null ? c.aux[ao0 + (c0 + k) * as]! : 0;
      let top = 0;
      let count = 0;
      for (let r0 = 0; r0 < n; r0 += REDUCE_LEAF) {
        const m = Math.min(REDUCE_LEAF, n - r0);
        const valid = Math.min(m, REDUCE_LANES);
        lanes.fill(id, 0, valid * TILE);
        for (let r = 0; r < m; r++) {
          const L0 = (r & 15) * TILE;
          const base = xo + (r0 + r) * rs;
          if (kind === K_SUM && direct) {
            for (let k = 0; k < w; k++) lanes[L0 + k]! += x[base + k]!;
          } else {
            for (let k = 0; k < w; k++) {
              let v = direct ? x[base + k]! : get(base + k);
              if (kind === K_NANSUM) v = v === v ? v : 0;
              else if (kind === K_SQDEV) {
                const t = v - centers[k]!;
                v = t * t;
              }
              lanes[L0 + k] = comb(lanes[L0 + k]!, v);
            }
          }
        }
        let vl = valid;
        for (let hw = REDUCE_LANES / 2; hw >= 1; hw >>= 1) {
          for (let j = 0; j < hw && j + hw < vl; j++) {
            const A = j * TILE;
            const B = (j + hw) * TILE;
            for (let k = 0; k < w; k++) lanes[A + k] = comb(lanes[A + k]!, lanes[B + k]!);
          }
          vl = Math.min(vl, hw);
        }
        // Push the w leaf sums (lanes[0..w)) on the column counter.
        let slot = top * TILE;
        for (let k = 0; k < w; k++) st[slot + k] = lanes[k]!;
        let cnt = count;
        while (cnt % 2 === 1) {
          const below = slot - TILE;
          for (let k = 0; k < w; k++) st[below + k] = comb(st[below + k]!, st[slot + k]!);
          slot = below;
          top--;
          cnt = (cnt - 1) / 2;
        }
        top++;
        count++;
      }
      for (let k = 0; k < w; k++) {
        let v = id;
        if (top > 0) {
          v = st[(top - 1) * TILE + k]!;
          for (let i = top - 2; i >= 0; i--) v = comb(st[i * TILE + k]!, v);
        }
        let r = v / c.divisor;
        if (c.post === 1) r = Math.sqrt(r);
        out[oo0 + (c0 + k) * os] = r;
      }
    }
  }, nk - 1);
}

function pairwise(c: ReduceCall, kind: number): void {
  const nk = c.shape.length - c.nred;
  const q = simplifySeq(c.shape.slice(nk), c.xStrides.slice(nk));
  const n = q.n;
  if (q.shape.length === 1 && q.strides[0] !== 1 && nk >= 1 && c.xStrides[nk - 1] === 1 && c.shape[nk - 1]! >= 8 && n > 0) {
    pairwiseColumns(c, kind, q.strides[0]!, n);
    return;
  }
  const prod = kind === K_PROD;
  const prod32 = prod && c.din === 'float32' && c.dout === 'float32';
  const direct = q.shape.length === 1 && KIND[c.din] !== 'b' && c.din !== 'int64' && c.din !== 'uint64';
  const s = q.strides[0]!;
  const get = numberReader(c.x, c.din);
  const vals = VALS;
  const lanes = LANES;
  const raw = q.shape.length === 1 ? null : new (c.x.constructor as new (n: number) => Elems)(REDUCE_LEAF);
  const rawGet = raw === null ? null : numberReader(raw, c.din);
  const ctr = COUNTER;
  const out = c.out as Nums;
  forEachOutput(c, (xo, oo, ao) => {
    const center = c.aux !== null ? c.aux[ao]! : 0;
    const leaf = (pos: number, m: number): number => {
      if (direct && m >= REDUCE_LANES) {
        if (kind === K_SUM) return leafSumDirect(c.x as Nums, xo + pos * s, s, m);
        if (kind === K_SQDEV) return leafSqDevDirect(c.x as Nums, xo + pos * s, s, m, center);
      }
      // Read the leaf's values (through a gather for multi-axis sequences), then transform.
      let rd: (j: number) => number;
      if (direct) {
        const d = c.x as Nums;
        const p = xo + pos * s;
        rd = (j) => d[p + j * s]!;
      } else if (q.shape.length === 1) {
        const p = xo + pos * s;
        rd = (j) => get(p + j * s);
      } else {
        gather(c.x, xo, q, pos, m, raw!);
        rd = rawGet!;
      }
      for (let j = 0; j < m; j++) {
        const v = rd(j);
        if (kind === K_NANSUM) vals[j] = v === v ? v : 0;
        else if (kind === K_SQDEV) {
          const t = v - center;
          vals[j] = t * t;
        } else vals[j] = v;
      }
      return leafOfValues(vals, m, prod, prod32, lanes);
    };
    let v: number;
    if (n <= REDUCE_LEAF) v = leaf(0, n);
    else {
      ctr.reset(prod, prod32);
      for (let pos = 0; pos < n; pos += REDUCE_LEAF) ctr.push(leaf(pos, Math.min(REDUCE_LEAF, n - pos)));
      v = ctr.fold();
    }
    let r = v / c.divisor;
    if (c.post === 1) r = Math.sqrt(r);
    out[oo] = r; // a Float32Array store rounds to nearest, as the C++ cast does
  });
}

// ---- the order-free reductions ------------------------------------------------------------

/** Running state of one output; run() takes a strided run of the input's own type. */
interface Exact {
  run(d: Elems, p: number, s: number, m: number, pos0: number): void;
  done(): boolean;
  store(out: Elems, o: number): void;
}

const TWO32 = 4294967296;
const FLUSH = 1 << 20; // elements summed in a double before it could lose an integer bit

/** Stores a 64-bit wrapped integer into an integer output of any width. */
function storeInt(out: Elems, o: number, v: bigint, dout: DType): void {
  if (dout === 'int64' || dout === 'uint64') (out as Bigs)[o] = v; // the typed array wraps to 64 bits
  else (out as Nums)[o] = Number(BigInt.asUintN(32, v)); // and this one to 8/16/32
}

class IntSum implements Exact {
  private big = 0n;
  constructor(private readonly din: DType, private readonly dout: DType) {}
  run(d: Elems, p: number, s: number, m: number): void {
    if (this.din === 'int64' || this.din === 'uint64') {
      // 64-bit values as two unsigned 32-bit halves, each summed exactly in doubles.
      const b = d as unknown as BigInt64Array;
      const u = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
      for (let i0 = 0; i0 < m; i0 += FLUSH) {
        const i1 = Math.min(m, i0 + FLUSH);
        let lo = 0;
        let hi = 0;
        for (let i = i0, q = 2 * (p + i0 * s); i < i1; i++, q += 2 * s) {
          lo += u[q]!;
          hi += u[q + 1]!;
        }
        this.big = BigInt.asUintN(64, this.big + BigInt(hi) * BigInt(TWO32) + BigInt(lo));
      }
      return;
    }
    const x = d as Nums;
    const bool = this.din === 'bool';
    for (let i0 = 0; i0 < m; i0 += FLUSH) {
      const i1 = Math.min(m, i0 + FLUSH);
      let acc = 0;
      if (bool) for (let i = i0, q = p + i0 * s; i < i1; i++, q += s) acc += x[q] !== 0 ? 1 : 0;
      else for (let i = i0, q = p + i0 * s; i < i1; i++, q += s) acc += x[q]!;
      this.big = BigInt.asUintN(64, this.big + BigInt(acc));
    }
  }
  done(): boolean { return false; }
  store(out: Elems, o: number): void { storeInt(out, o, this.big, this.dout); }
}

class IntProd implements Exact {
  private big = 1n;
  constructor(private readonly din: DType, private readonly dout: DType) {}
  run(d: Elems, p: number, s: number, m: number): void {
    const bool = this.din === 'bool';
    let acc = this.big;
    for (let i = 0, q = p; i < m; i++, q += s) {
      const v = d[q]!;
      const b = typeof v === 'bigint' ? v : BigInt(bool ? (v !== 0 ? 1 : 0) : v);
      acc = BigInt.asUintN(64, acc * b);
    }
    this.big = acc;
  }
  done(): boolean { return false; }
  store(out: Elems, o: number): void { storeInt(out, o, this.big, this.dout); }
}

/** min/max as Math.min/Math.max: NaN propagates, +0 > -0; skipNan: NaN ignored (NaN if nothing else). */
class FloatExtreme implements Exact {
  private m: number;
  private valid = false;
  private nan = false;
  constructor(private readonly isMax: boolean, private readonly skipNan: boolean) {
    this.m = isMax ? -Infinity : Infinity;
  }
  run(d: Elems, p: number, s: number, n: number): void {
    const x = d as Nums;
    let m = this.m;
    if (this.skipNan) {
      let valid = this.valid;
      for (let i = 0, q = p; i < n; i++, q += s) {
        const v = x[q]!;
        if (v === v) {
          valid = true;
          m = this.isMax ? Math.max(m, v) : Math.min(m, v);
        }
      }
      this.valid = valid;
    } else if (this.isMax) {
      for (let i = 0, q = p; i < n; i++, q += s) m = Math.max(m, x[q]!);
    } else {
      for (let i = 0, q = p; i < n; i++, q += s) m = Math.min(m, x[q]!);
    }
    if (m !== m) this.nan = true;
    this.m = m;
  }
  done(): boolean { return this.nan && !this.skipNan; }
  store(out: Elems, o: number): void {
    (out as Nums)[o] = this.skipNan && !this.valid ? NaN : this.m;
  }
}

class IntExtreme implements Exact {
  private m: number | bigint | null = null;
  constructor(private readonly isMax: boolean) {}
  run(d: Elems, p: number, s: number, n: number): void {
    let m = this.m;
    for (let i = 0, q = p; i < n; i++, q += s) {
      const v = d[q]!;
      if (m === null || (this.isMax ? v > m : v < m)) m = v;
    }
    this.m = m;
  }
  done(): boolean { return false; }
  store(out: Elems, o: number): void { out[o] = this.m!; }
}

class Flag implements Exact {
  private f: boolean;
  constructor(private readonly isAll: boolean) { this.f = isAll; }
  run(d: Elems, p: number, s: number, n: number): void {
    for (let i = 0, q = p; i < n; i++, q += s) {
      const v = d[q]!;
      const nz = typeof v === 'bigint' ? v !== 0n : v !== 0;
      if (nz !== this.isAll) {
        this.f = nz;
        return;
      }
    }
  }
  done(): boolean { return this.isAll ? !this.f : this.f; }
  store(out: Elems, o: number): void { (out as Nums)[o] = this.f ? 1 : 0; }
}

/** argmin/argmax: the first position of the extreme, or of the first NaN. */
class Arg implements Exact {
  private best: number | bigint = 0;
  private idx = 0;
  private have = false;
  private nanIdx = -1;
  constructor(private readonly isMax: boolean) {}
  run(d: Elems, p: number, s: number, n: number, pos0: number): void {
    if (n === 0) return;
    let i = 0;
    let q = p;
    if (!this.have) {
      this.best = d[q]!;
      this.idx = pos0;
      this.have = true;
    }
    let best = this.best;
    let idx = this.idx;
    // One loop per direction: the comparison is the whole cost of the loop.
    if (this.isMax) {
      for (; i < n; i++, q += s) {
        const v = d[q]!;
        if (v > best) {
          best = v;
          idx = pos0 + i;
        } else if (v !== v) break;
      }
    } else {
      for (; i < n; i++, q += s) {
        const v = d[q]!;
        if (v < best) {
          best = v;
          idx = pos0 + i;
        } else if (v !== v) break;
      }
    }
    if (i < n || best !== best) this.nanIdx = best !== best ? idx : pos0 + i;
    this.best = best;
    this.idx = idx;
  }
  done(): boolean { return this.nanIdx >= 0; }
  store(out: Elems, o: number): void { (out as Bigs)[o] = BigInt(this.nanIdx >= 0 ? this.nanIdx : this.idx); }
}

class Count implements Exact {
  private c = 0;
  run(d: Elems, p: number, s: number, n: number): void {
    const x = d as Nums;
    let c = 0;
    for (let i = 0, q = p; i < n; i++, q += s) if (x[q] === x[q]) c++;
    this.c += c;
  }
  done(): boolean { return false; }
  store(out: Elems, o: number): void { (out as Bigs)[o] = BigInt(this.c); }
}

function makeExact(op: number, din: DType, dout: DType): Exact {
  const float = KIND[din] === 'f';
  switch (op) {
    case OP.sum: return new IntSum(din, dout);
    case OP.prod: return new IntProd(din, dout);
    case OP.min: return float ? new FloatExtreme(false, false) : new IntExtreme(false);
    case OP.max: return float ? new FloatExtreme(true, false) : new IntExtreme(true);
    case OP.nanmin: return new FloatExtreme(false, true);
    case OP.nanmax: return new FloatExtreme(true, true);
    case OP.all: return new Flag(true);
    case OP.any: return new Flag(false);
    case OP.argmin: return new Arg(false);
    case OP.argmax: return new Arg(true);
    case OP.count: return new Count();
    default: throw new Error(`reduce: op ${op} is not an order-free reduction`);
  }
}

const GATHER_CHUNK = 4096;

function exact(c: ReduceCall): void {
  const nk = c.shape.length - c.nred;
  const q = simplifySeq(c.shape.slice(nk), c.xStrides.slice(nk));
  const n = q.n;
  const one = q.shape.length === 1;
  const buf = one ? null : new (c.x.constructor as new (n: number) => Elems)(Math.min(n, GATHER_CHUNK));
  forEachOutput(c, (xo, oo) => {
    const st = makeExact(c.op, c.din, c.dout);
    if (one) st.run(c.x, xo, q.strides[0]!, n, 0);
    else {
      for (let pos = 0; pos < n && !st.done(); pos += GATHER_CHUNK) {
        const m = Math.min(GATHER_CHUNK, n - pos);
        gather(c.x, xo, q, pos, m, buf!);
        st.run(buf!, 0, 1, m, pos);
      }
    }
    st.store(c.out, oo);
  });
}

/** reduce(): the TypeScript twin of the addon's reduce (same arguments, element units). */
export function reduceJs(c: ReduceCall): void {
  const float = KIND[c.dout] === 'f';
  switch (c.op) {
    case OP.sum: return float ? pairwise(c, K_SUM) : exact(c);
    case OP.prod: return float ? pairwise(c, K_PROD) : exact(c);
    case OP.nansum: return pairwise(c, K_NANSUM);
    case OP.sumsqdev: return pairwise(c, K_SQDEV);
    default: return exact(c);
  }
}

// ---- scans ----------------------------------------------------------------------------

export interface ScanCall {
  op: number;
  din: DType;
  dout: DType;
  /** x's shape; out's is the same but one shorter along the axis for diff. */
  shape: readonly number[];
  axis: number;
  x: Elems;
  xStrides: readonly number[];
  xOffset: number;
  out: Elems;
  outStrides: readonly number[];
  outOffset: number;
}

const BIG_LIMIT = 2 ** 52; // a running integer sum in a double is exact below this

function scanLine(c: ScanCall, xo: number, oo: number): void {
  const L = c.shape[c.axis]!;
  const sx = c.xStrides[c.axis]!;
  const so = c.outStrides[c.axis]!;
  const x = c.x;
  const out = c.out;
  if (c.op === SCAN_CODE.diff) {
    if (c.din === 'bool') {
      for (let i = 0; i + 1 < L; i++) (out as Nums)[oo + i * so] = x[xo + (i + 1) * sx] !== x[xo + i * sx] ? 1 : 0;
    } else if (c.din === 'int64' || c.din === 'uint64') {
      for (let i = 0; i + 1 < L; i++) (out as Bigs)[oo + i * so] = (x as Bigs)[xo + (i + 1) * sx]! - (x as Bigs)[xo + i * sx]!;
    } else {
      // Integers: the typed array store wraps; float32: it rounds the double difference.
      for (let i = 0; i + 1 < L; i++) (out as Nums)[oo + i * so] = (x as Nums)[xo + (i + 1) * sx]! - (x as Nums)[xo + i * sx]!;
    }
    return;
  }
  if (L === 0) return;
  const prod = c.op === SCAN_CODE.cumprod;
  const intAcc = KIND[c.din] !== 'f' && KIND[c.dout] !== 'f';
  if (intAcc) {
    const bigIn = c.din === 'int64' || c.din === 'uint64';
    const bool = c.din === 'bool';
    const bigOut = c.dout === 'int64' || c.dout === 'uint64';
    const val = (q: number): number | bigint => {
      const v = x[q]!;
      return bool ? ((v as number) !== 0 ? 1 : 0) : v;
    };
    if (!prod && !bigIn) {
      // Exact in a double until it could lose bits; then in a bigint.
      let acc = 0;
      let i = 0;
      for (; i < L; i++) {
        acc += val(xo + i * sx) as number;
        if (Math.abs(acc) >= BIG_LIMIT) break;
        if (bigOut) (out as Bigs)[oo + i * so] = BigInt(acc);
        else (out as Nums)[oo + i * so] = acc;
      }
      if (i < L) {
        let big = BigInt(acc);
        storeInt(out, oo + i * so, big, c.dout);
        for (i++; i < L; i++) {
          big = BigInt.asUintN(64, big + BigInt(val(xo + i * sx) as number));
          storeInt(out, oo + i * so, big, c.dout);
        }
      }
      return;
    }
    let big = BigInt(val(xo));
    storeInt(out, oo, BigInt.asUintN(64, big), c.dout);
    for (let i = 1; i < L; i++) {
      const v = val(xo + i * sx);
      const b = typeof v === 'bigint' ? v : BigInt(v);
      big = BigInt.asUintN(64, prod ? big * b : big + b);
      storeInt(out, oo + i * so, big, c.dout);
    }
    return;
  }
  const get = numberReader(x, c.din);
  const o = out as Nums;
  let acc = get(xo);
  o[oo] = acc;
  if (prod && c.din === 'float32' && c.dout === 'float32') {
    for (let i = 1; i < L; i++) {
      acc = Math.fround(acc * get(xo + i * sx));
      o[oo + i * so] = acc;
    }
  } else if (prod) {
    for (let i = 1; i < L; i++) {
      acc *= get(xo + i * sx);
      o[oo + i * so] = acc;
    }
  } else {
    for (let i = 1; i < L; i++) {
      acc += get(xo + i * sx);
      o[oo + i * so] = acc; // float32 output: rounded once from the float64 running sum
    }
  }
}

/** scan(): the TypeScript twin of the addon's scan. */
export function scanJs(c: ScanCall): void {
  const nd = c.shape.length;
  for (let i = 0; i < nd; i++) if (c.shape[i] === 0) return;
  const axes = [...Array(nd).keys()].filter((a) => a !== c.axis);
  const idx = new Array<number>(axes.length).fill(0);
  let xo = c.xOffset;
  let oo = c.outOffset;
  for (;;) {
    scanLine(c, xo, oo);
    let k = axes.length - 1;
    for (; k >= 0; k--) {
      const a = axes[k]!;
      xo += c.xStrides[a]!;
      oo += c.outStrides[a]!;
      if (++idx[k]! < c.shape[a]!) break;
      xo -= c.xStrides[a]! * c.shape[a]!;
      oo -= c.outStrides[a]! * c.shape[a]!;
      idx[k] = 0;
    }
    if (k < 0) return;
  }
}
