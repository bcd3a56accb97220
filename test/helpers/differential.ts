// The differential runner (issue 9, item 1): replays the random cases of
// scripts/gen-differential-fixtures.py in numnode and compares every outcome with
// NumPy's. The fixture stores view recipes, not data: array operands are rebuilt here
// from the same 32-bit value hash the generator uses (valueAt, checked against the
// fixture's hash_check), so both sides see identical strided views.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';
import { ROOT, canon } from './fixtures';
import { Step, Item } from './fixtures';
import { applySteps } from './layouts';
import { APPROX_OPS, ULP_TOLERANCE, ulpDistance } from './elementwise';

export const DIFF_GENERATOR = join(ROOT, 'scripts', 'gen-differential-fixtures.py');
export const DIFF_FIXTURE = join(ROOT, 'test', 'fixtures', 'differential.json');

export type ViewSpec = { v: [DType, number, number, Step[]] };
export interface Enc { d: DType; s: number[]; b: string; sc?: 1; m?: number[] }
export type Expected = Enc | { str: string } | Expected[];
export interface DiffCase {
  f: string;
  op: string;
  a: unknown[];
  k: Record<string, unknown>;
  r?: Expected;
  e?: [string, string, string];
  crash?: number;
}
export interface DiffFixture {
  generator: string;
  numpy_version: string;
  seed: number;
  hash_check: { seed: number; values: number[]; float64: string[]; int64: string[] };
  /** NumPy's promotion tables (test/properties.test.ts). */
  promotion?: { promote: Record<string, string>; can_cast: Record<string, string>; weak: Record<string, string[]> };
  cases: DiffCase[];
}

export function loadDiffFixture(path = DIFF_FIXTURE): DiffFixture {
  return JSON.parse(readFileSync(path, 'utf8')) as DiffFixture;
}

