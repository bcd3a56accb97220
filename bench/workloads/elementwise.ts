// Elementwise ufuncs (the tutorial's "vectorisation" and "broadcasting"): the
// cases issue 3 lists, each against NumPy and hand-written TypedArray loops, plus
// two calibration families:
//  - 'elementwise-cutover': native against TypeScript on small arrays, where the
//    per-call cost decides; `thresholds.elementwise*` in src/backend/backend.ts are
//    the sizes where native starts to win;
//  - 'elementwise-threads': one thread against two. Run them with
//    NUMNODE_EW_PARALLEL_MIN=0 NUMNODE_EW_PARALLEL_MIN_T=0 to see two threads at
//    every size (the kParallelMin* constants in native/kernels/elementwise.cc are
//    where two start to win), and without to check the thresholds in force.
import { benchCase, numnode, type BenchCase, type Numnode, type SetupContext } from '../types';
import type { NDArray } from 'numnode';
import { bytesLabel } from '../plain';

type F = 'float64' | 'float32';
type FloatArray = Float64Array | Float32Array;
const FA = { float64: Float64Array, float32: Float32Array } as const;
const BYTES = { float64: 8, float32: 4, int64: 8 } as const;

/** 0 .. 10 evenly, as np.linspace(0, 10, n).astype(dtype) in both worlds. */
function ramp(np: Numnode, n: number, dtype: F): NDArray {
  const x = np.linspace(0, 10, n);
  return dtype === 'float64' ? x : x.astype(dtype);
}
function plainRamp(n: number, dtype: F): FloatArray {
  // np.linspace's formula: i * step + start, the last element exactly the stop.
  const a = new FA[dtype](n);
  const step = n > 1 ? 10 / (n - 1) : 0;
  for (let i = 0; i < n; i++) a[i] = i * step;
  if (n > 1) a[n - 1] = 10;
  return a;
}
const npRamp = (n: number, dtype: F) => `x = np.linspace(0, 10, ${n}).astype(np.${dtype})`;

interface X { x: NDArray; a: FloatArray; out: NDArray; o: FloatArray }
function xState(n: number, dtype: F, withOut = false) {
  return ({ np, impl }: SetupContext): X => {
    if (impl === 'plainjs') {
      return { x: null as unknown as NDArray, a: plainRamp(n, dtype), out: null as unknown as NDArray, o: new FA[dtype](n) };
    }
    return {
      x: ramp(np, n, dtype), a: null as unknown as FloatArray,
      out: withOut ? np.empty([n], { dtype }) : (null as unknown as NDArray), o: null as unknown as FloatArray,
    };
  };
}

// ---- a * 2 (1e6) -------------------------------------------------------------------

const N1 = 1_000_000;
interface Times2 { a?: NDArray; p?: BigInt64Array | FloatArray }
const times2: BenchCase[] = (['int64', 'float64', 'float32'] as const).map((dtype) => benchCase({
  group: 'elementwise',
  name: `a * 2 (${dtype})`,
  size: `${N1} ${dtype} (${bytesLabel(N1 * BYTES[dtype])})`,
  description: 'an array times a weak scalar: the result keeps the array\'s dtype (NEP 50)',
  setup: ({ np, impl }: SetupContext): Times2 => {
    if (impl !== 'plainjs') return { a: np.arange(N1, { dtype }) };
    if (dtype === 'int64') {
      const a = new BigInt64Array(N1);
      for (let i = 0; i < N1; i++) a[i] = BigInt(i);
      return { p: a };
    }
    const a = new FA[dtype](N1);
    for (let i = 0; i < N1; i++) a[i] = i;
    return { p: a };
  },
  ...numnode((s: Times2, np) => np.multiply(s.a!, 2)),
  plainjs: (s: Times2) => {
    const p = s.p!;
    const n = p.length;
    if (p instanceof BigInt64Array) {
      const o = new BigInt64Array(n);
      for (let i = 0; i < n; i++) o[i] = p[i]! * 2n;
      return o;
    }
    const o = new (p.constructor as typeof Float64Array)(n);
    for (let i = 0; i < n; i++) o[i] = p[i]! * 2;
    return o;
  },
  numpy: { setup: `a = np.arange(${N1}, dtype=np.${dtype})`, stmt: 'a * 2' },
}));

