// 3.3 "Common Performance Pitfalls: example of dtype impact": the trick in float64
// and float32, timed, and the precision float32 gives up, measured as the tutorial
// does (max |f64 − f32| on the first 100 rows). distance.cdist is shown alongside:
// it computes in double internally, so its float32 result loses only the final
// rounding.
import * as np from '../../index';
import type { Section } from '../section';
import { mb } from '../memory';
import { euclideanTrick, maxAbsDiff, sci } from './distance-fns';

export const dtypeImpact: Section = {
  id: '3.3',
  title: 'dtype impact: the distance matrix in float32 vs float64',
  run(ctx) {
    const [n, d] = ctx.quick ? [400, 100] : [1000, 100];
    ctx.code(`
const dataF64 = np.random.rand(${n}, ${d}).astype('float64');
const dataF32 = dataF64.astype('float32');`);
    np.random.seed(n + d);
    const dataF64 = np.random.rand(n, d).astype('float64');
    const dataF32 = dataF64.astype('float32');
    ctx.print(`Float64 memory: ${mb(dataF64.nbytes)}`, `Float32 memory: ${mb(dataF32.nbytes)}`);
    ctx.check('float32 data take half the bytes', dataF32.nbytes * 2, dataF64.nbytes);
    const t = ctx.timeTable([
      ['euclideanTrick(dataF64, dataF64)', () => euclideanTrick(dataF64, dataF64)],
      ['euclideanTrick(dataF32, dataF32)', () => euclideanTrick(dataF32, dataF32)],
      ['np.distance.cdist(dataF64, dataF64)', () => np.distance.cdist(dataF64, dataF64)],
      ['np.distance.cdist(dataF32, dataF32)', () => np.distance.cdist(dataF32, dataF32)],
    ]);
    const [t64, t32] = [...t.values()].map((v) => v.median);
    ctx.print(`float32 trick: ${(t64! / t32!).toFixed(2)}× the speed of float64 (sgemm does twice the FLOPs per cycle, and half the bytes move).`);

    const h64 = dataF64.slice(':100');
    const h32 = dataF32.slice(':100');
    const resultF64 = euclideanTrick(h64, h64);
    const resultF32 = euclideanTrick(h32, h32);
    ctx.check('float32 in, float32 out (NumPy keeps float32 through einsum, @, sqrt)', resultF32.dtype, 'float32');
    const dTrick = maxAbsDiff(resultF64, resultF32.astype('float64'));
    const offDiag = (() => {
      const mask = np.eye(100, null, 0, { dtype: 'bool' });
      return Number(np.max(np.where(mask, 0, np.abs(np.subtract(resultF64, resultF32.astype('float64'))))));
    })();
    const cd64 = np.distance.cdist(h64, h64);
    const cd32 = np.distance.cdist(h32, h32);
    const dCdist = maxAbsDiff(cd64, cd32.astype('float64'));
    ctx.print('', `Max difference (trick): ${sci(dTrick)}, off the diagonal: ${sci(offDiag)}`,
      `Max difference (cdist): ${sci(dCdist)}`,
      'The trick\'s worst error sits on the diagonal: ||x||² + ||x||² − 2x·x cancels to float32 rounding',
      'noise (~1e-6 of ~33), and the square root turns that into ~1e-3. Off the diagonal, and with cdist\'s',
      'double-precision accumulation, float32 keeps about 7 significant digits.');
    ctx.check('float32 trick: max |Δ| < 1e-2 (the diagonal\'s sqrt of rounding noise)', dTrick < 1e-2, true);
    ctx.check('float32 trick off the diagonal: max |Δ| < 1e-4', offDiag < 1e-4, true);
    ctx.check('float32 cdist: max |Δ| < 1e-5 (one float32 rounding of a double result)', dCdist < 1e-5, true);
  },
};
