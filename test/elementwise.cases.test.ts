// Named ufunc calls against NumPy (test/fixtures/elementwise.json `cases` and
// `overlap`), run once per backend: `out` (shape, casting, read-only, broadcasting
// the inputs to it), `dtype`, NumPy's refusals and messages, weak scalars that do
// not fit, exact int64/uint64 arithmetic, np.where, np.clip, and outputs that
// overlap an input partly, reversed or shifted (NumPy's test_mem_overlap). Then
// bad input: every failure is a coded error and leaves inputs and `out` unchanged.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { expectClose, loadEwFixture, ruleFor } from './helpers/elementwise';
import { canon, decode, expectNumpyError, expectValues, flat, snapshot, thrown } from './helpers/fixtures';

const fx = loadEwFixture();

// The arrays the generator's named cases use.
const f8 = () => np.arange(12, { dtype: 'float64' }).reshape(3, 4).sub(4.5);
const i8 = () => np.arange(12, { dtype: 'int8' }).reshape(3, 4).sub(6);
const u8 = () => np.array([1, 200, 255, 0], { dtype: 'uint8' });
const arr = (x: unknown[], dtype: np.DType) => np.array(x as never, { dtype });

/** Each named case as numnode spells it; `out` arrays are returned for the unchanged-on-error check. */
const CASES: Record<string, () => NDArray | { run: () => NDArray; watch: NDArray[] }> = {
  broadcast_error: () => np.add(np.ones([5, 4]), np.ones([3])),
  broadcast_error_out: () => np.add(np.ones([5, 4]), np.ones([3]), { out: np.ones([5, 4]) }),
  out_shape_error: () => { const out = np.ones([3]); return { run: () => np.add(np.ones([2, 3]), 1, { out }), watch: [out] }; },
  out_shape_error_1: () => { const out = np.ones([1, 3]); return { run: () => np.add(np.ones([2, 3]), 1, { out }), watch: [out] }; },
  out_broadcasts_inputs: () => np.add(np.ones([3]), np.arange(3, { dtype: 'float64' }), { out: np.zeros([2, 3]) }),
  out_cast_error: () => { const out = np.ones([3], { dtype: 'int64' }); return { run: () => np.add(np.ones([3]), np.ones([3]), { out }), watch: [out] }; },
  out_cast_bool_error: () => { const out = np.ones([3], { dtype: 'bool' }); return { run: () => np.add(np.ones([3]), np.ones([3]), { out }), watch: [out] }; },
  out_cast_ok: () => np.add(i8(), 100, { out: np.zeros([3, 4], { dtype: 'float32' }) }),
  out_cast_downcast: () => np.add(f8(), 0.25, { out: np.zeros([3, 4], { dtype: 'float32' }) }),
  out_compare_float: () => np.less(i8(), 1, { out: np.zeros([3, 4], { dtype: 'float32' }) }),
  out_readonly: () => { const out = np.broadcastTo(np.ones([3]), [3]); return { run: () => np.add(np.ones([3]), 1, { out }), watch: [out] }; },
  out_not_array: () => np.add(np.ones([3]), 1, { out: [1, 2, 3] as never }),
  dtype_float32: () => np.add(i8(), i8(), { dtype: 'float32' }),
  dtype_sin_float32: () => np.sin(f8(), { dtype: 'float32' }),
  dtype_cast_error: () => np.add(f8(), 1, { dtype: 'int32' }),
  dtype_unary_cast_error: () => np.negative(f8(), { dtype: 'int8' }),
  dtype_no_loop: () => np.equal(f8(), 1, { dtype: 'float64' }),
  dtype_and_out: () => np.add(i8(), 1, { dtype: 'int16', out: np.zeros([3, 4], { dtype: 'int8' }) }),
  bool_subtract: () => np.subtract(arr([true, false], 'bool'), arr([true, true], 'bool')),
  bool_negative: () => np.negative(arr([true, false], 'bool')),
  bool_positive: () => np.positive(arr([true, false], 'bool')),
  bitwise_float: () => np.bitwiseAnd(f8(), 1),
  shift_float: () => np.leftShift(np.ones([2], { dtype: 'float32' }), 1),
  power_negative: () => np.power(i8(), np.array(-1, { dtype: 'int8' })),
  power_negative_array: () => np.power(arr([2, 3], 'int32'), arr([1, -1], 'int32')),
  power_negative_float_ok: () => np.power(arr([2, 4], 'float64'), -1),
  power_negative_unsigned_base: () => np.power(u8(), -1),
  weak_uint8_300: () => np.add(u8(), 300),
  weak_uint64_neg: () => np.add(arr([1], 'uint64'), -1),
  weak_int8_huge: () => np.add(arr([1], 'int8'), 2n ** 70n),
  weak_int64_2p63: () => np.add(arr([1], 'int64'), 2n ** 63n),
  weak_uint64_2p63: () => np.add(arr([1], 'uint64'), 2n ** 63n),
  weak_float32_huge_int: () => np.add(arr([1], 'float32'), 10n ** 40n),
  weak_float64_too_big: () => np.add(arr([1.5], 'float64'), 10n ** 400n),
  compare_uint8_300: () => np.less(u8(), 300),
  compare_uint8_neg: () => np.greaterEqual(u8(), -1),
  compare_uint64_neg_eq: () => np.equal(arr([0, 1], 'uint64'), -1),
  compare_int8_big_left: () => np.less(1000, i8()),
  compare_int64_2p64: () => np.notEqual(arr([1, -1], 'int64'), 2n ** 64n),
  weak_only_int: () => np.add(2, 3),
  weak_only_float: () => np.multiply(2, 1.5),
  weak_bool_int: () => np.add(arr([true, false], 'bool'), 5),
  weak_int8_times_float: () => np.multiply(i8(), 2.5),
  weak_float32_times_float: () => np.multiply(f8().astype('float32'), 2.5),
  int_divide: () => np.divide(i8(), 4),
  int_divide_zero: () => np.divide(i8(), 0),
  int64_uint64_add: () => np.add(arr([2n ** 62n], 'int64'), arr([2n ** 63n], 'uint64')),
  int64_uint64_less: () => np.less(arr([-1n, 2n ** 62n, 5n], 'int64'), arr([2n ** 63n, 2n ** 62n, 2n ** 64n - 1n], 'uint64')),
  floor_divide_min: () => np.floorDivide(arr([-128, -7, 7, 5], 'int8'), arr([-1, 2, -2, 0], 'int8')),
  remainder_min: () => np.remainder(arr([-128, -7, 7, 5], 'int8'), arr([-1, 2, -2, 0], 'int8')),
  int64_exact: () => np.add(arr([2n ** 62n + 1n, -(2n ** 63n)], 'int64'), arr([2n ** 62n + 3n, -1n], 'int64')),
  uint64_exact_mul: () => np.multiply(arr([2n ** 63n + 7n, 3n], 'uint64'), arr([3n, 2n ** 62n + 5n], 'uint64')),
  where_basic: () => np.where(arr([[true, false, true, false]], 'bool'), f8(), -1),
  where_weak_uint8: () => np.where(arr([false, true], 'bool'), u8().slice(':2'), 300),
  where_weak_neg: () => np.where(arr([false, true], 'bool'), u8().slice(':2'), -1),
  where_float_cond: () => np.where(arr([0, 2.5, NaN], 'float64'), 1, 0),
  where_mixed: () => np.where(arr([true, false], 'bool'), i8().slice(0, ':2'), 2.5),
  where_promote: () => np.where(arr([true, false], 'bool'), i8().slice(0, ':2'), u8().slice(':2')),
  where_scalars: () => np.where(arr([true, false], 'bool'), 1, 2),
  where_broadcast: () => np.where(np.array([[1, 0]]), np.array([1, 2, 3]).reshape(3, 1), 0),
  where_broadcast_error: () => np.where(np.array([[1, 0]]), np.array([1, 2, 3]), 0),
  where_huge: () => np.where(arr([false], 'bool'), arr([1], 'int8'), 2n ** 70n),
  clip_basic: () => np.clip(f8(), -2.5, 3),
  clip_uint8_oob: () => np.clip(u8(), -5, 300),
  clip_uint8_float: () => np.clip(u8(), -5.5, 300),
  clip_int8_max_oob: () => np.clip(i8(), -2, 300),
  clip_int8_min_too_big: () => np.clip(i8(), 300, 400),
  clip_nan: () => np.clip(arr([1, NaN, -3], 'float64'), 0, 0.5),
  clip_nan_bound: () => np.clip(arr([1, 2], 'float64'), NaN, 0.5),
  clip_crossed: () => np.clip(arr([1, 2, 7], 'float64'), 3, 0.5),
  clip_none_min: () => np.clip(i8(), null, 2),
  clip_none_max: () => np.clip(i8(), 2, null),
  clip_array_bounds: () => np.clip(f8(), arr([-1, 0, 1, 2], 'float64'), arr([[0], [1], [2]], 'float64')),
  clip_promote: () => np.clip(u8(), arr([5], 'int16'), 100),
};

