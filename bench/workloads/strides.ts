// Strides and memory order (the tutorial's "Understanding Strides" and "C vs F
// order"): the same amount of data costs more to move when it is not read or
// written in memory order. Without reductions yet, copies are the traversal.
import { benchCase, numnode, type BenchCase, type SetupContext } from '../types';
import type { NDArray } from 'numnode';
import { bytesLabel, plainArange, plainTranspose } from '../plain';

// ---- C order versus F order on a 2000×2000 matrix ---------------------------------

const n = 2000;
const size = `${n}×${n} float64 (${bytesLabel(n * n * 8)})`;
const NUMPY_MATRIX = `n = ${n}; x = np.arange(n * n, dtype=np.float64).reshape(n, n)`;

interface Matrix { x: NDArray; a: Float64Array }

function matrix({ np, impl }: SetupContext): Matrix {
  return impl === 'plainjs'
    ? { x: null as unknown as NDArray, a: plainArange(n * n) }
    : { x: np.arange(n * n, { dtype: 'float64' }).reshape(n, n), a: null as unknown as Float64Array };
}

const order: BenchCase[] = [
  benchCase({
    group: 'strides',
    name: "x.copy(order='C')",
    size,
    description: 'C-contiguous to C: reads and writes both run in memory order',
    setup: matrix,
    ...numnode((s: Matrix) => s.x.copy('C')),
    plainjs: (s: Matrix) => s.a.slice(),
    numpy: { setup: NUMPY_MATRIX, stmt: "x.copy(order='C')" },
  }),
  benchCase({
    group: 'strides',
    name: "x.copy(order='F')",
    size,
    description: "C-contiguous to Fortran order: one side walks with a stride of a whole row (16 kB)",
    setup: matrix,
    ...numnode((s: Matrix) => s.x.copy('F')),
    plainjs: (s: Matrix) => plainTranspose(s.a, n, n),
    numpy: { setup: NUMPY_MATRIX, stmt: "x.copy(order='F')" },
  }),
  benchCase({
    group: 'strides',
    name: 'x[7, :].copy()',
    size: `one row (${n} float64, stride 8 B) of ${size}`,
    description: 'a row of a C-ordered matrix is contiguous',
    setup: matrix,
    ...numnode((s: Matrix) => s.x.slice(7, ':').copy()),
    plainjs: (s: Matrix) => s.a.slice(7 * n, 8 * n),
    numpy: { setup: NUMPY_MATRIX, stmt: 'x[7, :].copy()' },
  }),
  benchCase({
    group: 'strides',
    name: 'x[:, 7].copy()',
    size: `one column (${n} float64, stride ${n * 8} B) of ${size}`,
    description: 'a column touches one cache line (and often one page) per element',
    setup: matrix,
    ...numnode((s: Matrix) => s.x.slice(':', 7).copy()),
    plainjs: (s: Matrix) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = s.a[i * n + 7]!;
      return out;
    },
    numpy: { setup: NUMPY_MATRIX, stmt: 'x[:, 7].copy()' },
  }),
];

// ---- the same number of elements gathered at growing strides ------------------------
// 131072 float64 (1 MB) copied out of a 64 MB vector at a stride of 1, 8 and 64
// elements: stride 8 (64 B) uses one element per cache line, stride 64 one per 512 B.

const m = 131_072;
const K_MAX = 64;
const NUMPY_VECTOR = `v = np.arange(${m * K_MAX}, dtype=np.float64)`;

interface Vector { v: NDArray; a: Float64Array }

function vector({ np, impl }: SetupContext): Vector {
  return impl === 'plainjs'
    ? { v: null as unknown as NDArray, a: plainArange(m * K_MAX) }
    : { v: np.arange(m * K_MAX, { dtype: 'float64' }), a: null as unknown as Float64Array };
}

const gather: BenchCase[] = [1, 8, K_MAX].map((k) => benchCase({
  group: 'strides',
  name: `v[:${m * k}:${k}].copy()`,
  size: `${m} float64 (${bytesLabel(m * 8)}) at stride ${k * 8} B from ${bytesLabel(m * K_MAX * 8)}`,
  description: 'the same output size, read at a growing stride',
  setup: vector,
  ...numnode((s: Vector) => s.v.slice(`:${m * k}:${k}`).copy()),
  plainjs: (s: Vector) => {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = s.a[i * k]!;
    return out;
  },
  numpy: { setup: NUMPY_VECTOR, stmt: `v[:${m * k}:${k}].copy()` },
}));

export const cases: BenchCase[] = [...order, ...gather];
