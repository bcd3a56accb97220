// The benchmark suite (bench/): the workload files load and are well formed, every
// contender of every case runs and computes what the others compute (numnode on both
// backends, plain JS, and NumPy's shape and dtype when python3 has numpy), and the
// runner's pieces (statistics, ratios, table, chart, arguments) behave. The compiled
// runner is run end to end on one case when dist/bench exists.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { ratioChart } from '../bench/chart';
import { measure, moreSamples } from '../bench/measure';
import { checkNumpy, numpyEnv, UNSET_FOR_NUMPY } from '../bench/numpy-timer';
import { ratios, resultsTable, type CaseResult } from '../bench/report';
import { parseArgs } from '../bench/run';
import { batchSizes, formatRatio, formatSeconds, median, summarize } from '../bench/stats';
import { FULL, JS_IMPLS, QUICK, type ImplResult, type Numnode } from '../bench/types';
import { openSession, prepare, selectBackend } from '../bench/worker-core';
import { loadAll, workloadFiles } from '../bench/workloads';

const lib = np as unknown as Numnode;
const nativeLoaded = np.config().backend.native;

afterEach(() => np.setBackend('auto'));

describe('workload files', () => {
  it('are found and each exports well-formed cases with unique ids', async () => {
    expect(workloadFiles().map((f) => f.split(/[\\/]/).pop())).toEqual(expect.arrayContaining(['memory.ts', 'views.ts', 'strides.ts']));
    const all = await loadAll();
    expect(all.length).toBeGreaterThan(20);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const { id, case: c } of all) {
      expect(c.group, id).toMatch(/^[a-z-]+$/);
      expect(c.size.length, id).toBeGreaterThan(0);
      expect(c.native ?? c.ts, `${id} has numnode contenders`).toBeDefined();
      expect(c.numpy?.stmt, `${id} has a NumPy statement`).toBeTruthy();
      for (const impl of JS_IMPLS) {
        if (c[impl] === undefined) expect(c.absent?.[impl], `${id}: why is ${impl} missing?`).toBeTruthy();
      }
    }
  });

  it('cover what the Foundation issue asks for', async () => {
    const ids = (await loadAll()).map((c) => c.id);
    for (const want of [
      /^memory\/np\.empty\(100\) \+ touch/, /^memory\/np\.empty\(1000000\) \+ touch/, /^memory\/np\.empty\(10000000\) \+ touch/,
      /^creation\/np\.empty\(/, /^creation\/np\.zeros\(/, /^creation\/np\.ones\(/, /^creation\/np\.full\(/,
      /^views\/x\.T$/, /^views\/x\.ravel\(\)$/, /^views\/x\[1000:4000, ::2\]$/, /^views\/x\.T\.ravel\(\)$/,
      /^views-vs-copies\//, /^strides\/x\.copy\(order='F'\)$/,
    ]) expect(ids.some((id) => want.test(id)), String(want)).toBe(true);
  });
});

/**
 * Elements of a contender's result in memory order (an NDArray's ravel('K'), as a
 * plain JS contender lays out an F-ordered copy by hand).
 */
function elements(r: unknown): ArrayLike<number | bigint> {
  if (r instanceof np.NDArray) return r.ravel('K').toTypedArray() as ArrayLike<number | bigint>;
  if (ArrayBuffer.isView(r)) return r as unknown as ArrayLike<number | bigint>;
  if (Array.isArray(r)) return r as number[]; // a JS Array contender (tutorial/data * 2 vs the list comprehension)
  if (typeof r === 'number' || typeof r === 'bigint') return [r]; // full reductions return JS scalars
  throw new Error(`unexpected result ${String(r)}`);
}

function sameElements(a: ArrayLike<number | bigint>, b: ArrayLike<number | bigint>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Number(a[i]) !== Number(b[i])) return false;
  return true;
}

describe('every contender of every case', () => {
  it('runs, and the contenders agree with each other and with NumPy\'s shape and dtype', async () => {
    const all = await loadAll();
    const numpy = await checkNumpy(all.map((c) => c.case.numpy!));
    let comparedWithNumpy = 0;
    const states = new Map<string, unknown>();
    let lastSetup: unknown;
    for (const [k, { id, case: c }] of all.entries()) {
      const results = new Map<string, unknown>();
      // Consecutive cases often share a setup (a 5000×5000 matrix): build it once per contender.
      if (c.setup !== lastSetup) { states.clear(); lastSetup = c.setup; }
      for (const impl of JS_IMPLS) {
        const fn = c[impl];
        if (fn === undefined || (impl === 'native' && !nativeLoaded)) continue;
        expect(selectBackend(lib, impl)).toBeNull();
        if (!states.has(impl)) states.set(impl, c.setup?.({ np: lib, impl }));
        results.set(impl, fn(states.get(impl), lib));
        np.setBackend('auto');
      }
      // A native-only case (the thread-count cases) has nothing to run without the addon (NUMNODE_BACKEND=js).
      if (results.size === 0 && !nativeLoaded && c.ts === undefined && c.plainjs === undefined) continue;
      expect(results.size, `${id} ran something`).toBeGreaterThan(0);

      const py = numpy[k]!;
      if (py.status === 'error') throw new Error(`${id}: NumPy statement failed: ${py.reason}`);
      for (const impl of ['native', 'ts'] as const) {
        const r = results.get(impl);
        if (!(r instanceof np.NDArray) || py.status !== 'ok' || py.shape === undefined) continue;
        expect([...r.shape], `${id} [${impl}] shape vs NumPy`).toEqual(py.shape);
        expect(r.dtype, `${id} [${impl}] dtype vs NumPy`).toBe(py.dtype);
        comparedWithNumpy++;
      }

      if (c.sameResult === false) continue;
      const [first, ...rest] = [...results];
      for (const [impl, r] of rest) {
        expect(sameElements(elements(first![1]), elements(r)), `${id}: ${impl} computes what ${first![0]} computes`).toBe(true);
      }
    }
    // Without python3/numpy the comparison is skipped, not failed (the note says why).
    if (numpy.every((p) => p.status === 'skipped')) console.warn(`NumPy not compared: ${(numpy[0] as { reason: string }).reason}`);
    // Two numnode contenders per case with the addon; only the TypeScript one without it (NUMNODE_BACKEND=js).
    else expect(comparedWithNumpy).toBeGreaterThan(nativeLoaded ? all.length : all.length / 2);
  }, 1_200_000);
});

describe('worker preparation', () => {
  it('skips a missing contender with the case\'s reason, and runs a present one', async () => {
    const xT = (await loadAll(/^views\/x\.T$/))[0]!.case;
    expect(prepare(lib, xT, 'plainjs')).toEqual({ skip: xT.absent!.plainjs });
    const p = prepare(lib, (await loadAll(/^creation\/np\.zeros/))[0]!.case, 'ts');
    expect(np.getBackend()).toBe('js');
    expect('fn' in p && (p.fn() as { shape: number[] }).shape).toEqual([1000, 1000]);
  });
});

describe('worker session (one process per contender per workload file)', () => {
  it('times a file\'s cases one after another, and reports an unknown case', async () => {
    const file = (await loadAll(/^views\/x\.T$/))[0]!.file;
    const ids = (await loadAll()).filter((c) => c.file === file).map((c) => c.id).slice(0, 2);
    expect(ids.length).toBe(2);
    const run = await openSession(lib, { file, impl: 'ts', settings: { warmupMs: 1, batchTargetMs: 1, budgetMs: 5, minSamples: 2 } });
    for (const id of ids) {
      const r = await run(id);
      expect(r.status, id).toBe('ok');
      if (r.status === 'ok') expect(r.stats.samples).toBeGreaterThanOrEqual(2);
    }
    expect(await run('views/no such case')).toEqual({ status: 'error', reason: expect.stringContaining('not found') as unknown });
  }, 120_000);
});

describe('timing', () => {
  it('batch sizes follow timeit.autorange: 1, 2, 5, 10, 20, 50, …', () => {
    const it = batchSizes();
    expect(Array.from({ length: 7 }, () => it.next().value)).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });

  it('median and summary use the same definitions as Python\'s statistics module', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const s = summarize([1, 2, 3, 4], 10);
    expect(s).toMatchObject({ median: 2.5, min: 1, mean: 2.5, samples: 4, batch: 10 });
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12); // statistics.stdev([1, 2, 3, 4])
  });

  it('measures per-call time with tinybench in batches', async () => {
    let calls = 0;
    const spin = () => { const t = performance.now(); while (performance.now() - t < 0.2); calls++; return calls; };
    const s = await measure(spin, { ...QUICK, budgetMs: 30 });
    expect(s.median).toBeGreaterThan(0.15e-3);
    expect(s.median).toBeLessThan(5e-3);
    expect(s.batch).toBeGreaterThanOrEqual(5); // 0.2 ms calls need 5 to fill a 1 ms batch
    expect(s.samples).toBeGreaterThanOrEqual(QUICK.minSamples);
  });

  it('counts the calibration batch as the first sample, and --quick caps a slow contender at maxMs', () => {
    // Fast calls: the budget decides (minus the first sample's time).
    expect(moreSamples(1, FULL)).toEqual({ timeMs: FULL.budgetMs - 1, iterations: FULL.minSamples - 1 });
    expect(moreSamples(1, QUICK)).toEqual({ timeMs: QUICK.budgetMs - 1, iterations: QUICK.minSamples - 1 });
    // Without a cap a 3 s call still gets minSamples; with --quick's it gets the one it has.
    expect(moreSamples(3000, FULL)).toEqual({ timeMs: 0, iterations: FULL.minSamples - 1 });
    expect(QUICK.maxMs).toBe(500);
    expect(moreSamples(3000, QUICK)).toEqual({ timeMs: 0, iterations: 0 });
    expect(moreSamples(300, QUICK)).toEqual({ timeMs: 0, iterations: 1 }); // 2 samples of 300 ms
    expect(moreSamples(150, QUICK)).toEqual({ timeMs: 0, iterations: 2 }); // minSamples still applies under the cap
  });

  it('a slow call costs a warm-up call and the capped samples, nothing more', async () => {
    let calls = 0;
    const slow = () => { const t = performance.now(); while (performance.now() - t < 60); return ++calls; };
    const s = await measure(slow, { ...QUICK, maxMs: 100 });
    // warm-up 1 + calibration batch (the first sample) 1 + ceil((100 - 60) / 60) = 1 more; tinybench
    // is told the task is synchronous, so it does not call it once more to find out.
    expect(s.samples).toBe(2);
    expect(calls).toBe(3);
  });

  it('unsets the OpenBLAS tuning variables for NumPy only', () => {
    const saved = process.env.OPENBLAS_CORETYPE;
    process.env.OPENBLAS_CORETYPE = 'Haswell';
    try {
      expect(numpyEnv().OPENBLAS_CORETYPE).toBeUndefined();
      expect(process.env.OPENBLAS_CORETYPE).toBe('Haswell');
      expect(UNSET_FOR_NUMPY).toEqual(['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']);
    } finally {
      if (saved === undefined) delete process.env.OPENBLAS_CORETYPE; else process.env.OPENBLAS_CORETYPE = saved;
    }
  });
});

