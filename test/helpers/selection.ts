// Reading test/fixtures/selection.json (scripts/gen-selection-fixtures.py) and
// checking numnode against it: input decoding (arrays rebuilt in their view layout,
// index items, scalars), result comparison, the partition property, the long-lane
// formula and byte hashes, and NumPy's errors mapped onto numnode's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';
import { applySteps } from './layouts';
import {
  ALL_CODES, Enc, PY_ERROR_CLASS, PY_ERROR_CODE, PyError, Step, canon, decode, expectValues, flat, makeArray, parseFloatRepr,
  snapshot, thrown,
} from './fixtures';

export const ROOT = join(__dirname, '..', '..');
export const GENERATOR = join(ROOT, 'scripts', 'gen-selection-fixtures.py');
export const FIXTURE = join(ROOT, 'test', 'fixtures', 'selection.json');

export interface ArrSpec { $arr: { dtype: DType; shape: number[]; data: Enc[]; steps: Step[] } }
export type Out =
  | { array: { dtype: DType; shape: number[]; values: Enc[] } }
  | { scalar: Enc; dtype: string }
  | { tuple: Out[] };

export interface IndexCase {
  arr: ArrSpec;
  items: unknown[];
  get: { dtype: DType; shape: number[]; values: Enc[]; view: boolean } | { error: PyError };
  set: { value: unknown; values?: Enc[]; error?: PyError };
}
export interface SortCase { arr: ArrSpec; axis: number | null; sort: Out; argsort: Out }
export interface BigCase {
  dtype: DType; shape: number[]; axis: number; salt: number; input: number; sort: number; argsort: number; kth: number[];
  median: Out | null; percentile: Out | null;
}
export interface CallCase { fn: string; args: unknown[]; opts: Record<string, unknown>; result?: Out; error?: PyError }
export interface SelectionFixture {
  numpy_version: string;
  seed: number;
  index: IndexCase[];
  sort: SortCase[];
  big: BigCase[];
  calls: CallCase[];
}

export function loadSelectionFixture(path = FIXTURE): SelectionFixture {
  return JSON.parse(readFileSync(path, 'utf8')) as SelectionFixture;
}

export function runSelectionGenerator(seed: number, out: string, extra: string[] = []): void {
  execFileSync('python3', [GENERATOR, '--seed', String(seed), '--out', out, ...extra], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
}

// ---- inputs --------------------------------------------------------------------------

/** Builds an $arr input: the base array, then the recorded layout steps. */
export function buildArr(spec: ArrSpec): NDArray {
  const s = spec.$arr;
  const base = s.shape.length === 0 ? makeArray(s.dtype, [], s.data) : makeArray(s.dtype, s.shape, s.data);
  return applySteps(base, s.steps).a;
}

/** Decodes a recorded input into what numnode takes. */
export function decodeArg(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeArg);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('$arr' in o) return buildArr(o as unknown as ArrSpec);
    if ('$list' in o) return o.$list;
    if ('$big' in o) return BigInt(o.$big as string);
    if ('$bool' in o) return o.$bool as boolean;
    if ('$float' in o) return parseFloatRepr(o.$float as string);
    if ('$idx' in o) {
      const s = o.$idx as { dtype: DType; shape: number[]; data: Enc[] };
      return makeArray(s.dtype, s.shape, s.data);
    }
    if ('slice' in o) {
      const [a, b, c] = o.slice as [number | null, number | null, number | null];
      return np.s(a, b, c);
    }
    if ('$kths' in o) return o.$kths;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decodeArg(x);
    return out;
  }
  return v;
}

/** NumPy's spelling of an index, for titles. */
export function itemsTitle(items: readonly unknown[]): string {
  const one = (it: unknown): string => {
    if (it === null) return 'None';
    if (it === '...') return '...';
    if (typeof it === 'number') return String(it);
    const o = it as Record<string, unknown>;
    if ('slice' in o) {
      const [a, b, c] = o.slice as (number | null)[];
      const f = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
      return c === null ? `${f(a)}:${f(b)}` : `${f(a)}:${f(b)}:${c}`;
    }
    if ('$bool' in o) return o.$bool ? 'True' : 'False';
    if ('$list' in o) return JSON.stringify(o.$list).replace(/true/g, 'T').replace(/false/g, 'F');
    if ('$idx' in o) {
      const s = o.$idx as { dtype: string; shape: number[] };
      return `<${s.dtype}(${s.shape.join(',')})>`;
    }
    return JSON.stringify(it);
  };
  return `[${items.map(one).join(', ')}]`;
}

