// numnode's random streams against NumPy's, from test/fixtures/random.json (written by
// scripts/gen-random-fixtures.py): for seeds 0, 1, 42, 2**32-1 and an array seed, 10,000
// values of every function and dtype from RandomState (MT19937) and default_rng (PCG64).
// Each case compares the SHA-256 of the little-endian bytes of all its results and the
// generator state afterwards, on every backend.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { RandomState, defaultRng, type Generator } from '../src/random';
import { NDArray } from '../src/core/ndarray';
import type { DType } from '../src/core/dtype';
import { native } from '../src/backend/native/loader';

interface Call { fn: string; args: unknown[]; kw: Record<string, unknown> }
interface Case {
  id: string;
  gen: 'legacy' | 'pcg64';
  seed: number | number[];
  calls: Call[];
  results: { dtype: DType; shape: number[] }[];
  sha256: string;
  head: string[];
  after: Record<string, string | number>;
}

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'random.json'), 'utf8')) as { n: number; cases: Case[] };

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function decode(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(decode);
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if ('$big' in o) return BigInt(o.$big as string);
    if ('$arange' in o) {
      const a = np.arange(o.$arange as number, { dtype: o.dtype as DType });
      return o.shape ? a.reshape(o.shape as number[]) : a;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), decode(v)]));
  }
  return x;
}

/** The little-endian bytes of a result, converted to the dtype NumPy reported. */
function bytesOf(res: unknown, dtype: DType): Uint8Array {
  if (res instanceof NDArray) {
    expect(res.dtype).toBe(dtype);
    const t = res.toTypedArray();
    return new Uint8Array(t.buffer, t.byteOffset, t.byteLength);
  }
  const a = np.array([res as number], { dtype });
  const t = a.toTypedArray();
  return new Uint8Array(t.buffer, t.byteOffset, t.byteLength);
}

function runCall(obj: RandomState | Generator, call: Call): unknown {
  const args = call.args.map(decode);
  const kw = decode(call.kw) as Record<string, unknown>;
  const fn = (obj as unknown as Record<string, (...a: unknown[]) => unknown>)[camel(call.fn)];
  if (typeof fn !== 'function') throw new Error(`no method ${camel(call.fn)}`);
  const withKw = Object.keys(kw).length > 0 ? [...args, kw] : args;
  const out = fn.apply(obj, withKw);
  return call.fn === 'shuffle' ? args[0] : out;
}

function make(c: Case): RandomState | Generator {
  return c.gen === 'legacy' ? new RandomState(c.seed) : defaultRng(c.seed);
}

function stateOf(c: Case, obj: RandomState | Generator): Record<string, string | number> {
  if (c.gen === 'legacy') {
    const [, key, pos, hasGauss, gauss] = (obj as RandomState).getState();
    const k = key.toTypedArray() as Uint32Array;
    return {
      key_sha256: createHash('sha256').update(new Uint8Array(k.buffer, k.byteOffset, k.byteLength)).digest('hex'),
      pos, has_gauss: hasGauss, gauss: pyHex(gauss),
    };
  }
  const st = (obj as Generator).bitGenerator.state;
  return { state: String(st.state.state), inc: String(st.state.inc), has_uint32: st.hasUint32, uinteger: st.uinteger };
}

/** Python's float.hex(). */
function pyHex(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0x0.0p+0' : '0x0.0p+0';
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, v);
  const bits = b.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  let exp = Number((bits >> 52n) & 0x7ffn);
  const mant = bits & ((1n << 52n) - 1n);
  let lead = 1;
  if (exp === 0) { lead = 0; exp = 1; }
  const m = mant.toString(16).padStart(13, '0');
  return `${sign}0x${lead}.${m}p${exp - 1023 >= 0 ? '+' : ''}${exp - 1023}`;
}

const backends: ('js' | 'native')[] = ['js'];
if (np.config().backend.native) backends.push('native');

// Count the addon's bulk fills, to show that the native run really used them.
const binding = native().binding as unknown as { randomFill?: (...a: unknown[]) => void } | null;
let nativeFills = 0;
if (binding !== null && typeof binding.randomFill === 'function') {
  const original = binding.randomFill;
  binding.randomFill = (...a: unknown[]) => { nativeFills++; return original.apply(binding, a); };
}

describe.each(backends)('random streams equal NumPy (backend %s)', (backend) => {
  const before = np.getBackend();
  afterAll(() => {
    np.setBackend(before);
    if (backend === 'js') expect(nativeFills).toBe(0); // the TypeScript samplers only
    else if (typeof binding?.randomFill === 'function') expect(nativeFills).toBeGreaterThan(200);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    np.setBackend(backend);
    const obj = make(c);
    const h = createHash('sha256');
    c.calls.forEach((call, i) => {
      const res = runCall(obj, call);
      const r = c.results[i]!;
      if (res instanceof NDArray) expect(res.shape).toEqual(r.shape);
      h.update(bytesOf(res, r.dtype));
      if (i === 0 && res instanceof NDArray) {
        // a readable first difference before the hash comparison
        const flat = res.ravel();
        const head = c.head.map((s, k) => {
          const v = flat.get(k);
          if (r.dtype.startsWith('float')) return pyHex(Number(v));
          return typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
        });
        expect(head).toEqual(c.head);
      }
    });
    expect(h.digest('hex')).toBe(c.sha256);
    expect(stateOf(c, obj)).toEqual(c.after);
  });
});
