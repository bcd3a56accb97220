// Conformance of the reductions and scans with NumPy (test/fixtures/reduce.json,
// from scripts/gen-reduce-fixtures.py), on both backends: every reduction over
// every axis combination of 0- to 4-d arrays of every dtype, in four memory
// layouts (C, F, negative strides, strided with an offset) and as broadcast
// views, with keepdims, negative axes and the method form; special values; the
// dtype option; out; NumPy's errors and warnings; accuracy against exact sums.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { expectNumpyError, snapshot } from './helpers/fixtures';
import {
  broadcastSuite, explicitSuite, expectResult, gridSuite, hashedFloat32, loadReduceFixture, spreadValues, warningsOf,
} from './helpers/reduce';

const fx = loadReduceFixture();

describeBackends('reduce grid', () => gridSuite(fx));
describeBackends('reduce broadcast views', () => broadcastSuite(fx));
describeBackends('reduce special values', () => explicitSuite('special', fx.special));
describeBackends('reduce dtype option', () => explicitSuite('dtype', fx.dtypes));

// NumPy's named bad calls, as numnode calls.
const x = () => np.ones([2, 3]);
const x3 = () => np.ones([2, 3, 4]);
const e0 = () => np.zeros([0, 3]);
const ERROR_CALLS: Record<string, () => unknown> = {
  'sum axis=2': () => np.sum(x(), { axis: 2 }),
  'sum axis=-3': () => np.sum(x(), { axis: -3 }),
  'sum axis=[0,2]': () => np.sum(x(), { axis: [0, 2] }),
  'sum axis=[0,0]': () => np.sum(x(), { axis: [0, 0] }),
  'sum axis=[1,-1]': () => np.sum(x(), { axis: [1, -1] }),
  'sum 0-d axis=0': () => np.sum(np.array(5, { dtype: 'float64' }), { axis: 0 }),
  'min empty': () => np.min(np.zeros([0])),
  'max empty axis=0': () => np.max(e0(), { axis: 0 }),
  'argmax empty': () => np.argmax(np.zeros([0])),
  'argmin empty axis=0': () => np.argmin(e0(), { axis: 0 }),
  'nanmin empty': () => np.nanmin(np.zeros([0])),
  'nanmax empty int': () => np.nanmax(np.zeros([0], { dtype: 'int32' })),
  'out ndim': () => np.sum(x(), { axis: 1, out: np.zeros([2, 1]) }),
  'out ndim keepdims': () => np.sum(x(), { axis: 1, keepdims: true, out: np.zeros([2]) }),
  'out ndim scalar': () => np.sum(x(), { out: np.zeros([1]) }),
  'out shape broadcast': () => np.sum(x3(), { axis: 1, out: np.zeros([2, 5]) }),
  'out shape broadcast leading': () => np.sum(x3(), { axis: 0, out: np.zeros([2, 4]) }),
  'out shape two axes': () => np.sum(x3(), { axis: [0, 2], out: np.zeros([2]) }),
  'out shape one': () => np.sum(x3(), { axis: 0, out: np.zeros([1, 4]) }),
  'out shape one inner': () => np.sum(x3(), { axis: 0, out: np.zeros([3, 1]) }),
  'out keepdims reduced axis': () => np.sum(x3(), { axis: 2, keepdims: true, out: np.zeros([2, 3, 4]) }),
  'out readonly': () => np.sum(x3(), { axis: 1, out: np.broadcastTo(np.zeros([4]), [2, 4]) }),
  'argmax out shape': () => np.argmax(x3(), { axis: 0, out: np.zeros([2, 4], { dtype: 'int64' }) }),
  'argmax out float': () => np.argmax(x(), { axis: 1, out: np.zeros([2]) }),
  'argmax axis list': () => np.argmax(x(), { axis: [0, 1] as unknown as number }),
  'cumsum out size': () => np.cumsum(x(), { out: np.zeros([5]) }),
  'cumsum out shape': () => np.cumsum(x(), { axis: 0, out: np.zeros([3, 2]) }),
  'cumsum axis=2': () => np.cumsum(x(), { axis: 2 }),
  'cumsum axis list': () => np.cumsum(x(), { axis: [0, 1] as unknown as number }),
  'diff 0-d': () => np.diff(np.array(5)),
  'diff n=-1': () => np.diff(np.arange(5), { n: -1 }),
  'diff axis=3': () => np.diff(np.arange(5), { axis: 3 }),
  'var bool dtype bool': () => np.var(np.array([true, false]), { dtype: 'bool' }),
};
/** Where numnode's wording differs from NumPy's on purpose (JS has arrays, not tuples). */
const MESSAGE: Record<string, RegExp> = {
  'argmax axis list': /^'array' object cannot be interpreted as an integer$/,
  'cumsum axis list': /^'array' object cannot be interpreted as an integer$/,
};

