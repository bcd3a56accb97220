// Child process of test/hostile.test.ts: records the argument lists numnode itself
// passes to every native entry point while it runs a set of ordinary operations, then
// replays each recorded call many times with one or two arguments mutated into hostile
// values (shapes and strides pointing outside the buffer, negative/fractional/huge
// numbers, detached, shrunk or too-short buffers, wrong types, getters that detach).
// The addon must check everything itself (the TypeScript layer is bypassed here): each
// call returns or throws an error with a numnode `code`; a crash of this process is the
// failure the parent detects. Buffers are fresh copies per call, so a mutated call that
// is accepted can only write where a valid view of its own buffers lies.
//   node binding-mutate.cjs <numnode bundle> <addon.node> <mutations per call> <seed>
// Prints one JSON line: { recorded, functions, calls, coded, returned, uncoded }.
'use strict';
const addon = require(process.argv[3]);
const PER_CALL = Number(process.argv[4] || 40);
let seed = Number(process.argv[5] || 1) >>> 0;
function rnd(n) {
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}

const recorded = new Map(); // name -> [args...] (first few distinct calls)
const ASYNC = /^async/;
for (const name of Object.keys(addon)) {
  const f = addon[name];
  if (typeof f !== 'function' || ASYNC.test(name)) continue;
  addon[name] = function (...args) {
    const list = recorded.get(name) ?? [];
    if (list.length < 6) list.push(args.map(clone));
    recorded.set(name, list);
    return f.apply(this, args);
  };
  addon[name].original = f;
}
function clone(v) {
  if (v instanceof Uint8Array) return new Uint8Array(v); // a private copy of the bytes
  if (v instanceof Float64Array) return new Float64Array(v); // a call descriptor (reused scratch: copy it)
  if (Array.isArray(v)) return v.map(clone);
  return v;
}

const np = require(process.argv[2]);
np.setBackend('native');
const rng = np.random.defaultRng(5);
const a = rng.standardNormal([6, 5]);
const i = rng.integers(0, 9, [12]);
np.add(a, 1); np.exp(a.T); np.where(np.greater(a, 0), a, 0); np.add(i, i.astype('int8'));
a.astype('int32'); np.copy(a.T); np.sum(a, { axis: 0 }); np.cumsum(a, { axis: 1 }); np.argmax(a);
np.matmul(a, a.T); np.einsum('ij,ij->i', a, a); np.einsum('iij->ij', np.ones([3, 3, 2]));
np.distance.cdist(a, a);
np.sort(a, { axis: 0 }); np.argsort(i); np.partition(i, 3); np.argpartition(i, 3);
np.take(a, [1, 2], { axis: 0 }); np.nonzero(i); a.index(np.greater(a, 0)); a.indexSet([np.greater(a, 0)], 0);
np.put(np.zeros([12]), [1, 2], [3, 4]); np.countNonzero?.(i);
rng.random([10]); rng.standardNormal([10]); rng.integers(0, 5, [10]);
const tmp = require('node:path').join(require('node:os').tmpdir(), `numnode-mut-${process.pid}.npy`);
np.save(tmp, a); np.sum(np.load(tmp, { mmapMode: 'r' })); require('node:fs').rmSync(tmp, { force: true });
for (const name of Object.keys(addon)) if (addon[name].original) addon[name] = addon[name].original;

function detachedU8(n) { const ab = new ArrayBuffer(n); const u = new Uint8Array(ab); structuredClone(ab, { transfer: [ab] }); return u; }
function shrunkU8(n) { const ab = new ArrayBuffer(n, { maxByteLength: n + 64 }); const u = new Uint8Array(ab); ab.resize(n >> 1); return u; }
const NUMS = [-1, 0, 1, 2, 3, 7, 8, 64, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), 1e300, -8];
function mutateNumber(x) {
  switch (rnd(4)) {
    case 0: return NUMS[rnd(NUMS.length)];
    case 1: return x + (rnd(2) ? 1 : -1) * (1 + rnd(16));
    case 2: return x * (rnd(2) ? -1 : 2 ** (1 + rnd(40)));
    default: return [null, undefined, '1', {}, [], 1n, true][rnd(7)];
  }
}
function mutate(v) {
  if (typeof v === 'number') return mutateNumber(v);
  if (v instanceof Uint8Array) {
    switch (rnd(6)) {
      case 0: return detachedU8(v.length);
      case 1: return shrunkU8(Math.max(2, v.length));
      case 2: return new Uint8Array(Math.max(0, v.length - 1 - rnd(16)));
      case 3: return new Uint8Array(new ArrayBuffer(v.length + 8), 1 + rnd(7), v.length); // misaligned
      case 4: return new Float64Array(Math.ceil(v.length / 8));
      default: return new Uint8Array(0);
    }
  }
  if (v instanceof Float64Array) { // a call descriptor or a strides table: bad entries, wrong length, wrong type
    switch (rnd(4)) {
      case 0: {
        const c = new Float64Array(v);
        if (c.length) { const k = rnd(c.length); const x = mutateNumber(c[k]); c[k] = typeof x === 'number' ? x : NaN; }
        return c;
      }
      case 1: return v.slice(0, Math.max(0, v.length - 1 - rnd(4)));
      case 2: { const c = new Float64Array(v.length + 1 + rnd(3)); c.set(v); return c; }
      default: return Array.from(v);
    }
  }
  if (Array.isArray(v)) {
    const c = v.slice();
    switch (rnd(5)) {
      case 0: if (c.length) { const k = rnd(c.length); c[k] = mutate(c[k]); } return c;
      case 1: c.push(typeof c[0] === 'number' ? 1 + rnd(4) : c[0]); return c;
      case 2: c.pop(); return c;
      case 3: { // a getter that detaches one of the call's buffers while the array is read
        if (c.length === 0) return c;
        const k = rnd(c.length); const val = c[k];
        Object.defineProperty(c, k, { get() { const u = current.find((x) => x instanceof Uint8Array && x.buffer.byteLength > 0); if (u) structuredClone(u.buffer, { transfer: [u.buffer] }); return val; } });
        return c;
      }
      default: return new Array(65).fill(1);
    }
  }
  return [0, -1, null, undefined, {}, 'x'][rnd(6)];
}
let current = [];
let calls = 0; let coded = 0; let returned = 0; const uncoded = [];
for (const [name, list] of recorded) {
  for (const args of list) {
    for (let m = 0; m < PER_CALL; m++) {
      current = args.map(clone);
      const nm = 1 + rnd(2);
      for (let k = 0; k < nm; k++) {
        const at = rnd(current.length + 1);
        if (at === current.length) current.push(0); else current[at] = mutate(current[at]);
      }
      calls++;
      try {
        addon[name](...current);
        returned++;
      } catch (e) {
        if (e && typeof e.code === 'string' && e.code.startsWith('ERR_NUMNODE_')) coded++;
        else if (uncoded.length < 20) uncoded.push(`${name}: ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
      }
    }
  }
}
process.stdout.write(`${JSON.stringify({ recorded: [...recorded].reduce((s, [, l]) => s + l.length, 0), functions: [...recorded.keys()], calls, coded, returned, uncoded })}\n`);
