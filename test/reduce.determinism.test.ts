// The promise of issue 4: a floating reduction gives the same bits whatever the
// thread count, on both backends, and whatever the memory layout of the same
// logical array. Sizes are chosen to take every native path: one long sequence
// split into superblocks across threads, the column kernel (axis=0 of C order)
// with and without superblocks, many contiguous sequences, and the gathering path
// (multi-axis and transposed reductions, negative strides).
import { afterEach, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { nativeLoaded, nativeSkipReason } from './helpers/backends';
import { spreadValues } from './helpers/reduce';

const restoreThreads = np.getNumThreads();
afterEach(() => {
  np.setBackend('auto');
  np.setNumThreads(restoreThreads);
});

/** The bytes of a result (a JS number or an NDArray), for bit-for-bit comparison. */
function bits(r: unknown): string {
  if (r instanceof np.NDArray) {
    const t = r.toTypedArray() as ArrayBufferView;
    return Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('hex');
  }
  if (typeof r === 'number') return Buffer.from(new Float64Array([r]).buffer).toString('hex');
  return String(r);
}

interface Case {
  name: string;
  make: () => NDArray;
  run: (a: NDArray) => unknown;
}

function data(shape: number[], dtype: 'float32' | 'float64', seed: number, nanEvery = 0): NDArray {
  const n = shape.reduce((s, d) => s * d, 1);
  const v = spreadValues(n, dtype, seed);
  if (nanEvery > 0) for (let i = 7; i < n; i += nanEvery) v[i] = NaN;
  return np.array(v).reshape(shape);
}

/** Values near 1, so that long products neither overflow nor underflow. */
function nearOne(shape: number[], dtype: 'float32' | 'float64'): NDArray {
  const n = shape.reduce((s, d) => s * d, 1);
  const v = spreadValues(n, dtype, 3).map((x) => 1 + Math.sign(x) * 1e-4 * ((Math.abs(x) * 1e6) % 1));
  return np.array(dtype === 'float32' ? Float32Array.from(v) : Float64Array.from(v)).reshape(shape);
}

const CASES: Case[] = [];
for (const dt of ['float64', 'float32'] as const) {
  CASES.push(
    { name: `${dt} sum of 300001 (superblocks)`, make: () => data([300001], dt, 1), run: (a) => np.sum(a) },
    { name: `${dt} mean of 300001`, make: () => data([300001], dt, 2), run: (a) => np.mean(a) },
    { name: `${dt} var and std of 300001`, make: () => data([300001], dt, 3), run: (a) => [np.var(a), np.std(a, { ddof: 1 })] },
    { name: `${dt} nansum / nanmean of 300001 with NaNs`, make: () => data([300001], dt, 4, 97), run: (a) => [np.nansum(a), np.nanmean(a)] },
    { name: `${dt} prod of 200003 values near 1`, make: () => nearOne([200003], dt), run: (a) => np.prod(a) },
    { name: `${dt} sum(axis=0) of 200000x9 (column kernel, superblocks)`, make: () => data([200000, 9], dt, 5), run: (a) => np.sum(a, { axis: 0 }) },
    { name: `${dt} sum(axis=0) of 3000x700 (column kernel, tiles)`, make: () => data([3000, 700], dt, 6), run: (a) => np.sum(a, { axis: 0 }) },
    { name: `${dt} std(axis=0) of 3000x700`, make: () => data([3000, 700], dt, 7), run: (a) => np.std(a, { axis: 0 }) },
    { name: `${dt} sum(axis=1) of 1000x333 (contiguous sequences)`, make: () => data([1000, 333], dt, 8), run: (a) => np.sum(a, { axis: 1 }) },
    { name: `${dt} mean(axis=[0,2]) of 40x30x50 (gather)`, make: () => data([40, 30, 50], dt, 9), run: (a) => np.mean(a, { axis: [0, 2] }) },
    { name: `${dt} sum of a transposed 600x700 (gather, superblocks)`, make: () => data([600, 700], dt, 10).T, run: (a) => np.sum(a) },
    { name: `${dt} sum of a reversed 250000 (negative stride)`, make: () => data([250000], dt, 11).slice('::-1'), run: (a) => np.sum(a) },
    { name: `${dt} cumsum(axis=0) of 2000x300`, make: () => data([2000, 300], dt, 12), run: (a) => np.cumsum(a, { axis: 0 }) },
  );
}
CASES.push(
  { name: 'int32 mean and var of 300001', make: () => np.arange(300001, { dtype: 'int32' }), run: (a) => [np.mean(a), np.var(a)] },
  { name: 'float64 argmax/min/max of 1000003', make: () => data([1000003], 'float64', 13), run: (a) => [np.argmax(a), np.min(a), np.max(a)] },
);

describe.skipIf(!nativeLoaded)(`reduce determinism across threads and backends${nativeLoaded ? '' : ` (skipped: ${nativeSkipReason})`}`, () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: 1 thread, 2 threads and the TypeScript backend agree bit for bit', (_n, c) => {
    const a = c.make();
    np.setBackend('native');
    np.setNumThreads(1);
    const one = bits(flat(c.run(a)));
    np.setNumThreads(2);
    const two = bits(flat(c.run(a)));
    np.setBackend('js');
    const js = bits(flat(c.run(a)));
    expect(two, 'native, 2 threads vs 1 thread').toBe(one);
    expect(js, 'TypeScript vs native').toBe(one);
  });
});

/** Several results as one string of bits. */
function flat(r: unknown): unknown {
  if (Array.isArray(r)) return r.map(bits).join('|');
  return r;
}

describe('reduce results do not depend on the memory layout', () => {
  for (const backend of nativeLoaded ? (['js', 'native'] as const) : (['js'] as const)) {
    it(`[${backend}] a float sum/mean/var over any axes is the same for C, F, reversed and strided views`, () => {
      np.setBackend(backend);
      const c = data([37, 21, 150], 'float64', 20);
      const views: NDArray[] = [
        c,
        c.copy('F'),
        c.slice('::-1', '::-1', '::-1').copy().slice('::-1', '::-1', '::-1'),
        (() => {
          const big = np.zeros([75, 43, 301]);
          const v = big.slice('1::2', '1::2', '1::2');
          v.assign(c);
          return v;
        })(),
      ];
      for (const axis of [undefined, 0, 1, 2, [0, 1], [0, 2], [1, 2]] as const) {
        const opts = axis === undefined ? undefined : { axis: axis as number | number[] };
        const want = [bits(np.sum(c, opts)), bits(np.mean(c, opts)), bits(np.var(c, opts))];
        for (const v of views.slice(1)) {
          expect([bits(np.sum(v, opts)), bits(np.mean(v, opts)), bits(np.var(v, opts))], `axis ${JSON.stringify(axis)}`).toEqual(want);
        }
      }
    });
  }
});