describeBackends('reduce errors', () => {
  it('names every recorded case', () => {
    expect(Object.keys(ERROR_CALLS).sort()).toEqual(Object.keys(fx.errors).sort());
  });
  for (const [name, rec] of Object.entries(fx.errors)) {
    it(name, () => {
      const call = ERROR_CALLS[name]!;
      if (rec.error) expectNumpyError(call, rec.error, name, { msg: MESSAGE[name] });
      else expectResult(call(), rec.result!, name.split(' ')[0]!, name, false);
    });
  }

  it('a failed call leaves the input and out unchanged', () => {
    const a = np.arange(24, { dtype: 'float64' }).reshape(2, 3, 4);
    const out = np.full([2, 5], 7.5);
    const before = [snapshot(a), snapshot(out)];
    expect(() => np.sum(a, { axis: 1, out })).toThrow();
    expect(() => np.mean(a, { axis: 1, out: np.zeros([2, 4], { dtype: 'float32' }), keepdims: 'yes' as unknown as boolean })).toThrow(TypeError);
    expect(() => np.sum(a, { axis: 1.5 })).toThrow(TypeError);
    expect(() => np.sum(a, { axis: '1' as unknown as number })).toThrow(TypeError);
    expect(() => np.sum(a, { bogus: 1 } as never)).toThrow(TypeError);
    expect(() => np.max(a, { dtype: 'float32' } as never)).toThrow(TypeError);
    expect(() => np.sum(a, { dtype: 'float16' })).toThrow(TypeError);
    expect(() => np.var(a, { ddof: '1' as unknown as number })).toThrow(TypeError);
    expect(() => np.sum(a, { out: [1, 2] as unknown as NDArray })).toThrow(TypeError);
    expect([snapshot(a), snapshot(out)]).toEqual(before);
  });

  it('every error carries a code', () => {
    for (const call of Object.values(ERROR_CALLS)) {
      try {
        call();
      } catch (e) {
        expect((e as { code?: string }).code).toMatch(/^ERR_NUMNODE_/);
      }
    }
  });
});

const WARNING_CALLS: Record<string, () => unknown> = {
  'mean empty': () => np.mean(np.zeros([0])),
  'mean empty axis': () => np.mean(np.zeros([3, 0]), { axis: 1 }),
  'var ddof': () => np.var(np.ones([3]), { ddof: 3 }),
  'std empty': () => np.std(np.zeros([0])),
  'nanmean all nan': () => np.nanmean(np.array([[NaN, NaN], [1, NaN]]), { axis: 1 }),
  'nanmax all nan': () => np.nanmax(np.array([[NaN, 1], [NaN, 2]]), { axis: 0 }),
  'nanmin all nan': () => np.nanmin(np.array([NaN, NaN])),
  'sum fine': () => np.sum(np.ones([3])),
};

