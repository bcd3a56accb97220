// NumPy's Generator on PCG64 (np.random.default_rng): SeedSequence seeding, ziggurat
// normal/exponential, Lemire integers, Floyd / tail-shuffle sampling without replacement.
import { fail } from '../core/errors';
import { NDArray, bytesOf } from '../core/ndarray';
import { arange, asarray, type ArrayLike as NDArrayLike } from '../core/creation';
import { normalizeAxis, describe } from '../core/shape';
import { PCG64 as PCG64Engine } from './pcg64';
import { Entropy, SeedSequence } from './seedsequence';
import {
  BitGen, boundedLemire, genMask32, nextFloat, randomInterval, standardExponential, standardNormal, standardNormalF,
} from './distributions';
import {
  Size, Shape, argError, checkChoiceP, cont, int64Array, newOut, normalizedCdf, searchRight, sizeShape, takeAlong, typeError,
} from './common';
import { boundedDType, boundedIntegers, type IntegerResult } from './integers';
import { shuffleInPlace, splitOptions } from './shuffle';
import { uniformImpl } from './legacy';
import { FillKind, nativeFill } from './native';

/** Runs a PCG64 fill in the addon when it should; false when TypeScript must do it. */
function pcgNative(bg: PCG64Engine, kind: FillKind, out: Float64Array | Float32Array, start: number, n: number, a = 0, b = 0): boolean {
  const f = nativeFill(n);
  if (f === null) return false;
  f(kind, bg.stateWords(), bytesOf(out.buffer), start * out.BYTES_PER_ELEMENT, n, out.BYTES_PER_ELEMENT, a, b, 0, 0, 0);
  bg.stateFromWords();
  return true;
}

export interface PCG64State {
  bitGenerator: 'PCG64';
  state: { state: bigint; inc: bigint };
  hasUint32: number;
  uinteger: number;
}

export type SeedLike = Entropy | SeedSequence | null | undefined;

/** NumPy's PCG64 bit generator: 128-bit LCG with the XSL-RR output, seeded through SeedSequence. */
export class PCG64 {
  /** @internal */ readonly _engine = new PCG64Engine();
  readonly seedSeq: SeedSequence;

  constructor(seed?: SeedLike) {
    this.seedSeq = seed instanceof SeedSequence ? seed : new SeedSequence(seed as Entropy | null | undefined);
    const v = this.seedSeq.generateState(4, 'uint64');
    this._engine.setSeed((v[0]! << 64n) | v[1]!, (v[2]! << 64n) | v[3]!);
  }

  /** The state as NumPy reports it (`bit_generator.state`), with camelCase keys. */
  get state(): PCG64State {
    const e = this._engine;
    return { bitGenerator: 'PCG64', state: { state: e.stateBig(), inc: e.incBig() }, hasUint32: e.hasUint32, uinteger: e.uinteger };
  }

  /** Sets the state from a `state` object (snake_case keys from Python's dict are accepted too). */
  set state(value: PCG64State | Record<string, unknown>) {
    if (value === null || typeof value !== 'object') typeError('state must be a dict');
    const d = value as Record<string, unknown>;
    if ((d.bitGenerator ?? d.bit_generator) !== 'PCG64') argError('state must be for a PCG64 RNG');
    const st = d.state as Record<string, unknown> | undefined;
    const toBig = (v: unknown, what: string): bigint => {
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
      if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
      return typeError(`state ${what} must be an integer`);
    };
    if (st === undefined || st === null || typeof st !== 'object') argError('state dictionary is not valid.');
    const s = toBig(st.state, 'state') & ((1n << 128n) - 1n);
    const inc = toBig(st.inc, 'inc') & ((1n << 128n) - 1n);
    this._engine.setStateBig(s);
    this._engine.setIncBig(inc);
    this._engine.hasUint32 = Number(d.hasUint32 ?? d.has_uint32 ?? 0) ? 1 : 0;
    this._engine.uinteger = Number(d.uinteger ?? 0) >>> 0;
  }

  /** Advances the state as if `delta` 64-bit draws had been made (PCG64.advance). */
  advance(delta: number | bigint): this {
    this._engine.advance(BigInt(delta));
    return this;
  }

