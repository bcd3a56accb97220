// 2.2 "Pairwise Operations on Vector Collections" and "Memory Usage Analysis": all
// pairwise differences of 6 vectors in 3-D by broadcasting (6,1,3) − (1,6,3), with
// np.random.seed(42) giving NumPy's numbers, so the values are checked against
// NumPy's own output, and the O(N²) memory growth measured on the result.
import * as np from '../../index';
import type { Section } from '../section';
import { tuple } from './explain-strides';
import { flat } from './distance-fns';

// NumPy 2.4: np.random.seed(42); v = np.random.rand(6, 3); d = v[:, None, :] - v[None, :, :]
const NUMPY_V0 = [0.3745401188473625, 0.9507143064099162, 0.7319939418114051];
const NUMPY_D01 = [-0.2241183653496741, 0.7946956659674796, 0.5759994214752024];
const NUMPY_D52 = [0.12532089768523436, -0.5619339028153975, -0.07635858011097096];

export const pairwiseDifferences: Section = {
  id: '2.2',
  title: 'Pairwise differences of vectors (broadcast subtraction)',
  run(ctx) {
    ctx.code(`
np.random.seed(42);                      // for reproducible results
const vectors = np.random.rand(6, 3);`);
    np.random.seed(42);
    const vectors = np.random.rand(6, 3);
    ctx.print('Input vectors (6 vectors of dimension 3):', String(vectors), `Shape: ${tuple(vectors.shape)}`);
    ctx.check('vectors[0] is NumPy\'s (the same MT19937 stream, bit for bit)', flat(vectors.slice(0)), NUMPY_V0);

    ctx.code(`
// Goal: diff[i, j, k] = vectors[i, k] - vectors[j, k]; (6, 1, 3) - (1, 6, 3) → (6, 6, 3)
const pairwiseDiff = np.subtract(vectors.slice(':', np.newaxis, ':'), vectors.slice(np.newaxis, ':', ':'));`);
    const pairwiseDiff = np.subtract(vectors.slice(':', np.newaxis, ':'), vectors.slice(np.newaxis, ':', ':'));
    ctx.print(`Pairwise differences shape: ${tuple(pairwiseDiff.shape)}`, '', 'Example: Difference between vector 0 and vector 1:',
      `Vector 0: ${String(vectors.slice(0))}`, `Vector 1: ${String(vectors.slice(1))}`,
      `Difference: ${String(pairwiseDiff.slice(0, 1))}`, `Manual check: ${String(np.subtract(vectors.slice(0), vectors.slice(1)))}`);
    ctx.check('pairwiseDiff.shape', pairwiseDiff.shape, [6, 6, 3]);
    ctx.check('pairwiseDiff[0, 1] equals the manual vectors[0] - vectors[1]',
      flat(pairwiseDiff.slice(0, 1)), flat(np.subtract(vectors.slice(0), vectors.slice(1))));
    ctx.check('pairwiseDiff[0, 1] is NumPy\'s', flat(pairwiseDiff.slice(0, 1)), NUMPY_D01);
    ctx.check('pairwiseDiff[5, 2] is NumPy\'s', flat(pairwiseDiff.slice(5, 2)), NUMPY_D52);
    const diagonal = np.diag(pairwiseDiff.slice(':', ':', 0));
    ctx.print('', `Diagonal elements (should be ~0): ${String(diagonal)}`);
    ctx.check('np.diag(pairwiseDiff[:, :, 0]) is exactly zero (a vector minus itself)', flat(diagonal), [0, 0, 0, 0, 0, 0]);
    ctx.check('antisymmetry: diff[i, j] === -diff[j, i] everywhere',
      np.arrayEqual(pairwiseDiff, np.negative(pairwiseDiff.transpose(1, 0, 2))), true);

    ctx.sub('Memory usage analysis');
    const [nVectors, dim] = vectors.shape as [number, number];
    const inputMemory = vectors.nbytes;
    const outputMemory = pairwiseDiff.nbytes;
    ctx.print(`Input: ${nVectors} vectors of dimension ${dim}`,
      `Input memory: ${inputMemory} bytes (${(inputMemory / 1024).toFixed(1)} KB)`,
      `Output memory: ${outputMemory} bytes (${(outputMemory / 1024).toFixed(1)} KB)`,
      `Memory expansion: ${(outputMemory / inputMemory).toFixed(1)}x`, '',
      `For N=${nVectors} vectors, we create N×N×dim = ${nVectors}×${nVectors}×${dim} = ${nVectors ** 2 * dim} elements`,
      'This scales as O(N²) - can become memory-intensive for large N!');
    ctx.check('input and output bytes (NumPy: 144 and 864)', [inputMemory, outputMemory], [144, 864]);
    ctx.check('the expansion is N-fold', outputMemory / inputMemory, nVectors);
  },
};
