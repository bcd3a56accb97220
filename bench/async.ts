// np.promises under server-like load (issue 7). Not a per-call case like the
// workloads (what matters here is what the *event loop* sees), so a script of its own:
//
//   npm run build:ts && node dist/bench/async.js [--quick] [--json]
//
// 1. Event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution) while
//    2048² float64 products run one after another through np.promises, against the
//    time one synchronous product blocks the loop. Target: p99 under 5 ms.
// 2. Throughput: 8 concurrent 1024² products through np.promises against the same 8
//    one after another (synchronously, and awaited one at a time). Target: no worse.
// 3. A small HTTP server on 127.0.0.1 answering a cheap route while heavy products
//    run in the background, synchronously or through np.promises; a client in another
//    process measures the route's latency (a bounded number of requests).
// Every figure is measured on the machine it runs on; the JSON records the machine.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as np from 'numnode';

const QUICK = process.argv.includes('--quick');
const JSON_ONLY = process.argv.includes('--json');
const log = (s: string): void => { (JSON_ONLY ? process.stderr : process.stdout).write(`${s}\n`); };

const ms = (ns: number): number => Math.round(ns / 1e4) / 100;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

function square(n: number, seed: number): np.NDArray {
  return np.add(np.remainder(np.arange(n * n, { dtype: 'float64' }).reshape(n, n), 13), seed * 0.25);
}

// ---- 1. event-loop delay -----------------------------------------------------------------

async function eventLoopDelay(): Promise<Record<string, number>> {
  const n = 2048;
  const reps = QUICK ? 2 : 5;
  const a = square(n, 1);
  const b = square(n, 2);
  np.matmul(a, b); // warm up (page faults of the first product, OpenBLAS buffers)

  const syncTimes: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    np.matmul(a, b);
    syncTimes.push(performance.now() - t);
  }
  const hSync = monitorEventLoopDelay({ resolution: 1 });
  hSync.enable();
  for (let i = 0; i < reps; i++) {
    np.matmul(a, b);
    await new Promise((r) => setImmediate(r)); // let the histogram's timer see the stall
  }
  hSync.disable();

  const h = monitorEventLoopDelay({ resolution: 1 });
  const asyncTimes: number[] = [];
  h.enable();
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await np.promises.matmul(a, b);
    asyncTimes.push(performance.now() - t);
  }
  h.disable();
  return {
    size: n,
    reps,
    syncBlockingMsMedian: quantile(syncTimes, 0.5),
    syncLoopDelayP99Ms: ms(hSync.percentile(99)),
    syncLoopDelayMaxMs: ms(hSync.max),
    asyncCallMsMedian: quantile(asyncTimes, 0.5),
    asyncLoopDelayP50Ms: ms(h.percentile(50)),
    asyncLoopDelayP99Ms: ms(h.percentile(99)),
    asyncLoopDelayMaxMs: ms(h.max),
    gflopsSync: (2 * n ** 3) / (quantile(syncTimes, 0.5) * 1e6),
    gflopsAsync: (2 * n ** 3) / (quantile(asyncTimes, 0.5) * 1e6),
  };
}

// ---- 2. throughput ---------------------------------------------------------------------------

async function throughput(): Promise<Record<string, number>> {
  const n = 1024;
  const k = 8;
  const rounds = QUICK ? 1 : 5;
  const as = Array.from({ length: k }, (_, i) => square(n, i));
  const b = square(n, 9);
  np.matmul(as[0]!, b);
  // The four ways take turns, round after round (best of the rounds), so that a
  // change in the machine's load does not favour one of them.
  const ways: Record<string, () => Promise<void> | void> = {
    sequentialSync: () => { for (const a of as) np.matmul(a, b); },
    sequentialAsync: async () => { for (const a of as) await np.promises.matmul(a, b); },
    concurrentAsync: async () => { await Promise.all(as.map((a) => np.promises.matmul(a, b))); },
    concurrentOneThreadEach: async () => { await Promise.all(as.map((a) => np.promises.matmul(a, b, { threads: 1 }))); },
  };
  const best: Record<string, number> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(ways)) {
      const t0 = performance.now();
      await f();
      best[name] = Math.min(best[name] ?? Infinity, performance.now() - t0);
    }
  }
  const sequentialSync = best.sequentialSync!;
  const sequentialAsync = best.sequentialAsync!;
  const concurrentAsync = best.concurrentAsync!;
  const concurrentOneThreadEach = best.concurrentOneThreadEach!;
  return {
    size: n,
    calls: k,
    sequentialSyncMs: sequentialSync,
    sequentialAsyncMs: sequentialAsync,
    concurrentAsyncMs: concurrentAsync,
    concurrentAsyncThreads1Ms: concurrentOneThreadEach,
    concurrentOverSequentialSync: concurrentAsync / sequentialSync,
  };
}

// ---- 3. HTTP server under load ---------------------------------------------------------------

