// Every np.promises function gives the synchronous function's result, bit for bit,
// over C, F, negative-stride, zero-stride, offset and step-2 operands, every dtype
// the operation takes, 0-d and empty arrays — on both backends. With 'native' forced,
// even these small operands go through the async path (captured kernels run on the
// libuv pool), so this is the conformance suite of that path; with 'js' the
// promise carries the synchronous result.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { DType, NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { ALL_DTYPES, LAYOUTS, expectSameOutcome, layoutArray, type Layout } from './helpers/async';

const P = np.promises as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
const S = np as unknown as Record<string, (...a: unknown[]) => unknown>;

const FLOATS: readonly DType[] = ['float32', 'float64'];
const ONE_PER_KIND: readonly DType[] = ['bool', 'int16', 'uint32', 'int64', 'float32', 'float64'];

/** The ufuncs np.promises mirrors: every function of np.promises that np has under the same name and that is a ufunc. */
const UFUNCS = [
  'add', 'subtract', 'multiply', 'divide', 'floorDivide', 'remainder', 'power', 'negative', 'positive', 'absolute',
  'sqrt', 'square', 'cbrt', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sin', 'cos', 'tan', 'arcsin',
  'arccos', 'arctan', 'arctan2', 'sinh', 'cosh', 'tanh', 'floor', 'ceil', 'trunc', 'rint', 'sign', 'maximum',
  'minimum', 'fmax', 'fmin', 'hypot', 'equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual',
  'logicalAnd', 'logicalOr', 'logicalXor', 'logicalNot', 'isnan', 'isinf', 'isfinite', 'bitwiseAnd', 'bitwiseOr',
  'bitwiseXor', 'invert', 'leftShift', 'rightShift',
];

const REDUCTIONS = [
  'sum', 'prod', 'mean', 'std', 'var', 'min', 'max', 'amin', 'amax', 'argmin', 'argmax', 'all', 'any', 'nansum',
  'nanmean', 'nanmin', 'nanmax',
];

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function same(name: string, args: unknown[], what: string): Promise<void> {
  const sync = S[name] ?? (np.distance as unknown as typeof S)[name]!;
  await expectSameOutcome(() => sync(...args), () => P[name]!(...args), `${name} ${what}`);
}

describe('np.promises covers the heavy operations', () => {
  it('mirrors every ufunc, reduction and linear-algebra function listed in the issue', () => {
    for (const name of [...UFUNCS, ...REDUCTIONS, 'cumsum', 'cumprod', 'diff', 'where', 'clip', 'matmul', 'dot',
      'vdot', 'inner', 'outer', 'tensordot', 'einsum', 'cdist', 'pdist', 'copy', 'astype', 'save', 'load']) {
      expect(typeof P[name], name).toBe('function');
    }
    // and every ufunc numnode exports has its async twin
    const exported = Object.keys(np).filter((k) => typeof S[k] === 'function' && UFUNCS.includes(k));
    expect(exported.sort()).toEqual([...UFUNCS].sort());
  });
});

