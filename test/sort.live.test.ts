// A live differential test for issue 10: when python3 can import NumPy, run
// scripts/gen-selection-fixtures.py with a fresh random seed (new arrays, new
// indexing expressions, new sort/partition/unique/statistics inputs) into a
// temporary file and run the same conformance suites as the committed fixture, on
// every backend. The seed is in the suite's title; NUMNODE_LIVE_SEED=<seed> replays
// a failure. Skipped, with the reason, without NumPy.
import { join } from 'node:path';
import { describe } from 'vitest';
import { describeBackends } from './helpers/backends';
import { liveDifferential } from './helpers/live';
import { loadSelectionFixture, runSelectionGenerator } from './helpers/selection';
import { bigSuite, callsSuite, indexSuite, sortSuite } from './helpers/selection-suite';

liveDifferential({
  name: 'selection live',
  generate: (seed, dir) => {
    const out = join(dir, `selection-${seed}.json`);
    runSelectionGenerator(seed, out, ['--index-cases', '300']);
    return loadSelectionFixture(out);
  },
  suites: (live, { seed, numpy }) => {
    // A sample of the sort cases keeps the run short; the index corpus and calls run whole.
    const sortSample = live.sort.filter((_, i) => i % 5 === seed % 5);
    describeBackends(`selection live vs ${numpy} (seed ${seed})`, () => {
      describe('indexing corpus', () => indexSuite(live.index));
      describe('sort', () => sortSuite(sortSample));
      describe('long lanes', () => bigSuite(live.big.filter((_, i) => i % 3 === seed % 3)));
      describe('calls', () => callsSuite(live.calls));
    });
  },
});
