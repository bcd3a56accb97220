// Reading test/fixtures/linalg.json (scripts/gen-linalg-fixtures.py) and replaying its
// cases in numnode: arguments are rebuilt exactly (named bases cut into views by the
// recorded steps, so transposed / strided / broadcast / shared-memory operands are
// the same as in NumPy), the numnode function is called, and the result or error is
// compared with NumPy's / SciPy's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';
import { canon, decode, Enc, flat, makeArray, PY_ERROR_CLASS, PyError, ROOT, snapshot, Step, ALL_CODES, parseFloatRepr } from './fixtures';
import { applySteps } from './layouts';

export const LINALG_GENERATOR = join(ROOT, 'scripts', 'gen-linalg-fixtures.py');
export const LINALG_FIXTURE = join(ROOT, 'test', 'fixtures', 'linalg.json');

export interface ArrayEnc { dtype: DType; shape: number[]; data: Enc[] }

export interface LinalgResult {
  dtype?: DType;
  shape?: number[];
  data?: Enc[];
  scalar?: boolean;
  path?: (string | number[])[];
  report?: string;
}

export interface LinalgCase {
  group: string;
  fn: string;
  title: string;
  args: unknown[];
  opts: Record<string, unknown>;
  result?: LinalgResult;
  error?: PyError;
  tol: number;
  atol?: number;
  isView?: boolean;
  writeable?: boolean;
  source?: string;
}

export interface LinalgFixture {
  numpy_version: string;
  scipy_version: string;
  seed: number;
  einsum_expressions: number;
  bases: Record<string, ArrayEnc>;
  cases: LinalgCase[];
}

export function loadLinalgFixture(path = LINALG_FIXTURE): LinalgFixture {
  return JSON.parse(readFileSync(path, 'utf8')) as LinalgFixture;
}

export function runLinalgGenerator(seed: number, out: string, extra: string[] = []): void {
  execFileSync('python3', [LINALG_GENERATOR, '--seed', String(seed), '--out', out, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000,
  });
}

function decodeNum(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { $num?: unknown }).$num === 'string') {
    const s = (v as { $num: string }).$num;
    return s === 'nan' ? NaN : s === 'inf' ? Infinity : -Infinity;
  }
  if (Array.isArray(v)) return v.map(decodeNum);
  return v;
}

/** The case's arguments as numnode values; views of one base share its memory. */
export function buildArgs(fx: LinalgFixture, c: LinalgCase): unknown[] {
  const bases = new Map<string, NDArray>();
  const dec = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(dec);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.$view !== undefined) {
        const { base, steps } = o.$view as { base: string; steps: Step[] };
        if (!bases.has(base)) {
          const b = fx.bases[base]!;
          bases.set(base, makeArray(b.dtype, b.shape, b.data));
        }
        return applySteps(bases.get(base)!, steps).a;
      }
      if (o.$array !== undefined) {
        const s = o.$array as ArrayEnc;
        return s.data.length === 0 ? np.zeros(s.shape, { dtype: s.dtype }) : makeArray(s.dtype, s.shape, s.data);
      }
      if (o.$zeros !== undefined) {
        const s = o.$zeros as { dtype: DType; shape: number[] };
        return np.zeros(s.shape, { dtype: s.dtype });
      }
      if (typeof o.$big === 'string') return BigInt(o.$big);
      if (typeof o.$num === 'string') return decodeNum(o);
    }
    return v;
  };
  return c.args.map(dec);
}

export function caseOpts(c: LinalgCase): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.opts)) o[k] = decodeNum(v);
  return o;
}