  /** A copy of this bit generator advanced by jumps * 0x9e3779b97f4a7c15f39cc0605cedc835 steps (PCG64.jumped). */
  jumped(jumps: number | bigint = 1): PCG64 {
    const c = Object.create(PCG64.prototype) as PCG64;
    Object.defineProperty(c, '_engine', { value: new PCG64Engine() });
    Object.defineProperty(c, 'seedSeq', { value: this.seedSeq });
    c.state = this.state;
    c._engine.advance(0x9e3779b97f4a7c15f39cc0605cedc835n * BigInt(jumps));
    return c;
  }

  /** Raw 64-bit outputs (random_raw) as a uint64 array, or one bigint without a size. */
  randomRaw(size?: Size): bigint | NDArray<'uint64'> {
    const shape = sizeShape(size);
    if (shape === null) return this._engine.next64Big();
    const { arr } = newOut(shape, 'uint64');
    this._engine.fill64(new Uint32Array(arr.buffer, arr.byteOffset, arr.size * 2), 0, arr.size);
    return arr;
  }
}

/** NumPy's Generator: the modern distributions on a bit generator (PCG64). */
export class Generator {
  readonly bitGenerator: PCG64;
  /** @internal */ readonly _bg: BitGen;

  constructor(bitGenerator: PCG64) {
    if (!(bitGenerator instanceof PCG64)) typeError(`Generator needs a PCG64 bit generator, got ${describe(bitGenerator)}`);
    this.bitGenerator = bitGenerator;
    this._bg = bitGenerator._engine;
  }

  /** Floats in [0, 1): float64 (53 bits) or float32 (24 bits) with `{dtype}`. */
  random(): number;
  random(size: Shape, opts?: { dtype?: 'float64' | 'float32' }): NDArray;
  random(...args: unknown[]): number | NDArray;
  random(...args: unknown[]): number | NDArray {
    const [pos, opts] = splitOptions(args, ['size', 'dtype'], 'random');
    const shape = sizeShape(pos[0] ?? opts.size);
    const dtype = floatDType(opts.dtype, 'random');
    const bg = this._bg;
    const eng = this.bitGenerator._engine;
    if (dtype === 'float32') {
      if (shape === null) return nextFloat(bg);
      const { arr, start } = newOut(shape, 'float32');
      const d = arr._data;
      if (pcgNative(eng, FillKind.PcgFloat, d, start, arr.size)) return arr;
      for (let i = start, end = start + arr.size; i < end; i++) d[i] = nextFloat(bg);
      return arr;
    }
    if (shape === null) return bg.nextDouble();
    const { arr, start } = newOut(shape, 'float64');
    if (!pcgNative(eng, FillKind.PcgDouble, arr._data, start, arr.size)) eng.fillDouble(arr._data, start, arr.size);
    return arr;
  }

  /**
   * Integers in [low, high) — [low, high] with `{endpoint: true}` — by Lemire's method, for
   * every integer dtype and bool (`{dtype}`, default int64).
   */
  integers(low: number | bigint, high?: number | bigint | null): number;
  integers(low: number | bigint | NDArrayLike, high: number | bigint | NDArrayLike | null | undefined, size: Shape,
    opts?: { dtype?: string; endpoint?: boolean }): NDArray;
  integers(low: number | bigint | NDArrayLike, ...rest: unknown[]): IntegerResult;
  integers(low: number | bigint | NDArrayLike, ...rest: unknown[]): IntegerResult {
    const [pos, opts] = splitOptions(rest, ['high', 'size', 'dtype', 'endpoint'], 'integers');
    const high = pos[0] ?? opts.high;
    const size = pos[1] ?? opts.size;
    const explicit = opts.dtype !== undefined;
    const dtype = explicit ? boundedDType(opts.dtype, 'integers') : 'int64';
    return boundedIntegers(this._bg, low, high, size, dtype, false, opts.endpoint === true, explicit);
  }

