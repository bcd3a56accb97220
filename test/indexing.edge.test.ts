// Hand-written checks of issue 10's promises that the generated corpus does not
// spell out: the bad inputs the issue lists (coded errors, NumPy's messages, inputs
// unchanged), last-write-wins, views versus copies, bigint/TypedArray/boolean
// items, np.where's two forms, exact int64 ordering, NaNs last, stability, in-place
// sorts of strided views, and large arrays that take the addon in 'auto' mode.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends, withBackend, nativeLoaded } from './helpers/backends';
import { flat, snapshot, thrown } from './helpers/fixtures';

function expectCoded(fn: () => unknown, cls: typeof Error, code: string, msg: string | RegExp, watch: NDArray[] = []): void {
  const before = watch.map(snapshot);
  const e = thrown(fn, String(msg));
  expect(e).toBeInstanceOf(cls);
  expect(e.code, e.message).toBe(code);
  if (typeof msg === 'string') expect(e.message).toBe(msg); else expect(e.message).toMatch(msg);
  watch.forEach((a, i) => expect(snapshot(a), `input ${i} unchanged`).toBe(before[i]));
}

describeBackends('issue 10 bad input', () => {
  it('out-of-bounds indices: NumPy\'s message, the original axis, nothing written', () => {
    const a = np.arange(5);
    expectCoded(() => a.index([10]), RangeError, 'ERR_NUMNODE_INDEX', 'index 10 is out of bounds for axis 0 with size 5', [a]);
    expectCoded(() => a.index(10), RangeError, 'ERR_NUMNODE_INDEX', 'index 10 is out of bounds for axis 0 with size 5', [a]);
    expectCoded(() => a.indexSet([[0, -6]], 1), RangeError, 'ERR_NUMNODE_INDEX', 'index -6 is out of bounds for axis 0 with size 5', [a]);
    const b = np.zeros([2, 3, 4]);
    expectCoded(() => b.index(np.newaxis, ':', [0], [7]), RangeError, 'ERR_NUMNODE_INDEX', 'index 7 is out of bounds for axis 2 with size 4', [b]);
    expectCoded(() => np.take(a, [0, 5]), RangeError, 'ERR_NUMNODE_INDEX', 'index 5 is out of bounds for axis 0 with size 5', [a]);
    expectCoded(() => a.index([2n ** 63n - 1n]), RangeError, 'ERR_NUMNODE_INDEX', 'index 9223372036854775807 is out of bounds for axis 0 with size 5', [a]);
  });

  it('boolean masks of the wrong shape', () => {
    const a = np.arange(6).reshape(2, 3);
    expectCoded(() => a.index(np.array([true, false, true])), RangeError, 'ERR_NUMNODE_INDEX',
      'boolean index did not match indexed array along axis 0; size of axis is 2 but size of corresponding boolean axis is 3', [a]);
    expectCoded(() => a.indexSet([':', [true, false]], 0), RangeError, 'ERR_NUMNODE_INDEX',
      'boolean index did not match indexed array along axis 1; size of axis is 3 but size of corresponding boolean axis is 2', [a]);
  });

  it('too many indices, two ellipses', () => {
    const a = np.arange(6).reshape(2, 3);
    expectCoded(() => a.index(0, [1], 2), RangeError, 'ERR_NUMNODE_INDEX', 'too many indices for array: array is 2-dimensional, but 3 were indexed', [a]);
    expectCoded(() => a.index('...', [0], '...'), RangeError, 'ERR_NUMNODE_INDEX', "an index can only have a single ellipsis ('...')", [a]);
  });

  it('float index arrays and other non-indices', () => {
    const a = np.arange(6);
    expectCoded(() => a.index(new Float64Array([1])), RangeError, 'ERR_NUMNODE_INDEX', 'arrays used as indices must be of integer (or boolean) type', [a]);
    expectCoded(() => a.index(np.array([1.5, 2.5])), RangeError, 'ERR_NUMNODE_INDEX', 'arrays used as indices must be of integer (or boolean) type', [a]);
    expectCoded(() => a.index([1.5]), TypeError, 'ERR_NUMNODE_INDEX', /are valid indices/, [a]);
    expectCoded(() => a.index(1.5), TypeError, 'ERR_NUMNODE_INDEX', /are valid indices/, [a]);
    expectCoded(() => a.index({} as never), TypeError, 'ERR_NUMNODE_INDEX', /are valid indices/, [a]);
    expectCoded(() => a.index(undefined as never), TypeError, 'ERR_NUMNODE_INDEX', /are valid indices/, [a]);
    expectCoded(() => a.indexSet('0' as never, 1), TypeError, 'ERR_NUMNODE_ARG', /items must be an array/, [a]);
  });

  it('kth out of range, bad sort kinds, unsorted bins', () => {
    const a = np.array([3.5, 1.5, 2.5, 0.5, 9.5]);
    expectCoded(() => np.partition(a, 5), RangeError, 'ERR_NUMNODE_INDEX', 'kth(=5) out of bounds (5)', [a]);
    expectCoded(() => np.argpartition(a, [0, -6]), RangeError, 'ERR_NUMNODE_INDEX', 'kth(=-1) out of bounds (5)', [a]);
    expectCoded(() => a.partition(7), RangeError, 'ERR_NUMNODE_INDEX', 'kth(=7) out of bounds (5)', [a]);
    expectCoded(() => np.partition(a, 1.5), TypeError, 'ERR_NUMNODE_ARG', 'Partition index must be integer', [a]);
    expectCoded(() => np.sort(a, { kind: 'bogo' as never }), RangeError, 'ERR_NUMNODE_ARG', "sort kind must be one of 'quick', 'heap', or 'stable' (got 'bogo')", [a]);
    expectCoded(() => np.histogram(a, { bins: [3, 1, 2] }), RangeError, 'ERR_NUMNODE_ARG', '`bins` must increase monotonically, when an array', [a]);
    expectCoded(() => np.digitize(a, [3, 1, 2]), RangeError, 'ERR_NUMNODE_ARG', 'bins must be monotonically increasing or decreasing', [a]);
    expectCoded(() => np.sort(a, { axs: 0 } as never), TypeError, 'ERR_NUMNODE_ARG', /unexpected option 'axs'/, [a]);
  });

  it('a detached buffer is a coded error', () => {
    const buf = new ArrayBuffer(64);
    const a = np.frombuffer(buf, { dtype: 'float64' });
    structuredClone(buf, { transfer: [buf] });
    expectCoded(() => a.index([0, 1]), Error, 'ERR_NUMNODE_BUFFER', /detached/);
    expectCoded(() => np.sort(a), Error, 'ERR_NUMNODE_BUFFER', /detached/);
  });

  it('read-only views refuse assignment', () => {
    const a = np.broadcastTo(np.arange(3), [2, 3]);
    expectCoded(() => a.indexSet([[0], [1]], 5), RangeError, 'ERR_NUMNODE_READONLY', 'assignment destination is read-only', [a]);
    expectCoded(() => a.sort(), RangeError, 'ERR_NUMNODE_READONLY', 'assignment destination is read-only', [a]);
  });
});

