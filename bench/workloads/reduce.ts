// Reductions and scans (issue 4): the tutorial's x.sum() in float32 and float64,
// sums along either axis of a matrix, (A*A).sum(axis=1), mean and std, the
// running-average exercise with cumsum, and argmax. numnode's floating sums follow
// a fixed pairwise tree (the same bits on any thread count and on both backends);
// plain JavaScript adds left to right, so its float results differ in the last
// bits (sameResult: false) and the tests compare native with TypeScript elsewhere
// (test/reduce.determinism.test.ts).
import { benchCase, numnode, type BenchCase, type SetupContext } from '../types';
import type { NDArray } from 'numnode';
import { bytesLabel } from '../plain';

/** Uniform [0, 1) values from a multiplicative hash of the index (np.random's role in the tutorial). */
function hashed(n: number, f32: boolean): Float64Array | Float32Array {
  const a = f32 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = (Math.imul(i, 2654435761) >>> 0) / 2 ** 32;
  return a;
}

interface Vec { x: NDArray; a: Float64Array | Float32Array }
interface Mat { x: NDArray; a: Float64Array; rows: number; cols: number }

function vec(n: number, f32: boolean) {
  return ({ np, impl }: SetupContext): Vec => {
    const a = hashed(n, f32);
    return impl === 'plainjs' ? { x: null as unknown as NDArray, a } : { x: np.asarray(a), a: null as unknown as Float64Array };
  };
}

function mat(rows: number, cols: number) {
  return ({ np, impl }: SetupContext): Mat => {
    const a = hashed(rows * cols, false) as Float64Array;
    return impl === 'plainjs'
      ? { x: null as unknown as NDArray, a, rows, cols }
      : { x: np.asarray(a).reshape(rows, cols), a: null as unknown as Float64Array, rows, cols };
  };
}

const rngSetup = (stmt: string) => `rng = np.random.default_rng(0); ${stmt}`;

