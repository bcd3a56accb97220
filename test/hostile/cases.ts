// The hostile-input table (issue 9, item 6): every bad input the other issues name,
// with the error class, code and message each must get. test/hostile.test.ts runs
// every row on both backends and checks that the inputs are unchanged afterwards;
// README.md's "Hostile inputs" section lists the same rows (a test keeps the two in
// step). A row builds fresh inputs each time (`setup`), so a row cannot leak state
// into the next one.
import * as np from '../../src/index';
import type { NDArray } from '../../src/index';

export type Category =
  | 'shape' | 'size' | 'axis' | 'dtype' | 'broadcast' | 'index' | 'buffer' | 'valueOf/getter'
  | 'einsum' | 'npy' | 'random' | 'linalg' | 'out' | 'scalar' | 'threads';

export interface HostileCase {
  name: string;
  category: Category;
  /** What the input is, for the README table. */
  input: string;
  setup: () => { inputs: NDArray[]; run: () => unknown };
  /** The user's own getter detaches or shrinks an input: only its metadata must be unchanged. */
  userChanges?: true;
  cls: typeof Error | typeof TypeError | typeof RangeError;
  code: string;
  /** The message: exact, or a pattern where it embeds variable text. */
  msg: string | RegExp;
}

// ---- helpers --------------------------------------------------------------------------

const none = (run: () => unknown) => () => ({ inputs: [] as NDArray[], run });
const on = (make: () => NDArray, run: (a: NDArray) => unknown) => () => {
  const a = make();
  return { inputs: [a], run: () => run(a) };
};
const m23 = () => np.arange(6, { dtype: 'float64' }).reshape(2, 3);

export function detach(buf: ArrayBufferLike): void {
  structuredClone(buf, { transfer: [buf as ArrayBuffer] });
}

type Resizable = ArrayBuffer & { resize(n: number): void };
export function resizable(bytes: number, max: number): Resizable {
  const Ctor = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable;
  return new Ctor(bytes, { maxByteLength: max });
}

/** An array over a user's ArrayBuffer (so it can be detached), plus a bystander array. */
function userArray(n = 8): { ab: ArrayBuffer; a: NDArray } {
  const ab = new ArrayBuffer(n * 8);
  new Float64Array(ab).forEach((_, i, f) => { f[i] = i + 1; });
  return { ab, a: np.frombuffer(ab, { dtype: 'float64' }) };
}

/** A .npy header with the given dict text, version and trailing data. */
export function npyBytes(text: string, version = 1, data = 64, lenOverride?: number): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  const body = Buffer.from(`${text}\n`, version === 3 ? 'utf8' : 'latin1');
  const h = Buffer.alloc(8 + lenBytes + body.length + data, 0);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(h);
  const len = lenOverride ?? body.length;
  if (lenBytes === 2) h.writeUInt16LE(len & 0xffff, 8); else h.writeUInt32LE(len >>> 0, 8);
  body.copy(h, 8 + lenBytes);
  return new Uint8Array(h.buffer, h.byteOffset, h.length);
}
const hdr = (descr: string, shape: string, fo = 'False') => `{'descr': '${descr}', 'fortran_order': ${fo}, 'shape': ${shape}, }`;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// ---- the table ------------------------------------------------------------------------

