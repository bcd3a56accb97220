// A live differential test against NumPy: when python3 can import NumPy, run
// scripts/gen-reduce-fixtures.py with a fresh seed (another value formula salt,
// other accuracy data) in its quick mode into a temporary file, and run the same
// conformance checks as the committed fixture on every backend. The seed is in
// the suite's title; NUMNODE_LIVE_SEED=<seed> replays it. Skipped, with the
// reason, without NumPy.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe } from 'vitest';
import { describeBackends } from './helpers/backends';
import { liveDifferential } from './helpers/live';
import { REDUCE_GENERATOR, explicitSuite, gridSuite, loadReduceFixture } from './helpers/reduce';

liveDifferential({
  name: 'reduce live',
  generate: (seed, dir) => {
    const out = join(dir, `reduce-${seed}.json`);
    execFileSync('python3', [REDUCE_GENERATOR, '--seed', String(seed), '--quick', '--out', out], {
      stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000,
    });
    return loadReduceFixture(out);
  },
  suites: (live, { seed, numpy }) => {
    describeBackends(`reduce live vs ${numpy} (seed ${seed}, salt ${live.salt})`, () => {
      describe('grid', () => gridSuite(live));
      describe('special values', () => explicitSuite('special', live.special));
    });
  },
});
