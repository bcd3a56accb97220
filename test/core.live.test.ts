// A live differential test: when python3 can import NumPy, run the fixture generator
// with a fresh random seed (random data, random slicing expressions, random
// sharesMemory pairs) into a temporary file and run the same conformance checks as
// the committed fixture, on every backend. The seed is in the suite's title; set
// NUMNODE_LIVE_SEED=<seed> to replay a failure. Skipped, with the reason, without NumPy.
import { join } from 'node:path';
import { describe } from 'vitest';
import { describeBackends } from './helpers/backends';
import { creationSuite, layoutSuite, pairsSuite } from './helpers/conformance';
import { loadFixture, runGenerator } from './helpers/fixtures';
import { liveDifferential } from './helpers/live';

liveDifferential({
  name: 'core live',
  generate: (seed, dir) => {
    const out = join(dir, `core-${seed}.json`);
    runGenerator(seed, out, ['--random-slices', '10', '--random-pairs', '120']);
    return loadFixture(out);
  },
  suites: (live, { seed, numpy }) => {
    describeBackends(`core live vs ${numpy} (seed ${seed})`, () => {
      describe('layouts', () => layoutSuite(live));
      describe('sharesMemory', () => pairsSuite(live));
      describe('creation', () => creationSuite(live));
    });
  },
});