describeBackends('np.promises gives the synchronous result', (backend) => {
  describe('elementwise', () => {
    for (const name of UFUNCS) {
      const binary = S[name]!.length >= 3;
      it(`${name}: every dtype kind, every layout`, async () => {
        for (const dtype of ONE_PER_KIND) {
          for (const layout of LAYOUTS) {
            const a = layoutArray(layout, dtype, 5, 7, 11);
            const args = binary ? [a, layoutArray('C', dtype, 5, 7, 12)] : [a];
            await same(name, args, `${dtype} ${layout} [${backend}]`);
          }
        }
      });
    }

    it('add over all 11 dtypes, mixed dtypes, weak scalars, broadcasting, 0-d and empty', async () => {
      for (const dtype of ALL_DTYPES) {
        await same('add', [layoutArray('F', dtype, 4, 6, 1), layoutArray('reversed', dtype, 4, 6, 2)], dtype);
        await same('multiply', [layoutArray('offset', dtype, 4, 6, 3), 3], `${dtype} * 3`);
      }
      await same('add', [layoutArray('C', 'int8', 3, 4, 4), layoutArray('C', 'float32', 3, 4, 5)], 'int8 + float32');
      await same('subtract', [layoutArray('C', 'uint64', 3, 4, 4), layoutArray('C', 'int64', 3, 4, 5)], 'uint64 - int64');
      await same('add', [layoutArray('C', 'float64', 3, 1, 6), np.arange(4)], '(3,1) + (4,)');
      await same('exp', [np.array(0.5)], '0-d');
      await same('add', [np.zeros([0, 3]), np.ones([3])], 'empty');
      await same('add', [np.array(2, { dtype: 'int32' }), np.array(3, { dtype: 'int32' })], '0-d int32');
    });

    it('out=, dtype=, where and clip', async () => {
      const a = layoutArray('strided', 'float64', 6, 5, 7);
      const outSync = np.zeros([6, 5]);
      const outAsync = np.zeros([6, 5]);
      const rs = np.add(a, 1, { out: outSync });
      const ra = await np.promises.add(a, 1, { out: outAsync });
      expect(ra).toBe(outAsync);
      expect(rs).toBe(outSync);
      expect(np.arrayEqual(outAsync, outSync)).toBe(true);
      await same('multiply', [layoutArray('C', 'int16', 3, 3, 8), 2, { dtype: 'float32' }], 'dtype=float32');
      const cond = np.greater(layoutArray('C', 'float64', 4, 5, 9), 0);
      await same('where', [cond, layoutArray('F', 'float64', 4, 5, 10), layoutArray('reversed', 'float64', 4, 5, 11)], 'where');
      await same('where', [cond, 1, layoutArray('broadcast', 'int32', 4, 5, 12)], 'where with a scalar');
      await same('clip', [layoutArray('offset', 'float64', 4, 5, 13), -1, 1], 'clip');
      await same('clip', [layoutArray('C', 'int64', 4, 5, 14), null, 10], 'clip max only');
    });
  });

  describe('reductions and scans', () => {
    for (const name of REDUCTIONS) {
      it(`${name}: whole array (a JS scalar), an axis, keepdims, every layout`, async () => {
        const dtypes = name.startsWith('nan') ? FLOATS : ONE_PER_KIND;
        for (const dtype of dtypes) {
          for (const layout of LAYOUTS) {
            const a = layoutArray(layout, dtype, 6, 5, 21);
            await same(name, [a], `${dtype} ${layout} whole`);
            await same(name, [a, { axis: 0 }], `${dtype} ${layout} axis 0`);
            if (name !== 'argmin' && name !== 'argmax') {
              await same(name, [a, { axis: [0, 1], keepdims: true }], `${dtype} ${layout} keepdims`);
            } else {
              await same(name, [a, { axis: 1, keepdims: true }], `${dtype} ${layout} keepdims`);
            }
          }
        }
        const zeroD = np.array(2.5);
        await same(name, [zeroD], '0-d');
        await same(name, [np.zeros([0, 3]), { axis: 0 }], 'empty along 0');
        await same(name, [np.zeros([0, 3])], 'empty whole');
      });
    }

    it('dtype= and out= of a reduction; cumsum, cumprod, diff', async () => {
      const a = layoutArray('F', 'int32', 5, 4, 31);
      await same('sum', [a, { dtype: 'float32' }], 'sum dtype float32');
      await same('mean', [a, { axis: 1, dtype: 'float64' }], 'mean dtype');
      await same('std', [layoutArray('reversed', 'float64', 5, 4, 32), { ddof: 1 }], 'std ddof');
      const o1 = np.zeros([4]);
      const o2 = np.zeros([4]);
      np.sum(a, { axis: 0, out: o1 });
      const r = await np.promises.sum(a, { axis: 0, out: o2 });
      expect(r).toBe(o2);
      expect(np.arrayEqual(o1, o2)).toBe(true);
      for (const dtype of ONE_PER_KIND) {
        for (const layout of LAYOUTS) {
          const x = layoutArray(layout, dtype, 4, 6, 33);
          await same('cumsum', [x, { axis: 0 }], `${dtype} ${layout}`);
          await same('cumsum', [x], `${dtype} ${layout} flat`);
          await same('cumprod', [x, { axis: 1 }], `${dtype} ${layout}`);
          await same('diff', [x], `${dtype} ${layout}`);
          await same('diff', [x, { n: 2, axis: 0 }], `${dtype} ${layout} n=2`);
        }
      }
    });
  });

  describe('linear algebra', () => {
    it('matmul, dot, inner, outer, tensordot over layouts and dtypes (batched too)', async () => {
      for (const dtype of [...FLOATS, 'int64', 'int32'] as DType[]) {
        for (const la of LAYOUTS) {
          for (const lb of ['C', 'F', 'reversed'] as Layout[]) {
            const a = layoutArray(la, dtype, 6, 5, 41, true);
            const b = layoutArray(lb, dtype, 5, 4, 42, true);
            await same('matmul', [a, b], `${dtype} ${la}@${lb}`);
            await same('dot', [a, b], `${dtype} ${la}.${lb}`);
            await same('tensordot', [a, b, { axes: 1 }], `${dtype} ${la}.${lb}`);
          }
        }
        const v = np.array([1, 2, 3, 4, 5], { dtype });
        const w = layoutArray('reversed', dtype, 1, 5, 43, true).reshape(5);
        await same('matmul', [layoutArray('C', dtype, 6, 5, 44, true), v], `${dtype} matrix @ vector`);
        await same('dot', [v, w], `${dtype} vector . vector`);
        await same('vdot', [v, w], `${dtype} vdot`);
        await same('inner', [layoutArray('F', dtype, 3, 5, 45, true), layoutArray('C', dtype, 4, 5, 46, true)], `${dtype} inner`);
        await same('outer', [v, w], `${dtype} outer`);
        const batch = np.array(Array.from({ length: 2 * 3 * 4 }, (_, i) => (i % 7) - 3), { dtype }).reshape(2, 3, 4);
        await same('matmul', [batch, layoutArray('F', dtype, 4, 2, 47, true)], `${dtype} batched`);
      }
      await same('matmul', [np.zeros([0, 3]), np.zeros([3, 2])], 'empty');
      await same('matmul', [np.zeros([2, 0]), np.zeros([0, 2])], 'k = 0');
      const out1 = np.zeros([6, 4]);
      const out2 = np.zeros([6, 4]);
      const a = layoutArray('C', 'float64', 6, 5, 48, true);
      const b = layoutArray('C', 'float64', 5, 4, 49, true);
      np.matmul(a, b, { out: out1 });
      expect(await np.promises.matmul(a, b, { out: out2 })).toBe(out2);
      expect(np.arrayEqual(out1, out2)).toBe(true);
    });

    it('einsum: contractions, traces, transposes, chains of several steps', async () => {
      for (const dtype of [...FLOATS, 'int64'] as DType[]) {
        const a = layoutArray('F', dtype, 4, 5, 51, true);
        const b = layoutArray('reversed', dtype, 5, 3, 52, true);
        const c = layoutArray('offset', dtype, 3, 6, 53, true);
        const sq = layoutArray('strided', dtype, 4, 4, 54, true);
        await same('einsum', ['ij,jk->ik', a, b], `${dtype} ij,jk->ik`);
        await same('einsum', ['ij,jk,kl->il', a, b, c], `${dtype} chain`);
        await same('einsum', ['ij,jk,kl->il', a, b, c, { optimize: true }], `${dtype} chain optimized`);
        await same('einsum', ['ii', sq], `${dtype} trace`);
        await same('einsum', ['ij->j', a], `${dtype} sum over i`);
        await same('einsum', ['ij->ji', a], `${dtype} transpose`);
        await same('einsum', ['i,i->', np.arange(5, { dtype }), np.arange(5, { dtype })], `${dtype} dot`);
      }
    });

    it('cdist and pdist: every metric, both float dtypes, layouts, cdist(X, X)', async () => {
      for (const dtype of FLOATS) {
        for (const metric of ['euclidean', 'sqeuclidean', 'cosine']) {
          for (const layout of LAYOUTS) {
            const xa = layoutArray(layout, dtype, 7, 4, 61, true);
            const xb = layoutArray('C', dtype, 5, 4, 62, true);
            await same('cdist', [xa, xb, { metric }], `${dtype} ${metric} ${layout}`);
            await same('pdist', [xa, { metric }], `${dtype} ${metric} ${layout}`);
            await same('cdist', [xa, xa, { metric }], `${dtype} ${metric} ${layout} same`);
            expect(typeof np.promises.distance.cdist).toBe('function');
          }
        }
      }
    });
  });

  describe('copies, casts, save and load', () => {
    it('copy in every order and astype between every pair of dtypes', async () => {
      for (const dtype of ALL_DTYPES) {
        for (const layout of LAYOUTS) {
          const a = layoutArray(layout, dtype, 5, 6, 71);
          for (const order of ['C', 'F', 'A', 'K']) await same('copy', [a, order], `${dtype} ${layout} ${order}`);
          for (const to of ALL_DTYPES) {
            await expectSameOutcome(() => a.astype(to), () => np.promises.astype(a, to), `astype ${dtype}->${to} ${layout}`);
          }
        }
      }
      await expectSameOutcome(() => np.array(7, { dtype: 'int8' }).astype('float64'),
        () => np.promises.astype(np.array(7, { dtype: 'int8' }), 'float64'), '0-d astype');
      await same('copy', [np.zeros([0, 4])], 'empty');
    });

    it('save writes the same file; load reads the same array', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'numnode-async-io-'));
      dirs.push(dir);
      for (const layout of LAYOUTS) {
        for (const dtype of ['float64', 'int16', 'bool'] as DType[]) {
          const a = layoutArray(layout, dtype, 4, 3, 81);
          const f1 = join(dir, `sync-${layout}-${dtype}.npy`);
          const f2 = join(dir, `async-${layout}-${dtype}`);
          np.save(f1, a);
          await np.promises.save(f2, a);
          expect(readFileSync(`${f2}.npy`).equals(readFileSync(f1)), `${layout} ${dtype}`).toBe(true);
          await expectSameOutcome(() => np.load(f1), () => np.promises.load(f1), `load ${layout} ${dtype}`);
        }
      }
      const z = join(dir, 'a.npz');
      np.savez(z, np.arange(5), np.ones([2, 2]));
      const [zs, za] = [np.load(z) as np.NpzFile, await np.promises.load(z) as np.NpzFile];
      expect(za.files).toEqual(zs.files);
      for (const k of zs.files) expect(np.arrayEqual(za.get(k) as NDArray, zs.get(k) as NDArray)).toBe(true);
    });
  });
});