// ---- x * 2.0 (5e6): new output, and out= (streaming) --------------------------------

const N5 = 5_000_000;
const stream: BenchCase[] = (['float64', 'float32'] as const).flatMap((dtype) => [
  benchCase({
    group: 'elementwise',
    name: `x * 2.0 (${dtype})`,
    size: `${N5} ${dtype} (${bytesLabel(N5 * BYTES[dtype])} in, the same out)`,
    description: 'a new result array each call',
    setup: xState(N5, dtype),
    ...numnode((s: X, np) => np.multiply(s.x, 2.0)),
    plainjs: (s: X) => {
      const o = new (s.a.constructor as typeof Float64Array)(s.a.length);
      for (let i = 0; i < s.a.length; i++) o[i] = s.a[i]! * 2.0;
      return o;
    },
    numpy: { setup: npRamp(N5, dtype), stmt: 'x * 2.0' },
  }),
  benchCase({
    group: 'elementwise',
    name: `np.multiply(x, 2.0, out=o) (${dtype})`,
    size: `${N5} ${dtype}: ${bytesLabel(2 * N5 * BYTES[dtype])} streamed per call`,
    description: 'into a preallocated output: pure streaming, compare with the copy case (the machine\'s bandwidth)',
    setup: xState(N5, dtype, true),
    ...numnode((s: X, np) => np.multiply(s.x, 2.0, { out: s.out })),
    plainjs: (s: X) => {
      for (let i = 0; i < s.a.length; i++) s.o[i] = s.a[i]! * 2.0;
      return s.o;
    },
    numpy: { setup: `${npRamp(N5, dtype)}; o = np.empty_like(x)`, stmt: 'np.multiply(x, 2.0, out=o)' },
  }),
  benchCase({
    group: 'elementwise',
    name: `np.copyto(o, x) (${dtype}, bandwidth reference)`,
    size: `${N5} ${dtype}: ${bytesLabel(2 * N5 * BYTES[dtype])} streamed per call`,
    description: 'the same bytes moved as multiply(x, 2.0, out=o) with no arithmetic: the memory bandwidth the streaming case is measured against',
    setup: xState(N5, dtype, true),
    ...numnode((s: X) => s.out.assign(s.x)),
    plainjs: (s: X) => {
      s.o.set(s.a);
      return s.o;
    },
    numpy: { setup: `${npRamp(N5, dtype)}; o = np.empty_like(x)`, stmt: 'o[...] = x' },
  }),
]);

// ---- exp(x) + sin(x) (1e5, 1e7) ---------------------------------------------------------

const transcendental: BenchCase[] = ([100_000, 10_000_000] as const).flatMap((n) => (['float64', 'float32'] as const).map((dtype) => benchCase({
  group: 'elementwise',
  name: `np.exp(x) + np.sin(x) (${n}, ${dtype})`,
  size: `${n} ${dtype} (${bytesLabel(n * BYTES[dtype])})`,
  description: 'vector math (SLEEF u10, both cores) against NumPy (glibc / its own SIMD); results agree within 1 ulp, not bit for bit',
  sameResult: false,
  setup: xState(n, dtype),
  ...numnode((s: X, np) => np.add(np.exp(s.x), np.sin(s.x))),
  plainjs: (s: X) => {
    const o = new (s.a.constructor as typeof Float64Array)(s.a.length);
    for (let i = 0; i < s.a.length; i++) o[i] = Math.exp(s.a[i]!) + Math.sin(s.a[i]!);
    return o;
  },
  numpy: { setup: npRamp(n, dtype), stmt: 'np.exp(x) + np.sin(x)' },
})));

// ---- broadcasting ---------------------------------------------------------------------------

