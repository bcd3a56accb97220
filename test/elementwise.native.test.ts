// The addon's elementwise boundary, below the NDArray layer: its loop table agrees
// with the TypeScript one, hostile arguments give coded errors (never a crash),
// the multithreaded split gives the same bits as one thread, the baseline
// (non-AVX2) kernel set passes the conformance suite too, and config() reports
// the kernels and thresholds.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { native } from '../src/backend/native/loader';
import type { NativeBinding } from '../src/backend/native/binding';
import { DTYPES, ITEMSIZE } from '../src/core/dtype';
import { UFUNCS } from '../src/ops/elementwise-types';
import { ROOT } from './helpers/fixtures';
import { withBackend } from './helpers/backends';

const state = native();
const b = state.binding as NativeBinding;
const loaded = state.binding !== null;

function bytes(n: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(n));
}

/** elementwise() with the call's numbers laid out in its descriptor, in argument order. */
function ew(op: number, loop: number, shape: number[], a: Uint8Array, as: number[], ao: number,
  bb: Uint8Array, bs: number[], bo: number, o: Uint8Array, os: number[], oo: number): void {
  b.elementwise(new Float64Array([op, loop, shape.length, ...shape, ...as, ao, ...bs, bo, ...os, oo]), a, bb, o);
}

/** where() likewise. */
function wh(itemsize: number, shape: number[], c: Uint8Array, cs: number[], co: number, x: Uint8Array, xs: number[], xo: number,
  y: Uint8Array, ys: number[], yo: number, o: Uint8Array, os: number[], oo: number): void {
  b.where(new Float64Array([itemsize, shape.length, ...shape, ...cs, co, ...xs, xo, ...ys, yo, ...os, oo]), c, x, y, o);
}

function thrownBy(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error');
}

