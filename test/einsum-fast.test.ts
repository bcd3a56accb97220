// einsum's and matmul's small-call paths (src/ops/einsum/fast.ts, matmul's two-matrix
// branch in src/ops/linalg.ts) against the general paths they skip. A trailing `{}`
// options object sends einsum down the general path, and `matmul(a, b, {})` does the
// same for matmul, so each call is checked bit for bit against the path it replaces,
// over the layouts and cases a stale cache entry or a wrong stride would get wrong:
// the same subscripts with other shapes, dtypes and strides one after the other,
// transposed / negative-stride / offset / broadcast views, size-1 and empty axes,
// `out` and in-place calls, errors, and the cache's bound.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { flat } from './helpers/fixtures';
import { fastCacheEntries, FAST_CACHE_SIZE } from '../src/ops/einsum/fast';

/** Seeded values with fractional parts (so a change of summation order shows). */
function rand(shape: number[], seed: number, dtype: np.DType = 'float64'): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const v: number[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    v.push(dtype === 'float64' || dtype === 'float32' ? (s / 2147483648) * 4 - 2 : ((s >> 16) % 7) - 3);
  }
  const a = np.array(v).reshape(shape);
  return dtype === 'bool' ? np.greater(a, 0) : a.astype(dtype);
}

/** Bitwise equality (Object.is per element: -0 and +0 differ, NaN equals NaN). */
function same(got: NDArray, want: NDArray, what: string): void {
  expect(got.shape, `${what}: shape`).toEqual(want.shape);
  expect(got.dtype, `${what}: dtype`).toBe(want.dtype);
  const g = flat(got), w = flat(want);
  for (let i = 0; i < w.length; i++) {
    if (!Object.is(g[i], w[i])) expect(g[i], `${what}: element ${i}`).toBe(w[i]);
  }
}

/** Plain double-precision reference of einsum for two 2-D operands (labels as letters). */
function reference(sub: string, a: NDArray, b: NDArray): number[] {
  const [ins, out] = sub.split('->') as [string, string];
  const [ta, tb] = ins.split(',') as [string, string];
  const size = new Map<string, number>();
  [...ta].forEach((l, i) => size.set(l, a.shape[i]!));
  [...tb].forEach((l, i) => size.set(l, b.shape[i]!));
  const summed = [...size.keys()].filter((l) => !out.includes(l));
  const outLabels = [...out];
  const res: number[] = [];
  const idx = new Map<string, number>();
  const walk = (labels: string[], k: number, f: () => void): void => {
    if (k === labels.length) { f(); return; }
    for (let i = 0; i < size.get(labels[k]!)!; i++) { idx.set(labels[k]!, i); walk(labels, k + 1, f); }
  };
  walk(outLabels, 0, () => {
    let acc = 0;
    walk(summed, 0, () => {
      acc += (a.get(...[...ta].map((l) => idx.get(l)!)) as number) * (b.get(...[...tb].map((l) => idx.get(l)!)) as number);
    });
    res.push(acc);
  });
  return res;
}

/** Layouts of a 2-D operand with the given logical shape: contiguous, transposed, reversed, offset, broadcast. */
function layouts(shape: [number, number], seed: number, dtype: np.DType = 'float64'): [string, NDArray][] {
  const [r, c] = shape;
  const base = rand(shape, seed, dtype);
  const big = rand([r + 2, c + 3], seed + 1, dtype);
  return [
    ['contiguous', base],
    ['transposed copy read through .T', rand([c, r], seed + 2, dtype).T],
    ['negative strides', rand(shape, seed + 3, dtype).slice('::-1', '::-1')],
    ['offset view', big.slice(`1:${1 + r}`, `2:${2 + c}`)],
    ['strided view', rand([2 * r, 2 * c], seed + 4, dtype).slice('::2', '1::2')],
    ['broadcast row (zero stride)', np.broadcastTo(rand([1, c], seed + 5, dtype), shape)],
  ];
}

const ROWDOT = ['ij,ij->i', 'ij,ij->j', 'ij,ji->i', 'ji,ij->j', 'ab,ab->b', '...j,...j->...'];
const PRODUCT = ['ik,kj->ij', 'ki,kj->ij', 'ik,jk->ij', 'ki,jk->ji', 'ik,kj->ji', 'ij,jk', 'kb,ka->ab'];

/** The operands' shapes for subscripts `sub` (first term's labels get sizes from `dims`). */
function shapesFor(sub: string, dims: Record<string, number>): [[number, number], [number, number]] {
  const ins = sub.split('->')[0]!.replace(/\.\.\./g, 'z').split(',') as [string, string];
  const sh = (t: string): [number, number] => [dims[t[0]!] ?? 3, dims[t[1]!] ?? 3];
  return [sh(ins[0]), sh(ins[1])];
}

