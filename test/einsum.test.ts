// einsum against NumPy: the corpus of test/fixtures/linalg.json (every expression of
// NumPy's own test_einsum.py that applies to real dtypes, with its shapes, plus
// generated ones; optimize false / greedy / optimal), einsum_path's paths and printed
// reports, and the parse errors; then what the fixture cannot show: which kernel the
// lowering picks, views, `out`, error pointers, the optimal search's cap.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends, nativeLoaded, withBackend } from './helpers/backends';
import { checkCase, loadLinalgFixture } from './helpers/linalg';
import { flat, snapshot } from './helpers/fixtures';
import { lastMatmulPath, MATMUL_PATH } from '../src/backend/linalg';
import { planEinsum, OPTIMAL_WORK_LIMIT } from '../src/ops/einsum/plan';

const fx = loadLinalgFixture();

describeBackends('einsum vs NumPy (fixture)', () => {
  for (const g of ['einsum', 'einsum errors', 'einsumPath']) {
    const cases = fx.cases.filter((c) => c.group === g);
    describe(`${g} (${cases.length})`, () => {
      it.each(cases.map((c, i) => [`${c.title} #${i}`, c] as const))('%s', (_t, c) => checkCase(fx, c));
    });
  }
});

it('the corpus has at least 200 expressions, NumPy\'s own among them', () => {
  expect(fx.einsum_expressions).toBeGreaterThanOrEqual(200);
  const sources = new Set(fx.cases.filter((c) => c.group === 'einsum').map((c) => c.source));
  expect([...sources]).toEqual(expect.arrayContaining(['numpy optimize_compare / einsum_path', 'numpy test_einsum', 'generated']));
});

function ints(shape: number[], seed = 1): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const v: number[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2147483648; v.push((s >> 16) % 5 - 2); }
  return np.array(v).astype('float64').reshape(shape);
}