// The client: its own process, so that the server's stalls cannot delay its clock.
const CLIENT = `
const http = require('node:http');
const [port, count, maxMs] = process.argv.slice(1).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const lat = [];
const t0 = Date.now();
(async () => {
  for (let i = 0; i < count && Date.now() - t0 < maxMs; i++) {
    const t = process.hrtime.bigint();
    await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/ping', agent }, (res) => { res.resume(); res.on('end', resolve); })
        .on('error', reject);
    });
    lat.push(Number(process.hrtime.bigint() - t) / 1e6);
    await new Promise((r) => setTimeout(r, 5));
  }
  process.send(lat, () => process.disconnect());
})();
`;

function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ server, port: typeof addr === 'object' && addr !== null ? addr.port : 0 });
  }));
}

function runClient(port: number, count: number, maxMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT, String(port), String(count), String(maxMs)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(m as number[]));
    child.once('error', reject);
    child.once('exit', (code) => { if (code !== 0) reject(new Error(`client exited with ${code}`)); });
  });
}

async function httpLatency(): Promise<Record<string, Record<string, number>>> {
  const count = QUICK ? 60 : 200;
  const maxMs = QUICK ? 6_000 : 20_000;
  const n = 1536;
  const a = square(n, 3);
  const b = square(n, 4);
  np.matmul(a, b);
  const { server, port } = await listen();
  const out: Record<string, Record<string, number>> = {};
  const summarize = (lat: number[], products: number, seconds: number): Record<string, number> => ({
    requests: lat.length, p50Ms: quantile(lat, 0.5), p99Ms: quantile(lat, 0.99), maxMs: Math.max(...lat), products,
    productsPerSecond: products / seconds,
  });
  try {
    out.idle = summarize(await runClient(port, count, maxMs), 0, 1);
    for (const mode of ['sync', 'async'] as const) {
      let stop = false;
      let products = 0;
      // The heavy work a request handler (or a job queue) keeps starting.
      const heavy = (async () => {
        while (!stop) {
          if (mode === 'sync') {
            np.matmul(a, b);
            await new Promise((r) => setImmediate(r));
          } else {
            await np.promises.matmul(a, b);
          }
          products++;
        }
      })();
      const t0 = performance.now();
      const lat = await runClient(port, count, maxMs);
      const seconds = (performance.now() - t0) / 1000;
      stop = true;
      await heavy;
      out[`heavy ${mode} matmul ${n}²`] = summarize(lat, products, seconds);
    }
  } finally {
    server.close();
  }
  return out;
}

async function main(): Promise<void> {
  const cfg = np.config();
  const machine = {
    cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg(), node: process.version,
    numThreads: np.getNumThreads(), backend: cfg.backend.native ? 'native' : 'typescript',
    blas: (cfg.build as { blas?: { config?: string } } | null)?.blas?.config ?? null,
  };
  log(`np.promises benchmark (${QUICK ? 'quick' : 'full'}): ${machine.cpus} CPUs, budget ${machine.numThreads}, load ${machine.loadavg.map((x) => x.toFixed(2)).join(' ')}`);
  const loop = await eventLoopDelay();
  log(`\n1. event loop during 2048² dgemm: sync blocks ${loop.syncBlockingMsMedian!.toFixed(1)} ms per call (loop delay p99 ${loop.syncLoopDelayP99Ms} ms);`
    + ` via np.promises the loop delay p50 ${loop.asyncLoopDelayP50Ms} ms, p99 ${loop.asyncLoopDelayP99Ms} ms, max ${loop.asyncLoopDelayMaxMs} ms`
    + ` (call ${loop.asyncCallMsMedian!.toFixed(1)} ms; ${loop.gflopsSync!.toFixed(1)} vs ${loop.gflopsAsync!.toFixed(1)} GFLOP/s)`);
  const tp = await throughput();
  log(`2. 8 x 1024² dgemm: sequential sync ${tp.sequentialSyncMs!.toFixed(0)} ms, sequential awaited ${tp.sequentialAsyncMs!.toFixed(0)} ms,`
    + ` concurrent ${tp.concurrentAsyncMs!.toFixed(0)} ms (threads: 1 each ${tp.concurrentAsyncThreads1Ms!.toFixed(0)} ms);`
    + ` concurrent / sequential = ${tp.concurrentOverSequentialSync!.toFixed(2)}`);
  const http = await httpLatency();
  log('3. GET /ping on 127.0.0.1 while products run in the background:');
  for (const [k, v] of Object.entries(http)) {
    log(`   ${k.padEnd(26)} ${String(v.requests).padStart(4)} requests  p50 ${v.p50Ms!.toFixed(2)} ms  p99 ${v.p99Ms!.toFixed(2)} ms  max ${v.maxMs!.toFixed(2)} ms`
      + (v.products! > 0 ? `  (${v.productsPerSecond!.toFixed(2)} products/s meanwhile)` : ''));
  }
  const result = { date: new Date().toISOString(), machine, eventLoop: loop, throughput: tp, http };
  if (JSON_ONLY) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

void main();
