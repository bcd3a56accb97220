// The live differential run (issue 9, item 1): when python3 can import NumPy, the
// generator of test/fixtures/differential.json runs with a fresh random seed (printed in
// the suite's title; NUMNODE_DIFF_SEED=<seed> replays it, NUMNODE_DIFF_COUNT=<n> changes
// the number of cases) into a temporary file -- NumPy evaluates in forked children of the
// generator, with a timeout, so a NumPy crash cannot take this runner down -- and every
// case runs on both backends. Skipped, with the reason, without NumPy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { DiffFixture, differentialSuite, loadDiffFixture, runDiffGenerator } from './helpers/differential';
import { numpyAvailable } from './helpers/fixtures';

const numpy = numpyAvailable();
const env = process.env.NUMNODE_DIFF_SEED;
const seed = env !== undefined && env !== '' ? Number(env) : Math.floor(Math.random() * 2 ** 31);
const count = Number(process.env.NUMNODE_DIFF_COUNT ?? 6000);

let fx: DiffFixture | null = null;
let failure: string | null = null;
const dir = mkdtempSync(join(tmpdir(), 'numnode-diff-'));
if (numpy.ok) {
  try {
    const out = join(dir, `differential-${seed}.json`);
    runDiffGenerator(seed, out, count);
    fx = loadDiffFixture(out);
  } catch (e) {
    failure = `the generator failed: ${(e as Error).message}`;
  }
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (fx !== null) {
  const live = fx;
  it(`live run has at least 5,000 cases (seed ${seed})`, () => {
    expect(live.cases.length).toBeGreaterThanOrEqual(Math.min(5000, count));
  });
  differentialSuite(live, `differential live vs ${numpy.reason} (NUMNODE_DIFF_SEED=${seed})`, { describeBackends, it, afterAll, expect });
  it('a NumPy crash costs one case, not the run (a case that segfaults its evaluating process)', () => {
    const out = join(dir, 'crash.json');
    runDiffGenerator(seed, out, 300, ['--self-test-crash']);
    const c = loadDiffFixture(out).cases;
    const crashed = c.filter((x) => x.crash !== undefined);
    expect(crashed.map((x) => [x.op, x.crash])).toEqual([['__crash__', 11]]);
    expect(c.filter((x) => x.r !== undefined || x.e !== undefined).length).toBe(c.length - 1);
  });
} else if (failure !== null) {
  it(`differential live (NUMNODE_DIFF_SEED=${seed})`, () => {
    throw new Error(failure!);
  });
} else {
  it.skip(`differential live: skipped, ${numpy.reason}`, () => {});
}
