// Differential test against NumPy (issue 9, item 1): the committed random cases of
// scripts/gen-differential-fixtures.py (every public function family over random
// shapes up to 5-d, every dtype and random strided views), run on both backends.
// A mismatch prints one line: the seed, the case index and the numnode expression.
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBackends } from './helpers/backends';
import { DIFF_FIXTURE, baseValues, differentialSuite, loadDiffFixture, mix32 } from './helpers/differential';

const fx = loadDiffFixture();

describe('differential fixture', () => {
  it('has at least 5,000 cases and stays compact (at most 3 MB)', () => {
    expect(fx.cases.length).toBeGreaterThanOrEqual(5000);
    expect(statSync(DIFF_FIXTURE).size).toBeLessThanOrEqual(3 * 1024 * 1024);
  });
  it('the value hash matches the generator bit for bit', () => {
    const h = fx.hash_check;
    expect(h.values.map((_, i) => mix32((h.seed + Math.imul(i, 0x9e3779b9)) >>> 0))).toEqual(h.values);
    // Python's repr vs JS's String: nan/inf spellings and the '.0' of integral floats
    const py = (v: number) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf'
      : Object.is(v, -0) ? '-0.0' : Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : String(v));
    expect(baseValues('float64', h.seed, h.float64.length).map((v) => py(v as number))).toEqual(h.float64);
    expect(baseValues('int64', h.seed, h.int64.length).map(String)).toEqual(h.int64);
  });
});

differentialSuite(fx, `differential vs NumPy ${fx.numpy_version} fixture (seed ${fx.seed})`, { describeBackends, it, afterAll, expect });
