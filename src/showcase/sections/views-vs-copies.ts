// 1.2 "Views vs Copies" and "Performance Impact: When Views Become Copies":
// ravel() returns a view when it can, flatten() always copies; on a large matrix
// the view operations cost nanoseconds and the copies milliseconds.
import * as np from '../../index';
import type { Section } from '../section';
import { mb } from '../memory';
import { tuple } from './explain-strides';

export const viewsVsCopies: Section = {
  id: '1.2',
  title: 'Views vs copies: memory management deep dive',
  run(ctx) {
    ctx.code(`
const x = np.arange(12).reshape(3, 4);
const yRavel = x.ravel();      // a view when it can be
const yFlatten = x.flatten();  // always a copy`);
    const x = np.arange(12).reshape(3, 4);
    ctx.print('Original array:', String(x), `Original base: ${String(x.base)}`);
    ctx.check('x.base is the 1-D arange array x is a view of (as in NumPy)', x.base?.shape, [12]);

    const yRavel = x.ravel();
    ctx.print('', `After ravel() - same base object? ${yRavel.base === x}`, `Shares memory? ${np.sharesMemory(x, yRavel)}`);
    ctx.check('yRavel.base === x (NumPy 2 prints False too: base is the owner, not x)', yRavel.base === x, false);
    ctx.check('yRavel.base === x.base (both views of the same owner)', yRavel.base === x.base, true);
    ctx.check('np.sharesMemory(x, yRavel)', np.sharesMemory(x, yRavel), true);

    const yFlatten = x.flatten();
    ctx.print('', `After flatten() - same base object? ${yFlatten.base === x}`, `Shares memory? ${np.sharesMemory(x, yFlatten)}`);
    ctx.check('yFlatten.base (a copy owns its memory)', yFlatten.base, null);
    ctx.check('np.sharesMemory(x, yFlatten)', np.sharesMemory(x, yFlatten), false);

    ctx.sub('Consequence: modifying views affects the original');
    ctx.code(`
let x5 = np.arange(5);
x5.ravel().set([0], 999);      // y_ravel[0] = 999
x5 = np.arange(5);
x5.flatten().set([0], 999);    // y_flatten[0] = 999`);
    let x5 = np.arange(5);
    ctx.print(`Original x: ${String(x5)}`);
    x5.ravel().set([0], 999);
    ctx.print(`After modifying ravel view: ${String(x5)}`);
    ctx.check('x[0] after writing through the view', x5.get(0), 999n);
    x5 = np.arange(5);
    x5.flatten().set([0], 999);
    ctx.print(`After modifying flatten copy: ${String(x5)}`);
    ctx.check('x[0] after writing to the copy', x5.get(0), 0n);

    ctx.sub('Performance impact: when views become copies');
    const n = ctx.quick ? 1000 : 5000;
    ctx.code(`
const x = np.arange(${n} * ${n}, { dtype: 'float64' }).reshape(${n}, ${n});
// The tutorial uses np.random.rand(5000, 5000); the values do not matter to a view
// or a copy, and numnode's random module arrives in a later issue.`);
    ctx.progress(`building a ${n}×${n} float64 matrix`);
    const big = np.arange(n * n, { dtype: 'float64' }).reshape(n, n);
    ctx.print(`Array size: ${mb(big.nbytes)}`);
    const t = ctx.timeTable([
      ['x.T            (view: swap strides)', () => big.T],
      ['x.ravel()      (view: C-contiguous)', () => big.ravel()],
      ['x.T.ravel()    (copy: not contiguous)', () => big.T.ravel()],
      ['x.flatten()    (copy, always)', () => big.flatten()],
    ]);
    const [tT, tRavel, tTRavel, tFlatten] = [...t.values()].map((v) => v.median);
    ctx.print('', 'Key insight: x.T only rewrites strides, but the transpose is no longer C-contiguous,',
      'so ravel() cannot express it as one stride and must copy every element.');

    const r = big.T.ravel();
    ctx.check('x.T.ravel() is a copy (sharesMemory)', np.sharesMemory(big, r), false);
    ctx.check('x.ravel() is a view (sharesMemory)', np.sharesMemory(big, big.ravel()), true);
    const probes = [0, 1, n, n * n - 1, 12345 % (n * n)];
    ctx.check(`x.T.ravel()[k] === x[k % ${n}, k / ${n}] at k = ${probes.join(', ')}`,
      probes.map((k) => r.get(k)), probes.map((k) => big.get(k % n, Math.floor(k / n))));
    ctx.check('x.T.strides is x.strides reversed', big.T.strides, [...big.strides].reverse());
    ctx.check('the copies take over 100× as long as the views', Math.min(tTRavel!, tFlatten!) > 100 * Math.max(tT!, tRavel!), true);
    ctx.print(`(x.T.ravel() result: shape ${tuple(r.shape)}, ${mb(r.nbytes)} of new memory)`);
  },
};
