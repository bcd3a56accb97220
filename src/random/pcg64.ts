// PCG64 (O'Neill's PCG XSL-RR 128/64), the bit generator behind NumPy's default_rng,
// written from the PCG paper's definition with NumPy's seeding and state layout:
//   state <- state * M + inc   (mod 2**128)
//   out    = rotr64(hi(state) ^ lo(state), hi(state) >> 58)
// The 128-bit state lives in four uint32 limbs (s0 least significant). The multiply
// needs exact 32x32 -> 64-bit partial products, which doubles cannot hold; each
// multiplier limb is split into 16-bit halves so that every partial product is below
// 2**48 and column sums stay below 2**53 (exact), and carries are taken with
// Math.floor on exact integer doubles. No BigInt on the hot path; BigInt is used only
// for `state` get/set and `advance` (jump-ahead).

const MASK128 = (1n << 128n) - 1n;
export const PCG_MULT = (2549297995355413924n << 64n) + 4865540595714422341n;

// Multiplier limbs (32-bit) and their 16-bit halves.
const M0 = Number(PCG_MULT & 0xffffffffn);
const M1 = Number((PCG_MULT >> 32n) & 0xffffffffn);
const M2 = Number((PCG_MULT >> 64n) & 0xffffffffn);
const M3 = Number((PCG_MULT >> 96n) & 0xffffffffn);
const M0L = M0 & 0xffff, M0H = M0 >>> 16;
const M1L = M1 & 0xffff, M1H = M1 >>> 16;
const M2L = M2 & 0xffff, M2H = M2 >>> 16;
const TWO32 = 4294967296;
const TWO16 = 65536;
const K32 = 1 / TWO32;
const K16 = 1 / TWO16;

export class PCG64 {
  // state limbs, least significant first
  s0 = 0; s1 = 0; s2 = 0; s3 = 0;
  // increment limbs (always odd)
  c0 = 1; c1 = 0; c2 = 0; c3 = 0;
  /** NumPy's buffered upper half for next32 (has_uint32 / uinteger). */
  hasUint32 = 0;
  uinteger = 0;
  /** The last next64() output, as two uint32 halves. */
  hi = 0;
  lo = 0;
  /** The state as the addon's fills take it (native/kernels/random.h: Pcg64Words). */
  private readonly words = new Uint32Array(10);

  /** The state block for a native fill; call stateFromWords() afterwards. */
  stateWords(): Uint8Array {
    const w = this.words;
    w[0] = this.s0; w[1] = this.s1; w[2] = this.s2; w[3] = this.s3;
    w[4] = this.c0; w[5] = this.c1; w[6] = this.c2; w[7] = this.c3;
    w[8] = this.hasUint32; w[9] = this.uinteger;
    return new Uint8Array(w.buffer);
  }

  /** Takes the state back after a native fill. */
  stateFromWords(): void {
    const w = this.words;
    this.s0 = w[0]!; this.s1 = w[1]!; this.s2 = w[2]!; this.s3 = w[3]!;
    this.hasUint32 = w[8]!; this.uinteger = w[9]!;
  }

  /** NumPy's pcg64_set_seed: srandom(initstate, initseq) with 128-bit seed words (hi, lo). */
  setSeed(initstate: bigint, initseq: bigint): void {
    this.setIncBig(((initseq << 1n) | 1n) & MASK128);
    this.setStateBig(0n);
    this.step();
    this.setStateBig((this.stateBig() + initstate) & MASK128);
    this.step();
    this.hasUint32 = 0;
    this.uinteger = 0;
  }

  stateBig(): bigint {
    return (BigInt(this.s3) << 96n) | (BigInt(this.s2) << 64n) | (BigInt(this.s1) << 32n) | BigInt(this.s0);
  }

  incBig(): bigint {
    return (BigInt(this.c3) << 96n) | (BigInt(this.c2) << 64n) | (BigInt(this.c1) << 32n) | BigInt(this.c0);
  }

  setStateBig(v: bigint): void {
    this.s0 = Number(v & 0xffffffffn);
    this.s1 = Number((v >> 32n) & 0xffffffffn);
    this.s2 = Number((v >> 64n) & 0xffffffffn);
    this.s3 = Number((v >> 96n) & 0xffffffffn);
  }

  setIncBig(v: bigint): void {
    this.c0 = Number(v & 0xffffffffn);
    this.c1 = Number((v >> 32n) & 0xffffffffn);
    this.c2 = Number((v >> 64n) & 0xffffffffn);
    this.c3 = Number((v >> 96n) & 0xffffffffn);
  }

