// 2.3 "Vectorization Strategies": exp(x) + sin(x) one element at a time against the
// whole-array np.exp(x) + np.sin(x). The tutorial's loop calls NumPy per element; its
// literal port (numnode per element) is timed on a slice, the loop with Math.exp and
// Math.sin through get/set on the whole array, and a hand-written TypedArray loop as
// the best plain JavaScript can do.
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { Section } from '../section';
import { formatSeconds } from '../timing';
import { sci, maxAbsDiff } from './distance-fns';

/** The tutorial's loop, literally: the library called on one element at a time. */
function applyFunctionLoopLiteral(x: NDArray): NDArray {
  const result = np.emptyLike(x);
  for (let i = 0; i < x.shape[0]!; i++) result.set([i], np.add(np.exp(x.get(i)), np.sin(x.get(i))).item());
  return result;
}

/** The loop with JavaScript's Math functions, still reading and writing through the array. */
function applyFunctionLoop(x: NDArray): NDArray {
  const result = np.emptyLike(x);
  for (let i = 0; i < x.shape[0]!; i++) {
    const v = x.get(i) as number;
    result.set([i], Math.exp(v) + Math.sin(v));
  }
  return result;
}

function applyFunctionVectorized(x: NDArray): NDArray {
  return np.add(np.exp(x), np.sin(x));
}

export const vectorisation: Section = {
  id: '2.3',
  title: 'Vectorisation: a loop of exp + sin vs np.exp(x) + np.sin(x)',
  run(ctx) {
    const n = ctx.quick ? 20_000 : 100_000;
    const nLiteral = ctx.quick ? 1_000 : 10_000;
    ctx.code(`
np.random.seed(0);
const data = np.random.rand(${n});

// BAD: a loop, one element at a time (the tutorial's loop calls np.exp per element)
function applyFunctionLoopLiteral(x: NDArray): NDArray {
  const result = np.emptyLike(x);
  for (let i = 0; i < x.shape[0]; i++) result.set([i], np.add(np.exp(x.get(i)), np.sin(x.get(i))).item());
  return result;
}
function applyFunctionLoop(x: NDArray): NDArray {   // the same with Math.exp / Math.sin
  const result = np.emptyLike(x);
  for (let i = 0; i < x.shape[0]; i++) { const v = x.get(i); result.set([i], Math.exp(v) + Math.sin(v)); }
  return result;
}
// GOOD: vectorized
const applyFunctionVectorized = (x: NDArray) => np.add(np.exp(x), np.sin(x));`);
    np.random.seed(0);
    const data = np.random.rand(n);
    const head = data.slice(`:${nLiteral}`);
    const typed = data.toTypedArray() as Float64Array;
    ctx.print('Performance comparison:');
    const t = ctx.timeTable([
      [`applyFunctionLoopLiteral(data[:${nLiteral}])`, () => applyFunctionLoopLiteral(head)],
      ['applyFunctionLoop(data)', () => applyFunctionLoop(data)],
      ['Float64Array loop (by hand)', () => {
        const o = new Float64Array(typed.length);
        for (let i = 0; i < typed.length; i++) o[i] = Math.exp(typed[i]!) + Math.sin(typed[i]!);
        return o;
      }],
      ['applyFunctionVectorized(data)', () => applyFunctionVectorized(data)],
    ], { minRuns: 3 });
    const [lit, loop, , vec] = [...t.values()].map((v) => v.median);
    const litPerElement = lit! / nLiteral;
    ctx.print(`Per element: literal loop ${formatSeconds(litPerElement)}, Math loop ${formatSeconds(loop! / n)}, vectorized ${formatSeconds(vec! / n)}.`,
      `Vectorized speed-up: ${(loop! / vec!).toFixed(1)}× over the Math loop, ${(litPerElement * n / vec!).toFixed(0)}× over the literal loop (per element).`);

    const r1 = applyFunctionLoop(data.slice(':100'));
    const r2 = applyFunctionVectorized(data.slice(':100'));
    ctx.print('', `Results are equal: ${np.allclose(r1, r2)}`);
    ctx.check('np.allclose(loop(data[:100]), vectorized(data[:100]))', np.allclose(r1, r2), true);
    ctx.check('the literal loop agrees with the Math loop to 1e-15 relative',
      np.allclose(applyFunctionLoopLiteral(data.slice(':100')), r1, { rtol: 1e-15, atol: 0 }), true);
    const full = maxAbsDiff(applyFunctionLoop(data), applyFunctionVectorized(data));
    ctx.print(`Over all ${n} elements: max |loop − vectorized| = ${sci(full)} (SIMD exp/sin are within 1 ulp, not bit-identical to Math.exp/Math.sin)`);
    ctx.check('max |loop − vectorized| over the whole array < 1e-14', full < 1e-14, true);
  },
};
