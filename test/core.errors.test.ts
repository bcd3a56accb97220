// Error cases against NumPy (test/fixtures/core.json "errors"): each named case is
// a NumPy call whose exception type and message the generator recorded, mapped here
// onto the numnode call that does the same thing. numnode throws the built-in class
// NumPy's type maps to (ValueError/IndexError/AxisError/OverflowError -> RangeError,
// TypeError -> TypeError, TooHardError -> Error), a `code` (API.md's table plus
// ERR_NUMNODE_ARG / _READONLY / _BUFFER) and NumPy's message, and a failed call
// leaves every input as it was.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { ErrorExpectation, expectNumpyError, loadFixture, snapshot, thrown } from './helpers/fixtures';

const fx = loadFixture();

interface Case extends ErrorExpectation {
  /** Builds the inputs (fresh for every backend) and returns the failing call. */
  setup: () => { inputs: NDArray[]; run: () => unknown };
  /** Why numnode's behaviour differs from NumPy's here (the expectation then is numnode's). */
  deviation?: string;
}

const x = () => np.arange(24, { dtype: 'float64' }).reshape(4, 6);
const on = (a: NDArray, run: (a: NDArray) => unknown) => () => ({ inputs: [a], run: () => run(a) });
const none = (run: () => unknown) => () => ({ inputs: [], run });
const ones65 = () => new Array<number>(65).fill(1);

