// Linear algebra against NumPy: every case of test/fixtures/linalg.json outside einsum
// and the distances (matmul over every dtype and layout, dot, vdot, inner, outer,
// tensordot, trace, diag, diagonal, linalg.norm, isclose, allclose, arrayEqual),
// run once per backend; then what the fixture cannot show: `out`, overlap, the BLAS
// paths taken, thread-count invariance, methods, and hostile calls to the addon.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends, nativeLoaded, withBackend } from './helpers/backends';
import { checkCase, loadLinalgFixture } from './helpers/linalg';
import { flat, snapshot } from './helpers/fixtures';
import { lastMatmulPath, MATMUL_PATH } from '../src/backend/linalg';
import { native } from '../src/backend/native/loader';

const fx = loadLinalgFixture();
const GROUPS = ['matmul layouts', 'matmul overflow', 'matmul promotion', 'matmul floats', 'matmul errors', 'products',
  'diagonal', 'norm', 'comparisons'];

describeBackends('linalg vs NumPy (fixture)', () => {
  for (const g of GROUPS) {
    const cases = fx.cases.filter((c) => c.group === g);
    describe(`${g} (${cases.length})`, () => {
      it.each(cases.map((c, i) => [`${c.fn} ${c.title} #${i}`, c] as const))('%s', (_t, c) => checkCase(fx, c));
    });
  }
});

it('the fixture covers every dtype for matmul and is from a real NumPy', () => {
  const titles = fx.cases.filter((c) => c.group === 'matmul layouts').map((c) => c.title);
  for (const d of np.DTYPES) {
    for (const l of ['C @ C', 'F @ F', 'A.T @ B', 'stepped', 'negative strides', 'zero strides', 'batch broadcast', '1-D @ 1-D', '(3,0) @ (0,5)']) {
      expect(titles, `${d} ${l}`).toContain(`${d} ${l}`);
    }
  }
  expect(fx.numpy_version).toMatch(/^\d+\.\d+/);
});

/** Deterministic small-integer data (exact float sums whatever the order). */
function ints(shape: number[], dtype: np.DType = 'float64', seed = 1): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const v: number[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2147483648; v.push((s >> 16) % 7 - 3); }
  return np.array(v).astype(dtype).reshape(shape);
}

function naiveMatmul(a: NDArray, b: NDArray): number[] {
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1]!;
  const out: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += Number(a.get(i, l)) * Number(b.get(l, j));
    out.push(s);
  }
  return out;
}

