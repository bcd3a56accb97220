// np.topk (issue 8) against NumPy: test/fixtures/topk.json (scripts/gen-topk-fixtures.py:
// lexsort-defined order, checked there against np.argpartition wherever the k-th
// entry is not tied) on both backends, over contiguous, F-ordered, negative-stride,
// offset and broadcast (zero-stride) views of float32 and float64 arrays, with 0-row,
// empty-row and k > n cases; merging in pieces through `into` (strided and unsorted
// buffers included) gives the one-shot result; bad input gets a coded error and
// changes nothing. A live run of the generator with a fresh seed follows when python3
// has NumPy.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { ROOT } from './helpers/fixtures';
import { liveDifferential } from './helpers/live';

type Enc = number | string;
interface Case { dtype: 'float32' | 'float64'; shape: [number, number]; k: number; kind: string; a: Enc[]; indices: number[]; values: Enc[] }
interface Fixture { numpy: string; seed: number; cases: Case[] }

const GEN = join(ROOT, 'scripts', 'gen-topk-fixtures.py');
const fixture = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'topk.json'), 'utf8')) as Fixture;

const dec = (v: Enc): number => (typeof v === 'number' ? v : v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0.0' ? -0 : Number(v));
const canon = (v: number): string => (Number.isNaN(v) ? 'nan' : Object.is(v, -0) ? '-0' : String(v));

function input(c: Case): NDArray {
  return np.array(c.a.map(dec), { dtype: c.dtype }).reshape(c.shape);
}

/** The same values in several memory layouts (name, view). */
function layouts(x: NDArray): [string, NDArray][] {
  const [R, n] = x.shape as [number, number];
  const out: [string, NDArray][] = [['C', x.copy('C')], ['F', x.copy('F')]];
  if (R > 0 && n > 0) {
    out.push(['reversed', np.flip(x).copy().slice('::-1', '::-1')]);
    const big = np.zeros([R + 2, n + 3], { dtype: x.dtype });
    big.slice(`1:${R + 1}`, `2:${n + 2}`).assign(x);
    out.push(['offset', big.slice(`1:${R + 1}`, `2:${n + 2}`)]);
    const strided = np.zeros([R, 2 * n], { dtype: x.dtype });
    strided.slice(':', '::2').assign(x);
    out.push(['strided', strided.slice(':', '::2')]);
  }
  return out;
}

function expectResult(r: { values: NDArray; indices: NDArray }, idx: number[], vals: string[], what: string): void {
  expect((r.indices.toArray() as bigint[]).flat(2).map(Number), `${what}: indices`).toEqual(idx);
  expect((r.values.toArray() as number[]).flat(2).map(canon), `${what}: values`).toEqual(vals);
}

function fixtureSuite(fx: Fixture): void {
  for (const c of fx.cases) {
    const title = `${c.dtype} ${c.kind} (${c.shape.join('×')}) k=${c.k}`;
    it(title, () => {
      const x = input(c);
      const vals = c.values.map((v) => canon(dec(v)));
      for (const [name, v] of layouts(x)) {
        const r = np.topk(v, c.k);
        expect(r.values.dtype).toBe(c.dtype);
        expect(r.indices.dtype).toBe('int64');
        expect(r.indices.shape).toEqual([c.shape[0], c.k]);
        expectResult(r, c.indices, vals, `${title} ${name}`);
      }
      const [R, n] = c.shape;
      if (R > 0) {
        // Zero-stride rows: row 0 broadcast to three rows gives row 0's answer three times.
        const b = np.broadcastTo(x.slice('0:1'), [3, n]);
        const r0i = c.indices.slice(0, c.k);
        const r0v = vals.slice(0, c.k);
        expectResult(np.topk(b, c.k), [...r0i, ...r0i, ...r0i], [...r0v, ...r0v, ...r0v], `${title} broadcast`);
        // 1-D: one row, result shaped (k,).
        const one = np.topk(x.slice(0), c.k);
        expect(one.indices.shape).toEqual([c.k]);
        expectResult(one, r0i, r0v, `${title} 1-D`);
      }
      if (n >= 2) {
        // Merging in two pieces, into strided (F-ordered) buffers, equals the one-shot answer.
        const m = Math.floor(n / 3) + 1;
        const into = {
          values: np.full([R, c.k], -Infinity, { dtype: c.dtype, order: 'F' }),
          indices: np.full([R, c.k], -1, { dtype: 'int64', order: 'F' }),
        };
        const first = np.topk(x.slice(':', `${m}:`), c.k, { into, indexOffset: m });
        expect(first.values).toBe(into.values);
        np.topk(x.slice(':', `:${m}`), c.k, { into });
        expectResult(into, c.indices, vals, `${title} merged`);
        // A buffer handed over in any order is sorted first: reversing a full result changes nothing.
        const rev = { values: np.flip(into.values, { axis: 1 }).copy(), indices: np.flip(into.indices, { axis: 1 }).copy() };
        np.topk(x.slice(':', ':0'), c.k, { into: rev });
        expectResult(rev, c.indices, vals, `${title} reversed buffer`);
      }
    });
  }
}

describeBackends('topk (fixture)', () => {
  fixtureSuite(fixture);

  it('fresh buffers start empty: k > n leaves index -1 and -inf', () => {
    const r = np.topk(np.array([[2, 7]], { dtype: 'float64' }), 4);
    expectResult(r, [1, 0, -1, -1], ['7', '2', '-Infinity', '-Infinity'], 'k > n');
  });

  it('0 rows, empty rows and k = 0', () => {
    expect(np.topk(np.zeros([0, 5], { dtype: 'float32' }), 3).indices.shape).toEqual([0, 3]);
    expectResult(np.topk(np.zeros([2, 0]), 2), [-1, -1, -1, -1], Array(4).fill('-Infinity'), 'empty rows');
    expect(np.topk(np.ones([2, 5]), 0).values.shape).toEqual([2, 0]);
  });

  it('indexOffset shifts every index; entries already in the buffer keep theirs', () => {
    const into = np.topk(np.array([[5, 1]], { dtype: 'float64' }), 2, { indexOffset: 100 });
    expectResult(into, [100, 101], ['5', '1'], 'offset');
    np.topk(np.array([[3, 9, 1]], { dtype: 'float64' }), 2, { into, indexOffset: 7 });
    expectResult(into, [8, 100], ['9', '5'], 'offset merge');
    // A tie with an entry from the buffer goes to the smaller index, wherever it came from.
    np.topk(np.array([[9]], { dtype: 'float64' }), 2, { into, indexOffset: 3 });
    expectResult(into, [3, 8], ['9', '9'], 'tie across merges');
  });

  it('a buffer sharing memory with the input is read from a copy', () => {
    const base = np.array([[1, 8, 3, 5], [4, 2, 6, 0]], { dtype: 'float64' });
    const into = { values: base.slice(':', ':2'), indices: np.full([2, 2], -1, { dtype: 'int64' }) };
    np.topk(base, 2, { into });
    expectResult(into, [1, 3, 2, 0], ['8', '5', '6', '4'], 'overlap');
  });

  it('large tiles (threaded native rows, the vector pre-test) agree with argpartition + argsort', () => {
    np.random.seed(8);
    for (const dtype of ['float32', 'float64'] as const) {
      const a = np.random.randn(300, 3001).astype(dtype);
      a.set([5, 1234], NaN);
      const r = np.topk(a, 10);
      const part = np.argpartition(a, -10, { axis: 1 }).slice(':', '-10:');
      const ps = np.takeAlongAxis(a, part, { axis: 1 });
      // argsort ascending puts NaN last, so reverse the ascending stable order of the
      // (continuous, tie-free) candidates to get best first.
      const order = np.flip(np.argsort(ps, { axis: 1, kind: 'stable' }), { axis: 1 });
      expect(np.arrayEqual(r.indices, np.takeAlongAxis(part, order, { axis: 1 }))).toBe(true);
      expect(Number(r.indices.get(5, 0))).toBe(1234);
    }
  });
});

describeBackends('topk (bad input)', () => {
  const code = (f: () => unknown): string | undefined => {
    try { f(); } catch (e) { return (e as { code?: string }).code; }
    return 'no error';
  };
  it('rejects with coded errors and changes nothing', () => {
    const a = np.array([[3, 1, 2]], { dtype: 'float64' });
    const into = { values: np.full([1, 2], -Infinity), indices: np.full([1, 2], -1, { dtype: 'int64' }) };
    const snap = (): string => `${String(a)}|${String(into.values)}|${String(into.indices)}`;
    const before = snap();
    expect(code(() => np.topk(np.array([[1, 2]], { dtype: 'int32' }), 1))).toBe('ERR_NUMNODE_DTYPE');
    expect(code(() => np.topk(np.zeros([2, 2, 2]), 1))).toBe('ERR_NUMNODE_SHAPE');
    expect(code(() => np.topk(np.zeros([])), 1)).toBe('ERR_NUMNODE_SHAPE');
    for (const k of [-1, 1.5, NaN, '2', 2 ** 60]) expect(code(() => np.topk(a, k as number, { into: undefined }))).toBe('ERR_NUMNODE_ARG');
    for (const off of [-1, 0.5, 2 ** 53]) expect(code(() => np.topk(a, 2, { into, indexOffset: off }))).toBe('ERR_NUMNODE_ARG');
    expect(code(() => np.topk(a, 2, { into: { values: into.values, indices: np.zeros([1, 2], { dtype: 'int32' }) } }))).toBe('ERR_NUMNODE_DTYPE');
    expect(code(() => np.topk(a, 2, { into: { values: np.zeros([1, 2], { dtype: 'float32' }), indices: into.indices } }))).toBe('ERR_NUMNODE_DTYPE');
    expect(code(() => np.topk(a, 3, { into }))).toBe('ERR_NUMNODE_SHAPE');
    expect(code(() => np.topk(a, 2, { into: { values: into.values, indices: into.values as NDArray } }))).toBe('ERR_NUMNODE_DTYPE');
    expect(code(() => np.topk(a, 2, { into: { values: into.values } as never }))).toBe('ERR_NUMNODE_ARG');
    expect(code(() => np.topk(a, 2, { bogus: 1 } as never))).toBe('ERR_NUMNODE_ARG');
    const shared = np.zeros([16], { dtype: 'uint8' });
    const f64 = shared.view('float64').reshape(1, 2);
    const i64 = shared.view('int64').reshape(1, 2);
    expect(code(() => np.topk(a, 2, { into: { values: f64, indices: i64 } }))).toBe('ERR_NUMNODE_ARG');
    const ro = { values: np.broadcastTo(np.array([-Infinity]), [1, 2]), indices: into.indices };
    expect(code(() => np.topk(a, 2, { into: ro }))).toBe('ERR_NUMNODE_READONLY');
    expect(snap()).toBe(before);
  });
});

describe('topk (native binding re-checks)', () => {
  it.skipIf(!np.config().backend.native)('refuses views outside their buffers', async () => {
    const { native } = await import('../src/backend/native/loader');
    const nb = native().binding!;
    const a = new Uint8Array(8 * 6);
    const v = new Uint8Array(8 * 2);
    const ix = new Uint8Array(8 * 2);
    const call = (over: Partial<Record<'shape' | 'aOff' | 'k' | 'vOff' | 'dtype' | 'ixLen', number>>): string | undefined => {
      try {
        nb.topk!(over.dtype ?? 10, [1, over.shape ?? 6], [48, 8], over.aOff ?? 0, a, over.k ?? 2, [16, 8], over.vOff ?? 0, v,
          [16, 8], 0, over.ixLen !== undefined ? new Uint8Array(over.ixLen) : ix, 0);
      } catch (e) { return (e as { code?: string }).code; }
      return 'ok';
    };
    expect(call({})).toBe('ok');
    expect(call({ shape: 7 })).toBe('ERR_NUMNODE_BUFFER');
    expect(call({ aOff: 8 })).toBe('ERR_NUMNODE_BUFFER');
    expect(call({ k: 3 })).toBe('ERR_NUMNODE_BUFFER');
    expect(call({ vOff: 4 })).not.toBe('ok');
    expect(call({ dtype: 7 })).toBe('ERR_NUMNODE_DTYPE');
    expect(call({ ixLen: 8 })).toBe('ERR_NUMNODE_BUFFER');
  });
});

describe('topk live against NumPy', () => {
  liveDifferential<Fixture>({
    name: 'topk live',
    generate: (seed, dir) => {
      const out = join(dir, 'topk.json');
      execFileSync('python3', [GEN, '--seed', String(seed), '--out', out, '--cases', '40'], { stdio: 'pipe' });
      return JSON.parse(readFileSync(out, 'utf8')) as Fixture;
    },
    suites: (fx, ctx) => {
      describeBackends(`topk live (seed ${ctx.seed}, ${ctx.numpy})`, () => fixtureSuite(fx));
    },
  });
});
