// The reduction conformance suite against test/fixtures/reduce.json (written by
// scripts/gen-reduce-fixtures.py), registered per backend by test/reduce.test.ts
// (committed fixture) and test/reduce.live.test.ts (freshly generated). Every
// expectation comes from NumPy; the inputs come from the generator's formula,
// evaluated here, and are laid out in several memory layouts with the same
// logical values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';
import { ROOT, Enc, PyError, canon, decode, expectNumpyError, snapshot } from './fixtures';

export const REDUCE_GENERATOR = join(ROOT, 'scripts', 'gen-reduce-fixtures.py');
export const REDUCE_FIXTURE = join(ROOT, 'test', 'fixtures', 'reduce.json');

export interface Result { dtype: DType; shape: number[]; values: Enc[] }
export interface Case {
  fn: string;
  axis: number | number[] | null;
  ddof?: number;
  n?: number;
  dtype?: DType;
  result?: Result;
  error?: PyError;
}
export interface Explicit { dtype: DType; shape: number[]; data: Enc[] }
export interface ReduceFixture {
  numpy_version: string;
  seed: number;
  salt: number;
  quick: boolean;
  grid: { dtype: DType; shape: number[]; cases: Case[] }[];
  broadcast: { dtype: DType; src: number[]; shape: number[]; cases: Case[] }[];
  special: { input: Explicit; cases: Case[] }[];
  dtypes: { input: Explicit; cases: Case[] }[];
  errors: Record<string, { result?: Result; error?: PyError }>;
  warnings: Record<string, { result: Result; warnings: string[] }>;
  accuracy: { dtype: DType; shape: number[]; axis: number | null; fn: 'sum' | 'mean'; numpy: Enc[]; exact: string[]; abssum: string[] }[];
  float32_1e7: { n: number } & Record<'uniform' | 'spread', { numpy_float32: string; numpy_float64_accumulator: string; exact: string }>;
}

export function loadReduceFixture(path = REDUCE_FIXTURE): ReduceFixture {
  return JSON.parse(readFileSync(path, 'utf8')) as ReduceFixture;
}

// ---- inputs ------------------------------------------------------------------------------

/** The generator's value formula: k = (37 i + 11 + 13 salt) % 19. */
export function gridValues(dtype: DType, n: number, salt: number): (number | bigint | boolean)[] {
  const out: (number | bigint | boolean)[] = [];
  for (let i = 0; i < n; i++) {
    const k = (37 * i + 11 + 13 * salt) % 19;
    if (dtype === 'bool') out.push(k % 3 !== 0);
    else if (dtype === 'int64') out.push(BigInt(k - 9));
    else if (dtype === 'uint64') out.push(BigInt(k));
    else if (dtype === 'int8' || dtype === 'int16' || dtype === 'int32') out.push(k - 9);
    else if (dtype === 'float32' || dtype === 'float64') out.push((k - 9) / 2);
    else out.push(k);
  }
  return out;
}

const size = (shape: readonly number[]) => shape.reduce((s, d) => s * d, 1);

export function fromValues(dtype: DType, shape: readonly number[], vals: readonly (number | bigint | boolean)[]): NDArray {
  return np.array(vals as never, { dtype }).reshape([...shape]);
}

