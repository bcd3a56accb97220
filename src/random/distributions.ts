// The samplers shared by the legacy RandomState and the Generator, written from the
// algorithms NumPy documents in numpy/random/src/distributions (ziggurat normal and
// exponential, Lemire's bounded integers, masked rejection) and src/legacy (the polar
// Gaussian). Each consumes the bit generator exactly as NumPy does, so that the streams
// agree value for value. 64-bit quantities travel as (hi, lo) uint32 pairs; BigInt is used
// only for per-call constants.
import {
  ki_double, wi_double, fi_double, ki_float, wi_float, fi_float, ke_double, we_double, fe_double,
  ZIGGURAT_NOR_R, ZIGGURAT_NOR_INV_R, ZIGGURAT_EXP_R, ZIGGURAT_NOR_R_F, ZIGGURAT_NOR_INV_R_F,
} from './ziggurat-tables';
import { log, log1p, log1pf } from './libm';

/** What a sampler needs from a bit generator (MT19937 and PCG64 both provide it). */
export interface BitGen {
  next32(): number;
  /** Leaves the 64-bit output in (hi, lo). */
  next64(): void;
  hi: number;
  lo: number;
  nextDouble(): number;
}

const TWO32 = 4294967296;
const fround = Math.fround;

/** next_float: 24 bits of a 32-bit output. */
export function nextFloat(bg: BitGen): number {
  return (bg.next32() >>> 8) * (1.0 / 16777216.0);
}

// ---- normal and exponential ------------------------------------------------------

/** random_standard_normal (ziggurat, 256 levels, 52-bit mantissa). */
export function standardNormal(bg: BitGen): number {
  for (;;) {
    bg.next64();
    const lo = bg.lo;
    const idx = lo & 0xff;
    // r >>= 8; sign = r & 1; rabs = (r >> 1) & (2**52 - 1): bits 9..60 of the output
    const rabs = (bg.hi & 0x1fffffff) * 8388608 + (lo >>> 9);
    let x = rabs * wi_double[idx]!;
    if ((lo >>> 8) & 1) x = -x;
    if (rabs < ki_double[idx]!) return x;
    if (idx === 0) {
      for (;;) {
        const xx = -ZIGGURAT_NOR_INV_R * log1p(-bg.nextDouble());
        const yy = -log1p(-bg.nextDouble());
        if (yy + yy > xx * xx) return ((lo >>> 17) & 1) ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
      }
    } else if ((fi_double[idx - 1]! - fi_double[idx]!) * bg.nextDouble() + fi_double[idx]! < Math.exp(-0.5 * x * x)) {
      return x;
    }
  }
}

/** random_standard_normal_f (ziggurat on 32-bit outputs, float arithmetic). */
export function standardNormalF(bg: BitGen): number {
  for (;;) {
    const r = bg.next32();
    const idx = r & 0xff;
    const rabs = (r >>> 9) & 0x007fffff;
    let x = fround(rabs * wi_float[idx]!);
    if ((r >>> 8) & 1) x = -x;
    if (rabs < ki_float[idx]!) return x;
    if (idx === 0) {
      for (;;) {
        const xx = fround(-ZIGGURAT_NOR_INV_R_F * log1pf(-nextFloat(bg)));
        const yy = fround(-log1pf(-nextFloat(bg)));
        if (fround(yy + yy) > fround(xx * xx)) {
          return ((rabs >>> 8) & 1) ? -fround(ZIGGURAT_NOR_R_F + xx) : fround(ZIGGURAT_NOR_R_F + xx);
        }
      }
    } else if (fround(fround(fround(fi_float[idx - 1]! - fi_float[idx]!) * nextFloat(bg)) + fi_float[idx]!) < Math.exp(-0.5 * x * x)) {
      // C promotes the float comparison to double against double exp(-0.5 * x * x)
      return x;
    }
  }
}

/** random_standard_exponential (ziggurat, 256 levels, 53 bits). */
export function standardExponential(bg: BitGen): number {
  for (;;) {
    bg.next64();
    // ri >>= 3; idx = ri & 0xFF; ri >>= 8: idx is bits 3..10, ri bits 11..63 (53 bits)
    const idx = (bg.lo >>> 3) & 0xff;
    const ri = bg.hi * 2097152 + (bg.lo >>> 11);
    const x = ri * we_double[idx]!;
    if (ri < ke_double[idx]!) return x;
    if (idx === 0) return ZIGGURAT_EXP_R - log1p(-bg.nextDouble());
    if ((fe_double[idx - 1]! - fe_double[idx]!) * bg.nextDouble() + fe_double[idx]! < Math.exp(-x)) return x;
    // else: draw again (NumPy recurses into random_standard_exponential)
  }
}