  /** Standard normal draws by NumPy's ziggurat, float64 or float32 (`{dtype}`). */
  standardNormal(): number;
  standardNormal(size: Shape, opts?: { dtype?: 'float64' | 'float32' }): NDArray;
  standardNormal(...args: unknown[]): number | NDArray;
  standardNormal(...args: unknown[]): number | NDArray {
    const [pos, opts] = splitOptions(args, ['size', 'dtype'], 'standardNormal');
    const shape = sizeShape(pos[0] ?? opts.size);
    const dtype = floatDType(opts.dtype, 'standard_normal');
    const bg = this._bg;
    const f = dtype === 'float32' ? standardNormalF : standardNormal;
    if (shape === null) return f(bg);
    const { arr, start } = newOut(shape, dtype);
    const d = arr._data as Float64Array | Float32Array;
    if (pcgNative(this.bitGenerator._engine, dtype === 'float32' ? FillKind.PcgStdNormalF : FillKind.PcgStdNormal, d, start, arr.size)) return arr;
    for (let i = start, end = start + arr.size; i < end; i++) d[i] = f(bg);
    return arr;
  }

  /** normal(loc=0, scale=1, size): loc + scale * standard normal (ziggurat). */
  normal(loc?: number, scale?: number): number;
  normal(loc: number | NDArrayLike, scale: number | NDArrayLike, size?: Shape): NDArray<'float64'>;
  normal(...args: unknown[]): number | NDArray<'float64'>;
  normal(...args: unknown[]): number | NDArray<'float64'> {
    const [pos, opts] = splitOptions(args, ['loc', 'scale', 'size'], 'normal');
    const loc = pos[0] ?? opts.loc ?? 0.0;
    const scale = pos[1] ?? opts.scale ?? 1.0;
    const size = (pos[2] ?? opts.size) as Size;
    const bg = this._bg;
    return cont(size, [
      { value: loc, name: 'loc', cons: 'none' },
      { value: scale, name: 'scale', cons: 'nonNegative' },
    ], (l, s) => l + s * standardNormal(bg), (out, start, n, l, s) => {
      if (pcgNative(this.bitGenerator._engine, FillKind.PcgNormal, out, start, n, l, s)) return;
      for (let i = start, end = start + n; i < end; i++) out[i] = l + s * standardNormal(bg);
    });
  }

  /** uniform(low=0, high=1, size): low + (high - low) * random(); high < low is an error. */
  uniform(low?: number, high?: number): number;
  uniform(low: number | NDArrayLike, high: number | NDArrayLike, size?: Shape): NDArray<'float64'>;
  uniform(...args: unknown[]): number | NDArray<'float64'>;
  uniform(...args: unknown[]): number | NDArray<'float64'> {
    const [pos, opts] = splitOptions(args, ['low', 'high', 'size'], 'uniform');
    const low = pos[0] ?? opts.low ?? 0.0;
    const high = pos[1] ?? opts.high ?? 1.0;
    const size = (pos[2] ?? opts.size) as Size;
    const bg = this._bg;
    return uniformImpl(low, high, size, true, (out, start, n, lo, range) => {
      if (pcgNative(this.bitGenerator._engine, FillKind.PcgUniform, out, start, n, lo, range)) return;
      for (let i = start, end = start + n; i < end; i++) out[i] = lo + range * bg.nextDouble();
    }, () => bg.nextDouble());
  }

  /** exponential(scale=1, size): scale * standard exponential (ziggurat). */
  exponential(scale?: number): number;
  exponential(scale: number | NDArrayLike, size?: Shape): NDArray<'float64'>;
  exponential(...args: unknown[]): number | NDArray<'float64'>;
  exponential(...args: unknown[]): number | NDArray<'float64'> {
    const [pos, opts] = splitOptions(args, ['scale', 'size'], 'exponential');
    const scale = pos[0] ?? opts.scale ?? 1.0;
    const size = (pos[1] ?? opts.size) as Size;
    const bg = this._bg;
    return cont(size, [{ value: scale, name: 'scale', cons: 'nonNegative' }],
      (s) => s * standardExponential(bg), (out, start, n, s) => {
        if (pcgNative(this.bitGenerator._engine, FillKind.PcgExponential, out, start, n, s)) return;
        for (let i = start, end = start + n; i < end; i++) out[i] = s * standardExponential(bg);
      });
  }