describeBackends('einsum small-call path equals the general path', () => {
  const DIMS: Record<string, number>[] = [
    { i: 3, j: 4, k: 5, a: 3, b: 4, z: 3 },
    { i: 5, j: 2, k: 3, a: 1, b: 6, z: 5 },
    { i: 1, j: 1, k: 1, a: 1, b: 1, z: 1 },
    { i: 4, j: 3, k: 1, a: 2, b: 1, z: 4 },
  ];
  for (const sub of [...ROWDOT, ...PRODUCT]) {
    it(`${sub}: shapes, layouts and dtypes in turn under one cache entry`, () => {
      for (const dims of DIMS) {
        const [sa, sb] = shapesFor(sub, dims);
        for (const dtype of ['float64', 'float32'] as const) {
          for (const [la, A] of layouts(sa, 11, dtype)) {
            for (const [lb, B] of layouts(sb, 23, dtype).slice(0, 3)) {
              const what = `${sub} ${dtype} ${sa}/${sb} ${la} x ${lb}`;
              const got = np.einsum(sub, A, B);
              same(got, np.einsum(sub, A, B, {}), what);
              if (dtype === 'float64' && sub.includes('->') && !sub.includes('.')) {
                expect(flat(got), what).toEqual(reference(sub, A, B).map((v) => expect.closeTo(v, 12)));
              }
            }
          }
        }
      }
    });
  }

  it('integer and bool matrix products (the product form takes every dtype)', () => {
    for (const dtype of ['int8', 'uint8', 'int16', 'int32', 'uint32', 'int64', 'uint64', 'bool'] as const) {
      const A = rand([3, 4], 5, dtype), B = rand([4, 5], 6, dtype);
      same(np.einsum('ik,kj->ij', A, B), np.einsum('ik,kj->ij', A, B, {}), dtype);
      same(np.einsum('ki,kj->ij', A.T.copy(), B), np.einsum('ki,kj->ij', A.T.copy(), B, {}), dtype);
      // the row-wise form hands integers to the general path
      same(np.einsum('ij,ij->i', A, A), np.einsum('ij,ij->i', A, A, {}), `${dtype} rowdot`);
    }
  });

  it('mixed dtypes, length-1 broadcasting and larger sizes go to the general path unchanged', () => {
    const A = rand([3, 4], 1), B32 = rand([4, 5], 2, 'float32');
    const r = np.einsum('ik,kj->ij', A, B32);
    expect(r.dtype).toBe('float64');
    same(r, np.einsum('ik,kj->ij', A, B32, {}), 'float64 x float32');
    // a length-1 axis broadcasts against the other operand's label size (NumPy's einsum)
    const row = rand([1, 4], 3);
    same(np.einsum('ij,ij->i', row, A), np.einsum('ij,ij->i', row, A, {}), 'broadcast rowdot');
    expect(np.einsum('ij,ij->i', row, A).shape).toEqual([3]);
    same(np.einsum('ik,kj->ij', A, rand([1, 5], 4)), np.einsum('ik,kj->ij', A, rand([1, 5], 4), {}), 'broadcast k');
    const L = rand([70, 80], 7), R = rand([80, 60], 8);
    same(np.einsum('ij,ij->i', L, L), np.einsum('ij,ij->i', L, L, {}), 'large rowdot');
    same(np.einsum('ik,kj->ij', L, R), np.einsum('ik,kj->ij', L, R, {}), 'large product');
  });

  it('empty axes: zero rows, zero columns, and k = 0 (zeros)', () => {
    for (const [sa, sb] of [[[0, 4], [4, 5]], [[3, 4], [4, 0]], [[3, 0], [0, 5]]] as [number[], number[]][]) {
      const A = np.ones(sa), B = np.ones(sb);
      same(np.einsum('ik,kj->ij', A, B), np.einsum('ik,kj->ij', A, B, {}), `${sa} @ ${sb}`);
      same(np.matmul(A, B), np.matmul(A, B, {}), `matmul ${sa} @ ${sb}`);
    }
    same(np.einsum('ij,ij->i', np.ones([0, 3]), np.ones([0, 3])), np.zeros([0]), 'rowdot no rows');
    same(np.einsum('ij,ij->i', np.ones([3, 0]), np.ones([3, 0])), np.zeros([3]), 'rowdot k = 0');
  });

  it('results are fresh arrays: writing them leaves the operands alone; out and in-place calls still work', () => {
    const A = rand([3, 4], 1), B = rand([4, 5], 2);
    const a0 = flat(A), b0 = flat(B);
    const C = np.einsum('ik,kj->ij', A, B);
    const d = np.einsum('ij,ij->i', A, A);
    expect(np.sharesMemory(C, A) || np.sharesMemory(C, B) || np.sharesMemory(d, A)).toBe(false);
    C.assign(0); d.assign(0);
    expect(flat(A)).toEqual(a0);
    expect(flat(B)).toEqual(b0);
    // the same subscripts with `out` (general path), before and after fast calls
    const out = np.full([3, 5], NaN);
    expect(np.einsum('ik,kj->ij', A, B, { out })).toBe(out);
    same(out, np.einsum('ik,kj->ij', A, B), 'out');
    const sq = rand([4, 4], 9), sq0 = sq.copy();
    np.einsum('ik,kj->ij', sq, sq0, { out: sq });
    same(sq, np.einsum('ik,kj->ij', sq0, sq0), 'out aliasing an operand');
    const o1 = np.full([3], NaN);
    np.einsum('ij,ij->i', A, A, { out: o1 });
    same(o1, np.einsum('ij,ij->i', A, A), 'rowdot out');
  });

  it('errors are the general path\'s, and a failed call leaves no entry that changes later results', () => {
    const A = rand([3, 4], 1);
    expect(() => np.einsum('ik,kj->ij', A, rand([5, 2], 2))).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_EINSUM' }));
    expect(() => np.einsum('ij,ij->i', A, rand([3, 5], 2))).toThrow(/does not match previous terms/);
    expect(() => np.einsum('ij,jk,kl->il', A, A)).toThrow(/fewer operands/);
    expect(() => np.einsum('ij,j%->i', A, A)).toThrow(/invalid subscript '%'/);
    expect(() => np.einsum('ijk,jk->i', A, A)).toThrow(/too many subscripts/);
    // valid right after
    same(np.einsum('ik,kj->ij', A, rand([4, 2], 3)), np.einsum('ik,kj->ij', A, rand([4, 2], 3), {}), 'after errors');
    const buf = new ArrayBuffer(96);
    const D = np.frombuffer(buf, { dtype: 'float64' }).reshape(3, 4);
    structuredClone(buf, { transfer: [buf] });
    expect(() => np.einsum('ik,kj->ij', A, D.T)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
    expect(() => np.einsum('ij,ij->i', D, A)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
    expect(() => np.matmul(A, D.T)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
  });
});

describeBackends('matmul two-matrix path equals the general path', () => {
  it('layouts, shapes and dtypes in turn', () => {
    for (const [m, k, n] of [[3, 4, 5], [1, 1, 1], [5, 1, 2], [4, 7, 1], [9, 3, 6]]) {
      for (const dtype of ['float64', 'float32', 'int32', 'int64', 'uint8', 'bool'] as const) {
        for (const [la, A] of layouts([m!, k!], 31, dtype)) {
          for (const [lb, B] of layouts([k!, n!], 37, dtype).slice(0, 4)) {
            same(np.matmul(A, B), np.matmul(A, B, {}), `${m}x${k}@${k}x${n} ${dtype} ${la} x ${lb}`);
          }
        }
      }
    }
  });

  it('mixed dtypes, vectors, stacks, out and mismatches keep the general rules', () => {
    const A = rand([3, 4], 1);
    expect(np.matmul(A, rand([4, 2], 2, 'int32')).dtype).toBe('float64');
    expect(np.matmul(A, rand([4], 3)).shape).toEqual([3]);
    expect(np.matmul(rand([2, 3, 4], 4), rand([4, 2], 5)).shape).toEqual([2, 3, 2]);
    const out = np.zeros([3, 2]);
    expect(np.matmul(A, rand([4, 2], 2), { out })).toBe(out);
    same(out, np.matmul(A, rand([4, 2], 2)), 'out');
    expect(() => np.matmul(A, rand([5, 2], 2))).toThrow(/mismatch in its core dimension 0/);
  });
});

describe('einsum small-call cache', () => {
  it('is bounded and holds only label positions (no arrays, shapes or dtypes)', () => {
    const A = rand([2, 2], 1);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let n = 0;
    for (const x of letters) for (const y of letters) {
      if (x === y) continue;
      np.einsum(`${x}${y},${x}${y}->${x}`, A, A);
      if (++n > FAST_CACHE_SIZE + 20) break;
    }
    const entries = fastCacheEntries();
    expect(entries.length).toBeLessThanOrEqual(FAST_CACHE_SIZE);
    expect(entries.length).toBeGreaterThan(0);
    for (const [key, form] of entries) {
      expect(typeof key).toBe('string');
      if (form === null) continue;
      for (const v of Object.values(form)) expect(['number', 'boolean']).toContain(typeof v);
    }
  });
});
