// 3.1 "Deep Dive: Einstein Summation": einsum('ij,ij->i') against (A * A).sum(axis=1)
// and einsum('ik,kj->ij') against A @ B, checked with allclose, and the row-wise
// squared norms timed on the tutorial's 1000 × 300 matrix.
import * as np from '../../index';
import type { Section } from '../section';
import { tuple } from './explain-strides';
import { maxAbsDiff, sci } from './distance-fns';

export const einsumExamples: Section = {
  id: '3.1',
  title: 'Einstein summation: einsum vs (A * A).sum(axis=1), einsum vs A @ B',
  run(ctx) {
    ctx.code(`
np.random.seed(3);
const A = np.random.rand(3, 4);
const method1 = np.sum(np.multiply(A, A), { axis: 1 });   // (A * A).sum(axis=1)
const method2 = np.einsum('ij,ij->i', A, A);`);
    np.random.seed(3);
    const A = np.random.rand(3, 4);
    ctx.print(`Matrix A shape: ${tuple(A.shape)}`);
    const m1 = np.sum(np.multiply(A, A), { axis: 1 });
    const m2 = np.einsum('ij,ij->i', A, A);
    ctx.print(`Traditional (A*A).sum(axis=1): ${String(m1)}`, `Einstein np.einsum('ij,ij->i'): ${String(m2)}`,
      `Results match: ${np.allclose(m1, m2)}`);
    ctx.check("np.allclose((A * A).sum(axis=1), einsum('ij,ij->i', A, A))", np.allclose(m1, m2), true);
    let direct = true;
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += (A.get(i, j) as number) ** 2;
      if (Math.abs(s - (m2.get(i) as number)) > 1e-15 * s) direct = false;
    }
    ctx.check('each row sum also matches a plain loop to 1e-15 relative', direct, true);

    ctx.code(`
const B = np.random.rand(4, 5);
const method1 = np.matmul(A, B);                 // A @ B
const method2 = np.einsum('ik,kj->ij', A, B);`);
    const B = np.random.rand(4, 5);
    const p1 = np.matmul(A, B);
    const p2 = np.einsum('ik,kj->ij', A, B);
    const mdp = maxAbsDiff(p1, p2);
    ctx.print(`Matrix multiplication A@B vs einsum: ${np.allclose(p1, p2)}`, `Max difference: ${sci(mdp)}`);
    ctx.check("np.allclose(A @ B, einsum('ik,kj->ij', A, B))", np.allclose(p1, p2), true);
    ctx.check('shape (3, 5)', [p1.shape, p2.shape], [[3, 5], [3, 5]]);

    ctx.sub('Performance comparison for squared norms');
    ctx.code('const largeMatrix = np.random.rand(1000, 300);');
    const large = np.random.rand(1000, 300);
    const t = ctx.timeTable([
      ['np.sum(np.multiply(L, L), {axis: 1})', () => np.sum(np.multiply(large, large), { axis: 1 })],
      ["np.einsum('ij,ij->i', L, L)", () => np.einsum('ij,ij->i', large, large)],
    ]);
    const [tr, te] = [...t.values()].map((v) => v.median);
    ctx.print(`einsum is ${(tr! / te!).toFixed(1)}× ${tr! >= te! ? 'faster' : 'slower'}: it never materialises the 1000×300 product array.`);
    ctx.check('both give the same norms (allclose)',
      np.allclose(np.sum(np.multiply(large, large), { axis: 1 }), np.einsum('ij,ij->i', large, large)), true);
  },
};
