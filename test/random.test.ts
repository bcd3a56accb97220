// np.random's API: values NumPy gives for well-known seeds, scalar and array returns,
// state round trips, SeedSequence / PCG64 details, and the coded errors NumPy raises as
// ValueError/TypeError. Also a live comparison with NumPy (when python3 has it) for seeds
// the fixture file does not cover.
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { NDArray } from '../src/core/ndarray';
import { Generator, PCG64, RandomState, SeedSequence, defaultRng } from '../src/random';
import { glibcLog, glibcLog1p, glibcLog1pf, fma } from '../src/random/glibc-math';

function err(f: () => unknown): { code?: string; message: string; name: string } {
  try {
    f();
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message, name: (e as Error).name };
  }
  throw new Error('expected an error');
}

describe('legacy np.random', () => {
  it('gives NumPy\'s numbers after seed(0)', () => {
    np.random.seed(0);
    expect((np.random.rand(3) as NDArray).toArray()).toEqual([0.5488135039273248, 0.7151893663724195, 0.6027633760716439]);
    expect(np.random.randint(10)).toBe(3);
    expect(np.random.randn()).toBe(0.37025538490846127);
  });

  it('returns JS scalars without a size and arrays with one', () => {
    const r = new RandomState(1);
    expect(typeof r.rand()).toBe('number');
    expect(typeof r.randint(10)).toBe('number');
    expect(typeof r.randint(10, { dtype: 'int64' })).toBe('bigint');
    expect(typeof r.randint(2, { dtype: 'bool' })).toBe('boolean');
    expect(typeof r.randint(2, { dtype: 'uint8' })).toBe('number');
    const a = r.randint(0, 5, [2, 3], { dtype: 'int16' }) as NDArray;
    expect(a.shape).toEqual([2, 3]);
    expect(a.dtype).toBe('int16');
    expect((r.rand(2, 3) as NDArray).shape).toEqual([2, 3]);
    expect((r.randn(4) as NDArray).shape).toEqual([4]);
    expect((r.randomSample([]) as NDArray).shape).toEqual([]);
    expect((r.randint(5, 5, 0) as NDArray).size).toBe(0); // an empty size draws nothing, as in NumPy
    expect((r.normal([0, 10, 20], 1) as NDArray).shape).toEqual([3]);
    expect((r.uniform(0, [[1], [2]], [2, 3]) as NDArray).shape).toEqual([2, 3]);
  });

  it('restores a state with its cached Gaussian', () => {
    const r = new RandomState(5);
    r.randn();
    const s = r.getState();
    expect(s[3]).toBe(1);
    expect(s[4]).toBe(-0.33087015189408764);
    const a = (r.randn(5) as NDArray).toArray();
    r.setState(s);
    expect((r.randn(5) as NDArray).toArray()).toEqual(a);
    const d = r.getState({ legacy: false });
    const b = (r.rand(3) as NDArray).toArray();
    r.setState(d);
    expect((r.rand(3) as NDArray).toArray()).toEqual(b);
    // a Python-style dict with snake_case keys
    r.setState({ bit_generator: 'MT19937', state: { key: s[1], pos: s[2] }, has_gauss: s[3], gauss: s[4] });
    expect((r.randn(5) as NDArray).toArray()).toEqual(a);
  });

  it('shuffles plain JS arrays and NDArrays along the first axis, in place', () => {
    const r = new RandomState(3);
    const js = [1, 2, 3, 4, 5, 6];
    r.shuffle(js);
    const nd = np.array([1, 2, 3, 4, 5, 6]);
    new RandomState(3).shuffle(nd);
    expect(js.map(BigInt)).toEqual(nd.toArray());
    const m = np.arange(12).reshape(4, 3);
    r.shuffle(m);
    expect((m.toArray() as number[][]).map((row) => Number(row[0]) % 3)).toEqual([0, 0, 0, 0]);
  });

  it('raises coded errors where NumPy raises', () => {
    const r = new RandomState(0);
    expect(err(() => r.randint(5, 5))).toMatchObject({ code: 'ERR_NUMNODE_ARG', message: 'low >= high', name: 'RangeError' });
    expect(err(() => r.randint(0))).toMatchObject({ code: 'ERR_NUMNODE_ARG', message: 'high <= 0' });
    expect(err(() => r.randint(-1, 5, { dtype: 'uint8' }))).toMatchObject({ message: 'low is out of bounds for uint8' });
    expect(err(() => r.randint(0, 257, { dtype: 'uint8' }))).toMatchObject({ message: 'high is out of bounds for uint8' });
    expect(err(() => r.randint(0, 5, { dtype: 'float64' }))).toMatchObject({ code: 'ERR_NUMNODE_ARG', name: 'TypeError' });
    expect(err(() => r.randint(0, 5, { dtyp: 'int8' }))).toMatchObject({ code: 'ERR_NUMNODE_ARG', name: 'TypeError' });
    expect(err(() => r.choice(3, { p: [0.5, 0.4, 0.2] }))).toMatchObject({ code: 'ERR_NUMNODE_ARG', message: 'probabilities do not sum to 1' });
    expect(err(() => r.choice(3, { p: [1.5, -0.5, 0] }))).toMatchObject({ message: 'probabilities are not non-negative' });
    expect(err(() => r.choice(3, { p: [NaN, 0.5, 0.5] }))).toMatchObject({ message: 'probabilities contain NaN' });
    expect(err(() => r.choice(3, { p: [0.5, 0.5] }))).toMatchObject({ message: "'a' and 'p' must have same size" });
    expect(err(() => r.choice(3, 5, { replace: false }))).toMatchObject({ message: "Cannot take a larger sample than population when 'replace=False'" });
    expect(err(() => r.choice(0))).toMatchObject({ message: 'a must be greater than 0 unless no samples are taken' });
    expect(err(() => r.choice([]))).toMatchObject({ message: "'a' cannot be empty unless no samples are taken" });
    expect(err(() => r.choice([[1, 2]]))).toMatchObject({ message: 'a must be 1-dimensional' });
    expect(err(() => r.rand(-1))).toMatchObject({ code: 'ERR_NUMNODE_SHAPE', message: 'negative dimensions are not allowed' });
    expect(err(() => r.randomSample(-3))).toMatchObject({ code: 'ERR_NUMNODE_SHAPE' });
    expect(err(() => r.normal(0, -1))).toMatchObject({ code: 'ERR_NUMNODE_ARG', message: 'scale < 0' });
    expect(err(() => r.normal(0, [1, -1]))).toMatchObject({ message: 'scale < 0' });
    expect(err(() => r.uniform(0, Infinity))).toMatchObject({ message: 'Range exceeds valid bounds' });
    expect(err(() => r.normal([1, 2], 1, 3))).toMatchObject({ code: 'ERR_NUMNODE_BROADCAST' });
    expect(err(() => r.normal([[1], [2]], 1, 3))).toMatchObject({ code: 'ERR_NUMNODE_ARG', message: 'Output size (3,) is not compatible with broadcast dimensions of inputs (2, 3).' });
    expect(err(() => r.seed(-1))).toMatchObject({ code: 'ERR_NUMNODE_ARG', message: 'Seed must be between 0 and 2**32 - 1' });
    expect(err(() => r.seed(2 ** 32))).toMatchObject({ message: 'Seed must be between 0 and 2**32 - 1' });
    expect(err(() => r.seed(1.5))).toMatchObject({ code: 'ERR_NUMNODE_ARG', name: 'TypeError' });
    expect(err(() => r.seed([]))).toMatchObject({ message: 'Seed must be non-empty' });
    expect(err(() => r.seed([[1, 2]]))).toMatchObject({ message: 'Seed array must be 1-d' });
    expect(err(() => r.shuffle(np.zeros(3).broadcastTo([2, 3])))).toMatchObject({ code: 'ERR_NUMNODE_READONLY' });
    expect(err(() => r.setState(['PCG64', new Uint32Array(624), 0]))).toMatchObject({ code: 'ERR_NUMNODE_ARG' });
    expect(err(() => r.permutation(np.array(5)))).toMatchObject({ code: 'ERR_NUMNODE_INDEX' });
  });
});

