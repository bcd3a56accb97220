// A live differential test: when python3 can import NumPy, run the fixture generator
// with a fresh random seed (random data, random slicing expressions, random
// sharesMemory pairs) into a temporary file and run the same conformance checks as
// the committed fixture, on every backend. The seed is in the suite's title; set
// NUMNODE_LIVE_SEED=<seed> to replay a failure. Skipped, with the reason, without NumPy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { creationSuite, layoutSuite, pairsSuite } from './helpers/conformance';
import { CoreFixture, loadFixture, numpyAvailable, runGenerator } from './helpers/fixtures';

const numpy = numpyAvailable();
const seed = process.env.NUMNODE_LIVE_SEED !== undefined && process.env.NUMNODE_LIVE_SEED !== ''
  ? Number(process.env.NUMNODE_LIVE_SEED)
  : Math.floor(Math.random() * 2 ** 31);

let fx: CoreFixture | null = null;
let failure: string | null = null;
const dir = mkdtempSync(join(tmpdir(), 'numnode-live-'));
if (numpy.ok) {
  try {
    const out = join(dir, `core-${seed}.json`);
    runGenerator(seed, out, ['--random-slices', '10', '--random-pairs', '120']);
    fx = loadFixture(out);
  } catch (e) {
    failure = `the generator failed: ${(e as Error).message}`;
  }
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (fx !== null) {
  const live = fx;
  describeBackends(`core live vs ${numpy.reason} (seed ${seed})`, () => {
    describe('layouts', () => layoutSuite(live));
    describe('sharesMemory', () => pairsSuite(live));
    describe('creation', () => creationSuite(live));
  });
} else if (failure !== null) {
  it(`core live (seed ${seed})`, () => {
    throw new Error(failure!);
  });
} else {
  it.skip(`core live: skipped, ${numpy.reason}`, () => {});
}
