// 2.1 "Basic broadcasting examples" and Exercise 3 "Broadcasting Puzzle": a + 10,
// b + c, the multiplication table x[:, newaxis] * x and the 3-D a + b, computed,
// and checked against NumPy's printed answers and against the broadcasting rule
// worked out element by element.
import * as np from '../../index';
import type { Section } from '../section';
import { tuple } from './explain-strides';
import { flat } from './distance-fns';

export const broadcastingArithmetic: Section = {
  id: '2.1',
  title: 'Broadcasting arithmetic: a + 10, b + c, the multiplication table, 3-D a + b',
  run(ctx) {
    ctx.sub('Example 1: array + scalar');
    ctx.code(`
const a = np.array([1, 2, 3, 4, 5]);
const result = np.add(a, 10);          // a + 10  (also a.add(10))`);
    const a = np.array([1, 2, 3, 4, 5]);
    const r1 = np.add(a, 10);
    ctx.print(`[1,2,3,4,5] + 10 = ${String(r1)}`, `Shapes: ${tuple(a.shape)} + scalar → ${tuple(r1.shape)}`);
    ctx.check('a + 10 (NumPy: [11 12 13 14 15], int64)', [flat(r1), r1.dtype], [[11, 12, 13, 14, 15], 'int64']);

    ctx.sub('Example 2: 2-D array + 1-D array');
    ctx.code(`
const b = np.array([[1, 2, 3], [4, 5, 6]]);
const c = np.array([10, 20, 30]);
const result = np.add(b, c);`);
    const b = np.array([[1, 2, 3], [4, 5, 6]]);
    const c = np.array([10, 20, 30]);
    const r2 = np.add(b, c);
    ctx.print(`Array b shape: ${tuple(b.shape)}`, `Array c shape: ${tuple(c.shape)}`, `Result shape: ${tuple(r2.shape)}`, 'Result:', String(r2));
    ctx.check('b + c (NumPy: [[11 22 33] [14 25 36]])', [r2.shape, flat(r2)], [[2, 3], [11, 22, 33, 14, 25, 36]]);

    ctx.sub('Exercise 3.1: a multiplication table');
    ctx.code(`
const x = np.arange(1, 6);                                  // [1, 2, 3, 4, 5]
const multiplicationTable = np.multiply(x.slice(':', np.newaxis), x);   // x[:, np.newaxis] * x`);
    const x = np.arange(1, 6);
    ctx.print('What will be the shape and result of x[:, newaxis] * x?');
    const table = np.multiply(x.slice(':', np.newaxis), x);
    ctx.print(`Result shape: ${tuple(table.shape)}`, 'Multiplication table:', String(table));
    const want: number[] = [];
    for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) want.push(i * j);
    ctx.check('x[:, newaxis] * x: shape (5, 5), entry [i, j] = (i + 1)(j + 1)', [table.shape, flat(table).join(' ')], [[5, 5], want.join(' ')]);
    ctx.check('the inputs were not copied to 5×5 first: x[:, newaxis] has stride 0 on its new axis',
      x.slice(':', np.newaxis).strides[1], 0);

    ctx.sub('Exercise 3.2: 3-D broadcasting');
    ctx.code(`
np.random.seed(0);
const a3 = np.random.rand(2, 3, 1);   // shape (2, 3, 1)
const b3 = np.random.rand(4);         // shape (4,)
const result = np.add(a3, b3);`);
    np.random.seed(0);
    const a3 = np.random.rand(2, 3, 1);
    const b3 = np.random.rand(4);
    ctx.print(`Array a shape: ${tuple(a3.shape)}`, `Array b shape: ${tuple(b3.shape)}`, 'What will be the result shape of a + b?');
    const r3 = np.add(a3, b3);
    ctx.print(`Actual result shape: ${tuple(r3.shape)}`, 'This creates all combinations of elements!');
    ctx.check('(2, 3, 1) + (4,) → (2, 3, 4)', r3.shape, [2, 3, 4]);
    let wrong = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) {
      if (r3.get(i, j, k) !== (a3.get(i, j, 0) as number) + (b3.get(k) as number)) wrong++;
    }
    ctx.check('result[i, j, k] === a[i, j, 0] + b[k] for all 24 combinations', wrong, 0);
    ctx.check('np.random.seed(0); np.random.rand(2, 3, 1)[0, 0, 0] is NumPy\'s 0.5488135039273248', a3.get(0, 0, 0), 0.5488135039273248);
  },
};
