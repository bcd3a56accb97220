// 3.2 "Line-by-Line Profiling": where euclideanTrick spends its time. Python's
// line_profiler has no counterpart here, so, as the tutorial's fallback does, each
// step is timed on its own, and the final line is split further into the five
// elementwise passes it makes. The steps put together must give euclideanTrick's
// result exactly, so the profile is of the real computation.
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { Section } from '../section';
import { formatSeconds } from '../timing';
import { euclideanTrick } from './distance-fns';

export const profiling: Section = {
  id: '3.2',
  title: 'Profiling: where the time goes in the distance code (per-step timings)',
  run(ctx) {
    ctx.code(`
const profileData = np.random.rand(800, 40);
// each line of euclideanTrick timed on its own (median of repeated calls):
const xSqnorms = np.einsum('ij,ij->i', profileData, profileData).slice(':', np.newaxis);
const ySqnorms = np.einsum('ij,ij->i', profileData, profileData).slice(np.newaxis, ':');
const xyDots = np.matmul(profileData, profileData.T);
const result = np.sqrt(np.abs(np.subtract(np.add(xSqnorms, ySqnorms), np.multiply(2.0, xyDots))));`);
    np.random.seed(800);
    const P = np.random.rand(800, 40);
    const xs = np.einsum('ij,ij->i', P, P).slice(':', np.newaxis);
    const ys = np.einsum('ij,ij->i', P, P).slice(np.newaxis, ':');
    const xy = np.matmul(P, P.T);
    const sum = np.add(xs, ys);
    const twice = np.multiply(2.0, xy);
    const diff = np.subtract(sum, twice);
    const absd = np.abs(diff);

    const steps: [string, () => NDArray, boolean][] = [
      ['x squared norms   einsum', () => np.einsum('ij,ij->i', P, P).slice(':', np.newaxis), true],
      ['y squared norms   einsum', () => np.einsum('ij,ij->i', P, P).slice(np.newaxis, ':'), true],
      ['matrix product    x @ y.T', () => np.matmul(P, P.T), true],
      ['final line: xs + ys', () => np.add(xs, ys), false],
      ['final line: 2.0 * xyDots', () => np.multiply(2.0, xy), false],
      ['final line: subtract', () => np.subtract(sum, twice), false],
      ['final line: abs', () => np.abs(diff), false],
      ['final line: sqrt', () => np.sqrt(absd), false],
    ];
    const t = ctx.timeTable(steps.map(([label, fn]) => [label, fn]));
    const med = [...t.values()].map((v) => v.median);
    const total = med.reduce((a, b) => a + b, 0);
    const final = med.slice(3).reduce((a, b) => a + b, 0);
    const rows = [
      ['Compute x squared norms', med[0]!], ['Compute y squared norms', med[1]!],
      ['Matrix multiplication', med[2]!], ['Final computation (5 passes)', final],
    ] as [string, number][];
    ctx.print('');
    ctx.table(['step', 'time', 'share'], [
      ...rows.map(([l, s]) => [l, formatSeconds(s), `${((100 * s) / total).toFixed(1)}%`]),
      ['Total', formatSeconds(total), '100.0%'],
    ]);
    const wholeT = ctx.time(() => euclideanTrick(P, P)).median;
    ctx.print(`euclideanTrick(profileData, profileData) as one call: ${formatSeconds(wholeT)} (the sum of its steps: ${formatSeconds(total)})`,
      'The GEMM does 2·800·800·40 = 51 MFLOP; the final line makes five passes over 800×800 results and',
      'allocates five temporaries, which is why distance.cdist fuses them into the GEMM\'s tiles.');
    ctx.check('the profiled steps put together give euclideanTrick\'s result exactly',
      np.arrayEqual(np.sqrt(absd), euclideanTrick(P, P)), true);
    ctx.check('x @ x.T is symmetric', np.arrayEqual(xy, xy.T), true);
  },
};