const CASES: Record<string, Case> = {
  zeros_negative_dim: { setup: none(() => np.zeros([2, -1])), code: 'ERR_NUMNODE_SHAPE' },
  empty_negative_dim: { setup: none(() => np.empty(-3)), code: 'ERR_NUMNODE_SHAPE' },
  zeros_too_many_dims: { setup: none(() => np.zeros(ones65())), code: 'ERR_NUMNODE_SHAPE' },
  reshape_too_many_dims: { setup: () => on(np.zeros(1), (a) => a.reshape(ones65()))(), code: 'ERR_NUMNODE_SHAPE' },
  zeros_hostile: { setup: none(() => np.zeros([2 ** 40, 2 ** 40])), code: 'ERR_NUMNODE_ALLOC' },
  empty_hostile: { setup: none(() => np.empty(2 ** 60)), code: 'ERR_NUMNODE_ALLOC' },
  reshape_incompatible: { setup: () => on(np.arange(6), (a) => a.reshape(4, 2))(), code: 'ERR_NUMNODE_SHAPE' },
  reshape_incompatible_1d: { setup: () => on(np.arange(6), (a) => a.reshape(4))(), code: 'ERR_NUMNODE_SHAPE' },
  reshape_incompatible_unknown: { setup: () => on(np.arange(6), (a) => a.reshape(-1, 4))(), code: 'ERR_NUMNODE_SHAPE' },
  reshape_two_unknown: { setup: () => on(np.arange(6), (a) => a.reshape(-1, -1))(), code: 'ERR_NUMNODE_SHAPE' },
  reshape_negative: {
    setup: () => on(np.arange(6), (a) => a.reshape(-2, 3))(),
    cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'negative dimensions are not allowed',
    deviation: 'NumPy takes any negative entry as the unknown dimension (reshape(-2, 3) is (2, 3)); numnode allows only -1, as NumPy documents',
  },
  reshape_empty_unknown: { setup: () => on(np.zeros([3, 0]), (a) => a.reshape(0, -1))(), code: 'ERR_NUMNODE_SHAPE' },
  index_out_of_range: { setup: () => on(x(), (a) => a.slice(10))() },
  index_out_of_range_negative: { setup: () => on(x(), (a) => a.slice(':', -7))() },
  get_out_of_range: { setup: () => on(x(), (a) => a.get(1, 6))() },
  too_many_indices: { setup: () => on(x(), (a) => a.slice(0, 0, 0))() },
  two_ellipses: { setup: () => on(x(), (a) => a.slice('...', '...'))() },
  zero_d_index: { setup: () => on(np.zeros([]), (a) => a.slice(0))() },
  slice_step_zero: { setup: () => on(x(), (a) => a.slice('::0'))(), code: 'ERR_NUMNODE_INDEX' },
  squeeze_non_one: { setup: () => on(x().slice(':1'), (a) => a.squeeze(1))(), code: 'ERR_NUMNODE_SHAPE' },
  squeeze_axis_out_of_range: { setup: () => on(x().slice(':1'), (a) => a.squeeze(2))() },
  transpose_repeated_axis: { setup: () => on(x(), (a) => a.transpose(0, 0))(), code: 'ERR_NUMNODE_AXIS' },
  transpose_wrong_length: { setup: () => on(x(), (a) => a.transpose(0))(), code: 'ERR_NUMNODE_AXIS' },
  swapaxes_out_of_range: { setup: () => on(x(), (a) => a.swapaxes(0, 2))() },
  moveaxis_mismatch: { setup: () => on(x(), (a) => np.moveaxis(a, [0, 1], [0]))(), code: 'ERR_NUMNODE_AXIS' },
  moveaxis_source_out_of_range: { setup: () => on(x(), (a) => np.moveaxis(a, 5, 0))() },
  moveaxis_destination_repeated: { setup: () => on(x(), (a) => np.moveaxis(a, [0, 1], [1, 1]))(), code: 'ERR_NUMNODE_AXIS' },
  expand_dims_out_of_range: { setup: () => on(x(), (a) => np.expandDims(a, 3))() },
  expand_dims_repeated: { setup: () => on(x(), (a) => np.expandDims(a, [0, 0]))(), code: 'ERR_NUMNODE_AXIS' },
  broadcast_to_failure: { setup: () => on(np.ones(3), (a) => np.broadcastTo(a, [4, 2]))(), code: 'ERR_NUMNODE_BROADCAST' },
  broadcast_to_fewer_dims: { setup: () => on(np.ones([2, 3]), (a) => np.broadcastTo(a, [3]))(), code: 'ERR_NUMNODE_BROADCAST' },
  broadcast_shapes_failure: { setup: none(() => np.broadcastShapes([5, 4], [3])), code: 'ERR_NUMNODE_BROADCAST' },
  broadcast_shapes_three: { setup: none(() => np.broadcastShapes([2, 1], [1, 3], [4, 1])), code: 'ERR_NUMNODE_BROADCAST' },
  broadcast_shapes_three_later: { setup: none(() => np.broadcastShapes([2, 1], [1, 3], [2, 4])), code: 'ERR_NUMNODE_BROADCAST' },
  broadcast_arrays_failure: {
    setup: () => {
      const a = np.zeros([5, 4]);
      const b = np.zeros(3);
      return { inputs: [a, b], run: () => np.broadcastArrays(a, b) };
    },
    code: 'ERR_NUMNODE_BROADCAST',
  },
  concatenate_ndim_mismatch: {
    setup: () => {
      const a = np.zeros([2, 3]);
      const b = np.zeros(3);
      return { inputs: [a, b], run: () => np.concatenate([a, b]) };
    },
    code: 'ERR_NUMNODE_SHAPE',
  },
  concatenate_shape_mismatch: {
    setup: () => {
      const a = np.zeros([2, 3]);
      const b = np.zeros([2, 4]);
      return { inputs: [a, b], run: () => np.concatenate([a, b]) };
    },
    code: 'ERR_NUMNODE_SHAPE',
  },
  concatenate_zero_d: { setup: none(() => np.concatenate([np.array(1.5), np.array(2.5)])), code: 'ERR_NUMNODE_SHAPE' },
  concatenate_empty_list: { setup: none(() => np.concatenate([])), code: 'ERR_NUMNODE_SHAPE' },
  concatenate_axis_out_of_range: { setup: none(() => np.concatenate([np.zeros(3), np.zeros(3)], { axis: 1 })) },
  stack_shape_mismatch: { setup: none(() => np.stack([np.zeros(3), np.zeros(4)])), code: 'ERR_NUMNODE_SHAPE' },
  stack_empty_list: { setup: none(() => np.stack([])), code: 'ERR_NUMNODE_SHAPE' },
  frombuffer_size: { setup: none(() => np.frombuffer(new ArrayBuffer(7), { dtype: 'float64' })), code: 'ERR_NUMNODE_BUFFER' },
  frombuffer_offset: {
    setup: none(() => np.frombuffer(new ArrayBuffer(8), { dtype: 'uint8', offset: 9 })), code: 'ERR_NUMNODE_BUFFER',
  },
  frombuffer_negative_offset: {
    setup: none(() => np.frombuffer(new ArrayBuffer(8), { dtype: 'uint8', offset: -1 })), code: 'ERR_NUMNODE_BUFFER',
  },
  frombuffer_count: {
    setup: none(() => np.frombuffer(new ArrayBuffer(16), { dtype: 'float64', count: 3 })), code: 'ERR_NUMNODE_BUFFER',
  },
  frombuffer_offset_count: {
    setup: none(() => np.frombuffer(new ArrayBuffer(16), { dtype: 'float64', offset: 8, count: 2 })), code: 'ERR_NUMNODE_BUFFER',
  },
  set_out_of_bounds_int8: { setup: () => on(np.zeros(3, { dtype: 'int8' }), (a) => a.set([0], 300))() },
  set_out_of_bounds_uint8: { setup: () => on(np.zeros(3, { dtype: 'uint8' }), (a) => a.set([0], -1))() },
  set_out_of_bounds_int64: {
    setup: () => on(np.zeros(3, { dtype: 'int64' }), (a) => a.set([0], 2n ** 63n))(),
    msg: 'Python integer 9223372036854775808 out of bounds for int64',
    deviation: 'CPython words this one "Python int too large to convert to C long"; numnode keeps NumPy\'s wording for the other dtypes',
  },
  set_out_of_bounds_uint64: { setup: () => on(np.zeros(3, { dtype: 'uint64' }), (a) => a.set([0], -1n))() },
  set_nan_int: { setup: () => on(np.zeros(3, { dtype: 'int32' }), (a) => a.set([0], NaN))(), code: 'ERR_NUMNODE_DTYPE' },
  set_inf_int: { setup: () => on(np.zeros(3, { dtype: 'int32' }), (a) => a.set([0], Infinity))() },
  full_out_of_bounds: { setup: none(() => np.full(3, 300, { dtype: 'int8' })) },
  array_out_of_bounds: { setup: none(() => np.array([300], { dtype: 'int8' })) },
  fill_out_of_bounds: { setup: () => on(np.zeros(3, { dtype: 'uint16' }), (a) => a.fill(70000))() },
  broadcast_view_readonly: {
    setup: () => on(np.broadcastTo(np.zeros(3), [2, 3]), (a) => a.slice(0).assign(1))(), code: 'ERR_NUMNODE_READONLY',
  },
  broadcast_view_fill_readonly: {
    setup: () => on(np.broadcastTo(np.zeros(3), [2, 3]), (a) => a.fill(1))(), code: 'ERR_NUMNODE_READONLY',
  },
  item_not_size_one: { setup: () => on(x(), (a) => a.item())(), code: 'ERR_NUMNODE_SHAPE' },
  item_out_of_range: { setup: () => on(x(), (a) => a.item(24))() },
  view_dtype_zero_d: { setup: () => on(np.zeros([]), (a) => a.view('int32'))(), code: 'ERR_NUMNODE_DTYPE' },
  view_dtype_not_contiguous: { setup: () => on(x(), (a) => a.slice(':', '::2').view('int32'))(), code: 'ERR_NUMNODE_DTYPE' },
  view_dtype_not_divisor: { setup: () => on(np.zeros(3, { dtype: 'int8' }), (a) => a.view('int16'))(), code: 'ERR_NUMNODE_DTYPE' },
  linspace_negative_num: { setup: none(() => np.linspace(0, 1, -1)), code: 'ERR_NUMNODE_ARG' },
  arange_zero_step: { setup: none(() => np.arange(0, 5, 0)), code: 'ERR_NUMNODE_ARG' },
  unknown_dtype: { setup: none(() => np.zeros(3, { dtype: 'float17' })), code: 'ERR_NUMNODE_DTYPE' },
  array_ragged: { setup: none(() => np.array([[1, 2], [3]])), code: 'ERR_NUMNODE_SHAPE' },
  shares_memory_max_work: {
    setup: () => {
      const cube = np.zeros([4, 5, 6], { dtype: 'int8' });
      return { inputs: [cube], run: () => np.sharesMemory(cube.slice(':', '::2', '::3'), cube.slice(':', '::3', '::2'), { maxWork: 1 }) };
    },
    code: 'ERR_NUMNODE_SHAPE', msg: /^Exceeded max_work\b/,
  },
};

describe('core errors: the fixture and this table name the same cases', () => {
  it('every recorded case has a numnode call, and every call a recorded case', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(fx.errors).sort());
  });
  it('deviations are exactly the cases NumPy answers differently', () => {
    for (const [name, c] of Object.entries(CASES)) {
      if (fx.errors[name] === null) expect(c.deviation, `${name}: NumPy accepts it, so numnode's error must be a documented deviation`).toBeDefined();
    }
  });
});

describeBackends('core errors', () => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const c = CASES[name]!;
    const py = fx.errors[name];
    if (py === undefined) throw new Error(`no recorded case ${name}`);
    const { inputs, run } = c.setup();
    const before = inputs.map(snapshot);
    if (py === null) {
      // NumPy accepts the call; numnode deliberately refuses it (see `deviation`).
      const e = thrown(run, name);
      expect(e).toBeInstanceOf(c.cls!);
      expect(e.code).toBe(c.code);
      if (typeof c.msg === 'string') expect(e.message).toBe(c.msg);
    } else {
      expectNumpyError(run, py, name, c);
    }
    expect(inputs.map(snapshot), 'inputs unchanged').toEqual(before);
  });
});