/** Runs the generator (NumPy in child processes of its own) with a seed into `out`. */
export function runDiffGenerator(seed: number, out: string, count: number, extra: string[] = []): void {
  // Without the sanitizer runtimes `npm run test:asan` preloads for the addon: under
  // ASan, a Python child that segfaults on purpose (--self-test-crash) would print an
  // ASan report and exit 1 instead of dying by its signal.
  const { LD_PRELOAD: _preload, ...env } = process.env;
  const r = spawnSync('python3', [DIFF_GENERATOR, '--seed', String(seed), '--count', String(count), '--out', out, ...extra], {
    encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'ignore', 'pipe'], env,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`generator exited with ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
}

// ---- the shared value hash (gen-differential-fixtures.py: mix32 / value_at) -----------

export function mix32(x: number): number {
  x >>>= 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  int8: [-128n, 127n], uint8: [0n, 255n], int16: [-32768n, 32767n], uint16: [0n, 65535n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n], uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n], uint64: [0n, 2n ** 64n - 1n],
};

export function valueAt(dtype: DType, seed: number, i: number): number | bigint | boolean {
  const r = mix32((seed + Math.imul(i, 0x9e3779b9)) >>> 0);
  if (dtype === 'bool') return (r & 1) === 1;
  const big = dtype === 'int64' || dtype === 'uint64';
  if (dtype !== 'float32' && dtype !== 'float64') {
    const [lo, hi] = INT_RANGE[dtype]!;
    const sel = r % 16;
    let v: bigint;
    if (sel === 0) v = lo;
    else if (sel === 1) v = hi;
    else v = BigInt(((r >>> 4) % 21) - (dtype.startsWith('u') ? 0 : 10));
    return big ? v : Number(v);
  }
  const sel = r % 64;
  if (sel === 0) return NaN;
  if (sel === 1) return Infinity;
  if (sel === 2) return -Infinity;
  if (sel === 3) return -0;
  if (sel === 4 && (r >>> 6) % 4 === 0) return (r >>> 8) & 1 ? 1e30 : -1e30;
  return (((r >>> 6) % 2001) - 1000) / 64;
}

export function baseValues(dtype: DType, seed: number, n: number): (number | bigint | boolean)[] {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = valueAt(dtype, seed, i);
  return out;
}

export function buildView(spec: ViewSpec): NDArray {
  const [dtype, seed, n, steps] = spec.v;
  return applySteps(np.array(baseValues(dtype, seed, n) as never, { dtype }), steps).a;
}

// ---- arguments and the one-line reproduction ------------------------------------------

function lit(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : String(v);
  return JSON.stringify(v);
}

function itemText(it: Item): string {
  if (it === null) return 'null';
  if (typeof it === 'number' || it === '...') return JSON.stringify(it);
  const [a, b, c] = it.slice;
  const f = (x: number | null) => (x === null ? '' : String(x));
  return `'${f(a)}:${f(b)}${c === null ? '' : `:${c}`}'`;
}

/** The TS expression that builds a view operand (values inlined). */
export function viewExpr(spec: ViewSpec): string {
  const [dtype, seed, n, steps] = spec.v;
  let e = `np.array([${baseValues(dtype, seed, n).map(lit).join(',')}], {dtype: '${dtype}'})`;
  for (const st of steps) {
    if (st.op === 'reshape') e += `.reshape(${JSON.stringify(st.shape)})`;
    else if (st.op === 'slice') e += `.slice(${st.items!.map(itemText).join(', ')})`;
    else if (st.op === 'transpose') e += st.axes == null ? '.transpose()' : `.transpose(${JSON.stringify(st.axes)})`;
    else if (st.op === 'broadcast_to') e = `np.broadcastTo(${e}, ${JSON.stringify(st.shape)})`;
  }
  return e;
}

function isObj(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** A fixture argument as numnode takes it, and its source text. */
export function decodeArg(x: unknown): [unknown, string] {
  if (isObj(x)) {
    if ('v' in x) return [buildView(x as ViewSpec), viewExpr(x as ViewSpec)];
    if ('srt' in x) {
      const v = x.srt as ViewSpec;
      return [np.sort(buildView(v)), `np.sort(${viewExpr(v)})`];
    }
    if ('sl' in x) {
      const [a, b, c] = x.sl as (number | null)[];
      return [np.s(a!, b!, c!), `np.s(${a}, ${b}, ${c})`];
    }
    if ('list' in x || 'tuple' in x) {
      const parts = ((x.list ?? x.tuple) as unknown[]).map(decodeArg);
      return [parts.map((p) => p[0]), `[${parts.map((p) => p[1]).join(', ')}]`];
    }
    if ('ix' in x) {
      const dt = x.dt as DType;
      const conv = (v: unknown): unknown => (Array.isArray(v) ? v.map(conv) : dt === 'int64' ? BigInt(v as number) : v);
      const data = conv(x.ix);
      const arr = Array.isArray(data) ? np.array(data as never, { dtype: dt }) : np.array(data as never, { dtype: dt });
      // an empty nested list has no depth information in JS: give it NumPy's shape
      return [arr, `np.array(${JSON.stringify(x.ix)}, {dtype: '${dt}'})`];
    }
    throw new Error(`unknown argument ${JSON.stringify(x)}`);
  }
  return [x, lit(x)];
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const REDUCE = new Set(['sum', 'prod', 'mean', 'std', 'var', 'min', 'max', 'argmin', 'argmax', 'all', 'any',
  'nansum', 'nanmean', 'nanmin', 'nanmax']);

/** numnode's call for a case: [thunk, source text]. */
export function numnodeCall(c: DiffCase): [() => unknown, string] {
  const dec = c.a.map(decodeArg);
  const args = dec.map((d) => d[0]);
  const src = dec.map((d) => d[1]);
  const opts: Record<string, unknown> = {};
  const optText: string[] = [];
  for (const [key, v] of Object.entries(c.k)) {
    const [val, text] = decodeArg(v);
    opts[camel(key)] = val;
    optText.push(`${camel(key)}: ${text}`);
  }
  const hasOpts = Object.keys(opts).length > 0;
  const optSrc = hasOpts ? `, {${optText.join(', ')}}` : '';
  const npx = np as unknown as Record<string, (...a: unknown[]) => unknown>;
  const fn = (name: string, withOpts: boolean): [() => unknown, string] => {
    const f = npx[name];
    if (typeof f !== 'function') throw new Error(`numnode has no np.${name}`);
    const full = withOpts && hasOpts ? [...args, opts] : args;
    return [() => f(...full), `np.${name}(${src.join(', ')}${withOpts ? optSrc : ''})`];
  };
  switch (c.f) {
    case 'unary': case 'binary': return fn(camel(c.op), true);
    case 'creation':
      if (c.op === 'eye') {
        // np.eye(N, M=None, k=0, dtype=...): numnode takes k positionally too
        const { k, ...rest } = opts;
        const full = [args[0], args[1] ?? null, k ?? 0, ...(Object.keys(rest).length ? [rest] : [])];
        return [() => np.eye(...(full as [number])), `np.eye(${full.map((x) => JSON.stringify(x)).join(', ')})`];
      }
      return fn(camel(c.op), true);
    case 'reduce': case 'scan': case 'sort': case 'statistics': return fn(camel(c.op), true);
    case 'linalg':
      if (c.op === 'norm') {
        const full = hasOpts ? [...args, opts] : args;
        return [() => np.linalg.norm(...(full as [never])), `np.linalg.norm(${src.join(', ')}${optSrc})`];
      }
      return fn(c.op, c.op !== 'einsum');
    case 'indexing': {
      if (c.op === 'take') return fn('take', true);
      const [a, ...items] = args;
      return [() => np.index(a as NDArray, ...(items as never[])), `np.index(${src.join(', ')})`];
    }
    case 'manipulation': return fn(camel(c.op), true);
    case 'astype': return [() => (args[0] as NDArray).astype(args[1] as DType), `${src[0]}.astype(${src[1]})`];
    case 'print':
      if (c.op === 'str') return [() => String(args[0]), `String(${src[0]})`];
      return [() => np.arrayRepr(args[0] as NDArray), `np.arrayRepr(${src[0]})`];
    default: throw new Error(`unknown family ${c.f}`);
  }
}

// ---- expected values -------------------------------------------------------------------

const CTOR: Record<DType, { new(b: ArrayBuffer): ArrayLike<unknown> }> = {
  bool: Uint8Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
  float32: Float32Array, float64: Float64Array,
};

export function decodeEnc(e: Enc): unknown[] {
  const bytes = Buffer.from(e.b, 'base64');
  const ab = new ArrayBuffer(bytes.length);
  new Uint8Array(ab).set(bytes);
  const ta = Array.from(new CTOR[e.d](ab));
  return e.d === 'bool' ? ta.map((v) => v === 1) : ta;
}

function jsType(d: DType): string {
  return d === 'bool' ? 'boolean' : d === 'int64' || d === 'uint64' ? 'bigint' : 'number';
}

// ---- comparison rules ------------------------------------------------------------------

const EPS: Record<'float32' | 'float64', number> = { float32: 2 ** -23, float64: 2 ** -52 };
/** Ops whose float results are sums of products: NumPy's pairwise/BLAS order vs numnode's. */
const ACCUMULATE = new Set(['sum', 'mean', 'nansum', 'nanmean', 'std', 'var', 'cumsum', 'matmul', 'dot', 'inner', 'vdot',
  'tensordot', 'trace', 'einsum', 'prod', 'cumprod']);
/** Products that NumPy may hand to BLAS. */
const PRODUCTS = new Set(['matmul', 'dot', 'inner', 'tensordot', 'einsum', 'vdot', 'outer']);
/** Ops that interpolate (order statistics, linspace): a few eps of the inputs' magnitude. */
const INTERP = new Set(['median', 'percentile', 'quantile', 'nanmedian', 'nanpercentile', 'nanquantile', 'linspace', 'histogram']);
/** Ops that order equal values freely: -0 and 0 compare equal (NumPy's sort is not stable). */
const ZERO_FREE = new Set(['sort', 'partition', 'unique', 'median', 'percentile', 'quantile', 'fmax', 'fmin',
  'maximum', 'minimum', 'nanmin', 'nanmax', 'min', 'max', 'searchsorted']);

/** Bound data of the float operands: n = the largest count of inputs that feed one output, mag = their sizes. */
interface Scale { n: number; sumAbs: number; maxAbs: number; prodAbs: number; nonFinite: boolean; float32: boolean; hasZero: boolean }

function floatsOf(a: unknown): number[] {
  if (!(a instanceof np.NDArray)) return typeof a === 'number' ? [a] : [];
  const v = a.size === 0 ? [] : Array.from(a.toTypedArray() as ArrayLike<number | bigint | boolean>, Number);
  return v.filter((x) => Number.isFinite(x));
}

function scaleOf(args: unknown[]): Scale {
  const arrays = args.flatMap((a) => (Array.isArray(a) ? a : [a])).filter((a) => a instanceof np.NDArray) as NDArray[];
  let n = 1;
  let sumAbs = 0;
  let maxAbs = 0;
  let prodAbs = 1;
  let nonFinite = false;
  let float32 = false;
  let hasZero = false;
  for (const a of arrays) {
    if (a.size > 0 && Array.from(a.toTypedArray() as ArrayLike<number | bigint | boolean>, Number).some((x) => x === 0)) hasZero = true;
    if (a.dtype === 'float32') float32 = true;
    if (a.size > 0 && Array.from(a.toTypedArray() as ArrayLike<number | bigint | boolean>, Number).some((x) => !Number.isFinite(x))) nonFinite = true;
    n = Math.max(n, a.size);
    const v = floatsOf(a);
    const s = v.reduce((acc, x) => acc + Math.abs(x), 0);
    sumAbs += s;
    prodAbs *= Math.max(1, s);
    for (const x of v) maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  return { n, sumAbs, maxAbs, prodAbs, nonFinite, float32, hasZero };
}

/** Whether `got` is acceptably close to NumPy's `want` for op/dtype; null if yes, else why. */
function closeEnough(op: string, dtype: DType, got: unknown, want: unknown, sc: () => Scale, ddof = false): string | null {
  if (canon(got) === canon(want)) return null;
  if (typeof got !== 'number' || typeof want !== 'number' || (dtype !== 'float32' && dtype !== 'float64')) return 'differs';
  if (got === 0 && want === 0 && (ZERO_FREE.has(op) || ACCUMULATE.has(op) || INTERP.has(op))) return null;
  if (dtype === 'float32' && Number.isFinite(got) && (want === Infinity || want === -Infinity) && ACCUMULATE.has(op)) {
    // NumPy keeps float32 intermediates (the squares of var/std, running sums), which
    // overflow to inf where numnode's float64 intermediates do not: accepted when the
    // inputs can overflow float32 that way.
    const s = sc();
    const big = op === 'var' || op === 'std' ? s.maxAbs * s.maxAbs : s.n * s.maxAbs;
    if (big > 3.4028234663852886e38) return null;
  }
  if (Number.isNaN(got) && PRODUCTS.has(op) && sc().nonFinite) {
    // BLAS (OpenBLAS's gemm/gemv, as the reference BLAS) skips zero multipliers, so NumPy's
    // float products lose 0*NaN and 0*inf; numnode's NaN is the IEEE result
    return null;
  }
  if ((op === 'prod' || op === 'cumprod') && (Number.isNaN(got) || Number.isNaN(want)) && sc().hasZero) {
    // whether a product overflows to inf before it meets a 0 (inf * 0 = NaN) depends on the
    // order of the multiplications (NumPy's pairwise/unrolled order vs numnode's)
    const other = Number.isNaN(got) ? want : got;
    if (other === 0 || !Number.isFinite(other)) return null;
  }
  if ((op === 'var' || op === 'std') && ddof && (Number.isNaN(got) ? !Number.isFinite(want) : Number.isNaN(want) && !Number.isFinite(got))) {
    // ddof >= n divides by zero: 0/0 (NaN) or x/0 (inf) depending on whether the rounded sum of squares is 0
    return null;
  }
  if (!Number.isFinite(got) || !Number.isFinite(want)) return 'differs';
  if (APPROX_OPS.has(op) && got !== 0 && want !== 0 && ulpDistance(got, want, dtype) <= ULP_TOLERANCE[dtype]) return null;
  // a float64 `out` of a float32 loop (np.log1p(int8 array, {out}): float16 in NumPy, float32 in numnode) holds
  // float32 values: compared in float32 ulps
  if (APPROX_OPS.has(op) && dtype === 'float64' && Math.fround(got) === got && Math.fround(want) === want
    && got !== 0 && want !== 0 && ulpDistance(got, want, 'float32') <= ULP_TOLERANCE.float32) return null;
  const s = sc();
  // an out (or dtype) wider than a float32 input: NumPy may accumulate in the out's type,
  // numnode in the input's; either is within float32's bound
  const eps = ACCUMULATE.has(op) && s.float32 ? EPS.float32 : EPS[dtype];
  let tol = 0;
  if (op === 'prod' || op === 'cumprod') {
    // products: each factor adds half an ulp of relative error, in any order
    tol = 2 * s.n * eps * Math.abs(want);
  } else if (op === 'var' || op === 'std') {
    // two-pass variance: error ~ n eps max|x|^2 (std: its square root, relative to max|x|)
    tol = op === 'var' ? 8 * s.n * eps * s.maxAbs * s.maxAbs : 8 * Math.sqrt(s.n) * eps * s.maxAbs + 8 * s.n * eps * s.maxAbs;
  } else if (op === 'matmul' || op === 'dot' || op === 'inner' || op === 'tensordot' || op === 'einsum') {
    // sums of products in a different order (BLAS blocking, FMA): n eps sum|a| sum|b|
    tol = 4 * s.n * eps * s.prodAbs;
  } else if (ACCUMULATE.has(op)) {
    // pairwise (NumPy) vs numnode's order: |error| <= n eps sum|x| (and float32 inputs summed in float32)
    tol = 4 * s.n * eps * s.sumAbs;
  } else if (INTERP.has(op)) {
    tol = 4 * eps * Math.max(s.maxAbs, Math.abs(want));
  }
  return Math.abs(got - want) <= tol ? null : `differs by ${Math.abs(got - want)} (tolerance ${tol})`;
}

/** Compares numnode's result with one expected encoding; returns the first problem or null. */
function compareOne(c: DiffCase, got: unknown, want: Expected, sc: () => Scale): string | null {
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return `expected a tuple of ${want.length}, got ${describe(got)}`;
    if (got.length !== want.length) return `expected a tuple of ${want.length}, got ${got.length}`;
    for (let i = 0; i < want.length; i++) {
      const p = compareOne(c, got[i], want[i]!, sc);
      if (p !== null) return `[${i}] ${p}`;
    }
    return null;
  }
  if ('str' in want) {
    if (got !== want.str) return `text differs: got ${JSON.stringify(got)} want ${JSON.stringify(want.str)}`;
    return null;
  }
  const expected = decodeEnc(want);
  let values: unknown[];
  if (got instanceof np.NDArray) {
    let arr: NDArray = got;
    if (arr.dtype === 'float64' && want.d === 'float32' && (c.op === 'nanpercentile' || c.op === 'nanquantile')) {
      // NumPy's nan-quantiles run np.apply_along_axis, which takes the dtype of the first lane's
      // answer: an all-NaN first lane answers in the input's float32, the others in float64 (q an
      // array). numnode answers in float64; compared after rounding to NumPy's float32.
      arr = arr.astype('float32');
    }
    if (arr.dtype !== want.d) return `dtype ${arr.dtype}, NumPy ${want.d}`;
    if (arr.shape.join(',') !== want.s.join(',')) return `shape (${arr.shape.join(',')}), NumPy (${want.s.join(',')})`;
    if (want.sc && REDUCE.has(c.op) && c.k.keepdims !== true && (c.k.axis === undefined || c.k.axis === null)) return `an NDArray where NumPy (and the API) gives a scalar`;
    values = arr.size === 0 ? [] : Array.from(arr.toTypedArray() as ArrayLike<unknown>);
    if (arr.dtype === 'bool') values = values.map((v) => v === 1);
  } else if (typeof got === 'number' || typeof got === 'bigint' || typeof got === 'boolean') {
    if (want.s.length !== 0) return `a scalar ${canon(got)}, NumPy an array of shape (${want.s.join(',')})`;
    if (typeof got !== jsType(want.d)) return `a ${typeof got} scalar, NumPy ${want.d}`;
    values = [got];
  } else {
    return `unexpected result ${describe(got)}`;
  }
  const masked = new Set(want.m ?? []);
  for (let i = 0; i < expected.length; i++) {
    if (masked.has(i)) continue;
    const why = closeEnough(c.op, want.d, values[i], expected[i], sc, c.k.ddof !== undefined);
    if (why !== null) return `element ${i}: got ${canon(values[i])} want ${canon(expected[i])} (${why})`;
  }
  return null;
}

function describe(x: unknown): string {
  if (x instanceof np.NDArray) return `NDArray ${x.dtype} (${x.shape.join(',')})`;
  if (Array.isArray(x)) return `array of ${x.length}`;
  return `${typeof x} ${String(x)}`;
}

function checkPartition(got: unknown, want: Enc, kth: number): string | null {
  if (!(got instanceof np.NDArray)) return `partition gave ${describe(got)}`;
  if (got.dtype !== want.d || got.shape.join(',') !== want.s.join(',')) return `partition gave ${describe(got)}`;
  const sorted = decodeEnc(want);
  const n = sorted.length;
  const k = kth < 0 ? kth + n : kth;
  let vals: unknown[] = Array.from(got.toTypedArray() as ArrayLike<unknown>);
  if (got.dtype === 'bool') vals = vals.map((v) => v === 1);
  const key = (v: unknown) => (Object.is(v, -0) ? '0' : canon(v));
  if (key(vals[k]) !== key(sorted[k])) return `element kth=${k}: got ${canon(vals[k])}, sorted order has ${canon(sorted[k])}`;
  // the elements before kth are the k smallest (as a multiset), those after the rest
  const ms = (xs: unknown[]) => xs.map(key).sort().join('|');
  if (ms(vals.slice(0, k)) !== ms(sorted.slice(0, k))) return `the elements before kth are not the ${k} smallest`;
  if (ms(vals.slice(k + 1)) !== ms(sorted.slice(k + 1))) return 'the elements after kth are not the largest';
  return null;
}

export interface Outcome { status: 'ok' | 'mismatch' | 'crash-skipped' | 'numpy-bug'; message?: string }

/**
 * NumPy errors that are NumPy's own internal failures, not a refusal numnode should copy:
 * the quantile family with keepdims over a tuple axis of an empty array reshapes its
 * result wrongly ("cannot reshape array of size 0 into shape (0,newaxis)", NumPy 2.4.6:
 * np.median(np.zeros((0, 3, 4)), axis=(1, 2), keepdims=True)). numnode returns the empty
 * result; the case is counted as 'numpy-bug' and its result is not compared.
 */
function numpyBug(c: DiffCase): boolean {
  return c.e !== undefined && ['median', 'percentile', 'quantile'].includes(c.op)
    && c.e[1] === 'ValueError' && c.e[2].startsWith('cannot reshape array of size 0 into shape');
}

const FAMILY_CODE = /^ERR_NUMNODE_[A-Z]+$/;

/** Runs one case in numnode and judges the outcome against NumPy's. */
export function runCase(c: DiffCase): Outcome & { repro: string } {
  let thunk: () => unknown;
  let repro: string;
  try {
    [thunk, repro] = numnodeCall(c);
  } catch (e) {
    return { status: 'mismatch', message: `could not build the call: ${(e as Error).message}`, repro: JSON.stringify(c) };
  }
  if (c.crash !== undefined) {
    // NumPy crashed on this input: there is no answer to compare, but numnode must still
    // return or throw a coded error
    try {
      thunk();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code !== 'string' || !FAMILY_CODE.test(code)) return { status: 'mismatch', message: `NumPy crashed; numnode threw an uncoded ${String(e)}`, repro };
    }
    return { status: 'crash-skipped', repro };
  }
  let got: unknown;
  const err = ((): (Error & { code?: string }) | null => {
    try {
      got = thunk();
      return null;
    } catch (e) {
      return e as Error & { code?: string };
    }
  })();
  if (numpyBug(c)) return { status: 'numpy-bug', repro };
  if (c.e !== undefined) {
    const [family, type, msg] = c.e;
    if (err === null) return { status: 'mismatch', message: `NumPy raised ${type}: ${msg}; numnode returned ${describe(got)}`, repro };
    const cls = family === 'TypeError' ? TypeError : family === 'RangeError' ? RangeError : Error;
    const thrownValue: unknown = err;
    const okClass = family === 'Error'
      ? thrownValue instanceof Error && !(thrownValue instanceof TypeError) && !(thrownValue instanceof RangeError)
      : thrownValue instanceof cls;
    if (!okClass || typeof err.code !== 'string' || !FAMILY_CODE.test(err.code)) {
      return { status: 'mismatch', message: `NumPy raised ${type} (${family}): ${msg}; numnode threw ${err.constructor.name} ${err.code ?? '(no code)'}: ${err.message}`, repro };
    }
    return { status: 'ok', repro };
  }
  if (err !== null) return { status: 'mismatch', message: `numnode threw ${err.constructor.name} ${err.code ?? ''}: ${err.message}; NumPy returned a result`, repro };
  let sc: Scale | null = null;
  const scale = () => (sc ??= scaleOf(c.a.map((x) => decodeArg(x)[0])));
  const why = c.op === 'partition' ? checkPartition(got, c.r as Enc, c.a[1] as number) : compareOne(c, got, c.r!, scale);
  return why === null ? { status: 'ok', repro } : { status: 'mismatch', message: why, repro };
}

// ---- the suite (fixture and live runs) --------------------------------------------------

/** Registers, per backend, one test per family that runs all its cases; prints a summary table. */
export function differentialSuite(
  fx: DiffFixture, label: string, hooks: { describeBackends: (t: string, fn: (b: string) => void) => void; it: (n: string, fn: () => void) => void; afterAll: (fn: () => void) => void; expect: (v: unknown, m?: string) => { toEqual: (x: unknown) => void } },
): void {
  const { describeBackends, it, afterAll, expect } = hooks;
  const families = [...new Set(fx.cases.map((c) => c.f))];
  const table = new Map<string, { cases: number; errors: number; crashes: number; numpyBugs: number; ok: Record<string, number>; bad: Record<string, number> }>();
  for (const f of families) table.set(f, { cases: 0, errors: 0, crashes: 0, numpyBugs: 0, ok: {}, bad: {} });
  fx.cases.forEach((c) => {
    const t = table.get(c.f)!;
    t.cases++;
    if (c.e) t.errors++;
    if (c.crash !== undefined) t.crashes++;
  });
  describeBackends(label, (backend) => {
    for (const fam of families) {
      it(`${fam}: ${table.get(fam)!.cases} cases`, () => {
        const bad: string[] = [];
        let ok = 0;
        const t0 = table.get(fam)!;
        t0.numpyBugs = 0;
        fx.cases.forEach((c, i) => {
          if (c.f !== fam) return;
          const o = runCase(c);
          if (o.status === 'ok') ok++;
          if (o.status === 'numpy-bug') t0.numpyBugs++;
          if (o.status === 'mismatch') {
            bad.push(`[${backend}] NUMNODE_DIFF_SEED=${fx.seed} case #${i} ${c.f}/${c.op}: ${o.message} :: ${o.repro}`);
          }
        });
        const t = table.get(fam)!;
        t.ok[backend] = ok;
        t.bad[backend] = bad.length;
        if (bad.length) console.error(`${bad.length} mismatches in ${fam} [${backend}]:\n${bad.slice(0, 40).join('\n')}`);
        expect(bad, `${bad.length} mismatches`).toEqual([]);
      });
    }
  });
  afterAll(() => {
    const rows = [...table.entries()].map(([f, t]) => {
      const b = Object.keys(t.ok).map((k) => `${k} ${t.ok[k]} ok / ${t.bad[k]} bad`).join(', ');
      return `  ${f.padEnd(13)} ${String(t.cases).padStart(5)} cases (${String(t.errors).padStart(3)} NumPy errors, ${t.crashes} NumPy crashes, ${t.numpyBugs} NumPy bugs skipped)  ${b}`;
    });
    const total = fx.cases.length;
    console.log(`${label}: ${total} cases (NumPy ${fx.numpy_version}, seed ${fx.seed})\n${rows.join('\n')}`);
  });
}
