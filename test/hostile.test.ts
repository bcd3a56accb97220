// Hostile inputs (issue 9, item 6). Three parts:
//  1. The table of test/hostile/cases.ts, on both backends: each bad input gets exactly
//     its error class, code and message, and every input array (its bytes, shape,
//     strides, offset, dtype) is unchanged afterwards.
//  2. Inputs that are not errors but could hang or blow up: einsum with 63 operands, a
//     pathological 'optimal' path search, async calls on detached inputs.
//  3. The dangerous ones in child processes, whose exit status and signal are checked:
//     every addon entry point called with random garbage argument lists, the argument
//     lists numnode really sends to the addon replayed with mutations (bounds, types,
//     detached/shrunk/misaligned buffers, detaching getters), and SharedArrayBuffer
//     arrays rewritten by a worker thread while they are indexed, sorted and reduced.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends, nativeLoaded } from './helpers/backends';
import { childEnv, numnodeBundle, removeBundles } from './helpers/bundle';
import { ROOT } from './helpers/fixtures';
import { CASES, detach } from './hostile/cases';

afterAll(removeBundles);

/**
 * Everything observable about an array: metadata, and every byte its view spans
 * (small arrays share slabs with other arrays, so not the whole buffer).
 */
function snap(a: NDArray, withBytes = true): string {
  const buf = a.buffer;
  const bytes = !withBytes ? null : buf.byteLength < a._hi ? `gone (${buf.byteLength} bytes left)`
    : Buffer.from(new Uint8Array(buf, a._lo, a._hi - a._lo)).toString('base64');
  return JSON.stringify({ shape: a.shape, strides: a.strides, offset: a.byteOffset, dtype: a.dtype, writeable: a.flags.writeable, bytes });
}

describeBackends('hostile-input table', () => {
  it('has unique names and covers every category the issues name', () => {
    const names = CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const cats = new Set(CASES.map((c) => c.category));
    for (const c of ['shape', 'size', 'axis', 'dtype', 'broadcast', 'index', 'buffer', 'valueOf/getter', 'einsum', 'npy', 'random'] as const) {
      expect(cats.has(c), c).toBe(true);
    }
  });

  for (const c of CASES) {
    it(`${c.category}: ${c.name}`, () => {
      const { inputs, run } = c.setup();
      const before = inputs.map((a) => snap(a, !c.userChanges));
      let err: (Error & { code?: unknown }) | null = null;
      let result: unknown;
      try {
        result = run();
      } catch (e) {
        err = e as Error & { code?: unknown };
      }
      expect(err, `expected ${c.code}, got a result: ${String(result)}`).not.toBe(null);
      expect(err!.constructor, `${err!.constructor.name}: ${err!.message}`).toBe(c.cls);
      expect(err!.code, err!.message).toBe(c.code);
      if (typeof c.msg === 'string') expect(err!.message).toBe(c.msg);
      else expect(err!.message).toMatch(c.msg);
      expect(inputs.map((a) => snap(a, !c.userChanges)), 'an input changed').toEqual(before);
    });
  }
});

