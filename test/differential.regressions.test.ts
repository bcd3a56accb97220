// Regression tests for the numnode bugs the differential and property tests found
// (issue 9), each checked against the behaviour of NumPy 2.4.6 quoted beside it, on
// both backends.
import { expect, it } from 'vitest';
import * as np from '../src/index';
import { describeBackends } from './helpers/backends';

function throws(fn: () => unknown, cls: typeof Error, code: string): void {
  let err: (Error & { code?: string }) | null = null;
  try { fn(); } catch (e) { err = e as Error & { code?: string }; }
  expect(err, 'expected an error').not.toBeNull();
  expect(err).toBeInstanceOf(cls);
  expect(err!.code).toBe(code);
}

describeBackends('differential regressions', () => {
  it('digitize and searchsorted on unsorted bins (NaN) answer as NumPy\'s binsearch does', () => {
    // np.digitize(x, [-1.125, nan]): [-1.125, nan] counts as decreasing (-1.125 < nan is false)
    const x = np.array([-7, -1, -1, 1, -6, 4, 2, 7, 9, 1, -6, -3], { dtype: 'int32' }).reshape([4, 3]);
    expect((np.digitize(x, np.array([-1.125, NaN])) as np.NDArray).toArray())
      .toEqual([[2n, 0n, 0n], [0n, 2n, 0n], [0n, 0n, 0n], [0n, 2n, 2n]]);
    // np.searchsorted([3, 1, 2, nan, 0], [2.5, .5, 4, 1.5, nan, -1]): each key starts from the last key's window
    const a = np.array([3, 1, 2, NaN, 0]);
    const v = np.array([2.5, 0.5, 4, 1.5, NaN, -1]);
    expect((np.searchsorted(a, v) as np.NDArray).toArray()).toEqual([5n, 0n, 5n, 2n, 3n, 0n]);
    expect((np.searchsorted(a, v, { side: 'right' }) as np.NDArray).toArray()).toEqual([5n, 0n, 5n, 2n, 5n, 0n]);
  });

  it('a 0-d integer array is an integer index: a[np.array(1)] == a[1]', () => {
    const a = np.arange(12).reshape([4, 3]);
    expect(np.index(a, np.array(1)).toArray()).toEqual([3n, 4n, 5n]);
    expect(np.index(a, ':', np.array(-1, { dtype: 'int8' })).toArray()).toEqual([2n, 5n, 8n, 11n]);
    // a[np.array(7)]: IndexError, index 7 is out of bounds for axis 0 with size 4
    throws(() => np.index(a, np.array(7)), RangeError, 'ERR_NUMNODE_INDEX');
  });

  it('a boolean index axis of length 0 matches any array axis (NumPy legacy)', () => {
    const a = np.arange(12).reshape([4, 3]);
    // a[np.zeros((4, 0), bool)].shape == (0,); a[np.zeros((0, 3), bool)].shape == (0,); a[np.zeros(0, bool)].shape == (0, 3)
    expect(np.index(a, np.zeros([4, 0], { dtype: 'bool' })).shape).toEqual([0]);
    expect(np.index(a, np.zeros([0, 3], { dtype: 'bool' })).shape).toEqual([0]);
    expect(np.index(a, np.zeros([0], { dtype: 'bool' })).shape).toEqual([0, 3]);
    // a[np.zeros((2, 0), bool)]: IndexError (axis 0: 4 vs 2)
    throws(() => np.index(a, np.zeros([2, 0], { dtype: 'bool' })), RangeError, 'ERR_NUMNODE_INDEX');
  });

  it('take: empty results and index checks follow NumPy', () => {
    // np.take(np.zeros((5,0,3,0)), [0,0,0,1], axis=-1).shape == (5, 0, 3, 4): an empty result is no error
    expect(np.take(np.zeros([5, 0, 3, 0]), [0, 0, 0, 1], { axis: -1 }).shape).toEqual([5, 0, 3, 4]);
    // np.take(np.zeros((0,3)), [5], axis=1).shape == (0, 1): no outer position, no index check
    expect(np.take(np.zeros([0, 3]), [5], { axis: 1 }).shape).toEqual([0, 1]);
    // np.take(np.zeros((0,0,2)), [0], axis=0): IndexError, index 0 is out of bounds for axis 0 with size 0
    throws(() => np.take(np.zeros([0, 0, 2]), [0], { axis: 0 }), RangeError, 'ERR_NUMNODE_INDEX');
    // np.take(np.zeros((3,0)), [5], axis=0): IndexError, although the result (1, 0) is empty
    throws(() => np.take(np.zeros([3, 0]), [5], { axis: 0 }), RangeError, 'ERR_NUMNODE_INDEX');
    // np.take(np.zeros((5,0)), [0], axis=1): cannot do a non-empty take from an empty axes.
    throws(() => np.take(np.zeros([5, 0]), [0], { axis: 1 }), RangeError, 'ERR_NUMNODE_INDEX');
  });

  it('argsort treats a 0-d array as 1-d (np.argsort(np.array(8)) == [0])', () => {
    expect(np.argsort(np.array(8, { dtype: 'uint16' }), { axis: -1, kind: 'stable' }).toArray()).toEqual([0n]);
    expect(np.argsort(np.array(8), { axis: null }).toArray()).toEqual([0n]);
    // axis=1: AxisError, axis 1 is out of bounds for array of dimension 1
    throws(() => np.argsort(np.array(8), { axis: 1 }), RangeError, 'ERR_NUMNODE_AXIS');
  });

  it('argmin/argmax over an empty axis raise even when the result is empty', () => {
    // np.argmin(np.zeros((0, 0)), axis=1): ValueError, attempt to get argmin of an empty sequence
    throws(() => np.argmin(np.zeros([0, 0]), { axis: 1 }), RangeError, 'ERR_NUMNODE_SHAPE');
    throws(() => np.argmax(np.zeros([2, 0, 1]), { axis: 1, keepdims: true }), RangeError, 'ERR_NUMNODE_SHAPE');
    // np.argmax(np.zeros((0, 3)), axis=1).shape == (0,)
    expect((np.argmax(np.zeros([0, 3]), { axis: 1 }) as np.NDArray).shape).toEqual([0]);
  });

  it('argmax of a 0-d array with an axis and keepdims is 0-d', () => {
    // np.argmax(np.array(2, np.uint16), axis=0, keepdims=True).shape == ()
    const r = np.argmax(np.array(2, { dtype: 'uint16' }), { axis: 0, keepdims: true }) as np.NDArray;
    expect(r.shape).toEqual([]);
    expect(r.item()).toBe(0n);
  });

  it('min/max/nanmin/nanmax over an empty axis raise even when the result is empty', () => {
    // np.min(np.zeros((2, 0, 0)), axis=1): zero-size array to reduction operation minimum which has no identity
    throws(() => np.min(np.zeros([2, 0, 0]), { axis: 1 }), RangeError, 'ERR_NUMNODE_SHAPE');
    throws(() => np.nanmin(np.zeros([2, 0, 0], { dtype: 'int32' }), { axis: -2, keepdims: true }), RangeError, 'ERR_NUMNODE_SHAPE');
    throws(() => np.nanmax(np.zeros([2, 0, 0]), { axis: 1 }), RangeError, 'ERR_NUMNODE_SHAPE');
    // np.min(np.zeros((3, 0)), axis=0).shape == (0,); np.all(np.zeros((0, 0)), axis=0).shape == (0,)
    expect((np.min(np.zeros([3, 0]), { axis: 0 }) as np.NDArray).shape).toEqual([0]);
    expect((np.all(np.zeros([0, 0]), { axis: 0 }) as np.NDArray).shape).toEqual([0]);
  });

  it('quantiles of an empty lane raise even when there are no lanes', () => {
    // np.percentile(np.zeros((0, 0), np.int32), 75, axis=0): IndexError
    throws(() => np.percentile(np.zeros([0, 0], { dtype: 'int32' }), 75, { axis: 0 }), RangeError, 'ERR_NUMNODE_INDEX');
    throws(() => np.quantile(np.zeros([0, 0]), [0.1, 0.5], { axis: 0 }), RangeError, 'ERR_NUMNODE_INDEX');
    // np.median(np.zeros((0, 0)), axis=0) is an empty float64 array (median takes the mean of nothing)
    expect((np.median(np.zeros([0, 0]), { axis: 0 }) as np.NDArray).shape).toEqual([0]);
  });

  it('an empty view whose offset lies past its buffer\'s end is usable', () => {
    // An empty array at the very end of its buffer (as a slab allocation can be); slicing
    // moves the offset past the end, which NumPy allows (the view touches no byte).
    const e = np.frombuffer(new ArrayBuffer(16), { dtype: 'int64', offset: 16 });
    const v = e.reshape([0, 6, 5, 8]).slice('0:0:-1', '4:0:-2', '2:5:3', '0:8:2');
    expect(v.byteOffset).toBeGreaterThan(16);
    expect(v.shape).toEqual([0, 2, 1, 4]);
    const s = np.std(v, { axis: -1, keepdims: true, ddof: 1 }) as np.NDArray;
    expect(s.shape).toEqual([0, 2, 1, 1]);
    expect(v.copy().shape).toEqual([0, 2, 1, 4]);
    expect((np.sum(v, { axis: 1 }) as np.NDArray).shape).toEqual([0, 1, 4]);
    expect(v.toArray()).toEqual([]);
  });
});

