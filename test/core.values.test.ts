// Values in and out of JavaScript: bigint round trips at the int64/uint64 extremes,
// toTypedArray's classes, toArray's nesting, item, get/set with negative indices,
// and the dtype constants.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { DType } from '../src/index';
import { describeBackends } from './helpers/backends';
import { canon, flat, loadFixture, thrown } from './helpers/fixtures';

const fx = loadFixture();

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const CLASSES: Record<DType, new (n: number) => unknown> = {
  bool: Uint8Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
  float32: Float32Array, float64: Float64Array,
};

describe('dtype constants', () => {
  it('np.<name> === \'<name>\' for the 11 dtypes, and DTYPES lists them in NumPy\'s order', () => {
    const ns = np as unknown as Record<string, unknown>;
    for (const d of fx.dtypes) expect(ns[d], d).toBe(d);
    expect([...np.DTYPES]).toEqual(fx.dtypes);
    for (const d of fx.dtypes) expect(np.zeros(2, { dtype: ns[d] as DType }).dtype).toBe(d);
  });
  it('np.newaxis is null and np.s builds slices', () => {
    expect(np.newaxis).toBeNull();
    const s = np.s(1, null, -2);
    expect([s.start, s.stop, s.step]).toEqual([1, null, -2]);
    expect(String(np.s(null, 5))).toBe(':5');
  });
});

