// distance.cdist / pdist / squareform against SciPy (test/fixtures/linalg.json), on
// both backends; then the fused kernel's promises at scale: every entry of a
// 1500 x 1200 x 50 problem equal to SciPy's direct computation to 1e-12 (SciPy's
// euclidean loop is sum((a - b)^2) in index order, reproduced here, which the fixture
// cases confirm against SciPy itself), an exactly zero diagonal for cdist(X, X), the
// cancellation cases recomputed, extra memory bounded by the inputs and one tile per
// thread whatever the output size, and the results independent of the chunking.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends, nativeLoaded, withBackend } from './helpers/backends';
import { checkCase, loadLinalgFixture } from './helpers/linalg';
import { snapshot } from './helpers/fixtures';
import { lastCdistRun } from '../src/ops/distance';

const fx = loadLinalgFixture();

describeBackends('distances vs SciPy (fixture)', () => {
  for (const g of ['cdist', 'squareform']) {
    const cases = fx.cases.filter((c) => c.group === g);
    describe(`${g} (${cases.length})`, () => {
      it.each(cases.map((c, i) => [`${c.fn} ${c.title} #${i}`, c] as const))('%s', (_t, c) => checkCase(fx, c));
    });
  }
});

/** SciPy's euclidean / sqeuclidean: sum((a - b)^2) in double, in index order. */
function direct(A: NDArray, B: NDArray, sq = false): Float64Array {
  const [m, d] = A.shape as [number, number];
  const n = B.shape[0]!;
  const a = A.astype('float64').toTypedArray() as Float64Array;
  const b = B.astype('float64').toTypedArray() as Float64Array;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < d; l++) { const t = a[i * d + l]! - b[j * d + l]!; s += t * t; }
      out[i * n + j] = sq ? s : Math.sqrt(s);
    }
  }
  return out;
}

function maxRelErr(got: NDArray, want: Float64Array): number {
  const g = got.astype('float64').toTypedArray() as Float64Array;
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!, x = g[i]!;
    if (w === x) continue;
    worst = Math.max(worst, Math.abs(x - w) / Math.abs(w));
  }
  return worst;
}