describe.skipIf(!np.config().backend.native)('the heavy operations really run on the libuv pool', () => {
  const big = np.add(np.remainder(np.arange(300 * 400, { dtype: 'float64' }).reshape(300, 400), 17), 0.5);
  const calls: [string, () => Promise<unknown>][] = [
    ['add', () => np.promises.add(big, big.T.T)],
    ['exp', () => np.promises.exp(big)],
    ['where', () => np.promises.where(np.greater(big, 5), big, 0)],
    ['clip', () => np.promises.clip(big, 1, 5)],
    ['sum (scalar)', () => np.promises.sum(big)],
    ['mean axis', () => np.promises.mean(big, { axis: 0 })],
    ['std (scalar)', () => np.promises.std(big)],
    ['argmax (scalar)', () => np.promises.argmax(big)],
    ['cumsum', () => np.promises.cumsum(big, { axis: 1 })],
    ['matmul', () => np.promises.matmul(big, big.T)],
    ['dot', () => np.promises.dot(big, big.T)],
    ['tensordot', () => np.promises.tensordot(big, big, { axes: [[1], [1]] })],
    ['einsum chain', () => np.promises.einsum('ij,kj,kl->il', big, big, big, { optimize: true })],
    ['cdist', () => np.promises.cdist(big, big.slice(':50'))],
    ['pdist', () => np.promises.pdist(big.slice(':100'))],
    ['copy', () => np.promises.copy(big.T, 'C')],
    ['astype', () => np.promises.astype(big, 'float32')],
  ];
  for (const [name, call] of calls) {
    it(name, async () => {
      const before = np.promisesStats();
      await call();
      const after = np.promisesStats();
      expect(after.syncFallbacks - before.syncFallbacks, after.lastFallbackReason ?? '').toBe(0);
      expect(after.async - before.async).toBe(1);
    });
  }

  it('dot/vdot of two vectors (JS scalars read from the kernel output) compute synchronously, as documented', async () => {
    const v = big.ravel();
    const before = np.promisesStats();
    expect(await np.promises.vdot(v, v)).toBe(np.vdot(v, v));
    expect(np.promisesStats().syncFallbacks - before.syncFallbacks).toBe(1);
  });

  it('runAsync runs any composition of operations as one chain of kernels', async () => {
    const before = np.promisesStats();
    const r = await np.runAsync(() => np.matmul(np.add(big, 1), np.multiply(big.T, 2)).sum({ axis: 0 }));
    expect(np.promisesStats().async - before.async).toBe(1);
    expect(np.promisesStats().native!.kernelsRun - before.native!.kernelsRun).toBe(4);
    expect(np.arrayEqual(r, np.matmul(np.add(big, 1), np.multiply(big.T, 2)).sum({ axis: 0 }))).toBe(true);
  });

  it('reading a result a queued kernel has not produced yet makes the call synchronous, with the right value', async () => {
    const before = np.promisesStats();
    const v = await np.runAsync(() => np.add(big, 1).get(7, 9));
    expect(v).toBe((big.get(7, 9) as number) + 1);
    const after = np.promisesStats();
    expect(after.syncFallbacks - before.syncFallbacks).toBe(1);
    expect(after.lastFallbackReason).toMatch(/reads data a queued kernel has not produced/);
  });

  it('an output in memory numnode does not own is computed synchronously (a kernel on the pool may not hold it)', async () => {
    const user = np.frombuffer(new ArrayBuffer(300 * 400 * 8)).reshape(300, 400);
    const before = np.promisesStats();
    const r = await np.promises.multiply(big, 3, { out: user });
    expect(r).toBe(user);
    expect(np.arrayEqual(user, np.multiply(big, 3))).toBe(true);
    expect(np.promisesStats().syncFallbacks - before.syncFallbacks).toBe(1);
  });

  it('outputs in a SharedArrayBuffer are computed in place on the pool', async () => {
    const shared = np.frombuffer(new SharedArrayBuffer(300 * 400 * 8)).reshape(300, 400);
    const before = np.promisesStats();
    expect(await np.promises.multiply(big, 3, { out: shared })).toBe(shared);
    expect(np.promisesStats().async - before.async).toBe(1);
    expect(np.arrayEqual(shared, np.multiply(big, 3))).toBe(true);
  });
});
