// Reading test/fixtures/core.json (written by scripts/gen-core-fixtures.py) and
// comparing numnode's results with NumPy's: the value encoding, the mapping of
// NumPy's exception types onto numnode's error classes, and value canonicalisation
// that keeps bigint/number/boolean and -0/NaN distinct.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';

export const ROOT = join(__dirname, '..', '..');
export const GENERATOR = join(ROOT, 'scripts', 'gen-core-fixtures.py');
export const FIXTURE = join(ROOT, 'test', 'fixtures', 'core.json');

/** A recorded value: boolean, number (ints up to 32 bits), decimal string (int64/uint64), float repr. */
export type Enc = boolean | number | string | null;

export interface PyError { type: string; msg: string }

export type Item = number | null | '...' | { slice: [number | null, number | null, number | null] };

export interface Step {
  op: 'reshape' | 'slice' | 'transpose' | 'broadcast_to' | 'expand_dims' | 'view' | 'copy' | 'zeros';
  shape?: number[];
  items?: Item[];
  axes?: number[] | null;
  axis?: number | number[];
  dtype?: DType;
  order?: 'C' | 'F';
}

export interface Flags { c: boolean; f: boolean; writeable: boolean; owndata: boolean }

export interface ReshapeCase {
  shape: number[];
  order: 'C' | 'F';
  result_shape?: number[];
  strides?: number[];
  view?: boolean | null;
  values?: Enc[];
  error?: PyError;
}

export interface ViewCase {
  op: 'transpose' | 'swapaxes' | 'moveaxis' | 'squeeze' | 'expand_dims' | 'broadcast_to' | 'view';
  args: unknown[];
  shape?: number[];
  strides?: number[];
  offset?: number;
  writeable?: boolean;
  /** For 'view' (a reinterpretation of the bytes): the values. */
  values?: Enc[];
  error?: PyError;
}

export interface SliceCase {
  items: Item[];
  shape?: number[];
  strides?: number[];
  offset?: number;
  values?: Enc[];
  error?: PyError;
}

export type OrderKey = 'C' | 'F' | 'A' | 'K';

export interface LayoutCase {
  layout: string;
  dtype: DType;
  shape: number[];
  strides: number[];
  offset: number;
  flags: Flags;
  values: Enc[];
  copy: Record<OrderKey, { strides: number[]; c: boolean; f: boolean }>
    & Record<'ascontiguousarray' | 'asfortranarray', { shape: number[]; strides: number[]; view: boolean | null; values: Enc[] }>;
  ravel: Record<OrderKey, { strides: number[]; view: boolean | null; values: Enc[] }>;
  flatten: Record<OrderKey, Enc[]>;
  reshape: ReshapeCase[];
  views: ViewCase[];
  astype: Record<DType, { strides: number[]; values: Enc[] }>;
  /** The owner's values after writing through the layout, or NumPy's error. */
  assign: Record<'reversed' | 'shifted' | 'row' | 'scalar', { root?: Enc[]; error?: PyError }>;
  slicing: SliceCase[];
}

export interface PairCase { name: string; a: Step[]; b: Step[]; shares: boolean; may: boolean }

export interface CreationCase {
  fn: string;
  args: unknown[];
  opts: Record<string, unknown>;
  result?: { dtype: DType; shape: number[]; strides: number[]; values: Enc[] };
  error?: PyError;
}

export interface CoreFixture {
  generator: string;
  numpy_version: string;
  seed: number;
  dtypes: DType[];
  bases: Record<DType, Enc[]>;
  layouts: { name: string; steps: Step[] }[];
  cases: LayoutCase[];
  pair_base: number;
  pairs: PairCase[];
  creation: CreationCase[];
  errors: Record<string, PyError | null>;
}

export function loadFixture(path = FIXTURE): CoreFixture {
  return JSON.parse(readFileSync(path, 'utf8')) as CoreFixture;
}

