// Exercises every native entry point family once per round, at small sizes, with the
// native backend forced (no size thresholds), so that valgrind (scripts/leak-check.sh)
// sees the addon's allocation paths: elementwise, casts/copies, reductions and scans,
// matmul/einsum/cdist, sort/selection, random, .npy save/load (also mmap), np.promises
// (the libuv-pool job path), and error paths that throw from inside the addon.
//   node scripts/leak/exercise.cjs [rounds]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const np = require('../../dist/index.js');

if (!np.config().backend.native) {
  console.error(`exercise: the native addon did not load: ${np.config().backend.loadError}`);
  process.exit(2);
}
np.setBackend('native');
const ROUNDS = Number(process.argv[2] ?? 3);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'numnode-leak-'));

function expectThrow(fn, what) {
  try { fn(); } catch (e) {
    if (typeof e.code !== 'string') throw new Error(`${what}: uncoded error ${e}`);
    return;
  }
  throw new Error(`${what}: did not throw`);
}

function syncRound(r) {
  const rng = np.random.defaultRng(r);
  const a = rng.standardNormal([17, 13]);
  const b = rng.random([13, 11], { dtype: 'float32' });
  const i = rng.integers(0, 100, [64]);
  // elementwise (every dtype family, strided and broadcast views, out=, where=)
  np.add(a, 1);
  np.multiply(a.T, a.T);
  np.exp(a.slice(null, np.s(null, null, -2)));
  np.sqrt(np.abs(a), { out: np.emptyLike(a) });
  np.where(np.greater(a, 0), a, 0);
  np.clip(i, 10, 20);
  np.power(b, 2);
  np.add(i.astype('int8'), i.astype('uint16'));
  a.astype('int32').astype('float32');
  np.copy(a.T);
  // reductions and scans
  np.sum(a); np.sum(a, { axis: 0 }); np.mean(b, { axis: 1 }); np.std(a);
  np.max(i); np.argmin(a, { axis: 1 }); np.all(np.greater(i, -1)); np.nansum(a);
  np.cumsum(a, { axis: 1 }); np.cumprod(i.slice(np.s(0, 8)));
  // linear algebra
  np.matmul(a, a.T); np.matmul(b.T, b); np.dot(a.slice(0), a.slice(1));
  np.einsum('ij,jk->ik', a, a.T); np.einsum('ij,ij->', a, a); np.einsum('ii->i', np.eye(5));
  np.einsum('ij,jk,kl->il', a, a.T, a, { optimize: true });
  np.distance.cdist(a, a.slice(np.s(0, 5))); np.distance.pdist(b, { metric: 'cosine' });
  // sort / selection
  np.sort(a, { axis: 0 }); np.argsort(i); np.partition(i, 5); np.unique(i);
  np.take(a, [1, 2, 3], { axis: 0 }); np.nonzero(np.greater(a, 0.5)); np.searchsorted(np.sort(i), i);
  np.median(a); np.percentile(a, 25);
  // random: several distributions and dtypes
  rng.random([100]); rng.integers(0, 200, [50], { dtype: 'uint8' }); rng.normal(0, 1, [64]);
  rng.exponential(1, [32]); rng.permutation(20); rng.choice(10, [5]);
  // .npy / .npz files, also memory-mapped
  const f = path.join(dir, `a${r}.npy`);
  np.save(f, a);
  np.load(f);
  const m = np.load(f, { mmapMode: 'r' });
  np.sum(m);
  np.fromNpy(np.toNpy(b.T));
  np.savez(path.join(dir, 'z.npz'), a, b);
  // errors thrown from inside the addon and from argument validation
  expectThrow(() => np.matmul(a, a), 'matmul shape');
  expectThrow(() => np.add(a, np.ones([3])), 'broadcast');
  expectThrow(() => np.sum(a, { axis: 5 }), 'axis');
  expectThrow(() => np.einsum('ij,jk->q', a, a), 'einsum');
  expectThrow(() => np.load(path.join(dir, 'missing.npy')), 'missing file');
  expectThrow(() => np.fromNpy(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 255, 255])), 'bad npy');
  const ab = new ArrayBuffer(800);
  const fb = np.frombuffer(ab, { dtype: 'float64' });
  structuredClone(ab, { transfer: [ab] }); // detaches fb's buffer
  expectThrow(() => np.add(fb, 1), 'detached');
}

async function asyncRound(r) {
  const rng = np.random.defaultRng(100 + r);
  const a = rng.standardNormal([24, 24]);
  await Promise.all([
    np.promises.matmul(a, a),
    np.promises.sum(a, { axis: 0 }),
    np.promises.einsum('ij,jk->ik', a, a),
    np.promises.exp(a),
    np.promises.distance.cdist(a, a),
    np.promises.cumsum(a),
    np.promises.copy(a.T),
  ]);
  const ctl = new AbortController();
  const p = np.promises.matmul(a, a, { signal: ctl.signal });
  ctl.abort();
  await p.catch(() => {});
  await np.promises.add(a, np.ones([3])).then(() => { throw new Error('no reject'); }, () => {});
  const f = path.join(dir, `p${r}.npy`);
  await np.promises.save(f, a);
  await np.promises.load(f);
}

(async () => {
  for (let r = 0; r < ROUNDS; r++) {
    syncRound(r);
    await asyncRound(r);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  // Collect and let the finalizers run (they run on the event loop after a GC), so that
  // what is left at exit is what nothing frees, not what V8 had not collected yet.
  if (typeof global.gc === 'function') {
    for (let i = 0; i < 4; i++) {
      global.gc();
      await new Promise((r) => setImmediate(r));
    }
  }
  console.log(`exercise: ${ROUNDS} rounds ok`);
})().catch((e) => { console.error(e); process.exit(1); });