describeBackends('reduce warnings', () => {
  for (const [name, rec] of Object.entries(fx.warnings)) {
    it(name, () => {
      const { result, warnings } = warningsOf(WARNING_CALLS[name]!);
      expect(warnings, 'RuntimeWarnings').toEqual(rec.warnings);
      expectResult(result, rec.result, name.split(' ')[0]!, name, rec.result.shape.length === 0);
    });
  }
});

describeBackends('reduce out', () => {
  const a = () => np.arange(24, { dtype: 'int16' }).reshape(2, 3, 4);
  it('writes into out of the result dtype and returns it', () => {
    const out = np.zeros([2, 4], { dtype: 'int64' });
    const r = np.sum(a(), { axis: 1, out });
    expect(r).toBe(out);
    expect(out.toArray()).toEqual([[12n, 15n, 18n, 21n], [48n, 51n, 54n, 57n]]);
  });
  it('casts into out of another dtype (unsafe, as NumPy)', () => {
    const out = np.zeros([2, 4], { dtype: 'int8' });
    np.sum(a().astype('float64').mul(10), { axis: 1, out });
    expect(out.toArray()).toEqual([[120, -106, -76, -46], [-32, -2, 28, 58]]);
    const f = np.zeros([4], { dtype: 'float32' });
    np.mean(a(), { axis: [0, 1], out: f });
    expect(Array.from(f.toTypedArray())).toEqual([10, 11, 12, 13]);
  });
  it('writes a full reduction into a 0-d out and keepdims into a same-rank out', () => {
    const o0 = np.zeros([], { dtype: 'float64' });
    expect(np.std(a(), { out: o0 })).toBe(o0);
    expect(o0.item()).toBeCloseTo(6.922186552431729, 14);
    const ok = np.zeros([1, 3, 1], { dtype: 'uint8' });
    np.max(a(), { axis: [0, 2], keepdims: true, out: ok });
    expect(ok.toArray()).toEqual([[[15], [19], [23]]]);
  });
  it('out may be a strided view, and may overlap the input', () => {
    const big = np.zeros([4, 9]);
    const view = big.slice('::2', '1::2');
    np.sum(np.arange(24, { dtype: 'float64' }).reshape(2, 4, 3), { axis: 2, out: view });
    expect(big.toArray()).toEqual([
      [0, 3, 0, 12, 0, 21, 0, 30, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 39, 0, 48, 0, 57, 0, 66, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0]]);
    const m = np.arange(12, { dtype: 'float64' }).reshape(3, 4);
    np.sum(m, { axis: 0, out: m.slice(0) }); // NumPy: m[0] = m.sum(axis=0), read before written
    expect(m.toArray()).toEqual([[12, 15, 18, 21], [4, 5, 6, 7], [8, 9, 10, 11]]);
    const c = np.arange(6, { dtype: 'int64' });
    np.cumsum(c, { out: c });
    expect(c.toArray()).toEqual([0n, 1n, 3n, 6n, 10n, 15n]);
  });
  // Values from NumPy 2.4.6: without dtype, an add/multiply reduction or scan into
  // out accumulates in promote(input, out), not in the default dtype.
  it('accumulates in the promotion of the input and out dtypes, as NumPy', () => {
    const f64 = np.zeros([], { dtype: 'float64' });
    np.sum(np.full([1000], 0.1, { dtype: 'float32' }), { out: f64 });
    expect(f64.item()).toBe(100.00000149011612);
    np.prod(np.full([10], 1.1, { dtype: 'float32' }), { out: f64 });
    expect(f64.item()).toBe(2.593743022278593);
    np.mean(np.full([1000], 0.1, { dtype: 'float32' }), { out: f64 });
    expect(f64.item()).toBe(0.10000000149011612);
    const u = np.array([2n ** 63n, 2n ** 63n, 3n], { dtype: 'uint64' });
    const c64 = np.zeros([3], { dtype: 'float64' });
    np.cumsum(u, { out: c64 }); // uint64 with float64: float64, no wrap-around
    expect(c64.toArray()).toEqual([9.223372036854776e+18, 1.8446744073709552e+19, 1.8446744073709552e+19]);
    const c32 = np.zeros([3], { dtype: 'int32' });
    np.cumsum(u, { out: c32 }); // uint64 with int32: float64, then NumPy's overflowing cast
    expect(c32.toArray()).toEqual([-2147483648, -2147483648, -2147483648]);
    const b = np.zeros([6], { dtype: 'bool' });
    np.cumprod(np.array([100, 100, 100, 100, 100, -3], { dtype: 'int8' }), { out: b }); // in int8: 100, 16, 64, 0, ...
    expect(b.toArray()).toEqual([true, true, true, false, false, false]);
    const f32 = np.zeros([], { dtype: 'float32' });
    np.sum(np.array([1e8, 1.0, -1e8]), { out: f32 });
    expect(f32.item()).toBe(1);
  });
  it('mean into an integer out sums into out, then divides, as NumPy', () => {
    const i8 = np.zeros([], { dtype: 'int8' });
    np.mean(np.array([100, 100, 100, 100, 100, -3], { dtype: 'int8' }), { out: i8 }); // 497 -> -15 -> -2.5 -> -2
    expect(i8.item()).toBe(-2);
  });
  it('argmax writes into an integer out of any width', () => {
    const out = np.zeros([2], { dtype: 'int32' });
    np.argmax(np.array([[1, 5, 2], [7, 0, 7]]), { axis: 1, out });
    expect(out.toArray()).toEqual([1, 0]);
  });
});

