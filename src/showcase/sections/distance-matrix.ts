// 3.1 "Euclidean Distance Matrix": the broadcasting approach, its memory analysis,
// the algebraic trick with einsum, and the broadcast-vs-trick comparison over the
// tutorial's sizes. The data are np.random.seed(42)'s, so the first distances are
// checked against the numbers NumPy prints.
import * as np from '../../index';
import type { Section } from '../section';
import { mb } from '../memory';
import { formatSeconds } from '../timing';
import { tuple } from './explain-strides';
import { DISTANCE_SOURCE, euclideanBroadcast, euclideanTrick, flat, maxAbsDiff, sci } from './distance-fns';

// NumPy 2.4: np.random.seed(42); X = np.random.rand(1000, 50) * 10.0; X_small = X[:10, :5]
const NUMPY_X0 = [3.745401188473625, 9.50714306409916, 7.319939418114051];
const NUMPY_D33 = [0.0, 8.431727368856993, 9.817705809774294, 8.431727368856993, 0.0, 12.390604534031642,
  9.817705809774294, 12.390604534031642, 0.0];

export const distanceMatrix: Section = {
  id: '3.1',
  title: 'Euclidean distance matrix: broadcasting vs the algebraic trick',
  run(ctx) {
    const [nPoints, nFeatures] = [1000, 50];
    ctx.code(`
np.random.seed(42);
const X = np.multiply(np.random.rand(${nPoints}, ${nFeatures}), 10.0);`);
    np.random.seed(42);
    const X = np.multiply(np.random.rand(nPoints, nFeatures), 10.0);
    ctx.print(`Dataset: ${nPoints} points in ${nFeatures}D space`, `Input size: ${mb(X.nbytes)}`,
      `Output will be: ${nPoints}×${nPoints} = ${(nPoints ** 2).toLocaleString('en-US')} distances`,
      `Output size: ${mb(nPoints ** 2 * 8)} (float64)`);
    ctx.check('X[0, :3] is NumPy\'s', flat(X.slice(0, ':3')), NUMPY_X0);

    ctx.sub('Approach 1: broadcasting (intuitive but memory-intensive)');
    ctx.code(DISTANCE_SOURCE.broadcast);
    const xSmall = X.slice(':10', ':5');
    const distancesBroadcast = euclideanBroadcast(xSmall, xSmall);
    ctx.print(`Small test result shape: ${tuple(distancesBroadcast.shape)}`, '', 'First few distances:',
      String(distancesBroadcast.slice(':3', ':3')), '', 'Diagonal (should be ~0):', String(np.diag(distancesBroadcast).slice(':5')));
    ctx.check('distances[:3, :3] match NumPy\'s to 1e-14 relative',
      np.allclose(distancesBroadcast.slice(':3', ':3'), np.array(NUMPY_D33).reshape(3, 3), { rtol: 1e-14, atol: 0 }), true);
    ctx.check('the diagonal is exactly 0 (max of its 10 entries)', Number(np.max(np.diag(distancesBroadcast))), 0);

    ctx.sub('Memory analysis of the broadcasting approach');
    const rows: string[][] = [];
    for (const [n, d] of [[100, 10], [500, 20], [1000, 50], [2000, 100]] as const) {
      const inputSize = n * d * 8;
      const intermediateSize = n * n * d * 8;
      const outputSize = n * n * 8;
      rows.push([`${n} × ${d}`, mb(inputSize), mb(intermediateSize), mb(outputSize), mb(inputSize + intermediateSize + outputSize),
        `${(intermediateSize / inputSize).toFixed(1)}x`]);
    }
    ctx.table(['points × features', 'input', 'intermediate (diff)', 'output', 'peak', 'amplification'], rows);
    const diffBytes = (() => {
      const diff = np.subtract(xSmall.slice(':', np.newaxis, ':'), xSmall.slice(np.newaxis, ':', ':'));
      return diff.nbytes;
    })();
    ctx.check('the diff array of X_small really holds N·N·D float64 (10·10·5·8 bytes)', diffBytes, 10 * 10 * 5 * 8);

    ctx.sub('Approach 2: the algebraic trick ||x−y||² = ||x||² + ||y||² − 2 x·y');
    ctx.code(DISTANCE_SOURCE.trick);
    const distancesTrick = euclideanTrick(xSmall, xSmall);
    const md = maxAbsDiff(distancesBroadcast, distancesTrick);
    ctx.print(`Results match: ${np.allclose(distancesBroadcast, distancesTrick, { atol: 1e-6 })}`, `Max difference: ${sci(md)}`);
    ctx.check('np.allclose(broadcast, trick, atol=1e-6)', np.allclose(distancesBroadcast, distancesTrick, { atol: 1e-6 }), true);

    ctx.sub('Performance comparison: broadcasting vs trick');
    const sizes: [number, number][] = ctx.quick ? [[100, 20], [200, 30]] : [[100, 20], [300, 30], [500, 40]];
    const perf: string[][] = [];
    for (const [n, d] of sizes) {
      np.random.seed(n);
      const testData = np.random.rand(n, d);
      const inputMb = testData.nbytes / 1e6;
      const outputMb = (n ** 2 * 8) / 1e6;
      const intermediateMb = (n ** 2 * d * 8) / 1e6;
      ctx.print(`=== ${n} points, ${d} features: input ${inputMb.toFixed(1)} MB, output ${outputMb.toFixed(1)} MB;`
        + ` broadcasting peak ${(inputMb + intermediateMb + outputMb).toFixed(1)} MB, trick peak ${(inputMb + outputMb).toFixed(1)} MB`);
      const t = ctx.timeTable([
        [`euclideanBroadcast (${n}×${d})`, () => euclideanBroadcast(testData, testData)],
        [`euclideanTrick (${n}×${d})`, () => euclideanTrick(testData, testData)],
      ]);
      const [tb, tt] = [...t.values()].map((v) => v.min);
      perf.push([`${n} × ${d}`, formatSeconds(tb!), formatSeconds(tt!), `${(tb! / tt!).toFixed(2)}x`]);
      ctx.check(`${n}×${d}: both agree (allclose, atol 1e-6)`,
        np.allclose(euclideanBroadcast(testData, testData), euclideanTrick(testData, testData), { atol: 1e-6 }), true);
    }
    ctx.print('');
    ctx.table(['points × features', 'broadcast (best)', 'trick (best)', 'speed-up'], perf);
  },
};