describeBackends('issue 10 semantics', () => {
  it('repeated indices: the last write wins (also through broadcasting)', () => {
    const x = np.arange(6);
    x.indexSet([[1, 1, 1, 4, 4]], [5, 6, 7, 8, 9]);
    expect(flat(x)).toEqual([0n, 7n, 2n, 3n, 9n, 5n]);
    const m = np.zeros([3, 3]);
    m.indexSet([[0, 0, 2], ':'], np.array([[1], [2], [3]]));
    expect(flat(m)).toEqual([2, 2, 2, 0, 0, 0, 3, 3, 3]);
  });

  it('basic items give views; array or boolean items give copies', () => {
    const a = np.arange(12).reshape(3, 4);
    expect(np.sharesMemory(a.index(1, '::2'), a)).toBe(true);
    expect(np.sharesMemory(a.index('...', np.newaxis), a)).toBe(true);
    expect(np.sharesMemory(a.index([1]), a)).toBe(false);
    expect(np.sharesMemory(a.index(true), a)).toBe(false);
    expect([...a.index(true).shape]).toEqual([1, 3, 4]);
    expect([...a.index(false).shape]).toEqual([0, 3, 4]);
  });

  it('bigint, TypedArray and boolean items', () => {
    const a = np.arange(10);
    expect(a.index(3n).item()).toBe(3n);
    expect(flat(a.index([0n, -1n]))).toEqual([0n, 9n]);
    expect(flat(a.index(new Int32Array([2, -2])))).toEqual([2n, 8n]);
    // A Uint8Array is uint8 (integers), not a mask: masks are bool NDArrays or JS booleans.
    expect(flat(a.index(new Uint8Array([1, 0])))).toEqual([1n, 0n]);
    expect(flat(a.index([true, false, true, false, false, false, false, false, false, true]))).toEqual([0n, 2n, 9n]);
  });

  it('np.where: one argument is nonzero, three the elementwise choice', () => {
    const c = np.array([[true, false], [false, true]]);
    const w = np.where(c);
    expect(w.map((x) => flat(x))).toEqual([[0n, 1n], [0n, 1n]]);
    expect(flat(np.where(c, 1, 2))).toEqual([1n, 2n, 2n, 1n]);
    const e = thrown(() => (np.where as unknown as (a: unknown, b: unknown) => unknown)(c, 1), 'where(c, x)');
    expect(e.code).toBe('ERR_NUMNODE_ARG');
  });

  it('int64/uint64 sort exactly; NaNs last; stable ties', () => {
    const big = np.array([2n ** 63n - 1n, -(2n ** 63n), 0n, -1n, 2n ** 53n + 1n, 2n ** 53n, -(2n ** 53n) - 1n]);
    expect(flat(np.sort(big))).toEqual([-(2n ** 63n), -(2n ** 53n) - 1n, -1n, 0n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n]);
    const u = np.array([2n ** 64n - 1n, 0n, 2n ** 63n, 2n ** 63n - 1n], { dtype: 'uint64' });
    expect(flat(np.argsort(u))).toEqual([1n, 3n, 2n, 0n]);
    const f = np.array([NaN, 1, -Infinity, NaN, Infinity, -0, 0]);
    expect(flat(np.sort(f, { kind: 'stable' }))).toEqual([-Infinity, -0, 0, 1, Infinity, NaN, NaN]);
    expect(flat(np.argsort(f, { kind: 'stable' }))).toEqual([2n, 5n, 6n, 1n, 4n, 0n, 3n]);
    const ties = np.array(Array.from({ length: 5000 }, (_, i) => i % 7), { dtype: 'int16' });
    const idx = flat(np.argsort(ties, { kind: 'stable' })) as bigint[];
    for (let i = 1; i < idx.length; i++) {
      const [p, q] = [Number(idx[i - 1]), Number(idx[i])];
      if (p % 7 === q % 7 && p > q) throw new Error(`unstable at ${i}`);
    }
  });

  it('a.sort() and a.partition() work in place on strided views', () => {
    const base = np.arange(20, { dtype: 'float64' }).mul(-1).reshape(4, 5);
    const v = base.slice('::2', '::-1');
    v.sort({ axis: 0 });
    expect(flat(v)).toEqual([-14, -13, -12, -11, -10, -4, -3, -2, -1, -0]);
    expect(flat(base.slice(1))).toEqual([-5, -6, -7, -8, -9]);
    const w = np.array([5, 1, 4, 2, 3]);
    w.partition(2);
    expect(flat(w)[2]).toBe(3n);
  });

  it('0-d and empty arrays', () => {
    expect(() => np.sort(np.array(5))).toThrow(/axis -1 is out of bounds for array of dimension 0/);
    expect(flat(np.sort(np.array(5), { axis: null }))).toEqual([5n]);
    expect([...np.argsort(np.zeros([0, 3]), { axis: 0 }).shape]).toEqual([0, 3]);
    expect(np.median(np.zeros([0]))).toBeNaN();
    expect([...np.unique(np.zeros([0])).shape]).toEqual([0]);
    expect(np.array(7).index().item()).toBe(7n);
  });
});

describe.skipIf(!nativeLoaded)('issue 10: large arrays in auto mode take the addon and agree with TypeScript', () => {
  it('fancy indexing, masks, sorts and statistics of 200000 elements', () => {
    const n = 200_000;
    const x = np.array(Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 1000));
    const m = np.greater(x, 0);
    const idx = np.array(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % n - n / 2));
    const grid = x.reshape(400, 500);
    const run = () => [x.index(m), x.index(idx), grid.index([3, 1, 399], ':', np.newaxis), grid.index(':', [[0], [499]]),
      np.sort(x), np.argsort(x, { kind: 'stable' }), np.median(x), np.percentile(grid, [10, 90], { axis: 1 }), np.unique(x.astype('int32'))];
    const auto = withBackend('native', run);
    const js = withBackend('js', run);
    auto.forEach((r, k) => expect(r instanceof np.NDArray ? flat(r) : r, `result ${k}`).toEqual(js[k] instanceof np.NDArray ? flat(js[k] as NDArray) : js[k]));
    const y = x.copy();
    const z = x.copy();
    withBackend('native', () => y.indexSet([m], -1));
    withBackend('js', () => z.indexSet([m], -1));
    expect(flat(y)).toEqual(flat(z));
  }, 60_000);
});