export const CASES: HostileCase[] = [
  // shapes
  { name: 'shape-negative', category: 'shape', input: '`zeros([2, -1])`', setup: none(() => np.zeros([2, -1])), cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'negative dimensions are not allowed' },
  { name: 'shape-fractional', category: 'shape', input: '`zeros([1.5])`', setup: none(() => np.zeros([1.5])), cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: "'1.5' object cannot be interpreted as an integer (shape entry 0)" },
  { name: 'shape-nan', category: 'shape', input: '`zeros([NaN])`', setup: none(() => np.zeros([NaN])), cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: "'NaN' object cannot be interpreted as an integer (shape entry 0)" },
  { name: 'shape-infinity', category: 'shape', input: '`zeros([Infinity])`', setup: none(() => np.zeros([Infinity])), cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: "'Infinity' object cannot be interpreted as an integer (shape entry 0)" },
  { name: 'shape-string', category: 'shape', input: "`zeros(['3'])`", setup: none(() => np.zeros(['3' as unknown as number])), cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: "''3'' object cannot be interpreted as an integer (shape entry 0)" },
  { name: 'shape-65-dims', category: 'shape', input: '65 dimensions', setup: none(() => np.zeros(new Array<number>(65).fill(1))), cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'maximum supported dimension for an ndarray is currently 64, found 65' },
  { name: 'reshape-incompatible', category: 'shape', input: '`arange(6).reshape(4)`', setup: on(() => np.arange(6), (a) => a.reshape(4)), cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'cannot reshape array of size 6 into shape (4,)' },
  { name: 'reshape-two-unknown', category: 'shape', input: '`reshape(-1, -1)`', setup: on(() => np.arange(6), (a) => a.reshape(-1, -1)), cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'can only specify one unknown dimension' },
  // sizes
  { name: 'size-product-over-2^53', category: 'size', input: '`zeros([2**30, 2**30, 2**30])` (product overflows 2^53)', setup: none(() => np.zeros([2 ** 30, 2 ** 30, 2 ** 30])), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.' },
  { name: 'size-2^53', category: 'size', input: '`zeros([2**53])`', setup: none(() => np.zeros([2 ** 53])), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.' },
  { name: 'size-over-4GiB', category: 'size', input: '`empty([2**33], uint8)` (8 GiB)', setup: none(() => np.empty([2 ** 33], { dtype: 'uint8' })), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: /^Unable to allocate 8\.0 GiB for an array/ },
  { name: 'size-broadcast-huge', category: 'size', input: '`broadcastTo(x, [2**40, 2**40])` then `copy()`', setup: on(() => np.ones([1]), (a) => np.broadcastTo(a, [2 ** 40, 2 ** 40]).copy()), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: /too big|Unable to allocate/ },
  // regression rows: bugs this table found (issue 9)
  { name: 'size-repeat-huge', category: 'size', input: '`repeat(ones([2]), 2**40)` (was a V8 fatal error: the process died)', setup: on(() => np.ones([2]), (a) => np.repeat(a, 2 ** 40)), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'Unable to allocate 16.0 TiB for an array: larger than the maximum buffer size (4.0 GiB)' },
  { name: 'size-linspace-huge', category: 'size', input: '`linspace(0, 1, 2**40)` (was an uncoded RangeError)', setup: none(() => np.linspace(0, 1, 2 ** 40)), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'Unable to allocate 8.0 TiB for an array: larger than the maximum buffer size (4.0 GiB)' },
  { name: 'size-bincount-huge-value', category: 'size', input: '`bincount(array([2**40]))` (was an uncoded RangeError)', setup: on(() => np.array([2 ** 40]), (a) => np.bincount(a)), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'Unable to allocate 8.0 TiB for an array: larger than the maximum buffer size (4.0 GiB)' },
  { name: 'size-bincount-huge-minlength', category: 'size', input: '`bincount(x, {minlength: 2**40})` (was an uncoded RangeError)', setup: on(() => np.array([1]), (a) => np.bincount(a, { minlength: 2 ** 40 })), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'Unable to allocate 8.0 TiB for an array: larger than the maximum buffer size (4.0 GiB)' },
  { name: 'size-arange-infinite', category: 'size', input: '`arange(0, Infinity)`', setup: none(() => np.arange(0, Infinity)), cls: RangeError, code: 'ERR_NUMNODE_ARG', msg: 'arange: cannot compute length' },
  { name: 'size-histogram-huge-bins', category: 'size', input: '`histogram(x, {bins: 2**40})`', setup: on(() => np.ones([3]), (a) => np.histogram(a, { bins: 2 ** 40 })), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'Unable to allocate 8.0 TiB for an array: larger than the maximum buffer size (4.0 GiB)' },
  { name: 'size-pad-huge', category: 'size', input: '`pad(ones([2]), 2**40)`', setup: on(() => np.ones([2]), (a) => np.pad(a, 2 ** 40)), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'Unable to allocate 16.0 TiB for an array: larger than the maximum buffer size (4.0 GiB)' },
  { name: 'size-sort-huge-broadcast', category: 'size', input: '`sort(broadcastTo(x, [2**33]))`', setup: on(() => np.ones([1]), (a) => np.sort(np.broadcastTo(a, [2 ** 33]))), cls: RangeError, code: 'ERR_NUMNODE_ALLOC', msg: 'Unable to allocate 64.0 GiB for an array: larger than the maximum buffer size (4.0 GiB)' },
  { name: 'shape-circular-list', category: 'shape', input: 'a list that contains itself', setup: none(() => { const c: unknown[] = []; c.push(c); return np.array(c as never); }), cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'maximum supported dimension for an ndarray is currently 64, found 65' },
  { name: 'shape-ragged-list', category: 'shape', input: '`array([[1, 2], [3]])`', setup: none(() => np.array([[1, 2], [3]] as never)), cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: /^setting an array element with a sequence\. The requested array has an inhomogeneous shape after 1 dimensions\./ },
  { name: 'index-slice-step-zero', category: 'index', input: "`index('::0')`", setup: on(() => np.ones([3]), (a) => a.index('::0')), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'slice step cannot be zero' },
  { name: 'index-two-ellipses', category: 'index', input: "`indexSet(['...', '...'], 1)`", setup: on(() => np.ones([2]), (a) => a.indexSet(['...', '...'], 1)), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: "an index can only have a single ellipsis ('...')" },
  { name: 'size-random-negative', category: 'size', input: '`rng.random([-2])`', setup: none(() => np.random.defaultRng(1).random([-2])), cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'negative dimensions are not allowed' },
  // axes
  { name: 'axis-out-of-range', category: 'axis', input: '`sum(m, {axis: 2})` on 2-d', setup: on(m23, (a) => np.sum(a, { axis: 2 })), cls: RangeError, code: 'ERR_NUMNODE_AXIS', msg: 'axis 2 is out of bounds for array of dimension 2' },
  { name: 'axis-negative-out-of-range', category: 'axis', input: '`cumsum(m, {axis: -3})`', setup: on(m23, (a) => np.cumsum(a, { axis: -3 })), cls: RangeError, code: 'ERR_NUMNODE_AXIS', msg: 'axis -3 is out of bounds for array of dimension 2' },
  { name: 'axis-duplicate', category: 'axis', input: '`sum(m, {axis: [0, 0]})`', setup: on(m23, (a) => np.sum(a, { axis: [0, 0] })), cls: RangeError, code: 'ERR_NUMNODE_AXIS', msg: "duplicate value in 'axis'" },
  { name: 'axis-duplicate-negative', category: 'axis', input: '`sum(m, {axis: [1, -1]})`', setup: on(m23, (a) => np.sum(a, { axis: [1, -1] })), cls: RangeError, code: 'ERR_NUMNODE_AXIS', msg: "duplicate value in 'axis'" },
  { name: 'axis-fractional', category: 'axis', input: '`sum(m, {axis: 0.5})`', setup: on(m23, (a) => np.sum(a, { axis: 0.5 })), cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: "'0.5' object cannot be interpreted as an integer" },
  { name: 'transpose-repeated-axis', category: 'axis', input: '`transpose(m, [0, 0])`', setup: on(m23, (a) => np.transpose(a, [0, 0])), cls: RangeError, code: 'ERR_NUMNODE_AXIS', msg: 'repeated axis in transpose' },
  { name: 'sort-axis-out-of-range', category: 'axis', input: '`sort(m, {axis: 5})`', setup: on(m23, (a) => np.sort(a, { axis: 5 })), cls: RangeError, code: 'ERR_NUMNODE_AXIS', msg: 'axis 5 is out of bounds for array of dimension 2' },
  // dtypes
  { name: 'dtype-unknown', category: 'dtype', input: "`zeros([2], {dtype: 'complex128'})`", setup: none(() => np.zeros([2], { dtype: 'complex128' as never })), cls: TypeError, code: 'ERR_NUMNODE_DTYPE', msg: "data type 'complex128' not understood" },
  { name: 'dtype-object', category: 'dtype', input: '`astype({})`', setup: on(m23, (a) => a.astype({} as never)), cls: TypeError, code: 'ERR_NUMNODE_DTYPE', msg: 'data type [object Object] not understood' },
  { name: 'dtype-bitwise-float', category: 'dtype', input: '`bitwiseAnd(float64, float64)`', setup: on(m23, (a) => np.bitwiseAnd(a, a)), cls: TypeError, code: 'ERR_NUMNODE_DTYPE', msg: /^ufunc 'bitwise_and' not supported for the input types/ },
  { name: 'dtype-power-negative-int', category: 'dtype', input: '`power(arange(3), -1)`', setup: on(() => np.arange(3), (a) => np.power(a, -1)), cls: RangeError, code: 'ERR_NUMNODE_ARG', msg: 'Integers to negative integer powers are not allowed.' },
  // scalars
  { name: 'scalar-bigint-out-of-range', category: 'scalar', input: "`full([2], 300n, {dtype: 'int8'})`", setup: none(() => np.full([2], 300n, { dtype: 'int8' })), cls: RangeError, code: 'ERR_NUMNODE_DTYPE', msg: 'Python integer 300 out of bounds for int8' },
  { name: 'scalar-weak-out-of-range', category: 'scalar', input: '`add(uint8 array, 300)`', setup: on(() => np.ones([2], { dtype: 'uint8' }), (a) => np.add(a, 300)), cls: RangeError, code: 'ERR_NUMNODE_DTYPE', msg: 'Python integer 300 out of bounds for uint8' },
  // broadcasts
  { name: 'broadcast-incompatible', category: 'broadcast', input: '`add(ones([5,4]), ones([3]))`', setup: () => { const a = np.ones([5, 4]); const b = np.ones([3]); return { inputs: [a, b], run: () => np.add(a, b) }; }, cls: RangeError, code: 'ERR_NUMNODE_BROADCAST', msg: 'operands could not be broadcast together with shapes (5,4) (3,)' },
  { name: 'broadcast-to', category: 'broadcast', input: '`broadcastTo(ones([3]), [4, 2])`', setup: on(() => np.ones([3]), (a) => np.broadcastTo(a, [4, 2])), cls: RangeError, code: 'ERR_NUMNODE_BROADCAST', msg: /^operands could not be broadcast together with remapped shapes/ },
  { name: 'broadcast-write', category: 'broadcast', input: 'write into a broadcast view', setup: on(() => np.ones([3]), (a) => np.broadcastTo(a, [2, 3]).indexSet([0], 1)), cls: RangeError, code: 'ERR_NUMNODE_READONLY', msg: 'assignment destination is read-only' },
  // out=
  { name: 'out-wrong-shape', category: 'out', input: '`add(x, 1, {out: ones([4])})`, x of shape (3,)', setup: () => { const x = np.ones([3]); const o = np.ones([4]); return { inputs: [x, o], run: () => np.add(x, 1, { out: o }) }; }, cls: RangeError, code: 'ERR_NUMNODE_BROADCAST', msg: /^operands could not be broadcast together with shapes \(3,\) \(\) \(4,\)/ },
  { name: 'out-wrong-dtype', category: 'out', input: '`add(float64, 1, {out: int8})`', setup: () => { const x = np.ones([3]); const o = np.ones([3], { dtype: 'int8' }); return { inputs: [x, o], run: () => np.add(x, 1, { out: o }) }; }, cls: TypeError, code: 'ERR_NUMNODE_DTYPE', msg: "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int8') with casting rule 'same_kind'" },
  { name: 'out-read-only', category: 'out', input: '`exp(x, {out: broadcast view})`', setup: () => { const x = np.ones([2, 3]); const o = np.zeros([3]); return { inputs: [x, o], run: () => np.exp(x, { out: np.broadcastTo(o, [2, 3]) }) }; }, cls: RangeError, code: 'ERR_NUMNODE_READONLY', msg: /read-only/ },
  { name: 'out-sum-wrong-shape', category: 'out', input: '`sum(m, {axis: 0, out: zeros([2])})`', setup: () => { const x = m23(); const o = np.zeros([2]); return { inputs: [x, o], run: () => np.sum(x, { axis: 0, out: o }) }; }, cls: RangeError, code: 'ERR_NUMNODE_BROADCAST', msg: /^operands could not be broadcast together with remapped shapes \[original->remapped\]: \(2,\)->\(2\) \(2,3\)/ },
  // indices
  { name: 'index-out-of-bounds', category: 'index', input: '`ones([3]).index(5)`', setup: on(() => np.ones([3]), (a) => a.index(5)), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'index 5 is out of bounds for axis 0 with size 3' },
  { name: 'index-negative-out-of-bounds', category: 'index', input: '`ones([3]).index(-4)`', setup: on(() => np.ones([3]), (a) => a.index(-4)), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'index -4 is out of bounds for axis 0 with size 3' },
  { name: 'index-float-array', category: 'index', input: 'a float index array', setup: on(() => np.ones([3]), (a) => a.index(np.array([0.5]))), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'arrays used as indices must be of integer (or boolean) type' },
  { name: 'index-wrong-type', category: 'index', input: '`index({})`', setup: on(() => np.ones([3]), (a) => a.index({} as never)), cls: TypeError, code: 'ERR_NUMNODE_INDEX', msg: /^only integers, slices/ },
  { name: 'index-too-many', category: 'index', input: '`ones([3]).index(0, 0)`', setup: on(() => np.ones([3]), (a) => a.index(0, 0)), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'too many indices for array: array is 1-dimensional, but 2 were indexed' },
  { name: 'index-mask-wrong-shape', category: 'index', input: 'boolean mask of the wrong length', setup: on(() => np.ones([3]), (a) => a.index(np.array([true, false]))), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2' },
  { name: 'index-array-out-of-bounds', category: 'index', input: '`index(array([0, 2**40]))`', setup: on(() => np.ones([3]), (a) => a.index(np.array([0, 2 ** 40]))), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'index 1099511627776 is out of bounds for axis 0 with size 3' },
  { name: 'index-set-out-of-bounds', category: 'index', input: '`indexSet([[0, 7]], 1)`', setup: on(() => np.zeros([3]), (a) => a.indexSet([np.array([0, 7])], 1)), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'index 7 is out of bounds for axis 0 with size 3' },
  { name: 'take-out-of-bounds', category: 'index', input: '`take(ones([3]), [7])`', setup: on(() => np.ones([3]), (a) => np.take(a, [7])), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'index 7 is out of bounds for axis 0 with size 3' },
  { name: 'put-out-of-bounds', category: 'index', input: '`put(zeros([3]), [-9], 1)`', setup: on(() => np.zeros([3]), (a) => np.put(a, [-9], 1)), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'index -9 is out of bounds for axis 0 with size 3' },
  { name: 'partition-kth-out-of-range', category: 'index', input: '`partition(ones([3]), 5)`', setup: on(() => np.ones([3]), (a) => np.partition(a, 5)), cls: RangeError, code: 'ERR_NUMNODE_INDEX', msg: 'kth(=5) out of bounds (3)' },
  { name: 'digitize-unsorted-bins', category: 'index', input: 'unsorted `bins`', setup: () => { const x = np.ones([2]); const b = np.array([3, 1, 2]); return { inputs: [x, b], run: () => np.digitize(x, b) }; }, cls: RangeError, code: 'ERR_NUMNODE_ARG', msg: 'bins must be monotonically increasing or decreasing' },
  { name: 'reduce-empty-no-identity', category: 'index', input: '`min(ones([0]))`', setup: on(() => np.ones([0]), (a) => np.min(a)), cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'zero-size array to reduction operation minimum which has no identity' },
  // buffers
  { name: 'buffer-frombuffer-odd-length', category: 'buffer', input: '`frombuffer(ArrayBuffer(7), float64)`', setup: none(() => np.frombuffer(new ArrayBuffer(7), { dtype: 'float64' })), cls: RangeError, code: 'ERR_NUMNODE_BUFFER', msg: 'buffer size must be a multiple of element size' },
  { name: 'buffer-frombuffer-bad-offset', category: 'buffer', input: '`frombuffer(ArrayBuffer(16), {offset: 3})`', setup: none(() => np.frombuffer(new ArrayBuffer(16), { dtype: 'float64', offset: 3 })), cls: RangeError, code: 'ERR_NUMNODE_BUFFER', msg: 'buffer size must be a multiple of element size' },
  { name: 'buffer-detached-elementwise', category: 'buffer', input: 'detached buffer → `add`', setup: () => { const { ab, a } = userArray(); detach(ab); return { inputs: [a], run: () => np.add(a, 1) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'buffer-detached-reduce', category: 'buffer', input: 'detached buffer → `sum`', setup: () => { const { ab, a } = userArray(); detach(ab); return { inputs: [a], run: () => np.sum(a) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'buffer-detached-matmul', category: 'buffer', input: 'detached buffer → `matmul`', setup: () => { const { ab, a } = userArray(4); detach(ab); return { inputs: [a], run: () => np.matmul(a.reshape(2, 2), a.reshape(2, 2)) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'buffer-detached-sort', category: 'buffer', input: 'detached buffer → `sort`', setup: () => { const { ab, a } = userArray(); detach(ab); return { inputs: [a], run: () => np.sort(a) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'buffer-detached-einsum', category: 'buffer', input: 'detached buffer → `einsum`', setup: () => { const { ab, a } = userArray(); detach(ab); return { inputs: [a], run: () => np.einsum('i->', a) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'buffer-detached-out', category: 'buffer', input: 'detached `out`', setup: () => { const { ab, a } = userArray(); const x = np.ones([8]); detach(ab); return { inputs: [x, a], run: () => np.add(x, 1, { out: a }) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'buffer-detached-toNpy', category: 'buffer', input: 'detached buffer → `toNpy`', setup: () => { const { ab, a } = userArray(); detach(ab); return { inputs: [a], run: () => np.toNpy(a) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'buffer-resized-shrunk', category: 'buffer', input: 'resizable buffer shrunk to 16 bytes → `add`', setup: () => { const ab = resizable(64, 128); const a = np.frombuffer(ab, { dtype: 'float64' }); ab.resize(16); return { inputs: [a], run: () => np.add(a, 1) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been resized to 16 bytes; this array needs 64" },
  { name: 'buffer-resized-shrunk-cumsum', category: 'buffer', input: 'resizable buffer shrunk → `cumsum`', setup: () => { const ab = resizable(64, 128); const a = np.frombuffer(ab, { dtype: 'float64' }); ab.resize(8); return { inputs: [a], run: () => np.cumsum(a) }; }, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been resized to 8 bytes; this array needs 64" },
  // valueOf / getters: numnode never converts objects with valueOf (it refuses them), and
  // option getters run before any buffer is touched, so a detach there is seen.
  { name: 'valueOf-scalar-detaches', category: 'valueOf/getter', input: '`add(a, {valueOf() {detach a; return 1}})`', setup: () => { const { ab, a } = userArray(); return { inputs: [a], run: () => np.add(a, { valueOf() { detach(ab); return 1; } } as never) }; }, cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: 'cannot make an array from Object' },
  { name: 'valueOf-fill-detaches', category: 'valueOf/getter', input: '`full([2], {valueOf…})`', setup: () => { const { ab, a } = userArray(); return { inputs: [a], run: () => np.full([2], { valueOf() { detach(ab); return 1; } } as never) }; }, cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: 'expected a number, bigint or boolean, got Object' },
  { name: 'valueOf-axis-detaches', category: 'valueOf/getter', input: '`sum(a, {axis: {valueOf…}})`', setup: () => { const { ab, a } = userArray(); return { inputs: [a], run: () => np.sum(a, { axis: { valueOf() { detach(ab); return 0; } } as never }) }; }, cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: "'Object' object cannot be interpreted as an integer" },
  { name: 'valueOf-shape-detaches', category: 'valueOf/getter', input: '`reshape([{valueOf…}])`', setup: () => { const { ab, a } = userArray(); return { inputs: [a], run: () => a.reshape([{ valueOf() { detach(ab); return 8; } } as never]) }; }, cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: "'Object' object cannot be interpreted as an integer (shape entry 0)" },
  { name: 'valueOf-index-detaches', category: 'valueOf/getter', input: '`index({valueOf…})`', setup: () => { const { ab, a } = userArray(); return { inputs: [a], run: () => a.index({ valueOf() { detach(ab); return 0; } } as never) }; }, cls: TypeError, code: 'ERR_NUMNODE_INDEX', msg: /^only integers, slices/ },
  { name: 'valueOf-take-index-detaches', category: 'valueOf/getter', input: '`take(a, [{valueOf…}])`', setup: () => { const { ab, a } = userArray(); return { inputs: [a], run: () => np.take(a, [{ valueOf() { detach(ab); return 0; } }] as never) }; }, cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: 'expected a number, bigint or boolean, got Object' },
  { name: 'valueOf-kth-detaches', category: 'valueOf/getter', input: '`partition(a, {valueOf…})`', setup: () => { const { ab, a } = userArray(); return { inputs: [a], run: () => np.partition(a, { valueOf() { detach(ab); return 0; } } as never) }; }, cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: 'Partition index must be integer' },
  { name: 'valueOf-mutates-input', category: 'valueOf/getter', input: '`add(a, {valueOf() {a[0] = 100}})`', setup: () => { const a = np.arange(4); return { inputs: [a], run: () => np.add(a, { valueOf() { a.indexSet([0], 100); return 1; } } as never) }; }, cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: 'cannot make an array from Object' },
  { name: 'valueOf-resizes', category: 'valueOf/getter', input: '`add(a, {valueOf() {shrink a\'s buffer}})`', setup: () => { const ab = resizable(64, 128); const a = np.frombuffer(ab, { dtype: 'float64' }); return { inputs: [a], run: () => np.add(a, { valueOf() { ab.resize(8); return 1; } } as never) }; }, cls: TypeError, code: 'ERR_NUMNODE_ARG', msg: 'cannot make an array from Object' },
  { name: 'getter-option-detaches-input', category: 'valueOf/getter', input: '`sum(a, {get axis() {detach a}})`', setup: () => { const { ab, a } = userArray(); return { inputs: [a], run: () => np.sum(a, { get axis() { detach(ab); return 0; } }) }; }, userChanges: true, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'getter-out-detaches-input', category: 'valueOf/getter', input: '`add(a, 1, {get out() {detach a}})`', setup: () => { const { ab, a } = userArray(); const o = np.ones([8]); return { inputs: [a, o], run: () => np.add(a, 1, { get out() { detach(ab); return o; } }) }; }, userChanges: true, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'getter-dtype-detaches-out', category: 'valueOf/getter', input: '`add(x, 1, {get dtype() {detach out}, out})`', setup: () => { const ab = new ArrayBuffer(64); const o = np.frombuffer(ab); const x = np.ones([8]); return { inputs: [x, o], run: () => np.add(x, 1, { get dtype() { detach(ab); return undefined; }, out: o }) }; }, userChanges: true, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been detached" },
  { name: 'getter-reduce-out-resizes', category: 'valueOf/getter', input: '`sum(x, {get keepdims() {shrink out}, out})`', setup: () => { const ab = resizable(8, 64); const o = np.frombuffer(ab).reshape([]); const x = np.ones([8]); return { inputs: [x, o], run: () => np.sum(x, { get keepdims() { ab.resize(4); return false; }, out: o }) }; }, userChanges: true, cls: Error, code: 'ERR_NUMNODE_BUFFER', msg: "the array's buffer has been resized to 4 bytes; this array needs 8" },
  // linalg
  { name: 'matmul-core-mismatch', category: 'linalg', input: '`matmul(ones([2,3]), ones([2,3]))`', setup: () => { const a = np.ones([2, 3]); const b = np.ones([2, 3]); return { inputs: [a, b], run: () => np.matmul(a, b) }; }, cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)' },
  { name: 'cdist-not-2d', category: 'linalg', input: '`cdist(ones([3]), ones([3]))`', setup: () => { const a = np.ones([3]); return { inputs: [a], run: () => np.distance.cdist(a, a) }; }, cls: RangeError, code: 'ERR_NUMNODE_SHAPE', msg: 'XA must be a 2-dimensional array.' },
  // einsum
  { name: 'einsum-bad-character', category: 'einsum', input: "`einsum('ij%,jk', …)`", setup: () => { const a = np.ones([2, 2]); return { inputs: [a], run: () => np.einsum('ij%,jk', a, a) }; }, cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: "invalid subscript '%' in einstein sum subscripts string, subscripts must be letters\n  ij%,jk\n    ^" },
  { name: 'einsum-two-arrows', category: 'einsum', input: "`einsum('ij->j->i', …)`", setup: on(() => np.ones([2, 2]), (a) => np.einsum('ij->j->i', a)), cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: "einstein sum subscripts string can only contain one '->'\n  ij->j->i\n       ^" },
  { name: 'einsum-repeated-output', category: 'einsum', input: "`einsum('ij->ii', …)`", setup: on(() => np.ones([2, 2]), (a) => np.einsum('ij->ii', a)), cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: "einstein sum subscripts string includes output subscript 'i' multiple times\n  ij->ii\n       ^" },
  { name: 'einsum-output-not-in-input', category: 'einsum', input: "`einsum('ij->k', …)`", setup: on(() => np.ones([2, 2]), (a) => np.einsum('ij->k', a)), cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: "einstein sum subscripts string included output subscript 'k' which never appeared in an input\n  ij->k\n      ^" },
  { name: 'einsum-too-many-subscripts', category: 'einsum', input: "`einsum('ijk', 2-d)`", setup: on(() => np.ones([2, 2]), (a) => np.einsum('ijk', a)), cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: /^einstein sum subscripts string contains too many subscripts for operand 0/ },
  { name: 'einsum-dimension-mismatch', category: 'einsum', input: "`einsum('ij,jk', 2×3, 2×3)`", setup: () => { const a = np.ones([2, 3]); return { inputs: [a], run: () => np.einsum('ij,jk', a, a) }; }, cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: "Size of label 'j' for operand 1 (2) does not match previous terms (3)." },
  { name: 'einsum-64-operands', category: 'einsum', input: '64 operands (NumPy allows 63)', setup: () => { const ops = Array.from({ length: 64 }, () => np.ones([1])); return { inputs: ops.slice(0, 2), run: () => np.einsum(Array(64).fill('a').join(','), ...ops) }; }, cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: 'too many operands' },
  { name: 'einsum-64-operands-sublist', category: 'einsum', input: '64 operands in sublist form', setup: () => { const ops = Array.from({ length: 64 }, () => np.ones([1])); return { inputs: ops.slice(0, 2), run: () => np.einsum(...ops.flatMap((o) => [o, [0]])) }; }, cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: 'too many operands' },
  { name: 'einsum-sublist-out-of-range', category: 'einsum', input: 'sublist label 52', setup: on(() => np.ones([2]), (a) => np.einsum(a, [52])), cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: 'subscript is not within the valid range [0, 52)' },
  { name: 'einsum-no-operands', category: 'einsum', input: "`einsum('ij')`", setup: none(() => np.einsum('ij')), cls: RangeError, code: 'ERR_NUMNODE_EINSUM', msg: 'must specify the einstein sum subscripts string and at least one operand' },
  // .npy
  { name: 'npy-bad-magic', category: 'npy', input: '20 zero bytes', setup: none(() => np.fromNpy(new Uint8Array(20))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: "the magic string is not correct; expected b'\\x93NUMPY', got b'\\x00\\x00\\x00\\x00\\x00\\x00'" },
  { name: 'npy-bad-version', category: 'npy', input: 'format version 4.0', setup: none(() => { const b = npyBytes(hdr('<f8', '(2,)')); b[6] = 4; return np.fromNpy(b); }), cls: Error, code: 'ERR_NUMNODE_NPY', msg: 'we only support format version (1,0), (2,0), and (3,0), not (4, 0)' },
  { name: 'npy-header-too-long', category: 'npy', input: 'header length field 60,000', setup: none(() => np.fromNpy(npyBytes(hdr('<f8', '(2,)'), 1, 64, 60000))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: /^Header info length \(60000\) is large and may not be safe to load securely/ },
  { name: 'npy-header-too-long-v2', category: 'npy', input: 'v2 header length field 2^32-1', setup: none(() => np.fromNpy(npyBytes(hdr('<f8', '(2,)'), 2, 64, 0xffffffff))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: /^Header info length \(4294967295\) is large/ },
  { name: 'npy-truncated-header', category: 'npy', input: 'header cut short', setup: none(() => np.fromNpy(npyBytes(hdr('<f8', '(2,)'), 1, 0).subarray(0, 30))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: /^EOF: reading array header, expected \d+ bytes got 20$/ },
  { name: 'npy-not-a-dict', category: 'npy', input: 'header `[1, 2]`', setup: none(() => np.fromNpy(npyBytes('[1, 2]'))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: 'Header is not a dictionary: [1, 2]' },
  { name: 'npy-missing-keys', category: 'npy', input: "header without 'shape'", setup: none(() => np.fromNpy(npyBytes("{'descr': '<f8', 'fortran_order': False}"))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: "Header does not contain the correct keys: ['descr', 'fortran_order']" },
  { name: 'npy-object-dtype', category: 'npy', input: "descr `'|O'`", setup: none(() => np.fromNpy(npyBytes(hdr('|O', '(2,)')))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: 'Object arrays cannot be loaded when allow_pickle=False' },
  { name: 'npy-negative-shape', category: 'npy', input: 'shape `(-1,)`', setup: none(() => np.fromNpy(npyBytes(hdr('<f8', '(-1,)')))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: 'shape is not valid: (-1,) (negative dimensions are not allowed)' },
  { name: 'npy-shape-overflow', category: 'npy', input: 'shape `(2**40, 2**40)`', setup: none(() => np.fromNpy(npyBytes(hdr('<f8', `(${2 ** 40}, ${2 ** 40})`)))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: /^shape \(1099511627776, 1099511627776\) is too large/ },
  { name: 'npy-short-data', category: 'npy', input: 'shape `(100,)` with 64 bytes of data', setup: none(() => np.fromNpy(npyBytes(hdr('<f8', '(100,)'), 1, 64))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: /^Failed to read all data for array\. Expected \(100,\) = 100 elements, could only read 8 elements\./ },
  { name: 'npy-code-in-header', category: 'npy', input: "`__import__('os')` in the header", setup: none(() => np.fromNpy(npyBytes("{'descr': __import__('os'), 'fortran_order': False, 'shape': (1,)}"))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: /^Cannot parse header: name '__import__' is not a literal/ },
  { name: 'npy-deep-nesting', category: 'npy', input: '1,000 nested parentheses', setup: none(() => np.fromNpy(npyBytes(`${'('.repeat(1000)}1${')'.repeat(1000)}`))), cls: Error, code: 'ERR_NUMNODE_NPY', msg: /^Cannot parse header: nesting too deep/ },
  // random
  { name: 'random-empty-range', category: 'random', input: '`integers(5, 5)`', setup: none(() => np.random.defaultRng(1).integers(5, 5)), cls: RangeError, code: 'ERR_NUMNODE_ARG', msg: 'low >= high' },
  { name: 'random-p-not-summing-to-1', category: 'random', input: '`choice(3, {p: [0.5, 0.2, 0.2]})`', setup: none(() => np.random.defaultRng(1).choice(3, [2], { p: [0.5, 0.2, 0.2] })), cls: RangeError, code: 'ERR_NUMNODE_ARG', msg: 'Probabilities do not sum to 1. See Notes section of docstring for more information.' },
  // threads
  { name: 'threads-negative', category: 'threads', input: '`setNumThreads(-1)`', setup: none(() => np.setNumThreads(-1)), cls: RangeError, code: 'ERR_NUMNODE_ARG', msg: 'number of threads must be an integer from 1 to 1024, got -1' },
];

export { LETTERS };