/** Where numnode's error class or code is its own (NumPy's ValueError for shapes maps to a RangeError with a shape code). */
const CODES: Record<string, string> = {
  broadcast_error: 'ERR_NUMNODE_BROADCAST', broadcast_error_out: 'ERR_NUMNODE_BROADCAST',
  where_broadcast_error: 'ERR_NUMNODE_BROADCAST', out_shape_error: 'ERR_NUMNODE_SHAPE', out_shape_error_1: 'ERR_NUMNODE_SHAPE',
  out_readonly: 'ERR_NUMNODE_READONLY', out_not_array: 'ERR_NUMNODE_ARG', out_cast_error: 'ERR_NUMNODE_DTYPE',
  dtype_cast_error: 'ERR_NUMNODE_DTYPE', bool_subtract: 'ERR_NUMNODE_DTYPE', bitwise_float: 'ERR_NUMNODE_DTYPE',
};

describeBackends('elementwise named cases', () => {
  it('covers every case the fixture records', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(fx.cases).sort());
  });

  it.each(Object.keys(fx.cases))('%s', (name) => {
    const want = fx.cases[name]!;
    const made = CASES[name]!;
    if (want.error) {
      let watch: NDArray[] = [];
      let run: () => unknown = made;
      const m = (() => { try { return made(); } catch { return null; } })();
      if (m !== null && !(m instanceof np.NDArray)) ({ run, watch } = m);
      const before = watch.map(snapshot);
      expectNumpyError(run, want.error, name, { code: CODES[name] });
      expect(watch.map(snapshot), 'out unchanged').toEqual(before);
      return;
    }
    const m = made();
    const r = m instanceof np.NDArray ? m : m.run();
    expect(r.dtype, 'dtype').toBe(want.dtype);
    expect([...r.shape], 'shape').toEqual(want.shape);
    // sin: NumPy's float32 SIMD sin is not correctly rounded (it gives -0.59847218
    // for sin(-2.5f), the correctly rounded value is -0.59847212): within ulps there.
    if (name === 'dtype_sin_float32') expectClose(flat(r), want.values!, want.dtype!, ruleFor('sin', want.dtype!), 'values');
    else expectValues(flat(r), want.values!, want.dtype!, 'values');
  });
});

