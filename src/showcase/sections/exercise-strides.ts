// Exercise 1 "Predict the Strides": reshape the int8 4×4 array to (2, 8) and
// (1, 16), and copy it to int16. Each prediction is made first, by the C-order rule
// and by the tutorial's stated answer, and then checked against numnode.
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { ShowcaseContext } from '../context';
import type { Section } from '../section';
import { explainStrides, predictCStrides, tuple } from './explain-strides';

function predictThenCheck(ctx: ShowcaseContext, what: string, arr: NDArray, predicted: number[], tutorial: number[] | null): void {
  ctx.print(`Prediction for ${what}: strides = ${tuple(predicted)}${tutorial ? ` (the tutorial's answer: ${tuple(tutorial)})` : ''}`);
  ctx.check(`${what}: strides`, arr.strides, predicted);
  if (tutorial) ctx.check(`${what}: the tutorial's answer`, predicted, tutorial);
}

export const exerciseStrides: Section = {
  id: 'Ex. 1',
  title: 'Exercise 1: predict the strides',
  run(ctx) {
    const x = np.arange(16, { dtype: 'int8' }).reshape(4, 4);
    ctx.code("const x = np.arange(16, { dtype: 'int8' }).reshape(4, 4)   // the 4×4 int8 array of 1.2");
    ctx.print(`Original array (4, 4) with strides ${tuple(x.strides)}`);

    ctx.sub('Exercise 1.1: reshape to (2, 8)');
    ctx.code('const y = x.reshape(2, 8)');
    const y = x.reshape(2, 8);
    predictThenCheck(ctx, 'x.reshape(2, 8)', y, predictCStrides([2, 8], 1), [8, 1]);
    ctx.check('a reshape of a contiguous array is a view (np.sharesMemory(x, y))', np.sharesMemory(x, y), true);
    explainStrides(ctx, y);

    ctx.sub('Exercise 1.2: reshape to (1, 16)');
    ctx.code('const z = x.reshape(1, 16)');
    const z = x.reshape(1, 16);
    predictThenCheck(ctx, 'x.reshape(1, 16)', z, predictCStrides([1, 16], 1), [16, 1]);
    explainStrides(ctx, z);

    ctx.sub('Exercise 1.3: a different data type');
    ctx.code("const a = np.array(x, { dtype: 'int16' })   // 2 bytes per element");
    const a = np.array(x, { dtype: 'int16' });
    predictThenCheck(ctx, "np.array(x, {dtype: 'int16'})", a, predictCStrides([4, 4], 2), [8, 2]);
    ctx.print(`Compare with int8: strides = ${tuple(x.strides)}`, 'Notice how strides scale with element size!', '');
    explainStrides(ctx, a);
    ctx.print('The memory layout reads the same as for int8, but a stride of 8 bytes now skips 4 elements of 2 bytes.');

    ctx.sub('More to predict (beyond the tutorial): views with other strides');
    const cases: [string, NDArray, number[]][] = [
      ['x.T', x.T, [1, 4]],
      ["x.slice(':', '::2')  (x[:, ::2])", x.slice(':', '::2'), [4, 2]],
      ["x.slice('::-1')  (x[::-1])", x.slice('::-1'), [-4, 1]],
      ["x.astype('float64').reshape(2, 8)", x.astype('float64').reshape(2, 8), [64, 8]],
      ['a.T  (int16)', a.T, [2, 8]],
    ];
    ctx.table(['expression', 'predicted', 'numnode'], cases.map(([e, arr, p]) => [e, tuple(p), tuple(arr.strides)]));
    for (const [e, arr, p] of cases) ctx.check(`${e}: strides`, arr.strides, p);
  },
};
