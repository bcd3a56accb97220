// Native-only tests of the sorting and selection family (native/binding/js_sort.cc):
// the boundary refuses hostile arguments with coded errors instead of touching
// memory it does not own, results do not depend on the thread count, and the long-
// lane paths (radix sort, sample-bracketed selection, parallel mask and gather) agree
// with the TypeScript kernels and with plain sorting on data made to stress them.
import { afterEach, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { native } from '../src/backend/native/loader';
import type { NativeBinding } from '../src/backend/native/binding';
import { DTYPES, DTYPE_CODE, type DType } from '../src/core/dtype';
import { cmp, flat, lanes } from './helpers/selection';

const state = native();
const b = state.binding as NativeBinding;
const loaded = state.binding !== null && typeof state.binding.sort === 'function';
const bytes = (a: NDArray) => new Uint8Array(a.buffer);
const kth = (...k: number[]) => new Uint8Array(BigInt64Array.from(k.map(BigInt)).buffer);

function coded(fn: () => unknown, code: string, msg?: RegExp): void {
  let err: (Error & { code?: string }) | null = null;
  try { fn(); } catch (e) { err = e as Error & { code?: string }; }
  expect(err, 'an error was thrown').not.toBeNull();
  expect(err!.code, err!.message).toBe(code);
  if (msg) expect(err!.message).toMatch(msg);
}

/** A seeded generator (xorshift) for reproducible data. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

afterEach(() => {
  np.setBackend('auto');
  np.setNumThreads(2);
});

describe.skipIf(!loaded)('sort family boundary (hostile arguments)', () => {
  const a = () => np.arange(16, { dtype: 'float64' });

  it('exports every function', () => {
    for (const f of ['sort', 'argsort', 'partition', 'argpartition', 'select', 'gather', 'scatter', 'countNonzero', 'nonzero', 'maskGather', 'maskScatter']) {
      expect(typeof (b as unknown as Record<string, unknown>)[f], f).toBe('function');
    }
  });

  it('checks argument counts, types and dtype codes', () => {
    const x = a();
    coded(() => (b.sort as unknown as () => void)(), 'ERR_NUMNODE_ARG', /expected 7 arguments/);
    coded(() => b.sort!(99, 0, [16], [8], 0, bytes(x), 0), 'ERR_NUMNODE_DTYPE');
    coded(() => b.sort!(10, 2, [16], [8], 0, bytes(x), 0), 'ERR_NUMNODE_ARG');
    coded(() => b.sort!(10, 0, [16], [8], 0, new Float64Array(2) as never, 0), 'ERR_NUMNODE_ARG', /Uint8Array/);
    coded(() => b.sort!(10, 0, [16], [8], 0.5, bytes(x), 0), 'ERR_NUMNODE_ARG');
    coded(() => b.sort!(10, 0, [16], [8], 0, bytes(x), 1), 'ERR_NUMNODE_ARG', /axis/);
    coded(() => b.sort!(10, 0, [], [], 0, bytes(x), 0), 'ERR_NUMNODE_ARG', /0-d/);
  });

  it('refuses views outside their buffer (sort, argsort, select, partition)', () => {
    // Exact-size buffers (small arrays live in shared slabs, with room around them).
    const f = new Uint8Array(new Float64Array([5, 4, 3, 2, 1, 0, 9, 8]).buffer);
    const o = new Uint8Array(64);
    coded(() => b.sort!(10, 0, [9], [8], 0, f, 0), 'ERR_NUMNODE_BUFFER');
    coded(() => b.sort!(10, 0, [8], [-8], 0, f, 0), 'ERR_NUMNODE_BUFFER');
    coded(() => b.sort!(10, 0, [8], [8], 8, f, 0), 'ERR_NUMNODE_BUFFER');
    coded(() => b.argsort!(10, 0, [8], [8], 0, f, [16], 0, o, 0), 'ERR_NUMNODE_BUFFER');
    coded(() => b.argpartition!(10, [8], [8], 0, f, [8], 8, o, 0, kth(1)), 'ERR_NUMNODE_BUFFER');
    coded(() => b.partition!(10, [2, 8], [64, 8], 0, f, 1, kth(1)), 'ERR_NUMNODE_BUFFER');
    coded(() => b.select!(10, [8], [8], 0, f, 0, kth(1, 2, 3), [40], 0, new Uint8Array(80)), 'ERR_NUMNODE_BUFFER');
    expect(Array.from(new Float64Array(f.buffer)), 'nothing was written').toEqual([5, 4, 3, 2, 1, 0, 9, 8]);
    // and the same calls in bounds work
    b.sort!(10, 0, [8], [8], 0, f, 0);
    expect(Array.from(new Float64Array(f.buffer))).toEqual([0, 1, 2, 3, 4, 5, 8, 9]);
  });

  it('checks kth: int64 bytes, in range, ascending', () => {
    const x = a();
    const part = (k: Uint8Array) => b.partition!(10, [16], [8], x.byteOffset, bytes(x), 0, k);
    coded(() => part(kth(16)), 'ERR_NUMNODE_ARG', /out of range/);
    coded(() => part(kth(-1)), 'ERR_NUMNODE_ARG', /out of range/);
    coded(() => part(kth(5, 2)), 'ERR_NUMNODE_ARG', /ascending/);
    coded(() => part(new Uint8Array(7)), 'ERR_NUMNODE_ARG', /multiple of 8/);
    const before = x.toArray();
    expect(x.toArray(), 'nothing changed').toEqual(before);
  });

  it('refuses misaligned typed views', () => {
    const raw = new Uint8Array(200);
    coded(() => b.sort!(10, 0, [4], [8], 1, raw, 0), 'ERR_NUMNODE_ARG', /aligned/);
  });

  it('gather/scatter: operand counts, float operands, out-of-buffer sides', () => {
    const x = a();
    const idx = np.array([0, 3, 15]);
    const out = np.empty([3]);
    const g = (...rest: unknown[]) => (b.gather as unknown as (...a: unknown[]) => unknown)(...rest);
    const ok = [8, 0, bytes(x), x.byteOffset, [], [], [3], bytes(out), out.byteOffset, [8], []];
    coded(() => g(...ok), 'ERR_NUMNODE_ARG', /6 per index operand/);
    coded(() => g(...ok, 10, bytes(idx), idx.byteOffset, [8], 16, 8), 'ERR_NUMNODE_DTYPE', /integer dtype/);
    // The indexed axis claims 17 elements: the source view would reach past the buffer.
    coded(() => g(8, 0, bytes(x).subarray(0, x.byteOffset + 128), x.byteOffset, [], [], [3], bytes(out), out.byteOffset, [8], [],
      7, bytes(idx), idx.byteOffset, [8], 17, 8), 'ERR_NUMNODE_BUFFER');
    coded(() => g(...ok.slice(0, 7), bytes(out).subarray(0, out.byteOffset + 16), out.byteOffset, [8], [], 7, bytes(idx), idx.byteOffset, [8], 16, 8),
      'ERR_NUMNODE_BUFFER');
    // In range: works, and an out-of-range index is reported, not read.
    expect(g(...ok, 7, bytes(idx), idx.byteOffset, [8], 16, 8)).toBeNull();
    expect(flat(out)).toEqual([0, 3, 15]);
    const bad = np.array([0, 99, 1]);
    expect(g(...ok, 7, bytes(bad), bad.byteOffset, [8], 16, 8)).toEqual([0, 1]);
    const s = (...rest: unknown[]) => (b.scatter as unknown as (...a: unknown[]) => unknown)(...rest);
    const val = np.array([7.5, 8.5, 9.5]);
    const y = a();
    const before = flat(y);
    expect(s(8, 0, bytes(y), y.byteOffset, [], [], [3], bytes(val), val.byteOffset, [8], [], 7, bytes(bad), bad.byteOffset, [8], 16, 8)).toEqual([0, 1]);
    expect(flat(y), 'a scatter with a bad index writes nothing').toEqual(before);
  });

  it('mask kernels re-check the count against the mask', () => {
    const x = a();
    const m = np.array(Array.from({ length: 16 }, (_, i) => i % 3 === 0));
    const out = np.empty([6]);
    coded(() => b.maskGather!(8, [16], bytes(x), [8], x.byteOffset, bytes(m), [1], m.byteOffset, bytes(out), out.byteOffset, 5), 'ERR_NUMNODE_NATIVE');
    coded(() => b.maskGather!(8, [16], bytes(x), [8], x.byteOffset, bytes(m), [1], m.byteOffset, bytes(out).subarray(0, out.byteOffset + 40), out.byteOffset, 6),
      'ERR_NUMNODE_BUFFER');
    b.maskGather!(8, [16], bytes(x), [8], x.byteOffset, bytes(m), [1], m.byteOffset, bytes(out), out.byteOffset, 6);
    expect(flat(out)).toEqual([0, 3, 6, 9, 12, 15]);
    const coords = new Uint8Array(48); // room for 6 rows of 1 coordinate
    coded(() => b.nonzero!(0, [16], [1], m.byteOffset, bytes(m), coords, 0, 7), 'ERR_NUMNODE_BUFFER');
    coded(() => b.nonzero!(0, [16], [1], m.byteOffset, bytes(m), coords, 0, 5), 'ERR_NUMNODE_NATIVE');
    b.nonzero!(0, [16], [1], m.byteOffset, bytes(m), coords, 0, 6);
    expect(Array.from(new BigInt64Array(coords.buffer), Number)).toEqual([0, 3, 6, 9, 12, 15]);
  });

  it('a detached buffer is an error, not a crash', () => {
    const raw = new ArrayBuffer(128);
    const u = new Uint8Array(raw);
    structuredClone(raw, { transfer: [raw] });
    coded(() => b.sort!(10, 0, [16], [8], 0, u, 0), 'ERR_NUMNODE_BUFFER', /detached/);
    coded(() => b.countNonzero!(10, [16], [8], 0, u), 'ERR_NUMNODE_BUFFER');
  });
});

describe.skipIf(!loaded)('long lanes: native against the TypeScript kernels', () => {
  /** Data that stresses each path: random, sorted, reversed, few distinct values, NaN-heavy. */
  function data(dtype: DType, n: number, kind: number, seed: number): NDArray {
    const r = rng(seed);
    const vals = Array.from({ length: n }, (_, i) => {
      switch (kind) {
        case 0: return r();
        case 1: return i / n;
        case 2: return (n - i) / n;
        case 3: return Math.floor(r() * 3) / 2;
        default: return r() < 0.3 ? NaN : r() < 0.5 ? -0 : r();
      }
    });
    if (dtype === 'float64' || dtype === 'float32') return np.array(vals, { dtype });
    if (dtype === 'bool') return np.array(vals.map((v) => v > 0.5));
    // Integers over a wide range (narrow dtypes wrap, as the cast does).
    return np.array(Float64Array.from(vals, (v) => (Number.isNaN(v) ? 0 : Math.floor((v - 0.5) * 2 ** 30)))).astype(dtype);
  }

  const both = <T>(fn: () => T): [T, T] => {
    np.setBackend('native');
    const x = fn();
    np.setBackend('js');
    const y = fn();
    np.setBackend('auto');
    return [x, y];
  };

  for (const dtype of ['float64', 'float32', 'int64', 'uint64', 'int32', 'int16', 'uint8', 'bool'] as DType[]) {
    it(`sort/argsort/partition/median of 60000 ${dtype} (random, sorted, reversed, 3 values, NaN-heavy)`, () => {
      for (let kind = 0; kind < 5; kind++) {
        const x = data(dtype, 60000, kind, 7 + kind);
        const [s1, s2] = both(() => np.sort(x, { kind: 'stable' }));
        expect(flat(s1), `sort kind ${kind}`).toEqual(flat(s2));
        const [a1, a2] = both(() => np.argsort(x, { kind: 'stable' }));
        expect(flat(a1), `argsort kind ${kind}`).toEqual(flat(a2));
        const d = np.sort(x);
        expect(flat(d).map((v) => (Object.is(v, -0) ? 0 : v)), 'default kind sorts').toEqual(flat(s2).map((v) => (Object.is(v, -0) ? 0 : v)));
        const sorted = flat(s2);
        const ks = [0, 1, 29999, 30000, 59998, 59999];
        np.setBackend('native');
        const p = flat(np.partition(x, ks));
        const ip = np.argpartition(x, ks);
        const pv = flat(np.takeAlongAxis(x, ip));
        np.setBackend('auto');
        for (const k of ks) {
          expect(cmp(p[k], sorted[k]), `partition kth ${k} (kind ${kind})`).toBe(0);
          expect(cmp(pv[k], sorted[k]), `argpartition kth ${k} (kind ${kind})`).toBe(0);
        }
        for (let i = 0; i < p.length; i++) {
          const k = ks.find((q) => q >= i) ?? 59999;
          if (i < k && cmp(p[i], p[k]) > 0) throw new Error(`partition: element ${i} above kth ${k}`);
        }
        if (dtype !== 'bool') {
          const [m1, m2] = both(() => np.median(x) as number);
          expect(Object.is(m1, -0) ? 0 : m1).toEqual(Object.is(m2, -0) ? 0 : m2);
          const [q1, q2] = both(() => flat(np.percentile(x, [0, 1, 37.5, 99.9, 100]) as NDArray));
          expect(q1.map((v) => (Object.is(v, -0) ? 0 : v))).toEqual(q2.map((v) => (Object.is(v, -0) ? 0 : v)));
        }
      }
    }, 120_000);
  }

  it('many lanes along either axis (lanes in parallel)', () => {
    const x = data('float64', 300 * 400, 0, 3).reshape(300, 400);
    for (const axis of [0, 1]) {
      const [s1, s2] = both(() => np.sort(x, { axis, kind: 'stable' }));
      expect(flat(s1)).toEqual(flat(s2));
      const [a1, a2] = both(() => np.argsort(x, { axis, kind: 'stable' }));
      expect(flat(a1)).toEqual(flat(a2));
      const [m1, m2] = both(() => flat(np.median(x, { axis }) as NDArray));
      expect(m1).toEqual(m2);
    }
  });

  it('results do not depend on the thread count', () => {
    const x = data('float64', 3_000_000, 4, 11);
    const m = np.array(Array.from({ length: 3_000_000 }, (_, i) => (i * 7919) % 3 === 0));
    const idx = np.array(Array.from({ length: 200_000 }, (_, i) => (i * 104729) % 3_000_000));
    np.setBackend('native');
    const run = () => [np.argsort(x, { kind: 'stable' }), np.sort(x, { kind: 'stable' }), np.argpartition(x, [10, 1_500_000]).slice(':11'),
      x.index(m), np.take(x, idx), np.percentile(x, [1, 50, 99]) as NDArray, np.argwhere(m).slice(':1000')];
    np.setNumThreads(1);
    const one = run().map((r) => flat(r));
    np.setNumThreads(2);
    const two = run().map((r) => flat(r));
    for (let k = 0; k < one.length; k++) {
      if (k === 2) {
        // argpartition: the first 11 positions hold the 11 smallest, in either order
        expect([...one[k]!].sort(), 'argpartition').toEqual([...two[k]!].sort());
      } else expect(one[k], `result ${k}`).toEqual(two[k]);
    }
  }, 120_000);

  it('every dtype code sorts in the addon (the dtype table is complete)', () => {
    np.setBackend('native');
    for (const d of DTYPES) {
      const x = np.array([3, 1, 2]).astype(d);
      const s = np.sort(x);
      expect(s.dtype, `${d} (code ${DTYPE_CODE[d]})`).toBe(d);
      expect(lanes(s, 0)[0]!.map(Number), d).toEqual(d === 'bool' ? [1, 1, 1] : [1, 2, 3]);
    }
  });
});
