import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DType } from '../src/core/dtype';
import {
  array2string, arrayRepr, arrayStr, formatScalar, getPrintOptions, setPrintOptions, withPrintOptions,
  type PrintOptions, type PrintSource,
} from '../src/core/print';

interface Fixture {
  dtype: DType;
  shape: number[];
  data: (boolean | number | string)[];
  options: Partial<PrintOptions>;
  str: string;
  repr: string;
}

const ROOT = join(__dirname, '..');
const GENERATOR = join(ROOT, 'scripts', 'gen-print-fixtures.py');

function parseFloatRepr(s: string): number {
  if (s === 'nan') return NaN;
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  const v = Number(s);
  if (Number.isNaN(v)) throw new Error(`bad float in fixture: ${s}`);
  return v;
}

/** A PrintSource over flat C-order data (the test adapter). */
function sourceOf(f: Pick<Fixture, 'dtype' | 'shape' | 'data'>): PrintSource {
  const values: (number | bigint | boolean)[] = f.data.map((v) => {
    if (f.dtype === 'bool') return Boolean(v);
    if (f.dtype === 'int64' || f.dtype === 'uint64') return BigInt(v as string);
    if (f.dtype === 'float32') return Math.fround(parseFloatRepr(v as string));
    if (f.dtype === 'float64') return parseFloatRepr(v as string);
    return v as number;
  });
  const shape = f.shape;
  return {
    shape,
    dtype: f.dtype,
    get(index) {
      if (index.length !== shape.length) throw new Error(`index ${index} for shape ${shape}`);
      let pos = 0;
      for (let k = 0; k < shape.length; k++) {
        const i = index[k]!;
        if (!Number.isInteger(i) || i < 0 || i >= shape[k]!) throw new Error(`index ${index} out of bounds for ${shape}`);
        pos = pos * shape[k]! + i;
      }
      return values[pos]!;
    },
  };
}

function label(f: Fixture, i: number): string {
  return `#${i} ${f.dtype} (${f.shape.join(',')}) ${JSON.stringify(f.options)}`;
}

function checkCases(cases: Fixture[]): { failures: string[] } {
  const failures: string[] = [];
  cases.forEach((f, i) => {
    const src = sourceOf(f);
    const s = withPrintOptions(f.options, () => arrayStr(src));
    const r = withPrintOptions(f.options, () => arrayRepr(src));
    // also through the per-call options argument
    const r2 = arrayRepr(src, f.options);
    if (s !== f.str) failures.push(`${label(f, i)} str\n  want ${JSON.stringify(f.str)}\n  got  ${JSON.stringify(s)}`);
    if (r !== f.repr) failures.push(`${label(f, i)} repr\n  want ${JSON.stringify(f.repr)}\n  got  ${JSON.stringify(r)}`);
    else if (r2 !== f.repr) failures.push(`${label(f, i)} repr via opts argument\n  got  ${JSON.stringify(r2)}`);
  });
  return { failures };
}

const fixtures = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'print.json'), 'utf8')) as {
  numpy: string;
  seed: number;
  cases: Fixture[];
};

describe('print fixtures (NumPy str/repr)', () => {
  it('has at least 400 cases covering every dtype', () => {
    expect(fixtures.cases.length).toBeGreaterThanOrEqual(400);
    const dtypes = new Set(fixtures.cases.map((c) => c.dtype));
    expect(dtypes.size).toBe(11);
  });

  it('matches NumPy for every fixture', () => {
    const { failures } = checkCases(fixtures.cases);
    expect(failures.slice(0, 10).join('\n'), `${failures.length} mismatches`).toBe('');
  });

  it('leaves the global options unchanged', () => {
    expect(getPrintOptions()).toEqual({
      precision: 8, threshold: 1000, edgeitems: 3, linewidth: 75, suppress: false,
      floatmode: 'maxprec', sign: '-', nanstr: 'nan', infstr: 'inf',
    });
  });
});

function havePython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PY = havePython();
if (!PY) console.warn('print.test: python3 with numpy is not available; skipping the live NumPy comparison');

describe('print live comparison with NumPy', () => {
  it.skipIf(!PY)('matches ~100 fresh random cases', () => {
    const seed = Date.now() % 2147483647;
    const res = spawnSync('python3', [GENERATOR, '--random', '100', '--seed', String(seed), '--out', '-'], {
      encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    });
    expect(res.status, res.stderr).toBe(0);
    const live = JSON.parse(res.stdout) as { cases: Fixture[] };
    expect(live.cases.length).toBe(100);
    const { failures } = checkCases(live.cases);
    expect(failures.slice(0, 10).join('\n'), `${failures.length} mismatches (seed ${seed})`).toBe('');
  }, 60_000);
});

