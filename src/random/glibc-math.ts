// Bit-exact JavaScript versions of the three C library functions whose results reach
// NumPy's random streams on Linux (glibc 2.28+ on x86-64 with FMA, as on the machines
// NumPy's wheels run): log (legacy Gaussian), log1p (ziggurat tails), log1pf (float32
// ziggurat tail). V8's Math.log/Math.log1p are different implementations (Math.log
// differs from glibc's in the last bit for ~7% of inputs), so the streams need these.
//
// Each function follows the operation order of the glibc build that NumPy calls here:
// log is ARM optimized-routines' algorithm (MIT) as glibc's __log_fma evaluates it (the
// fused multiply-adds are where GCC contracted them); log1p is fdlibm's algorithm as
// glibc's __log1p_fma evaluates it; log1pf is fdlibm's float algorithm with float
// rounding after every operation (Math.fround), as glibc's SSE build evaluates it.
// test/random.libm.test.ts checks them against the C library through Python.
import { LN2HI, LN2LO, LOG_A, LOG_B, LOG_TAB } from './glibc-log-data';

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer); // [low word, high word] (little-endian hosts)
const F32 = new Float32Array(1);
const U32F = new Uint32Array(F32.buffer);

const SPLITTER = 134217729; // 2**27 + 1, Veltkamp's split for the exact product

/**
 * fma(a, b, c) = a * b + c with one rounding, for finite arguments without overflow:
 * the product is split exactly (Dekker), added to c exactly (TwoSum), and the two error
 * terms are summed with rounding to odd before the final rounding to nearest, which makes
 * the result correctly rounded (Boldo & Melquiond, IEEE TC 57(4), 2008).
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = ((ah * bh - p) + ah * bl + al * bh) + al * bl; // a*b = p + pe exactly
  const s = c + p;
  const sb = s - c;
  const se = (c - (s - sb)) + (p - sb); // c + p = s + se exactly
  const v = se + pe;
  const vb = v - se;
  const ve = (se - (v - vb)) + (pe - vb); // se + pe = v + ve exactly
  let vo = v;
  if (ve !== 0) {
    // round to odd: when v's last bit is even, step one ulp towards the exact sum
    F64[0] = v;
    if ((U32[0]! & 1) === 0) {
      const away = (ve > 0) === (v > 0);
      if (away) { U32[0] = U32[0]! + 1; if (U32[0] === 0) U32[1] = U32[1]! + 1; } else {
        if (U32[0] === 0) U32[1] = U32[1]! - 1;
        U32[0] = U32[0]! - 1;
      }
      vo = F64[0]!;
    }
  }
  return s + vo;
}

function fromWords(hi: number, lo: number): number {
  U32[1] = hi;
  U32[0] = lo;
  return F64[0]!;
}

const [A0, A1, A2, A3, A4] = LOG_A;
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = LOG_B;

/** glibc's log(x). */
export function glibcLog(x: number): number {
  F64[0] = x;
  let hi = U32[1]!;
  const lo = U32[0]!;
  if (hi >= 0x3fee0000 && hi - 0x3fee0000 <= 0x308ff) {
    // x close to 1 (1 - 2**-4 <= x < 1 + 0x1.09p-4)
    if (x === 1.0) return 0;
    const r = x - 1.0;
    const r2 = r * r;
    const r3 = r * r2;
    const a = fma(r2, B3, fma(r, B2, B1));
    const b = fma(r2, B6, fma(r, B5, B4));
    const c = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
    const q = fma(fma(c, r3, b), r3, a);
    // hi + lo = r - r*r/2 exactly, with r split into 26-bit halves
    const w = r * 134217728;
    const rhi = r + w - w;
    const rlo = r - rhi;
    const ww = rhi * rhi * B0; // exact
    const h = r + ww;
    let l = r - h + ww;
    l = fma(B0 * rlo, rhi + r, l);
    return fma(q, r3, l) + h;
  }
  const top = hi >>> 16;
  if (((top - 0x10) >>> 0) > 0x7fdf) {
    if (x === 0) return -Infinity;
    if (x === Infinity) return Infinity;
    if ((top & 0x8000) !== 0 || (top & 0x7ff0) === 0x7ff0) return NaN;
    // subnormal: scale into the normal range
    F64[0] = x * 4503599627370496;
    hi = (U32[1]! - 0x03400000) >>> 0;
    return logMain(hi, U32[0]!);
  }
  return logMain(hi, lo);
}