describeBackends('reduce results that are JS scalars', () => {
  it('follows API.md: number, bigint for int64/uint64, boolean for bool', () => {
    expect(np.sum([1, 2, 3])).toBe(6n);
    expect(np.sum(np.array([1, 2], { dtype: 'uint8' }))).toBe(3n);
    expect(np.sum([1.5, 2])).toBe(3.5);
    expect(np.sum([1, 2], { dtype: 'int32' })).toBe(3);
    expect(np.max(np.array([1, 2], { dtype: 'int16' }))).toBe(2);
    expect(np.max([true, false])).toBe(true);
    expect(np.argmax([3, 9, 2])).toBe(1n);
    expect(np.all([1, 2])).toBe(true);
    expect(np.mean([1, 2])).toBe(1.5);
    const a = np.arange(6, { dtype: 'float32' }).reshape(2, 3);
    expect(a.sum({ axis: [0, 1] }) instanceof np.NDArray).toBe(true);
    expect(np.arange(3, { dtype: 'float64' }).sum({ axis: 0 }).shape).toEqual([]);
  });
});

describeBackends('reduce min/max zeros and NaN', () => {
  it('takes +0 as larger than -0 whatever the order, as Math.max does', () => {
    for (const d of ['float32', 'float64'] as const) {
      for (const v of [[-0, 0], [0, -0], [-0, -0, 0, -0], [0, 0, -0]]) {
        const a = np.array(v, { dtype: d });
        expect(Object.is(np.max(a), Math.max(...v)), `max ${v}`).toBe(true);
        expect(Object.is(np.min(a), Math.min(...v)), `min ${v}`).toBe(true);
        expect(Object.is(np.nanmax(a), Math.max(...v)), `nanmax ${v}`).toBe(true);
      }
      const long = np.array([...Array(100).fill(-0), 0, ...Array(100).fill(-0)], { dtype: d });
      expect(Object.is(np.max(long), 0)).toBe(true);
      expect(Object.is(np.min(long), -0)).toBe(true);
      expect(np.argmax(long)).toBe(0n); // argmax compares with >, as NumPy: the first of equals
    }
  });
  it('NaN propagates through min/max and argmax finds the first NaN, also past a vector block', () => {
    const v = new Float64Array(5000).map((_, i) => Math.sin(i));
    v[3001] = NaN;
    v[4000] = NaN;
    const a = np.array(v);
    expect(np.max(a)).toBeNaN();
    expect(np.argmax(a)).toBe(3001n);
    expect(np.argmin(a)).toBe(3001n);
    expect(np.nanmax(a)).toBe(Math.max(...Array.from(v).filter((t) => t === t)));
  });
});

