// np.random's legacy interface: RandomState on MT19937 with NumPy's legacy seeding, the
// polar Gaussian with its cached second value, masked-rejection integers, and NumPy's
// choice/permutation/shuffle, each consuming the stream as NumPy 2.x's mtrand.pyx does.
import { fail } from '../core/errors';
import { NDArray, bytesOf, checkOptions } from '../core/ndarray';
import { arange, asarray, array, type ArrayLike as NDArrayLike } from '../core/creation';
import { describe } from '../core/shape';
import { MT19937, MT_N } from './mt19937';
import { LegacyGauss, randomInterval } from './distributions';
import { SeedSequence } from './seedsequence';
import {
  Size, Shape, argError, checkChoiceP, cont, int64Array, newOut, normalizedCdf, searchRight, sizeShape, takeAlong,
  toDouble, typeError,
} from './common';
import { boundedDType, boundedIntegers, type IntegerResult } from './integers';
import { shuffleInPlace, splitOptions } from './shuffle';
import { FillKind, nativeFill } from './native';

export type LegacySeed = number | bigint | readonly (number | bigint)[] | NDArrayLike | null | undefined;

/** The legacy state tuple of get_state(): ['MT19937', key, pos, hasGauss, gauss]. */
export type LegacyStateTuple = [string, NDArray, number, number, number];

export interface LegacyStateDict {
  bitGenerator: 'MT19937';
  state: { key: NDArray | Uint32Array | readonly number[]; pos: number };
  hasGauss?: number;
  gauss?: number;
}

/** NumPy's RandomState: MT19937 with the legacy seeding and distributions. */
export class RandomState {
  /** @internal */ readonly _mt = new MT19937();
  /** @internal */ readonly _gauss = new LegacyGauss();

  constructor(seed?: LegacySeed) {
    this.seed(seed);
  }

  /**
   * Reseeds: an integer in [0, 2**32) uses MT19937's Knuth initialiser (NumPy's
   * `mt19937_seed`); a 1-d array of such integers uses `init_by_array`; nothing draws fresh
   * entropy from the OS through SeedSequence.
   */
  seed(seed?: LegacySeed): void {
    const mt = this._mt;
    let s: unknown = seed;
    if (s instanceof NDArray) s = s.squeeze();
    if (s instanceof NDArray && s.ndim === 0) s = s.item();
    if (s === undefined || s === null) {
      const val = new SeedSequence().generateState(MT_N, 'uint32');
      mt.key.set(val);
      mt.key[0] = 0x80000000;
      mt.pos = MT_N;
    } else if (typeof s === 'bigint' || (typeof s === 'number' && Number.isInteger(s)) || typeof s === 'boolean') {
      const v = typeof s === 'boolean' ? (s ? 1n : 0n) : BigInt(s);
      if (v < 0n || v > 0xffffffffn) argError('Seed must be between 0 and 2**32 - 1');
      mt.seed(Number(v));
    } else {
      if (typeof s === 'number') {
        typeError("Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'");
      }
      if (typeof s === 'string' || typeof s !== 'object') typeError(`seed must be an integer or an array of integers, got ${describe(s)}`);
      const a = asarray(s as NDArrayLike);
      if (a.size === 0) argError('Seed must be non-empty');
      if (a.dtype === 'float32' || a.dtype === 'float64') {
        typeError(`Cannot cast array data from dtype('${a.dtype}') to dtype('int64') according to the rule 'safe'`);
      }
      if (a.ndim !== 1) argError('Seed array must be 1-d');
      const vals = Array.from(a.toTypedArray() as ArrayLike<number | bigint>, (v) => BigInt(v));
      if (vals.some((v) => v < 0n || v > 0xffffffffn)) argError('Seed must be between 0 and 2**32 - 1');
      mt.initByArray(vals.map((v) => Number(v)));
    }
    this._gauss.hasGauss = 0;
    this._gauss.gauss = 0.0;
  }

