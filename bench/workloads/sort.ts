// Selection, sorting and order statistics (issue 10): the cases the issue lists,
// each against NumPy and against what plain JavaScript offers (TypedArray and
// Array sorts, filter, Set, loops):
//   sort / argsort of 1e7 float64 and int64, argpartition top-100 of 1e7,
//   a[a > 0.5] on 1e7, take of 1e6 random indices, unique of 1e7 ints,
//   median and percentile of 1e7.
// The data are NumPy's: numnode's default_rng gives the same numbers as
// np.random.default_rng for the same seed, so every contender sorts the same array.
// Scalar results (median, percentile) are returned as a one-element Float64Array by
// every contender, so that the suite can check they agree.
import { benchCase, numnode, type BenchCase, type Numnode, type SetupContext } from '../types';
import type { NDArray } from 'numnode';
import { bytesLabel } from '../plain';

const N = 10_000_000;
const K = 100;
const NTAKE = 1_000_000;
const UNIQUE_RANGE = 1_000_000;

const f64Size = `${N} float64 (${bytesLabel(N * 8)})`;
const i64Size = `${N} int64 (${bytesLabel(N * 8)})`;

const NP_F64 = `rng = np.random.default_rng(0); x = rng.random(${N})`;
// int64 values spread over ±2**62 (multiples of 2**10), made from the same uniform
// stream on both sides (fast to build, unlike 1e7 calls of a bounded-integer draw).
const NP_I64 = `rng = np.random.default_rng(0); x = ((rng.random(${N}) - 0.5) * 2.0**63).astype(np.int64)`;

interface F { x: NDArray; a: Float64Array }
interface Take { x?: NDArray; idx?: NDArray; a?: Float64Array; i?: Int32Array }
interface Uniq { a?: NDArray; i?: Int32Array }
interface I { x: NDArray; a: BigInt64Array }

function floats(np: Numnode): NDArray {
  return np.random.defaultRng(0).random([N]) as NDArray;
}
function ints(np: Numnode): NDArray {
  return floats(np).subtract(0.5).multiply(2 ** 63).astype('int64');
}

const f64 = ({ np, impl }: SetupContext): F => {
  const x = floats(np);
  return impl === 'plainjs' ? { x: null as unknown as NDArray, a: x.toTypedArray() as Float64Array } : { x, a: null as unknown as Float64Array };
};
const i64 = ({ np, impl }: SetupContext): I => {
  const x = ints(np);
  return impl === 'plainjs' ? { x: null as unknown as NDArray, a: x.toTypedArray() as BigInt64Array } : { x, a: null as unknown as BigInt64Array };
};

// What a user writes for argsort in plain JS, 0..n-1 sorted with a comparator
// (Uint32Array.prototype.sort((i, j) => a[i] - a[j]), or with a BigInt comparison),
// took 19 s (float64) and 15 s (int64) per call on the dev machine under load (Node
// 20, measured once each): timed a dozen times it would add minutes to every run
// and push the suite's one-call check past its time limit, so it is reported here
// and not run.
const PLAIN_ARGSORT = 'a comparator sort of 1e7 indices takes 15-20 s per call (measured once; see the workload file): too slow to time';

/** Top-k by a size-k min-heap (O(n log k)), then the k indices in ascending order. */
function plainTopK(a: Float64Array, k: number): Float64Array {
  const hv = new Float64Array(k);
  const hi = new Float64Array(k);
  let size = 0;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && hv[l]! < hv[m]!) m = l;
      if (r < size && hv[r]! < hv[m]!) m = r;
      if (m === i) return;
      [hv[i], hv[m]] = [hv[m]!, hv[i]!];
      [hi[i], hi[m]] = [hi[m]!, hi[i]!];
      i = m;
    }
  };
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (size < k) {
      let c = size++;
      hv[c] = v; hi[c] = i;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (hv[p]! <= hv[c]!) break;
        [hv[p], hv[c]] = [hv[c]!, hv[p]!];
        [hi[p], hi[c]] = [hi[c]!, hi[p]!];
        c = p;
      }
    } else if (v > hv[0]!) {
      hv[0] = v; hi[0] = i;
      siftDown(0);
    }
  }
  return hi.sort();
}

/** NumPy's default ('linear') percentile of a sorted Float64Array. */
function linearPercentile(s: Float64Array, q: number): number {
  const vi = (s.length - 1) * (q / 100);
  const lo = Math.floor(vi);
  const hi = Math.min(lo + 1, s.length - 1);
  const t = vi - lo;
  const d = s[hi]! - s[lo]!;
  return t >= 0.5 ? s[hi]! - d * (1 - t) : s[lo]! + d * t;
}

