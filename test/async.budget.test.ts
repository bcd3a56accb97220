// One thread budget for the whole process: concurrent async calls split
// getNumThreads() cores instead of each starting a full team; NUMNODE_NUM_THREADS,
// OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set it at load; showConfig() shows it
// and warns about the pthreads build of OpenBLAS. (Speed is measured in
// bench/async.ts, never here.)
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { configWarnings } from '../src/backend/threads';
import { native } from '../src/backend/native/loader';
import { nativeLoaded } from './helpers/backends';
import { childEnv, numnodeBundle, removeBundles } from './helpers/bundle';

afterAll(removeBundles);

/**
 * Threads of this process in state R (running or runnable), from /proc: all of
 * them, and those running numnode jobs (a pool thread is named numnode-job while
 * it runs one; the OpenMP workers it starts inherit the name).
 */
function runnableThreads(): { all: number; jobs: number; nice: number[] } {
  let all = 0;
  let jobs = 0;
  const nice: number[] = [];
  for (const t of readdirSync('/proc/self/task')) {
    try {
      const st = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const job = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')')) === 'numnode-job';
      // fields after the name: state is the 1st, nice the 17th (proc(5): fields 3 and 19)
      const fields = st.slice(st.lastIndexOf(')') + 2).split(' ');
      if (job) nice.push(Number(fields[16]));
      if (fields[0] !== 'R') continue;
      all++;
      if (job) jobs++;
    } catch {
      // the thread exited between the listing and the read
    }
  }
  return { all, jobs, nice };
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
    const samples: { all: number; jobs: number; nice: number[] }[] = [];
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
    // The OS's view. Job threads (pool threads and their OpenMP workers) runnable at
    // once: the budget, plus one for an OpenMP worker spinning down after its team
    // ended; three pool threads each running a full team would show 3 * budget. All
    // threads: mostly the job threads and this (sampling) one; V8's helpers come and go.
    const jobs = samples.map((s) => s.jobs);
    const all = samples.map((s) => s.all);
    if (samples.length > 0) {
      expect(Math.max(...jobs), JSON.stringify(jobs)).toBeLessThanOrEqual(budget + 1);
      expect(percentile(jobs, 0.9), JSON.stringify(jobs)).toBeLessThanOrEqual(budget);
      expect(Math.max(...jobs), 'the sampler saw no job thread at all').toBeGreaterThan(0);
      expect(percentile(all, 0.5), JSON.stringify(all)).toBeLessThanOrEqual(budget + 1);
      // and they run below the event loop's priority (NUMNODE_ASYNC_NICE)
      // (a process started at a higher nice value keeps it: jobs never go above the caller)
      const nices = new Set(samples.flatMap((s) => s.nice));
      expect([...nices]).toEqual([Math.max(np.config().threads.asyncNice, getPriority())]);
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
    [{ NUMNODE_NUM_THREADS: '2', NUMNODE_ASYNC_NICE: '0' }, 2, 'NUMNODE_NUM_THREADS'],
  ];
  for (const [env, expected, source] of cases) {
    it.skipIf(!nativeLoaded)(`${JSON.stringify(env)} -> ${expected ?? 'the CPU count'} (${source})`, async () => {
      const bundle = await numnodeBundle();
      const clean = childEnv();
      for (const k of ['NUMNODE_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS']) delete clean[k];
      const r = spawnSync(process.execPath, ['-e', `
        const np = require(${JSON.stringify(bundle)});
        const c = np.config();
        console.log(JSON.stringify({ n: np.getNumThreads(), source: c.threads.source, omp: c.build.openmp.maxThreads, nice: c.threads.asyncNice,
          blas: c.build.blas.numThreads, procs: c.build.openmp.numProcs }));
      `], { env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout.trim().split('\n').pop()!) as { n: number; source: string; omp: number; blas: number; procs: number; nice: number };
      if (env.NUMNODE_ASYNC_NICE === '0') expect(got.nice).toBe(0);
      expect(got.n).toBe(expected ?? got.procs);
      expect(got.source).toBe(source);
      // OpenMP and OpenBLAS were given the same number
      expect(got.omp).toBe(got.n);
      expect(got.blas).toBe(got.n);
    });
  }

  it.skipIf(!nativeLoaded)('OpenMP spins briefly unless the user chose a policy; children do not inherit it', async () => {
    const bundle = await numnodeBundle();
    const clean = childEnv();
    delete clean.OMP_WAIT_POLICY;
    delete clean.GOMP_SPINCOUNT;
    const probe = (env: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, ['-e', `
        const np = require(${JSON.stringify(bundle)});
        const child = require('child_process').execFileSync(process.execPath, ['-p', '(process.env.OMP_WAIT_POLICY ?? "unset") + "/" + (process.env.GOMP_SPINCOUNT ?? "unset")'], { encoding: 'utf8' }).trim();
        // libgomp took the policy: omp_get_wait_policy is not exported, but the
        // value shows in config() and the environment is as the user left it
        console.log(JSON.stringify({ policy: np.config().threads.ompWaitPolicy, env: (process.env.OMP_WAIT_POLICY ?? 'unset') + '/' + (process.env.GOMP_SPINCOUNT ?? 'unset'), child }));
      `], { env, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { policy: string; env: string; child: string };
    };
    expect(probe(clean)).toEqual({
      policy: 'GOMP_SPINCOUNT=1000 (numnode default: spin briefly, then sleep; OMP_WAIT_POLICY=PASSIVE never spins)',
      env: 'unset/unset',
      child: 'unset/unset',
    });
    expect(probe({ ...clean, OMP_WAIT_POLICY: 'active' })).toEqual({ policy: 'ACTIVE (OMP_WAIT_POLICY)', env: 'active/unset', child: 'active/unset' });
    expect(probe({ ...clean, GOMP_SPINCOUNT: '1000' }).policy).toBe('GOMP_SPINCOUNT=1000 (GOMP_SPINCOUNT)');
  });

  const canDropRoot = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
  it.skipIf(!nativeLoaded || !canDropRoot)('jobs keep normal priority in a process that could not restore it (unprivileged)', async () => {
    const bundle = await numnodeBundle();
    chmodSync(dirname(bundle), 0o755);
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `
      const np = require(${JSON.stringify(bundle)});
      np.promises.matmul(np.ones([200, 200]), np.ones([200, 200])).then((c) =>
        console.log(JSON.stringify({ uid: process.getuid(), nice: np.config().threads.asyncNice, ok: c.get(1, 1) === 200 })));
    `], { env: childEnv(), encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ uid: 65534, nice: 0, ok: true });
    // and as root here: lowered
    expect(np.config().threads.asyncNice).toBe(getPriority() >= 19 ? 0
      : process.env.NUMNODE_ASYNC_NICE === undefined ? 10 : Number(process.env.NUMNODE_ASYNC_NICE));
  });

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