describe('Generator (default_rng)', () => {
  it('gives NumPy\'s numbers for default_rng(42)', () => {
    const g = defaultRng(42);
    expect((g.random(3) as NDArray).toArray()).toEqual([0.7739560485559633, 0.4388784397520523, 0.8585979199113825]);
    expect((g.integers(0, 10, 3) as NDArray).toArray()).toEqual([0n, 6n, 2n]);
    expect((g.normal({ size: 2 }) as NDArray).toArray()).toEqual([-1.302179506862318, 0.12784040316728537]);
  });

  it('implements SeedSequence, PCG64.advance and jumped as NumPy', () => {
    expect(Array.from(new SeedSequence(12345, { spawnKey: [3] }).generateState(4, 'uint32'))).toEqual([3609844797, 1102929138, 1660579046, 2056729905]);
    expect(Array.from(new SeedSequence(2n ** 100n + 17n).generateState(3, 'uint32'))).toEqual([4169797766, 657946250, 3411088093]);
    expect(defaultRng([2n ** 64n + 5n, 3]).random()).toBe(0.9872925414265714);
    const bg = new PCG64(7).advance(12345);
    expect(bg.state.state.state).toBe(134749612998450894497084809517722451609n);
    expect(bg.randomRaw()).toBe(2593771179699261443n);
    expect(new PCG64(7).jumped(2).state.state.state).toBe(156208700673471647269867630498638806886n);
    const g = new Generator(new PCG64(1));
    g.random({ dtype: 'float32' });
    const st = g.bitGenerator.state;
    expect(st.hasUint32).toBe(1);
    const a = (g.integers(0, 100, 5) as NDArray).toArray();
    g.bitGenerator.state = st;
    expect((g.integers(0, 100, 5) as NDArray).toArray()).toEqual(a);
    expect(defaultRng(g)).toBe(g);
  });

  it('raises coded errors where NumPy raises', () => {
    const g = defaultRng(0);
    expect(err(() => g.integers(5, 5))).toMatchObject({ code: 'ERR_NUMNODE_ARG', message: 'low >= high' });
    expect(err(() => g.integers(5, 4, { endpoint: true }))).toMatchObject({ message: 'low > high' });
    expect(err(() => g.integers(0, -1, { endpoint: true }))).toMatchObject({ message: 'high < 0' });
    expect(err(() => g.integers(0, 2 ** 16 + 1, { dtype: 'uint16' }))).toMatchObject({ message: 'high is out of bounds for uint16' });
    expect(err(() => g.uniform(1, 0))).toMatchObject({ message: 'high - low < 0' });
    expect(err(() => g.exponential(-1))).toMatchObject({ message: 'scale < 0' });
    expect(err(() => g.random({ dtype: 'int32' }))).toMatchObject({ code: 'ERR_NUMNODE_ARG', name: 'TypeError' });
    expect(err(() => g.choice(4, { p: [0.3, 0.3, 0.3, 0.3] }))).toMatchObject({ message: 'Probabilities do not sum to 1. See Notes section of docstring for more information.' });
    expect(err(() => g.choice(3, 4, { replace: false }))).toMatchObject({ message: 'Cannot take a larger sample than population when replace is False' });
    expect(err(() => g.choice(5, { p: [0, 0, 0, 0.5, 0.5], size: 3, replace: false }))).toMatchObject({ message: 'Fewer non-zero entries in p than size' });
    expect(err(() => g.standardNormal(-2))).toMatchObject({ code: 'ERR_NUMNODE_SHAPE' });
    expect(err(() => defaultRng(-1))).toMatchObject({ code: 'ERR_NUMNODE_ARG', message: 'expected non-negative integer' });
    expect(err(() => defaultRng(1.5))).toMatchObject({ code: 'ERR_NUMNODE_ARG', name: 'TypeError' });
    expect(err(() => { g.bitGenerator.state = { bitGenerator: 'MT19937', state: { state: 1n, inc: 1n }, hasUint32: 0, uinteger: 0 } as never; })).toMatchObject({ code: 'ERR_NUMNODE_ARG' });
  });
});

