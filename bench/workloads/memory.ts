// Where array memory comes from, and what creating an array costs (the tutorial's
// "Array creation timing" and "Memory usage by data type", and the Foundation
// issue's allocate + touch measurements that decided numnode's allocator).
import { benchCase, numnode, type BenchCase } from '../types';
import { bytesLabel, plainArange, plainEmpty } from '../plain';

/** float64 elements per 4 KiB page: touching one of them faults the page in. */
const PAGE = 512;

// ---- allocate + touch ---------------------------------------------------------
// Allocation alone can be lazy (the kernel maps pages on first write), so each call
// allocates and then writes one element in every page: the cost a result array pays
// before any kernel runs. NumPy: np.empty + a[::512] = 1; numnode the same.

const allocTouch: BenchCase[] = [100, 1_000_000, 10_000_000].map((n) => benchCase({
  group: 'memory',
  name: `np.empty(${n}) + touch every page`,
  size: `${bytesLabel(n * 8)} float64`,
  description: 'allocate uninitialised memory and write one element per 4 KiB page',
  sameResult: false, // np.empty's untouched elements are whatever the memory held
  setup: () => ({ n }),
  ...numnode((s: { n: number }, np) => {
    const a = np.empty(s.n);
    a.slice(`::${PAGE}`).fill(1);
    return a;
  }),
  // new Float64Array zero-fills (calloc: fresh pages come zeroed from the kernel).
  plainjs: (s: { n: number }) => {
    const a = new Float64Array(s.n);
    for (let i = 0; i < s.n; i += PAGE) a[i] = 1;
    return a;
  },
  numpy: { setup: `n = ${n}`, stmt: `a = np.empty(n); a[::${PAGE}] = 1` },
}));

// ---- creation functions (the tutorial's "Array creation timing") ---------------

const SHAPE = '(1000, 1000)';
const N = 1_000_000;
const size1000 = `1000×1000 float64 (${bytesLabel(N * 8)})`;

const creation: BenchCase[] = [
  benchCase({
    group: 'creation',
    name: `np.empty(${SHAPE})`,
    size: size1000,
    description: 'pre-allocated, uninitialised (the tutorial: fastest)',
    sameResult: false,
    ...numnode((_s, np) => np.empty([1000, 1000])),
    plainjs: () => plainEmpty(N),
    numpy: { stmt: `np.empty(${SHAPE})` },
  }),
  benchCase({
    group: 'creation',
    name: `np.zeros(${SHAPE})`,
    size: size1000,
    description: 'pre-allocated, initialised to 0 (zeroed pages from the system)',
    ...numnode((_s, np) => np.zeros([1000, 1000])),
    plainjs: () => new Float64Array(N),
    numpy: { stmt: `np.zeros(${SHAPE})` },
  }),
  benchCase({
    group: 'creation',
    name: `np.ones(${SHAPE})`,
    size: size1000,
    ...numnode((_s, np) => np.ones([1000, 1000])),
    plainjs: () => new Float64Array(N).fill(1),
    numpy: { stmt: `np.ones(${SHAPE})` },
  }),
  benchCase({
    group: 'creation',
    name: `np.full(${SHAPE}, 3.14)`,
    size: size1000,
    ...numnode((_s, np) => np.full([1000, 1000], 3.14)),
    plainjs: () => new Float64Array(N).fill(3.14),
    numpy: { stmt: `np.full(${SHAPE}, 3.14)` },
  }),
  benchCase({
    group: 'creation',
    name: `np.arange(1000000).reshape${SHAPE}`,
    size: '1000×1000 int64 (8 MB)',
    description: 'int64 as in NumPy; the plain JS loop fills a Float64Array (JS has no cheap int64 store)',
    ...numnode((_s, np) => np.arange(N).reshape(1000, 1000)),
    plainjs: () => plainArange(N),
    numpy: { stmt: `np.arange(${N}).reshape${SHAPE}` },
  }),
];

// ---- np.ones of each dtype (the tutorial's "Memory usage by data type") --------

const D = 5_000_000;
const dtypes: [string, number, () => unknown][] = [
  ['int8', 1, () => new Int8Array(D).fill(1)],
  ['int16', 2, () => new Int16Array(D).fill(1)],
  ['int32', 4, () => new Int32Array(D).fill(1)],
  ['int64', 8, () => new BigInt64Array(D).fill(1n)],
  ['float32', 4, () => new Float32Array(D).fill(1)],
  ['float64', 8, () => new Float64Array(D).fill(1)],
];

const byDtype: BenchCase[] = dtypes.map(([dtype, itemsize, plain]) => benchCase({
  group: 'dtypes',
  name: `np.ones(5000000, dtype=${dtype})`,
  size: `5e6 ${dtype} (${bytesLabel(D * itemsize)})`,
  ...numnode((_s, np) => np.ones(D, { dtype })),
  plainjs: plain,
  numpy: { stmt: `np.ones(${D}, dtype=np.${dtype})` },
}));

export const cases: BenchCase[] = [...allocTouch, ...creation, ...byDtype];
