// 2.3 Exercise 4 "Vectorization Challenge", with its answers: the conditional
// (values > 0.5 squared, others 0) as np.where, and the row-wise running average as
// np.cumsum divided by 1..n, each checked against the tutorial's loop version.
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { Section } from '../section';
import { maxAbsDiff, sci } from './distance-fns';

function conditionalLoop(x: NDArray): NDArray {
  const result = np.emptyLike(x);
  for (let i = 0; i < x.shape[0]!; i++) {
    const v = x.get(i) as number;
    result.set([i], v > 0.5 ? v * v : 0.0);
  }
  return result;
}

function conditionalVectorized(x: NDArray): NDArray {
  return np.where(np.greater(x, 0.5), np.square(x), 0.0);
}

function runningAverageLoop(mat: NDArray): NDArray {
  const result = np.emptyLike(mat);
  for (let i = 0; i < mat.shape[0]!; i++) {
    for (let j = 0; j < mat.shape[1]!; j++) result.set([i, j], np.mean(mat.slice(i, `:${j + 1}`)) as number);
  }
  return result;
}

function runningAverageVectorized(mat: NDArray): NDArray {
  return np.divide(np.cumsum(mat, { axis: 1 }), np.arange(1, mat.shape[1]! + 1));
}

export const exercise4: Section = {
  id: 'Ex. 4',
  title: 'Exercise 4: conditional (np.where) and running average (np.cumsum)',
  run(ctx) {
    ctx.sub('Exercise 4.1: conditional operations');
    ctx.code(`
np.random.seed(1);
const data = np.random.rand(1000);
function conditionalLoop(x: NDArray): NDArray {          // values > 0.5 squared, others 0
  const result = np.emptyLike(x);
  for (let i = 0; i < x.shape[0]; i++) { const v = x.get(i); result.set([i], v > 0.5 ? v * v : 0.0); }
  return result;
}
// The answer:
const conditionalVectorized = (x: NDArray) => np.where(np.greater(x, 0.5), np.square(x), 0.0);`);
    np.random.seed(1);
    const data = np.random.rand(1000);
    const rl = conditionalLoop(data);
    const rv = conditionalVectorized(data);
    ctx.print(`Results match: ${np.allclose(rl, rv)}`);
    ctx.check('np.allclose(conditionalLoop(data), conditionalVectorized(data))', np.allclose(rl, rv), true);
    ctx.check('they agree exactly (np.square(x) is x * x)', np.arrayEqual(rl, rv), true);
    ctx.check('elements > 0.5 become their square, the rest 0 (count of nonzeros = count of x > 0.5)',
      np.flatnonzero(rv).size, np.flatnonzero(np.greater(data, 0.5)).size);
    ctx.timeTable([
      ['conditionalLoop(data)', () => conditionalLoop(data)],
      ['conditionalVectorized(data)', () => conditionalVectorized(data)],
    ]);

    ctx.sub('Exercise 4.2: cumulative operations (row-wise running averages)');
    const n = ctx.quick ? 100 : 300;
    ctx.code(`
const matrix = np.random.rand(${n}, ${n});   // the tutorial: 500 × 500; the loop is O(n³)
function runningAverageLoop(mat: NDArray): NDArray {
  const result = np.emptyLike(mat);
  for (let i = 0; i < mat.shape[0]; i++)
    for (let j = 0; j < mat.shape[1]; j++) result.set([i, j], np.mean(mat.slice(i, \`:\${j + 1}\`)));
  return result;
}
// The answer:
const runningAverageVectorized = (mat: NDArray) => np.divide(np.cumsum(mat, { axis: 1 }), np.arange(1, mat.shape[1] + 1));`);
    const matrix = np.random.rand(n, n);
    const small = matrix.slice(':5', ':5');
    const sl = runningAverageLoop(small);
    const sv = runningAverageVectorized(small);
    ctx.print(`Results match: ${np.allclose(sl, sv)}`);
    ctx.check('np.allclose on matrix[:5, :5] (the tutorial\'s test)', np.allclose(sl, sv), true);
    ctx.progress(`running the O(n³) loop on ${n}×${n}`);
    const fl = runningAverageLoop(matrix);
    const fv = runningAverageVectorized(matrix);
    const d = maxAbsDiff(fl, fv);
    ctx.check(`np.allclose on the whole ${n}×${n} matrix`, np.allclose(fl, fv), true);
    ctx.print(`max |loop − vectorized| = ${sci(d)} (np.mean sums each prefix pairwise, cumsum sequentially: the last bits differ)`);
    ctx.check('the first column is the matrix\'s first column, exactly', np.arrayEqual(fv.slice(':', 0), matrix.slice(':', 0)), true);
    ctx.print('', 'Performance on the full matrix:');
    const t = ctx.timeTable([
      ['runningAverageLoop(matrix)', () => runningAverageLoop(matrix)],
      ['runningAverageVectorized(matrix)', () => runningAverageVectorized(matrix)],
    ], { minRuns: 2, budgetMs: ctx.quick ? 40 : 200 });
    const [lo, ve] = [...t.values()].map((v) => v.median);
    ctx.print(`Vectorized speed-up: ${(lo! / ve!).toFixed(0)}× (the loop does n²/2 reductions of growing prefixes; cumsum one pass).`);
  },
};
