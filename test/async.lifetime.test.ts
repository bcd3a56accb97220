// Buffer lifetimes under np.promises: 1,000 calls pending at once while their inputs'
// buffers are detached, transferred, shrunk, dropped or aborted, with forced garbage
// collections all along, run in a child `node --expose-gc` (test/helpers/async-stress.cjs).
// Every outcome must be the right values or the synchronous call's coded error, and
// the process must exit cleanly. Under `npm run test:asan` the child inherits the
// sanitizer set-up (LD_PRELOAD, ASAN_OPTIONS, NUMNODE_ADDON_PATH), so the same run is
// checked by AddressSanitizer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { nativeLoaded } from './helpers/backends';
import { childEnv, numnodeBundle, removeBundles } from './helpers/bundle';

afterAll(removeBundles);

interface StressReport {
  calls: number;
  ok: number;
  expectedErrors: number;
  aborted: number;
  failures: string[];
  nfailures: number;
  stats: { async: number; syncFallbacks: number; native: { started: number; completed: number; inUse: number } | null };
}

function runStress(bundle: string, extraEnv: Record<string, string> = {}): StressReport {
  const r = spawnSync(process.execPath, ['--expose-gc', join(__dirname, 'helpers', 'async-stress.cjs'), bundle, '1000'], {
    env: childEnv(extraEnv), encoding: 'utf8', timeout: 240_000, maxBuffer: 16 * 1024 * 1024,
  });
  expect(r.signal, `the child was killed by ${r.signal}: ${r.stderr}`).toBe(null);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as StressReport;
}

describe('1,000 pending calls with detached, transferred, shrunk and collected inputs', () => {
  it('every call gives the right values or the synchronous error; no crash', async () => {
    const rep = runStress(await numnodeBundle());
    expect(rep.failures, `${rep.nfailures} failures`).toEqual([]);
    expect(rep.ok + rep.expectedErrors + rep.aborted).toBe(rep.calls);
    // inputs detached or shrunk before the call: 2 of every 9 calls
    expect(rep.expectedErrors).toBeGreaterThan(150);
    if (nativeLoaded) {
      // aborted while queued (on the TypeScript backend every call settles at once)
      expect(rep.aborted).toBeGreaterThan(0);
      // they really ran on the pool (not synchronously)
      expect(rep.stats.async).toBeGreaterThan(600);
      expect(rep.stats.syncFallbacks).toBe(0);
      expect(rep.stats.native!.inUse).toBe(0);
    }
  }, 300_000);

  it.skipIf(!nativeLoaded)('the same with one thread and a one-thread libuv pool (maximal queueing)', async () => {
    const rep = runStress(await numnodeBundle(), { NUMNODE_NUM_THREADS: '1', UV_THREADPOOL_SIZE: '1' });
    expect(rep.failures, `${rep.nfailures} failures`).toEqual([]);
    expect(rep.ok + rep.expectedErrors + rep.aborted).toBe(rep.calls);
  }, 300_000);
});

describe('inputs that nothing else references', () => {
  it('arrays created in the call and dropped at once are kept alive until the kernels ran', async () => {
    const ps: Promise<np.NDArray>[] = [];
    for (let i = 0; i < 50; i++) {
      ps.push(np.promises.matmul(np.full([120, 80], i), np.ones([80, 60])));
      ps.push(np.promises.add(np.arange(10_000, { dtype: 'float64' }), i));
    }
    const rs = await Promise.all(ps);
    for (let i = 0; i < 50; i++) {
      expect(rs[2 * i]!.get(119, 59)).toBe(80 * i);
      expect(rs[2 * i + 1]!.get(9_999)).toBe(9_999 + i);
    }
  });
});
