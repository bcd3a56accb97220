// Every ufunc over contiguous arrays of every length around the kernels' unrolled
// blocks (the TypeScript kernels compute 8 elements before storing them; the native
// ones run vector blocks and a tail): each element of a whole-array result must equal
// the same ufunc applied to that element alone, for array-array, array-scalar,
// scalar-array and in-place (out = a) calls. The fixture suite's 48-element arrays
// are whole blocks; this covers the tails.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { DType, NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { loadEwFixture } from './helpers/elementwise';

const fx = loadEwFixture();
const LENGTHS = [1, 7, 8, 9, 15, 16, 17, 23];

/** Deterministic values of `dtype` (small, so integer ops neither overflow nor divide by zero often). */
function values(dtype: DType, n: number, seed: number, nonNegative: boolean): NDArray {
  const out = np.empty([n], { dtype });
  for (let i = 0; i < n; i++) {
    const v = ((i * 7 + seed * 13) % 11) - (nonNegative ? 0 : 3);
    out.set([i], dtype === 'bool' ? v > 0 : dtype.startsWith('float') ? v * 0.75 + 0.25 : dtype.startsWith('uint') ? Math.abs(v) + 1 : v === 0 ? 2 : v);
  }
  return out;
}

/** NaN-aware bit comparison of two arrays' elements. */
function same(a: NDArray, b: NDArray): boolean {
  if (a.dtype !== b.dtype || a.size !== b.size) return false;
  for (let i = 0; i < a.size; i++) {
    const x = a.get(i), y = b.get(i);
    if (!(Object.is(x, y) || (Number.isNaN(x as number) && Number.isNaN(y as number)))) return false;
  }
  return true;
}

type Fn = (...args: unknown[]) => NDArray;

describeBackends('elementwise tails', () => {
  for (const u of fx.ufuncs) {
    describe(u.name, () => {
      for (const dtype of fx.dtypes) {
        it(dtype, () => {
          const f = (np as unknown as Record<string, Fn>)[u.name]!;
          // (integer power refuses negative exponents, as NumPy does)
          const nonNegative = u.name === 'power';
          let ran = 0;
          for (const n of LENGTHS) {
            const a = values(dtype, n, 1, nonNegative);
            const b = values(dtype, n, 2, nonNegative);
            const one = (x: NDArray, k: number) => x.slice(`${k}:${k + 1}`).copy();
            let whole: NDArray;
            try {
              whole = u.nin === 1 ? f(a) : f(a, b);
            } catch {
              continue; // no loop for this dtype (NumPy's TypeError): the fixture suite checks those
            }
            ran++;
            const each = (k: number) => (u.nin === 1 ? f(one(a, k)) : f(one(a, k), one(b, k)));
            const expected = np.concatenate(Array.from({ length: n }, (_, k) => each(k)));
            expect(same(whole, expected), `${u.name} ${dtype} n=${n}`).toBe(true);
            if (u.nin === 2) {
              expect(same(f(a, b.slice('0:1').reshape([])), np.concatenate(Array.from({ length: n }, (_, k) => f(one(a, k), one(b, 0))))), `${u.name} ${dtype} n=${n} array-scalar`).toBe(true);
              expect(same(f(b.slice('0:1').reshape([]), a), np.concatenate(Array.from({ length: n }, (_, k) => f(one(b, 0), one(a, k))))), `${u.name} ${dtype} n=${n} scalar-array`).toBe(true);
            }
            if (whole.dtype === dtype) {
              const inplace = a.copy();
              if (u.nin === 1) f(inplace, { out: inplace }); else f(inplace, b, { out: inplace });
              expect(same(inplace, expected), `${u.name} ${dtype} n=${n} in place`).toBe(true);
            }
          }
          expect(ran === 0 || ran === LENGTHS.length).toBe(true);
        });
      }
    });
  }
});
