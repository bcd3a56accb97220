// The showcase: NumPy's HPC tutorial walked through section by section with numnode
// (`npx numnode showcase [--quick]`, `npm run showcase`). Every figure is measured
// in the run; every claim the tutorial makes that this build can test is checked,
// and a failed check makes the run fail. Sections that need capabilities this
// build lacks are listed at the end, not imitated.
import * as np from '../index';
import { ShowcaseContext, type CheckResult, type ShowcaseOptions } from './context';
import { SECTIONS } from './registry';
import { formatSeconds } from './timing';

export interface ShowcaseResult {
  checks: CheckResult[];
  failures: CheckResult[];
  seconds: number;
}

export function runShowcase(o: ShowcaseOptions): ShowcaseResult {
  const ctx = new ShowcaseContext(o);
  const t0 = process.hrtime.bigint();
  ctx.print(`numnode ${np.version} showcase${o.quick ? ' (--quick: smaller arrays, shorter timings)' : ''}`,
    'NumPy\'s HPC tutorial, section by section, as far as this build goes. Timings are medians per call',
    `measured now; ✓ marks a cross-check against NumPy's (or the tutorial's) answer. Backend: ${np.getBackend()},`
    + ` native addon ${np.config().backend.native ? 'loaded' : 'not loaded'}.`);
  for (const s of SECTIONS) {
    ctx.heading(s.id, s.title);
    ctx.progress(`section ${s.id}: ${s.title}`);
    try {
      s.run(ctx);
    } catch (e) {
      // A section that throws is a failed check, and the others still run.
      ctx.check(`section ran to the end (${e instanceof Error ? e.message : String(e)})`, false, true);
    }
  }

  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const failures = ctx.failures;
  ctx.print('', `${ctx.checks.length} cross-checks, ${failures.length} failed; ${SECTIONS.length} sections in ${formatSeconds(seconds)}.`);
  for (const f of failures) ctx.print(`  ✗ [${f.section}] ${f.label}: ${f.detail}`);
  return { checks: ctx.checks, failures, seconds };
}

export const USAGE = `usage: numnode showcase [--quick]

  --quick   smaller arrays and shorter timings`;

/** The command line: returns the exit code (1 when a cross-check failed, 2 for bad arguments). */
export function showcaseMain(argv: readonly string[]): number {
  let quick = false;
  for (const a of argv) {
    if (a === '--quick') quick = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else {
      process.stderr.write(`numnode showcase: unknown option '${a}'\n${USAGE}\n`);
      return 2;
    }
  }
  return runShowcase({ quick }).failures.length > 0 ? 1 : 0;
}
