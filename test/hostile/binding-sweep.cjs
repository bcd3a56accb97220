// Child process of test/hostile.test.ts: calls every function the addon exports with
// random hostile argument lists (wrong types, wrong counts, negative/huge/fractional
// numbers, detached and shrunk buffers, getters that throw or detach, proxies) and
// checks that each call returns or throws an error with a numnode `code`. A crash of
// this process is the failure the parent looks for; an uncoded throw is reported.
//   node binding-sweep.cjs <addon.node> <calls per function> <seed>
// Prints one JSON line: { calls, coded, returned, uncoded: [first few] }.
'use strict';
const addon = require(process.argv[2]);
const PER_FN = Number(process.argv[3] || 300);
let seed = Number(process.argv[4] || 1) >>> 0;
function rnd(n) { // xorshift32: reproducible from the seed
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}
function detachedU8() { const ab = new ArrayBuffer(64); const u = new Uint8Array(ab); structuredClone(ab, { transfer: [ab] }); return u; }
function shrunkU8() { const ab = new ArrayBuffer(64, { maxByteLength: 128 }); const u = new Uint8Array(ab); ab.resize(8); return u; }
function detachingArray() {
  // an array whose element getter detaches a buffer the same call may be reading
  const ab = new ArrayBuffer(64); const u = new Uint8Array(ab); const arr = [1, 1];
  Object.defineProperty(arr, 0, { get() { if (ab.byteLength) structuredClone(ab, { transfer: [ab] }); return 1; } });
  shared.push(u);
  return arr;
}
const shared = [new Uint8Array(64)];
function throwingArray() { const arr = [1]; Object.defineProperty(arr, 0, { get() { throw new Error('getter'); } }); return arr; }
const POOL = [
  () => undefined, () => null, () => 0, () => 1, () => 2, () => 8, () => -1, () => 1.5, () => NaN, () => Infinity,
  () => 2 ** 31, () => 2 ** 53, () => -(2 ** 63), () => 1n, () => '1', () => '', () => true, () => ({}), () => [],
  () => [1], () => [0], () => [-1], () => [2 ** 40, 2 ** 40], () => [8, 8], () => new Array(65).fill(1), () => [1.5],
  () => [8], () => [1, 8], () => new Uint8Array(64), () => new Uint8Array(0), () => new Uint8Array(new ArrayBuffer(64), 3, 7),
  () => new Float64Array(8), () => new ArrayBuffer(8), () => new SharedArrayBuffer(64), () => new Uint8Array(new SharedArrayBuffer(64)),
  () => detachedU8(), () => shrunkU8(), () => shared[rnd(shared.length)], () => detachingArray(), () => throwingArray(),
  () => (() => 1), () => Symbol('s'), () => new Proxy([1, 2], { get(t, k) { if (k === 'length') return 2 ** 32 - 1; return t[k]; } }),
  () => ({ valueOf() { return 1; } }), () => ({ length: 3 }), () => Buffer.alloc(16),
];
const skip = new Set(['asyncRun', 'asyncPump']); // they only schedule; covered by the promises tests
const names = Object.keys(addon).filter((k) => typeof addon[k] === 'function' && !skip.has(k)).sort();
let calls = 0; let coded = 0; let returned = 0; const uncoded = [];
for (const name of names) {
  for (let i = 0; i < PER_FN; i++) {
    const n = rnd(20);
    const args = [];
    for (let j = 0; j < n; j++) args.push(POOL[rnd(POOL.length)]());
    calls++;
    try {
      addon[name](...args);
      returned++;
    } catch (e) {
      if (e && typeof e.code === 'string' && e.code.startsWith('ERR_NUMNODE_')) coded++;
      else if (e && e.message === 'getter') coded++; // the user's own getter threw: propagated as is
      else if (uncoded.length < 20) uncoded.push(`${name}(${n} args): ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
    }
  }
}
// numnode's setNumThreads may have been called with a valid number: harmless here.
process.stdout.write(`${JSON.stringify({ calls, coded, returned, functions: names.length, uncoded })}\n`);
