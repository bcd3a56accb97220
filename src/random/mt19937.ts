// MT19937, the bit generator behind NumPy's legacy `np.random` (RandomState), written
// from Matsumoto & Nishimura's reference algorithm with NumPy's seeding: an integer seed
// goes through the Knuth initialiser (NumPy's `mt19937_seed`, used by `_legacy_seeding`),
// an array of integers through `init_by_array`. All arithmetic is on uint32 values held
// in JS numbers; `Math.imul` gives the low 32 bits of products exactly.

export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  /**
   * The state block the addon's fills take (native/kernels/random.h: Mt19937Block):
   * 624 key words, pos, has_gauss, gauss.
   */
  private readonly block = new ArrayBuffer(2512);
  /** The 624 state words (NumPy's `key`). */
  readonly key = new Uint32Array(this.block, 0, MT_N);
  /** The same words as int32: reading them never makes heap numbers, which keeps the hot loops fast. */
  private readonly k32 = new Int32Array(this.block, 0, MT_N);
  private readonly meta = new Int32Array(this.block, 2496, 2);
  private readonly gaussCache = new Float64Array(this.block, 2504, 1);
  pos = MT_N;

  /** The state block for a native fill (with the legacy Gaussian cache); see stateFromBlock. */
  stateBlock(hasGauss: number, gauss: number): Uint8Array {
    this.meta[0] = this.pos;
    this.meta[1] = hasGauss;
    this.gaussCache[0] = gauss;
    return new Uint8Array(this.block);
  }

  /** Takes pos back after a native fill and returns the Gaussian cache as [hasGauss, gauss]. */
  stateFromBlock(): [number, number] {
    this.pos = this.meta[0]!;
    return [this.meta[1]!, this.gaussCache[0]!];
  }

  /** NumPy's `mt19937_seed`: Knuth's linear congruential initialiser from one uint32. */
  seed(seed: number): void {
    const key = this.key;
    let s = seed >>> 0;
    for (let i = 0; i < MT_N; i++) {
      key[i] = s;
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = MT_N;
  }

  /** NumPy's `mt19937_init_by_array` (the reference `init_by_array`). */
  initByArray(initKey: ArrayLike<number>): void {
    const mt = this.key;
    // init_genrand(19650218)
    mt[0] = 19650218;
    for (let i = 1; i < MT_N; i++) {
      const p = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, (p ^ (p >>> 30)) >>> 0) + i) >>> 0;
    }
    const len = initKey.length;
    let i = 1;
    let j = 0;
    for (let k = Math.max(MT_N, len); k > 0; k--) {
      const p = mt[i - 1]!;
      mt[i] = (((mt[i]! ^ Math.imul((p ^ (p >>> 30)) >>> 0, 1664525)) >>> 0) + (initKey[j]! >>> 0) + j) >>> 0;
      i++;
      j++;
      if (i >= MT_N) { mt[0] = mt[MT_N - 1]!; i = 1; }
      if (j >= len) j = 0;
    }
    for (let k = MT_N - 1; k > 0; k--) {
      const p = mt[i - 1]!;
      mt[i] = (((mt[i]! ^ Math.imul((p ^ (p >>> 30)) >>> 0, 1566083941)) >>> 0) - i) >>> 0;
      i++;
      if (i >= MT_N) { mt[0] = mt[MT_N - 1]!; i = 1; }
    }
    mt[0] = 0x80000000;
    this.pos = MT_N;
  }

  /** Regenerates the 624 words of state (the "twist"). */
  gen(): void {
    const key = this.k32;
    let i = 0;
    let y: number;
    for (; i < MT_N - MT_M; i++) {
      y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + MT_M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < MT_N - 1; i++) {
      y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + (MT_M - MT_N)]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[MT_N - 1]! & UPPER_MASK) | (key[0]! & LOWER_MASK);
    key[MT_N - 1] = key[MT_M - 1]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /** The next tempered 32-bit output, as a uint32 number. */
  next32(): number {
    if (this.pos >= MT_N) this.gen();
    let y = this.k32[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** The last next64() output, as two uint32 halves. */
  hi = 0;
  lo = 0;

  /** NumPy's `mt19937_next64`: two outputs, the first one the high word (as GCC evaluates it). */
  next64(): void {
    this.hi = this.next32();
    this.lo = this.next32();
  }

  /** NumPy's `mt19937_next_double`: 53 bits from two outputs (27 high, 26 low). */
  nextDouble(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** Fills out[start, start+n) with nextDouble() values; the hot loop of rand/random_sample. */
  fillDouble(out: Float64Array, start: number, n: number): void {
    const key = this.k32;
    let pos = this.pos;
    const end = start + n;
    for (let k = start; k < end; k++) {
      if (pos >= MT_N) { this.gen(); pos = 0; }
      let a = key[pos++]!;
      a ^= a >>> 11;
      a ^= (a << 7) & 0x9d2c5680;
      a ^= (a << 15) & 0xefc60000;
      a ^= a >>> 18;
      if (pos >= MT_N) { this.gen(); pos = 0; }
      let b = key[pos++]!;
      b ^= b >>> 11;
      b ^= (b << 7) & 0x9d2c5680;
      b ^= (b << 15) & 0xefc60000;
      b ^= b >>> 18;
      out[k] = ((a >>> 5) * 67108864.0 + (b >>> 6)) / 9007199254740992.0;
    }
    this.pos = pos;
  }

  /** Fills out[start, start+n) with raw uint32 outputs. */
  fill32(out: Uint32Array, start: number, n: number): void {
    const key = this.k32;
    let pos = this.pos;
    const end = start + n;
    for (let k = start; k < end; k++) {
      if (pos >= MT_N) { this.gen(); pos = 0; }
      let y = key[pos++]!;
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      out[k] = y;
    }
    this.pos = pos;
  }
}
