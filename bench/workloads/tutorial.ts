// The tutorial's own workloads that the capability files (elementwise, reduce, linalg)
// do not already time, at the tutorial's sizes and written as the tutorial writes
// them (issue 8):
//  - 'tutorial': data * 2 on the int64 arange against a JS Array's map (the
//    tutorial's list comprehension), and the multiplication table x[:, None] * x;
//  - 'tutorial-distance': the distance-matrix functions of 3.1–3.3 as written there
//    (euclidean_trick with einsum norms, the broadcast version with Exercise 5's
//    einsum reduction, euclidean_chunked's Python loop over 400-row blocks, the
//    float32/float64 comparison) and distance.cdist at the same size;
//  - 'tutorial-einsum': the einsum examples at the tutorial's 3×4 / 4×5 sizes, where
//    the per-call cost decides (the 1000×300 and 1024² ones are in linalg.ts);
//  - 'tutorial-threads': large_data @ large_data.T on 1 and on 2 threads (the setup
//    sets the thread budget, each case running in its own process; NumPy's bundled
//    OpenBLAS is set through threadpoolctl, or through its own C entry point).
// Already covered elsewhere, so not repeated: np.exp(x) + np.sin(x) (elementwise),
// p[:, None, :] - p[None, :, :] (elementwise), (A*A).sum(axis=1) and the cumsum
// running average (reduce), einsum('ij,ij->i') 1000×300 and ('ik,kj->ij') 1024²,
// the norm trick and cdist at 5000×50, broadcasting at 500×40 (linalg).
//
// Distance data are small integers stored as floats (as in linalg.ts): every sum and
// product is exact, so the tutorial's functions and the plain loops agree bit for bit.
import type { NDArray } from 'numnode';
import { benchCase, numnode, type BenchCase, type Numnode, type SetupContext } from '../types';
import { bytesLabel, ints } from '../plain';

// test/bench.test.ts runs every case once in-process: small sizes there (the numbers are the benchmark's).
const UNDER_TEST = process.env.VITEST !== undefined;
const S = (n: number, small: number) => (UNDER_TEST ? small : n);

type F = 'float64' | 'float32';
type TA = Float64Array | Float32Array;

// ---- data * 2 against the list comprehension ------------------------------------------------

const N1 = S(1_000_000, 1000);
interface ListState { arr?: NDArray; list?: number[] }
const listMultiply: BenchCase = benchCase({
  group: 'tutorial',
  name: 'data * 2 vs [x * 2 for x in data] (1e6)',
  size: `${N1} int64 (${bytesLabel(N1 * 8)}); plain JS: an Array of ${N1} numbers`,
  description: "1.1's comparison: numnode and NumPy multiply the int64 arange; the plain contender is the list comprehension's JavaScript twin, data.map((x) => x * 2) on an Array (typed-array loops are in elementwise/a * 2)",
  setup: ({ np, impl }: SetupContext): ListState => (impl === 'plainjs'
    ? { list: Array.from({ length: N1 }, (_, i) => i) }
    : { arr: np.arange(N1) }),
  ...numnode((s: ListState, np) => np.multiply(s.arr!, 2)),
  plainjs: (s: ListState) => s.list!.map((x) => x * 2),
  numpy: { setup: `data = np.arange(${N1})`, stmt: 'data * 2' },
});

// ---- the multiplication table ----------------------------------------------------------------

const MT = S(1000, 12);
interface TableState { x?: NDArray; p?: Float64Array }
const multiplicationTable: BenchCase = benchCase({
  group: 'tutorial',
  name: `x[:, None] * x (multiplication table, ${MT})`,
  size: `x = arange(1, ${MT + 1}) int64 → ${MT}×${MT} int64 (${bytesLabel(MT * MT * 8)})`,
  description: 'Exercise 3.1 at a size worth timing: a column against a row, zero strides, no copies of the inputs',
  setup: ({ np, impl }: SetupContext): TableState => {
    if (impl !== 'plainjs') return { x: np.arange(1, MT + 1) };
    const p = new Float64Array(MT);
    for (let i = 0; i < MT; i++) p[i] = i + 1;
    return { p };
  },
  ...numnode((s: TableState, np) => np.multiply(s.x!.slice(':', null), s.x!)),
  plainjs: (s: TableState) => {
    const p = s.p!;
    const o = new Float64Array(MT * MT);
    for (let i = 0; i < MT; i++) for (let j = 0; j < MT; j++) o[i * MT + j] = p[i]! * p[j]!;
    return o;
  },
  numpy: { setup: `x = np.arange(1, ${MT + 1})`, stmt: 'x[:, None] * x' },
});

// ---- the distance matrix as the tutorial writes it ---------------------------------------------

