// 64-bit integer casts and in-place fills: the foundation's data movement that is not a
// plain copy. JavaScript has no cheap int64 store (a BigInt64Array element is a BigInt,
// ~30 ns to make), so the TypeScript backend moves int64 data as pairs of 32-bit words;
// these cases keep that path measured against NumPy and against the BigInt loop a user
// would write. The fills check that TypedArray.fill runs at memset speed for every dtype.
import { benchCase, numnode, type BenchCase, type SetupContext } from '../types';
import type { NDArray } from 'numnode';
import { bytesLabel } from '../plain';

const N = 1_000_000;

interface Src { x: NDArray; f: Float64Array; i: BigInt64Array; i32: Int32Array }

function source({ np, impl }: SetupContext): Src {
  if (impl === 'plainjs') {
    const f = new Float64Array(N);
    const i = new BigInt64Array(N);
    const i32 = new Int32Array(N);
    for (let k = 0; k < N; k++) { f[k] = k - N / 2 + 0.5; i[k] = BigInt(k - N / 2); i32[k] = k - N / 2; }
    return { x: null as unknown as NDArray, f, i, i32 };
  }
  return { x: np.arange(-N / 2, N / 2, { dtype: 'int64' }), f: null as unknown as Float64Array, i: null as unknown as BigInt64Array, i32: null as unknown as Int32Array };
}

const NUMPY_SRC = `n = ${N}; i = np.arange(-n // 2, n // 2, dtype=np.int64); f = i + 0.5; i32 = i.astype(np.int32)`;

const casts: BenchCase[] = [
  benchCase({
    group: 'casts',
    name: "np.arange(1000000) (int64)",
    size: `1e6 int64 (${bytesLabel(N * 8)})`,
    description: 'int64 results written as 32-bit word pairs on the TypeScript backend',
    ...numnode((_s, np) => np.arange(N)),
    plainjs: () => { const a = new BigInt64Array(N); for (let k = 0; k < N; k++) a[k] = BigInt(k); return a; },
    numpy: { stmt: `np.arange(${N})` },
  }),
  benchCase({
    group: 'casts',
    name: "i.astype('float64')",
    size: `1e6 int64 -> float64 (${bytesLabel(N * 8)})`,
    setup: source,
    ...numnode((s: Src) => s.x.astype('float64')),
    plainjs: (s: Src) => { const o = new Float64Array(N); for (let k = 0; k < N; k++) o[k] = Number(s.i[k]!); return o; },
    numpy: { setup: NUMPY_SRC, stmt: "i.astype('float64')" },
  }),
  benchCase({
    group: 'casts',
    name: "f.astype('int64')",
    size: `1e6 float64 -> int64 (${bytesLabel(N * 8)})`,
    description: 'truncation toward zero',
    setup: (ctx: SetupContext) => {
      const s = source(ctx);
      if (ctx.impl !== 'plainjs') s.x = ctx.np.add(s.x.astype('float64'), 0.5);
      return s;
    },
    ...numnode((s: Src) => s.x.astype('int64')),
    plainjs: (s: Src) => { const o = new BigInt64Array(N); for (let k = 0; k < N; k++) o[k] = BigInt(Math.trunc(s.f[k]!)); return o; },
    numpy: { setup: NUMPY_SRC, stmt: "f.astype('int64')" },
  }),
  benchCase({
    group: 'casts',
    name: "i32.astype('int64')",
    size: `1e6 int32 -> int64 (${bytesLabel(N * 8)})`,
    setup: (ctx: SetupContext) => {
      const s = source(ctx);
      if (ctx.impl !== 'plainjs') s.x = s.x.astype('int32');
      return s;
    },
    ...numnode((s: Src) => s.x.astype('int64')),
    plainjs: (s: Src) => { const o = new BigInt64Array(N); for (let k = 0; k < N; k++) o[k] = BigInt(s.i32[k]!); return o; },
    numpy: { setup: NUMPY_SRC, stmt: "i32.astype('int64')" },
  }),
];

// ---- fill an existing array (no allocation) -------------------------------------

const M = 1000;
interface FillState { x: NDArray; a: Float64Array | Int32Array | BigInt64Array }
const fills: BenchCase[] = (['float64', 'int32', 'int64'] as const).map((dtype) => benchCase({
  group: 'fill',
  name: `x.fill(3) ${dtype}`,
  size: `${M}×${M} ${dtype}`,
  description: 'an existing array: the time is the stores alone',
  setup: ({ np, impl }: SetupContext): FillState => (impl === 'plainjs'
    ? { x: null as unknown as NDArray, a: dtype === 'float64' ? new Float64Array(M * M) : dtype === 'int32' ? new Int32Array(M * M) : new BigInt64Array(M * M) }
    : { x: np.zeros([M, M], { dtype }), a: null as unknown as Float64Array }),
  ...numnode((s: FillState) => s.x.fill(3)),
  plainjs: (s: FillState) => (s.a instanceof BigInt64Array ? s.a.fill(3n) : s.a.fill(3)),
  // A statement, not an expression: NumPy's fill returns None where numnode returns x.
  numpy: { setup: `x = np.zeros((${M}, ${M}), dtype=np.${dtype})`, stmt: '_ = x.fill(3)' },
}));

export const cases: BenchCase[] = [...casts, ...fills];