function logMain(hi: number, lo: number): number {
  const tmpHi = (hi - 0x3fe60000) | 0;
  const i = (tmpHi >>> 13) & 0x7f;
  const k = tmpHi >> 20;
  const z = fromWords((hi - (tmpHi & 0xfff00000)) >>> 0, lo);
  const invc = LOG_TAB[2 * i]!;
  const logc = LOG_TAB[2 * i + 1]!;
  const kd = k;
  const w = fma(kd, LN2HI, logc);
  const r = fma(z, invc, -1.0);
  const p12 = fma(r, A2, A1);
  const h = r + w;
  const r2 = r * r;
  let l = (w - h) + r;
  l = fma(kd, LN2LO, l);
  const r3 = r * r2;
  const p34 = fma(r, A4, A3);
  const l2 = fma(r2, A0, l);
  const q = fma(p34, r2, p12);
  return fma(r3, q, l2) + h;
}

// fdlibm log1p constants (double), as stored in glibc's libm
const LN2_HI = 0.6931471803691238; // 0x1.62e42fee00000p-1
const LN2_LO = 1.9082149292705877e-10; // 0x1.a39ef35793c76p-33
const LP1 = 0.6666666666666735;
const LP2 = 0.3999999999940942;
const LP3 = 0.2857142874366239;
const LP4 = 0.22222198432149784;
const LP5 = 0.1818357216161805;
const LP6 = 0.15313837699209373;
const LP7 = 0.14798198605116586;

/** glibc's log1p(x) (fdlibm's algorithm, FMA build). */
export function glibcLog1p(x: number): number {
  F64[0] = x;
  const hx = U32[1]! | 0;
  const ax = hx & 0x7fffffff;
  let k: number;
  let f: number;
  let c = 0;
  let hu: number;
  let hfsq: number;
  if (hx <= 0x3fda8279) {
    if (ax > 0x3fefffff) return x === -1.0 ? -Infinity : NaN; // x <= -1 (or NaN)
    if (ax <= 0x3e1fffff) {
      // |x| < 2**-29
      if (ax <= 0x3c8fffff) return x;
      return fma(-(x * x), 0.5, x);
    }
    if (((hx + 0x402d413c) >>> 0) > 0x402d413c) {
      // -0.2929 < x < 0.41422: k = 0, f = x
      f = x;
      hfsq = (f * 0.5) * f;
      return log1pPoly(f, hfsq, 0, 0);
    }
    [k, c, hu, f] = log1pReduce(x);
  } else {
    if (hx > 0x7fefffff) return x + x;
    if (hx <= 0x433fffff) [k, c, hu, f] = log1pReduce(x);
    else {
      // x >= 2**53: u = x, c = 0
      k = (hx >> 20) - 1023;
      [k, hu, f] = log1pNormalize(x, hx & 0xfffff, k);
      c = 0;
    }
  }
  hfsq = (f * 0.5) * f;
  if (hu !== 0) return log1pPoly(f, hfsq, k, c);
  if (f === 0) {
    if (k === 0) return 0;
    return fma(k, LN2_HI, fma(k, LN2_LO, c));
  }
  const R = fma(-f, 0.6666666666666666, 1.0) * hfsq;
  if (k === 0) return f - R;
  return fma(k, LN2_HI, -((R - fma(k, LN2_LO, c)) - f));
}

/** u = 1 + x with the correction term c = (x - (u - 1)) / u, then the normalisation. */
function log1pReduce(x: number): [number, number, number, number] {
  const u = x + 1.0;
  F64[0] = u;
  const hu0 = U32[1]! | 0;
  let k = (hu0 >> 20) - 1023;
  let c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
  c = c / u;
  let hu: number, f: number;
  [k, hu, f] = log1pNormalize(u, hu0 & 0xfffff, k);
  return [k, c, hu, f];
}

/** fdlibm's normalisation of u into [sqrt(2)/2, sqrt(2)): returns [k, hu, f = u' - 1]. */
function log1pNormalize(u: number, hu: number, k: number): [number, number, number] {
  F64[0] = u;
  const lo = U32[0]!;
  let un: number;
  if (hu > 0x6a09d) {
    k += 1;
    un = fromWords((hu | 0x3fe00000) >>> 0, lo);
    hu = (0x100000 - hu) >> 2;
  } else {
    un = fromWords((hu | 0x3ff00000) >>> 0, lo);
  }
  return [k, hu, un - 1.0];
}

function log1pPoly(f: number, hfsq: number, k: number, c: number): number {
  const s = f / (2.0 + f);
  const z = s * s;
  const R2 = fma(z, LP3, LP2);
  const R3 = fma(z, LP5, LP4);
  const R4 = fma(z, LP7, LP6);
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z2 * z4;
  const R = fma(z6, R4, fma(z4, R3, fma(z, LP1, z2 * R2)));
  const t = (R + hfsq) * s;
  if (k === 0) return f - (hfsq - t);
  const kd = k;
  return fma(kd, LN2_HI, -(((hfsq - (fma(kd, LN2_LO, c) + t)) - f)));
}