describeBackends('einsum lowering and options', () => {
  it('relabelings are views, writeable when the operand is', () => {
    const a = ints([3, 3]);
    for (const e of ['ij->ji', 'ii->i', 'ij', 'ji']) {
      const r = np.einsum(e, a);
      expect(np.sharesMemory(r, a), e).toBe(true);
      expect(r.flags.writeable, e).toBe(true);
    }
    np.einsum('ii->i', a).assign(7);
    expect([a.get(0, 0), a.get(1, 1), a.get(2, 2)]).toEqual([7, 7, 7]);
    const ro = np.broadcastTo(ints([3]), [3, 3]);
    expect(np.einsum('ij->ji', ro).flags.writeable).toBe(false);
  });

  it('writes into out (cast with casting), and handles out aliasing an operand', () => {
    const a = ints([4, 4]), b = ints([4, 4], 2);
    const want = flat(np.matmul(a, b));
    const out = np.full([4, 4], NaN);
    expect(np.einsum('ij,jk->ik', a, b, { out })).toBe(out);
    expect(flat(out)).toEqual(want);
    const a2 = a.copy();
    np.einsum('...ij,...jk->...ik', a2, b, { out: a2 });
    expect(flat(a2)).toEqual(want);
    const oi = np.zeros([4], { dtype: 'int64' });
    expect(() => np.einsum('ij->i', a, { out: oi })).toThrow(/according to the rule 'safe'/);
    np.einsum('ij->i', a, { out: oi, casting: 'unsafe' });
    expect(flat(oi)).toEqual(flat(np.einsum('ij->i', a)).map((v) => BigInt(v as number)));
    expect(() => np.einsum('ij->i', a, { out: np.zeros([3]) })).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_SHAPE' }));
  });

  it('dtype forces the computation type, refused when not a safe cast', () => {
    const a = np.arange(6, { dtype: 'int8' }).reshape(2, 3);
    expect(np.einsum('ij->i', a, { dtype: 'float32' }).dtype).toBe('float32');
    expect(() => np.einsum('ij->i', a.astype('float64'), { dtype: 'int8' })).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_DTYPE' }));
  });

  it('optimize paths give the same values as the single contraction', () => {
    const A = ints([6, 5]), B = ints([5, 7], 3), C = ints([7, 4], 4), D = ints([4, 3], 5);
    const ref = flat(np.einsum('ij,jk,kl,lm->im', A, B, C, D));
    for (const optimize of [true, 'greedy', 'optimal', ['einsum_path', [2, 3], [1, 2], [0, 1]]] as const) {
      expect(flat(np.einsum('ij,jk,kl,lm->im', A, B, C, D, { optimize })), String(optimize)).toEqual(ref);
    }
  });

  it('unknown options and a bad optimize value are coded errors', () => {
    const a = ints([2, 2]);
    expect(() => np.einsum('ij', a, { order: 'C' } as never)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_ARG' }));
    expect(() => np.einsum('ij,jk', a, a, { optimize: 'fastest' as never })).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_EINSUM' }));
    expect(() => np.einsum('ij,jk', a, a, { optimize: [1, 2] as never })).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_EINSUM' }));
  });
});

describe('einsum parse errors point at the offending character', () => {
  const v = np.ones(2);
  const cases: [string, unknown[], RegExp, number][] = [
    ['ij%,jk', [v, v], /^invalid subscript '%'/, 2],
    ['i->i->i', [v], /only contain one '->'/, 4],
    ['i-j', [v], /proper '->'/, 1],
    ['i.j', [v], /'\.' that is not part of an ellipsis/, 1],
    ['i->ij', [v], /output subscript 'j' which never appeared/, 4],
    ['ij->jij', [np.ones([2, 2])], /output subscript 'j' multiple times/, 6],
    ['ijk', [np.ones([2, 2])], /too many subscripts for operand 0/, 2],
  ];
  it.each(cases)('%s', (s, ops, re, pos) => {
    let e: (Error & { code?: string }) | null = null;
    try { np.einsum(s, ...(ops as NDArray[])); } catch (x) { e = x as Error & { code?: string }; }
    expect(e).not.toBeNull();
    expect(e!.code).toBe('ERR_NUMNODE_EINSUM');
    expect(e).toBeInstanceOf(RangeError);
    const [first, line, caret] = e!.message.split('\n');
    expect(first).toMatch(re);
    expect(line).toBe(`  ${s}`);
    expect(caret).toBe(`  ${' '.repeat(pos)}^`);
  });
  it('too many operands and non-string subscripts', () => {
    expect(() => np.einsum(Array(64).fill('i').join(',') + '->', ...Array(64).fill(v))).toThrow(/too many operands/);
    expect(() => np.einsum()).toThrow(/at least one operand/);
    expect(() => np.einsum(v, [0, 'x'])).toThrow(TypeError);
  });
});

describe.skipIf(!nativeLoaded)('einsum lowering picks BLAS for matrix products (native)', () => {
  const run = (f: () => unknown): number | null => withBackend('native', () => { f(); return lastMatmulPath(); });
  it('ik,kj->ij and its transposed spellings are a gemm on views (no copy)', () => {
    const A = ints([30, 40]), B = ints([40, 20], 2);
    expect(run(() => np.einsum('ik,kj->ij', A, B))).toBe(MATMUL_PATH.gemm);
    expect(run(() => np.einsum('ki,kj->ij', A.T, B))).toBe(MATMUL_PATH.gemm);
    expect(run(() => np.einsum('ik,jk->ij', A, B.T))).toBe(MATMUL_PATH.gemm);
    expect(run(() => np.einsum('bij,bjk->bik', ints([5, 6, 7]), ints([5, 7, 8], 2))) & MATMUL_PATH.gemm).toBe(MATMUL_PATH.gemm);
  });
  it('row-wise products do not go through matmul', () => {
    const A = ints([30, 40]);
    const before = run(() => np.matmul(A, A.T));
    expect(before).toBe(MATMUL_PATH.syrk);
    // 'ij,ij->i' is the fused sum-of-products kernel: the last matmul path stays what it was.
    expect(run(() => np.einsum('ij,ij->i', A, A))).toBe(MATMUL_PATH.syrk);
  });
});

describe('the planner', () => {
  it("'optimal' gives up after its work limit and falls back to greedy, quickly", () => {
    const terms = ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi', 'ij', 'jk'];
    const shapes = terms.map(() => [3, 3]);
    const t0 = performance.now();
    const p = planEinsum(terms, 'ak', shapes, 'optimal');
    expect(performance.now() - t0).toBeLessThan(25_000); // ~0.2 s on a quiet machine
    expect(p.optimalCapped).toBe(true);
    expect(p.path).toEqual(planEinsum(terms, 'ak', shapes, 'greedy').path);
    expect(OPTIMAL_WORK_LIMIT).toBeGreaterThan(1000);
    const small = planEinsum(['ab', 'bc', 'cd'], 'ad', [[2, 3], [3, 4], [4, 5]], 'optimal');
    expect(small.optimalCapped).toBe(false);
  }, 30_000);

  it('einsumPath defaults to greedy and returns NumPy\'s report for a chain', () => {
    const [path, report] = np.einsumPath('ij,jk,kl->il', np.ones([2, 2]), np.ones([2, 5]), np.ones([5, 2]));
    expect(path).toEqual(['einsum_path', [1, 2], [0, 1]]);
    expect(report.split('\n')[0]).toBe('  Complete contraction:  ij,jk,kl->il');
    expect(report).toContain('   3                   kl,jk->jl                                ij,jl->il');
  });
});

it('a failed einsum leaves its operands untouched', () => {
  const a = ints([3, 4]);
  const snap = snapshot(a);
  expect(() => np.einsum('ij,jk->ik', a, a)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_EINSUM' }));
  expect(snapshot(a)).toBe(snap);
});
