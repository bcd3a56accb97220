// One thread budget for the whole process: concurrent async calls split
// getNumThreads() cores instead of each starting a full team; NUMNODE_NUM_THREADS,
// OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set it at load; showConfig() shows it
// and warns about the pthreads build of OpenBLAS. (Speed is measured in
// bench/async.ts, never here.)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { configWarnings } from '../src/backend/threads';
import { native } from '../src/backend/native/loader';
import { nativeLoaded } from './helpers/backends';
import { childEnv, numnodeBundle, removeBundles } from './helpers/bundle';

afterAll(removeBundles);

/** Threads of this process in state R (running or runnable), from /proc. */
function runnableThreads(): number {
  let n = 0;
  for (const t of readdirSync('/proc/self/task')) {
    try {
      const st = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      if (st[st.lastIndexOf(')') + 2] === 'R') n++;
    } catch {
      // the thread exited between the listing and the read
    }
  }
  return n;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

describe.skipIf(!nativeLoaded)('the thread budget under concurrent async calls', () => {
  it('8 concurrent 768² matmuls never hold more cores than the budget, and give the right products', async () => {
    const budget = np.getNumThreads();
    expect(np.promisesStats().native!.budget).toBe(budget);
    const a = np.ones([768, 768]);
    const b = np.multiply(np.ones([768, 768]), 0.5);
    resetPeak();
    const samples: number[] = [];
    const timer = setInterval(() => samples.push(runnableThreads()), 2);
    const results = await Promise.all(Array.from({ length: 8 }, () => np.promises.matmul(a, b)));
    clearInterval(timer);
    for (const r of results) {
      expect(r.get(0, 0)).toBe(384);
      expect(r.get(767, 767)).toBe(384);
    }
    const after = np.promisesStats().native!;
    expect(after.peakInUse).toBeLessThanOrEqual(budget);
    expect(after.inUse).toBe(0);
    expect(after.queued).toBe(0);
    expect(after.running).toBe(0);
    // The OS's view: the compute threads plus this (sampling) thread, with some room
    // for V8's GC helpers and OpenMP workers spinning down after a team ends. Four
    // pool threads each running a full team would show 4 * budget + 1.
    if (samples.length > 0) {
      expect(percentile(samples, 0.5), JSON.stringify(samples)).toBeLessThanOrEqual(budget + 1);
      expect(Math.max(...samples), JSON.stringify(samples)).toBeLessThanOrEqual(2 * budget + 2);
    }
  });

  it('a smaller budget binds every call; {threads} caps one call', async () => {
    const prev = np.getNumThreads();
    try {
      np.setNumThreads(1);
      if (prev !== 1) expect(np.config().threads.source).toBe('setNumThreads');
      resetPeak();
      const a = np.ones([300, 300]);
      await Promise.all(Array.from({ length: 6 }, () => np.promises.matmul(a, a)));
      expect(np.promisesStats().native!.peakInUse).toBe(1);
      np.setNumThreads(prev);
      resetPeak();
      await Promise.all(Array.from({ length: 6 }, () => np.promises.matmul(a, a, { threads: 1 })));
      expect(np.promisesStats().native!.peakInUse).toBeLessThanOrEqual(prev);
    } finally {
      np.setNumThreads(prev);
    }
  });

  it('the event loop keeps turning while an async product computes (and not while a sync one does)', async () => {
    const a = np.ones([1200, 1200]);
    let turns = 0;
    let stop = false;
    const spin = (): void => {
      turns++;
      if (!stop) setImmediate(spin);
    };
    setImmediate(spin);
    const r = await np.promises.matmul(a, a);
    stop = true;
    expect(r.get(5, 5)).toBe(1200);
    expect(turns).toBeGreaterThan(3);
    turns = 0;
    stop = false;
    setImmediate(spin);
    np.matmul(a, a);
    const duringSync = turns;
    stop = true;
    expect(duringSync).toBe(0);
  });

  it('synchronous calls during async jobs still compute correctly (they take what cores are free)', async () => {
    const a = np.ones([500, 500]);
    const pending = Array.from({ length: 4 }, () => np.promises.matmul(a, a));
    const s = np.sum(np.matmul(a, a));
    expect(s).toBe(500 * 500 * 500);
    for (const r of await Promise.all(pending)) expect(r.get(1, 2)).toBe(500);
    expect(np.promisesStats().native!.inUse).toBe(0);
  });
});

function resetPeak(): void {
  native().binding?.asyncResetPeak?.();
}

describe('the budget at load and in showConfig()', () => {
  const cases: [Record<string, string>, number | null, string][] = [
    [{ NUMNODE_NUM_THREADS: '3' }, 3, 'NUMNODE_NUM_THREADS'],
    [{ NUMNODE_NUM_THREADS: '3', OMP_NUM_THREADS: '1' }, 3, 'NUMNODE_NUM_THREADS'],
    [{ OMP_NUM_THREADS: '1' }, 1, 'OMP_NUM_THREADS'],
    [{ OMP_NUM_THREADS: '3,2' }, 3, 'OMP_NUM_THREADS'],
    [{ OPENBLAS_NUM_THREADS: '1' }, 1, 'OPENBLAS_NUM_THREADS'],
    [{ OMP_NUM_THREADS: '4', OPENBLAS_NUM_THREADS: '2' }, 2, 'OPENBLAS_NUM_THREADS'],
    [{ OMP_NUM_THREADS: '2', OPENBLAS_NUM_THREADS: '5' }, 2, 'OMP_NUM_THREADS'],
    [{ NUMNODE_NUM_THREADS: 'lots' }, null, 'cpus'],
  ];
  for (const [env, expected, source] of cases) {
    it.skipIf(!nativeLoaded)(`${JSON.stringify(env)} -> ${expected ?? 'the CPU count'} (${source})`, async () => {
      const bundle = await numnodeBundle();
      const clean = childEnv();
      for (const k of ['NUMNODE_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS']) delete clean[k];
      const r = spawnSync(process.execPath, ['-e', `
        const np = require(${JSON.stringify(bundle)});
        const c = np.config();
        console.log(JSON.stringify({ n: np.getNumThreads(), source: c.threads.source, omp: c.build.openmp.maxThreads,
          blas: c.build.blas.numThreads, procs: c.build.openmp.numProcs }));
      `], { env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout.trim().split('\n').pop()!) as { n: number; source: string; omp: number; blas: number; procs: number };
      expect(got.n).toBe(expected ?? got.procs);
      expect(got.source).toBe(source);
      // OpenMP and OpenBLAS were given the same number
      expect(got.omp).toBe(got.n);
      expect(got.blas).toBe(got.n);
    });
  }

  it('config().threads shows the budget; showConfig() prints it and its warnings', () => {
    const c = np.config();
    expect(c.threads.numThreads).toBe(np.getNumThreads());
    expect(typeof c.threads.uvThreadpoolSize).toBe('number');
    if (nativeLoaded) {
      expect(['NUMNODE_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'cpus', 'setNumThreads']).toContain(c.threads.source);
      expect(c.threads.async).not.toBe(null);
    } else {
      expect(c.threads.source).toBe('typescript');
    }
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => { chunks.push(String(s)); return true; }) as typeof process.stdout.write;
    try {
      np.showConfig();
    } finally {
      process.stdout.write = write;
    }
    const text = chunks.join('');
    expect(text).toMatch(/threads:\n {2}numThreads: \d+\n {2}source: /);
    for (const w of c.warnings) expect(text).toContain(`WARNING: ${w}`);
  });

  it('warns when the loaded OpenBLAS is the pthreads build, or the budget exceeds the CPUs', () => {
    const blas = (threading: string) => ({ blas: { threading } }) as Parameters<typeof configWarnings>[0];
    expect(configWarnings(blas('openmp'), 2, 2)).toEqual([]);
    const w = configWarnings(blas('pthreads'), 2, 2);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/pthreads build: child_process.spawn\/exec can hang/);
    expect(configWarnings(blas('openmp'), 8, 2)[0]).toMatch(/exceeds the 2 CPUs/);
    expect(configWarnings(null, 1, 2)).toEqual([]);
    if (nativeLoaded) {
      const build = np.config().build as unknown as { blas: { threading: string } };
      // The addon links OpenBLAS's OpenMP build explicitly (CMakeLists.txt): no warning here.
      expect(build.blas.threading).toBe('openmp');
      expect(np.config().warnings.some((s) => s.includes('pthreads'))).toBe(false);
    }
  });
});
