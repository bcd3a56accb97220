// Property/fuzz test of the .npy/.npz readers: well over 100,000 mutated headers and files
// (byte flips, truncations, insertions, token-level header rewrites, forged length fields)
// must each either load into an array no larger than the input or be refused with a coded
// ERR_NUMNODE_NPY error -- never an uncoded exception, a crash, a hang or a big allocation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { NDArray } from '../src/core/ndarray';
import { NpzFile } from '../src/io';

const dir = mkdtempSync(join(tmpdir(), 'numnode-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function header(text: string, version: number): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  const body = Buffer.from(text, 'latin1');
  const h = Buffer.alloc(8 + lenBytes + body.length + 1, 0x20);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(h);
  if (lenBytes === 2) h.writeUInt16LE(body.length + 1, 8); else h.writeUInt32LE(body.length + 1, 8);
  body.copy(h, 8 + lenBytes);
  h[h.length - 1] = 0x0a;
  return h;
}

const SEEDS: Uint8Array[] = [];
for (const dtype of ['bool', 'int8', 'uint16', 'int32', 'uint64', 'float32', 'float64'] as const) {
  for (const shape of [[], [0], [3], [2, 3], [2, 1, 2]]) {
    const n = shape.reduce((a, b) => a * b, 1);
    const a = np.arange(n).astype(dtype).reshape(shape);
    for (const version of ['1.0', '2.0', '3.0'] as const) {
      SEEDS.push(np.toNpy(a, { version }));
      if (a.ndim > 1) SEEDS.push(np.toNpy(a.T, { version }));
    }
  }
}
SEEDS.push(Buffer.concat([header("{'descr': '>f8', 'fortran_order': True, 'shape': (2L, 1L), }", 1), Buffer.alloc(16, 0x3f)]));

const TOKENS = [
  '{', '}', '(', ')', '[', ']', ',', ':', "'", '"', ' ', '\n', '\\', '-', '+', '0', '1', '7', '2147483648',
  '18446744073709551616', '99999999999999999999999', 'L', 'True', 'False', 'None', 'descr', 'shape',
  'fortran_order', "'<f8'", "'>i4'", "'|O'", "'<c16'", "'|b1'", "'<U3'", '[(', "'a'", '1e5', '0x10', '1.5',
  'u\'', '((((', '))))', '__import__', '\u00ff', '\u20ac',
];

type Mutation =
  | { k: 'flip'; at: number; v: number }
  | { k: 'cut'; at: number }
  | { k: 'insert'; at: number; bytes: number[] }
  | { k: 'delete'; at: number; n: number }
  | { k: 'token'; at: number; tok: number; del: number }
  | { k: 'len'; v: number }
  | { k: 'version'; major: number; minor: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constant('flip' as const), at: fc.nat(), v: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ k: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ k: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }) }),
  fc.record({ k: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ k: fc.constant('token' as const), at: fc.nat(), tok: fc.nat({ max: TOKENS.length - 1 }), del: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ k: fc.constant('len' as const), v: fc.oneof(fc.nat({ max: 200 }), fc.nat({ max: 0xffff }), fc.constant(0xffffffff), fc.nat()) }),
  fc.record({ k: fc.constant('version' as const), major: fc.integer({ min: 0, max: 4 }), minor: fc.integer({ min: 0, max: 1 }) }),
);

function apply(seed: Uint8Array, muts: Mutation[]): Uint8Array {
  let b = Buffer.from(seed);
  for (const m of muts) {
    const hdrEnd = b.length >= 10 ? Math.min(b.length, 10 + (b[6] === 1 ? b.readUInt16LE(8) : 128)) : b.length;
    switch (m.k) {
      case 'flip': if (b.length > 0) b[m.at % b.length] = m.v; break;
      case 'cut': b = b.subarray(0, m.at % (b.length + 1)); break;
      case 'insert': { const at = m.at % (b.length + 1); b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]); break; }
      case 'delete': { const at = m.at % (b.length + 1); b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.n)]); break; }
      case 'token': {
        // rewrite inside the header text, keeping the declared length consistent
        if (b.length < 12) break;
        const lenBytes = b[6] === 1 ? 2 : 4;
        const start = 8 + lenBytes;
        const text = b.subarray(start, Math.max(start, hdrEnd)).toString('latin1');
        const at = m.at % (text.length + 1);
        const next = text.slice(0, at) + TOKENS[m.tok]! + text.slice(at + m.del);
        const body = Buffer.from(next, 'latin1');
        const pre = Buffer.from(b.subarray(0, start));
        if (lenBytes === 2) pre.writeUInt16LE(Math.min(body.length, 0xffff), 8); else pre.writeUInt32LE(body.length, 8);
        b = Buffer.concat([pre, body, b.subarray(Math.max(start, hdrEnd))]);
        break;
      }
      case 'len': if (b.length >= 12) { if (b[6] === 1) b.writeUInt16LE(m.v & 0xffff, 8); else b.writeUInt32LE(m.v >>> 0, 8); } break;
      case 'version': if (b.length >= 8) { b[6] = m.major; b[7] = m.minor; } break;
    }
  }
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