describeBackends('differential regressions: nan-quantiles of empty arrays', () => {
  it('answer with nanmean\'s NaN, in nanmean\'s shape, for every dtype (NumPy\'s _nanquantile_unchecked)', () => {
    // np.nanpercentile(np.zeros((3, 0), int), 0, axis=1, keepdims=True) -> [[nan], [nan], [nan]]
    const r = np.nanpercentile(np.zeros([3, 0], { dtype: 'int64' }), 0, { axis: 1, keepdims: true }) as np.NDArray;
    expect(r.dtype).toBe('float64');
    expect(r.shape).toEqual([3, 1]);
    expect(Array.from(r.toTypedArray() as Float64Array).every(Number.isNaN)).toBe(true);
    // np.nanpercentile(np.zeros((1, 2, 0, 2)), [10, 50, 95], axis=(3, 1, -4, -2)) -> nan (q's dimension dropped, as NumPy does)
    // (numnode gives a 0-d array where an axis is given, as its reductions do)
    const s = np.nanpercentile(np.zeros([1, 2, 0, 2]), [10, 50, 95], { axis: [3, 1, -4, -2] }) as np.NDArray;
    expect(s.shape).toEqual([]);
    expect(Number.isNaN(s.item() as number)).toBe(true);
    // np.nanquantile(np.zeros((0, 0, 5), np.uint8), 0.1, axis=-2, keepdims=True).shape == (0, 1, 5)
    expect((np.nanquantile(np.zeros([0, 0, 5], { dtype: 'uint8' }), 0.1, { axis: -2, keepdims: true }) as np.NDArray).shape).toEqual([0, 1, 5]);
    // a non-empty int array keeps the ordinary path: np.nanmedian-like values
    expect(np.nanpercentile(np.array([1, 2, 3, 4], { dtype: 'int32' }), 50)).toBe(2.5);
  });
});

