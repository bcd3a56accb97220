// 1.1 "Setup for performance comparison": a Python list against a NumPy array,
// here a JavaScript Array against a numnode array: what each costs in memory and
// to create. (The tutorial's `data * 2` timing needs np.multiply: see the end.)
import * as np from '../../index';
import type { Section } from '../section';
import { getGc, settledMemory } from '../memory';
import { formatSeconds } from '../timing';

export const listsVsArrays: Section = {
  id: '1.1',
  title: 'JavaScript Array vs numnode array (the tutorial: Python list vs NumPy array)',
  run(ctx) {
    const size = 1_000_000; // the tutorial's size; smaller ones drown in the heap's noise
    ctx.code(`
const size = 1_000_000;
const jsList = Array.from({ length: size }, (_, i) => i);   // list(range(size))
const arr = np.arange(size);                                // np.arange(size): int64, as NumPy`);

    const m0 = settledMemory();
    const jsList = Array.from({ length: size }, (_, i) => i);
    const m1 = settledMemory();
    const arr = np.arange(size);
    const m2 = settledMemory();

    const expected = 8 * size;
    const listHeap = m1.heapUsed - m0.heapUsed;
    const arrBuffers = m2.arrayBuffers - m1.arrayBuffers;
    const arrHeap = m2.heapUsed - m1.heapUsed;
    ctx.print(`Array size: ${size} elements`, `Expected size (8 bytes per element): ${expected} bytes`, '');
    if (getGc() === null) ctx.print('(no access to the garbage collector here: the memory readings below are rough)');
    const perElement = (b: number) => (b / size).toFixed(2);
    ctx.table(['container', 'where the elements live', 'bytes measured', 'bytes per element'], [
      ['JS Array of small integers', 'V8 heap (heapUsed Δ)', String(listHeap), perElement(listHeap)],
      ['numnode int64 array', 'ArrayBuffer (arrayBuffers Δ)', String(arrBuffers), perElement(arrBuffers)],
      ['  its JS object', 'V8 heap (heapUsed Δ)', String(arrHeap), ''],
    ]);
    ctx.print('(heap readings move by a few hundred kB with unrelated heap activity, even after a full GC)');
    ctx.print('', `arr.nbytes (the data alone, like NumPy's .nbytes): ${arr.nbytes} bytes`);
    const compressed = (process.config.variables as Record<string, unknown>)['v8_enable_pointer_compression'];
    ctx.print(`A JS Array holds each small integer as a tagged slot of ${compressed === 1 || compressed === true ? '4 bytes (this V8 compresses pointers)' : '8 bytes (this V8 does not compress pointers)'},`,
      'plus any spare capacity it grew into; a numnode array holds raw int64 values in one ArrayBuffer,',
      'outside the V8 heap, and a small JS object describing them.');
    ctx.check('arr.dtype (NumPy: int64 for integer arange)', arr.dtype, 'int64');
    ctx.check('arr.nbytes === 8 * size', arr.nbytes, expected);
    ctx.check('jsList.length === arr.size', jsList.length, arr.size);
    ctx.check('last element agrees', BigInt(jsList[size - 1]!), arr.get(size - 1));
    if (getGc() !== null) ctx.check('the array\'s ArrayBuffer memory covers its nbytes', arrBuffers >= arr.nbytes, true);

    ctx.sub('Creation time');
    ctx.code(`
%timeit Array.from({ length: size }, (_, i) => i)
%timeit np.arange(size)`);
    const t = ctx.timeTable([
      ['Array.from({ length: size }, (_, i) => i)', () => Array.from({ length: size }, (_, i) => i)],
      ['np.arange(size)', () => np.arange(size)],
    ]);
    const list = t.get('Array.from({ length: size }, (_, i) => i)')!.median;
    const nn = t.get('np.arange(size)')!.median;
    ctx.print(`np.arange is ${(list / nn).toFixed(1)}× ${list >= nn ? 'faster' : 'slower'} than building the Array (${formatSeconds(nn)} vs ${formatSeconds(list)}).`);
  },
};
