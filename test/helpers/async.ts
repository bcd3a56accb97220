// Shared pieces of the np.promises tests: seeded operands in every layout, and the
// comparison "the async call had exactly the synchronous call's outcome".
import { expect } from 'vitest';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';

export const ALL_DTYPES: readonly DType[] = [
  'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64',
];

/** A small deterministic generator (mulberry32), so every run builds the same operands. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n values for a dtype: small integers (negative ones for signed types), floats in (-4, 4) with a NaN and an inf. */
export function values(n: number, dtype: DType, seed: number): (number | boolean)[] {
  const r = rng(seed);
  const out: (number | boolean)[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    if (dtype === 'bool') out.push(u < 0.5);
    else if (dtype.startsWith('uint')) out.push(Math.floor(u * 100));
    else if (dtype.startsWith('int')) out.push(Math.floor(u * 100) - 50);
    else if (n >= 8 && i === 3) out.push(NaN);
    else if (n >= 8 && i === 5) out.push(-Infinity);
    else out.push(Math.round((u * 8 - 4) * 1024) / 1024);
  }
  return out;
}

/** Operands without specials (for linear algebra, where NaN only hides differences). */
export function finiteValues(n: number, dtype: DType, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    out.push(dtype === 'float32' || dtype === 'float64' ? u * 2 - 1 : Math.floor(u * 7) - 3);
  }
  return out;
}

export type Layout = 'C' | 'F' | 'reversed' | 'broadcast' | 'offset' | 'strided';
export const LAYOUTS: readonly Layout[] = ['C', 'F', 'reversed', 'broadcast', 'offset', 'strided'];

/** An (m, n) operand laid out as named: C, F (a transpose), negative strides, a zero stride, an offset view, a step-2 view. */
export function layoutArray(layout: Layout, dtype: DType, m: number, n: number, seed: number, finite = false): NDArray {
  const make = (shape: number[]): NDArray => {
    const size = shape.reduce((p, d) => p * d, 1);
    const v = finite ? finiteValues(size, dtype, seed) : values(size, dtype, seed);
    return np.array(v as number[], { dtype }).reshape(shape);
  };
  switch (layout) {
    case 'C': return make([m, n]);
    case 'F': return make([n, m]).T;
    case 'reversed': return make([m, n]).slice('::-1', '::-1');
    case 'broadcast': return np.broadcastTo(make([1, n]), [m, n]);
    case 'offset': return make([m + 1, n + 2]).slice('1:', '2:');
    case 'strided': return make([2 * m, 2 * n]).slice('::2', '::2');
  }
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export async function outcome(f: () => unknown): Promise<Outcome> {
  try {
    return { ok: true, value: await f() };
  } catch (error) {
    return { ok: false, error };
  }
}

function bytesOf(a: NDArray): Uint8Array {
  const c = a.copy('C');
  return new Uint8Array(c.buffer, c.byteOffset, c.nbytes).slice();
}

/** The same array (dtype, shape, and every byte: NaN payloads included) or the same scalar. */
export function expectSameValue(actual: unknown, expected: unknown, what: string): void {
  if (expected instanceof np.NDArray) {
    expect(actual, what).toBeInstanceOf(np.NDArray);
    const a = actual as NDArray;
    expect(a.dtype, `${what}: dtype`).toBe(expected.dtype);
    expect(a.shape, `${what}: shape`).toEqual(expected.shape);
    expect(Buffer.from(bytesOf(a)).equals(Buffer.from(bytesOf(expected))), `${what}: values`).toBe(true);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), what).toBe(true);
    const a = actual as unknown[];
    expect(a.length, what).toBe(expected.length);
    expected.forEach((e, i) => expectSameValue(a[i], e, `${what}[${i}]`));
  } else {
    expect(Object.is(actual, expected) || actual === expected, `${what}: ${String(actual)} vs ${String(expected)}`).toBe(true);
  }
}

/** The same error: class, code and message. */
export function expectSameError(actual: unknown, expected: unknown, what: string): void {
  const a = actual as Error & { code?: string };
  const e = expected as Error & { code?: string };
  expect(a?.constructor, `${what}: class (${a?.message})`).toBe(e?.constructor);
  expect(a?.code, `${what}: code (${a?.message})`).toBe(e?.code);
  expect(a?.message, `${what}: message`).toBe(e?.message);
}

/** Runs sync and async forms and checks they end the same way. */
export async function expectSameOutcome(syncCall: () => unknown, asyncCall: () => Promise<unknown>, what: string): Promise<Outcome> {
  const s = await outcome(syncCall);
  let promise: Promise<unknown> | null = null;
  let threw: unknown = null;
  try {
    promise = asyncCall();
  } catch (e) {
    threw = e;
  }
  expect(threw, `${what}: np.promises threw synchronously instead of rejecting`).toBe(null);
  expect(promise, what).toBeInstanceOf(Promise);
  const a = await outcome(() => promise);
  if (s.ok) {
    expect(a.ok, `${what}: async failed with ${a.ok ? '' : String((a as { error: unknown }).error)}`).toBe(true);
    expectSameValue((a as { value: unknown }).value, s.value, what);
  } else {
    expect(a.ok, `${what}: async succeeded where sync threw ${String(s.error)}`).toBe(false);
    expectSameError((a as { error: unknown }).error, s.error, what);
  }
  return s;
}
