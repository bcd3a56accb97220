// The showcase (src/showcase) run with --quick in-process: it completes, every
// cross-check passes, every tutorial section is printed in order with its timings,
// nothing is left pending, the thread budget is restored; and the CLI
// (src/cli/main.ts) dispatches, and rejects unknown commands with 2.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as np from '../src/index';
import { main } from '../src/cli/main';
import { runShowcase, type ShowcaseResult } from '../src/showcase';
import { ShowcaseContext } from '../src/showcase/context';
import { SECTIONS } from '../src/showcase/registry';

describe('showcase --quick', () => {
  let out = '';
  let result: ShowcaseResult;
  let threadsBefore = 0;

  beforeAll(() => {
    threadsBefore = np.getNumThreads();
    result = runShowcase({ quick: true, write: (t) => { out += t; }, progress: null });
  }, 120_000);

  it('passes every cross-check', () => {
    expect(result.failures.map((f) => `[${f.section}] ${f.label}: ${f.detail}`)).toEqual([]);
    expect(result.checks.length).toBeGreaterThan(140);
    expect(out).toContain(`${result.checks.length} cross-checks, 0 failed`);
  });

  it('walks through every section in tutorial order', () => {
    let at = -1;
    for (const s of SECTIONS) {
      const i = out.indexOf(`${s.id}  ${s.title}`);
      expect(i, s.title).toBeGreaterThan(at);
      at = i;
    }
  });

  it('prints measured timings, the stride exercise and the configuration', () => {
    expect(out).toMatch(/x\.T\.ravel\(\)\s+\(copy: not contiguous\)\s+[\d.]+ (ns|µs|ms|s)/);
    expect(out).toMatch(/np\.zeros\(size\)\s+[\d.]+ (ns|µs|ms|s)/);
    expect(out).toContain("Prediction for np.array(x, {dtype: 'int16'}): strides = (8, 2)");
    expect(out).toContain(`version: ${np.version}`);
  });

  it('covers the whole tutorial: every exercise, each section once', () => {
    for (const n of [1, 2, 4, 5]) expect(SECTIONS.some((s) => s.title.startsWith(`Exercise ${n}:`)), `Exercise ${n}`).toBe(true);
    expect(out).toContain('Exercise 3.1: a multiplication table');
    expect(out).toContain('Exercise 3.2: 3-D broadcasting');
    expect(new Set(SECTIONS.map((s) => `${s.id} ${s.title}`)).size).toBe(SECTIONS.length);
  });

  it('times the tutorial\'s comparisons: list vs array, loops vs vectorised, the distance matrix', () => {
    expect(out).toMatch(/npMultiply\(arr\)\s+\(np\.multiply\)\s+[\d.]+ (ns|µs|ms|s)/);
    expect(out).toMatch(/applyFunctionVectorized\(data\)\s+[\d.]+ (ns|µs|ms|s)/);
    expect(out).toMatch(/runningAverageVectorized\(matrix\)\s+[\d.]+ (ns|µs|ms|s)/);
    for (const m of ['broadcasting', "broadcasting \\+ einsum\\('ijk,ijk->ij'\\)", 'algebraic trick \\(einsum \\+ matmul\\)', 'chunked trick \\(\\d+-row blocks\\)', 'np\\.distance\\.cdist']) {
      expect(out, m).toMatch(new RegExp(`\\n${m}\\s+[\\d.]+ (ns|µs|ms|s)\\s+[\\d.]+e[-+]\\d+\\n`));
    }
    expect(out).toMatch(/Matrix multiplication\s+[\d.]+ (ns|µs|ms|s)\s+[\d.]+%/);
    expect(out).toMatch(/largeData @ largeData\.T  \(2 threads\)\s+[\d.]+ (ns|µs|ms|s)/);
    expect(out).toMatch(/Computing 1000×1000 distance matrix\.\.\.\nTotal operations: ~0\.1 billion\nCompleted in [\d.]+ seconds/);
  });

  it('runs the recommender and reports its throughput and peak memory', () => {
    expect(out).toMatch(/Ranked 4,000 users in [\d.]+ s: [\d,]+ users\/s/);
    expect(out).toMatch(/Peak memory: [\d.]+ MB of live arrays/);
    expect(out).toContain('peak live array memory stays bounded');
    expect(out).toMatch(/Brute force on 20 users/);
  });

  it('restores the thread budget it changes', () => {
    expect(np.getNumThreads()).toBe(threadsBefore);
  });
});

describe('showcase checks', () => {
  it('records a failed check, which makes the run fail', () => {
    const ctx = new ShowcaseContext({ quick: true, write: () => {}, progress: null });
    expect(ctx.check('same shape', [2, 3], [2, 3])).toBe(true);
    expect(ctx.check('bigint vs number', 1n, 1)).toBe(false);
    expect(ctx.failures.map((f) => f.label)).toEqual(['bigint vs number']);
  });
});

describe('numnode CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
    const code = await main(argv);
    vi.restoreAllMocks();
    return { code, out, err };
  }

  it('prints help with exit code 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/usage: numnode <command>/);
    expect(r.out).toMatch(/bench/);
    expect(r.out).toMatch(/showcase/);
  });

  it('rejects an unknown command with a message and exit code 2', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'frobnicate'");
  });

  it('prints the configuration as np.showConfig() does', async () => {
    const r = await run(['config']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`version: ${np.version}`);
    const j = await run(['config', '--json']);
    expect(JSON.parse(j.out)).toMatchObject({ numnode: { version: np.version } });
    expect((await run(['config', '--bogus'])).code).toBe(2);
  });

  it('rejects unknown showcase options with exit code 2', async () => {
    expect((await run(['showcase', '--slow'])).code).toBe(2);
  });
});