// ---- accuracy ----------------------------------------------------------------------------------

function ulp(x: number, dtype: 'float32' | 'float64'): number {
  const ax = Math.abs(x);
  if (ax === 0) return dtype === 'float32' ? 2 ** -149 : 2 ** -1074;
  const e = Math.floor(Math.log2(ax));
  return 2 ** (e - (dtype === 'float32' ? 23 : 52));
}

/**
 * The worst-case error of numnode's summation tree (native/kernels/reduce.h) for
 * n elements, in units of the float64 rounding error times the sum of
 * magnitudes: at most 7 rounded additions along a lane (8 elements per lane per
 * leaf, the first exact), 4 levels of the lane tree, and ceil(log2(leaves)) + 1
 * levels of the binary counter with its final fold. NumPy's pairwise summation
 * has up to 15 + 3 + 7 inside its 128-element blocks plus ceil(log2(n / 128))
 * levels above them, always more.
 */
function treeDepth(n: number): number {
  const leaves = Math.max(1, Math.ceil(n / 128));
  return Math.min(n, 7 + 4 + Math.ceil(Math.log2(leaves)) + 1);
}

describeBackends('reduce accuracy', () => {
  it('float sums and means stay within the tree\'s error bound, float32 ones are correctly rounded, and the total error is below NumPy\'s', () => {
    let ours64 = 0;
    let numpy64 = 0;
    for (const c of fx.accuracy) {
      const key = `${c.dtype} ${c.shape.join('x')} ${c.fn} axis=${c.axis}`;
      const size = c.shape.reduce((s, d) => s * d, 1);
      const n = c.axis === null ? size : c.shape[c.axis]!;
      const a = np.array(spreadValues(size, c.dtype, fx.seed)).reshape(c.shape);
      const r = np[c.fn](a, c.axis === null ? undefined : { axis: c.axis });
      const got = r instanceof np.NDArray ? Array.from(r.toTypedArray() as Float64Array) : [r as number];
      expect(got.length).toBe(c.exact.length);
      for (let i = 0; i < got.length; i++) {
        const exact = Number(c.exact[i]);
        const npv = Number(c.numpy[i]);
        const eo = Math.abs(got[i]! - exact);
        const en = Math.abs(npv - exact);
        // The tree's bound on the float64 accumulation, then the final rounding (and division).
        const scale = c.fn === 'mean' ? n : 1;
        const bound = (treeDepth(n) * 2 ** -53 * Number(c.abssum[i])) / scale * 1.001 + ulp(exact, c.dtype) / 2;
        expect(eo, `${key} [${i}]: ours ${got[i]}, exact ${exact}, bound ${bound}`).toBeLessThanOrEqual(bound);
        if (c.dtype === 'float32') {
          // Correctly rounded: no float32 value is closer, NumPy's included.
          expect(eo, `${key} [${i}]: ours ${got[i]}, NumPy ${npv}, exact ${exact}`).toBeLessThanOrEqual(en);
        } else {
          ours64 += eo / ulp(exact, 'float64');
          numpy64 += en / ulp(exact, 'float64');
        }
      }
    }
    expect(ours64, `float64: total error in ulps, ours ${ours64} vs NumPy ${numpy64}`).toBeLessThan(numpy64);
  });
});

describe('the 1e7 float32 sum of the issue', () => {
  it('is correctly rounded, at least as accurate as NumPy\'s (both data sets)', () => {
    const n = fx.float32_1e7.n;
    for (const [name, data] of [['uniform', hashedFloat32(n)], ['spread', spreadValues(n, 'float32', 0)]] as const) {
      const rec = fx.float32_1e7[name];
      const exact = Number(rec.exact);
      const ours = np.sum(np.asarray(data)) as number;
      const numpy = Number(rec.numpy_float32);
      expect(Math.abs(ours - exact), `${name}: ours ${ours}, NumPy ${numpy}, exact ${exact}`).toBeLessThanOrEqual(Math.abs(numpy - exact));
      expect(Math.abs(ours - exact), `${name}: within half an ulp of float32`).toBeLessThanOrEqual(ulp(exact, 'float32') / 2);
    }
  });
});

