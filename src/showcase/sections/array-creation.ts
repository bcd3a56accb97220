// 1.3 "Efficient Array Creation Methods": zeros, empty, ones, full and
// arange(...).reshape of a 1000×1000 array, timed as the tutorial's %timeit does.
import * as np from '../../index';
import type { Section } from '../section';

export const arrayCreation: Section = {
  id: '1.3',
  title: 'Array creation methods and their cost',
  run(ctx) {
    const size: [number, number] = [1000, 1000];
    ctx.code(`
const size = [1000, 1000];
%timeit np.zeros(size)          // pre-allocated, initialised to 0
%timeit np.empty(size)          // pre-allocated, uninitialised
%timeit np.ones(size)           // pre-allocated, initialised to 1
%timeit np.full(size, 3.14)     // pre-allocated, initialised to a value
%timeit np.arange(size[0] * size[1]).reshape(size)   // sequential, then reshape`);
    ctx.print('Array creation timing:');
    ctx.timeTable([
      ['np.zeros(size)', () => np.zeros(size)],
      ['np.empty(size)', () => np.empty(size)],
      ['np.ones(size)', () => np.ones(size)],
      ['np.full(size, 3.14)', () => np.full(size, 3.14)],
      ['np.arange(1e6).reshape(size)', () => np.arange(size[0] * size[1]).reshape(size)],
    ]);
    ctx.print('empty skips the fill; zeros gets memory the system has already zeroed; ones and full write',
      'every element; arange computes every element.');

    const probes: [number, number][] = [[0, 0], [0, 999], [500, 123], [999, 999]];
    const z = np.zeros(size);
    const o = np.ones(size);
    const f = np.full(size, 3.14);
    const r = np.arange(size[0] * size[1]).reshape(size);
    ctx.check('np.zeros: sampled elements', probes.map(([i, j]) => z.get(i, j)), [0, 0, 0, 0]);
    ctx.check('np.ones: sampled elements', probes.map(([i, j]) => o.get(i, j)), [1, 1, 1, 1]);
    ctx.check('np.full(size, 3.14): sampled elements', probes.map(([i, j]) => f.get(i, j)), [3.14, 3.14, 3.14, 3.14]);
    ctx.check('np.arange(1e6).reshape(size)[i, j] === 1000*i + j', probes.map(([i, j]) => r.get(i, j)), probes.map(([i, j]) => BigInt(1000 * i + j)));
    ctx.check('dtypes: zeros/empty/ones/full(3.14) float64, arange int64',
      [z.dtype, np.empty(size).dtype, o.dtype, f.dtype, r.dtype], ['float64', 'float64', 'float64', 'float64', 'int64']);
  },
};
