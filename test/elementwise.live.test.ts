// A live differential test against the NumPy on this machine: the fixture
// generator runs now, with a seed of its own (new random inputs), and the same
// conformance suite as test/elementwise.values.test.ts runs on its output on both
// backends. Skipped, with the reason, when python3 has no NumPy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { EwFixture, loadEwFixture, runEwGenerator } from './helpers/elementwise';
import { mixedSuite, scalarsSuite, valuesSuite } from './helpers/elementwise-suite';
import { numpyAvailable } from './helpers/fixtures';

const py = numpyAvailable();
// A different seed on every run, printed in the suite's title so a failure can be replayed.
const seed = Number(process.env.NUMNODE_EW_LIVE_SEED ?? Math.floor(Math.random() * 1e9));
let fx: EwFixture | null = null;
let dir: string | null = null;
if (py.ok) {
  dir = mkdtempSync(join(tmpdir(), 'numnode-ew-live-'));
  const file = join(dir, 'elementwise.json');
  runEwGenerator(seed, file, ['--no-tables']);
  fx = loadEwFixture(file);
}

afterAll(() => {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
});

if (fx === null) {
  describe.skip(`live elementwise differential test (skipped: ${py.reason})`, () => {
    it('needs python3 with NumPy', () => undefined);
  });
} else {
  const f = fx;
  describeBackends(`live elementwise vs ${py.reason}, seed ${seed}`, () => {
    describe('every ufunc x dtype x layout', () => valuesSuite(f));
    describe('mixed dtypes', () => mixedSuite(f));
    describe('weak scalars', () => scalarsSuite(f));
  });
}
