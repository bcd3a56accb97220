// 1.2 "NumPy Array Internals": the ndarray is a data buffer plus metadata (shape,
// strides, dtype); strides say how many bytes to skip along each axis.
import * as np from '../../index';
import type { Section } from '../section';
import { explainStrides, tuple } from './explain-strides';

export const arrayInternals: Section = {
  id: '1.2',
  title: 'Array internals: the data buffer, shape, dtype and strides',
  run(ctx) {
    ctx.code(`
const x = np.array([[0, 1, 2, 3],
                    [4, 5, 6, 7],
                    [8, 9, 10, 11],
                    [12, 13, 14, 15]], { dtype: 'int8' });`);
    const x = np.array([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15]], { dtype: 'int8' });
    ctx.print('Array:', String(x), '',
      `Shape: ${tuple(x.shape)}`, `Data type: ${x.dtype}`, `Strides: ${tuple(x.strides)} bytes`, `Total size: ${x.nbytes} bytes`,
      `Buffer: ${x.buffer.byteLength}-byte ArrayBuffer, element [0, 0] at byte offset ${x.byteOffset}`);
    ctx.check('x.shape', x.shape, [4, 4]);
    ctx.check('x.strides (int8: next column 1 byte, next row 4 bytes)', x.strides, [4, 1]);
    ctx.check('x.nbytes', x.nbytes, 16);

    ctx.sub('Understanding strides: element[i, j] = data + i*strides[0] + j*strides[1]');
    const [i, j] = [2, 3];
    const byte = x.byteOffset + i * x.strides[0]! + j * x.strides[1]!;
    const raw = new Int8Array(x.buffer, byte, 1)[0];
    ctx.print(`x[${i}, ${j}] lives at byte ${x.byteOffset} + ${i}*${x.strides[0]} + ${j}*${x.strides[1]} = ${byte} of the buffer`);
    ctx.check(`the byte at that address is x.get(${i}, ${j})`, raw, x.get(i, j));

    ctx.code('explainStrides(x)   // the tutorial\'s explain_strides');
    explainStrides(ctx, x);
    ctx.check('expected strides (shape[1]*itemsize, itemsize) equal x.strides', [x.shape[1]! * x.itemsize, x.itemsize], [...x.strides]);
  },
};