describeBackends('differential regressions: which fault a ufunc reports first', () => {
  // NumPy: a read-only out, then no loop, then a Python int out of range for the loop,
  // then an out it cannot cast to, and only then shapes.
  it('a read-only out comes before everything else', () => {
    const ro = np.broadcastTo(np.zeros([3], { dtype: 'int8' }), [3]);
    // np.invert(np.zeros(3), out=ro): ValueError output array is read-only (not the missing float loop)
    throws(() => np.invert(np.zeros([3]), { out: ro }), RangeError, 'ERR_NUMNODE_READONLY');
    throws(() => np.add(np.zeros([3], { dtype: 'int8' }), 300, { out: ro }), RangeError, 'ERR_NUMNODE_READONLY');
  });
  it('a Python int out of range comes before the out cast', () => {
    // np.add(np.zeros(3, np.int8), 300, out=np.zeros(2, bool)): OverflowError
    throws(() => np.add(np.zeros([3], { dtype: 'int8' }), 300, { out: np.zeros([2], { dtype: 'bool' }) }), RangeError, 'ERR_NUMNODE_DTYPE');
    // np.multiply(np.int8 array, 70000, dtype='uint8'): OverflowError, not the int8 -> uint8 input cast
    throws(() => np.multiply(np.array([-9], { dtype: 'int8' }), 70000, { dtype: 'uint8' }), RangeError, 'ERR_NUMNODE_DTYPE');
  });
  it('the out cast comes before the shapes', () => {
    // np.add(np.zeros(3), np.zeros(4), out=np.zeros(3, np.int8)): UFuncTypeError (cast), not the broadcast ValueError
    throws(() => np.add(np.zeros([3]), np.zeros([4]), { out: np.zeros([3], { dtype: 'int8' }) }), TypeError, 'ERR_NUMNODE_DTYPE');
    throws(() => np.multiply(np.zeros([1, 3], { dtype: 'int16' }), np.zeros([1, 3], { dtype: 'int16' }), { out: np.zeros([1, 1], { dtype: 'uint8' }) }), TypeError, 'ERR_NUMNODE_DTYPE');
  });
  it('clip converts a Python int bound into the dtype of all three operands', () => {
    // np.clip(np.array([True, False]), -2, np.array([3, 4], np.uint32)): OverflowError Python integer -2 out of bounds for uint32
    throws(() => np.clip(np.array([true, false]), -2, np.array([3, 4], { dtype: 'uint32' })), RangeError, 'ERR_NUMNODE_DTYPE');
    // np.clip(np.array([1, 5, 9], np.int8), -200, np.array([3, 4, 5], np.uint32)) == [1, 4, 5] (int64; -200 below int8 is dropped)
    const r = np.clip(np.array([1, 5, 9], { dtype: 'int8' }), -200, np.array([3, 4, 5], { dtype: 'uint32' }));
    expect(r.dtype).toBe('int64');
    expect(r.toArray()).toEqual([1n, 4n, 5n]);
    // np.clip(np.array([1, 2], np.int8), 70000, np.array([3, 80000], np.int32)) == [3, 70000]: 70000 fits the int32 clip loop
    const q = np.clip(np.array([1, 2], { dtype: 'int8' }), 70000, np.array([3, 80000], { dtype: 'int32' }));
    expect(q.dtype).toBe('int32');
    expect(q.toArray()).toEqual([3, 70000]);
  });
});

