// Bad input to np.promises: a rejected promise (never a synchronous throw) carrying
// the synchronous call's error — class, code and message; cancellation with an
// AbortSignal; and the async path's own option checks.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { describeBackends, nativeLoaded } from './helpers/backends';
import { expectSameOutcome, layoutArray } from './helpers/async';

const P = np.promises as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
const S = np as unknown as Record<string, (...a: unknown[]) => unknown>;

function detachedArray(): np.NDArray {
  const buf = new ArrayBuffer(64);
  const a = np.frombuffer(buf, { dtype: 'float64' }).reshape(2, 4);
  structuredClone(buf, { transfer: [buf] });  // detaches buf: byteLength 0
  return a;
}

// Resizable ArrayBuffers are ES2024 (Node 20 has them; the project's lib is ES2022).
type Resizable = ArrayBuffer & { resize(n: number): void };
const ResizableBuffer = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable;

function shrunkArray(): np.NDArray {
  const buf = new ResizableBuffer(64, { maxByteLength: 128 });
  const a = np.frombuffer(buf, { dtype: 'float64' });
  buf.resize(16);
  return a;
}

describeBackends('np.promises rejects with the synchronous error', () => {
  const cases: [string, () => unknown[]][] = [
    ['add', () => [np.ones([2, 3]), np.ones([4])]],
    ['matmul', () => [np.ones([2, 3]), np.ones([4, 2])]],
    ['matmul', () => [np.ones([2, 3]), 5]],
    ['tensordot', () => [np.ones([2, 3]), np.ones([2, 3]), { axes: 3 }]],
    ['einsum', () => ['ij,jk->ik', np.ones([2, 3]), np.ones([4, 2])]],
    ['einsum', () => ['ij->q', np.ones([2, 3])]],
    ['cdist', () => [np.ones([2, 3]), np.ones([2, 4])]],
    ['sum', () => [np.ones([2, 3]), { axis: 5 }]],
    ['sum', () => [np.ones([2, 3]), { bogus: 1 }]],
    ['mean', () => [np.ones([2, 3]), { out: np.zeros([7]) , axis: 0 }]],
    ['argmax', () => [np.zeros([0])]],
    ['power', () => [np.arange(5), np.array([1, 2, -1, 1, 1])]],
    ['add', () => [np.ones([3]), np.ones([3]), { out: np.zeros([3], { dtype: 'int8' }) }]],
    ['exp', () => [np.ones([3]), { dtype: 'nonsense' }]],
    ['copy', () => [np.ones([3]), 'Q']],
    ['add', () => [detachedArray(), 1]],
    ['sum', () => [detachedArray()]],
    ['matmul', () => [detachedArray(), np.ones([4, 2])]],
    ['copy', () => [shrunkArray()]],
    ['exp', () => [shrunkArray()]],
  ];
  for (const [name, make] of cases) {
    it(`${name}(${make().map((a) => (a instanceof np.NDArray ? `array${JSON.stringify(a.shape)}` : JSON.stringify(a))).join(', ')})`, async () => {
      const sync = S[name] ?? (np.distance as unknown as typeof S)[name]!;
      const s = await expectSameOutcome(() => sync(...make()), () => P[name]!(...make()), name);
      expect(s.ok, 'the synchronous call must fail for this case').toBe(false);
    });
  }

  it('astype to a bad dtype; save and load of bad paths and files', async () => {
    await expectSameOutcome(() => np.ones([2]).astype('float128'), () => np.promises.astype(np.ones([2]), 'float128'), 'astype');
    await expectSameOutcome(() => np.load('/nonexistent/x.npy'), () => np.promises.load('/nonexistent/x.npy'), 'load');
    await expectSameOutcome(() => np.save('', np.ones([2])), () => np.promises.save('', np.ones([2])), 'save');
    await expectSameOutcome(() => np.save('/nonexistent/dir/x', np.ones([2])), () => np.promises.save('/nonexistent/dir/x', np.ones([2])), 'save');
    await expectSameOutcome(() => np.load('/etc/hostname'), () => np.promises.load('/etc/hostname'), 'load not npy');
  });

  it('an invalid thread count or signal: the coded error of setNumThreads, as a rejection', async () => {
    let syncErr: unknown = null;
    try { np.setNumThreads(0); } catch (e) { syncErr = e; }
    expect(syncErr).not.toBe(null);
    for (const threads of [0, 1.5, 2000, NaN]) {
      const p = np.promises.matmul(np.ones([2, 2]), np.ones([2, 2]), { threads });
      await expect(p).rejects.toMatchObject({ code: 'ERR_NUMNODE_ARG' });
      await p.catch((e: Error) => {
        expect(e).toBeInstanceOf(RangeError);
        if (threads === 0) expect(e.message).toBe((syncErr as Error).message);
      });
    }
    await expect(np.promises.sum(np.ones([3]), { signal: 'no' as unknown as AbortSignal }))
      .rejects.toMatchObject({ code: 'ERR_NUMNODE_ARG', name: 'TypeError' });
  });
});

