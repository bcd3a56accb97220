// Four worker threads fill slices of one shared matrix.
//
//   node examples/workers-shared-matrix.mjs
//
// A, B and C live in SharedArrayBuffers; every thread (the main one and each worker)
// makes NDArrays over them with np.frombuffer — views, no copies — and worker w
// computes its block of rows of C = A @ B in place with matmul's `out`, through
// np.promises so that the worker's own event loop stays free. The numnode addon is
// context-aware: each worker loads it for itself, and all of them share one thread
// budget (getNumThreads() cores for the whole process), so four workers on two cores
// run two threads at a time, not eight.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

// The package by default; the tests point NUMNODE_MODULE at a build of src/.
const mod = await import(process.env.NUMNODE_MODULE ?? 'numnode');
const np = mod.default ?? mod;

const M = 1200, K = 700, N = 900, WORKERS = 4;

if (isMainThread) {
  const shared = (rows, cols) => new SharedArrayBuffer(rows * cols * 8);
  const sab = { A: shared(M, K), B: shared(K, N), C: shared(M, N) };
  const A = np.frombuffer(sab.A).reshape(M, K);
  const B = np.frombuffer(sab.B).reshape(K, N);
  // Small integers: every sum of products is exact, so the blocks computed by the
  // workers must equal the product computed in one piece bit for bit.
  A.assign(np.subtract(np.remainder(np.arange(M * K).reshape(M, K), 7), 3));
  B.assign(np.subtract(np.remainder(np.arange(K * N).reshape(K, N), 5), 2));

  const started = performance.now();
  const rows = Math.ceil(M / WORKERS);
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => new Promise((resolve, reject) => {
    const r0 = w * rows, r1 = Math.min(M, r0 + rows);
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { sab, r0, r1 } });
    worker.once('message', (m) => console.log(`worker ${w}: rows ${r0}..${r1 - 1} in ${m.ms.toFixed(1)} ms (${m.threads} threads in its budget)`));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${w} exited with ${code}`))));
  })));
  const elapsed = performance.now() - started;

  const C = np.frombuffer(sab.C).reshape(M, N);
  const expected = np.matmul(A, B);
  const ok = np.arrayEqual(C, expected);
  console.log(`C = A @ B (${M}x${K} @ ${K}x${N}) by ${WORKERS} workers in ${elapsed.toFixed(0)} ms: ${ok ? 'OK' : 'MISMATCH'}`);
  console.log(`peak cores in use at once: ${np.promisesStats().native?.peakInUse ?? 'n/a (TypeScript backend)'} of ${np.getNumThreads()}`);
  if (!ok) process.exitCode = 1;
} else {
  const { sab, r0, r1 } = workerData;
  const t0 = performance.now();
  const A = np.frombuffer(sab.A).reshape(M, K).slice(`${r0}:${r1}`);
  const B = np.frombuffer(sab.B).reshape(K, N);
  const C = np.frombuffer(sab.C).reshape(M, N).slice(`${r0}:${r1}`);
  await np.promises.matmul(A, B, { out: C });
  parentPort.postMessage({ ms: performance.now() - t0, threads: np.getNumThreads() });
}
