// 3.3 "Advanced: Chunking a problem": the trick on blocks written into a
// preallocated result, checked against the direct trick, then the distance matrix
// three ways (broadcasting, the trick, chunked) plus numnode's fused
// distance.cdist, on one problem, timed and cross-checked.
import * as np from '../../index';
import type { Section } from '../section';
import { mb } from '../memory';
import { formatSeconds } from '../timing';
import {
  DISTANCE_SOURCE, euclideanBroadcast, euclideanBroadcastOptimized, euclideanChunked, euclideanTrick, maxAbsDiff, sci,
} from './distance-fns';

export const chunkedDistance: Section = {
  id: '3.3',
  title: 'Chunked processing of the distance matrix, and distance.cdist',
  run(ctx) {
    ctx.print('| Method             | Memory usage     | Speed    | Best when                                  |',
      '| Broadcasting       | O(N²D)           | Moderate | small N, large D, simple to understand     |',
      '| Algebraic trick    | O(N²)            | Fast     | large N, moderate D, memory-limited        |',
      '| Chunked processing | O(chunk_size²D)  | Variable | very large N, limited memory               |',
      '| distance.cdist     | O(N²) + one tile | Fastest  | always (numnode: GEMM + norms fused)       |');
    ctx.code(`${DISTANCE_SOURCE.chunked}
const largeData = np.random.rand(1200, 30);
%timeit euclideanChunked(largeData, largeData, 400)`);
    np.random.seed(1200);
    const largeData = np.random.rand(1200, 30);
    ctx.print(`Data size: ${mb(largeData.nbytes)}`, `Full result would be: ${mb(1200 ** 2 * 8)}`);
    const t = ctx.timeTable([
      ['euclideanChunked(largeData, largeData, 400)', () => euclideanChunked(largeData, largeData, 400)],
      ['euclideanTrick(largeData, largeData)', () => euclideanTrick(largeData, largeData)],
      ['np.distance.cdist(largeData, largeData)', () => np.distance.cdist(largeData, largeData)],
    ]);
    const subset = largeData.slice(':100');
    const resultDirect = euclideanTrick(subset, subset);
    const resultChunked = euclideanChunked(subset, subset, 50);
    ctx.print(`Chunked results match direct: ${np.allclose(resultDirect, resultChunked)}`);
    ctx.check('np.allclose(euclideanTrick(subset), euclideanChunked(subset, chunk 50))', np.allclose(resultDirect, resultChunked), true);
    const full = euclideanChunked(largeData, largeData, 400);
    const cd = np.distance.cdist(largeData, largeData);
    ctx.check('1200×30: np.allclose(chunked, cdist, atol 1e-6)', np.allclose(full, cd, { atol: 1e-6 }), true);
    const [tc, tt, tcd] = [...t.values()].map((v) => v.median);
    ctx.print(`Chunked costs ${(tc! / tt!).toFixed(2)}× the direct trick; cdist takes ${formatSeconds(tcd!)} (${(tt! / tcd!).toFixed(1)}× faster than the trick).`);

    ctx.sub('The distance matrix three ways, plus distance.cdist, on one problem');
    const [n, d] = ctx.quick ? [200, 20] : [500, 40];
    ctx.code(`
const X = np.random.rand(${n}, ${d});
euclideanBroadcast(X, X); euclideanBroadcastOptimized(X, X); euclideanTrick(X, X);
euclideanChunked(X, X, ${n / 5}); np.distance.cdist(X, X);`);
    np.random.seed(n + d);
    const X = np.random.rand(n, d);
    const fns: [string, () => ReturnType<typeof euclideanTrick>][] = [
      ['broadcasting', () => euclideanBroadcast(X, X)],
      ["broadcasting + einsum('ijk,ijk->ij')", () => euclideanBroadcastOptimized(X, X)],
      ['algebraic trick (einsum + matmul)', () => euclideanTrick(X, X)],
      [`chunked trick (${n / 5}-row blocks)`, () => euclideanChunked(X, X, n / 5)],
      ['np.distance.cdist', () => np.distance.cdist(X, X)],
    ];
    const times = ctx.timeTable(fns);
    const ref = np.distance.cdist(X, X);
    const rows: string[][] = [];
    const agree: boolean[] = [];
    for (const [label, fn] of fns) {
      const r = fn();
      agree.push(np.allclose(r, ref, { atol: 1e-6 }));
      rows.push([label, formatSeconds(times.get(label)!.median), sci(maxAbsDiff(r, ref))]);
    }
    ctx.print('');
    ctx.table(['method', 'median', 'max |Δ| vs cdist'], rows);
    ctx.check(`${n}×${d}: every method agrees with cdist (allclose, atol 1e-6)`, agree, fns.map(() => true));
    ctx.check('cdist(X, X) has an exactly zero diagonal and is symmetric',
      [np.max(np.diag(ref)), np.arrayEqual(ref, ref.T)], [0, true]);
  },
};
