// The fast paths added for issue 5's remaining bench gaps, checked against plain
// loops on both backends (the native ones are what changed; the js half keeps the
// suite meaningful without the addon):
//  - the float32 row-wise dot kernel of einsum('ij,ij->i') (explicit vector
//    accumulators, 1024-term float32 blocks summed in double): every tail length,
//    block edges, strided rows;
//  - thin GEMMs split over threads (one side of C <= 256, m n k > 262144): split by
//    rows and by columns, every transpose combination, lengths that are not
//    multiples of the 32-row share unit;
//  - short-k GEMMs split the same way in 192-row (or -column) granules (k <= 128,
//    both sides of C > 256): rows and columns, transposes, partial last granule;
//  - the syrk mirror, whose threads split the triangle's tiles (sizes large enough
//    for two threads, not multiples of the 32-wide tile);
//  - einsum's cache of planned paths: the same subscripts with other shapes, and
//    ellipsis labels that print like a literal letter, must not reuse a wrong plan.
// Data are small integers, so float64 products are exact and compared bit for bit.
import { expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';

function ints(shape: number[], seed: number, dtype: 'float64' | 'float32' = 'float64'): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; v[i] = ((s >>> 16) % 9) - 4; }
  return np.asarray(v).astype(dtype).reshape(shape);
}

/** Element (i, j) of a 2-D array, through its strides. */
function at(a: NDArray, i: number, j: number): number {
  const z = a.itemsize;
  return Number(a._data[(a.byteOffset + i * a.strides[0]! + j * a.strides[1]!) / z]);
}

/** A 1-D array's elements, through its offset and stride. */
function vec(a: NDArray): Float64Array {
  const out = new Float64Array(a.shape[0]!);
  for (let i = 0; i < out.length; i++) out[i] = Number(a._data[(a.byteOffset + i * a.strides[0]!) / a.itemsize]);
  return out;
}

function plainMatmul(a: NDArray, b: NDArray): Float64Array {
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1]!;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let l = 0; l < k; l++) {
    const x = at(a, i, l);
    for (let j = 0; j < n; j++) c[i * n + j] += x * at(b, l, j);
  }
  return c;
}

function flat2(c: NDArray): Float64Array {
  const [m, n] = c.shape as [number, number];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = at(c, i, j);
  return out;
}

function expectSame(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  let bad = -1;
  for (let i = 0; i < got.length && bad < 0; i++) if (got[i] !== want[i]) bad = i;
  expect(bad, bad >= 0 ? `first mismatch at ${bad}: ${got[bad]} vs ${want[bad]}` : '').toBe(-1);
}

describeBackends('einsum ij,ij->i float32 rows', () => {
  it('every length up to 70, block edges and long rows, within float32 rounding of the exact sum', () => {
    for (const n of [...Array(71).keys(), 255, 256, 257, 1023, 1024, 1025, 2049, 3000]) {
      const rows = 3;
      const xs = new Float32Array(rows * n), ys = new Float32Array(rows * n);
      let s = 12345 + n;
      for (let i = 0; i < rows * n; i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        xs[i] = ((s >>> 8) / 2 ** 24) * 2 - 1;
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        ys[i] = ((s >>> 8) / 2 ** 24) * 2 - 1;
      }
      const r = np.einsum('ij,ij->i', np.asarray(xs).reshape([rows, n]), np.asarray(ys).reshape([rows, n]));
      expect(r.dtype).toBe('float32');
      const got = vec(r);
      for (let i = 0; i < rows; i++) {
        let exact = 0, mag = 0;
        for (let j = 0; j < n; j++) { exact += xs[i * n + j]! * ys[i * n + j]!; mag += Math.abs(xs[i * n + j]! * ys[i * n + j]!); }
        // float32 partial sums of at most 1024 terms: a few dozen ulps of sum |x y| at most.
        expect(Math.abs(got[i]! - exact), `n=${n} row ${i}`).toBeLessThanOrEqual(64 * 2 ** -24 * mag + 1e-30);
      }
    }
  });

  it('integer data give the exact sums, on contiguous rows of a wider array too', () => {
    const a = ints([40, 333], 5, 'float32'), b = ints([40, 333], 6, 'float32');
    for (const [x, y] of [[a, b], [a.slice(':', '1:300'), b.slice(':', '2:301')]] as const) {
      const r = np.einsum('ij,ij->i', x, y);
      const [m, n] = x.shape as [number, number];
      const want = new Float64Array(m);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) want[i] += at(x, i, j) * at(y, i, j);
      expectSame(vec(r), want);
    }
  });
});