/** Calls the numnode function a case names. */
export function callNumnode(c: LinalgCase, args: unknown[]): unknown {
  const o = caseOpts(c);
  const opts = Object.keys(o).length > 0 ? o : undefined;
  const [a, b] = args as [NDArray, NDArray];
  switch (c.fn) {
    case 'matmul': return np.matmul(a, b, opts);
    case 'dot': return np.dot(a, b, opts);
    case 'vdot': return np.vdot(a, b);
    case 'inner': return np.inner(a, b);
    case 'outer': return np.outer(a, b, opts);
    case 'tensordot': return np.tensordot(a, b, opts as never);
    case 'trace': return np.trace(a, opts as never);
    case 'diagonal': return np.diagonal(a, opts as never);
    case 'diag': return np.diag(a, (opts ?? {}) as { k?: number });
    case 'norm': return np.linalg.norm(a, opts as never);
    case 'isclose': return np.isclose(a, b, opts as never);
    case 'allclose': return np.allclose(a, b, opts as never);
    case 'arrayEqual': return np.arrayEqual(a, b, opts as never);
    case 'einsum': return np.einsum(...args, ...(opts ? [opts] : []));
    case 'einsumPath': return np.einsumPath(...args, ...(opts ? [opts] : []));
    case 'cdist': return np.distance.cdist(a, b, opts as never);
    case 'pdist': return np.distance.pdist(a, opts as never);
    case 'squareform': return np.distance.squareform(a, opts as never);
    default: throw new Error(`unknown fn ${c.fn}`);
  }
}

/** numnode's wording differs from NumPy's (on purpose) for these messages; the meaning is the same. */
const REWORDED: [RegExp, RegExp][] = [
  // NumPy's C einsum reports a label size mismatch as a broadcast of "remapped shapes".
  [/^operands could not be broadcast together with remapped shapes/, /^(Size of label '\w' for operand \d+ \(\d+\) does not match previous terms \(\d+\)\.|operands could not be broadcast together)/],
  // 'i->i->i': NumPy's C parser complains about the repeated output label it then sees.
  [/^einstein sum subscripts string includes output subscript 'i' multiple times/, /^(einstein sum subscripts string can only contain one '->'|einstein sum subscripts string includes output subscript)/],
  // A second '->' piece: NumPy calls '-' an invalid subscript.
  [/^invalid subscript '-'/, /^einstein sum subscripts string can only contain one '->'/],
  // NumPy's message for a lone '>' is "invalid subscript"; numnode names the broken '->'.
  [/^invalid subscript '>'/, /^einstein sum subscript string does not contain proper '->' output specified/],
  // NumPy's C parser words these two backwards (it says "fewer operands" when it runs out
  // of terms for the operands given); numnode says what happened.
  [/^fewer operands provided to einstein sum function than specified in the subscripts string$/,
    /^more operands provided to einstein sum function than specified in the subscripts string$/],
  [/^more operands provided to einstein sum function than specified in the subscripts string$/,
    /^fewer operands provided to einstein sum function than specified in the subscripts string$/],
  // One wording for a diagonal whose axes differ, whatever the number of operands.
  [/^dimensions in single operand for collapsing index/, /^dimensions in operand 0 for collapsing index/],
];

function expectError(e: Error & { code?: string }, py: PyError, what: string): void {
  const cls = py.type === 'RuntimeError' ? Error : (PY_ERROR_CLASS[py.type] ?? Error);
  expect(e, `${what}: class (NumPy ${py.type}: ${py.msg}); got ${e.constructor.name}: ${e.message}`).toBeInstanceOf(cls);
  expect(ALL_CODES as readonly string[], `${what}: code ${e.code}`).toContain(e.code);
  const first = e.message.split('\n')[0]!;
  const pyFirst = py.msg.split('\n')[0]!;
  const alt = REWORDED.find(([p]) => p.test(pyFirst));
  if (first !== pyFirst) {
    expect(alt, `${what}: message\n  numnode: ${first}\n  NumPy:   ${pyFirst}`).toBeDefined();
    expect(first, `${what}: reworded message`).toMatch(alt![1]);
  }
}

function close(x: number, y: number, tol: number, atol: number): boolean {
  if (Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y))) return true;
  if (x === y) return tol > 0 || atol > 0; // +0 vs -0 only matters for exact cases
  return Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y)) + atol;
}