describeBackends('core values', () => {
  it('int64 and uint64 extremes round-trip exactly as bigints', () => {
    const i = np.array([INT64_MIN, INT64_MAX, -1n, 0n, 2n ** 53n + 1n], { dtype: 'int64' });
    expect(i.toArray()).toEqual([INT64_MIN, INT64_MAX, -1n, 0n, 2n ** 53n + 1n]);
    expect(i.get(0)).toBe(INT64_MIN);
    expect(i.get(-4)).toBe(INT64_MAX);
    expect(i.item(4)).toBe(2n ** 53n + 1n);
    expect(Array.from(i.toTypedArray() as BigInt64Array)).toEqual([INT64_MIN, INT64_MAX, -1n, 0n, 2n ** 53n + 1n]);
    const u = np.array([0n, UINT64_MAX, 2n ** 63n, 2n ** 64n - 2n], { dtype: 'uint64' });
    expect(u.toArray()).toEqual([0n, UINT64_MAX, 2n ** 63n, 2n ** 64n - 2n]);
    // through copies in every layout and back
    expect(flat(u.reshape(2, 2).T.copy('K'))).toEqual([0n, 2n ** 63n, UINT64_MAX, 2n ** 64n - 2n]);
    expect(flat(u.slice('::-1').copy())).toEqual([2n ** 64n - 2n, 2n ** 63n, UINT64_MAX, 0n]);
    // int64 <-> uint64 casts wrap exactly, never through a double
    expect(flat(i.astype('uint64'))).toEqual([2n ** 63n, INT64_MAX, UINT64_MAX, 0n, 2n ** 53n + 1n]);
    expect(flat(i.astype('uint64').astype('int64'))).toEqual(flat(i));
    expect(flat(u.astype('int64'))).toEqual([0n, -1n, INT64_MIN, -2n]);
    // inferred dtypes keep the values exact too
    expect(np.array([INT64_MAX]).dtype).toBe('int64');
    expect(np.array([UINT64_MAX]).dtype).toBe('uint64');
    expect(np.array([UINT64_MAX]).get(0)).toBe(UINT64_MAX);
    expect(np.full(2, INT64_MIN).toArray()).toEqual([INT64_MIN, INT64_MIN]);
    expect(np.arange(2n ** 62n, 2n ** 62n + 3n).toArray()).toEqual([2n ** 62n, 2n ** 62n + 1n, 2n ** 62n + 2n]);
  });

  it('set takes numbers, bigints and booleans; int64 values beyond 2**53 stay exact', () => {
    const a = np.zeros(4, { dtype: 'int64' });
    a.set([0], 5);
    a.set([1], 2 ** 60);
    a.set([-2], INT64_MAX);
    a.set([-1], true);
    expect(a.toArray()).toEqual([5n, 2n ** 60n, INT64_MAX, 1n]);
    const e = thrown(() => a.set([0], 2 ** 63), 'set 2**63');
    expect(e).toBeInstanceOf(RangeError);
    expect(e.code).toBe('ERR_NUMNODE_DTYPE');
    expect(a.get(0)).toBe(5n);
    const f = np.zeros(2, { dtype: 'float32' });
    f.set([0], 0.1);
    expect(f.get(0)).toBe(Math.fround(0.1));
    f.set([1], 3n);
    expect(f.get(1)).toBe(3);
    const b = np.zeros(3, { dtype: 'bool' });
    b.set([0], 2);
    b.set([1], -0.5);
    b.set([2], 0n);
    expect(b.toArray()).toEqual([true, true, false]);
    const i8 = np.zeros(2, { dtype: 'int8' });
    i8.set([0], -2.9); // a non-integral number truncates toward zero, as NumPy's setitem of a float
    expect(i8.get(0)).toBe(-2);
  });

  it('get/set with negative indices address from the end of each axis', () => {
    const a = np.arange(24, { dtype: 'int32' }).reshape(2, 3, 4);
    expect(a.get(-1, -1, -1)).toBe(23);
    expect(a.get(-2, 1, -4)).toBe(4);
    a.set([-1, -3, 2], 100);
    expect(a.get(1, 0, 2)).toBe(100);
    const t = a.T;
    expect(t.get(-1, 0, -1)).toBe(a.get(-1, 0, -1));
    const r = a.slice('...', '::-1');
    expect(r.get(0, 0, -1)).toBe(0);
    r.set([0, 0, -1], -5);
    expect(a.get(0, 0, 0)).toBe(-5);
    const e = thrown(() => a.get(0, 0), 'get with too few indices');
    expect(e).toBeInstanceOf(RangeError);
    expect(e.code).toBe('ERR_NUMNODE_INDEX');
    const e2 = thrown(() => a.get(0, 0, 1.5), 'get with a fraction');
    expect(e2).toBeInstanceOf(TypeError);
    expect(e2.code).toBe('ERR_NUMNODE_INDEX');
  });

  it('item: the only element, a flat C-order index (negative too), or a full index', () => {
    const a = np.arange(6, { dtype: 'float64' }).reshape(2, 3).T; // (3, 2), F-ordered memory
    expect(a.item(1)).toBe(3); // C order of the view: [[0, 3], [1, 4], [2, 5]]
    expect(a.item(-1)).toBe(5);
    expect(a.item(2, 1)).toBe(5);
    expect(np.array(7).item()).toBe(7n);
    expect(np.array([[2.5]]).item()).toBe(2.5);
    expect(np.array([true]).item()).toBe(true);
    expect(np.zeros([1, 1, 1], { dtype: 'uint64' }).item()).toBe(0n);
    const e = thrown(() => a.item(6), 'item(6)');
    expect(e.message).toBe('index 6 is out of bounds for size 6');
  });

  it('toTypedArray gives the dtype\'s own class, a C-order copy of length size', () => {
    for (const dtype of fx.dtypes) {
      const base = np.arange(12, { dtype: 'int64' }).astype(dtype).reshape(3, 4);
      const t = base.T; // not C-contiguous: toTypedArray must reorder
      const ta = t.toTypedArray() as unknown as ArrayLike<number | bigint> & { buffer: ArrayBufferLike };
      expect(ta.constructor, dtype).toBe(CLASSES[dtype]);
      expect(ta.length).toBe(12);
      expect(Array.from(ta).map(canon)).toEqual(flat(t).map((v) => canon(typeof v === 'boolean' ? Number(v) : v)));
      expect(ta.buffer).not.toBe(base.buffer);
      const first = canon(t.get(0, 0));
      (ta as unknown as { [i: number]: unknown })[0] = dtype === 'int64' || dtype === 'uint64' ? 9n : 9;
      expect(canon(t.get(0, 0)), 'a copy: writing it leaves the array alone').toBe(first);
    }
    const b = np.array([true, false, true]).toTypedArray() as Uint8Array;
    expect(b).toBeInstanceOf(Uint8Array);
    expect(Array.from(b)).toEqual([1, 0, 1]);
    expect(np.zeros([2, 0]).toTypedArray().length).toBe(0);
    expect(Array.from(np.array(2.5).toTypedArray() as Float64Array)).toEqual([2.5]);
  });

  it('toArray nests like NumPy\'s tolist, with numbers, bigints and booleans', () => {
    expect(np.array(2.5).toArray()).toBe(2.5);
    expect(np.zeros([], { dtype: 'bool' }).toArray()).toBe(false);
    expect(np.zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(np.zeros([0, 3]).toArray()).toEqual([]);
    expect(np.arange(6, { dtype: 'uint8' }).reshape(3, 1, 2).toArray()).toEqual([[[0, 1]], [[2, 3]], [[4, 5]]]);
    expect(np.arange(4).reshape(2, 2).T.toArray()).toEqual([[0n, 2n], [1n, 3n]]);
    expect(np.array([[true], [false]]).toArray()).toEqual([[true], [false]]);
    const f = np.array([-0.0, NaN, Infinity], { dtype: 'float32' }).toArray() as number[];
    expect(Object.is(f[0], -0)).toBe(true);
    expect(f[1]).toBeNaN();
    expect(f[2]).toBe(Infinity);
  });
});