export const LAYOUTS = ['C', 'F', 'negative', 'strided'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** The same logical array laid out in memory as `layout` says. */
export function layout(c: NDArray, how: Layout): NDArray {
  if (c.ndim === 0 || how === 'C') return c;
  if (how === 'F') return c.copy('F');
  const all = (item: string) => c.shape.map(() => item);
  if (how === 'negative') return c.slice(...all('::-1')).copy().slice(...all('::-1'));
  // strided: every other element of a larger array, starting one element in.
  const big = np.zeros(c.shape.map((d) => 2 * d + 1), { dtype: c.dtype });
  const v = big.slice(...all('1::2'));
  v.assign(c);
  return v;
}

// ---- calls -------------------------------------------------------------------------------

type Any = (a: unknown, o?: unknown) => unknown;
const FNS: Record<string, Any> = {
  sum: np.sum as Any, prod: np.prod as Any, mean: np.mean as Any, std: np.std as Any, var: np.var as Any,
  min: np.min as Any, max: np.max as Any, argmin: np.argmin as Any, argmax: np.argmax as Any,
  all: np.all as Any, any: np.any as Any, nansum: np.nansum as Any, nanmean: np.nanmean as Any,
  nanmin: np.nanmin as Any, nanmax: np.nanmax as Any, cumsum: np.cumsum as Any, cumprod: np.cumprod as Any,
  diff: np.diff as Any,
};

export interface CallVariant {
  keepdims?: boolean;
  negativeAxes?: boolean;
  method?: boolean;
}

/** Runs a recorded case on `a` (options as NumPy got them, plus the variant). */
export function runCase(a: NDArray, c: Case, v: CallVariant = {}): unknown {
  const opts: Record<string, unknown> = {};
  const nd = a.ndim;
  if (c.axis !== null) {
    const neg = (x: number) => (v.negativeAxes ? x - nd : x);
    if (Array.isArray(c.axis)) opts.axis = c.axis.map(neg);
    else opts.axis = c.fn === 'diff' && c.axis < 0 ? c.axis : neg(c.axis);
  }
  if (c.ddof !== undefined) opts.ddof = c.ddof;
  if (c.n !== undefined) opts.n = c.n;
  if (c.dtype !== undefined) opts.dtype = c.dtype;
  if (v.keepdims) opts.keepdims = true;
  const method = v.method && ['sum', 'prod', 'mean', 'std', 'var', 'min', 'max', 'argmin', 'argmax', 'all', 'any', 'cumsum', 'cumprod'].includes(c.fn);
  if (method) return (a as unknown as Record<string, (o: unknown) => unknown>)[c.fn]!(opts);
  return FNS[c.fn]!(a, opts);
}

// ---- comparisons ---------------------------------------------------------------------------

/** Functions whose float results NumPy rounds differently: compared with a tolerance. */
const TOLERANT = new Set(['prod', 'std', 'var', 'cumprod']);
/** Functions whose zero results may differ in sign from NumPy's (documented: +0 > -0). */
const ZERO_SIGN_FREE = new Set(['min', 'max', 'nanmin', 'nanmax']);

function close(got: unknown, want: number, dtype: DType): boolean {
  if (typeof got !== 'number') return false;
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  const rtol = dtype === 'float32' ? 2e-6 : 1e-12;
  const atol = dtype === 'float32' ? 1e-6 : 1e-13;
  return Math.abs(got - want) <= atol + rtol * Math.abs(want);
}

/** Flattened values of a result (a JS scalar or an NDArray). */
function valuesOf(r: unknown): unknown[] {
  if (r instanceof np.NDArray) return r.toTypedArray().length === 0 ? [] : Array.from(r.ravel().toArray() as unknown[]);
  return [r];
}

export function expectResult(got: unknown, want: Result, fn: string, what: string, scalar: boolean): void {
  if (scalar) {
    expect(got instanceof np.NDArray, `${what}: a JS scalar`).toBe(false);
    const t = want.dtype === 'bool' ? 'boolean' : want.dtype === 'int64' || want.dtype === 'uint64' ? 'bigint' : 'number';
    expect(typeof got, `${what}: JS type of a ${want.dtype} scalar`).toBe(t);
  } else {
    expect(got instanceof np.NDArray, `${what}: an NDArray`).toBe(true);
    const a = got as NDArray;
    expect(a.dtype, `${what}: dtype`).toBe(want.dtype);
    expect([...a.shape], `${what}: shape`).toEqual(want.shape);
  }
  const vals = valuesOf(got);
  expect(vals.length, `${what}: size`).toBe(want.values.length);
  const tolerant = TOLERANT.has(fn) && (want.dtype === 'float32' || want.dtype === 'float64');
  const zeroFree = ZERO_SIGN_FREE.has(fn);
  const bad: string[] = [];
  for (let i = 0; i < vals.length; i++) {
    const w = decode(want.values[i]!, want.dtype);
    const g = vals[i];
    let ok: boolean;
    if (tolerant) ok = close(g, w as number, want.dtype);
    else if (zeroFree && w === 0 && g === 0) ok = true;
    else ok = canon(g) === canon(w);
    if (!ok && bad.length < 5) bad.push(`[${i}] got ${canon(g)} want ${canon(w)}`);
  }
  expect(bad, `${what}: values`).toEqual([]);
}

function keepdimsShape(shape: readonly number[], c: Case, nd: number): number[] {
  const axes = Array.isArray(c.axis) ? c.axis : [c.axis as number];
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < nd; i++) out.push(axes.includes(i) ? 1 : shape[k++]!);
  return out;
}