describeBackends('reduce documented differences from NumPy', () => {
  it('float32 sums accumulate in float64: partial sums that overflow float32 do not (NumPy: inf)', () => {
    const a = np.array([3e38, 3e38, -3e38], { dtype: 'float32' });
    expect(np.sum(a)).toBe(Math.fround(3e38));
    expect(np.mean(a)).toBe(Math.fround(1e38));
    expect(np.cumsum(a).toArray()).toEqual([Math.fround(3e38), Infinity, Math.fround(3e38)]);
  });
});

describeBackends('reduce API odds and ends', () => {
  it('amin/amax are min/max; methods exist for the ndarray reductions', () => {
    expect(np.amin).toBe(np.min);
    expect(np.amax).toBe(np.max);
    const a = np.arange(6, { dtype: 'int32' }).reshape(2, 3);
    expect(a.cumsum().toArray()).toEqual([0n, 1n, 3n, 6n, 10n, 15n]);
    expect(a.cumprod({ axis: 1, dtype: 'float64' }).toArray()).toEqual([[0, 0, 0], [3, 12, 60]]);
    expect(a.var()).toBeCloseTo(35 / 12, 14);
    expect(a.prod({ axis: 0 }).toArray()).toEqual([0n, 4n, 10n]);
  });
  it('diff with prepend, append, n and axis', () => {
    expect(np.diff(np.arange(5), { prepend: 0, append: [9, 9] }).toArray()).toEqual([0n, 1n, 1n, 1n, 1n, 5n, 0n]);
    expect(np.diff(np.ones([2, 3]), { axis: 0, prepend: np.zeros([1, 3]) }).toArray()).toEqual([[1, 1, 1], [0, 0, 0]]);
    expect(np.diff(np.array([1, 2], { dtype: 'uint8' }), { prepend: np.array([300]) }).dtype).toBe('int64');
    const a = np.arange(5);
    expect(np.diff(a, { n: 0 })).toBe(a);
    expect(np.diff(a, { n: 7 }).shape).toEqual([0]);
    expect(np.diff(np.array([true, false, false])).toArray()).toEqual([true, false]);
  });
  it('accepts nested arrays and TypedArrays as input', () => {
    expect(np.sum([[1, 2], [3, 4]], { axis: 0 }).toArray()).toEqual([4n, 6n]);
    expect(np.max(new Float32Array([1, 5, 2]))).toBe(5);
    expect(np.cumsum(new Int16Array([1, 2, 3])).toArray()).toEqual([1n, 3n, 6n]);
  });
});

describe('bench/workloads/reduce.ts', () => {
  it('has every case issue 4 asks for, each against NumPy and plain JS', async () => {
    const { cases } = await import('../bench/workloads/reduce');
    const byName = new Map(cases.map((c) => [c.name, c]));
    for (const name of [
      'x.sum() float64', 'x.sum() float32', 'x.sum(axis=0)', 'x.sum(axis=1)', '(A*A).sum(axis=1)', 'x.mean()', 'x.std()',
      'np.cumsum(x, axis=1)', 'np.cumsum(x, 1) / np.arange(1, n + 1)', 'x.argmax()',
    ]) {
      const c = byName.get(name);
      expect(c, name).toBeDefined();
      expect(c!.native && c!.ts && c!.plainjs && c!.numpy, `${name}: all four contenders`).toBeTruthy();
    }
    expect(byName.get('x.sum() float64')!.size).toMatch(/^5000000 /);
    expect(byName.get('x.argmax()')!.size).toMatch(/^10000000 /);
  });
});