export function arrTitle(spec: ArrSpec): string {
  const s = spec.$arr;
  const steps = s.steps.map((st) => st.op).join('+') || 'contiguous';
  return `${s.dtype} base(${s.shape.join(',')}) ${steps}`;
}

// ---- outputs -------------------------------------------------------------------------------

/** Expects numnode's result to equal NumPy's recorded one (arrays: dtype, shape, values; scalars: value). */
export function expectOut(got: unknown, want: Out, what: string, opts: { zeroSign?: boolean } = {}): void {
  const zero = opts.zeroSign === false;
  if ('tuple' in want) {
    expect(Array.isArray(got), `${what}: a tuple (JS array) of results`).toBe(true);
    const g = got as unknown[];
    expect(g.length, `${what}: tuple length`).toBe(want.tuple.length);
    want.tuple.forEach((w, i) => expectOut(g[i], w, `${what}[${i}]`, opts));
    return;
  }
  if ('array' in want) {
    expect(got, `${what}: an NDArray`).toBeInstanceOf(np.NDArray);
    const a = got as NDArray;
    expect(a.dtype, `${what}: dtype`).toBe(want.array.dtype);
    expect([...a.shape], `${what}: shape`).toEqual(want.array.shape);
    expectValuesZ(flat(a), want.array.values, want.array.dtype, `${what}: values`, zero);
    return;
  }
  // A NumPy scalar: numnode gives a JS scalar (or a 0-d array where an axis was given).
  let v = got;
  if (got instanceof np.NDArray) {
    expect(got.shape.length, `${what}: 0-d`).toBe(0);
    if (want.dtype !== 'int' && want.dtype !== 'float') expect(got.dtype, `${what}: dtype`).toBe(want.dtype);
    v = got.get();
  }
  const dt = (want.dtype === 'int' ? 'int32' : want.dtype === 'float' ? 'float64' : want.dtype) as DType;
  if (want.dtype === 'int') {
    expect(Number(v), what).toBe(want.scalar as number);
    return;
  }
  expectValuesZ([v], [want.scalar], dt, what, zero);
}

/** expectValues, optionally treating -0.0 and +0.0 as equal (where NumPy's order of equal zeros is unspecified). */
function expectValuesZ(actual: readonly unknown[], expected: readonly Enc[], dtype: DType, what: string, zeroSignFree: boolean): void {
  if (!zeroSignFree) { expectValues(actual, expected, dtype, what); return; }
  const z = (s: string) => (s === '-0' ? '0' : s);
  expect(actual.length, `${what}: number of elements`).toBe(expected.length);
  expect(actual.map((x) => z(canon(x))), what).toEqual(expected.map((e) => z(canon(decode(e, dtype)))));
}

// ---- errors ----------------------------------------------------------------------------------

/** Where numnode deliberately words or classes an error differently from NumPy. */
const DIFFERENT: { match: RegExp; cls?: typeof Error; code?: string; msg: RegExp }[] = [
  // An index item of a wrong type is a TypeError in numnode (IndexError in NumPy), spelled in numnode's terms.
  { match: /^only integers, slices/, cls: TypeError, code: 'ERR_NUMNODE_INDEX', msg: /are valid indices/ },
  // Assigning a sequence into a single element: numnode reports the broadcast failure.
  { match: /^setting an array element with a sequence/, msg: /could not broadcast|setting an array element/ },
];

/** Expects fn to fail as NumPy did (class, code, message, with the documented differences). */
export function expectError(fn: () => unknown, py: PyError, what: string): void {
  const d = DIFFERENT.find((x) => x.match.test(py.msg));
  const e = thrown(fn, `${what} (NumPy: ${py.type}: ${py.msg})`);
  const cls = d?.cls ?? PY_ERROR_CLASS[py.type] ?? Error;
  expect(e, `${what}: class (NumPy ${py.type}: ${py.msg}); got ${e?.constructor?.name}: ${e?.message}`).toBeInstanceOf(cls);
  const code = d?.code ?? PY_ERROR_CODE[py.type];
  if (code !== undefined) expect(e.code, `${what}: code (message: ${e.message})`).toBe(code);
  else expect(ALL_CODES as readonly string[], `${what}: code ${e.code} (${e.message})`).toContain(e.code);
  if (d !== undefined) expect(e.message, `${what}: message`).toMatch(d.msg);
  else expect(e.message, `${what}: message`).toBe(py.msg);
}