describeBackends('differential regressions: std with an integer dtype', () => {
  it('a 0-d result takes NumPy\'s scalar path (no sqrt-output cast error)', () => {
    // np.std(np.array([2], np.int16), axis=-1, dtype=np.int16) == np.int16(0)
    expect((np.std(np.array([2], { dtype: 'int16' }), { axis: -1, dtype: 'int16' }) as np.NDArray).item()).toBe(0);
    // np.std(np.array([1, -3, 5], np.int8), axis=0, dtype=np.int64) == np.int64(3)
    expect((np.std(np.array([1, -3, 5], { dtype: 'int8' }), { axis: 0, dtype: 'int64' }) as np.NDArray).item()).toBe(3n);
    // np.std(np.array([[3, 6]], np.uint16), axis=(0, 1), ddof=1, dtype=np.int8) == np.int8(2)
    expect((np.std(np.array([[3, 6]], { dtype: 'uint16' }), { axis: [0, 1], ddof: 1, dtype: 'int8' }) as np.NDArray).item()).toBe(2);
    // ... while an array result still refuses: UFuncTypeError Cannot cast ufunc 'sqrt' output from float64 to int64
    throws(() => np.std(np.array([[1], [-3], [5]], { dtype: 'int8' }), { axis: 0, dtype: 'int64' }), TypeError, 'ERR_NUMNODE_DTYPE');
  });
});

describeBackends('differential regressions: power with a scalar exponent of 0.5', () => {
  it('is sqrt, as NumPy\'s float power loop computes it', () => {
    // np.power(np.array([-np.inf, -0.0, 4.0, -4.0]), 0.5) -> [nan, -0.0, 2.0, nan]
    const r = np.power(np.array([-Infinity, -0, 4, -4]), 0.5).toArray() as number[];
    expect(Number.isNaN(r[0])).toBe(true);
    expect(Object.is(r[1], -0)).toBe(true);
    expect(r[2]).toBe(2);
    expect(Number.isNaN(r[3])).toBe(true);
    // a broadcast (stride-0) exponent array of the loop's dtype too: np.power(np.array([-np.inf, -np.inf]), np.array([0.5])) -> [nan, nan]
    expect(Number.isNaN((np.power(np.array([-Infinity, -Infinity]), np.array([0.5])).toArray() as number[])[0])).toBe(true);
    // ... not when nothing is broadcast: np.power(np.array([-np.inf]), np.array([0.5])) -> [inf]
    expect((np.power(np.array([-Infinity]), np.array([0.5])).toArray() as number[])[0]).toBe(Infinity);
    // ... but not through a cast: np.power(np.array([-np.inf], np.float32), np.array([0.5])) -> [inf]
    expect((np.power(np.array([-Infinity], { dtype: 'float32' }), np.array([0.5])).toArray() as number[])[0]).toBe(Infinity);
    // float32 with a JS number: np.power(np.array([-np.inf, -0.0], np.float32), 0.5) -> [nan, -0.0]
    const f = np.power(np.array([-Infinity, -0], { dtype: 'float32' }), 0.5).toArray() as number[];
    expect(Number.isNaN(f[0]) && Object.is(f[1], -0)).toBe(true);
    // an exponent array of several elements keeps pow: np.power(a, np.full(2, 0.5)) -> [inf, 0.0]
    const p = np.power(np.array([-Infinity, -0]), np.full([2], 0.5)).toArray() as number[];
    expect(p[0]).toBe(Infinity);
    expect(Object.is(p[1], 0)).toBe(true);
  });
});