const numpyInts = (n: number, d: number, dtype: F, seed: number) =>
  `X = np.random.default_rng(${seed}).integers(-4, 5, (${n}, ${d})).astype(np.${dtype})`;

interface Pts { X: NDArray; t: TA; n: number; d: number }
function points(n: number, d: number, dtype: F, seed: number) {
  return ({ np, impl }: SetupContext): Pts => {
    const t = ints(n * d, dtype, seed);
    return { X: impl === 'plainjs' ? (null as unknown as NDArray) : np.asarray(t).reshape(n, d), t, n, d };
  };
}

/** What a JavaScript programmer writes: sqrt(sum((a − b)²)) for every pair of rows. */
function plainDistances(s: Pts): TA {
  const { t, n, d } = s;
  const out = t instanceof Float32Array ? new Float32Array(n * n) : new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let l = 0; l < d; l++) { const v = t[i * d + l]! - t[j * d + l]!; acc += v * v; }
      out[i * n + j] = Math.sqrt(acc);
    }
  }
  return out;
}

function euclideanTrick(np: Numnode, x: NDArray, y: NDArray): NDArray {
  const xs = np.einsum('ij,ij->i', x, x).slice(':', null);
  const ys = np.einsum('ij,ij->i', y, y).slice(null, ':');
  return np.sqrt(np.abs(np.subtract(np.add(xs, ys), np.multiply(2.0, np.matmul(x, y.T)))));
}

function euclideanBroadcast(np: Numnode, x: NDArray, y: NDArray): NDArray {
  const diff = np.subtract(x.slice(':', null, ':'), y.slice(null, ':', ':'));
  return np.sqrt(np.sum(np.multiply(diff, diff), { axis: 2 }));
}

function euclideanBroadcastOptimized(np: Numnode, x: NDArray, y: NDArray): NDArray {
  const diff = np.subtract(x.slice(':', null, ':'), y.slice(null, ':', ':'));
  return np.sqrt(np.einsum('ijk,ijk->ij', diff, diff));
}

function euclideanChunked(np: Numnode, x: NDArray, y: NDArray, chunk: number): NDArray {
  const [n, m] = [x.shape[0]!, y.shape[0]!];
  const result = np.empty([n, m], { dtype: 'float64' });
  for (let i = 0; i < n; i += chunk) {
    const iEnd = Math.min(i + chunk, n);
    for (let j = 0; j < m; j += chunk) {
      const jEnd = Math.min(j + chunk, m);
      result.slice(`${i}:${iEnd}`, `${j}:${jEnd}`).assign(euclideanTrick(np, x.slice(`${i}:${iEnd}`), y.slice(`${j}:${jEnd}`)));
    }
  }
  return result;
}

// The tutorial's Python, verbatim apart from names.
const PY_TRICK = [
  'def euclidean_trick(x, y):',
  "    x_sqnorms = np.einsum('ij,ij->i', x, x)[:, np.newaxis]",
  "    y_sqnorms = np.einsum('ij,ij->i', y, y)[np.newaxis, :]",
  '    xy_dots = x @ y.T',
  '    return np.sqrt(np.abs(x_sqnorms + y_sqnorms - 2.0 * xy_dots))',
].join('\n');
const PY_BROADCAST = [
  'def euclidean_broadcast(x, y):',
  '    diff = x[:, np.newaxis, :] - y[np.newaxis, :, :]',
  '    return np.sqrt((diff * diff).sum(axis=2))',
].join('\n');
const PY_OPTIMIZED = [
  'def euclidean_broadcast_optimized(x, y):',
  '    diff = x[:, np.newaxis, :] - y[np.newaxis, :, :]',
  "    return np.sqrt(np.einsum('ijk,ijk->ij', diff, diff))",
].join('\n');
const PY_CHUNKED = [
  PY_TRICK,
  'def euclidean_chunked(x, y, chunk_size=1000):',
  '    n, m = x.shape[0], y.shape[0]',
  '    result = np.empty((n, m), dtype=np.float64)',
  '    for i in range(0, n, chunk_size):',
  '        i_end = min(i + chunk_size, n)',
  '        for j in range(0, m, chunk_size):',
  '            j_end = min(j + chunk_size, m)',
  '            result[i:i_end, j:j_end] = euclidean_trick(x[i:i_end], y[j:j_end])',
  '    return result',
].join('\n');

const T5 = S(500, 12), T5D = S(40, 5);
const E5 = S(200, 10), E5D = S(20, 4);
const CH = S(1200, 30), CHD = S(30, 4), CHUNK = S(400, 8);
const DT = S(1000, 16), DTD = S(100, 6);