describe.skipIf(!loaded)('native elementwise binding', () => {
  it('has exactly the loops the TypeScript table has (NumPy\'s loop lists)', () => {
    const bad: string[] = [];
    for (const spec of UFUNCS) {
      for (let loop = 0; loop < 13; loop++) {
        const inSize = loop < 11 ? ITEMSIZE[DTYPES[loop]!] : 8;
        const outSize = spec.boolOut ? 1 : inSize;
        const a = bytes(inSize);
        const o = bytes(outSize);
        const want = loop < 11 ? spec.loops.includes(DTYPES[loop]!) : spec.mixed64;
        let has = true;
        try {
          ew(spec.code, loop, [1], a, [inSize], 0, a, [inSize], 0, o, [outSize], 0);
        } catch (e) {
          if ((e as { code?: string }).code !== 'ERR_NUMNODE_DTYPE') throw e;
          has = false;
        }
        if (has !== want) bad.push(`${spec.name} loop ${loop}: native ${has}, TypeScript ${want}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('refuses hostile arguments with coded errors', () => {
    const a = bytes(64);
    const o = bytes(64);
    const add = 0;
    const f64 = 10;
    const cases: [string, () => unknown, string][] = [
      ['too few arguments', () => (b.elementwise as unknown as (...x: unknown[]) => void)(add, f64), 'ERR_NUMNODE_ARG'],
      ['op out of range', () => ew(99, f64, [2], a, [8], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_ARG'],
      ['op not an integer', () => ew(0.5, f64, [2], a, [8], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_ARG'],
      ['loop out of range', () => ew(add, 13, [2], a, [8], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_DTYPE'],
      ['bool subtract', () => ew(1, 0, [2], a, [1], 0, a, [1], 0, o, [1], 0), 'ERR_NUMNODE_DTYPE'],
      ['strides length (desc too short)', () => ew(add, f64, [2, 2], a, [8], 0, a, [16, 8], 0, o, [16, 8], 0), 'ERR_NUMNODE_ARG'],
      ['desc too long', () => b.elementwise(new Float64Array([add, f64, 1, 2, 8, 0, 8, 0, 8, 0, 0]), a, a, o), 'ERR_NUMNODE_ARG'],
      ['desc not a Float64Array', () => b.elementwise([add, f64, 1, 2, 8, 0, 8, 0, 8, 0] as never, a, a, o), 'ERR_NUMNODE_ARG'],
      ['desc entry not an integer', () => b.elementwise(new Float64Array([add, f64, 1, 2, 8.5, 0, 8, 0, 8, 0]), a, a, o), 'ERR_NUMNODE_ARG'],
      ['a out of bounds', () => ew(add, f64, [9], a, [8], 0, a, [0], 0, o, [0], 0), 'ERR_NUMNODE_BUFFER'],
      ['negative stride below 0', () => ew(add, f64, [2], a, [-8], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_BUFFER'],
      ['out out of bounds by offset', () => ew(add, f64, [2], a, [8], 0, a, [8], 0, o, [8], 56), 'ERR_NUMNODE_BUFFER'],
      ['huge stride overflow', () => ew(add, f64, [3], a, [2 ** 52], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_BUFFER'],
      ['misaligned offset', () => ew(add, f64, [2], a, [8], 4, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_ARG'],
      ['misaligned stride', () => ew(add, f64, [2], a, [12], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_ARG'],
      ['not a Uint8Array', () => ew(add, f64, [2], new Float64Array(8) as never, [8], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_ARG'],
      ['negative dimension', () => ew(add, f64, [-1], a, [8], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_ARG'],
      ['65 dimensions', () => ew(add, f64, new Array(65).fill(1), a, new Array(65).fill(0), 0, a, new Array(65).fill(0), 0, o, new Array(65).fill(0), 0), 'ERR_NUMNODE_ARG'],
      ['where bad itemsize', () => wh(3, [1], a, [1], 0, a, [3], 0, a, [3], 0, o, [3], 0), 'ERR_NUMNODE_ARG'],
      ['where out of bounds', () => wh(8, [9], a, [1], 0, a, [8], 0, a, [8], 0, o, [8], 0), 'ERR_NUMNODE_BUFFER'],
    ];
    for (const [what, fn, code] of cases) {
      const e = thrownBy(fn);
      expect(e.code, `${what}: ${e.message}`).toBe(code);
    }
    expect([...o].every((x) => x === 0), 'no write happened').toBe(true);
  });

  it('a detached buffer is refused', () => {
    const buf = new ArrayBuffer(64);
    const a = new Uint8Array(buf);
    structuredClone(buf, { transfer: [buf] });
    const e = thrownBy(() => ew(0, 10, [2], a, [8], 0, a, [8], 0, bytes(16), [8], 0));
    expect(e.code).toBe('ERR_NUMNODE_BUFFER');
    // An empty shape touches nothing: allowed even on a detached buffer.
    ew(0, 10, [0], a, [8], 0, a, [8], 0, a, [8], 0);
  });

  it('two threads give the same bits as one (cheap and transcendental ops, every layout)', () => {
    const n = 600_000;
    const x = np.linspace(-50, 50, n).reshape(600, 1000);
    const threads = np.getNumThreads();
    const run = () => withBackend('native', () => [
      np.exp(x), np.sin(x.T), np.multiply(x, 2.5), np.add(x.slice('::-1'), x), np.less(x, 0.5), np.arctan2(x, x.T.copy().T),
    ].map((r) => Buffer.from(r.toTypedArray().buffer).toString('base64')));
    try {
      np.setNumThreads(1);
      const one = run();
      np.setNumThreads(2);
      const two = run();
      expect(two).toEqual(one);
    } finally {
      np.setNumThreads(threads);
    }
  });

  // The contiguous loop tests each vector at once for inputs SLEEF gets wrong
  // (subnormals; sinh/cosh and log1p beyond their range) and sends those vectors
  // lane by lane to libm: such values anywhere in a long array, next to ordinary
  // ones, give NumPy's results (values from NumPy 2.4.6).
  it('subnormal and out-of-range inputs inside long arrays get libm\'s results', () => {
    const run = (op: string, dtype: 'float32' | 'float64', xs: number[], at: number, len: number) => {
      const x = np.full([len], 0.5, { dtype });
      xs.forEach((v, i) => x.set([at + i], v));
      const r = withBackend('native', () => (np as unknown as Record<string, (a: np.NDArray) => np.NDArray>)[op]!(x));
      return xs.map((_, i) => r.get(at + i) as number);
    };
    for (const [dtype, tiny] of [['float64', 5e-324], ['float32', 1.401298464324817e-45]] as const) {
      const sub = [tiny * 3, -tiny * 5];
      for (const op of ['sin', 'tan', 'arcsin', 'arctan', 'expm1', 'log1p', 'sinh', 'tanh']) {
        for (const at of [0, 5, 37]) expect(run(op, dtype, sub, at, 64), `${op} ${dtype} at ${at}`).toEqual(sub.map((v) => (dtype === 'float32' ? Math.fround(v) : v)));
      }
      expect(run('exp', dtype, sub, 21, 40)).toEqual([1, 1]);
    }
    expect(run('sinh', 'float64', [800, -800], 17, 40)).toEqual([Infinity, -Infinity]);
    expect(run('cosh', 'float64', [800, -800], 17, 40)).toEqual([Infinity, Infinity]);
    expect(run('sinh', 'float32', [95, -95], 17, 40)).toEqual([Infinity, -Infinity]);
    expect(run('log1p', 'float64', [1.5e308], 9, 40)).toEqual([709.6016737502742]);
    expect(run('log1p', 'float32', [3e38], 9, 40)).toEqual([88.59684753417969]);
  });

  it('config() reports the elementwise kernels and thresholds', () => {
    const c = np.config();
    const e = (c.build as { elementwise?: Record<string, unknown> }).elementwise!;
    expect(['avx512', 'avx2+fma', 'baseline']).toContain(e.isa);
    expect(e.vectorMath).toMatch(/SLEEF/);
    expect(e.parallelMinElements).toBeGreaterThan(0);
    expect(e.parallelMinElementsTranscendental).toBeGreaterThan(0);
    expect(c.thresholds.elementwise).toBeGreaterThan(0);
    expect(c.thresholds.elementwiseTranscendental).toBeGreaterThan(0);
  });

  // The CPU picks one set; the others must pass the same suite on this machine too.
  const isa = (np.config().build as { elementwise?: { isa?: string } }).elementwise?.isa;
  for (const force of ['baseline', 'avx2'] as const) {
    it.skipIf(force === 'avx2' && isa !== 'avx512')(`the ${force} kernel set (NUMNODE_EW_ISA=${force}) passes the conformance suite`, () => {
      const r = spawnSync('npx', ['vitest', 'run', 'test/elementwise.values.test.ts', '-t', 'native'], {
        cwd: ROOT, encoding: 'utf8', timeout: 600_000,
        env: { ...process.env, NUMNODE_EW_ISA: force, NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      // eslint-disable-next-line no-control-regex
      const tail = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '').split('\n').slice(-30).join('\n');
      expect(r.status, tail).toBe(0);
      expect(tail).toMatch(/Tests\s+\d+ passed/);
    }, 600_000);
  }
});