describeBackends('out overlapping an input (NumPy test_mem_overlap)', () => {
  it.each(fx.overlap.map((c, i) => [`#${i} ${c.op} ${c.dtype} in=[${c.in ?? ''}] out=[${c.out ?? ''}]`, c] as const))('%s', (_t, c) => {
    let x: NDArray;
    if (c.op === 'add2d_T') {
      x = np.arange(16, { dtype: 'float64' }).reshape(4, 4);
      np.add(x.T, x, { out: x });
    } else if (c.op === 'sub2d_row0') {
      x = np.arange(16, { dtype: 'float64' }).reshape(4, 4);
      np.subtract(x, x.slice(0), { out: x });
    } else if (c.op === 'mul2d_flips') {
      x = np.arange(16, { dtype: 'float64' }).reshape(4, 4);
      np.multiply(x.slice(':', '::-1'), x.slice('::-1', ':'), { out: x });
    } else {
      x = np.arange(20, { dtype: c.dtype });
      if (c.dtype === 'uint8') x = np.multiply(np.arange(20), 13).astype('uint8');
      const a = x.slice(c.in!);
      const o = x.slice(c.out!);
      const fn = (np as unknown as Record<string, (...xs: unknown[]) => NDArray>)[c.op]!;
      if (c.op === 'negative') fn(a, { out: o });
      else fn(a, c.op === 'multiply' ? x.slice(`:${a.shape[0]}`).slice('::-1') : 3, { out: o });
    }
    expectValues(flat(x), c.values, c.dtype, 'the whole base after the call');
  });

  it('in place on the very same view runs without a copy and gives the elementwise result', () => {
    const x = np.arange(10, { dtype: 'float64' });
    const r = np.multiply(x, 2, { out: x });
    expect(r).toBe(x);
    expect(flat(x)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    const t = np.arange(6, { dtype: 'int32' }).reshape(2, 3).T;
    np.add(t, t, { out: t });
    expect(flat(t)).toEqual([0, 6, 2, 8, 4, 10]);
  });
});

describeBackends('elementwise API', () => {
  it('methods: long names, short names, clip', () => {
    const a = np.arange(4, { dtype: 'float64' });
    expect(flat(a.add(1))).toEqual([1, 2, 3, 4]);
    expect(flat(a.sub(1))).toEqual([-1, 0, 1, 2]);
    expect(flat(a.mul(a))).toEqual([0, 1, 4, 9]);
    expect(flat(a.div(2))).toEqual([0, 0.5, 1, 1.5]);
    expect(flat(a.pow(2))).toEqual([0, 1, 4, 9]);
    expect(flat(a.neg()).map(canon)).toEqual(['-0', '-1', '-2', '-3']);
    expect(flat(a.sub(2).abs())).toEqual([2, 1, 0, 1]);
    expect(flat(a.sqrt())).toEqual([0, 1, Math.SQRT2, Math.sqrt(3)]);
    expect(flat(a.greater(1))).toEqual([false, false, true, true]);
    expect(flat(a.clip(1, 2))).toEqual([1, 1, 2, 2]);
    expect(flat(a.floorDivide(2))).toEqual([0, 0, 1, 1]);
    expect(flat(a.subtract(1, { dtype: 'float32' }))).toEqual([-1, 0, 1, 2]);
    expect(np.abs).toBe(np.absolute);
  });

  it('accepts nested arrays, TypedArrays and booleans as operands', () => {
    expect(flat(np.add([1, 2, 3], new Int8Array([1, 1, 1])))).toEqual([2n, 3n, 4n]);
    expect(np.add([1, 2, 3], new Int8Array([1, 1, 1])).dtype).toBe('int64');
    expect(np.add(new Float32Array([1.5]), 1).dtype).toBe('float32');
    expect(np.logicalAnd(true, [1, 0]).dtype).toBe('bool');
    expect(flat(np.logicalAnd(true, [1, 0]))).toEqual([true, false]);
    expect(np.multiply(true, true).dtype).toBe('bool');
  });

  it('0-d and empty results', () => {
    const z = np.add(np.array(2.5), 1);
    expect(z.ndim).toBe(0);
    expect(z.item()).toBe(3.5);
    const e = np.sin(np.zeros([3, 0]));
    expect([...e.shape]).toEqual([3, 0]);
    const e2 = np.add(np.zeros([0]), np.zeros([1]));
    expect([...e2.shape]).toEqual([0]);
    const e3 = np.add(np.zeros([0, 4]), 1, { out: np.zeros([0, 4]) });
    expect([...e3.shape]).toEqual([0, 4]);
  });

  it('new outputs follow the inputs\' memory order (NumPy\'s K order)', () => {
    const f = np.zeros([3, 4]).T; // F-ordered (4, 3)
    expect([...np.add(f, 1).strides]).toEqual([8, 32]);
    expect([...np.add(f, f).strides]).toEqual([8, 32]);
    expect([...np.add(np.zeros([4, 3]), f).strides]).toEqual([24, 8]);
    const rev = np.arange(6, { dtype: 'float64' }).slice('::-1');
    expect([...np.negative(rev).strides]).toEqual([8]);
  });

  it('bad arguments are coded errors', () => {
    const a = np.ones([3]);
    const before = snapshot(a);
    for (const [what, fn, code] of [
      ['unknown option', () => np.add(a, 1, { bogus: 1 } as never), 'ERR_NUMNODE_ARG'],
      ['bad dtype name', () => np.add(a, 1, { dtype: 'float16' }), 'ERR_NUMNODE_DTYPE'],
      ['null operand', () => np.add(a, null as never), 'ERR_NUMNODE_ARG'],
      ['string operand', () => np.sin('x' as never), 'ERR_NUMNODE_ARG'],
      ['object operand', () => np.add({} as never, a), 'ERR_NUMNODE_ARG'],
      ['ragged operand', () => np.add([[1], [1, 2]], a), 'ERR_NUMNODE_SHAPE'],
      ['options not an object', () => np.add(a, 1, 5 as never), 'ERR_NUMNODE_ARG'],
      ['where bad out', () => np.where(a, a, a, { out: 3 as never }), 'ERR_NUMNODE_ARG'],
      ['clip bad option', () => np.clip(a, 0, 1, { axis: 0 } as never), 'ERR_NUMNODE_ARG'],
    ] as const) {
      const e = thrown(fn, what);
      expect(e.code, `${what}: ${e.message}`).toBe(code);
    }
    expect(snapshot(a)).toBe(before);
  });

  it('a detached buffer is a coded error and out stays as it was', () => {
    const buf = new ArrayBuffer(32);
    const a = np.frombuffer(buf, { dtype: 'float64' });
    const out = np.zeros([4]);
    structuredClone(buf, { transfer: [buf] });
    const e = thrown(() => np.add(a, 1, { out }), 'detached input');
    expect(e.code).toBe('ERR_NUMNODE_BUFFER');
    expect(flat(out)).toEqual([0, 0, 0, 0]);
    const buf2 = new ArrayBuffer(32);
    const o2 = np.frombuffer(buf2, { dtype: 'float64' });
    structuredClone(buf2, { transfer: [buf2] });
    expect(thrown(() => np.add(np.ones([4]), 1, { out: o2 }), 'detached out').code).toBe('ERR_NUMNODE_BUFFER');
  });

  it('integer power checks every exponent before writing out', () => {
    const out = np.full([3], 7, { dtype: 'int32' });
    const e = thrown(() => np.power(np.array([2, 2, 2], { dtype: 'int32' }), np.array([1, 2, -3], { dtype: 'int32' }), { out }), 'power');
    expect(e.message).toBe('Integers to negative integer powers are not allowed.');
    expect(flat(out)).toEqual([7, 7, 7]);
  });

  it('where with out: reversed overlap, casting checked', () => {
    const x = np.arange(6, { dtype: 'float64' });
    const r = np.where(np.greater(x, 2), x.slice('::-1'), 0, { out: x });
    expect(r).toBe(x);
    expect(flat(x)).toEqual([0, 0, 0, 2, 1, 0]);
    const out = np.zeros([6], { dtype: 'int64' });
    const e = thrown(() => np.where(np.greater(x, 0), x, 0.5, { out }), 'where cast');
    expect(e.message).toBe("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'same_kind'");
    expect(flat(out)).toEqual([0n, 0n, 0n, 0n, 0n, 0n]);
  });

  it('int64 and uint64 stay exact', () => {
    const big = 2n ** 62n + 12345n;
    const a = np.array([big, -big], { dtype: 'int64' });
    expect(flat(np.multiply(a, 3))).toEqual([BigInt.asIntN(64, big * 3n), BigInt.asIntN(64, -big * 3n)]);
    expect(flat(np.floorDivide(a, 7))).toEqual([big / 7n, -(big / 7n) - 1n]);
    expect(flat(np.remainder(a, 7))).toEqual([big % 7n, 7n - (big % 7n)]);
    const u = np.array([2n ** 64n - 1n], { dtype: 'uint64' });
    expect(flat(np.add(u, 1))).toEqual([0n]);
    expect(flat(np.rightShift(u, 60))).toEqual([15n]);
    expect(decode('18446744073709551615', 'uint64')).toBe(2n ** 64n - 1n);
  });
});

describe('where and clip edge cases', () => {
  it('where takes x and y together', () => {
    const e = thrown(() => (np.where as unknown as (c: unknown, x: unknown) => unknown)(np.ones([2]), np.ones([2])), 'where(c, x)');
    expect(e.code).toBe('ERR_NUMNODE_ARG');
    expect(e.message).toBe('either both or neither of x and y should be given');
  });

  it('clip with out and dtype', () => {
    const out = np.zeros([4], { dtype: 'float32' });
    const r = np.clip(np.array([-3, 0.5, 2, 9], { dtype: 'float64' }), 0, 1, { out });
    expect(r).toBe(out);
    expect(flat(out)).toEqual([0, 0.5, 1, 1]);
    expect(np.clip(np.array([1, 5], { dtype: 'int8' }), 2, 3, { dtype: 'int16' }).dtype).toBe('int16');
    const c = np.clip([1, 5, 9], [2, 2, 2], 8);
    expect(c.dtype).toBe('int64');
    expect(flat(c)).toEqual([2n, 5n, 8n]);
  });
});
