// A live differential test for issue 10: when python3 can import NumPy, run
// scripts/gen-selection-fixtures.py with a fresh random seed (new arrays, new
// indexing expressions, new sort/partition/unique/statistics inputs) into a
// temporary file and run the same conformance suites as the committed fixture, on
// every backend. The seed is in the suite's title; NUMNODE_LIVE_SEED=<seed> replays
// a failure. Skipped, with the reason, without NumPy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { numpyAvailable } from './helpers/fixtures';
import { SelectionFixture, loadSelectionFixture, runSelectionGenerator } from './helpers/selection';
import { bigSuite, callsSuite, indexSuite, sortSuite } from './helpers/selection-suite';

const numpy = numpyAvailable();
const seed = process.env.NUMNODE_LIVE_SEED !== undefined && process.env.NUMNODE_LIVE_SEED !== ''
  ? Number(process.env.NUMNODE_LIVE_SEED)
  : Math.floor(Math.random() * 2 ** 31);

let fx: SelectionFixture | null = null;
let failure: string | null = null;
const dir = mkdtempSync(join(tmpdir(), 'numnode-live-sel-'));
if (numpy.ok) {
  try {
    const out = join(dir, `selection-${seed}.json`);
    runSelectionGenerator(seed, out, ['--index-cases', '300']);
    fx = loadSelectionFixture(out);
  } catch (e) {
    failure = `the generator failed: ${(e as Error).message}`;
  }
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (fx !== null) {
  const live = fx;
  // A sample of the sort cases keeps the run short; the index corpus and calls run whole.
  const sortSample = live.sort.filter((_, i) => i % 5 === seed % 5);
  describeBackends(`selection live vs ${numpy.reason} (seed ${seed})`, () => {
    describe('indexing corpus', () => indexSuite(live.index));
    describe('sort', () => sortSuite(sortSample));
    describe('long lanes', () => bigSuite(live.big.filter((_, i) => i % 3 === seed % 3)));
    describe('calls', () => callsSuite(live.calls));
  });
} else if (failure !== null) {
  it(`selection live (seed ${seed})`, () => {
    throw new Error(failure!);
  });
} else {
  it.skip(`selection live: skipped, ${numpy.reason}`, () => {});
}
