// Child process of test/async.lifetime.test.ts, run as
//   node --expose-gc async-stress.cjs <numnode bundle> <calls>
// Starts <calls> np.promises calls at once (all pending together) on inputs whose
// buffers are then detached, transferred, shrunk or dropped, with the garbage
// collector forced all along, and checks every outcome: the right values, or the
// coded error the synchronous call gives for that input. Prints one JSON line.
'use strict';
const { MessageChannel } = require('node:worker_threads');

const np = require(process.argv[2]);
const CALLS = Number(process.argv[3] || 1000);
const gc = global.gc;
if (typeof gc !== 'function') throw new Error('run with --expose-gc');

const { port1, port2 } = new MessageChannel();
port2.on('message', () => {});
port2.unref();
port1.unref();

const N = 6000; // elements: above every native threshold
const failures = [];
const tally = { ok: 0, expectedErrors: 0, aborted: 0 };

function fillBuffer(buf, seed) {
  const f = new Float64Array(buf, 0, N);
  for (let i = 0; i < N; i++) f[i] = ((i * 7 + seed) % 101) - 50;
  return f;
}

// The operation of call i, its expected result from the values, and a check.
const OPS = [
  { name: 'multiply', run: (x, o) => np.promises.multiply(x, 2, ...o), check: (r, v) => r.get(17) === v[17] * 2 && r.get(N - 1) === v[N - 1] * 2 },
  { name: 'sum', run: (x, o) => np.promises.sum(x, ...o), check: (r, v) => r === v.reduce((s, t) => s + t, 0) },
  { name: 'copy reversed', run: (x, o) => np.promises.copy(x.slice('::-1'), ...o), check: (r, v) => r.get(0) === v[N - 1] && r.get(N - 1) === v[0] },
  { name: 'matmul', run: (x, o) => np.promises.matmul(x.reshape(N / 50, 50), np.ones([50, 3]), ...o), check: (r, v) => r.get(1, 2) === v.slice(50, 100).reduce((s, t) => s + t, 0) },
  { name: 'astype', run: (x, o) => np.promises.astype(x, 'float32', ...o), check: (r, v) => r.dtype === 'float32' && r.get(33) === Math.fround(v[33]) },
  { name: 'cumsum', run: (x, o) => np.promises.cumsum(x, ...o), check: (r, v) => r.get(3) === v[0] + v[1] + v[2] + v[3] },
  { name: 'einsum', run: (x, o) => np.promises.einsum('ij,ij->i', x.reshape(60, 100), x.reshape(60, 100), ...o), check: (r, v) => r.get(0) === v.slice(0, 100).reduce((s, t) => s + t * t, 0) },
];

// What happens to the input's memory, and when.
const KINDS = [
  'detach-after', 'transfer-after', 'shrink-after', 'shrink-before', 'detach-before', 'owned-dropped',
  'owned-transfer-attempt', 'shared', 'abort',
];

const promises = [];
for (let i = 0; i < CALLS; i++) {
  const kind = KINDS[i % KINDS.length];
  const op = OPS[Math.floor(i / KINDS.length) % OPS.length];
  let buf;
  if (kind.startsWith('shrink')) buf = new ArrayBuffer(N * 8, { maxByteLength: N * 16 });
  else if (kind === 'shared') buf = new SharedArrayBuffer(N * 8);
  else buf = new ArrayBuffer(N * 8);
  const values = Array.from(fillBuffer(buf, i));
  let x = np.frombuffer(buf);
  if (kind.startsWith('owned')) x = x.copy(); // numnode memory
  let expectError = null;
  if (kind === 'detach-before') {
    structuredClone(buf, { transfer: [buf] });
    expectError = 'ERR_NUMNODE_BUFFER';
  }
  if (kind === 'shrink-before') {
    buf.resize(8 * 10);
    expectError = 'ERR_NUMNODE_BUFFER';
  }
  const ac = kind === 'abort' ? new AbortController() : null;
  let p;
  try {
    p = op.run(x, ac ? [{ signal: ac.signal }] : []);
  } catch (e) {
    failures.push(`${i} ${op.name} ${kind}: threw synchronously: ${e && e.message}`);
    continue;
  }
  if (kind === 'detach-after') structuredClone(buf, { transfer: [buf] });
  if (kind === 'transfer-after') port1.postMessage(buf, [buf]);
  if (kind === 'shrink-after') buf.resize(0);
  if (kind === 'owned-transfer-attempt') {
    // numnode's buffers are untransferable: Node copies them instead of detaching
    try { port1.postMessage(x.buffer, [x.buffer]); } catch (e) { /* newer Node throws instead */ }
    if (x.buffer.byteLength === 0) failures.push(`${i}: a numnode buffer was detached`);
  }
  if (kind === 'abort' && i % 2 === 0) ac.abort();
  x = null;
  buf = null;
  promises.push(p.then(
    (r) => {
      if (expectError) failures.push(`${i} ${op.name} ${kind}: resolved, expected ${expectError}`);
      else if (!op.check(r, values)) failures.push(`${i} ${op.name} ${kind}: wrong result`);
      else tally.ok++;
    },
    (e) => {
      if (kind === 'abort' && e && e.name === 'AbortError' && e.code === 'ABORT_ERR') tally.aborted++;
      else if (expectError && e && e.code === expectError) tally.expectedErrors++;
      else failures.push(`${i} ${op.name} ${kind}: rejected with ${e && e.code} ${e && e.message}`);
    },
  ));
  if (i % 25 === 0) gc();
}

const timer = setInterval(gc, 1);
Promise.all(promises).then(() => {
  clearInterval(timer);
  gc();
  const stats = np.promisesStats();
  process.stdout.write(`${JSON.stringify({ calls: CALLS, ...tally, failures: failures.slice(0, 20), nfailures: failures.length, stats })}\n`);
});
