// 1.2 "C-Contiguous vs F-Contiguous": a transpose is Fortran-ordered, not C-ordered,
// which is why x.T.ravel() copies; ascontiguousarray makes the C-ordered copy
// explicitly (and does nothing when the array already is).
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { Section } from '../section';
import { tuple } from './explain-strides';

export const contiguity: Section = {
  id: '1.2',
  title: 'Contiguity: C (row-major) vs F (column-major) order',
  run(ctx) {
    const n = ctx.quick ? 1000 : 5000;
    ctx.code(`
const x = np.empty([${n}, ${n}]);   // flags depend on layout, not on values
x.flags.cContiguous; x.T.flags.cContiguous; x.T.flags.fContiguous;`);
    const x = np.empty([n, n]);
    ctx.print(`x.flags.c_contiguous: ${x.flags.cContiguous}`,
      `x.T.flags.c_contiguous: ${x.T.flags.cContiguous}`,
      `x.T.flags.f_contiguous: ${x.T.flags.fContiguous}`);
    ctx.check('x.flags.cContiguous', x.flags.cContiguous, true);
    ctx.check('x.T.flags.cContiguous', x.T.flags.cContiguous, false);
    ctx.check('x.T.flags.fContiguous', x.T.flags.fContiguous, true);

    ctx.sub('Flags of some views and copies');
    ctx.progress(`copying the ${n}×${n} transpose into C order`);
    const xtC = np.ascontiguousarray(x.T);
    const rows: [string, NDArray, boolean, boolean, boolean, boolean][] = [
      // expression, array, C, F, ownData, writeable (NumPy's answers)
      ['x', x, true, false, true, true],
      ['x.T', x.T, false, true, false, true],
      ["x.slice('::2')  (x[::2])", x.slice('::2'), false, false, false, true],
      ["x.slice(':', 0)  (x[:, 0])", x.slice(':', 0), false, false, false, true],
      ['np.ascontiguousarray(x.T)', xtC, true, false, true, true],
      [`np.broadcastTo(x.slice(0), [3, ${n}])`, np.broadcastTo(x.slice(0), [3, n]), false, false, false, false],
    ];
    ctx.table(['expression', 'shape', 'strides', 'C', 'F', 'ownData', 'writeable'],
      rows.map(([e, a]) => [e, tuple(a.shape), tuple(a.strides), String(a.flags.cContiguous), String(a.flags.fContiguous),
        String(a.flags.ownData), String(a.flags.writeable)]));
    for (const [e, a, c, f, own, w] of rows) {
      ctx.check(`${e}: flags C, F, ownData, writeable`,
        [a.flags.cContiguous, a.flags.fContiguous, a.flags.ownData, a.flags.writeable], [c, f, own, w]);
    }
    ctx.check('np.ascontiguousarray(x.T) is a copy', np.sharesMemory(xtC, x), false);
    ctx.check('np.ascontiguousarray(x) returns x itself (no copy)', np.ascontiguousarray(x) === x || np.sharesMemory(np.ascontiguousarray(x), x), true);
    ctx.check('np.asfortranarray(x.T) needs no copy either', np.sharesMemory(np.asfortranarray(x.T), x), true);
    ctx.print('', 'A 1-D column x[:, 0] is neither: its one stride is a whole row. Broadcast views repeat memory',
      'with a zero stride and are read-only, as in NumPy.');
  },
};