describe('glibc-compatible libm', () => {
  it('fma is correctly rounded', () => {
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
    expect(fma(1 + 2 ** -52, 1 - 2 ** -52, -1)).toBe(-(2 ** -104));
  });
  it('handles special values like the C library', () => {
    expect(glibcLog(0)).toBe(-Infinity);
    expect(glibcLog(-1)).toBeNaN();
    expect(glibcLog(Infinity)).toBe(Infinity);
    expect(glibcLog(1)).toBe(0);
    expect(glibcLog(5e-324)).toBe(-744.4400719213812);
    expect(glibcLog1p(-1)).toBe(-Infinity);
    expect(Object.is(glibcLog1p(-0), -0)).toBe(true);
    expect(glibcLog1pf(-1)).toBe(-Infinity);
  });
});

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasNumpy)('live comparison with NumPy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'numnode-rand-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('other seeds, both generators, several functions', () => {
    const seeds: (number | number[])[] = [7, 123456789, 2 ** 31, [0], [4294967295, 5, 6]];
    const calls = {
      legacy: [['random_sample', [], { size: 5000 }], ['randn', [5001], {}], ['randint', [-7, 1000], { size: 5000, dtype: 'int16' }],
        ['choice', [77], { size: 40, replace: false }], ['permutation', [3000], {}], ['normal', [1.5, 0.5], { size: 999 }]],
      pcg64: [['random', [], { size: 5000 }], ['standard_normal', [], { size: 5000 }], ['standard_normal', [], { size: 5000, dtype: 'float32' }],
        ['integers', [-1000, 10 ** 12], { size: 5000 }], ['exponential', [3.0], { size: 5000 }], ['choice', [50000], { size: 300, replace: false }],
        ['uniform', [2.0, 9.0], { size: 1000 }], ['permutation', [2000], {}]],
    } as const;
    const cases = [];
    for (const gen of ['legacy', 'pcg64'] as const) for (const seed of seeds) cases.push({ id: `${gen}/${JSON.stringify(seed)}`, gen, seed, calls: calls[gen].map(([fn, args, kw]) => ({ fn, args, kw })) });
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const r = spawnSync('python3', [join(__dirname, '..', 'scripts', 'gen-random-fixtures.py'), '--run', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout) as { sha256: string; after: Record<string, unknown> }[];
    const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    cases.forEach((c, i) => {
      const obj = c.gen === 'legacy' ? new RandomState(c.seed) : defaultRng(c.seed);
      const h = createHash('sha256');
      for (const call of c.calls) {
        const kw = Object.fromEntries(Object.entries(call.kw).map(([k, v]) => [camel(k), v]));
        const fn = (obj as unknown as Record<string, (...a: unknown[]) => NDArray>)[camel(call.fn)]!;
        const res = fn.apply(obj, Object.keys(kw).length > 0 ? [...call.args, kw] : [...call.args]);
        const t = res.toTypedArray();
        h.update(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
      }
      expect(h.digest('hex'), c.id).toBe(results[i]!.sha256);
    });
  });
});