  /** One LCG step: state = state * M + inc (mod 2**128). */
  step(): void {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    // Column k holds sum(s_i * m_j, i + j = k) = A + B * 2**16 with A, B < 2**50 (exact).
    // The carry chain across columns is the latency floor of this code (~25 ns/step):
    // JavaScript has no 64-bit multiply; the addon does bulk fills with __uint128_t.
    let b = s0 * M0H;
    let bh = Math.floor(b * K16);
    let t = s0 * M0L + (b - bh * TWO16) * TWO16 + this.c0;
    let th = Math.floor(t * K32);
    const r0 = t - th * TWO32;
    let carry = th + bh;
    b = s0 * M1H + s1 * M0H;
    bh = Math.floor(b * K16);
    t = s0 * M1L + s1 * M0L + (b - bh * TWO16) * TWO16 + carry + this.c1;
    th = Math.floor(t * K32);
    const r1 = t - th * TWO32;
    carry = th + bh;
    b = s0 * M2H + s1 * M1H + s2 * M0H;
    bh = Math.floor(b * K16);
    t = s0 * M2L + s1 * M1L + s2 * M0L + (b - bh * TWO16) * TWO16 + carry + this.c2;
    th = Math.floor(t * K32);
    const r2 = t - th * TWO32;
    carry = th + bh;
    // column 3: only its low 32 bits survive; Math.imul gives products mod 2**32
    this.s3 = (Math.imul(s0, M3) + Math.imul(s1, M2) + Math.imul(s2, M1) + Math.imul(s3, M0) + carry + this.c3) >>> 0;
    this.s2 = r2;
    this.s1 = r1;
    this.s0 = r0;
  }

  /** NumPy's pcg64_next64; the 64-bit output is left in (this.hi, this.lo). */
  next64(): void {
    this.step();
    const rot = this.s3 >>> 26;
    let xh = (this.s3 ^ this.s1) >>> 0;
    let xl = (this.s2 ^ this.s0) >>> 0;
    if (rot & 32) { const tmp = xh; xh = xl; xl = tmp; }
    const r = rot & 31;
    if (r === 0) { this.hi = xh; this.lo = xl; } else {
      this.hi = ((xh >>> r) | (xl << (32 - r))) >>> 0;
      this.lo = ((xl >>> r) | (xh << (32 - r))) >>> 0;
    }
  }

  /** The next 64-bit output as a bigint (for tests and the rare wide paths). */
  next64Big(): bigint {
    this.next64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** NumPy's pcg64_next32: the low half of a 64-bit output, the high half kept for the next call. */
  next32(): number {
    if (this.hasUint32) {
      this.hasUint32 = 0;
      return this.uinteger;
    }
    this.next64();
    this.hasUint32 = 1;
    this.uinteger = this.hi;
    return this.lo;
  }

  /** (next64 >> 11) * 2**-53, NumPy's uint64_to_double. */
  nextDouble(): number {
    this.next64();
    return (this.hi * 2097152 + (this.lo >>> 11)) * 1.1102230246251565e-16;
  }

  /** Fills out[start, start+n) with nextDouble() values (Generator.random). */
  fillDouble(out: Float64Array, start: number, n: number): void {
    const end = start + n;
    for (let k = start; k < end; k++) {
      this.next64();
      out[k] = (this.hi * 2097152 + (this.lo >>> 11)) * 1.1102230246251565e-16;
    }
  }

  /** Fills out[2k], out[2k+1] with (lo, hi) of n successive 64-bit outputs (little-endian uint64 layout). */
  fill64(out: Uint32Array, start: number, n: number): void {
    for (let k = 0; k < n; k++) {
      this.next64();
      out[2 * (start + k)] = this.lo;
      out[2 * (start + k) + 1] = this.hi;
    }
  }

  /** Advances the state by `delta` steps (mod 2**128), Brown's O(log n) jump-ahead, as pcg64_advance. */
  advance(delta: bigint): void {
    let d = delta & MASK128;
    let curMult = PCG_MULT;
    let curPlus = this.incBig();
    let accMult = 1n;
    let accPlus = 0n;
    while (d > 0n) {
      if (d & 1n) {
        accMult = (accMult * curMult) & MASK128;
        accPlus = (accPlus * curMult + curPlus) & MASK128;
      }
      curPlus = ((curMult + 1n) * curPlus) & MASK128;
      curMult = (curMult * curMult) & MASK128;
      d >>= 1n;
    }
    this.setStateBig((accMult * this.stateBig() + accPlus) & MASK128);
    this.hasUint32 = 0;
    this.uinteger = 0;
  }
}