interface AB { a: NDArray; b: NDArray; pa: Float64Array; pb: Float64Array }
const M = 2000;
const outer: BenchCase = benchCase({
  group: 'elementwise',
  name: 'a + b, a (2000, 1), b (1, 2000)',
  size: `result 2000×2000 float64 (${bytesLabel(M * M * 8)})`,
  description: 'broadcasting a column against a row: zero strides, no copies of the inputs',
  setup: ({ np, impl }: SetupContext): AB => {
    const pa = new Float64Array(M);
    const pb = new Float64Array(M);
    for (let i = 0; i < M; i++) { pa[i] = i * 0.5; pb[i] = i * 0.25; }
    if (impl === 'plainjs') return { a: null as unknown as NDArray, b: null as unknown as NDArray, pa, pb };
    return { a: np.array(pa).reshape(M, 1), b: np.array(pb).reshape(1, M), pa, pb };
  },
  ...numnode((s: AB, np) => np.add(s.a, s.b)),
  plainjs: (s: AB) => {
    const o = new Float64Array(M * M);
    for (let i = 0; i < M; i++) {
      const ai = s.pa[i]!;
      const row = i * M;
      for (let j = 0; j < M; j++) o[row + j] = ai + s.pb[j]!;
    }
    return o;
  },
  numpy: { setup: `a = (np.arange(${M}) * 0.5).reshape(${M}, 1); b = (np.arange(${M}) * 0.25).reshape(1, ${M})`, stmt: 'a + b' },
});

interface P { p: NDArray; pp: Float64Array }
const NP_ = 1000;
const pairwise: BenchCase = benchCase({
  group: 'elementwise',
  name: 'p[:, None, :] - p[None, :, :]',
  size: `p 1000×3 float64, result 1000×1000×3 (${bytesLabel(NP_ * NP_ * 3 * 8)})`,
  description: 'all pairwise differences of 1000 points in 3-D by broadcasting (the distance-matrix tutorial)',
  setup: ({ np, impl }: SetupContext): P => {
    const pp = new Float64Array(NP_ * 3);
    for (let i = 0; i < pp.length; i++) pp[i] = Math.sin(i) * 100;
    return { p: impl === 'plainjs' ? (null as unknown as NDArray) : np.array(pp).reshape(NP_, 3), pp };
  },
  ...numnode((s: P, np) => np.subtract(s.p.slice(':', null, ':'), s.p.slice(null, ':', ':'))),
  plainjs: (s: P) => {
    const o = new Float64Array(NP_ * NP_ * 3);
    let k = 0;
    for (let i = 0; i < NP_; i++) {
      for (let j = 0; j < NP_; j++) {
        for (let c = 0; c < 3; c++) o[k++] = s.pp[i * 3 + c]! - s.pp[j * 3 + c]!;
      }
    }
    return o;
  },
  numpy: { setup: `p = (np.sin(np.arange(${NP_ * 3})) * 100).reshape(${NP_}, 3)`, stmt: 'p[:, None, :] - p[None, :, :]' },
});

// ---- where ------------------------------------------------------------------------------------

const NW = 10_000_000;
interface W { a?: Float64Array; x?: NDArray }
const whereCase: BenchCase = benchCase({
  group: 'elementwise',
  name: 'np.where(x > 0.5, x**2, 0)',
  size: `${NW} float64 (${bytesLabel(NW * 8)})`,
  description: 'a comparison, a power (x**2 is x*x), a select: three passes and two temporaries, as in NumPy',
  setup: ({ np, impl }: SetupContext): W => {
    const a = new Float64Array(NW);
    for (let i = 0; i < NW; i++) a[i] = (i % 1000) / 1000;
    return impl === 'plainjs' ? { a } : { x: np.array(a) };
  },
  ...numnode((s: W, np) => np.where(np.greater(s.x!, 0.5), np.power(s.x!, 2), 0)),
  plainjs: (s: W) => {
    const a = s.a!;
    const o = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      o[i] = v > 0.5 ? v * v : 0;
    }
    return o;
  },
  numpy: { setup: `x = (np.arange(${NW}) % 1000) / 1000`, stmt: 'np.where(x > 0.5, x**2, 0)' },
});

// ---- per-call overhead -----------------------------------------------------------------------