describe('report', () => {
  const ok = (median: number): ImplResult => ({ status: 'ok', stats: { median, min: median, mean: median, sd: 0, samples: 3, batch: 1 } });
  const results = { native: ok(2e-6), ts: ok(4e-6), plainjs: { status: 'skipped', reason: 'no views' }, numpy: ok(1e-6) } as const;
  const c: CaseResult = { id: 'views/x.T', group: 'views', name: 'x.T', size: '5000×5000', results, ratios: ratios(results) };

  it('computes ratios as numnode-native time over the other time', () => {
    expect(c.ratios).toEqual({ nativeVsNumpy: 2, nativeVsPlainjs: null, nativeVsTs: 0.5, tsVsNumpy: 4 });
    expect(formatRatio(2)).toBe('2.00×');
    expect(formatRatio(null)).toBe('—');
    expect(formatSeconds(2e-6)).toBe('2.00 µs');
    expect(formatSeconds(0.0123)).toBe('12.3 ms');
  });

  it('prints a table with the skipped contenders explained', () => {
    const t = resultsTable([c]);
    expect(t).toMatch(/x\.T\s+5000×5000\s+2\.00 µs\s+4\.00 µs\s+—\s+1\.00 µs\s+2\.00×\s+—\s+0\.50×\s+4\.00×/);
    expect(t).toContain('plain JS skipped: no views');
  });

  it('draws one bar per available ratio in a well-formed SVG', () => {
    const svg = ratioChart([c], 'test <chart>');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('test &lt;chart&gt;');
    // 3 legend swatches + the background + 2 bars (native÷NumPy, native÷ts).
    expect(svg.match(/<rect /g)?.length).toBe(1 + 3 + 2);
  });
});

