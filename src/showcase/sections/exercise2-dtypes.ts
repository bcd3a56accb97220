// 1.3 Exercise 2 "Memory-Efficient Array Operations": float32 against float64 for
// np.sum and arr * 2.0. The answers are checked against a compensated (Kahan) sum
// computed here in double precision, and the products element by element.
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { Section } from '../section';
import { mb } from '../memory';

/** Kahan–Babuška (Neumaier) summation in float64: the reference for both sums. */
function compensatedSum(xs: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
    s = t;
  }
  return s + c;
}

export const exercise2Dtypes: Section = {
  id: 'Ex. 2',
  title: 'Exercise 2: np.sum and arr * 2.0 in float32 vs float64',
  run(ctx) {
    const size = ctx.quick ? 500_000 : 5_000_000;
    ctx.code(`
np.random.seed(0);   // the tutorial does not seed; a seed makes the printed sums reproducible
const arrF32 = np.random.rand(${size}).astype('float32');
const arrF64 = np.random.rand(${size}).astype('float64');`);
    ctx.progress(`drawing 2 × ${size} random numbers`);
    np.random.seed(0);
    const arrF32 = np.random.rand(size).astype('float32');
    const arrF64 = np.random.rand(size).astype('float64');
    ctx.print(`Float32 array: ${mb(arrF32.nbytes)}`, `Float64 array: ${mb(arrF64.nbytes)}`);

    ctx.sub('Performance comparison for sum operation');
    const sums = ctx.timeTable([
      ['np.sum(arrF32)', () => np.sum(arrF32)],
      ['np.sum(arrF64)', () => np.sum(arrF64)],
    ]);
    const s32 = np.sum(arrF32) as number;
    const s64 = np.sum(arrF64) as number;
    const ref32 = compensatedSum(arrF32.toTypedArray() as Float32Array);
    const ref64 = compensatedSum(arrF64.toTypedArray() as Float64Array);
    const rel32 = Math.abs(s32 - ref32) / ref32;
    const rel64 = Math.abs(s64 - ref64) / ref64;
    ctx.table(['sum', 'numnode', 'exact (compensated, float64)', 'relative error'], [
      ['float32', String(s32), String(ref32), rel32.toExponential(2)],
      ['float64', String(s64), String(ref64), rel64.toExponential(2)],
    ]);
    ctx.check('the float32 sum is a float32 value (NumPy accumulates in the array\'s dtype)', Math.fround(s32), s32);
    ctx.check('the float32 sum is within 1e-5 relative (pairwise summation; a naive float32 loop drifts far more)', rel32 < 1e-5, true);
    ctx.check('the float64 sum is within 1e-12 relative', rel64 < 1e-12, true);

    ctx.sub('Performance comparison for element-wise multiplication');
    const prods = ctx.timeTable([
      ['np.multiply(arrF32, 2.0)', () => np.multiply(arrF32, 2.0)],
      ['np.multiply(arrF64, 2.0)', () => np.multiply(arrF64, 2.0)],
    ]);
    const p32: NDArray = np.multiply(arrF32, 2.0);
    const p64: NDArray = np.multiply(arrF64, 2.0);
    ctx.check('float32 * 2.0 stays float32, float64 * 2.0 float64 (NEP 50)', [p32.dtype, p64.dtype], ['float32', 'float64']);
    ctx.check('every product is exactly 2x (doubling is exact)', [
      np.arrayEqual(np.divide(p32, 2.0), arrF32), np.arrayEqual(np.divide(p64, 2.0), arrF64)], [true, true]);
    const [t32, t64] = [...sums.values()].map((v) => v.median);
    const [m32, m64] = [...prods.values()].map((v) => v.median);
    ctx.print('', `float64 / float32 time: sum ${(t64! / t32!).toFixed(2)}×, multiply ${(m64! / m32!).toFixed(2)}×`,
      'Both stream memory at this size, so float32 (half the bytes) is expected near 2× faster; a busy machine blurs the ratio.');
  },
};
