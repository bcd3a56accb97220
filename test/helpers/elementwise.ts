// Reading test/fixtures/elementwise.json (scripts/gen-elementwise-fixtures.py) and
// comparing numnode's ufunc results with NumPy's: the fixture's types, the layouts
// the conformance suite runs every ufunc over, and the comparison rules (bit-
// identical for IEEE-exact operations, within a few ulps for transcendental ones).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';
import { Enc, PyError, ROOT, canon, decode, flat } from './fixtures';

export const EW_GENERATOR = join(ROOT, 'scripts', 'gen-elementwise-fixtures.py');
export const EW_FIXTURE = join(ROOT, 'test', 'fixtures', 'elementwise.json');

export type Weak = { $int: string } | { $float: string };

export interface ValueCase {
  op: string;
  dtype: DType;
  set: 'base' | 'power' | 'shift';
  error?: PyError;
  result_dtype?: DType;
  r?: Enc[];
  rb?: Enc[];
}
export interface MixedCase { op: string; a: DType; b: DType; error?: PyError; result_dtype?: DType; r?: Enc[] }
export interface ScalarCase { op: string; dtype: DType; side: 0 | 1; s: Weak; error?: PyError; result_dtype?: DType; r?: Enc[] }
export interface Recorded { error?: PyError; dtype?: DType; shape?: number[]; values?: Enc[] }
export interface OverlapCase { dtype: DType; op: string; in?: string; out?: string; values: Enc[] }

export interface EwFixture {
  numpy_version: string;
  seed: number;
  dtypes: DType[];
  operands: string[];
  shape: number[];
  bshape: number[];
  ufuncs: { name: string; np: string; nin: 1 | 2 }[];
  promote: Record<string, DType>;
  result_type: Record<string, DType>;
  can_cast: Record<string, string>;
  resolve?: Record<string, string[]>;
  resolve_dtype?: Record<string, string[]>;
  messages: string[];
  inputs: Record<'base' | 'power' | 'shift', Record<DType, { a: Enc[]; b: Enc[]; bb: Enc[] }>>;
  values: ValueCase[];
  mixed: MixedCase[];
  scalars: ScalarCase[];
  nscalar: number;
  cases: Record<string, Recorded>;
  overlap: OverlapCase[];
}

export function loadEwFixture(path = EW_FIXTURE): EwFixture {
  return JSON.parse(readFileSync(path, 'utf8')) as EwFixture;
}

export function runEwGenerator(seed: number, out: string, extra: string[] = []): void {
  execFileSync('python3', [EW_GENERATOR, '--seed', String(seed), '--out', out, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000,
  });
}

/** A weak scalar as JS has it: an integral number (or a bigint beyond 2^53), or a non-integral number. */
export function weakValue(w: Weak): number | bigint {
  if ('$int' in w) {
    const b = BigInt(w.$int);
    return b >= -(2n ** 53n) && b <= 2n ** 53n ? Number(b) : b;
  }
  return Number(w.$float === 'nan' ? NaN : w.$float === 'inf' ? Infinity : w.$float === '-inf' ? -Infinity : w.$float);
}

// ---- layouts ------------------------------------------------------------------------

export type LayoutName = 'C' | 'F' | 'reversed' | 'strided';
export const LAYOUTS: readonly LayoutName[] = ['C', 'F', 'reversed', 'strided'];

/** An array of `dtype` with C-order values `values` (encoded) and shape (2, 3, 8), laid out as `layout`. */
export function layoutArray(values: readonly Enc[], dtype: DType, layout: LayoutName, shape: readonly number[]): NDArray {
  const c = np.array(values.map((v) => decode(v, dtype)) as never, { dtype }).reshape([...shape]);
  if (layout === 'C') return c;
  const [d0, d1, d2] = shape as [number, number, number];
  let view: NDArray;
  switch (layout) {
    case 'F': view = np.zeros([d2, d1, d0], { dtype }).transpose(); break;
    case 'reversed': view = np.zeros([d0, d1, d2], { dtype }).slice('::-1', ':', '::-1'); break;
    default: view = np.zeros([d0 + 1, 2 * d1 + 1, 2 * d2 + 1], { dtype }).slice('1:', '1::2', `1:${2 * d2 + 1}:2`);
  }
  view.assign(c);
  return view;
}

// ---- comparisons ----------------------------------------------------------------------

/** Ops whose float results must be bit-identical to NumPy's (IEEE-exact or exactly specified). */
export const APPROX_OPS = new Set([
  'power', 'cbrt', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sin', 'cos', 'tan',
  'arcsin', 'arccos', 'arctan', 'arctan2', 'sinh', 'cosh', 'tanh', 'hypot',
]);

/** Tolerances against NumPy (which is itself up to ~1 ulp off for glibc and more for its float32 SIMD code). */
export const ULP_TOLERANCE: Record<'float32' | 'float64', number> = { float32: 4, float64: 2 };

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** Distance in units in the last place between two floats of a dtype (0 for two NaNs, Infinity for NaN vs number). */
export function ulpDistance(x: number, y: number, dtype: 'float32' | 'float64'): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y) ? 0 : Infinity;
  if (x === y) return 0;
  if (dtype === 'float64') {
    const ord = (v: number) => {
      f64[0] = v;
      const b = i64[0]!;
      return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
    };
    return Number(ord(x) - ord(y) < 0n ? ord(y) - ord(x) : ord(x) - ord(y));
  }
  const ord = (v: number) => {
    f32[0] = v;
    const b = i32[0]!;
    return b < 0 ? -(b & 0x7fffffff) : b;
  };
  return Math.abs(ord(x) - ord(y));
}

export interface CompareRule {
  /** Allowed ulp distance for float results (0: bit-identical). */
  ulps: number;
  /** ±0 compare equal (NumPy's own fmax/fmin return either zero depending on its code path). */
  zeroSignFree: boolean;
}

export function ruleFor(op: string, dtype: DType): CompareRule {
  const float = dtype === 'float32' || dtype === 'float64';
  return {
    ulps: float && APPROX_OPS.has(op) ? ULP_TOLERANCE[dtype] : 0,
    zeroSignFree: op === 'fmax' || op === 'fmin',
  };
}

/** Expects numnode's C-order values to match NumPy's under `rule`. */
export function expectClose(actual: readonly unknown[], expected: readonly Enc[], dtype: DType, rule: CompareRule, what: string): void {
  expect(actual.length, `${what}: number of elements`).toBe(expected.length);
  const want = expected.map((e) => decode(e, dtype));
  const bad: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const a = actual[i];
    const w = want[i];
    if (canon(a) === canon(w)) continue;
    if (typeof a === 'number' && typeof w === 'number') {
      if (rule.zeroSignFree && a === 0 && w === 0) continue;
      const isSpecial = (v: number) => !Number.isFinite(v) || v === 0;
      if (rule.ulps > 0 && !isSpecial(w) && !isSpecial(a)
        && ulpDistance(a, w, dtype as 'float32' | 'float64') <= rule.ulps) continue;
    }
    bad.push(`[${i}] got ${canon(a)} want ${canon(w)}`);
  }
  expect(bad, `${what}: ${bad.length} of ${want.length} elements differ`).toEqual([]);
}

export { flat };
