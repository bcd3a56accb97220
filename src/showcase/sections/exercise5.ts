// 3.2 Exercise 5 "Optimization Challenge", with its answer: the broadcast version
// with einsum('ijk,ijk->ij') as the final reduction instead of (diff * diff).sum(axis=2).
import * as np from '../../index';
import type { Section } from '../section';
import { DISTANCE_SOURCE, euclideanBroadcast, euclideanBroadcastOptimized, maxAbsDiff, sci } from './distance-fns';

export const exercise5: Section = {
  id: 'Ex. 5',
  title: "Exercise 5: the broadcast distance with einsum('ijk,ijk->ij') as the final reduction",
  run(ctx) {
    ctx.code(`${DISTANCE_SOURCE.optimized}
const testData = np.random.rand(200, 20);`);
    np.random.seed(200);
    const testData = np.random.rand(200, 20);
    const resultOriginal = euclideanBroadcast(testData, testData);
    const resultOptimized = euclideanBroadcastOptimized(testData, testData);
    ctx.print(`Results match: ${np.allclose(resultOriginal, resultOptimized)}`,
      `Max difference: ${sci(maxAbsDiff(resultOriginal, resultOptimized))}`);
    ctx.check('np.allclose(euclideanBroadcast, euclideanBroadcastOptimized)', np.allclose(resultOriginal, resultOptimized), true);
    ctx.check('both have an exactly zero diagonal',
      [np.max(np.diag(resultOriginal)), np.max(np.diag(resultOptimized))], [0, 0]);
    ctx.print('', 'Performance comparison:');
    const t = ctx.timeTable([
      ['euclideanBroadcast(testData, testData)', () => euclideanBroadcast(testData, testData)],
      ['euclideanBroadcastOptimized(testData, testData)', () => euclideanBroadcastOptimized(testData, testData)],
    ]);
    const [a, b] = [...t.values()].map((v) => v.median);
    ctx.print(`einsum saves the (200, 200, 20) diff * diff temporary: ${(a! / b!).toFixed(2)}× ${a! >= b! ? 'faster' : 'slower'}.`);
  },
};