describeBackends('thin GEMMs (split over threads when native)', () => {
  it('rows split: (341x200)(200x30) in every transpose combination, float64 exact', () => {
    const A = ints([341, 200], 1), At = ints([200, 341], 2).T;
    const B = ints([200, 30], 3), Bt = ints([30, 200], 4).T;
    for (const a of [A, At]) for (const b of [B, Bt]) expectSame(flat2(np.matmul(a, b)), plainMatmul(a, b));
  });

  it('columns split: (30x200)(200x341), and a column-major result', () => {
    const a = ints([30, 200], 7), b = ints([200, 341], 8), bt = ints([341, 200], 9).T;
    for (const y of [b, bt]) expectSame(flat2(np.matmul(a, y)), plainMatmul(a, y));
    // C^T = B^T A^T: the product is computed transposed, a thin one again.
    const out = np.zeros([341, 30]).T;
    np.matmul(a, b, { out });
    expectSame(flat2(out), plainMatmul(a, b));
  });

  it('float32, and the einsum chain that lowers to two thin GEMMs', () => {
    const a = ints([300, 257], 10, 'float32'), b = ints([257, 20], 11, 'float32');
    expectSame(flat2(np.matmul(a, b)), plainMatmul(a, b));
    const x = ints([600, 400], 12), y = ints([400, 500], 13), z = ints([500, 30], 14);
    const r = np.einsum('ij,jk,kl->il', x, y, z, { optimize: 'greedy' });
    const yz = np.asarray(plainMatmul(y, z)).reshape([400, 30]);
    expectSame(flat2(r), plainMatmul(x, yz));
  });
});

describeBackends('short-k GEMMs (split in 192-wide granules when native)', () => {
  it('(500x100)(100x300), (300x100)(100x500) and k = 128 / 129 around the limit, transposes, float64 exact', () => {
    for (const [m, k, n] of [[500, 100, 300], [300, 100, 500], [401, 128, 385], [385, 129, 401], [600, 3, 700]] as const) {
      const A = ints([m, k], m + k), At = ints([k, m], m + 2 * k).T;
      const B = ints([k, n], n + k), Bt = ints([n, k], n + 2 * k).T;
      for (const a of [A, At]) for (const b of [B, Bt]) expectSame(flat2(np.matmul(a, b)), plainMatmul(a, b));
    }
  });

  it('float32, and a column-major result', () => {
    const a = ints([700, 64], 21, 'float32'), b = ints([64, 450], 22, 'float32');
    expectSame(flat2(np.matmul(a, b)), plainMatmul(a, b));
    const out = np.zeros([450, 700]).T;
    np.matmul(ints([700, 64], 23), ints([64, 450], 24), { out });
    expectSame(flat2(out), plainMatmul(ints([700, 64], 23), ints([64, 450], 24)));
  });
});

describeBackends('L @ L.T (syrk and its mirrored triangle)', () => {
  it('sizes that take two threads and are not multiples of the tile', () => {
    for (const [m, k] of [[700, 3], [1031, 2], [65, 4]] as const) {
      const L = ints([m, k], m);
      const got = flat2(np.matmul(L, L.T));
      expectSame(got, plainMatmul(L, L.T));
    }
  });
});

describeBackends('einsum planned-path cache', () => {
  it('same subscripts with other shapes, and ellipsis labels named like a literal letter', () => {
    const run = (a: NDArray, b: NDArray, c: NDArray) => np.einsum('ij,jk,kl->il', a, b, c, { optimize: 'greedy' });
    const shapesList = [[[8, 3], [3, 40], [40, 2]], [[2, 40], [40, 3], [3, 8]], [[8, 3], [3, 40], [40, 2]]] as const;
    for (const [sa, sb, sc] of shapesList) {
      const a = ints([...sa], 1), b = ints([...sb], 2), c = ints([...sc], 3);
      const ab = np.asarray(plainMatmul(a, b)).reshape([sa[0], sb[1]]);
      expectSame(flat2(run(a, b, c)), plainMatmul(ab, c));
    }
    // '...' prints as an unused letter from the end of the alphabet ('Z' here): a
    // literal 'Z' elsewhere must still get its own plan.
    const a = ints([5, 6], 4), b = ints([6, 7], 5), c = ints([7, 3], 6);
    const want = plainMatmul(np.asarray(plainMatmul(a, b)).reshape([5, 7]), c);
    expectSame(flat2(np.einsum('...j,jk,kl->...l', a, b, c, { optimize: 'greedy' })), want);
    expectSame(flat2(np.einsum('Zj,jk,kl->Zl', a, b, c, { optimize: 'greedy' })), want);
    expectSame(flat2(np.einsum('Zj,jk,kl->Zl', a, b, c, { optimize: ['einsum_path', [0, 1], [0, 1]] })), want);
    expect(() => np.einsum('ij,jk,kl->il', a, b, c, { optimize: ['einsum_path', [0, 5]] })).toThrow(/operand position 5/);
    expect(() => np.einsum('ij,jk,kl->il', a, b, c, { optimize: ['einsum_path', [0, 5]] })).toThrow(/operand position 5/);
  });
});