describeBackends('hostile inputs that must work, and quickly', () => {
  it('einsum with 63 operands (the most NumPy allows) computes', () => {
    const ops = Array.from({ length: 63 }, (_, i) => np.full([2], i % 2 === 0 ? 1 : 2, { dtype: 'float64' }));
    // 'a,a,...,a->' : the product over 63 operands of each element, summed over a
    const r = np.einsum(`${Array(63).fill('a').join(',')}->`, ...ops);
    expect(r.item()).toBe(2 * 2 ** 31); // 31 twos per element, two elements
  });

  it("a pathological 'optimal' path search is capped (falls back to greedy) and returns", () => {
    // 40 operands in a chain: the exhaustive search would never finish
    const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const subs = Array.from({ length: 40 }, (_, i) => `${L[i]}${L[i + 1]}`).join(',');
    const ops = Array.from({ length: 40 }, () => np.ones([2, 2]));
    const t0 = performance.now();
    const [path, report] = np.einsumPath(subs, ...ops, { optimize: 'optimal' });
    const ms = performance.now() - t0;
    expect(path.length).toBe(40); // 'einsum_path' plus 39 contractions
    expect(report).toMatch(/Optimized scaling/);
    // a hang detector, not a speed goal: generous for a loaded 2-core machine
    expect(ms).toBeLessThan(30_000);
    const r = np.einsum(subs, ...ops, { optimize: 'optimal' });
    expect(r.shape).toEqual([2, 2]);
    expect(r.toArray()).toEqual([[2 ** 39, 2 ** 39], [2 ** 39, 2 ** 39]]);
  }, 60_000);

  it('np.promises on a detached or shrunk input rejects with the synchronous code', async () => {
    const ab = new ArrayBuffer(64);
    const a = np.frombuffer(ab);
    detach(ab);
    await expect(np.promises.sum(a)).rejects.toMatchObject({ code: 'ERR_NUMNODE_BUFFER' });
    await expect(np.promises.matmul(a.reshape(2, 4), a.reshape(4, 2))).rejects.toMatchObject({ code: 'ERR_NUMNODE_BUFFER' });
    const b = np.ones([3]);
    await expect(np.promises.add(np.ones([5, 4]), b)).rejects.toMatchObject({ code: 'ERR_NUMNODE_BROADCAST' });
    await expect(np.promises.einsum('ij->ii', np.ones([2, 2]))).rejects.toMatchObject({ code: 'ERR_NUMNODE_EINSUM' });
  });

  it('a SharedArrayBuffer input works in place (no copy, no error)', () => {
    const sab = new SharedArrayBuffer(8 * 6);
    const a = np.frombuffer(sab).reshape(2, 3);
    np.add(a, 1, { out: a });
    expect(Array.from(new Float64Array(sab))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Number(np.sum(a))).toBe(6);
  });
});

// ---- child processes ------------------------------------------------------------------

function runChild(args: string[], env: NodeJS.ProcessEnv, timeout = 120_000): Record<string, unknown> {
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout, maxBuffer: 16 * 1024 * 1024 });
  expect(r.error, String(r.error)).toBeUndefined();
  expect(r.signal, `the child was killed by ${r.signal}: ${r.stderr.slice(-2000)}`).toBe(null);
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

const addonPath = np.config().backend.addonPath;

describe.skipIf(!nativeLoaded)('the addon on its own, with the TypeScript checks bypassed (child process)', () => {
  it('every entry point, 400 random garbage argument lists each: coded errors, no crash', () => {
    const rep = runChild([join(__dirname, 'hostile', 'binding-sweep.cjs'), addonPath!, '400', '20240611'], childEnv());
    expect(rep.uncoded).toEqual([]);
    expect(rep.functions as number).toBeGreaterThanOrEqual(30);
    expect((rep.coded as number) + (rep.returned as number)).toBe(rep.calls);
    expect(rep.coded as number).toBeGreaterThan((rep.calls as number) / 2);
  });

  it("numnode's own calls replayed with hostile mutations: coded errors, no crash", async () => {
    const bundle = await numnodeBundle();
    const rep = runChild([join(__dirname, 'hostile', 'binding-mutate.cjs'), bundle, addonPath!, '400', '7'], childEnv());
    expect(rep.uncoded).toEqual([]);
    // the kernels numnode uses were all reached
    for (const f of ['elementwise', 'reduce', 'scan', 'matmul', 'sumProducts', 'cdist', 'sort', 'partition', 'gather', 'scatter', 'maskGather', 'randomFill', 'copy', 'cast', 'mmapFile']) {
      expect(rep.functions, f).toContain(f);
    }
    expect(rep.calls as number).toBeGreaterThan(10_000);
    expect((rep.coded as number) + (rep.returned as number)).toBe(rep.calls);
  }, 120_000);
});

describe('SharedArrayBuffer arrays rewritten by a worker during calls (child process)', () => {
  for (const backend of nativeLoaded ? ['native', 'js'] : ['js']) {
    it(`[${backend}] indexing, masks, sorting, reductions: no crash, only coded errors`, async () => {
      const bundle = await numnodeBundle();
      const rep = runChild([join(__dirname, 'hostile', 'sab-race.cjs'), bundle, backend, '200'], childEnv());
      expect(rep.uncoded).toEqual([]);
      expect(rep.writerLoops as number).toBeGreaterThan(0);
      expect(rep.ok as number).toBeGreaterThan(1000);
    }, 120_000);
  }
});

describe('README', () => {
  it('lists every row of the hostile-input table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Hostile inputs'));
    expect(readme.includes('## Hostile inputs')).toBe(true);
    for (const c of CASES) expect(section, c.name).toContain(`\`${c.name}\``);
  });
});
