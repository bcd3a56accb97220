// 1.3 "Data Types and Memory Usage" and the memory half of Exercise 2 (the sum
// and multiply timings of Exercise 2 need reductions and ufuncs: see the end).
import * as np from '../../index';
import type { DType } from '../../index';
import type { Section } from '../section';
import { mb } from '../memory';

const DTYPES: [DType, number][] = [
  ['int8', 1], ['int16', 2], ['int32', 4], ['int64', 8], ['float32', 4], ['float64', 8],
];

export const dtypesMemory: Section = {
  id: '1.3',
  title: 'Data types and memory usage',
  run(ctx) {
    const size = ctx.quick ? 500_000 : 5_000_000;
    ctx.code(`
const size = ${size};
for (const dtype of ['int8', 'int16', 'int32', 'int64', 'float32', 'float64'])
  np.ones(size, { dtype }).nbytes;`);
    ctx.print('Memory usage by data type:');
    const rows: string[][] = [];
    for (const [dtype, itemsize] of DTYPES) {
      const arr = np.ones(size, { dtype });
      rows.push([dtype, String(arr.itemsize), mb(arr.nbytes)]);
      ctx.check(`${dtype}: itemsize, nbytes`, [arr.itemsize, arr.nbytes], [itemsize, size * itemsize]);
    }
    ctx.table(['Data Type', 'Bytes/element', 'Total'], rows);

    ctx.sub('Exercise 2 (memory part): float32 vs float64');
    const n = size;
    ctx.code(`
// The tutorial draws np.random.rand(size); random arrives in a later issue, so a
// ramp stands in (the memory figures do not depend on the values).
const arrF64 = np.linspace(0, 1, ${n});
const arrF32 = arrF64.astype('float32');`);
    const arrF64 = np.linspace(0, 1, n);
    ctx.progress(`casting ${n} float64 to float32`);
    const arrF32 = arrF64.astype('float32');
    ctx.print(`Float32 array: ${mb(arrF32.nbytes)}`, `Float64 array: ${mb(arrF64.nbytes)}`);
    ctx.check('float64 takes twice the memory of float32', arrF64.nbytes, 2 * arrF32.nbytes);
    const k = n - 1;
    ctx.check('astype rounds to the nearest float32', arrF32.get(k), Math.fround(arrF64.get(k) as number));
  },
};