  /** Standard exponential draws (ziggurat), float64. */
  standardExponential(): number;
  standardExponential(size: Shape): NDArray<'float64'>;
  standardExponential(...args: unknown[]): number | NDArray<'float64'>;
  standardExponential(...args: unknown[]): number | NDArray<'float64'> {
    const [pos, opts] = splitOptions(args, ['size'], 'standardExponential');
    return this.exponential(1.0, pos[0] ?? opts.size ?? null);
  }

  /**
   * A random sample of `a` (an array-like, or an integer n meaning arange(n)), with NumPy's
   * Generator algorithms (`{replace, p, axis, shuffle}`).
   */
  choice(a: number | bigint): number;
  choice(a: number | bigint | NDArrayLike, size: Shape, opts?: { replace?: boolean; p?: NDArrayLike; axis?: number; shuffle?: boolean }): NDArray;
  choice(a: number | bigint | NDArrayLike, ...rest: unknown[]): number | bigint | boolean | NDArray;
  choice(a: number | bigint | NDArrayLike, ...rest: unknown[]): number | bigint | boolean | NDArray {
    const [pos, opts] = splitOptions(rest, ['size', 'replace', 'p', 'axis', 'shuffle'], 'choice');
    const size = (pos[0] ?? opts.size) as Size;
    const replace = (pos[1] ?? opts.replace ?? true) as boolean;
    const pIn = pos[2] ?? opts.p;
    const axisIn = (pos[3] ?? opts.axis ?? 0) as number;
    const doShuffle = (pos[4] ?? opts.shuffle ?? true) as boolean;
    const bg = this._bg;
    let arr: NDArray | null = null;
    let popSize: number;
    let axis = 0;
    const shapeOrNull = sizeShape(size);
    const sizeProd = shapeOrNull === null ? 1 : shapeOrNull.reduce((x, y) => x * y, 1);
    if (typeof a === 'number' || typeof a === 'bigint' || (a instanceof NDArray && a.ndim === 0)) {
      const v = a instanceof NDArray ? a.item() : a;
      if (typeof v !== 'bigint' && !(typeof v === 'number' && Number.isInteger(v))) {
        argError(`a must be a sequence or an integer, not ${describe(a)}`);
      }
      popSize = Number(v);
      if (popSize <= 0 && sizeProd !== 0) argError('a must be a positive integer unless no samples are taken');
    } else {
      arr = asarray(a as NDArrayLike);
      axis = normalizeAxis(axisIn, arr.ndim);
      popSize = arr.shape[axis]!;
      if (popSize === 0 && sizeProd !== 0) argError('a cannot be empty unless no samples are taken');
    }
    const p = pIn === undefined || pIn === null ? null : checkChoiceP(pIn, popSize, false);
    const isScalar = shapeOrNull === null;
    const shape = shapeOrNull ?? [];
    const n = sizeProd;
    let idx: Float64Array;
    if (replace) {
      if (p !== null) {
        const cdf = normalizedCdf(p);
        idx = new Float64Array(n);
        for (let i = 0; i < n; i++) idx[i] = searchRight(cdf, bg.nextDouble());
      } else {
        const r = boundedIntegers(bg, 0, popSize, shape, 'int64', false, false, true) as NDArray;
        idx = Float64Array.from(r.toTypedArray() as BigInt64Array, Number);
      }
    } else {
      if (n > popSize) argError('Cannot take a larger sample than population when replace is False');
      if (p !== null) {
        let nonzero = 0;
        for (const v of p) if (v > 0) nonzero++;
        if (nonzero < n) argError('Fewer non-zero entries in p than size');
        idx = new Float64Array(n);
        let nUniq = 0;
        const pc = p.slice();
        while (nUniq < n) {
          const m = n - nUniq;
          const x = new Float64Array(m);
          for (let i = 0; i < m; i++) x[i] = bg.nextDouble();
          if (nUniq > 0) for (let i = 0; i < nUniq; i++) pc[idx[i]!] = 0;
          const cdf = normalizedCdf(pc);
          const seen = new Set<number>();
          for (let i = 0; i < m; i++) {
            const v = searchRight(cdf, x[i]!);
            if (!seen.has(v)) { seen.add(v); idx[nUniq++] = v; }
          }
        }
      } else {
        const cutoff = doShuffle ? 50 : 20;
        if (popSize > 10000 && n > Math.floor(popSize / cutoff)) {
          // Tail shuffle: the last n entries of a partial Fisher–Yates over arange(popSize).
          const all = new Float64Array(popSize);
          for (let i = 0; i < popSize; i++) all[i] = i;
          shuffleIntTail(bg, all, popSize, Math.max(popSize - n, 1));
          idx = all.slice(popSize - n);
        } else {
          // Floyd's algorithm with an open-addressing hash set.
          idx = new Float64Array(n);
          const mask = genMaskAny(Math.floor(1.2 * n));
          const hash = new Float64Array(mask + 1).fill(-1);
          for (let j = popSize - n; j < popSize; j++) {
            const val = boundedLemire(bg, j);
            let loc = val % (mask + 1);
            while (hash[loc] !== -1 && hash[loc] !== val) loc = (loc + 1) & mask;
            if (hash[loc] === -1) {
              hash[loc] = val;
              idx[j - popSize + n] = val;
            } else {
              loc = j % (mask + 1);
              while (hash[loc] !== -1) loc = (loc + 1) & mask;
              hash[loc] = j;
              idx[j - popSize + n] = j;
            }
          }
          if (doShuffle) shuffleIntTail(bg, idx, n, 1);
        }
      }
    }
    if (arr === null) {
      if (isScalar) return idx[0]!;
      return int64Array(idx, shape);
    }
    if (isScalar && arr.ndim === 1) return arr.get(idx[0]!) as number | bigint | boolean;
    return takeAlong(arr, idx, shape, axis);
  }