  /**
   * The generator state: by default NumPy's legacy tuple ['MT19937', key (uint32 array of 624),
   * pos, hasGauss, cachedGaussian]; with {legacy: false} a dict.
   */
  getState(opts?: { legacy?: true }): LegacyStateTuple;
  getState(opts: { legacy: false }): LegacyStateDict;
  getState(opts: { legacy?: boolean } = {}): LegacyStateTuple | LegacyStateDict {
    checkOptions(opts, ['legacy'], 'getState');
    const key = array(new Uint32Array(this._mt.key));
    if (opts.legacy === false) {
      return { bitGenerator: 'MT19937', state: { key, pos: this._mt.pos }, hasGauss: this._gauss.hasGauss, gauss: this._gauss.gauss };
    }
    return ['MT19937', key, this._mt.pos, this._gauss.hasGauss, this._gauss.gauss];
  }

  /** Restores a state from getState() (tuple or dict; snake_case keys from Python are accepted too). */
  setState(state: LegacyStateTuple | LegacyStateDict | readonly unknown[] | Record<string, unknown>): void {
    let key: unknown, pos: unknown, hasGauss: unknown = 0, gauss: unknown = 0.0;
    if (Array.isArray(state)) {
      if (state[0] !== 'MT19937') argError('set_state can only be used with legacy MT19937 state instances.');
      if (state.length < 3) argError('state tuple must have at least 3 items');
      [, key, pos] = state;
      if (state.length > 3) { hasGauss = state[3]; gauss = state[4]; }
    } else if (state !== null && typeof state === 'object') {
      const d = state as Record<string, unknown>;
      const bg = d.bitGenerator ?? d.bit_generator;
      if (bg === undefined || d.state === undefined) argError('state dictionary is not valid.');
      if (bg !== 'MT19937') argError('state must be for a MT19937 PRNG');
      const st = d.state as Record<string, unknown>;
      key = st.key; pos = st.pos;
      hasGauss = d.hasGauss ?? d.has_gauss ?? 0;
      gauss = d.gauss ?? 0.0;
    } else {
      typeError('state must be a dict or a tuple.');
    }
    const k = asarray(key as NDArrayLike);
    if (k.size !== MT_N) argError(`state key must have ${MT_N} elements`);
    if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos > MT_N) argError(`state pos must be an integer from 0 to ${MT_N}`);
    const words = k.toTypedArray() as ArrayLike<number | bigint>;
    for (let i = 0; i < MT_N; i++) this._mt.key[i] = Number(BigInt.asUintN(32, BigInt(words[i]!)));
    this._mt.pos = pos;
    this._gauss.hasGauss = Number(hasGauss) ? 1 : 0;
    this._gauss.gauss = Number(gauss);
  }

  /**
   * @internal Runs a fill of n values into out[start..] in the addon when it should;
   * false when the TypeScript loop must do it.
   */
  _native(kind: FillKind, out: Float64Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array, start: number, n: number, a = 0, b = 0): boolean {
    const f = nativeFill(n);
    if (f === null) return false;
    const g = this._gauss;
    const block = this._mt.stateBlock(g.hasGauss, g.gauss);
    f(kind, block, bytesOf(out.buffer), start * out.BYTES_PER_ELEMENT, n, out.BYTES_PER_ELEMENT, a, b, 0, 0, 0);
    [g.hasGauss, g.gauss] = this._mt.stateFromBlock();
    return true;
  }

  // ---- uniform floats ------------------------------------------------------------------

  /** Floats in [0, 1) (np.random.random_sample). */
  randomSample(): number;
  randomSample(size: Shape): NDArray<'float64'>;
  randomSample(...args: unknown[]): number | NDArray<'float64'>;
  randomSample(...args: unknown[]): number | NDArray<'float64'> {
    const [pos, opts] = splitOptions(args, ['size'], 'randomSample');
    const shape = sizeShape(pos[0] ?? opts.size);
    if (shape === null) return this._mt.nextDouble();
    const { arr, start } = newOut(shape, 'float64');
    if (!this._native(FillKind.MtDouble, arr._data, start, arr.size)) this._mt.fillDouble(arr._data, start, arr.size);
    return arr;
  }

  /** Alias of randomSample (np.random.random). */
  random(): number;
  random(size: Shape): NDArray<'float64'>;
  random(...args: unknown[]): number | NDArray<'float64'>;
  random(...args: unknown[]): number | NDArray<'float64'> {
    return this.randomSample(...args);
  }

  /** rand(d0, d1, …): floats in [0, 1) of that shape; rand() is one float. */
  rand(): number;
  rand(d0: number, ...dims: number[]): NDArray<'float64'>;
  rand(...dims: number[]): number | NDArray<'float64'>;
  rand(...dims: number[]): number | NDArray<'float64'> {
    return this.randomSample(dims.length === 0 ? null : dims);
  }

  /** uniform(low=0, high=1, size): low + (high - low) * random_sample(). */
  uniform(low?: number, high?: number): number;
  uniform(low: number | NDArrayLike, high: number | NDArrayLike, size?: Shape): NDArray<'float64'>;
  uniform(...args: unknown[]): number | NDArray<'float64'>;
  uniform(...args: unknown[]): number | NDArray<'float64'> {
    const [pos, opts] = splitOptions(args, ['low', 'high', 'size'], 'uniform');
    const low = pos[0] ?? opts.low ?? 0.0;
    const high = pos[1] ?? opts.high ?? 1.0;
    const size = (pos[2] ?? opts.size) as Size;
    const mt = this._mt;
    return uniformImpl(low, high, size, false, (out, start, n, lo, range) => {
      if (this._native(FillKind.MtUniform, out, start, n, lo, range)) return;
      for (let i = start, end = start + n; i < end; i++) out[i] = lo + range * mt.nextDouble();
    }, () => mt.nextDouble());
  }

  // ---- normal --------------------------------------------------------------------------

  /** Standard normal draws (NumPy's legacy polar method, caching the second value). */
  standardNormal(): number;
  standardNormal(size: Shape): NDArray<'float64'>;
  standardNormal(...args: unknown[]): number | NDArray<'float64'>;
  standardNormal(...args: unknown[]): number | NDArray<'float64'> {
    const [pos, opts] = splitOptions(args, ['size'], 'standardNormal');
    const shape = sizeShape(pos[0] ?? opts.size);
    const mt = this._mt, g = this._gauss;
    if (shape === null) return g.next(mt);
    const { arr, start } = newOut(shape, 'float64');
    const data = arr._data;
    if (this._native(FillKind.MtGauss, data, start, arr.size)) return arr;
    for (let i = start, end = start + arr.size; i < end; i++) data[i] = g.next(mt);
    return arr;
  }

  /** randn(d0, d1, …): standard normal draws of that shape; randn() is one draw. */
  randn(): number;
  randn(d0: number, ...dims: number[]): NDArray<'float64'>;
  randn(...dims: number[]): number | NDArray<'float64'>;
  randn(...dims: number[]): number | NDArray<'float64'> {
    return this.standardNormal(dims.length === 0 ? null : dims);
  }

  /** normal(loc=0, scale=1, size): loc + scale * standard normal; scale < 0 is an error. */
  normal(loc?: number, scale?: number): number;
  normal(loc: number | NDArrayLike, scale: number | NDArrayLike, size?: Shape): NDArray<'float64'>;
  normal(...args: unknown[]): number | NDArray<'float64'>;
  normal(...args: unknown[]): number | NDArray<'float64'> {
    const [pos, opts] = splitOptions(args, ['loc', 'scale', 'size'], 'normal');
    const loc = pos[0] ?? opts.loc ?? 0.0;
    const scale = pos[1] ?? opts.scale ?? 1.0;
    const size = (pos[2] ?? opts.size) as Size;
    const mt = this._mt, g = this._gauss;
    return cont(size, [
      { value: loc, name: 'loc', cons: 'none' },
      { value: scale, name: 'scale', cons: 'nonNegative' },
    ], (l, s) => l + s * g.next(mt), (out, start, n, l, s) => {
      if (this._native(FillKind.MtNormal, out, start, n, l, s)) return;
      for (let i = start, end = start + n; i < end; i++) out[i] = l + s * g.next(mt);
    });
  }

  // ---- integers ------------------------------------------------------------------------

  /**
   * Integers in [low, high) (high omitted: [0, low)), NumPy's masked rejection, for every
   * integer dtype and bool (`{dtype}`, default int64). Empty ranges are errors, as in NumPy.
   */
  randint(low: number | bigint, high?: number | bigint | null): number;
  randint(low: number | bigint | NDArrayLike, high: number | bigint | NDArrayLike | null | undefined, size: Shape, opts?: { dtype?: string }): NDArray;
  randint(low: number | bigint | NDArrayLike, ...rest: unknown[]): IntegerResult;
  randint(low: number | bigint | NDArrayLike, ...rest: unknown[]): IntegerResult {
    const [pos, opts] = splitOptions(rest, ['high', 'size', 'dtype'], 'randint');
    const high = pos[0] ?? opts.high;
    const size = pos[1] ?? opts.size;
    const explicit = opts.dtype !== undefined;
    const dtype = explicit ? boundedDType(opts.dtype, 'randint') : 'int64';
    return boundedIntegers(this._mt, low, high, size, dtype, true, false, explicit);
  }

  // ---- sequences -----------------------------------------------------------------------

  /**
   * A random sample of `a` (an array-like, or an integer n meaning arange(n)), NumPy's
   * legacy algorithms: with replacement randint or inverse-cdf on random_sample; without
   * replacement a permutation prefix, or repeated inverse-cdf draws with p.
   */
  choice(a: number | bigint): number;
  choice(a: number | bigint | NDArrayLike, size: Shape, opts?: { replace?: boolean; p?: NDArrayLike }): NDArray;
  choice(a: number | bigint | NDArrayLike, ...rest: unknown[]): number | bigint | boolean | NDArray;
  choice(a: number | bigint | NDArrayLike, ...rest: unknown[]): number | bigint | boolean | NDArray {
    const [pos, opts] = splitOptions(rest, ['size', 'replace', 'p'], 'choice');
    const size = (pos[0] ?? opts.size) as Size;
    const replace = (pos[1] ?? opts.replace ?? true) as boolean;
    const pIn = pos[2] ?? opts.p;
    let arr: NDArray | null = null;
    let popSize: number;
    const sizeProd = size === undefined || size === null ? 1
      : (Array.isArray(size) ? (size as number[]).reduce((x, y) => x * y, 1) : size as number);
    if (typeof a === 'number' || typeof a === 'bigint' || (a instanceof NDArray && a.ndim === 0)) {
      const v = a instanceof NDArray ? a.item() : a;
      if (typeof v !== 'bigint' && !(typeof v === 'number' && Number.isInteger(v))) argError('a must be 1-dimensional or an integer');
      popSize = Number(v);
      if (popSize <= 0 && sizeProd !== 0) argError('a must be greater than 0 unless no samples are taken');
    } else {
      arr = asarray(a as NDArrayLike);
      if (arr.ndim !== 1) argError('a must be 1-dimensional');
      popSize = arr.shape[0]!;
      if (popSize === 0 && sizeProd !== 0) argError("'a' cannot be empty unless no samples are taken");
    }
    const p = pIn === undefined || pIn === null ? null : checkChoiceP(pIn, popSize, true);
    const shape = sizeShape(size) ?? [];
    const isScalar = size === undefined || size === null;
    const n = shape.reduce((x, y) => x * y, 1);
    let idx: Float64Array;
    if (replace) {
      if (p !== null) {
        const cdf = normalizedCdf(p);
        const u = this.randomSample(shape);
        idx = new Float64Array(n);
        if (typeof u === 'number') idx[0] = searchRight(cdf, u);
        else { const ud = u.toTypedArray() as Float64Array; for (let i = 0; i < n; i++) idx[i] = searchRight(cdf, ud[i]!); }
      } else {
        const r = boundedIntegers(this._mt, 0, popSize, shape, 'int64', true, false, true) as NDArray;
        idx = Float64Array.from(r.toTypedArray() as BigInt64Array, Number);
      }
    } else {
      if (n > popSize) argError("Cannot take a larger sample than population when 'replace=False'");
      if (n < 0) argError('Negative dimensions are not allowed');
      if (p !== null) {
        let nonzero = 0;
        for (const v of p) if (v > 0) nonzero++;
        if (nonzero < n) argError('Fewer non-zero entries in p than size');
        idx = new Float64Array(n);
        let nUniq = 0;
        const pc = p.slice();
        while (nUniq < n) {
          const x = this.randomSample([n - nUniq]) as NDArray;
          const xd = x.toTypedArray() as Float64Array;
          if (nUniq > 0) for (let i = 0; i < nUniq; i++) pc[idx[i]!] = 0;
          const cdf = normalizedCdf(pc);
          const seen = new Set<number>();
          for (let i = 0; i < xd.length; i++) {
            const v = searchRight(cdf, xd[i]!);
            if (!seen.has(v)) { seen.add(v); idx[nUniq++] = v; }
          }
        }
      } else {
        const perm = this.permutation(popSize) as NDArray<'int64'>;
        const pd = perm.toTypedArray() as BigInt64Array;
        idx = new Float64Array(n);
        for (let i = 0; i < n; i++) idx[i] = Number(pd[i]!);
      }
    }
    if (arr === null) {
      if (isScalar) return idx[0]!;
      return int64Array(idx, shape);
    }
    if (isScalar) return arr.get(idx[0]!) as number | bigint | boolean;
    return takeAlong(arr, idx, shape, 0);
  }

  /**
   * A permuted copy: permutation(n) is a shuffled arange(n) (int64); an array is copied and
   * shuffled along its first axis.
   */
  permutation(x: number | bigint | NDArrayLike): NDArray {
    if (typeof x === 'number' || typeof x === 'bigint') {
      const a = arange(typeof x === 'bigint' ? x : Number(x), { dtype: 'int64' });
      this.shuffle(a);
      return a;
    }
    const a = asarray(x as NDArrayLike);
    if (a.ndim < 1) fail('ERR_NUMNODE_INDEX', RangeError, 'x must be an integer or at least 1-dimensional');
    if (a.ndim === 1) {
      const c = a.copy();
      this.shuffle(c);
      return c;
    }
    const idx = arange(a.shape[0]!, { dtype: 'int64' });
    this.shuffle(idx);
    return takeAlong(a, Float64Array.from(idx.toTypedArray() as BigInt64Array, Number), [a.shape[0]!], 0);
  }

  /**
   * Shuffles in place along the first axis (Fisher–Yates with NumPy's random_interval): an
   * NDArray, or a plain JS array (NumPy shuffles Python lists the same way).
   */
  shuffle(x: NDArray | unknown[]): void {
    if (!(x instanceof NDArray) && !Array.isArray(x)) typeError(`shuffle() needs an NDArray or a JS array to shuffle in place, got ${describe(x)}`);
    shuffleInPlace(x, 0, (i) => randomInterval(this._mt, i));
  }

}