describe('cancellation with an AbortSignal', () => {
  it('an already aborted signal rejects with an AbortError and computes nothing', async () => {
    const ac = new AbortController();
    ac.abort(new Error('client went away'));
    const before = np.promisesStats();
    const p = np.promises.matmul(np.ones([64, 64]), np.ones([64, 64]), { signal: ac.signal });
    await expect(p).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    await p.catch((e: Error) => expect((e.cause as Error).message).toBe('client went away'));
    const after = np.promisesStats();
    expect(after.async).toBe(before.async);
    expect(after.native?.started ?? 0).toBe(before.native?.started ?? 0);
  });

  it.skipIf(!nativeLoaded)('a call waiting for a core never runs; the others finish', async () => {
    const prev = np.getNumThreads();
    np.setNumThreads(1);
    try {
      const before = np.promisesStats().native!;
      const big = np.ones([4_000_000]);
      // One core: the first job runs, the next wait in numnode's queue.
      const jobs = Array.from({ length: 6 }, () => new AbortController());
      const ps = jobs.map((ac) => np.promises.multiply(big, 2, { signal: ac.signal }));
      jobs[5]!.abort();
      jobs[4]!.abort();
      const results = await Promise.allSettled(ps);
      expect(results.slice(0, 4).every((r) => r.status === 'fulfilled')).toBe(true);
      for (const r of results.slice(4)) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
      }
      // let the jobs' own promises settle
      await new Promise((r) => setTimeout(r, 20));
      const after = np.promisesStats().native!;
      expect(after.started - before.started).toBe(4);
      expect(after.cancelled - before.cancelled).toBe(2);
      expect(after.completed - before.completed).toBe(4);
      const r0 = (results[0] as PromiseFulfilledResult<np.NDArray>).value;
      expect(r0.get(123)).toBe(2);
    } finally {
      np.setNumThreads(prev);
    }
  });

  it.skipIf(!nativeLoaded)('aborting a running call rejects at once; its kernels stop between steps', async () => {
    const ac = new AbortController();
    const a = np.ones([700, 700]);
    // a chain of several kernels (optimize: a path of three contractions)
    const p = np.promises.einsum('ij,jk,kl,lm->im', a, a, a, a, { optimize: true, signal: ac.signal });
    setTimeout(() => ac.abort(), 1);
    const t0 = performance.now();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('save and load take a signal too', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(np.promises.save('/tmp/never-written', np.ones([3]), { signal: ac.signal }))
      .rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    await expect(np.promises.load('/tmp/never-read.npy', { signal: ac.signal }))
      .rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    await expect(np.promises.load('/tmp/x.npy', { threads: -1 })).rejects.toMatchObject({ code: 'ERR_NUMNODE_ARG' });
  });

  it('aborting after the result arrived changes nothing', async () => {
    const ac = new AbortController();
    const r = await np.promises.add(np.ones([3]), 1, { signal: ac.signal });
    ac.abort();
    expect(Array.from(r.toTypedArray() as Float64Array)).toEqual([2, 2, 2]);
  });
});

describe('layouts survive the copy of memory numnode does not own', () => {
  it('views of a user ArrayBuffer (frombuffer) computed async equal the sync result, and the buffer can be detached at once', async () => {
    const buf = new ArrayBuffer(8 * 400);
    new Float64Array(buf).forEach((_, i, arr) => { arr[i] = i * 0.5; });
    const x = np.frombuffer(buf).reshape(20, 20);
    const views = [x, x.T, x.slice('::-1', '1:'), x.slice('2:5')];
    const expected = views.map((v) => np.matmul(v.T, v));
    const ps = views.map((v) => np.promises.matmul(v.T, v));
    structuredClone(buf, { transfer: [buf] });
    expect(buf.byteLength).toBe(0);
    const got = await Promise.all(ps);
    got.forEach((g, i) => expect(np.arrayEqual(g, expected[i]!)).toBe(true));
    // cdist(X, X) keeps seeing one array after the copy
    const y = np.frombuffer(new Float64Array(layoutArray('C', 'float64', 6, 3, 5, true).toTypedArray() as Float64Array).buffer).reshape(6, 3);
    const same = np.distance.cdist(y, y);
    expect(np.arrayEqual(await np.promises.cdist(y, y), same)).toBe(true);
  });
});