// fdlibm log1pf constants (float32 values), as stored in glibc's libm
const fr = Math.fround;
const LN2_HI_F = 0.6931381225585938; // 0x3f317180
const LN2_LO_F = 9.05800061445916e-06; // 0x3717f7d1
const LP1F = 0.6666666865348816;
const LP2F = 0.4000000059604645;
const LP3F = 0.2857142984867096;
const LP4F = 0.2222219854593277;
const LP5F = 0.18183572590351105;
const LP6F = 0.15313838422298431;
const LP7F = 0.14798198640346527;
const TWO_F = 2.0;

function f32Bits(x: number): number {
  F32[0] = x;
  return U32F[0]! | 0;
}

function f32FromBits(b: number): number {
  U32F[0] = b >>> 0;
  return F32[0]!;
}

/** glibc's log1pf(x) for a float32 x (fdlibm's float algorithm, every step rounded to float). */
export function glibcLog1pf(xIn: number): number {
  const x = fr(xIn);
  const hx = f32Bits(x);
  const ax = hx & 0x7fffffff;
  let k: number;
  let c = 0;
  let f: number;
  let hu: number;
  if (hx <= 0x3ed413d6) {
    if (ax > 0x3f7fffff) return x === -1.0 ? -Infinity : NaN;
    if (ax <= 0x30ffffff) {
      if (ax > 0x247fffff) return fr(x - fr(fr(x * x) * 0.5));
      return x;
    }
    if (((hx + 0x416a09e0) >>> 0) > 0x416a09e0) {
      f = x;
      const hfsq = fr(fr(0.5 * f) * f);
      return log1pfPoly(f, hfsq, 0, 0);
    }
    [k, c, hu, f] = log1pfReduce(x);
  } else {
    if (hx > 0x7f7fffff) return fr(x + x);
    if (hx <= 0x59ffffff) [k, c, hu, f] = log1pfReduce(x);
    else {
      k = (hx >> 23) - 127;
      [k, hu, f] = log1pfNormalize(hx & 0x7fffff, k);
      c = 0;
    }
  }
  const hfsq = fr(fr(0.5 * f) * f);
  if (hu !== 0) return log1pfPoly(f, hfsq, k, c);
  if (f === 0) {
    if (k === 0) return 0;
    return fr(fr(fr(LN2_LO_F * k) + c) + fr(k * LN2_HI_F));
  }
  const R = fr(fr(1.0 - fr(LP1F * f)) * hfsq);
  if (k === 0) return fr(f - R);
  const kf = k;
  return fr(fr(LN2_HI_F * kf) - fr(fr(R - fr(fr(kf * LN2_LO_F) + c)) - f));
}

function log1pfReduce(x: number): [number, number, number, number] {
  const u = fr(x + 1.0);
  const hu0 = f32Bits(u);
  let k = (hu0 >> 23) - 127;
  let c = k > 0 ? fr(1.0 - fr(u - x)) : fr(x - fr(u - 1.0));
  c = fr(c / u);
  let hu: number, f: number;
  [k, hu, f] = log1pfNormalize(hu0 & 0x7fffff, k);
  return [k, c, hu, f];
}

function log1pfNormalize(hu: number, k: number): [number, number, number] {
  let un: number;
  if (hu > 0x3504f6) {
    k += 1;
    un = f32FromBits(hu | 0x3f000000);
    hu = (0x800000 - hu) >> 2;
  } else {
    un = f32FromBits(hu | 0x3f800000);
  }
  return [k, hu, fr(un - 1.0)];
}

function log1pfPoly(f: number, hfsq: number, k: number, c: number): number {
  const s = fr(f / fr(TWO_F + f));
  const z = fr(s * s);
  let R = fr(LP7F * z);
  R = fr(fr(R + LP6F) * z);
  R = fr(fr(R + LP5F) * z);
  R = fr(fr(R + LP4F) * z);
  R = fr(fr(R + LP3F) * z);
  R = fr(fr(R + LP2F) * z);
  R = fr(fr(R + LP1F) * z);
  const t = fr(fr(R + hfsq) * s);
  if (k === 0) return fr(f - fr(hfsq - t));
  const kf = k;
  return fr(fr(LN2_HI_F * kf) - fr(fr(hfsq - fr(fr(fr(kf * LN2_LO_F) + c) + t)) - f));
}
