// 2.1 "Creating New Dimensions with np.newaxis" and the shape half of the
// broadcasting rules and Exercise 3: which shapes broadcast and to what, and that a
// broadcast is a zero stride, not a copy. The arithmetic itself (a + 10, b + c,
// x[:, newaxis] * x, …) is broadcasting-arithmetic.ts; the memory analysis of 2.2 is
// pairwise-differences.ts.
import * as np from '../../index';
import type { Section } from '../section';
import { tuple } from './explain-strides';

export const newaxisAndShapes: Section = {
  id: '2.1',
  title: 'np.newaxis and the broadcasting rules',
  run(ctx) {
    ctx.code(`
const x = np.arange(5);
const xCol = x.slice(':', np.newaxis);   // x[:, np.newaxis]
const xRow = x.slice(np.newaxis, ':');   // x[np.newaxis, :]`);
    const x = np.arange(5);
    ctx.print(`Original x: ${String(x)}`, `Shape: ${tuple(x.shape)}`);
    const xCol = x.slice(':', np.newaxis);
    ctx.print('', `Column vector: \n${String(xCol)}`, `Shape: ${tuple(xCol.shape)}`);
    const xRow = x.slice(np.newaxis, ':');
    ctx.print('', `Row vector: \n${String(xRow)}`, `Shape: ${tuple(xRow.shape)}`);
    ctx.print('', `Memory sharing - original and column: ${np.sharesMemory(x, xCol)}`,
      `Memory sharing - original and row: ${np.sharesMemory(x, xRow)}`);
    ctx.check('x[:, np.newaxis].shape', xCol.shape, [5, 1]);
    ctx.check('x[np.newaxis, :].shape', xRow.shape, [1, 5]);
    ctx.check('both are views of x', [np.sharesMemory(x, xCol), np.sharesMemory(x, xRow)], [true, true]);

    ctx.sub('Broadcasting rules: compare trailing dimensions; equal, or one of them 1, or missing');
    ctx.code('np.broadcastShapes([5, 4], [4]); np.broadcastShapes([5, 1], [1, 4]); np.broadcastShapes([5, 4], [3])');
    const ok: [number[], number[], number[]][] = [
      [[5, 4], [4], [5, 4]],
      [[5, 1], [1, 4], [5, 4]],
      [[5, 1], [5], [5, 5]],        // Exercise 3.1: x[:, np.newaxis] * x
      [[2, 3, 1], [4], [2, 3, 4]],  // Exercise 3.2: a (2, 3, 1) + b (4,)
      [[6, 1, 3], [1, 6, 3], [6, 6, 3]],  // 2.2: vectors[:, np.newaxis, :] - vectors[np.newaxis, :, :]
    ];
    for (const [a, b, want] of ok) {
      const got = np.broadcastShapes(a, b);
      ctx.check(`A: ${tuple(a)}  B: ${tuple(b)}  → result`, got, want);
    }
    let err: { code?: string; message?: string } | null = null;
    try {
      np.broadcastShapes([5, 4], [3]);
    } catch (e) {
      err = e as { code?: string; message?: string };
    }
    ctx.print(`A: (5, 4)  B: (3,)  → Error: ${err?.message ?? '(none raised)'}`);
    ctx.check('(5, 4) with (3,) is an error', err?.code, 'ERR_NUMNODE_BROADCAST');

    ctx.sub('A broadcast is a view with zero strides: no memory is repeated');
    ctx.code('const b = np.broadcastTo(x, [3, 5])');
    const b = np.broadcastTo(x, [3, 5]);
    ctx.print(String(b), `shape ${tuple(b.shape)}, strides ${tuple(b.strides)}, writeable ${b.flags.writeable}`);
    ctx.check('np.broadcastTo(x, [3, 5]).strides', b.strides, [0, 8]);
    ctx.check('it shares x\'s memory', np.sharesMemory(b, x), true);
  },
};