/** Checks every case of one input, with variants: keepdims, negative axes, the method form. */
export function checkCases(a: NDArray, cases: readonly Case[], title: string): void {
  const before = snapshot(a);
  for (const c of cases) {
    const what = `${title} ${c.fn}(axis=${JSON.stringify(c.axis)}${c.ddof !== undefined ? `, ddof=${c.ddof}` : ''}${c.n !== undefined ? `, n=${c.n}` : ''}${c.dtype ? `, dtype=${c.dtype}` : ''})`;
    if (c.error) {
      // NumPy's UFuncTypeError is a TypeError.
      expectNumpyError(() => runCase(a, c), c.error, what, c.error.type === 'UFuncTypeError' ? { cls: TypeError } : {});
      continue;
    }
    const scalar = c.axis === null && !['cumsum', 'cumprod', 'diff'].includes(c.fn);
    expectResult(runCase(a, c), c.result!, c.fn, what, scalar);
    if (c.fn === 'diff' || c.fn === 'cumsum' || c.fn === 'cumprod') {
      if (c.axis !== null && c.fn !== 'diff' && a.ndim > 0) expectResult(runCase(a, c, { negativeAxes: true, method: true }), c.result!, c.fn, `${what} [negative axis, method]`, false);
      continue;
    }
    // std into an integer array fails in NumPy (sqrt's output): only the scalar form works.
    if (c.fn === 'std' && !(c.result!.dtype === 'float32' || c.result!.dtype === 'float64')) continue;
    if (c.axis !== null && a.ndim > 0) {
      const kd = { ...c.result!, shape: keepdimsShape(c.result!.shape, c, a.ndim) };
      expectResult(runCase(a, c, { keepdims: true, negativeAxes: true, method: true }), kd, c.fn, `${what} [keepdims, negative axes, method]`, false);
    } else if (c.axis === null) {
      const kd = { ...c.result!, shape: a.shape.map(() => 1) };
      expectResult(runCase(a, c, { keepdims: true }), kd, c.fn, `${what} [keepdims]`, false);
    }
  }
  expect(snapshot(a), `${title}: input unchanged`).toBe(before);
}

// ---- suites ---------------------------------------------------------------------------------

export function gridSuite(fx: ReduceFixture): void {
  for (const g of fx.grid) {
    describe(`${g.dtype} (${g.shape.join(',')})`, () => {
      const c = fromValues(g.dtype, g.shape, gridValues(g.dtype, size(g.shape), fx.salt));
      it.each([...LAYOUTS])('%s layout', (how) => {
        checkCases(layout(c, how), g.cases, `${g.dtype} ${how} (${g.shape.join(',')})`);
      });
    });
  }
}

export function broadcastSuite(fx: ReduceFixture): void {
  for (const b of fx.broadcast) {
    it(`${b.dtype} (${b.src.join(',')}) broadcast to (${b.shape.join(',')})`, () => {
      const src = fromValues(b.dtype, b.src, gridValues(b.dtype, size(b.src), fx.salt));
      checkCases(np.broadcastTo(src, b.shape), b.cases, `${b.dtype} broadcast (${b.shape.join(',')})`);
    });
  }
}

function explicitArray(e: Explicit): NDArray {
  return fromValues(e.dtype, e.shape, e.data.map((v) => decode(v, e.dtype)));
}

export function explicitSuite(name: string, entries: ReduceFixture['special']): void {
  for (const [k, s] of entries.entries()) {
    const title = `${name} #${k} ${s.input.dtype} (${s.input.shape.join(',')})`;
    it(title, () => {
      const c = explicitArray(s.input);
      for (const how of LAYOUTS) checkCases(layout(c, how), s.cases, `${title} ${how}`);
    });
  }
}

/** Captures the RuntimeWarnings numnode emits during fn. */
export function warningsOf(fn: () => unknown): { result: unknown; warnings: string[] } {
  const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    const result = fn();
    const warnings = [...new Set(spy.mock.calls.filter((c) => c[1] === 'RuntimeWarning').map((c) => String(c[0])))].sort();
    return { result, warnings };
  } finally {
    spy.mockRestore();
  }
}

// ---- accuracy inputs ------------------------------------------------------------------------

/** (i ^ xor) * mult mod 2^32, as the generator's hash32. */
export function hash32(i: number, mult: number, xor = 0): number {
  return Math.imul((i ^ xor) >>> 0, mult) >>> 0;
}

/** The generator's spread(): both signs over 24 binades, exact in float64 before the cast. */
export function spreadValues(n: number, dtype: 'float32' | 'float64', seed: number): Float64Array | Float32Array {
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h1 = hash32(i, 2654435761, seed);
    const h2 = hash32(i, 0x27d4eb2d, (0x5bd1e995 ^ seed) >>> 0);
    out[i] = (h1 / 2 ** 32 - 0.5) * 2 ** ((h2 % 24) - 12);
  }
  return out;
}

/** The generator's hashed_float32(): float32 values in [0, 1). */
export function hashedFloat32(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = hash32(i, 2654435761) / 2 ** 32;
  return out;
}