describe('runner arguments', () => {
  it('parses --filter, --quick, --json, --out and rejects the rest', () => {
    const o = parseArgs(['--quick', '--filter', '^views/', '--json', '--out=/tmp/x']);
    expect(o).toMatchObject({ quick: true, json: true, outDir: '/tmp/x' });
    expect('filter' in o && o.filter?.test('views/x.T')).toBe(true);
    expect(parseArgs(['--bogus'])).toEqual({ error: "unknown option '--bogus'" });
    expect(parseArgs(['--filter'])).toEqual({ error: '--filter needs a value' });
    expect(parseArgs(['--help'])).toEqual({ help: true });
  });
});

const runner = join(__dirname, '..', 'dist', 'bench', 'run.js');

describe.skipIf(!existsSync(runner))('compiled runner (dist/bench/run.js)', () => {
  it('runs one case end to end and prints JSON only', () => {
    const r = spawnSync(process.execPath, [runner, '--quick', '--json', '--filter', '^views/x\\.T$'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { cases: CaseResult[]; machine: { cpu: { model: string }; numnode: unknown }; protocol: { statistic: string } };
    expect(doc.cases.map((c) => c.id)).toEqual(['views/x.T']);
    const res = doc.cases[0]!.results;
    expect(res.ts.status).toBe('ok');
    expect(res.native.status).toBe(nativeLoaded ? 'ok' : 'skipped');
    expect(res.plainjs.status).toBe('skipped');
    expect(['ok', 'skipped']).toContain(res.numpy.status);
    expect(doc.protocol.statistic).toMatch(/median/);
    expect(doc.machine.cpu.model.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/\[1\/1\] views\/x\.T/);
  }, 120_000);

  it('gives a hung or crashed contender\'s case an error and goes on with the others in a fresh process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'numnode-bench-'));
    try {
      // Plain CommonJS cases (the compiled runner loads .js workload files); no numnode contender
      // runs native, so the test means the same with and without the addon.
      writeFileSync(join(dir, 'faults.js'), `
        const absent = { native: 'test case' };
        exports.cases = [
          { group: 't', name: 'hang', size: '1', absent, ts: () => { for (;;); }, plainjs: () => 1, numpy: { stmt: 'while True: pass' } },
          { group: 't', name: 'crash', size: '1', absent, ts: () => 1, plainjs: () => process.exit(3), numpy: { stmt: 'import os; os._exit(3)' } },
          { group: 't', name: 'after', size: '1', absent, ts: () => 1, plainjs: () => 2, numpy: { stmt: '1 + 1' } },
        ];
      `);
      const r = spawnSync(process.execPath, [runner, '--quick', '--json'], {
        encoding: 'utf8', timeout: 120_000,
        env: { ...process.env, NUMNODE_BENCH_WORKLOADS: dir, NUMNODE_BENCH_CASE_TIMEOUT_MS: '3000' },
      });
      expect(r.status, r.stderr).toBe(1); // errors were reported
      const doc = JSON.parse(r.stdout) as { cases: CaseResult[] };
      const res = Object.fromEntries(doc.cases.map((c) => [c.name, c.results]));
      expect(Object.keys(res)).toEqual(['hang', 'crash', 'after']);
      expect(res.hang!.ts).toMatchObject({ status: 'error', reason: expect.stringMatching(/timed out/) as unknown });
      expect(res.hang!.plainjs.status).toBe('ok');
      expect(res.crash!.ts.status).toBe('ok'); // a fresh worker after the hung one was killed
      expect(res.crash!.plainjs).toMatchObject({ status: 'error', reason: expect.stringMatching(/exited \(code 3\)/) as unknown });
      expect(res.after!.plainjs.status).toBe('ok');
      expect(res.after!.ts.status).toBe('ok');
      expect(res.after!.native).toEqual({ status: 'skipped', reason: 'test case' });
      const py = [res.hang!.numpy, res.crash!.numpy, res.after!.numpy];
      if (py[2]!.status !== 'skipped') {
        expect(py[0]).toMatchObject({ status: 'error', reason: expect.stringMatching(/timed out/) as unknown });
        expect(py[1]).toMatchObject({ status: 'error', reason: expect.stringMatching(/exited \(code 3\)/) as unknown });
        expect(py[2]!.status).toBe('ok');
      }
      for (const id of ['t/hang', 't/crash', 't/after']) expect(r.stderr).toContain(`] ${id} `);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('exits 2 on an unknown option', () => {
    const r = spawnSync(process.execPath, [runner, '--nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--nope'");
  });
});
