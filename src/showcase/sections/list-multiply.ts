// 1.1 "Performance comparison: Element-wise multiplication": the tutorial's list
// comprehension [x * 2 for x in data] against NumPy's data * 2; here a JavaScript
// Array's map against numnode's np.multiply(data, 2) on the int64 arange, first
// timed once (the tutorial's time.time() cell), then as %timeit does.
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { Section } from '../section';
import { formatSeconds } from '../timing';
import { since } from './distance-fns';

const jsMultiply = (data: number[]): number[] => data.map((x) => x * 2);
const npMultiply = (data: NDArray): NDArray => np.multiply(data, 2);

export const listMultiply: Section = {
  id: '1.1',
  title: 'Element-wise multiplication: Array map vs data * 2 (the tutorial: list comprehension vs NumPy)',
  run(ctx) {
    const size = 1_000_000;
    ctx.code(`
const jsMultiply = (data: number[]) => data.map((x) => x * 2);   // [x * 2 for x in data]
const npMultiply = (data: NDArray) => np.multiply(data, 2);       // data * 2  (also data.mul(2))
const jsList = Array.from({ length: ${size} }, (_, i) => i);
const arr = np.arange(${size});`);
    const jsList = Array.from({ length: size }, (_, i) => i);
    const arr = np.arange(size);

    let t0 = process.hrtime.bigint();
    const jsResult = jsMultiply(jsList);
    const jsTime = since(t0);
    t0 = process.hrtime.bigint();
    const npResult = npMultiply(arr);
    const npTime = since(t0);
    ctx.print(`Array map (list comprehension): ${jsTime.toFixed(4)} seconds`,
      `numnode vectorized operation:   ${npTime.toFixed(4)} seconds`,
      `numnode is ${(jsTime / npTime).toFixed(1)}x ${jsTime >= npTime ? 'faster' : 'slower'} (one call each: first calls include JIT warm-up and page faults)`);

    ctx.check('result dtype: int64 * 2 stays int64 (NEP 50 weak scalar)', npResult.dtype, 'int64');
    ctx.check('npResult[-1] === 2 * (size - 1)', npResult.get(size - 1), BigInt(2 * (size - 1)));
    const got = npResult.toTypedArray() as BigInt64Array;
    let mismatches = 0;
    for (let i = 0; i < size; i++) if (Number(got[i]) !== jsResult[i]) mismatches++;
    ctx.check('every element agrees with the Array map', mismatches, 0);

    ctx.sub('%timeit');
    const plain = Float64Array.from(jsList);
    const t = ctx.timeTable([
      ['jsMultiply(jsList)   (Array map)', () => jsMultiply(jsList)],
      ['a Float64Array loop  (by hand)', () => {
        const o = new Float64Array(plain.length);
        for (let i = 0; i < plain.length; i++) o[i] = plain[i]! * 2;
        return o;
      }],
      ['npMultiply(arr)      (np.multiply)', () => npMultiply(arr)],
    ]);
    const [list, , nn] = [...t.values()].map((v) => v.median);
    ctx.print(`np.multiply is ${(list! / nn!).toFixed(1)}× ${list! >= nn! ? 'faster' : 'slower'} than the Array map (${formatSeconds(nn!)} vs ${formatSeconds(list!)}).`,
      'A JS Array map is far quicker than a Python list comprehension (the JIT compiles it), so the gap is',
      'smaller than the tutorial\'s; a hand-written TypedArray loop is what numnode\'s kernels compete with.');
  },
};