describeBackends('matmul: out, overlap, shapes', () => {
  it('writes into out (dtype cast same_kind), returns it, and ignores NaN garbage in it', () => {
    const a = ints([5, 6]), b = ints([6, 4], 'float64', 2);
    const out = np.full([5, 4], NaN);
    const r = np.matmul(a, b, { out });
    expect(r).toBe(out);
    expect(flat(out)).toEqual(naiveMatmul(a, b));
    const o32 = np.empty([5, 4], { dtype: 'float32' });
    np.matmul(a, b, { out: o32 });
    expect(flat(o32)).toEqual(naiveMatmul(a, b));
  });

  it('refuses out of the wrong shape or a kind it cannot cast to, changing nothing', () => {
    const a = ints([2, 3]), b = ints([3, 5]);
    const out = np.zeros([2, 4]);
    const snap = snapshot(out);
    expect(() => np.matmul(a, b, { out })).toThrow(/core dimension 1.*size 4 is different from 5/);
    const oi = np.zeros([2, 5], { dtype: 'int64' });
    expect(() => np.matmul(a, b, { out: oi })).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_DTYPE' }));
    expect(snapshot(out)).toBe(snap);
    expect(flat(oi).every((v) => v === 0n)).toBe(true);
    expect(() => np.matmul(a, b, { out: np.zeros([2, 5]).broadcastTo([2, 5]) })).toThrow(/read-only/);
  });

  it('accepts an out with extra batch axes, as NumPy broadcasts into it', () => {
    const a = ints([2, 3]), b = ints([3, 5], 'float64', 3);
    const out = np.empty([4, 2, 5]);
    np.matmul(a, b, { out });
    const one = naiveMatmul(a, b);
    expect(flat(out)).toEqual([...one, ...one, ...one, ...one]);
  });

  it('gives the right answer when out is one of the operands (a temporary, as NumPy)', () => {
    for (const shape of [[4, 4], [3, 4, 4]]) {
      const a = ints(shape), b = ints(shape, 'float64', 7);
      const want = flat(np.matmul(a, b));
      const a2 = a.copy();
      np.matmul(a2, b, { out: a2 });
      expect(flat(a2)).toEqual(want);
      const b2 = b.copy();
      np.matmul(a, b2, { out: b2 });
      expect(flat(b2)).toEqual(want);
      // out overlapping partially: a view of a's buffer shifted by one row
      const big = np.zeros([5, 4]);
      big.slice('0:4').assign(ints([4, 4]));
      const want2 = flat(np.matmul(big.slice('0:4'), ints([4, 4], 'float64', 7)));
      np.matmul(big.slice('0:4'), ints([4, 4], 'float64', 7), { out: big.slice('1:5') });
      expect(flat(big.slice('1:5'))).toEqual(want2);
    }
  });

  it('matches a naive product for sizes around the integer tiles, every integer dtype', () => {
    for (const d of ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint32', 'uint64'] as const) {
      const a = ints([33, 70], 'float64', 11), b = ints([70, 300], 'float64', 12);
      const want = np.matmul(a, b).astype(d); // small values: no wrap, exact in float64
      const got = np.matmul(a.astype(d), b.astype(d));
      expect(got.dtype).toBe(d);
      expect(np.arrayEqual(got, want), d).toBe(true);
    }
  });

  it('bool matmul is OR of ANDs', () => {
    const a = np.array([[true, false, false], [false, false, false], [true, true, false]]);
    const b = np.array([[false, true], [true, false], [true, true]]);
    expect(np.matmul(a, b).toArray()).toEqual([[false, true], [false, false], [true, true]]);
  });

  it('empty and zero-length products', () => {
    expect(flat(np.matmul(np.ones([3, 0]), np.ones([0, 2])))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(np.matmul(np.ones([0, 3]), np.ones([3, 2])).shape).toEqual([0, 2]);
    expect(np.matmul(np.ones([2, 0, 3]), np.ones([3, 4])).shape).toEqual([2, 0, 4]);
    const z = np.matmul(np.ones([0]), np.ones([0]));
    expect(z.ndim).toBe(0);
    expect(z.item()).toBe(0);
  });

  it('methods: a.matmul, a.dot, a.diagonal, a.trace', () => {
    const a = ints([3, 3]);
    expect(flat(a.matmul(a))).toEqual(flat(np.matmul(a, a)));
    expect(a.slice(0).dot(a.slice(1))).toBe(np.dot(a.slice(0), a.slice(1)));
    expect(flat(a.diagonal())).toEqual([a.get(0, 0), a.get(1, 1), a.get(2, 2)]);
    expect(a.trace()).toBe(Number(a.get(0, 0)) + Number(a.get(1, 1)) + Number(a.get(2, 2)));
  });

  it('unknown options and bad operands are coded TypeErrors', () => {
    expect(() => np.matmul(np.ones(2), np.ones(2), { bogus: 1 } as never)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_ARG' }));
    expect(() => np.matmul('ab' as never, np.ones(2))).toThrow(TypeError);
    expect(() => np.dot(null as never, np.ones(2))).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_ARG' }));
  });

  it('dot with out: exact dtype and C order required, overlap handled', () => {
    const a = ints([3, 3]);
    const out = np.empty([3, 3]);
    expect(np.dot(a, a, { out })).toBe(out);
    expect(flat(out)).toEqual(flat(np.matmul(a, a)));
    expect(() => np.dot(a, a, { out: np.empty([3, 3], { dtype: 'float32' }) })).toThrow(/output array is not acceptable/);
    expect(() => np.dot(a, a, { out: np.empty([3, 3]).T })).toThrow(/output array is not acceptable/);
    const b = a.copy();
    np.dot(b, b, { out: b });
    expect(flat(b)).toEqual(flat(np.matmul(a, a)));
  });

  it('diag of a vector writes a fresh matrix; diagonal is a read-only view', () => {
    const m = np.arange(9).reshape(3, 3);
    const d = np.diagonal(m);
    expect(d.flags.writeable).toBe(false);
    expect(np.sharesMemory(d, m)).toBe(true);
    expect(() => d.set([0], 5)).toThrow(/read-only/);
    expect(np.diag([1, 2], 1).toArray()).toEqual([[0n, 1n, 0n], [0n, 0n, 2n], [0n, 0n, 0n]]);
  });
});

describe.skipIf(!nativeLoaded)('matmul on OpenBLAS: the path taken (native)', () => {
  const P = MATMUL_PATH;
  const run = (a: NDArray, b: NDArray): number => withBackend('native', () => {
    np.matmul(a, b);
    return lastMatmulPath()!;
  });
  const A = ints([40, 30]), B = ints([30, 20], 'float64', 5);

  it('C-contiguous: one gemm, nothing copied', () => {
    expect(run(A, B)).toBe(P.gemm);
  });
  it('transposed operands and a column-major result use the transpose flags, not copies', () => {
    expect(run(A.T.copy().T, B)).toBe(P.gemm); // F-ordered A
    expect(run(ints([30, 40]).T, ints([20, 30]).T)).toBe(P.gemm);
    expect(run(A.slice(':', '0:20'), B.slice('0:20'))).toBe(P.gemm); // sliced: leading dimension 30
  });
  it('copies only what BLAS cannot express', () => {
    expect(run(A.slice(':', '::2'), B.slice('::2'))).toBe(P.gemm | P.copyA); // B: rows stepped, ld 40: no copy
    expect(run(A.slice(':', '0:15'), B.slice('::2', '::2'))).toBe(P.gemm | P.copyB);
    expect(run(A.slice('::-1'), B)).toBe(P.gemm | P.copyA);
  });
  it('A @ A.T on the same memory is syrk, and equals the gemm result', () => {
    expect(run(A, A.T)).toBe(P.syrk);
    expect(run(A.T, A)).toBe(P.syrk);
    const s = withBackend('native', () => np.matmul(A, A.T));
    expect(flat(s)).toEqual(naiveMatmul(A, A.T));
    expect(run(A, A.copy().T)).toBe(P.gemm);
  });
  it('matrix-vector is gemv, vector-vector is dot, also with negative strides', () => {
    expect(run(A, B.slice(':', 0))).toBe(P.gemv);
    expect(run(A.slice(0), B)).toBe(P.gemv);
    expect(run(A.slice(0, '::-1'), A.slice(1, '::-1'))).toBe(P.dot);
    expect(withBackend('native', () => np.matmul(A.slice(0, '::-1'), A.slice(1)).item()))
      .toBe(withBackend('js', () => np.matmul(A.slice(0, '::-1'), A.slice(1)).item()));
  });
  it('small batched products run one per thread; integers run the native loops', () => {
    expect(run(ints([8, 5, 6]), ints([8, 6, 7])) & ~P.batchParallel).toBe(P.gemm);
    expect(run(A.astype('int32'), B.astype('int32'))).toBe(P.loops);
  });
  it('agrees on 1 and 2 threads', () => {
    const a = np.random.rand(300, 200), b = np.random.rand(200, 250);
    const prev = np.getNumThreads();
    try {
      np.setNumThreads(1);
      const r1 = withBackend('native', () => np.matmul(a, b));
      np.setNumThreads(2);
      const r2 = withBackend('native', () => np.matmul(a, b));
      expect(np.allclose(r1, r2, { rtol: 1e-14, atol: 0 })).toBe(true);
    } finally {
      np.setNumThreads(prev);
    }
  });
  it('agrees with the TypeScript kernel on random floats', () => {
    const a = np.random.rand(70, 90), b = np.random.rand(90, 50);
    const n = withBackend('native', () => np.matmul(a, b));
    const t = withBackend('js', () => np.matmul(a, b));
    expect(np.allclose(n, t, { rtol: 1e-13, atol: 0 })).toBe(true);
  });
});

describe.skipIf(!nativeLoaded)('the addon re-checks what TypeScript checked (native)', () => {
  const b = native().binding!;
  const u8 = (n: number) => new Uint8Array(n);
  it('matmul: extents with transposed strides, overlap, zero-stride outputs, types', () => {
    // A 3x4 float64 read with a leading dimension of 5: needs (2*5 + 3 + 1) * 8 bytes.
    const ok = () => b.matmul!(10, [], 3, 2, 4, u8(112), [40, 8], 0, u8(64), [16, 8], 0, u8(48), [16, 8], 0);
    expect(ok).not.toThrow();
    expect(() => b.matmul!(10, [], 3, 2, 4, u8(104), [40, 8], 0, u8(64), [16, 8], 0, u8(48), [16, 8], 0))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
    // the transposed layout of the same matrix (column stride 40) reaches just as far
    expect(() => b.matmul!(10, [], 4, 2, 3, u8(104), [8, 40], 0, u8(64), [16, 8], 0, u8(64), [16, 8], 0))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
    const shared = u8(256);
    expect(() => b.matmul!(10, [], 2, 2, 2, shared, [16, 8], 0, u8(32), [16, 8], 0, shared, [16, 8], 16))
      .toThrow(/overlaps an input/);
    expect(() => b.matmul!(10, [], 2, 2, 2, u8(32), [16, 8], 0, u8(32), [16, 8], 0, u8(32), [0, 8], 0))
      .toThrow(/zero stride/);
    expect(() => b.matmul!(10, [2 ** 40], 2, 2, 2, u8(32), [0, 16, 8], 0, u8(32), [0, 16, 8], 0, u8(32), [2 ** 40, 16, 8], 0))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
    expect(() => b.matmul!(11, [], 1, 1, 1, u8(8), [8, 8], 0, u8(8), [8, 8], 0, u8(8), [8, 8], 0))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_DTYPE' }));
    expect(() => b.matmul!(10, [], 1, 1, 1, u8(8), [8, 8], 0, u8(8), [8, 8], 0, u8(8), [8, 8], 0.5))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_ARG' }));
    expect(() => (b.matmul as unknown as (...x: unknown[]) => void)(10, [], 1)).toThrow(/expected 14 arguments/);
  });
  it('sumProducts: every operand bounds-checked, operand count limited', () => {
    const st = new Float64Array([8, 8]);
    expect(() => b.sumProducts!(10, [4], 0, [u8(32), u8(24)], st, [0, 0], u8(8), [], 0, false))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
    expect(() => b.sumProducts!(10, [4], 0, [], new Float64Array(0), [], u8(8), [], 0, false)).toThrow(/1\.\.63 operands/);
    expect(() => b.sumProducts!(10, [4], 0, [u8(32)], new Float64Array([8.5]), [0], u8(8), [], 0, false)).toThrow(/safe integers/);
    const buf = u8(64);
    expect(() => b.sumProducts!(10, [4], 1, [buf], new Float64Array([8]), [0], buf, [8], 0, false)).toThrow(/overlaps/);
  });
  it('cdist: strides of both inputs and the output are checked', () => {
    expect(() => b.cdist!(10, 0, 2, 2, 3, u8(48), [24, 8], 0, u8(40), [24, 8], 0, u8(32), [16, 8], 0, 0, false))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
    expect(() => b.cdist!(5, 0, 2, 2, 3, u8(48), [24, 8], 0, u8(48), [24, 8], 0, u8(32), [16, 8], 0, 0, false))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_DTYPE' }));
  });
  it('a detached buffer is refused, not read', () => {
    const a = np.ones([4, 4]);
    const buf = new ArrayBuffer(128);
    const view = new Uint8Array(buf);
    structuredClone(buf, { transfer: [buf] });
    expect(() => b.matmul!(10, [], 4, 4, 4, view, [32, 8], 0, new Uint8Array(a.buffer), [32, 8], a.byteOffset,
      u8(128), [32, 8], 0)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
  });
});
