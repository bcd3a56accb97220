// A live differential test: when python3 has NumPy and SciPy, run the fixture generator
// (scripts/gen-linalg-fixtures.py) with a fresh seed (new data, new generated einsum
// expressions) into a temporary file and replay every case on every backend, as the
// committed fixture is replayed by linalg/einsum/cdist.test.ts. The seed is in the
// suite's title; NUMNODE_LIVE_SEED=<seed> replays a failure. Skipped, with the reason,
// without python3 / NumPy / SciPy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { checkCase, loadLinalgFixture, LinalgFixture, runLinalgGenerator } from './helpers/linalg';

function scipyAvailable(): { ok: boolean; reason: string } {
  const r = spawnSync('python3', ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) return { ok: false, reason: `python3 cannot run: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, reason: `python3 cannot import numpy and scipy: ${(r.stderr || '').trim().split('\n').pop()}` };
  const [n, s] = r.stdout.trim().split(' ');
  return { ok: true, reason: `NumPy ${n}, SciPy ${s}` };
}

const py = scipyAvailable();
const seed = process.env.NUMNODE_LIVE_SEED !== undefined && process.env.NUMNODE_LIVE_SEED !== ''
  ? Number(process.env.NUMNODE_LIVE_SEED)
  : Math.floor(Math.random() * 2 ** 31);

let fx: LinalgFixture | null = null;
let failure: string | null = null;
const dir = mkdtempSync(join(tmpdir(), 'numnode-linalg-live-'));
if (py.ok) {
  try {
    const out = join(dir, `linalg-${seed}.json`);
    runLinalgGenerator(seed, out, ['--random-einsum', '60']);
    fx = loadLinalgFixture(out);
  } catch (e) {
    failure = `the generator failed: ${(e as Error).message}`;
  }
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (fx !== null) {
  const live = fx;
  describeBackends(`linalg live vs ${py.reason} (seed ${seed})`, () => {
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
} else if (failure !== null) {
  it(`linalg live (seed ${seed})`, () => {
    throw new Error(failure!);
  });
} else {
  it.skip(`linalg live: skipped, ${py.reason}`, () => {});
}