  /**
   * A permuted copy: permutation(n) is a shuffled arange(n) (int64); an array is copied and
   * shuffled along `axis` (default 0).
   */
  permutation(x: number | bigint | NDArrayLike, opts?: { axis?: number }): NDArray {
    if (typeof x === 'number' || typeof x === 'bigint') {
      const a = arange(typeof x === 'bigint' ? x : Number(x), { dtype: 'int64' });
      this.shuffle(a);
      return a;
    }
    const a = asarray(x as NDArrayLike);
    const axis = normalizeAxis(opts?.axis ?? 0, a.ndim);
    if (a.ndim === 1) {
      const c = a.copy();
      this.shuffle(c);
      return c;
    }
    const idx = arange(a.shape[axis]!, { dtype: 'int64' });
    this.shuffle(idx);
    return takeAlong(a, Float64Array.from(idx.toTypedArray() as BigInt64Array, Number), [a.shape[axis]!], axis);
  }

  /** Shuffles in place along `axis` (default 0). */
  shuffle(x: NDArray | unknown[], opts?: { axis?: number }): void {
    const bg = this._bg;
    if (x instanceof NDArray && x.ndim === 0) fail('ERR_NUMNODE_AXIS', RangeError, 'axis 0 is out of bounds for array of dimension 0');
    shuffleInPlace(x, opts?.axis ?? 0, (i) => randomInterval(bg, i));
  }
}

/** gen_mask for values below 2**53. */
function genMaskAny(max: number): number {
  if (max <= 0xffffffff) return genMask32(max);
  let m = 1;
  while (m - 1 < max) m *= 2;
  return m - 1;
}

/** _shuffle_int: Fisher–Yates over data[0..n) from the top down to `first`, Lemire draws. */
function shuffleIntTail(bg: BitGen, data: Float64Array, n: number, first: number): void {
  for (let i = n - 1; i >= first; i--) {
    const j = boundedLemire(bg, i);
    const t = data[j]!;
    data[j] = data[i]!;
    data[i] = t;
  }
}

function floatDType(d: unknown, fn: string): 'float32' | 'float64' {
  if (d === undefined || d === null || d === 'float64' || d === 'f8' || d === 'double' || d === 'float') return 'float64';
  if (d === 'float32' || d === 'f4' || d === 'single') return 'float32';
  return typeError(`Unsupported dtype ${typeof d === 'string' ? `'${d}'` : describe(d)} for ${fn}`);
}

/** np.random.default_rng(seed): a Generator on PCG64 seeded through SeedSequence. */
export function defaultRng(seed?: SeedLike | PCG64 | Generator): Generator {
  if (seed instanceof Generator) return seed;
  if (seed instanceof PCG64) return new Generator(seed);
  return new Generator(new PCG64(seed));
}

