// A live differential test against the NumPy on this machine: the fixture
// generator runs now, with a seed of its own (new random inputs), and the same
// conformance suite as test/elementwise.values.test.ts runs on its output on both
// backends. Skipped, with the reason, when python3 has no NumPy.
import { join } from 'node:path';
import { describe } from 'vitest';
import { describeBackends } from './helpers/backends';
import { loadEwFixture, runEwGenerator } from './helpers/elementwise';
import { mixedSuite, scalarsSuite, valuesSuite } from './helpers/elementwise-suite';
import { liveDifferential } from './helpers/live';

liveDifferential({
  name: 'live elementwise',
  seedVar: 'NUMNODE_EW_LIVE_SEED',
  generate: (seed, dir) => {
    const file = join(dir, 'elementwise.json');
    runEwGenerator(seed, file, ['--no-tables']);
    return loadEwFixture(file);
  },
  suites: (f, { seed, numpy }) => {
    describeBackends(`live elementwise vs ${numpy}, seed ${seed}`, () => {
      describe('every ufunc x dtype x layout', () => valuesSuite(f));
      describe('mixed dtypes', () => mixedSuite(f));
      describe('weak scalars', () => scalarsSuite(f));
    });
  },
});
