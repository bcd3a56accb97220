// NumPy's SeedSequence (O'Neill's seed_seq design as NumPy implements it in
// bit_generator.pyx): entropy (an integer of any size, or a sequence of them) is cut
// into uint32 words, hashed into a pool of 4 words, and `generateState` derives any
// number of well-mixed words from the pool. Spawn keys are supported for `spawn`.
import { fail } from '../core/errors';
import { describe as describeValue } from '../core/shape';

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;
const POOL_SIZE = 4;

export type Entropy = number | bigint | readonly (number | bigint)[] | ArrayLike<number> | BigUint64Array | BigInt64Array;

/** An integer (number or bigint) as little-endian uint32 words; 0 gives [0]. */
function intToWords(v: number | bigint, what: string): number[] {
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === 'number') return fail('ERR_NUMNODE_ARG', TypeError, `${what} must be an integer, got ${v}`);
  else return fail('ERR_NUMNODE_ARG', TypeError, `${what} must be an integer, got ${describeValue(v)}`);
  if (n < 0n) return fail('ERR_NUMNODE_ARG', RangeError, 'expected non-negative integer');
  if (n === 0n) return [0];
  const out: number[] = [];
  while (n > 0n) {
    out.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return out;
}

/** NumPy's _coerce_to_uint32_array: an int, or a flat sequence of ints, to uint32 words. */
export function coerceToWords(x: unknown, what = 'seed'): number[] {
  if (typeof x === 'number' || typeof x === 'bigint') return intToWords(x, what);
  if (x !== null && typeof x === 'object' && typeof (x as { length?: unknown }).length === 'number') {
    const seq = x as ArrayLike<unknown>;
    if (x instanceof Uint32Array) return Array.from(x);
    const out: number[] = [];
    for (let i = 0; i < seq.length; i++) {
      const v = seq[i];
      if (typeof v !== 'number' && typeof v !== 'bigint') {
        if (v !== null && typeof v === 'object') fail('ERR_NUMNODE_ARG', TypeError, 'SeedSequence does not accept nested sequences.');
        fail('ERR_NUMNODE_ARG', TypeError, `${what} must be an integer or a sequence of integers, got ${describeValue(v)}`);
      }
      out.push(...intToWords(v, what));
    }
    return out;
  }
  return fail('ERR_NUMNODE_ARG', TypeError,
    `SeedSequence expects int or sequence of ints for entropy not ${describeValue(x)}`);
}

function hashmix(value: number, hashConst: { v: number }): number {
  value = (value ^ hashConst.v) >>> 0;
  hashConst.v = Math.imul(hashConst.v, MULT_A) >>> 0;
  value = Math.imul(value, hashConst.v) >>> 0;
  value = (value ^ (value >>> XSHIFT)) >>> 0;
  return value;
}

function mix(x: number, y: number): number {
  let r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  r = (r ^ (r >>> XSHIFT)) >>> 0;
  return r;
}

export class SeedSequence {
  readonly entropy: bigint | number | readonly (number | bigint)[];
  readonly spawnKey: readonly number[];
  readonly pool: Uint32Array;
  nChildrenSpawned: number;

  constructor(entropy?: Entropy | null, opts: { spawnKey?: readonly number[]; nChildrenSpawned?: number } = {}) {
    let ent: bigint | number | readonly (number | bigint)[];
    if (entropy === undefined || entropy === null) {
      // Fresh entropy from the OS, like NumPy's randbits(128).
      const words = new Uint32Array(POOL_SIZE);
      globalThis.crypto.getRandomValues(words);
      ent = words.reduce((acc, w, i) => acc | (BigInt(w) << BigInt(32 * i)), 0n);
    } else if (typeof entropy === 'number' || typeof entropy === 'bigint') ent = entropy;
    else ent = Array.from(entropy as ArrayLike<number | bigint>);
    this.entropy = ent;
    this.spawnKey = (opts.spawnKey ?? []).slice();
    this.nChildrenSpawned = opts.nChildrenSpawned ?? 0;
    this.pool = new Uint32Array(POOL_SIZE);
    this.mixEntropy(this.assembledEntropy());
  }

  private assembledEntropy(): number[] {
    let run = coerceToWords(this.entropy, 'entropy');
    const spawn = coerceToWords(this.spawnKey, 'spawn_key');
    if (spawn.length > 0 && run.length < POOL_SIZE) run = run.concat(new Array<number>(POOL_SIZE - run.length).fill(0));
    return run.concat(spawn);
  }

  private mixEntropy(entropy: number[]): void {
    const mixer = this.pool;
    const hc = { v: INIT_A };
    for (let i = 0; i < mixer.length; i++) mixer[i] = hashmix(i < entropy.length ? entropy[i]! : 0, hc);
    for (let src = 0; src < mixer.length; src++) {
      for (let dst = 0; dst < mixer.length; dst++) {
        if (src !== dst) mixer[dst] = mix(mixer[dst]!, hashmix(mixer[src]!, hc));
      }
    }
    for (let src = mixer.length; src < entropy.length; src++) {
      for (let dst = 0; dst < mixer.length; dst++) mixer[dst] = mix(mixer[dst]!, hashmix(entropy[src]!, hc));
    }
  }

  /** n uint32 words of state ('uint32'), or n uint64 words as bigints made of word pairs ('uint64'). */
  generateState(nWords: number, dtype: 'uint32'): Uint32Array;
  generateState(nWords: number, dtype: 'uint64'): BigUint64Array;
  generateState(nWords: number, dtype: 'uint32' | 'uint64' = 'uint32'): Uint32Array | BigUint64Array {
    const n32 = dtype === 'uint64' ? nWords * 2 : nWords;
    const state = new Uint32Array(n32);
    let hashConst = INIT_B;
    for (let i = 0; i < n32; i++) {
      let v = this.pool[i % POOL_SIZE]!;
      v = (v ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      v = (v ^ (v >>> XSHIFT)) >>> 0;
      state[i] = v;
    }
    if (dtype === 'uint32') return state;
    const out = new BigUint64Array(nWords);
    for (let i = 0; i < nWords; i++) out[i] = (BigInt(state[2 * i + 1]!) << 32n) | BigInt(state[2 * i]!);
    return out;
  }

  /** Child sequences with spawn keys extended by 0, 1, … (continuing from earlier spawns). */
  spawn(nChildren: number): SeedSequence[] {
    if (!Number.isInteger(nChildren) || nChildren < 0) fail('ERR_NUMNODE_ARG', RangeError, 'n_children must be non-negative');
    const out: SeedSequence[] = [];
    for (let i = this.nChildrenSpawned; i < this.nChildrenSpawned + nChildren; i++) {
      out.push(new SeedSequence(this.entropy as Entropy, { spawnKey: [...this.spawnKey, i] }));
    }
    this.nChildrenSpawned += nChildren;
    return out;
  }
}