/** The legacy Gaussian: Marsaglia's polar method with NumPy's cached second value. */
export class LegacyGauss {
  hasGauss = 0;
  gauss = 0.0;

  next(bg: BitGen): number {
    if (this.hasGauss) {
      const t = this.gauss;
      this.hasGauss = 0;
      this.gauss = 0.0;
      return t;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2.0 * bg.nextDouble() - 1.0;
      x2 = 2.0 * bg.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt(-2.0 * log(r2) / r2);
    this.gauss = f * x1;
    this.hasGauss = 1;
    return f * x2;
  }
}

// ---- exact 32x32 and 64x64 products -----------------------------------------------

/** High and low uint32 words of the last mul32/mul64 product (module state avoids allocation). */
let MH = 0;
let ML = 0;

/** a * b for uint32 a, b: leaves the exact 64-bit product in (MH, ML). */
function mul32(a: number, b: number): void {
  if (b < 2097152) { // the product fits in 53 bits
    const m = a * b;
    MH = Math.floor(m / TWO32);
    ML = m - MH * TWO32;
    return;
  }
  const bl = b & 0xffff;
  const bh = (b - bl) / 65536;
  const ph = a * bh; // < 2**48
  const phh = Math.floor(ph / 65536);
  const t = a * bl + (ph - phh * 65536) * 65536; // < 2**50
  const th = Math.floor(t / TWO32);
  ML = t - th * TWO32;
  MH = th + phh;
}

/** 128-bit product of two uint64 given as (hi, lo) pairs, as four uint32 words w3..w0. */
const W = new Float64Array(4);
function mul64(ah: number, al: number, bh: number, bl: number): void {
  mul32(al, bl);
  const w0 = ML;
  const c1 = MH;
  mul32(ah, bl);
  let s1 = c1 + ML;
  let c2 = MH;
  mul32(al, bh);
  s1 += ML;
  c2 += MH;
  const w1 = s1 % TWO32;
  c2 += Math.floor(s1 / TWO32);
  mul32(ah, bh);
  const s2 = c2 + ML;
  const w2 = s2 % TWO32;
  const w3 = (MH + Math.floor(s2 / TWO32)) % TWO32;
  W[0] = w0; W[1] = w1; W[2] = w2; W[3] = w3;
}

// ---- bounded integers ----------------------------------------------------------------

/** Smallest all-ones mask >= max (gen_mask), for max < 2**32. */
export function genMask32(max: number): number {
  let m = max >>> 0;
  m |= m >>> 1; m |= m >>> 2; m |= m >>> 4; m |= m >>> 8; m |= m >>> 16;
  return m >>> 0;
}

/** random_interval(max): a value in [0, max] by masked rejection (shuffle, permutation). */
export function randomInterval(bg: BitGen, max: number): number {
  if (max === 0) return 0;
  if (max <= 0xffffffff) {
    const mask = genMask32(max);
    let v: number;
    while ((v = (bg.next32() & mask) >>> 0) > max);
    return v;
  }
  // max < 2**53 (array lengths): mask the high word only
  const maxHi = Math.floor(max / TWO32);
  const maskHi = genMask32(maxHi);
  for (;;) {
    bg.next64();
    const v = ((bg.hi & maskHi) >>> 0) * TWO32 + bg.lo;
    if (v <= max) return v;
  }
}

/**
 * State of the buffered 8/16-bit draws (bcnt, buf in NumPy): a uint32 output is split
 * into smaller pieces from its low end.
 */
export class Buffer32 {
  bcnt = 0;
  buf = 0;
}

function bufferedUint16(bg: BitGen, b: Buffer32): number {
  if (!b.bcnt) { b.buf = bg.next32(); b.bcnt = 1; } else { b.buf >>>= 16; b.bcnt -= 1; }
  return b.buf & 0xffff;
}

function bufferedUint8(bg: BitGen, b: Buffer32): number {
  if (!b.bcnt) { b.buf = bg.next32(); b.bcnt = 3; } else { b.buf >>>= 8; b.bcnt -= 1; }
  return b.buf & 0xff;
}

/** A uint32 in [0, rng] (rng < 0xFFFFFFFF), masked rejection or Lemire, NumPy's bounded_*_uint32. */
export function bounded32(bg: BitGen, rng: number, mask: number, masked: boolean): number {
  if (masked) {
    let v: number;
    while ((v = (bg.next32() & mask) >>> 0) > rng);
    return v;
  }
  const excl = rng + 1;
  mul32(bg.next32(), excl);
  if (ML < excl) {
    const threshold = (0xffffffff - rng) % excl;
    while (ML < threshold) mul32(bg.next32(), excl);
  }
  return MH;
}

/** A uint16 in [0, rng] (rng < 0xFFFF) from the 32-bit buffer. */
export function bounded16(bg: BitGen, rng: number, mask: number, masked: boolean, b: Buffer32): number {
  if (masked) {
    let v: number;
    while ((v = bufferedUint16(bg, b) & mask) > rng);
    return v;
  }
  const excl = rng + 1;
  let m = bufferedUint16(bg, b) * excl;
  let leftover = m & 0xffff;
  if (leftover < excl) {
    const threshold = (0xffff - rng) % excl;
    while (leftover < threshold) {
      m = bufferedUint16(bg, b) * excl;
      leftover = m & 0xffff;
    }
  }
  return m >>> 16;
}

/** A uint8 in [0, rng] (rng < 0xFF) from the 32-bit buffer. */
export function bounded8(bg: BitGen, rng: number, mask: number, masked: boolean, b: Buffer32): number {
  if (masked) {
    let v: number;
    while ((v = bufferedUint8(bg, b) & mask) > rng);
    return v;
  }
  const excl = rng + 1;
  let m = bufferedUint8(bg, b) * excl;
  let leftover = m & 0xff;
  if (leftover < excl) {
    const threshold = (0xff - rng) % excl;
    while (leftover < threshold) {
      m = bufferedUint8(bg, b) * excl;
      leftover = m & 0xff;
    }
  }
  return m >>> 8;
}

/** buffered_bounded_bool: one bit of a 32-bit output at a time. */
export function boundedBool(bg: BitGen, off: number, rng: number, b: Buffer32): number {
  if (rng === 0) return off;
  if (!b.bcnt) { b.buf = bg.next32(); b.bcnt = 31; } else { b.buf >>>= 1; b.bcnt -= 1; }
  return b.buf & 1;
}

/** Per-call constants of a 64-bit bounded draw with rng > 0xFFFFFFFF. */
export interface Wide64 {
  rngHi: number; rngLo: number;
  maskHi: number; maskLo: number;
  exclHi: number; exclLo: number;
  thrHi: number; thrLo: number;
}

export function wide64(rng: bigint): Wide64 {
  let mask = rng;
  for (const s of [1n, 2n, 4n, 8n, 16n, 32n]) mask |= mask >> s;
  const excl = rng + 1n;
  const thr = ((0xffffffffffffffffn - rng) % excl) & 0xffffffffffffffffn;
  const hi = (v: bigint) => Number((v >> 32n) & 0xffffffffn);
  const lo = (v: bigint) => Number(v & 0xffffffffn);
  return {
    rngHi: hi(rng), rngLo: lo(rng), maskHi: hi(mask), maskLo: lo(mask),
    exclHi: hi(excl), exclLo: lo(excl), thrHi: hi(thr), thrLo: lo(thr),
  };
}

/** The last bounded64 result. */
export const OUT64 = { hi: 0, lo: 0 };

/** A uint64 in [0, rng] for rng in (0xFFFFFFFF, 2**64 - 1): masked rejection or Lemire; result in OUT64. */
export function bounded64(bg: BitGen, w: Wide64, masked: boolean): void {
  if (masked) {
    for (;;) {
      bg.next64();
      const h = (bg.hi & w.maskHi) >>> 0;
      const l = (bg.lo & w.maskLo) >>> 0;
      if (h < w.rngHi || (h === w.rngHi && l <= w.rngLo)) { OUT64.hi = h; OUT64.lo = l; return; }
    }
  }
  bg.next64();
  mul64(bg.hi, bg.lo, w.exclHi, w.exclLo);
  // leftover = low 64 bits (W[1], W[0]); result = high 64 bits (W[3], W[2])
  if (W[1]! < w.exclHi || (W[1] === w.exclHi && W[0]! < w.exclLo)) {
    while (W[1]! < w.thrHi || (W[1] === w.thrHi && W[0]! < w.thrLo)) {
      bg.next64();
      mul64(bg.hi, bg.lo, w.exclHi, w.exclLo);
    }
  }
  OUT64.hi = W[3]!;
  OUT64.lo = W[2]!;
}

/**
 * random_bounded_uint64(bg, 0, rng, 0, use_masked=false) for rng < 2**53, as Generator.choice
 * and its _shuffle_int use it: Lemire on 32-bit outputs below 2**32, on 64-bit above.
 */
export function boundedLemire(bg: BitGen, rng: number): number {
  if (rng === 0) return 0;
  if (rng <= 0xffffffff) {
    if (rng === 0xffffffff) return bg.next32();
    return bounded32(bg, rng, 0, false);
  }
  bounded64(bg, wide64(BigInt(rng)), false);
  return OUT64.hi * TWO32 + OUT64.lo;
}