export { snapshot, flat, decode, canon };

// ---- the partition property -------------------------------------------------------------------

/** NumPy's order as a comparison of JS values (NaN largest; -0 equal to 0). */
export function cmp(x: unknown, y: unknown): number {
  if (typeof x === 'boolean') return Number(x) - Number(y);
  if (typeof x === 'bigint') return x < (y as bigint) ? -1 : x > (y as bigint) ? 1 : 0;
  const a = x as number;
  const b = y as number;
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The lanes of an array along an axis, as arrays of JS values. */
export function lanes(a: NDArray, axis: number): unknown[][] {
  const m = a.moveaxis(axis, -1);
  const n = m.shape[m.ndim - 1] ?? 1;
  const vals = flat(m);
  const out: unknown[][] = [];
  for (let i = 0; i < vals.length; i += n) out.push(vals.slice(i, i + n));
  if (vals.length === 0) return [];
  return out;
}

/** Expects `part` (lanes) to be a partition of `sorted` (lanes) at every kth. */
export function expectPartitioned(part: unknown[][], sorted: unknown[][], kths: readonly number[], what: string): void {
  expect(part.length, `${what}: lanes`).toBe(sorted.length);
  for (let l = 0; l < part.length; l++) {
    const p = part[l]!;
    const s = sorted[l]!;
    const n = s.length;
    // the same values (multiset), -0.0 and +0.0 counted alike
    expect([...p].sort(cmp).map(canonZ), `${what}: lane ${l} holds the input's values`).toEqual(s.map(canonZ));
    for (const k0 of kths) {
      const k = k0 < 0 ? k0 + n : k0;
      expect(cmp(p[k], s[k]), `${what}: lane ${l} kth=${k} holds the sorted value`).toBe(0);
      let bad = -1;
      for (let i = 0; i < n && bad < 0; i++) {
        const c = cmp(p[i], p[k]);
        if ((i < k && c > 0) || (i > k && c < 0)) bad = i;
      }
      expect(bad, `${what}: lane ${l}: element ${bad} on the wrong side of kth=${k}`).toBe(-1);
    }
  }
}

function canonZ(x: unknown): string {
  const c = canon(x);
  return c === '-0' ? '0' : c;
}

// ---- the long-lane formula (scripts/gen-selection-fixtures.py `formula`) --------------------------

function mix32(i: number): number {
  let x = Math.imul(i, 0x9e3779b1) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x = (x ^ (x >>> 13)) >>> 0;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The generator's formula values for a dtype, as a new C-contiguous array of `shape`. */
export function formulaArray(dtype: DType, shape: readonly number[], salt: number): NDArray {
  const n = shape.reduce((p, d) => p * d, 1);
  const out = np.empty(shape as number[], { dtype });
  const t = out.toTypedArray(); // only for the constructor
  const data = new (t.constructor as new (b: ArrayBufferLike, o: number, l: number) => { [i: number]: number | bigint })(out.buffer, out.byteOffset, n);
  const base = salt * 1000003;
  for (let k = 0; k < n; k++) {
    const i = k + base;
    const h = mix32(i);
    switch (dtype) {
      case 'bool': data[k] = h & 1; break;
      case 'int8': case 'uint8': case 'int16': case 'uint16': case 'int32': case 'uint32': data[k] = h; break; // the store wraps
      case 'int64': case 'uint64': {
        const h2 = mix32(i + 0x5bd1e995);
        let v = (BigInt(h) << 32n) | BigInt(h2);
        if (h % 8 === 0) v = BigInt(h % 5);
        data[k] = dtype === 'int64' ? BigInt.asIntN(64, v) : v;
        break;
      }
      default: {
        let f = (h / 4294967296 - 0.5) * 1000;
        if (h % 97 === 0) f = NaN;
        if (h % 89 === 0) f = -0;
        if (h % 83 === 0) f = 0;
        if (h % 11 === 0) f = roundHalfEven(f);
        data[k] = f;
      }
    }
  }
  return out;
}

/** FNV-1a 32-bit over an array's C-order bytes (as the generator's fnv). */
export function fnv(a: NDArray): number {
  const c = a.flags.cContiguous ? a : a.copy('C');
  const bytes = new Uint8Array(c.buffer, c.byteOffset, c.nbytes);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