/** Whether python3 with NumPy can run here (for the live differential test). */
/** Whether python3 imports NumPy (and the other `modules`); `reason` names the versions or the failure. */
export function numpyAvailable(modules: readonly string[] = []): { ok: boolean; reason: string } {
  const mods = ['numpy', ...modules];
  const r = spawnSync('python3', ['-c', `import ${mods.join(', ')}; print(${mods.map((m) => `${m}.__version__`).join(', ')})`],
    { encoding: 'utf8', timeout: 60_000 });
  if (r.error) return { ok: false, reason: `python3 cannot run: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, reason: `python3 cannot import ${mods.join(' and ')}: ${(r.stderr || '').trim().split('\n').pop()}` };
  const versions = r.stdout.trim().split(' ');
  const NAMES: Record<string, string> = { numpy: 'NumPy', scipy: 'SciPy' };
  return { ok: true, reason: mods.map((m, i) => `${NAMES[m] ?? m} ${versions[i]}`).join(', ') };
}

/** Runs the generator with a seed into `out` (synchronously, arguments passed without a shell). */
export function runGenerator(seed: number, out: string, extra: string[] = []): void {
  execFileSync('python3', [GENERATOR, '--seed', String(seed), '--out', out, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000,
  });
}

// ---- values ---------------------------------------------------------------------

export function parseFloatRepr(s: string): number {
  if (s === 'nan') return NaN;
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  const v = Number(s);
  if (Number.isNaN(v)) throw new Error(`bad float in fixture: ${s}`);
  return v;
}

/** The JS value numnode should give for a recorded value of `dtype`. */
export function decode(v: Enc, dtype: DType): number | bigint | boolean {
  if (v === null) throw new Error('decode(null)');
  if (dtype === 'bool') return v as boolean;
  if (dtype === 'int64' || dtype === 'uint64') return BigInt(v as string);
  if (dtype === 'float32' || dtype === 'float64') return parseFloatRepr(v as string);
  return v as number;
}

/**
 * A string that identifies a JS value exactly, type included: 5 and 5n and true
 * differ, -0 differs from 0, NaN equals NaN. Comparing arrays of these gives readable diffs.
 */
export function canon(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return '-0';
    return String(v);
  }
  if (v === null) return 'null';
  return `<${typeof v}: ${String(v)}>`;
}

/** The elements of an array in C order, read through toArray(). */
export function flat(a: NDArray): unknown[] {
  const out: unknown[] = [];
  const rec = (x: unknown) => {
    if (Array.isArray(x)) for (const e of x) rec(e);
    else out.push(x);
  };
  rec(a.toArray());
  return out;
}

/** Expects `actual` (C-order JS values) to equal the recorded values; null entries are not compared. */
export function expectValues(actual: readonly unknown[], expected: readonly Enc[], dtype: DType, what: string): void {
  expect(actual.length, `${what}: number of elements`).toBe(expected.length);
  const want = expected.map((e) => (e === null ? 'null' : canon(decode(e, dtype))));
  const got = actual.map((v, i) => (expected[i] === null ? 'null' : canon(v)));
  expect(got, what).toEqual(want);
}

/** Builds an array from a recorded {dtype, shape, data}. */
export function makeArray(dtype: DType, shape: readonly number[], data: readonly Enc[]): NDArray {
  return np.array(data.map((v) => decode(v, dtype)), { dtype }).reshape([...shape]);
}

/** Decodes an input recorded by the generator: {"$big"} -> bigint, {"$array"} -> NDArray. */
export function decodeInput(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeInput);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$big === 'string') return BigInt(o.$big);
    if (o.$array !== undefined) {
      const spec = o.$array as { dtype: DType; shape: number[]; data: Enc[] };
      return makeArray(spec.dtype, spec.shape, spec.data);
    }
    throw new Error(`unknown input tag ${JSON.stringify(v)}`);
  }
  return v;
}

// ---- errors -----------------------------------------------------------------------

/** The built-in class numnode uses where NumPy raises the given exception type. */
export const PY_ERROR_CLASS: Record<string, typeof Error> = {
  ValueError: RangeError,
  IndexError: RangeError,
  AxisError: RangeError,
  OverflowError: RangeError,
  ZeroDivisionError: RangeError,
  TypeError: TypeError,
  TooHardError: Error,
};

/** The code numnode uses for an exception type, where the type alone decides it. */
export const PY_ERROR_CODE: Record<string, string> = {
  IndexError: 'ERR_NUMNODE_INDEX',
  AxisError: 'ERR_NUMNODE_AXIS',
  OverflowError: 'ERR_NUMNODE_DTYPE',
};

export const ALL_CODES = [
  'ERR_NUMNODE_BROADCAST', 'ERR_NUMNODE_SHAPE', 'ERR_NUMNODE_AXIS', 'ERR_NUMNODE_DTYPE', 'ERR_NUMNODE_EINSUM',
  'ERR_NUMNODE_INDEX', 'ERR_NUMNODE_NPY', 'ERR_NUMNODE_ALLOC', 'ERR_NUMNODE_NATIVE', 'ERR_NUMNODE_ARG',
  'ERR_NUMNODE_READONLY', 'ERR_NUMNODE_BUFFER',
] as const;

/** Calls fn and returns what it threw (failing the test when it returns normally). */
export function thrown(fn: () => unknown, what: string): Error & { code?: string } {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  expect.fail(`${what}: expected an error, got ${describeResult(result)}`);
}

function describeResult(r: unknown): string {
  if (r !== null && typeof r === 'object' && 'shape' in r) {
    const a = r as NDArray;
    return `an array of shape (${a.shape.join(', ')}) strides (${a.strides.join(', ')})`;
  }
  return String(r);
}

export interface ErrorExpectation {
  cls?: typeof Error;
  code?: string;
  /** Exact message (default: NumPy's), or a RegExp where numnode words it differently. */
  msg?: string | RegExp;
}

/**
 * Expects fn to throw as NumPy did: the class NumPy's exception type maps to, a
 * numnode code (the type's own where it decides one), and NumPy's message.
 */
export function expectNumpyError(fn: () => unknown, py: PyError, what: string, exp: ErrorExpectation = {}): void {
  const e = thrown(fn, `${what} (NumPy: ${py.type}: ${py.msg})`);
  const cls = exp.cls ?? PY_ERROR_CLASS[py.type] ?? Error;
  expect(e, `${what}: class (NumPy ${py.type}); got ${e?.constructor?.name}: ${e?.message}`).toBeInstanceOf(cls);
  if (cls === Error) {
    expect(e instanceof TypeError || e instanceof RangeError, `${what}: a plain Error`).toBe(false);
  }
  const code = exp.code ?? PY_ERROR_CODE[py.type];
  if (code !== undefined) expect(e.code, `${what}: code (message: ${e.message})`).toBe(code);
  else expect(ALL_CODES as readonly string[], `${what}: code ${e.code}`).toContain(e.code);
  const msg = exp.msg ?? py.msg;
  if (typeof msg === 'string') expect(e.message, `${what}: message`).toBe(msg);
  else expect(e.message, `${what}: message`).toMatch(msg);
}

/** A snapshot of an array's observable state, to check that a failed call changed nothing. */
export function snapshot(a: NDArray): string {
  return JSON.stringify({
    shape: a.shape, strides: a.strides, offset: a.byteOffset, dtype: a.dtype, flags: a.flags,
    values: a.buffer.byteLength >= a._hi ? flat(a).map(canon) : 'detached',
  });
}