describeBackends('cdist accuracy and memory at scale', (backend) => {
  // Points with a common offset and near-duplicates: the norm trick's worst case.
  np.random.seed(42);
  const X = np.random.rand(1500, 50) as NDArray;
  const Y = X.slice('0:1200');

  it('every entry within 1e-12 of SciPy (float64), also for far-from-origin and near-duplicate points', () => {
    const want = direct(X, Y);
    const got = np.distance.cdist(X, Y);
    expect(maxRelErr(got, want)).toBeLessThanOrEqual(1e-12);
    // 1e4 offset, spread 1: the uncentred trick would lose 8 digits
    const far = np.array(Array.from({ length: 300 * 20 }, (_, i) => 1e4 + Math.sin(i * 12.9898) * 0.5)).reshape(300, 20);
    const nearby = np.array(Array.from({ length: 250 * 20 }, (_, i) => 1e4 + Math.sin(i * 12.9898) * 0.5 + 1e-9 * Math.cos(i))).reshape(250, 20);
    expect(maxRelErr(np.distance.cdist(far, nearby), direct(far, nearby))).toBeLessThanOrEqual(1e-12);
    expect(maxRelErr(np.distance.cdist(far, nearby, { metric: 'sqeuclidean' }), direct(far, nearby, true))).toBeLessThanOrEqual(1e-12);
  });

  it('float32: within 1e-5 of SciPy (which computes in double)', () => {
    const X32 = X.slice('0:600').astype('float32'), Y32 = Y.slice('0:500').astype('float32');
    const got = np.distance.cdist(X32, Y32);
    expect(got.dtype).toBe('float32');
    expect(maxRelErr(got, direct(X32, Y32))).toBeLessThanOrEqual(1e-5);
  });

  it('cdist(X, X) has an exactly zero diagonal and is exactly symmetric where SciPy is', () => {
    const D = np.distance.cdist(X.slice('0:700'), X.slice('0:700'));
    const same = np.distance.cdist(X.slice('0:700'), X.slice('0:700').copy());
    for (let i = 0; i < 700; i++) expect(D.get(i, i)).toBe(0);
    for (let i = 0; i < 700; i++) expect(same.get(i, i)).toBe(0); // exact through the recompute, not by flag
    expect(np.arrayEqual(D, D.T)).toBe(true); // SciPy's (a-b)^2 = (b-a)^2 bit for bit; so is numnode's
    for (const metric of ['sqeuclidean', 'cosine'] as const) {
      const M = np.distance.cdist(X.slice('0:300'), X.slice('0:300'), { metric, chunkSize: 64 });
      expect(np.arrayEqual(M, M.T), metric).toBe(true);
    }
  });

  it.skipIf(backend === 'js')('recomputes only what the bound flags, and bounds its memory by the inputs', () => {
    np.distance.cdist(X, Y);
    const r = lastCdistRun()!;
    expect(r.backend).toBe('native');
    const inputs = (X.size + Y.size) * 8;
    expect(r.workspaceBytes).toBeLessThan(inputs + 2 * 8 * (r.tileRows * (50 + 1) + r.tileRows * r.tileCols) + 1);
    expect(r.workspaceBytes).toBeLessThan(1500 * 1200 * 8 / 4); // far below the 14 MB result
    expect(r.recomputed).toBeLessThan(1500 * 1200 / 100);
    const dup = np.concatenate([X.slice('0:100'), X.slice('0:100')]);
    np.distance.cdist(dup, dup);
    expect(lastCdistRun()!.recomputed).toBeGreaterThanOrEqual(200 - 0); // the 100 exact duplicates, both ways
  });

  it('the chunk size only changes the GEMM blocking (last-bit differences), and the scratch size', () => {
    const a = X.slice('0:400'), b = Y.slice('0:300');
    const want = direct(a, b);
    const ws: number[] = [];
    for (const chunkSize of [1, 7, 64, 1000]) {
      const r = np.distance.cdist(a, b, { chunkSize });
      expect(maxRelErr(r, want), `chunkSize ${chunkSize}`).toBeLessThanOrEqual(1e-12);
      ws.push(lastCdistRun()!.workspaceBytes);
    }
    if (backend === 'native') expect(ws[0]).toBeLessThan(ws[3]!);
  });

  it('pdist matches the upper triangle of cdist, squareform round-trips', () => {
    const a = X.slice('0:120');
    const p = np.distance.pdist(a);
    const D = np.distance.cdist(a, a);
    expect(p.shape).toEqual([120 * 119 / 2]);
    let k = 0;
    let worst = 0;
    for (let i = 0; i < 120; i++) for (let j = i + 1; j < 120; j++) worst = Math.max(worst, Math.abs((p.get(k++) as number) - (D.get(i, j) as number)) / (D.get(i, j) as number));
    expect(worst).toBeLessThanOrEqual(1e-12);
    const S = np.distance.squareform(p);
    expect(S.shape).toEqual([120, 120]);
    expect(np.arrayEqual(np.distance.squareform(S), p)).toBe(true);
  });

  it('bad input: coded errors, inputs unchanged', () => {
    const a = X.slice('0:5');
    const s = snapshot(a);
    expect(() => np.distance.cdist(a, np.ones([5, 3]))).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_SHAPE' }));
    expect(() => np.distance.cdist(a, a, { metric: 'cityblock' as never })).toThrow(/Unknown Distance Metric: cityblock/);
    expect(() => np.distance.cdist(a, a, { chunkSize: -1 })).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_ARG' }));
    expect(() => np.distance.cdist(a, a, { bogus: 1 } as never)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_ARG' }));
    expect(() => np.distance.cdist(a.slice(0), a)).toThrow(/XA must be a 2-dimensional array/);
    expect(snapshot(a)).toBe(s);
  });
});

describe.skipIf(!nativeLoaded)('native and TypeScript cdist agree', () => {
  it('on random data, all metrics, within 1e-13', () => {
    np.random.seed(3);
    const a = np.random.randn(200, 30), b = np.random.randn(150, 30);
    for (const metric of ['euclidean', 'sqeuclidean', 'cosine'] as const) {
      const n = withBackend('native', () => np.distance.cdist(a, b, { metric }));
      const t = withBackend('js', () => np.distance.cdist(a, b, { metric }));
      expect(np.allclose(n, t, { rtol: 1e-13, atol: 1e-15 }), metric).toBe(true);
    }
  });
});