function trickCase(n: number, d: number, n0: number, d0: number, dtype: F, why: string): BenchCase {
  const sz = dtype === 'float64' ? 8 : 4;
  return benchCase({
    group: 'tutorial-distance',
    name: `euclidean_trick ${n0}×${d0} ${dtype}`,
    size: `${n0}×${d0} ${dtype} → ${n0}×${n0} (${bytesLabel(n0 * n0 * sz)})`,
    description: `${why}: einsum row norms, X @ X.T, then abs and sqrt over the result (five passes, five temporaries)`,
    setup: points(n, d, dtype, 31 + n + d),
    ...numnode((s: Pts, np) => euclideanTrick(np, s.X, s.X)),
    plainjs: plainDistances,
    numpy: { setup: `${numpyInts(n, d, dtype, 31)}\n${PY_TRICK}`, stmt: 'euclidean_trick(X, X)' },
  });
}

const distance: BenchCase[] = [
  trickCase(T5, T5D, 500, 40, 'float64', "3.1's largest comparison size"),
  benchCase({
    group: 'tutorial-distance',
    name: 'distance.cdist 500×40 float64 (vs NumPy euclidean_trick)',
    size: `500×40 float64 → 500×500 (${bytesLabel(500 * 500 * 8)})`,
    description: 'the fused kernel against the tutorial\'s trick at the same size; cdist centres the data before its GEMM, so its last bits may differ from the loops',
    sameResult: false,
    setup: points(T5, T5D, 'float64', 31 + T5 + T5D),
    ...numnode((s: Pts, np) => np.distance.cdist(s.X, s.X)),
    plainjs: plainDistances,
    numpy: { setup: `${numpyInts(T5, T5D, 'float64', 31)}\n${PY_TRICK}`, stmt: 'euclidean_trick(X, X)' },
  }),
  benchCase({
    group: 'tutorial-distance',
    name: 'euclidean_broadcast 200×20',
    size: `200×20 float64 → (200, 200, 20) diff (${bytesLabel(200 * 200 * 20 * 8)})`,
    description: 'Exercise 5\'s starting point: (diff * diff).sum(axis=2) over the broadcast difference',
    setup: points(E5, E5D, 'float64', 41),
    ...numnode((s: Pts, np) => euclideanBroadcast(np, s.X, s.X)),
    plainjs: plainDistances,
    numpy: { setup: `${numpyInts(E5, E5D, 'float64', 41)}\n${PY_BROADCAST}`, stmt: 'euclidean_broadcast(X, X)' },
  }),
  benchCase({
    group: 'tutorial-distance',
    name: "euclidean_broadcast_optimized 200×20 (Exercise 5: einsum('ijk,ijk->ij'))",
    size: `200×20 float64 → (200, 200, 20) diff (${bytesLabel(200 * 200 * 20 * 8)})`,
    description: 'Exercise 5\'s answer: the reduction as einsum, which never materialises diff * diff',
    setup: points(E5, E5D, 'float64', 41),
    ...numnode((s: Pts, np) => euclideanBroadcastOptimized(np, s.X, s.X)),
    plainjs: plainDistances,
    numpy: { setup: `${numpyInts(E5, E5D, 'float64', 41)}\n${PY_OPTIMIZED}`, stmt: 'euclidean_broadcast_optimized(X, X)' },
  }),
  benchCase({
    group: 'tutorial-distance',
    name: 'euclidean_chunked(X, X, 400) 1200×30',
    size: `1200×30 float64 → 1200×1200 (${bytesLabel(1200 * 1200 * 8)}) in 9 blocks of 400²`,
    description: '3.3\'s chunked loop as written (the trick per block, assigned into a preallocated result); linalg.ts has cdist with chunkSize against it',
    setup: points(CH, CHD, 'float64', 51),
    ...numnode((s: Pts, np) => euclideanChunked(np, s.X, s.X, CHUNK)),
    plainjs: plainDistances,
    numpy: { setup: `${numpyInts(CH, CHD, 'float64', 51)}\n${PY_CHUNKED}`, stmt: `euclidean_chunked(X, X, ${CHUNK})` },
  }),
  trickCase(DT, DTD, 1000, 100, 'float64', "3.3's dtype impact, float64"),
  trickCase(DT, DTD, 1000, 100, 'float32', "3.3's dtype impact, float32 (sgemm)"),
];

// ---- the einsum examples at the tutorial's sizes --------------------------------------------------

interface Small { A: NDArray; B: NDArray; a: Float64Array; b: Float64Array }
function small({ np, impl }: SetupContext): Small {
  const a = new Float64Array(12);
  const b = new Float64Array(20);
  for (let i = 0; i < 12; i++) a[i] = (i % 5) - 2;
  for (let i = 0; i < 20; i++) b[i] = (i % 7) - 3;
  if (impl === 'plainjs') return { A: null as unknown as NDArray, B: null as unknown as NDArray, a, b };
  return { A: np.asarray(a).reshape(3, 4), B: np.asarray(b).reshape(4, 5), a, b };
}
const NP_SMALL = 'A = (np.arange(12) % 5 - 2).astype(np.float64).reshape(3, 4); B = (np.arange(20) % 7 - 3).astype(np.float64).reshape(4, 5)';
function plainMatmul34(s: Small): Float64Array {
  const o = new Float64Array(15);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 5; j++) {
    let acc = 0;
    for (let k = 0; k < 4; k++) acc += s.a[i * 4 + k]! * s.b[k * 5 + j]!;
    o[i * 5 + j] = acc;
  }
  return o;
}

