// 3.2 "Understanding NumPy's Multithreading": the tutorial times large_data @
// large_data.T and says it uses several cores. Here it is timed with the thread
// budget at 1 and at 2 (np.setNumThreads governs OpenBLAS and OpenMP together),
// and the budget is restored afterwards whatever happens.
import * as np from '../../index';
import type { Section } from '../section';
import { formatSeconds } from '../timing';

export const threads: Section = {
  id: '3.2',
  title: 'Threads: large_data @ large_data.T on 1 vs 2 threads',
  run(ctx) {
    const native = np.config().backend.native;
    const before = np.getNumThreads();
    ctx.code(`
const largeData = np.random.rand(1500, 100);
np.setNumThreads(1); %timeit np.matmul(largeData, largeData.T)
np.setNumThreads(2); %timeit np.matmul(largeData, largeData.T)
np.setNumThreads(${before});   // restored`);
    np.random.seed(1500);
    const largeData = np.random.rand(1500, 100);
    const results: number[] = [];
    const products: ReturnType<typeof np.matmul>[] = [];
    try {
      for (const n of [1, 2]) {
        np.setNumThreads(n);
        ctx.check(`np.getNumThreads() after np.setNumThreads(${n})`, np.getNumThreads(), n);
        const t = ctx.timeTable([[`largeData @ largeData.T  (${n} thread${n > 1 ? 's' : ''})`, () => np.matmul(largeData, largeData.T)]]);
        results.push([...t.values()][0]!.median);
        products.push(np.matmul(largeData, largeData.T));
      }
    } finally {
      np.setNumThreads(before);
    }
    ctx.check('the thread budget is restored', np.getNumThreads(), before);
    const [t1, t2] = results;
    const gflops = (2 * 1500 * 1500 * 100) / 1e9;
    ctx.print(`1 thread: ${formatSeconds(t1!)} (${(gflops / t1!).toFixed(1)} GFLOP/s as GEMM), 2 threads: ${formatSeconds(t2!)}`
      + ` (${(gflops / t2!).toFixed(1)} GFLOP/s): ${(t1! / t2!).toFixed(2)}× from the second core.`);
    ctx.print(native
      ? 'x @ x.T goes to OpenBLAS ?syrk (one triangle, mirrored), which splits the work across the threads;'
        + ' on a machine shared with other work the second core may not be free, so the gain varies.'
      : 'The native addon is not loaded: the TypeScript backend is single-threaded, so both rows run on one core.');
    ctx.check('1 and 2 threads compute the same product (allclose)', np.allclose(products[0]!, products[1]!), true);
    ctx.check('large @ large.T is exactly symmetric', np.arrayEqual(products[1]!, products[1]!.T), true);
  },
};