function plainSum(a: Float64Array | Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

// ---- x.sum() --------------------------------------------------------------------------------

const N_SUM = 5_000_000;
const sums: BenchCase[] = (['float64', 'float32'] as const).map((dt) => benchCase({
  group: 'reduce',
  name: `x.sum() ${dt}`,
  size: `${N_SUM} ${dt} (${bytesLabel(N_SUM * (dt === 'float64' ? 8 : 4))})`,
  description: dt === 'float32'
    ? 'float32 summed in float64 lanes (correctly rounded result) on all cores; NumPy keeps float32 partial sums'
    : 'vectorised accumulators, both cores, fixed pairwise tree',
  setup: vec(N_SUM, dt === 'float32'),
  ...numnode((s: Vec) => s.x.sum()),
  // Plain JS accumulates in a double: for float32 that is also more accurate than float32 partial sums.
  plainjs: (s: Vec) => plainSum(s.a),
  numpy: { setup: rngSetup(`x = rng.random(${N_SUM})${dt === 'float32' ? '.astype(np.float32)' : ''}`), stmt: 'x.sum()' },
  sameResult: false,
}));

// ---- sums along an axis ----------------------------------------------------------------------

const R = 5000;
const C = 1000;
const matSize = `${R}×${C} float64 (${bytesLabel(R * C * 8)})`;
const axisSums: BenchCase[] = [
  benchCase({
    group: 'reduce',
    name: 'x.sum(axis=0)',
    size: matSize,
    description: 'reduces the leading axis of a C-ordered matrix: rows are read whole and added into every column\'s lanes at once',
    setup: mat(R, C),
    ...numnode((s: Mat) => s.x.sum({ axis: 0 })),
    plainjs: (s: Mat) => {
      const out = new Float64Array(s.cols);
      for (let i = 0; i < s.rows; i++) {
        const row = i * s.cols;
        for (let j = 0; j < s.cols; j++) out[j] += s.a[row + j]!;
      }
      return out;
    },
    numpy: { setup: rngSetup(`x = rng.random((${R}, ${C}))`), stmt: 'x.sum(axis=0)' },
    sameResult: false,
  }),
  benchCase({
    group: 'reduce',
    name: 'x.sum(axis=1)',
    size: matSize,
    description: 'reduces the contiguous axis: one vectorised tree per row, rows split between the cores',
    setup: mat(R, C),
    ...numnode((s: Mat) => s.x.sum({ axis: 1 })),
    plainjs: (s: Mat) => {
      const out = new Float64Array(s.rows);
      for (let i = 0; i < s.rows; i++) {
        let t = 0;
        for (let j = 0, q = i * s.cols; j < s.cols; j++, q++) t += s.a[q]!;
        out[i] = t;
      }
      return out;
    },
    numpy: { setup: rngSetup(`x = rng.random((${R}, ${C}))`), stmt: 'x.sum(axis=1)' },
    sameResult: false,
  }),
  benchCase({
    group: 'reduce',
    name: '(A*A).sum(axis=1)',
    size: `1000×300 float64 (${bytesLabel(1000 * 300 * 8)})`,
    description: 'squared row norms (the distance-matrix exercise): np.multiply (issue 3) then the row sums',
    setup: mat(1000, 300),
    ...numnode((s: Mat, np) => np.multiply(s.x, s.x).sum({ axis: 1 })),
    plainjs: (s: Mat) => {
      const out = new Float64Array(s.rows);
      for (let i = 0; i < s.rows; i++) {
        let t = 0;
        for (let j = 0, q = i * s.cols; j < s.cols; j++, q++) t += s.a[q]! * s.a[q]!;
        out[i] = t;
      }
      return out;
    },
    numpy: { setup: rngSetup('A = rng.random((1000, 300))'), stmt: '(A*A).sum(axis=1)' },
    sameResult: false,
  }),
];

// ---- mean, std, argmax of 1e7 ----------------------------------------------------------------------

const N_BIG = 10_000_000;
const bigSize = `${N_BIG} float64 (${bytesLabel(N_BIG * 8)})`;
const stats: BenchCase[] = [
  benchCase({
    group: 'reduce',
    name: 'x.mean()',
    size: bigSize,
    setup: vec(N_BIG, false),
    ...numnode((s: Vec) => s.x.mean()),
    plainjs: (s: Vec) => plainSum(s.a) / s.a.length,
    numpy: { setup: rngSetup(`x = rng.random(${N_BIG})`), stmt: 'x.mean()' },
    sameResult: false,
  }),
  benchCase({
    group: 'reduce',
    name: 'x.std()',
    size: bigSize,
    description: 'two fused passes (the sum, then the sum of squared deviations), no temporary array; NumPy makes x - mean',
    setup: vec(N_BIG, false),
    ...numnode((s: Vec) => s.x.std()),
    plainjs: (s: Vec) => {
      const m = plainSum(s.a) / s.a.length;
      let q = 0;
      for (let i = 0; i < s.a.length; i++) {
        const d = s.a[i]! - m;
        q += d * d;
      }
      return Math.sqrt(q / s.a.length);
    },
    numpy: { setup: rngSetup(`x = rng.random(${N_BIG})`), stmt: 'x.std()' },
    sameResult: false,
  }),
  benchCase({
    group: 'reduce',
    name: 'x.argmax()',
    size: bigSize,
    description: 'vectorised block maxima, a scan for the position only when a block beats the best so far',
    setup: vec(N_BIG, false),
    ...numnode((s: Vec) => s.x.argmax()),
    plainjs: (s: Vec) => {
      let best = s.a[0]!;
      let k = 0;
      for (let i = 1; i < s.a.length; i++) {
        if (s.a[i]! > best) {
          best = s.a[i]!;
          k = i;
        }
      }
      return BigInt(k);
    },
    numpy: { setup: rngSetup(`x = rng.random(${N_BIG})`), stmt: 'x.argmax()' },
  }),
];

// ---- cumsum ------------------------------------------------------------------------------------

const M = 500;
const scans: BenchCase[] = [
  benchCase({
    group: 'reduce',
    name: 'np.cumsum(x, axis=1)',
    size: `${M}×${M} float64 (${bytesLabel(M * M * 8)})`,
    setup: mat(M, M),
    ...numnode((s: Mat, np) => np.cumsum(s.x, { axis: 1 })),
    plainjs: (s: Mat) => {
      const out = new Float64Array(s.a.length);
      for (let i = 0; i < s.rows; i++) {
        let t = 0;
        for (let j = 0, q = i * s.cols; j < s.cols; j++, q++) out[q] = t += s.a[q]!;
      }
      return out;
    },
    numpy: { setup: rngSetup(`x = rng.random((${M}, ${M}))`), stmt: 'np.cumsum(x, axis=1)' },
  }),
  benchCase({
    group: 'reduce',
    name: 'np.cumsum(x, 1) / np.arange(1, n + 1)',
    size: `${M}×${M} float64 (${bytesLabel(M * M * 8)})`,
    description: 'the running-average exercise: cumsum, then np.divide (issue 3) by 1..n broadcast over the rows',
    setup: mat(M, M),
    ...numnode((s: Mat, np) => np.divide(np.cumsum(s.x, { axis: 1 }), np.arange(1, M + 1))),
    plainjs: (s: Mat) => {
      const out = new Float64Array(s.a.length);
      for (let i = 0; i < s.rows; i++) {
        let t = 0;
        for (let j = 0, q = i * s.cols; j < s.cols; j++, q++) {
          t += s.a[q]!;
          out[q] = t / (j + 1);
        }
      }
      return out;
    },
    numpy: { setup: rngSetup(`x = rng.random((${M}, ${M})); n = ${M}`), stmt: 'np.cumsum(x, 1) / np.arange(1, n + 1)' },
  }),
];

export const cases: BenchCase[] = [...sums, ...axisSums, ...stats, ...scans];