/** Compares numnode values with recorded ones: exactly (tol 0) or to a relative tolerance. */
export function expectValuesClose(actual: readonly unknown[], expected: readonly Enc[], dtype: DType, tol: number, atol: number, what: string,
  signedZeros = true): void {
  expect(actual.length, `${what}: number of elements`).toBe(expected.length);
  if (tol === 0 && atol === 0) {
    const c = (v: unknown) => (!signedZeros && Object.is(v, -0) ? '0' : canon(v));
    expect(actual.map(c), what).toEqual(expected.map((e) => c(decode(e, dtype))));
    return;
  }
  const bad: string[] = [];
  actual.forEach((v, i) => {
    const want = dtype === 'float32' || dtype === 'float64' ? parseFloatRepr(expected[i] as string) : Number(decode(expected[i]!, dtype));
    if (!close(Number(v), want, tol, atol)) bad.push(`[${i}] ${String(v)} vs ${want}`);
  });
  expect(bad.slice(0, 5), `${what}: ${bad.length} elements differ beyond rtol ${tol} atol ${atol}`).toEqual([]);
}

/** Runs one case and checks it against the fixture. */
export function checkCase(fx: LinalgFixture, c: LinalgCase): void {
  const args = buildArgs(fx, c);
  const inputs = args.filter((a): a is NDArray => a instanceof np.NDArray);
  const before = inputs.map(snapshot);
  const what = `${c.fn} ${c.title}`;
  if (c.error !== undefined) {
    let err: (Error & { code?: string }) | null = null;
    let got: unknown;
    try {
      got = callNumnode(c, args);
    } catch (e) {
      err = e as Error & { code?: string };
    }
    expect(err, `${what}: expected ${c.error.type}: ${c.error.msg}, got ${String(got)}`).not.toBeNull();
    expectError(err!, c.error, what);
    expect(inputs.map(snapshot), `${what}: inputs unchanged by the failed call`).toEqual(before);
    return;
  }
  const r = callNumnode(c, args);
  const want = c.result!;
  if (c.fn === 'einsumPath') {
    const [path, report] = r as [unknown[], string];
    expect(path, `${what}: path`).toEqual(want.path);
    expect(report, `${what}: report`).toBe(want.report);
    return;
  }
  // numnode's dtype for a float32 cdist/pdist is float32 (SciPy: float64, see distance.ts).
  const f32dist = (c.fn === 'cdist' || c.fn === 'pdist') && inputs.some((x) => x.dtype === 'float32')
    && inputs.every((x) => x.dtype === 'float32' || x.dtype === 'float64') && !inputs.some((x) => x.dtype === 'float64');
  const dtype = (f32dist ? 'float32' : want.dtype)!;
  const tol = f32dist ? Math.max(c.tol, 1e-5) : c.tol;
  const atol = c.atol ?? 0;
  // NumPy's optimized einsum paths (matmul, multiply) and its single contraction (which
  // adds into a zeroed output) disagree about -0.0 among themselves; NumPy's own tests
  // compare values (-0.0 == 0.0). numnode matches the single contraction exactly.
  const signedZeros = !(c.fn === 'einsum' && c.opts.optimize !== false && c.opts.optimize !== undefined);
  if (want.scalar) {
    // NumPy gave a scalar: numnode gives a JS scalar, or a 0-d array where documented (matmul, einsum).
    let v = r;
    if (v instanceof np.NDArray) {
      expect(['matmul', 'einsum'], `${what}: a 0-d array only where documented`).toContain(c.fn);
      expect(v.ndim, `${what}: 0-d`).toBe(0);
      expect(v.dtype, `${what}: dtype`).toBe(dtype);
      v = v.item();
    }
    expectValuesClose([v], want.data!, dtype, tol, atol, what, signedZeros);
    return;
  }
  expect(r, `${what}: an NDArray`).toBeInstanceOf(np.NDArray);
  const a = r as NDArray;
  expect(a.dtype, `${what}: dtype`).toBe(dtype);
  expect([...a.shape], `${what}: shape`).toEqual(want.shape);
  expectValuesClose(flat(a), want.data!, dtype, tol, atol, what, signedZeros);
  if (c.isView === true && (c.fn === 'diagonal' || c.fn === 'diag' || c.fn === 'einsum')) {
    expect(inputs.some((x) => np.sharesMemory(a, x)), `${what}: a view of an input, as in NumPy`).toBe(true);
    expect(a.flags.writeable, `${what}: writeable as in NumPy`).toBe(c.writeable);
  }
  expect(inputs.map(snapshot), `${what}: inputs unchanged`).toEqual(before);
}