export const cases: BenchCase[] = [
  benchCase({
    group: 'sort',
    name: 'np.sort(x) float64',
    size: f64Size,
    description: 'a sorted copy; plain JS: Float64Array.prototype.sort on a copy (the issue asks for at least 3× faster)',
    setup: f64,
    ...numnode((s: F, np) => np.sort(s.x)),
    plainjs: (s: F) => s.a.slice().sort(),
    numpy: { setup: NP_F64, stmt: 'np.sort(x)' },
  }),
  benchCase({
    group: 'sort',
    name: 'np.argsort(x) float64',
    size: f64Size,
    description: 'the sorting permutation',
    setup: f64,
    ...numnode((s: F, np) => np.argsort(s.x)),
    numpy: { setup: NP_F64, stmt: 'np.argsort(x)' },
    absent: { plainjs: PLAIN_ARGSORT },
  }),
  benchCase({
    group: 'sort',
    name: 'np.sort(x) int64',
    size: i64Size,
    description: 'int64 sorted exactly (no double rounding); plain JS: BigInt64Array.prototype.sort on a copy',
    setup: i64,
    ...numnode((s: I, np) => np.sort(s.x)),
    plainjs: (s: I) => s.a.slice().sort(),
    numpy: { setup: NP_I64, stmt: 'np.sort(x)' },
  }),
  benchCase({
    group: 'sort',
    name: 'np.argsort(x) int64',
    size: i64Size,
    description: 'the sorting permutation of int64, compared exactly',
    setup: i64,
    ...numnode((s: I, np) => np.argsort(s.x)),
    numpy: { setup: NP_I64, stmt: 'np.argsort(x)' },
    absent: { plainjs: PLAIN_ARGSORT },
  }),
  benchCase({
    group: 'sort',
    name: `np.argpartition(x, -${K})[-${K}:] (top-${K})`,
    size: f64Size,
    description: `the indices of the ${K} largest values in O(n), sorted so that every contender returns the same array; plain JS: a size-${K} min-heap`,
    setup: f64,
    ...numnode((s: F, np) => np.sort(np.argpartition(s.x, -K).slice(`-${K}:`))),
    plainjs: (s: F) => plainTopK(s.a, K),
    numpy: { setup: NP_F64, stmt: `np.sort(np.argpartition(x, -${K})[-${K}:])` },
  }),
  benchCase({
    group: 'sort',
    name: 'x[x > 0.5]',
    size: f64Size,
    description: 'a boolean mask from the comparison ufunc, then the masked gather (a copy of about half the array); plain JS: Float64Array.prototype.filter',
    setup: f64,
    ...numnode((s: F, np) => s.x.index(np.greater(s.x, 0.5))),
    plainjs: (s: F) => s.a.filter((v) => v > 0.5),
    numpy: { setup: NP_F64, stmt: 'x[x > 0.5]' },
  }),
  benchCase({
    group: 'sort',
    name: `np.take(x, idx) (${NTAKE} random indices)`,
    size: `${NTAKE} of ${f64Size}`,
    description: 'a gather at random positions: bound by cache and TLB misses; plain JS: a loop',
    setup: ({ np, impl }: SetupContext): Take => {
      const rng = np.random.defaultRng(0);
      const x = rng.random([N]) as NDArray;
      const idx = rng.integers(0, N, [NTAKE]) as NDArray;
      if (impl !== 'plainjs') return { x, idx };
      return { a: x.toTypedArray() as Float64Array, i: Int32Array.from(idx.toTypedArray() as BigInt64Array, Number) };
    },
    ...numnode((s: Take, np) => np.take(s.x!, s.idx!)),
    plainjs: (s: Take) => {
      const a = s.a!;
      const i = s.i!;
      const out = new Float64Array(i.length);
      for (let k = 0; k < out.length; k++) out[k] = a[i[k]!]!;
      return out;
    },
    numpy: { setup: `rng = np.random.default_rng(0); x = rng.random(${N}); idx = rng.integers(0, ${N}, ${NTAKE})`, stmt: 'np.take(x, idx)' },
  }),
  benchCase({
    group: 'sort',
    name: `np.unique(a) (${N} ints in [0, ${UNIQUE_RANGE}))`,
    size: i64Size,
    description: 'sorted distinct values; plain JS: a Set, then a sort of its values',
    setup: ({ np, impl }: SetupContext): Uniq => {
      const a = np.random.defaultRng(0).integers(0, UNIQUE_RANGE, [N]) as NDArray;
      return impl === 'plainjs' ? { i: Int32Array.from(a.toTypedArray() as BigInt64Array, Number) } : { a };
    },
    ...numnode((s: Uniq, np) => np.unique(s.a!)),
    plainjs: (s: Uniq) => Int32Array.from(new Set(s.i!)).sort(),
    numpy: { setup: `rng = np.random.default_rng(0); a = rng.integers(0, ${UNIQUE_RANGE}, ${N})`, stmt: 'np.unique(a)' },
  }),
  benchCase({
    group: 'sort',
    name: 'np.median(x)',
    size: f64Size,
    description: 'an order statistic in O(n) (numnode: sample brackets, one counting and one collecting pass, the input never copied); plain JS: sort a copy, average the middle two',
    setup: f64,
    ...numnode((s: F, np) => Float64Array.of(np.median(s.x) as number)),
    plainjs: (s: F) => {
      const t = s.a.slice().sort();
      return Float64Array.of((t[N / 2 - 1]! + t[N / 2]!) / 2);
    },
    numpy: { setup: NP_F64, stmt: 'np.median(x)' },
  }),
  benchCase({
    group: 'sort',
    name: 'np.percentile(x, 90)',
    size: f64Size,
    description: "NumPy's default linear interpolation between two order statistics; plain JS: sort a copy, interpolate",
    setup: f64,
    ...numnode((s: F, np) => Float64Array.of(np.percentile(s.x, 90) as number)),
    plainjs: (s: F) => Float64Array.of(linearPercentile(s.a.slice().sort(), 90)),
    numpy: { setup: NP_F64, stmt: 'np.percentile(x, 90)' },
  }),
];