/** uniform() for both generators: scalar fast path, else broadcast (high - low must be finite). */
export function uniformImpl(
  low: unknown, high: unknown, size: Size, checkRange: boolean,
  fill: (out: Float64Array, start: number, n: number, lo: number, range: number) => void,
  next: () => number,
): number | NDArray<'float64'> {
  const scalar = (x: unknown) => typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' || (x instanceof NDArray && x.ndim === 0);
  if (scalar(low) && scalar(high)) {
    const lo = toDouble(low, 'low');
    const range = toDouble(high, 'high') - lo;
    if (!Number.isFinite(range)) argError(checkRange ? 'high - low range exceeds valid bounds' : 'Range exceeds valid bounds');
    return cont(size, [
      { value: lo, name: 'low', cons: 'none' },
      { value: range, name: 'high - low', cons: checkRange ? 'nonNegative' : 'none' },
    ], (l, r) => l + r * next(), fill);
  }
  const lo = asarray(low as NDArrayLike, { dtype: 'float64' });
  const hi = asarray(high as NDArrayLike, { dtype: 'float64' });
  const bshape = broadcastPair(lo, hi);
  const loB = lo.broadcastTo(bshape).toTypedArray() as Float64Array;
  const hiB = hi.broadcastTo(bshape).toTypedArray() as Float64Array;
  const range = new Float64Array(loB.length);
  for (let i = 0; i < range.length; i++) {
    range[i] = hiB[i]! - loB[i]!;
    if (!Number.isFinite(range[i]!)) argError(checkRange ? 'high - low range exceeds valid bounds' : 'Range exceeds valid bounds');
  }
  return cont(size, [
    { value: array(loB).reshape(bshape), name: 'low', cons: 'none' },
    { value: array(range).reshape(bshape), name: 'high - low', cons: checkRange ? 'nonNegative' : 'none' },
  ], (l, r) => l + r * next());
}

function broadcastPair(a: NDArray, b: NDArray): number[] {
  const nd = Math.max(a.ndim, b.ndim);
  const out: number[] = [];
  for (let i = 0; i < nd; i++) {
    const x = a.shape[a.ndim - nd + i] ?? 1;
    const y = b.shape[b.ndim - nd + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) fail('ERR_NUMNODE_BROADCAST', RangeError, 'shape mismatch: objects cannot be broadcast to a single shape.');
    out.push(x === 1 ? y : x);
  }
  return out;
}