let loaded = 0;
let refused = 0;

function checkOne(bytes: Uint8Array): void {
  const t0 = performance.now();
  try {
    const a = np.fromNpy(bytes);
    expect(a).toBeInstanceOf(NDArray);
    expect(a.nbytes).toBeLessThanOrEqual(bytes.length);
    a.toTypedArray(); // the data is really there
    loaded++;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ERR_NUMNODE_NPY') throw new Error(`uncoded or wrong rejection (${String(code)}): ${(e as Error).stack}`);
    refused++;
  }
  const dt = performance.now() - t0;
  // A hang detector, not a speed goal: generous enough for a loaded 2-core machine.
  if (dt > 2000) throw new Error(`a single parse took ${dt.toFixed(0)} ms`);
}

describe('fuzzing the .npy parser', () => {
  it('120,000 mutated files: loaded or refused with ERR_NUMNODE_NPY', () => {
    fc.assert(
      fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, muts) => {
        checkOne(apply(SEEDS[s]!, muts));
      }),
      { numRuns: 120_000, seed: 20240611 },
    );
    expect(loaded + refused).toBeGreaterThanOrEqual(120_000);
    expect(refused).toBeGreaterThan(10_000);
    expect(loaded).toBeGreaterThan(1_000);
  }, 300_000);

  it('random header texts and random bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), fc.constantFrom(1, 2, 3), (toks, v) => {
        checkOne(Buffer.concat([header(toks.join(''), v), Buffer.alloc(64)]));
      }),
      { numRuns: 20_000, seed: 7 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => checkOne(bytes)),
      { numRuns: 5_000, seed: 8 },
    );
  }, 300_000);

  it('2,000 mutated files through load(), also with mmapMode', () => {
    let i = 0;
    fc.assert(
      fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.constantFrom(null, 'r', 'c'), (s, muts, mode) => {
        const p = join(dir, `f${i++ % 16}.npy`);
        writeFileSync(p, apply(SEEDS[s]!, muts));
        try {
          const a = np.load(p, { mmapMode: mode as 'r' | 'c' | null }) as NDArray;
          a.toTypedArray();
        } catch (e) {
          expect((e as { code?: string }).code).toBe('ERR_NUMNODE_NPY');
        }
      }),
      { numRuns: 2_000, seed: 9 },
    );
  }, 300_000);
});

describe('fuzzing the .npz reader', () => {
  const base = join(dir, 'seed.npz');
  np.savez(base, np.arange(6), { w: np.ones([2, 2], { dtype: 'float32' }) });
  const plain = new Uint8Array(require('node:fs').readFileSync(base) as Buffer);
  np.savezCompressed(base, np.arange(6), { w: np.ones([2, 2], { dtype: 'float32' }) });
  const packed = new Uint8Array(require('node:fs').readFileSync(base) as Buffer);

  it('20,000 mutated archives: arrays or coded errors', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.record({ at: fc.nat(), v: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 }), fc.nat(), (which, flips, cut) => {
        const b = Buffer.from(which ? plain : packed);
        for (const f of flips) b[f.at % b.length] = f.v;
        const bytes = cut % 5 === 0 ? b.subarray(0, cut % b.length) : b;
        try {
          const z = NpzFile.fromBytes(bytes, { maxInflatedBytes: 1 << 20 });
          for (const k of z.files) z.get(k).toTypedArray();
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code !== 'ERR_NUMNODE_NPY') throw new Error(`uncoded or wrong rejection (${String(code)}): ${(e as Error).stack}`);
        }
      }),
      { numRuns: 20_000, seed: 10 },
    );
  }, 300_000);
});
