// NumPy 2's type promotion and loop selection, as tables from NumPy itself
// (test/fixtures/elementwise.json): promoteTypes over the 121 dtype pairs,
// resultType over pairs of dtypes and weak scalars (NEP 50), canCast over every
// pair and casting rule, and the loop every ufunc selects for every combination of
// operand types, without and with `dtype` (NumPy's ufunc.resolve_dtypes).
// numnode has no float16: where NumPy picks a float16 loop numnode takes float32.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { DType } from '../src/index';
import { UFUNC_BY_NAME, resolveLoop, resolveLoopWithDType, OperandType } from '../src/ops/elementwise-types';
import type { OpName } from '../src/core/ops';
import { OPS } from '../src/core/ops';
import { loadEwFixture } from './helpers/elementwise';
import { thrown } from './helpers/fixtures';

const fx = loadEwFixture();
const D = fx.dtypes;

describe('promotion tables', () => {
  it('promoteTypes equals np.promote_types on all 121 pairs', () => {
    const got: Record<string, string> = {};
    for (const a of D) for (const b of D) got[`${a},${b}`] = np.promoteTypes(a, b);
    expect(got).toEqual(fx.promote);
  });

  it('resultType equals np.result_type on all pairs of dtypes and weak scalars (169)', () => {
    const weak = (x: string): unknown => (x === 'int' ? 1 : x === 'float' ? 1.5 : x);
    const got: Record<string, string> = {};
    for (const a of fx.operands) for (const b of fx.operands) got[`${a},${b}`] = np.resultType(weak(a), weak(b));
    expect(got).toEqual(fx.result_type);
  });

  it('resultType takes arrays, bigints and booleans, refuses nothing else and needs an argument', () => {
    expect(np.resultType(np.zeros([2], { dtype: 'int8' }), 300)).toBe('int8');
    expect(np.resultType('uint8', 300n)).toBe('uint8');
    expect(np.resultType(true, 1)).toBe('int64');
    expect(np.resultType(true)).toBe('bool');
    expect(np.resultType(2, 2.5)).toBe('float64');
    expect(np.resultType('f4', 'i2')).toBe('float32');
    const e = thrown(() => np.resultType(), 'resultType()');
    expect(e.message).toBe('at least one array or dtype is required');
    expect(thrown(() => np.resultType({} as never), 'resultType({})').code).toBe('ERR_NUMNODE_ARG');
    expect(thrown(() => np.resultType('float16'), "resultType('float16')").code).toBe('ERR_NUMNODE_DTYPE');
  });

  it('canCast equals np.can_cast on 121 pairs x 5 casting rules', () => {
    for (const [casting, bits] of Object.entries(fx.can_cast)) {
      const got = D.flatMap((a) => D.map((b) => (np.canCast(a, b, casting as np.Casting) ? '1' : '0'))).join('');
      expect(got, casting).toBe(bits);
    }
    expect(np.canCast(np.zeros([1], { dtype: 'int16' }), 'float32')).toBe(true);
    const e = thrown(() => np.canCast(1 as never, 'int8'), 'canCast(1)');
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch(/^can_cast\(\) does not support Python ints, floats, and complex/);
    expect(thrown(() => np.canCast('int8', 'int16', 'bogus' as never), 'bad casting').message)
      .toBe("casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got 'bogus')");
  });
});

/** What resolveLoop gives, in the fixture's notation: "int8 int8 int8" or the error "Type: message". */
function describeLoop(fn: () => { inputs: readonly DType[]; output: DType }): string {
  try {
    const l = fn();
    return [...l.inputs, l.output].join(' ');
  } catch (e) {
    const err = e as Error & { code?: string };
    expect(err.code, err.message).toBe('ERR_NUMNODE_DTYPE');
    expect(err).toBeInstanceOf(TypeError);
    return `TypeError: ${err.message}`;
  }
}

/** NumPy's answer in the same notation, float16 loops read as numnode's float32. */
function expected(entry: string): string {
  if (entry.startsWith('E')) return fx.messages[Number(entry.slice(1))]!.replace(/^UFuncTypeError/, 'TypeError');
  return entry.split(' ').map((d) => (d === 'float16' ? 'float32' : d)).join(' ');
}

function combos(nin: number): OperandType[][] {
  const ops = fx.operands as OperandType[];
  return nin === 1 ? ops.map((a) => [a]) : ops.flatMap((a) => ops.map((b) => [a, b]));
}

/**
 * Two comparisons of two Python ints: NumPy 2 picks its object loop (exact Python
 * integers); numnode has no object dtype and compares them as int64.
 */
const isObjectLoop = (entry: string) => entry.startsWith('object');

describe('loop selection: every ufunc x every operand combination', () => {
  it.skipIf(fx.resolve === undefined).each(OPS.map((o) => o.name))('%s', (name) => {
    const spec = UFUNC_BY_NAME[name as OpName];
    const rows = fx.resolve![name]!;
    const cs = combos(spec.nin);
    expect(rows.length).toBe(cs.length);
    const bad: string[] = [];
    cs.forEach((c, i) => {
      const want = rows[i]!;
      if (isObjectLoop(want)) {
        expect(describeLoop(() => resolveLoop(spec, c))).toBe('int64 int64 bool');
        return;
      }
      const got = describeLoop(() => resolveLoop(spec, c));
      if (got !== expected(want)) bad.push(`${name}(${c.join(', ')}): got ${got}, NumPy ${expected(want)}`);
    });
    expect(bad).toEqual([]);
  });
});

describe('loop selection with dtype= (signature=(None, ..., D))', () => {
  it.skipIf(fx.resolve_dtype === undefined).each(OPS.map((o) => o.name))('%s', (name) => {
    const spec = UFUNC_BY_NAME[name as OpName];
    const rows = fx.resolve_dtype![name]!;
    const cs = combos(spec.nin);
    expect(rows.length).toBe(cs.length * D.length);
    const bad: string[] = [];
    cs.forEach((c, i) => {
      D.forEach((d, j) => {
        const want = rows[i * D.length + j]!;
        if (isObjectLoop(want)) return;
        const got = describeLoop(() => resolveLoopWithDType(spec, c, d));
        if (got !== expected(want)) bad.push(`${name}(${c.join(', ')}, dtype=${d}): got ${got}, NumPy ${expected(want)}`);
      });
    });
    expect(bad.slice(0, 20)).toEqual([]);
  });
});