function smallAdd(n: number, group: string, description: string): BenchCase {
  return benchCase({
    group,
    name: `a + b (${n})`,
    size: `${n} float64`,
    description,
    setup: ({ np, impl }: SetupContext): AB => {
      const pa = new Float64Array(n);
      const pb = new Float64Array(n);
      for (let i = 0; i < n; i++) { pa[i] = i; pb[i] = 2 * i; }
      return impl === 'plainjs' ? { a: null as unknown as NDArray, b: null as unknown as NDArray, pa, pb } : { a: np.array(pa), b: np.array(pb), pa, pb };
    },
    ...numnode((s: AB, np) => np.add(s.a, s.b)),
    plainjs: (s: AB) => {
      const o = new Float64Array(s.pa.length);
      for (let i = 0; i < o.length; i++) o[i] = s.pa[i]! + s.pb[i]!;
      return o;
    },
    numpy: { setup: `a = np.arange(${n}, dtype=np.float64); b = 2 * a`, stmt: 'a + b' },
  });
}

const overhead: BenchCase[] = [1, 100].map((n) => smallAdd(n, 'elementwise', 'per-call overhead: argument handling, loop selection, allocation'));

// ---- calibration: native against TypeScript on small arrays ------------------------------------

const cutover: BenchCase[] = [
  ...[256, 512, 1024, 2048, 4096].map((n) => smallAdd(n, 'elementwise-cutover', 'native against TypeScript: where the addon\'s call cost is paid back (thresholds.elementwise)')),
  ...[64, 128, 256, 512].map((n) => benchCase({
    group: 'elementwise-cutover',
    name: `np.exp(x) (${n})`,
    size: `${n} float64`,
    description: 'native against TypeScript for a transcendental function (thresholds.elementwiseTranscendental)',
    sameResult: false,
    setup: xState(n, 'float64'),
    ...numnode((s: X, np) => np.exp(s.x)),
    plainjs: (s: X) => {
      const o = new Float64Array(s.a.length);
      for (let i = 0; i < o.length; i++) o[i] = Math.exp(s.a[i]!);
      return o;
    },
    numpy: { setup: npRamp(n, 'float64'), stmt: 'np.exp(x)' },
  })),
];

// ---- calibration: one thread against two ----------------------------------------------------------

function threads(op: 'mul' | 'exp', n: number, t: 1 | 2): BenchCase {
  const name = op === 'mul' ? `np.multiply(x, 2.0, out=o) (${n}, ${t} thread${t > 1 ? 's' : ''})` : `np.exp(x, out=o) (${n}, ${t} thread${t > 1 ? 's' : ''})`;
  return benchCase({
    group: 'elementwise-threads',
    name,
    size: `${n} float64`,
    description: 'the OpenMP split: compare the 1- and 2-thread rows of one size (native only; NumPy is single-threaded)',
    sameResult: op === 'mul',
    setup: (ctx: SetupContext) => {
      ctx.np.setNumThreads(t);
      return xState(n, 'float64', true)(ctx);
    },
    native: (s: X, np) => (op === 'mul' ? np.multiply(s.x, 2.0, { out: s.out }) : np.exp(s.x, { out: s.out })),
    numpy: { setup: `${npRamp(n, 'float64')}; o = np.empty_like(x)`, stmt: op === 'mul' ? 'np.multiply(x, 2.0, out=o)' : 'np.exp(x, out=o)' },
    absent: { ts: 'the TypeScript kernels are single-threaded', plainjs: 'single-threaded by nature' },
  });
}

const threadCases: BenchCase[] = [
  ...[1 << 14, 1 << 15, 1 << 16, 1 << 17, 1 << 20].flatMap((n) => [threads('mul', n, 1), threads('mul', n, 2)]),
  ...[1 << 11, 1 << 12, 1 << 13, 1 << 14, 1 << 16].flatMap((n) => [threads('exp', n, 1), threads('exp', n, 2)]),
];

export const cases: BenchCase[] = [
  ...times2, ...stream, ...transcendental, outer, pairwise, whereCase, ...overhead, ...cutover, ...threadCases,
];
