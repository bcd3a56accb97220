// Accuracy of the transcendental ufuncs against mpmath (160-bit) references
// (test/fixtures/elementwise-accuracy.json, scripts/gen-elementwise-accuracy.py):
// the worst error in ulps of the correctly rounded result, per function, dtype and
// backend. The native kernels (SLEEF u10) must stay within 1 ulp everywhere, the
// TypeScript kernels too except where V8's own Math function is worse for float64
// (documented: log10, sinh, tanh, arctan2; 'auto' sends those to the addon).
// scripts/elementwise-accuracy.mjs prints the same figures for a larger sample.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { UFUNC_BY_NAME } from '../src/ops/elementwise-types';
import type { OpName } from '../src/core/ops';
import { nativeLoaded, withBackend } from './helpers/backends';
import { ROOT } from './helpers/fixtures';

interface AccFunc { op: string; dtype: 'float32' | 'float64'; nin: 1 | 2; n: number; x: string; y?: string; hi: string; lo: string; numpy: string }
const doc = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'elementwise-accuracy.json'), 'utf8')) as { funcs: AccFunc[] };

const dec = (b: string) => new Float64Array(new Uint8Array(Buffer.from(b, 'base64')).buffer);

/** |y - (hi + lo)| in units of the last place of the reference's binade (float32 or float64). */
function ulpError(y: number, hi: number, lo: number, f32: boolean): number {
  if (Number.isNaN(y)) return Infinity;
  let e = Math.floor(Math.log2(Math.abs(hi)));
  if (Math.abs(hi) < 2 ** e) e -= 1;
  else if (Math.abs(hi) >= 2 ** (e + 1)) e += 1;
  return Math.abs(((y - hi) - lo) / 2 ** (e - (f32 ? 23 : 52)));
}

function worst(f: AccFunc): number {
  const x = dec(f.x), hi = dec(f.hi), lo = dec(f.lo);
  const fn = (np as unknown as Record<string, (...a: unknown[]) => np.NDArray>)[f.op]!;
  const xa = np.array(x).astype(f.dtype);
  const r = f.nin === 1 ? fn(xa) : fn(xa, np.array(dec(f.y!)).astype(f.dtype));
  const out = r.astype('float64').toTypedArray() as Float64Array;
  let w = 0;
  for (let i = 0; i < out.length; i++) w = Math.max(w, ulpError(out[i]!, hi[i]!, lo[i]!, f.dtype === 'float32'));
  return w;
}

/** Bound for the TypeScript kernels: V8's fdlibm ports, measured (scripts/elementwise-accuracy.mjs). */
const JS_BOUND: Record<string, number> = { log10: 1.7, sinh: 1.45, tanh: 1.95, arctan2: 1.15 };

describe('transcendental accuracy against mpmath', () => {
  it.skipIf(!nativeLoaded).each(doc.funcs.map((f) => [`${f.op} ${f.dtype}`, f] as const))('native %s: <= 1 ulp', (_t, f) => {
    expect(withBackend('native', () => worst(f))).toBeLessThanOrEqual(1.0);
  });

  it.each(doc.funcs.map((f) => [`${f.op} ${f.dtype}`, f] as const))('TypeScript %s', (_t, f) => {
    const bound = f.dtype === 'float64' ? JS_BOUND[f.op] ?? 1.0 : 1.0;
    expect(withBackend('js', () => worst(f))).toBeLessThanOrEqual(bound);
    // The documented exceptions are exactly the ops flagged jsInexact.
    expect(UFUNC_BY_NAME[f.op as OpName].jsInexact).toBe(f.op in JS_BOUND);
  });

  it.skipIf(!nativeLoaded)('auto mode sends the V8-inexact functions to the addon at every size', () => {
    const f = doc.funcs.find((g) => g.op === 'tanh' && g.dtype === 'float64')!;
    expect(worst(f)).toBeLessThanOrEqual(1.0);
    const small = np.tanh(np.array([-0.2413296111350575]));
    expect(small.item()).toBe(withBackend('native', () => np.tanh(np.array([-0.2413296111350575])).item()));
  });
});
