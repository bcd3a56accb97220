// A live differential test against NumPy: when python3 can import NumPy, run
// scripts/gen-reduce-fixtures.py with a fresh seed (another value formula salt,
// other accuracy data) in its quick mode into a temporary file, and run the same
// conformance checks as the committed fixture on every backend. The seed is in
// the suite's title; NUMNODE_LIVE_SEED=<seed> replays it. Skipped, with the
// reason, without NumPy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { numpyAvailable } from './helpers/fixtures';
import { REDUCE_GENERATOR, ReduceFixture, explicitSuite, gridSuite, loadReduceFixture } from './helpers/reduce';

const numpy = numpyAvailable();
const seed = process.env.NUMNODE_LIVE_SEED !== undefined && process.env.NUMNODE_LIVE_SEED !== ''
  ? Number(process.env.NUMNODE_LIVE_SEED)
  : Math.floor(Math.random() * 2 ** 31);

let fx: ReduceFixture | null = null;
let failure: string | null = null;
const dir = mkdtempSync(join(tmpdir(), 'numnode-reduce-live-'));
if (numpy.ok) {
  try {
    const out = join(dir, `reduce-${seed}.json`);
    execFileSync('python3', [REDUCE_GENERATOR, '--seed', String(seed), '--quick', '--out', out], {
      stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000,
    });
    fx = loadReduceFixture(out);
  } catch (e) {
    failure = `the generator failed: ${(e as Error).message}`;
  }
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (fx !== null) {
  const live = fx;
  describeBackends(`reduce live vs ${numpy.reason} (seed ${seed}, salt ${live.salt})`, () => {
    describe('grid', () => gridSuite(live));
    describe('special values', () => explicitSuite('special', live.special));
  });
} else if (failure !== null) {
  it(`reduce live (seed ${seed})`, () => {
    throw new Error(failure!);
  });
} else {
  it.skip(`reduce live: skipped, ${numpy.reason}`, () => {});
}
