// worker_threads: the addon is context-aware (loads in every worker, per-worker
// state, no process-wide JavaScript state), arrays over a SharedArrayBuffer are
// computed on in place by several workers, all workers share one thread budget, and
// a worker that exits with async calls pending takes nothing down with it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { native } from '../src/backend/native/loader';
import { nativeLoaded } from './helpers/backends';
import { childEnv, numnodeBundle, removeBundles } from './helpers/bundle';
import { ROOT } from './helpers/fixtures';

afterAll(removeBundles);

/** Runs `body` (CommonJS source with `np`, `workerData` and `post` in scope) in a worker; resolves to what it posts. */
async function inWorker<T>(body: string, workerData: unknown = null): Promise<{ worker: Worker; result: Promise<T> }> {
  const bundle = await numnodeBundle();
  const env = childEnv();
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const np = require(${JSON.stringify(bundle)});
    const post = (v) => parentPort.postMessage(v);
    (async () => { ${body} })().catch((e) => post({ error: String(e && e.stack || e) }));
  `;
  const worker = new Worker(source, { eval: true, workerData, env });
  const result = new Promise<T>((resolve, reject) => {
    worker.once('message', (m: T & { error?: string }) => (m && m.error ? reject(new Error(m.error)) : resolve(m)));
    worker.once('error', reject);
  });
  return { worker, result };
}

describe('numnode in worker threads', () => {
  it('loads in several workers at once, each with its own addon instance, and computes sync and async', async () => {
    const runs = await Promise.all(Array.from({ length: 3 }, (_, w) => inWorker<{
      native: boolean; mode: string; sum: number; async: number; capable: number; err: string;
    }>(`
      const a = np.add(np.zeros([300, 300]), ${w});
      const p = await np.promises.matmul(a, np.ones([300, 2]));
      let err = '';
      try { np.add(np.ones([2]), np.ones([3])); } catch (e) { err = e.code; }
      post({ native: np.config().backend.native, mode: np.getBackend(), sum: np.sum(a), async: p.get(7, 1),
        capable: np.promisesStats().async, err });
    `)));
    const results = await Promise.all(runs.map((r) => r.result));
    results.forEach((r, w) => {
      expect(r.native).toBe(nativeLoaded);
      expect(r.sum).toBe(300 * 300 * w);
      expect(r.async).toBe(300 * w);
      expect(r.err).toBe('ERR_NUMNODE_BROADCAST');
      if (nativeLoaded) expect(r.capable).toBe(1);
    });
    await Promise.all(runs.map((r) => r.worker.terminate()));
  }, 120_000);

  it('4 workers fill slices of one shared matrix in place (frombuffer over SharedArrayBuffers)', async () => {
    const [M, K, N] = [403, 211, 157];
    const sab = { A: new SharedArrayBuffer(M * K * 8), B: new SharedArrayBuffer(K * N * 8), C: new SharedArrayBuffer(M * N * 8) };
    const A = np.frombuffer(sab.A).reshape(M, K);
    const B = np.frombuffer(sab.B).reshape(K, N);
    A.assign(np.subtract(np.remainder(np.arange(M * K, { dtype: 'float64' }).reshape(M, K), 9), 4));
    B.assign(np.subtract(np.remainder(np.arange(K * N, { dtype: 'float64' }).reshape(K, N), 5), 2));
    const C = np.frombuffer(sab.C).reshape(M, N);
    C.fill(NaN);
    const rows = Math.ceil(M / 4);
    const runs = await Promise.all(Array.from({ length: 4 }, (_, w) => inWorker<{ done: number; viewOfShared: boolean }>(`
      const { sab, r0, r1, M, K, N, useAsync } = workerData;
      const A = np.frombuffer(sab.A).reshape(M, K).slice(r0 + ':' + r1);
      const B = np.frombuffer(sab.B).reshape(K, N);
      const C = np.frombuffer(sab.C).reshape(M, N).slice(r0 + ':' + r1);
      const r = useAsync ? await np.promises.matmul(A, B, { out: C }) : np.matmul(A, B, { out: C });
      post({ done: r1 - r0, viewOfShared: r === C && C.buffer === sab.C });
    `, { sab, r0: w * rows, r1: Math.min(M, (w + 1) * rows), M, K, N, useAsync: w % 2 === 0 })));
    const results = await Promise.all(runs.map((r) => r.result));
    expect(results.reduce((s, r) => s + r.done, 0)).toBe(M);
    for (const r of results) expect(r.viewOfShared).toBe(true);
    // exact: small integers
    expect(np.arrayEqual(C, np.matmul(A, B))).toBe(true);
    await Promise.all(runs.map((r) => r.worker.terminate()));
  }, 120_000);

  it.skipIf(!nativeLoaded)('workers and the main thread share one budget', async () => {
    const b = native().binding!;
    b.asyncResetPeak!();
    const runs = await Promise.all(Array.from({ length: 3 }, () => inWorker<{ ok: boolean }>(`
      const a = np.ones([400, 400]);
      const rs = await Promise.all(Array.from({ length: 4 }, () => np.promises.matmul(a, a)));
      post({ ok: rs.every((r) => r.get(3, 3) === 400) });
    `)));
    const mine = await Promise.all(Array.from({ length: 4 }, () => np.promises.matmul(np.ones([400, 400]), np.ones([400, 400]))));
    const results = await Promise.all(runs.map((r) => r.result));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(mine.every((r) => r.get(0, 0) === 400)).toBe(true);
    // synchronous calls take at least one core even when none is free, so the peak may
    // exceed the budget by this thread only; async jobs alone never do
    expect(b.asyncStats!().peakInUse).toBeLessThanOrEqual(np.getNumThreads() + 1);
    expect(b.asyncStats!().inUse).toBe(0);
    await Promise.all(runs.map((r) => r.worker.terminate()));
  }, 120_000);

  it('a worker terminated with async calls pending takes nothing down with it', async () => {
    for (let round = 0; round < 3; round++) {
      const { worker, result } = await inWorker<{ started: boolean }>(`
        const a = np.ones([900, 900]);
        for (let i = 0; i < 8; i++) np.promises.matmul(a, a);
        post({ started: true });
        setInterval(() => {}, 1000);
      `);
      expect((await result).started).toBe(true);
      await worker.terminate();
    }
    // this thread still computes, sync and async
    const r = await np.promises.matmul(np.ones([50, 50]), np.ones([50, 50]));
    expect(r.get(1, 1)).toBe(50);
    if (nativeLoaded) expect(np.promisesStats().native!.inUse).toBe(0);
  }, 120_000);
});

describe('examples/workers-shared-matrix.mjs', () => {
  it('runs and reports OK', async () => {
    const bundle = await numnodeBundle();
    const r = spawnSync(process.execPath, [join(ROOT, 'examples', 'workers-shared-matrix.mjs')], {
      env: childEnv({ NUMNODE_MODULE: bundle }), encoding: 'utf8', timeout: 240_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/by 4 workers in \d+ ms: OK/);
    expect(r.stdout.match(/^worker \d: rows/gm)).toHaveLength(4);
  }, 300_000);
});
