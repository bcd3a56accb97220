// The live differential run (issue 9, item 1): when python3 can import NumPy, the
// generator of test/fixtures/differential.json runs with a fresh random seed (printed in
// the suite's title; NUMNODE_DIFF_SEED=<seed> replays it, NUMNODE_DIFF_COUNT=<n> changes
// the number of cases) into a temporary file -- NumPy evaluates in forked children of the
// generator, with a timeout, so a NumPy crash cannot take this runner down -- and every
// case runs on both backends. Skipped, with the reason, without NumPy.
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { differentialSuite, loadDiffFixture, runDiffGenerator } from './helpers/differential';
import { liveDifferential } from './helpers/live';

const count = Number(process.env.NUMNODE_DIFF_COUNT ?? 6000);

liveDifferential({
  name: 'differential live',
  seedVar: 'NUMNODE_DIFF_SEED',
  generate: (seed, dir) => {
    const out = join(dir, `differential-${seed}.json`);
    runDiffGenerator(seed, out, count);
    return loadDiffFixture(out);
  },
  suites: (live, { seed, dir, numpy }) => {
    it(`live run has at least 5,000 cases (seed ${seed})`, () => {
      expect(live.cases.length).toBeGreaterThanOrEqual(Math.min(5000, count));
    });
    differentialSuite(live, `differential live vs ${numpy} (NUMNODE_DIFF_SEED=${seed})`, { describeBackends, it, afterAll, expect });
    it('a NumPy crash costs one case, not the run (a case that segfaults its evaluating process)', () => {
      const out = join(dir, 'crash.json');
      runDiffGenerator(seed, out, 300, ['--self-test-crash']);
      const c = loadDiffFixture(out).cases;
      const crashed = c.filter((x) => x.crash !== undefined);
      expect(crashed.map((x) => [x.op, x.crash])).toEqual([['__crash__', 11]]);
      expect(c.filter((x) => x.r !== undefined || x.e !== undefined).length).toBe(c.length - 1);
    });
  },
});