describe('print options', () => {
  const expectArgError = (fn: () => unknown): void => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypeError);
    expect((err as { code?: string }).code).toBe('ERR_NUMNODE_ARG');
  };

  it('rejects unknown keys and bad values with ERR_NUMNODE_ARG', () => {
    const before = getPrintOptions();
    expectArgError(() => setPrintOptions({ bogus: 1 } as unknown as Partial<PrintOptions>));
    expectArgError(() => setPrintOptions({ precision: -1 }));
    expectArgError(() => setPrintOptions({ precision: 1.5 }));
    expectArgError(() => setPrintOptions({ precision: '3' as unknown as number }));
    expectArgError(() => setPrintOptions({ threshold: NaN }));
    expectArgError(() => setPrintOptions({ threshold: '5' as unknown as number }));
    expectArgError(() => setPrintOptions({ edgeitems: -2 }));
    expectArgError(() => setPrintOptions({ linewidth: 0 }));
    expectArgError(() => setPrintOptions({ suppress: 1 as unknown as boolean }));
    expectArgError(() => setPrintOptions({ floatmode: 'exact' as unknown as 'fixed' }));
    expectArgError(() => setPrintOptions({ sign: 'x' as unknown as '-' }));
    expectArgError(() => setPrintOptions({ nanstr: 5 as unknown as string }));
    expectArgError(() => setPrintOptions(null as unknown as Partial<PrintOptions>));
    expectArgError(() => withPrintOptions({ precision: -3 }, () => 0));
    expectArgError(() => arrayRepr(sourceOf({ dtype: 'int8', shape: [1], data: [1] }), { foo: 1 } as unknown as Partial<PrintOptions>));
    // a rejected call changes nothing
    expect(getPrintOptions()).toEqual(before);
  });

  it('setPrintOptions changes only the given options; withPrintOptions restores them', () => {
    const a = sourceOf({ dtype: 'float64', shape: [2], data: ['0.123456789', '2.0'] });
    expect(arrayStr(a)).toBe('[0.12345679 2.        ]');
    const saved = getPrintOptions();
    try {
      setPrintOptions({ precision: 3 });
      expect(getPrintOptions().precision).toBe(3);
      expect(getPrintOptions().threshold).toBe(1000);
      expect(arrayStr(a)).toBe('[0.123 2.   ]');
      const inner = withPrintOptions({ precision: 1, sign: '+' }, () => arrayStr(a));
      expect(inner).toBe('[+0.1 +2. ]');
      expect(arrayStr(a)).toBe('[0.123 2.   ]');
      expect(() => withPrintOptions({ precision: 5 }, () => {
        throw new Error('boom');
      })).toThrow('boom');
      expect(getPrintOptions().precision).toBe(3);
      setPrintOptions({ threshold: Infinity });
      expect(getPrintOptions().threshold).toBe(Infinity);
    } finally {
      setPrintOptions(saved);
    }
    expect(getPrintOptions()).toEqual(saved);
  });

  it('array2string takes a separator, prefix and suffix', () => {
    const a = sourceOf({ dtype: 'int32', shape: [2, 2], data: [1, 22, 333, 4] });
    expect(array2string(a)).toBe('[[  1  22]\n [333   4]]');
    expect(array2string(a, { separator: ', ', prefix: 'x(' })).toBe('[[  1,  22],\n   [333,   4]]');
    expect(array2string(sourceOf({ dtype: 'int8', shape: [0], data: [] }))).toBe('[]');
  });

  it('formatScalar prints like str() of a NumPy scalar', () => {
    expect(formatScalar(1.5, 'float64')).toBe('1.5');
    expect(formatScalar(1e20, 'float64')).toBe('1e+20');
    expect(formatScalar(1e16, 'float64')).toBe('1e+16');
    expect(formatScalar(1e15, 'float64')).toBe('1000000000000000.0');
    expect(formatScalar(1e-5, 'float64')).toBe('1e-05');
    expect(formatScalar(-0, 'float64')).toBe('-0.0');
    expect(formatScalar(NaN, 'float64')).toBe('nan');
    expect(formatScalar(-Infinity, 'float32')).toBe('-inf');
    expect(formatScalar(0.1, 'float32')).toBe('0.1');
    expect(formatScalar(16777217, 'float32')).toBe('1.6777216e+07');
    expect(formatScalar(1e6, 'float32')).toBe('1e+06');
    expect(formatScalar(true, 'bool')).toBe('True');
    expect(formatScalar(false, 'bool')).toBe('False');
    expect(formatScalar(3, 'int8')).toBe('3');
    expect(formatScalar(-(2n ** 63n), 'int64')).toBe('-9223372036854775808');
    expect(formatScalar(2n ** 64n - 1n, 'uint64')).toBe('18446744073709551615');
  });
});

describe('summarisation reads only the printed elements', () => {
  function countingSource(shape: number[], dtype: DType): PrintSource & { calls: number } {
    const strides = shape.map((_, k) => shape.slice(k + 1).reduce((x, y) => x * y, 1));
    const src = {
      shape,
      dtype,
      calls: 0,
      get(index: readonly number[]): number | bigint | boolean {
        src.calls++;
        const flat = index.reduce((acc, i, k) => acc + i * strides[k]!, 0);
        if (dtype === 'int64') return BigInt(flat);
        if (dtype === 'bool') return flat % 3 === 0;
        return dtype === 'float64' || dtype === 'float32' ? flat / 7 : flat % 100;
      },
    };
    return src;
  }

  it('1-d array of 1e8 elements', () => {
    const src = countingSource([1e8], 'int64');
    expect(arrayRepr(src)).toBe(
      'array([       0,        1,        2, ..., 99999997, 99999998, 99999999],\n      shape=(100000000,))',
    );
    expect(src.calls).toBeLessThanOrEqual(6);
    src.calls = 0;
    expect(arrayStr(src)).toBe('[       0        1        2 ... 99999997 99999998 99999999]');
    expect(src.calls).toBeLessThanOrEqual(6);
  });

  it('2-d float array of 1e8 elements', () => {
    const src = countingSource([10000, 10000], 'float64');
    const r = arrayRepr(src);
    expect(r.startsWith('array([[0.00000000e+00, 1.42857143e-01, 2.85714286e-01, ...,')).toBe(true);
    expect(r.endsWith('shape=(10000, 10000))')).toBe(true);
    expect(src.calls).toBeLessThanOrEqual(36);
  });

  it('4-d bool array of 1e8 elements with edgeitems 2', () => {
    const src = countingSource([100, 100, 100, 100], 'bool');
    withPrintOptions({ edgeitems: 2 }, () => arrayStr(src));
    expect(src.calls).toBeLessThanOrEqual(4 ** 4);
  });
});
