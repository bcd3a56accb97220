// A live differential test: when python3 has NumPy and SciPy, run the fixture generator
// (scripts/gen-linalg-fixtures.py) with a fresh seed (new data, new generated einsum
// expressions) into a temporary file and replay every case on every backend, as the
// committed fixture is replayed by linalg/einsum/cdist.test.ts. The seed is in the
// suite's title; NUMNODE_LIVE_SEED=<seed> replays a failure. Skipped, with the reason,
// without python3 / NumPy / SciPy.
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { checkCase, loadLinalgFixture, runLinalgGenerator } from './helpers/linalg';
import { liveDifferential } from './helpers/live';

liveDifferential({
  name: 'linalg live',
  modules: ['scipy'],
  generate: (seed, dir) => {
    const out = join(dir, `linalg-${seed}.json`);
    runLinalgGenerator(seed, out, ['--random-einsum', '60']);
    return loadLinalgFixture(out);
  },
  suites: (live, { seed, numpy }) => {
    describeBackends(`linalg live vs ${numpy} (seed ${seed})`, () => {
      const groups = [...new Set(live.cases.map((c) => c.group))];
      for (const g of groups) {
        const cases = live.cases.filter((c) => c.group === g);
        describe(g, () => {
          it(`${cases.length} cases`, () => {
            for (const c of cases) checkCase(live, c);
          });
        });
      }
    });
  },
});
