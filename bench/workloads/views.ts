// Views versus copies (the tutorial's "Performance Impact: When Views Become
// Copies"): on a 5000×5000 float64 matrix, the O(1) view operations only rewrite
// shape and strides, while x.T.ravel() and flatten() must move 200 MB.
// The tutorial fills x with np.random.rand; the values do not matter to a copy or a
// view, so both sides use arange (numnode's random module comes in a later issue).
import { benchCase, numnode, type BenchCase, type SetupContext } from '../types';
import type { NDArray } from 'numnode';
import { bytesLabel, plainArange, plainTranspose } from '../plain';

const n = 5000;
const size = `${n}×${n} float64 (${bytesLabel(n * n * 8)})`;
const NUMPY_SETUP = `n = ${n}; x = np.arange(n * n, dtype=np.float64).reshape(n, n)`;

interface State { x: NDArray; a: Float64Array }

/** numnode contenders get the matrix x; plain JS a flat row-major Float64Array a. */
function setup({ np, impl }: SetupContext): State {
  return impl === 'plainjs'
    ? { x: null as unknown as NDArray, a: plainArange(n * n) }
    : { x: np.arange(n * n, { dtype: 'float64' }).reshape(n, n), a: null as unknown as Float64Array };
}

const NO_VIEWS = 'plain JS has no strided views: the only way to get this result is a copy';

export const cases: BenchCase[] = [
  benchCase({
    group: 'views',
    name: 'x.T',
    size,
    description: 'transpose: swap shape and strides, O(1)',
    setup,
    ...numnode((s: State) => s.x.T),
    numpy: { setup: NUMPY_SETUP, stmt: 'x.T' },
    absent: { plainjs: NO_VIEWS },
  }),
  benchCase({
    group: 'views',
    name: 'x.ravel()',
    size,
    description: 'ravel of a C-contiguous array: a 1-D view, O(1)',
    setup,
    ...numnode((s: State) => s.x.ravel()),
    numpy: { setup: NUMPY_SETUP, stmt: 'x.ravel()' },
    absent: { plainjs: 'a flat Float64Array needs no ravel' },
  }),
  benchCase({
    group: 'views',
    name: 'x[1000:4000, ::2]',
    size,
    description: 'basic slicing: a view with a new offset and strides, O(1)',
    setup,
    ...numnode((s: State) => s.x.slice('1000:4000', '::2')),
    numpy: { setup: NUMPY_SETUP, stmt: 'x[1000:4000, ::2]' },
    absent: { plainjs: NO_VIEWS },
  }),
  benchCase({
    group: 'views',
    name: 'x.T.ravel()',
    size,
    description: 'the transpose is not C-contiguous, so ravel must copy (a transposing copy of 200 MB)',
    setup,
    ...numnode((s: State) => s.x.T.ravel()),
    plainjs: (s: State) => plainTranspose(s.a, n, n),
    numpy: { setup: NUMPY_SETUP, stmt: 'x.T.ravel()' },
  }),
  benchCase({
    group: 'views',
    name: 'x.flatten()',
    size,
    description: 'flatten always copies (here a straight memory copy)',
    setup,
    ...numnode((s: State) => s.x.flatten()),
    plainjs: (s: State) => s.a.slice(),
    numpy: { setup: NUMPY_SETUP, stmt: 'x.flatten()' },
  }),

  // Same number of elements (6.25 M) taken from x three ways: a strided view, a copy
  // of that strided view, and a copy of a contiguous block of rows.
  benchCase({
    group: 'views-vs-copies',
    name: 'x[::2, ::2]',
    size,
    description: 'a strided view: nothing is read or written',
    setup,
    ...numnode((s: State) => s.x.slice('::2', '::2')),
    numpy: { setup: NUMPY_SETUP, stmt: 'x[::2, ::2]' },
    absent: { plainjs: NO_VIEWS },
  }),
  benchCase({
    group: 'views-vs-copies',
    name: 'x[::2, ::2].copy()',
    size: `2500×2500 float64 out of ${size}`,
    description: 'copying the strided view: every other element of every other row',
    setup,
    ...numnode((s: State) => s.x.slice('::2', '::2').copy()),
    plainjs: (s: State) => {
      const m = n / 2;
      const out = new Float64Array(m * m);
      for (let i = 0; i < m; i++) {
        const src = 2 * i * n;
        for (let j = 0; j < m; j++) out[i * m + j] = s.a[src + 2 * j]!;
      }
      return out;
    },
    numpy: { setup: NUMPY_SETUP, stmt: 'x[::2, ::2].copy()' },
  }),
  benchCase({
    group: 'views-vs-copies',
    name: 'x[:1250].copy()',
    size: `1250×5000 float64 out of ${size}`,
    description: 'the same number of elements as x[::2, ::2], but one contiguous block',
    setup,
    ...numnode((s: State) => s.x.slice(':1250').copy()),
    plainjs: (s: State) => s.a.slice(0, 1250 * n),
    numpy: { setup: NUMPY_SETUP, stmt: 'x[:1250].copy()' },
  }),
];
