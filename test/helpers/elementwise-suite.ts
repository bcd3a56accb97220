// The elementwise conformance suite, written once and registered per backend by
// test/elementwise.values.test.ts (committed fixture) and
// test/elementwise.live.test.ts (a fixture generated on the spot with another
// seed). Every ufunc x every input dtype over contiguous, Fortran-ordered,
// reversed (negative strides), strided-with-offset and broadcast (zero-stride)
// views, 0-d and empty arrays; mixed dtype pairs; weak scalars on either side.
import { describe, expect, it } from 'vitest';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';
import { Enc, expectNumpyError, flat, snapshot } from './fixtures';
import {
  EwFixture, LAYOUTS, LayoutName, ValueCase, expectClose, layoutArray, ruleFor, weakValue,
} from './elementwise';

type Fn = (...args: unknown[]) => NDArray;
const fnOf = (name: string): Fn => (np as unknown as Record<string, Fn>)[name]!;

const PAIRS: readonly [LayoutName, LayoutName][] = [['C', 'C'], ['F', 'F'], ['F', 'C'], ['reversed', 'strided'], ['strided', 'reversed']];

function inputsOf(fx: EwFixture, c: { set: 'base' | 'power' | 'shift' }, dtype: DType) {
  return fx.inputs[c.set][dtype];
}

/** Every ufunc x dtype over every layout, 0-d and empty arrays. */
export function valuesSuite(fx: EwFixture): void {
  const byOp = new Map<string, ValueCase[]>();
  for (const c of fx.values) {
    if (!byOp.has(c.op)) byOp.set(c.op, []);
    byOp.get(c.op)!.push(c);
  }
  const nin = new Map(fx.ufuncs.map((u) => [u.name, u.nin]));
  for (const [op, cases] of byOp) {
    describe(op, () => {
      it.each(cases.map((c) => [c.dtype, c] as const))('%s', (_d, c) => {
        const fn = fnOf(op);
        const inp = inputsOf(fx, c, c.dtype);
        const unary = nin.get(op) === 1;
        const mk = (vals: readonly Enc[], layout: LayoutName) => layoutArray(vals, c.dtype, layout, fx.shape);
        if (c.error) {
          const a = mk(inp.a, 'C');
          const b = mk(inp.b, 'C');
          const before = [snapshot(a), snapshot(b)];
          expectNumpyError(() => (unary ? fn(a) : fn(a, b)), c.error, `${op}(${c.dtype})`, { code: 'ERR_NUMNODE_DTYPE' });
          expect([snapshot(a), snapshot(b)], 'inputs unchanged').toEqual(before);
          return;
        }
        const rule = ruleFor(op, c.result_dtype === 'bool' ? 'bool' : c.result_dtype!);
        const rd = c.result_dtype!;
        // Every layout (pairs of layouts for binary ufuncs).
        for (const [la, lb] of unary ? LAYOUTS.map((l) => [l, l] as const) : PAIRS) {
          const a = mk(inp.a, la);
          const b = mk(inp.b, lb);
          const before = [snapshot(a), snapshot(b)];
          const r = unary ? fn(a) : fn(a, b);
          expect(r.dtype, 'result dtype').toBe(rd);
          expect([...r.shape]).toEqual(fx.shape);
          expectClose(flat(r), c.r!, rd, rule, `${op} ${c.dtype} layouts ${la}/${lb}`);
          expect([snapshot(a), snapshot(b)], 'inputs unchanged').toEqual(before);
        }
        // Zero strides: the (last) operand broadcast from shape (3, 1).
        const rb = unary ? fn(layoutBroadcast(fx, inp.bb, c.dtype)) : fn(mk(inp.a, 'F'), layoutBroadcast(fx, inp.bb, c.dtype));
        expectClose(flat(rb), c.rb!, rd, rule, `${op} ${c.dtype} broadcast operand`);
        // 0-d: the first element alone.
        const a0 = mk(inp.a, 'C').slice(0, 0, 0);
        const b0 = mk(inp.b, 'C').slice(0, 0, 0);
        const r0 = unary ? fn(a0) : fn(a0, b0);
        expect(r0.ndim, '0-d result').toBe(0);
        expect(r0.dtype).toBe(rd);
        expectClose(flat(r0), [c.r![0]!], rd, rule, `${op} ${c.dtype} 0-d`);
        // Empty: shape (0, 3) (and broadcast against (1, 3)).
        const e = np.zeros([0, 3], { dtype: c.dtype });
        const re = unary ? fn(e) : fn(e, mk(inp.b, 'C').slice(0, '0:1', '0:3'));
        expect([...re.shape], 'empty result shape').toEqual([0, 3]);
        expect(re.dtype).toBe(rd);
      });
    });
  }
}

/** The bb values broadcast from (3, 1) to the fixture shape (a read-only view with zero strides). */
function layoutBroadcast(fx: EwFixture, bb: readonly Enc[], dtype: DType): NDArray {
  return np.broadcastTo(layoutArray(bb, dtype, 'C', fx.bshape), fx.shape);
}

/** Binary ufuncs over pairs of different dtypes (the loop casts one or both inputs). */
export function mixedSuite(fx: EwFixture): void {
  it.each(fx.mixed.map((c) => [`${c.op}(${c.a}, ${c.b})`, c] as const))('%s', (title, c) => {
    const fn = fnOf(c.op);
    const set = c.op === 'power' ? 'power' : c.op === 'leftShift' || c.op === 'rightShift' ? 'shift' : 'base';
    const a = layoutArray(fx.inputs[set][c.a].a, c.a, 'F', fx.shape);
    const b = layoutArray(fx.inputs[set][c.b].b, c.b, 'reversed', fx.shape);
    if (c.error) {
      expectNumpyError(() => fn(a, b), c.error, title, { code: 'ERR_NUMNODE_DTYPE' });
      return;
    }
    const r = fn(a, b);
    expect(r.dtype).toBe(c.result_dtype);
    expectClose(flat(r), c.r!, c.result_dtype!, ruleFor(c.op, c.result_dtype!), title);
  });
}

/** Weak scalars (JS numbers and bigints) with arrays of every dtype, on either side. */
export function scalarsSuite(fx: EwFixture): void {
  it.each(fx.scalars.map((c) => {
    const s = weakValue(c.s);
    const label = typeof s === 'bigint' ? `${s}n` : String(s);
    return [`${c.op} ${c.dtype} ${c.side === 1 ? `a, ${label}` : `${label}, a`}`, c] as const;
  }))('%s', (title, c) => {
    const fn = fnOf(c.op);
    const set = c.op === 'power' ? 'power' : c.op === 'leftShift' || c.op === 'rightShift' ? 'shift' : 'base';
    const arr = layoutArray(fx.inputs[set][c.dtype].a.slice(0, fx.nscalar), c.dtype, 'C', [fx.nscalar]);
    const s = weakValue(c.s);
    const run = () => (c.side === 1 ? fn(arr, s) : fn(s, arr));
    const before = snapshot(arr);
    if (c.error) {
      expectNumpyError(run, c.error, title);
      expect(snapshot(arr), 'input unchanged').toBe(before);
      return;
    }
    const r = run();
    expect(r.dtype, 'result dtype').toBe(c.result_dtype);
    expectClose(flat(r), c.r!, c.result_dtype!, ruleFor(c.op, c.result_dtype!), title);
  });
}
