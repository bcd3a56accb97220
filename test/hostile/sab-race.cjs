// Child process of test/hostile.test.ts: arrays over SharedArrayBuffers that a worker
// thread rewrites continuously while this thread computes on them -- values, integer
// index arrays (bounds checked, then used: a classic time-of-check/time-of-use race),
// boolean masks (counted, then gathered) and sort inputs. Results may be racy; what must
// hold is that the process survives and every failure is a coded error.
//   node sab-race.cjs <numnode bundle> <backend js|native> <rounds>
// Prints one JSON line: { rounds, ok, coded, uncoded: [...] }.
'use strict';
const { Worker, isMainThread, workerData } = require('node:worker_threads');

if (!isMainThread) {
  const { vals, idx, mask, stop } = workerData;
  const f = new Float64Array(vals);
  const ix = new BigInt64Array(idx);
  const m = new Uint8Array(mask);
  const s = new Int32Array(stop);
  let k = 0;
  Atomics.store(s, 1, 1); // started
  while (Atomics.load(s, 0) === 0) {
    for (let i = 0; i < 64; i++) {
      k = (k * 1103515245 + 12345) >>> 0;
      f[k % f.length] = (k & 7) === 0 ? NaN : (k % 2001) - 1000;
      // indices flip between valid and wildly out of bounds
      ix[(k >>> 3) % ix.length] = (k & 1) ? BigInt(k % 100) : BigInt(-(k % 7) * 1e12 + 1e15 * (k & 2));
      m[(k >>> 5) % m.length] = k & 1;
    }
    Atomics.add(s, 2, 1);
  }
  return;
}

const np = require(process.argv[2]);
np.setBackend(process.argv[3] || 'native');
const ROUNDS = Number(process.argv[4] || 300);
const N = 100;
const vals = new SharedArrayBuffer(N * 8);
const idx = new SharedArrayBuffer(64 * 8);
const mask = new SharedArrayBuffer(N);
const stop = new SharedArrayBuffer(12);
const v = np.frombuffer(vals, { dtype: 'float64' });
const ix = np.frombuffer(idx, { dtype: 'int64' });
const m = np.frombuffer(mask, { dtype: 'bool' });
const w = new Worker(__filename, { workerData: { vals, idx, mask, stop } });

let ok = 0; let coded = 0; const uncoded = [];
const ops = [
  () => np.take(v, ix),
  () => np.take(v, ix, { mode: 'clip' }),
  () => v.index(ix),
  () => v.index(m),
  () => np.compress(m, v),
  () => np.extract(m, v),
  () => np.nonzero(m),
  () => np.flatnonzero(v),
  () => np.zeros([N]).indexSet([ix], 1),
  () => np.zeros([N]).indexSet([m], v),
  () => np.put(np.zeros([N]), ix, 1),
  () => np.sort(v),
  () => np.argsort(v),
  () => np.partition(v, 50),
  () => np.unique(v),
  () => np.searchsorted(np.sort(v), v),
  () => np.median(v),
  () => np.percentile(v, 90),
  () => np.sum(v), () => np.cumsum(v), () => np.argmax(v), () => np.nanmax(v),
  () => np.matmul(v.reshape([10, 10]), v.reshape([10, 10])),
  () => np.einsum('ij,jk->ik', v.reshape([10, 10]), v.reshape([10, 10])),
  () => np.bincount(ix),
  () => np.histogram(v, { bins: 10 }),
  () => np.add(v, v, { out: v }),
  () => np.where(m, v, 0),
];
(async () => {
  const flags = new Int32Array(stop);
  while (Atomics.load(flags, 1) === 0) await new Promise((r) => setTimeout(r, 5)); // the worker writes from now on
  for (let r = 0; r < ROUNDS; r++) {
    for (const op of ops) {
      try { op(); ok++; } catch (e) {
        if (e && typeof e.code === 'string' && e.code.startsWith('ERR_NUMNODE_')) coded++;
        else if (uncoded.length < 10) uncoded.push(`${op.toString()}: ${e && e.message}`);
      }
    }
    if (r % 20 === 0) {
      try { await np.promises.sum(v); await np.promises.matmul(v.reshape([10, 10]), v.reshape([10, 10])); ok++; } catch (e) {
        if (e && typeof e.code === 'string') coded++; else uncoded.push(String(e));
      }
    }
  }
  Atomics.store(flags, 0, 1);
  const writerLoops = Atomics.load(flags, 2);
  await w.terminate();
  process.stdout.write(`${JSON.stringify({ rounds: ROUNDS, ok, coded, writerLoops, uncoded })}\n`);
})();
