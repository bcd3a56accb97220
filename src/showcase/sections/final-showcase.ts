// "Final performance demonstration": the 5000 × 5000 distance matrix of 5000 points
// in 50-D by the trick, timed once as the tutorial does, its diagonal ≈ 0 and its
// symmetry checked; then the same with numnode's fused distance.cdist.
import * as np from '../../index';
import type { Section } from '../section';
import { mb } from '../memory';
import { tuple } from './explain-strides';
import { euclideanTrick, maxAbsDiff, sci, since } from './distance-fns';

export const finalShowcase: Section = {
  id: 'Final',
  title: 'The 5000×5000 distance matrix showcase',
  run(ctx) {
    const n = ctx.quick ? 1000 : 5000;
    ctx.code(`
const n = ${n};
const X = np.random.rand(n, 50);
const start = process.hrtime.bigint();
const distances = euclideanTrick(X, X);
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;`);
    ctx.print('numnode Performance Showcase', '='.repeat(40));
    np.random.seed(5000);
    const X = np.random.rand(n, 50);
    ctx.print(`Computing ${n}×${n} distance matrix...`, `Total operations: ~${((n ** 2 * 50) / 1e9).toFixed(1)} billion`);
    ctx.progress(`${n}×${n} distance matrix (trick)`);
    let start = process.hrtime.bigint();
    const distances = euclideanTrick(X, X);
    const elapsed = since(start);
    ctx.print(`Completed in ${elapsed.toFixed(2)} seconds`,
      `Performance: ${((n ** 2 * 50) / elapsed / 1e9).toFixed(1)} billion ops/second`,
      `Result matrix: ${tuple(distances.shape)} (${mb(distances.nbytes)})`);
    const diag = np.diag(distances);
    const maxDiag = Number(np.max(diag));
    ctx.print(`All diagonal elements ≈ 0: ${np.allclose(diag, 0, { atol: 1e-6 })}. Max. deviation: ${sci(maxDiag)}`);
    ctx.check('np.allclose(np.diag(distances), 0, atol=1e-6)', np.allclose(diag, 0, { atol: 1e-6 }), true);
    ctx.check('symmetric: max |D − D.T| === 0 (x @ x.T is computed once and mirrored)', maxAbsDiff(distances, distances.T), 0);
    ctx.check('shape and bytes', [distances.shape, distances.nbytes], [[n, n], n * n * 8]);

    ctx.sub('The same with distance.cdist (GEMM, norms, clamp and square root fused per tile)');
    ctx.code('const distances2 = np.distance.cdist(X, X);');
    ctx.progress(`${n}×${n} distance matrix (cdist)`);
    start = process.hrtime.bigint();
    const distances2 = np.distance.cdist(X, X);
    const elapsed2 = since(start);
    ctx.print(`Completed in ${elapsed2.toFixed(2)} seconds (${(elapsed / elapsed2).toFixed(1)}× the trick's speed);`
      + ` max |cdist − trick| = ${sci(maxAbsDiff(distances, distances2))}`);
    ctx.check('np.allclose(cdist, trick, atol=1e-6)', np.allclose(distances2, distances, { atol: 1e-6 }), true);
    ctx.check('cdist\'s diagonal is exactly 0', Number(np.max(np.diag(distances2))), 0);
    const probes: [number, number][] = [[0, 1], [n - 1, 7], [123, n - 2]];
    const direct = probes.map(([i, j]) => {
      let s = 0;
      for (let k = 0; k < 50; k++) s += ((X.get(i, k) as number) - (X.get(j, k) as number)) ** 2;
      return Math.sqrt(s);
    });
    ctx.check(`entries ${probes.map(([i, j]) => `[${i}, ${j}]`).join(', ')} match a direct loop to 1e-12 relative`,
      probes.map(([i, j], k) => Math.abs((distances2.get(i, j) as number) - direct[k]!) <= 1e-12 * direct[k]!), [true, true, true]);
  },
};