const einsumSmall: BenchCase[] = [
  benchCase({
    group: 'tutorial-einsum',
    name: "np.einsum('ij,ij->i', A, A) 3×4",
    size: '3×4 float64',
    description: 'the tutorial\'s first einsum example: at this size the call\'s parsing and planning is the cost',
    setup: small,
    ...numnode((s: Small, np) => np.einsum('ij,ij->i', s.A, s.A)),
    plainjs: (s: Small) => {
      const o = new Float64Array(3);
      for (let i = 0; i < 3; i++) { let acc = 0; for (let j = 0; j < 4; j++) acc += s.a[i * 4 + j]! * s.a[i * 4 + j]!; o[i] = acc; }
      return o;
    },
    numpy: { setup: NP_SMALL, stmt: "np.einsum('ij,ij->i', A, A)" },
  }),
  benchCase({
    group: 'tutorial-einsum',
    name: "np.einsum('ik,kj->ij', A, B) 3×4 @ 4×5",
    size: '3×4 @ 4×5 float64',
    description: 'the tutorial\'s second einsum example against A @ B below',
    setup: small,
    ...numnode((s: Small, np) => np.einsum('ik,kj->ij', s.A, s.B)),
    plainjs: plainMatmul34,
    numpy: { setup: NP_SMALL, stmt: "np.einsum('ik,kj->ij', A, B)" },
  }),
  benchCase({
    group: 'tutorial-einsum',
    name: 'A @ B 3×4 @ 4×5',
    size: '3×4 @ 4×5 float64',
    description: 'the matmul the einsum example is checked against: the per-call cost of a tiny product',
    setup: small,
    ...numnode((s: Small, np) => np.matmul(s.A, s.B)),
    plainjs: plainMatmul34,
    numpy: { setup: NP_SMALL, stmt: 'A @ B' },
  }),
];

// ---- threads on dgemm ------------------------------------------------------------------------------

const L = S(1500, 40), LK = S(100, 12);
/** Python: set NumPy's BLAS threads (threadpoolctl when installed, else the bundled OpenBLAS's own call). */
const pyThreads = (t: number) => [
  'try:',
  '    import threadpoolctl',
  `    _limits = threadpoolctl.threadpool_limits(${t}, user_api='blas')`,
  'except ImportError:',
  '    import ctypes, glob, os',
  "    _libs = glob.glob(os.path.join(os.path.dirname(np.__file__), '..', 'numpy.libs', '*openblas*'))",
  '    _lib = ctypes.CDLL(_libs[0])',
  "    _set = next(getattr(_lib, f) for f in ('scipy_openblas_set_num_threads64_', 'openblas_set_num_threads64_', 'openblas_set_num_threads') if hasattr(_lib, f))",
  `    _set(${t})`,
].join('\n');

function threadCase(t: 1 | 2): BenchCase {
  return benchCase({
    group: 'tutorial-threads',
    name: `large_data @ large_data.T (${t} thread${t > 1 ? 's' : ''})`,
    size: `1500×100 float64 → 1500×1500 (${bytesLabel(1500 * 1500 * 8)}), ${((2 * 1500 * 1500 * 100) / 1e9).toFixed(2)} GFLOP as GEMM`,
    description: `3.2's multithreading cell: np.setNumThreads(${t}) in the case's own process (OpenBLAS ?syrk); NumPy's OpenBLAS set to ${t} too. Compare the 1- and 2-thread rows`,
    setup: (ctx: SetupContext) => {
      ctx.np.setNumThreads(t);
      const x = ints(L * LK, 'float64', 61);
      return { X: ctx.np.asarray(x).reshape(L, LK) };
    },
    native: (s: { X: NDArray }, np) => np.matmul(s.X, s.X.T),
    numpy: { setup: `${pyThreads(t)}\n${numpyInts(L, LK, 'float64', 61)}`, stmt: 'X @ X.T' },
    absent: { ts: 'the TypeScript kernels are single-threaded (linalg/L @ L.T has the TypeScript figure)', plainjs: 'single-threaded by nature (linalg/L @ L.T has the plain-JS figure)' },
  });
}

export const cases: BenchCase[] = [
  listMultiply, multiplicationTable, ...distance, ...einsumSmall, threadCase(1), threadCase(2),
];
