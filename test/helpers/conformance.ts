// The conformance checks against a core fixture, written once and registered per
// backend by the test files (test/core.layouts.test.ts with the committed fixture,
// test/core.live.test.ts with a freshly generated one). Every expectation comes
// from the fixture, i.e. from NumPy.
import { describe, expect, it } from 'vitest';
import * as np from '../../src/index';
import type { DType, NDArray } from '../../src/index';
import {
  CoreFixture, CreationCase, LayoutCase, PairCase, ViewCase, decodeInput, expectNumpyError, expectValues,
  flat, snapshot, thrown,
} from './fixtures';
import { applySteps, buildLayout, itemsLabel, offsetFrom, toItem } from './layouts';

const TYPED_ARRAY_CLASS: Record<DType, string> = {
  bool: 'Uint8Array', int8: 'Int8Array', uint8: 'Uint8Array', int16: 'Int16Array', uint16: 'Uint16Array',
  int32: 'Int32Array', uint32: 'Uint32Array', int64: 'BigInt64Array', uint64: 'BigUint64Array',
  float32: 'Float32Array', float64: 'Float64Array',
};

/** The nesting toArray() must have: arrays of the shape's lengths down to scalars. */
function expectNesting(x: unknown, shape: readonly number[], what: string): void {
  if (shape.length === 0) {
    expect(Array.isArray(x), `${what}: a 0-d array gives a scalar`).toBe(false);
    return;
  }
  expect(Array.isArray(x), `${what}: nested array`).toBe(true);
  const arr = x as unknown[];
  expect(arr.length, what).toBe(shape[0]);
  for (const e of arr) expectNesting(e, shape.slice(1), what);
}

/** Runs a recorded view operation on `a`. */
function runViewOp(a: NDArray, v: ViewCase): NDArray {
  const args = v.args as never[];
  switch (v.op) {
    case 'transpose': return args.length === 0 ? a.transpose() : a.transpose(args[0] as number[]);
    case 'swapaxes': return a.swapaxes(args[0] as number, args[1] as number);
    case 'moveaxis': return np.moveaxis(a, args[0] as number | number[], args[1] as number | number[]);
    case 'squeeze': return args.length === 0 ? a.squeeze() : a.squeeze(args[0] as number);
    case 'expand_dims': return np.expandDims(a, args[0] as number | number[]);
    case 'broadcast_to': return np.broadcastTo(a, args[0] as number[]);
    case 'view': return a.view(args[0] as DType);
    default: throw new Error(`unknown view op ${v.op as string}`);
  }
}

type AssignOp = keyof LayoutCase['assign'];

/** The writes of the generator's run_assign, in numnode. */
function runAssign(a: NDArray, op: AssignOp): void {
  switch (op) {
    case 'reversed': a.assign(a.ndim ? a.slice('...', '::-1') : a); break;
    case 'shifted': if (a.ndim) a.slice('1:').assign(a.slice(':-1')); else a.assign(a); break;
    case 'row': {
      const n = a.ndim ? a.shape[a.ndim - 1]! : 1;
      a.assign(np.array(Array.from({ length: n }, (_, i) => BigInt((i % 50) + 1)), { dtype: 'int64' }));
      break;
    }
    case 'scalar': a.assign(3); break;
    default: throw new Error(`unknown assign op ${op as string}`);
  }
}

const ITEMSIZES: Record<DType, number> = {
  bool: 1, int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8, float32: 4, float64: 8,
};

/** Whether NumPy's view (shape/strides/offset from an aligned owner) is unaligned for `dtype`. */
function misaligned(v: ViewCase, dtype: DType): boolean {
  const size = ITEMSIZES[dtype];
  return v.offset! % size !== 0 || v.strides!.some((s, i) => v.shape![i]! > 1 && s % size !== 0);
}

function caseTitle(c: LayoutCase): string {
  return `${c.layout} ${c.dtype} (${c.shape.join(',')})`;
}

/** Registers the per-layout tests: every dtype x layout x operation of the fixture. */
export function layoutSuite(fx: CoreFixture): void {
  for (const c of fx.cases) {
    describe(caseTitle(c), () => {
      const build = () => buildLayout(fx, c.layout, c.dtype);

      it('geometry: shape, strides, offset, flags', () => {
        const { a, root } = build();
        expect(a.dtype).toBe(c.dtype);
        expect([...a.shape], 'shape').toEqual(c.shape);
        expect([...a.strides], 'strides').toEqual(c.strides);
        expect(offsetFrom(a, root), 'offset from the owner').toBe(c.offset);
        expect(a.ndim).toBe(c.shape.length);
        expect(a.size).toBe(c.values.length);
        expect(a.nbytes).toBe(c.values.length * a.itemsize);
        const f = a.flags;
        expect({ c: f.cContiguous, f: f.fContiguous, writeable: f.writeable, owndata: f.ownData }, 'flags').toEqual(c.flags);
        expect(a.base === null, 'base is null exactly for owners').toBe(c.flags.owndata);
      });

      it('values: toArray, toTypedArray, get, item', () => {
        const { a } = build();
        expectValues(flat(a), c.values, c.dtype, 'toArray');
        expectNesting(a.toArray(), c.shape, 'toArray nesting');
        const ta = a.toTypedArray();
        expect(ta.constructor.name).toBe(TYPED_ARRAY_CLASS[c.dtype]);
        expect(ta.length).toBe(c.values.length);
        const taValues = Array.from(ta as ArrayLike<number | bigint>, (v) => (c.dtype === 'bool' ? v !== 0 : v));
        expectValues(taValues, c.values, c.dtype, 'toTypedArray');
        if (c.dtype === 'bool') expect(Array.from(ta as Uint8Array).every((v) => v === 0 || v === 1)).toBe(true);
        if (a.size > 0) {
          // first and last elements by positive and by negative indices, and item()
          const first = c.shape.map(() => 0);
          const lastNeg = c.shape.map(() => -1);
          expectValues([a.get(...first), a.get(...lastNeg), a.item(0), a.item(a.size - 1)],
            [c.values[0]!, c.values[c.values.length - 1]!, c.values[0]!, c.values[c.values.length - 1]!], c.dtype, 'get/item');
          if (a.size === 1) expectValues([a.item()], [c.values[0]!], c.dtype, 'item()');
        }
      });

      it('copy(C|F|K)', () => {
        const { a } = build();
        const before = snapshot(a);
        for (const order of ['C', 'F', 'A', 'K'] as const) {
          const r = a.copy(order);
          const want = c.copy[order];
          expect([...r.strides], `copy('${order}') strides`).toEqual(want.strides);
          expect([r.flags.cContiguous, r.flags.fContiguous], `copy('${order}') contiguity`).toEqual([want.c, want.f]);
          expect(r.flags.ownData && r.flags.writeable, `copy('${order}') owns writeable memory`).toBe(true);
          expect(np.sharesMemory(r, a), `copy('${order}') shares no memory`).toBe(false);
          expectValues(flat(r), c.values, c.dtype, `copy('${order}') values`);
        }
        for (const fn of ['ascontiguousarray', 'asfortranarray'] as const) {
          const want = c.copy[fn];
          const r = np[fn](a);
          expect([...r.shape], `${fn} shape`).toEqual(want.shape);
          expect([...r.strides], `${fn} strides`).toEqual(want.strides);
          if (want.view !== null) expect(np.sharesMemory(r, a), `${fn} is a view`).toBe(want.view);
          expectValues(flat(r), want.values, c.dtype, `${fn} values`);
        }
        expect(snapshot(a), 'input unchanged').toBe(before);
      });

      it('ravel(C|F|A|K) and flatten(C|F|A|K)', () => {
        const { a } = build();
        for (const order of ['C', 'F', 'A', 'K'] as const) {
          const r = a.ravel(order);
          const want = c.ravel[order];
          expect([...r.shape], `ravel('${order}') shape`).toEqual([c.values.length]);
          expect([...r.strides], `ravel('${order}') strides`).toEqual(want.strides);
          if (want.view !== null) expect(np.sharesMemory(r, a), `ravel('${order}') is a view`).toBe(want.view);
          expectValues(flat(r), want.values, c.dtype, `ravel('${order}') values`);
          const fl = a.flatten(order);
          expect(fl.ndim).toBe(1);
          if (a.size > 0) expect(np.sharesMemory(fl, a), `flatten('${order}') copies`).toBe(false);
          expectValues(flat(fl), c.flatten[order], c.dtype, `flatten('${order}') values`);
        }
      });

      it('reshape (views when NumPy gives views, errors as NumPy)', () => {
        const { a } = build();
        const before = snapshot(a);
        for (const r of c.reshape) {
          const what = `reshape([${r.shape.join(', ')}], {order: '${r.order}'})`;
          const run = () => a.reshape(r.shape, { order: r.order });
          if (r.error) {
            expectNumpyError(run, r.error, what);
            continue;
          }
          const out = run();
          expect([...out.shape], `${what} shape`).toEqual(r.result_shape);
          expect([...out.strides], `${what} strides`).toEqual(r.strides);
          if (r.view !== null && r.view !== undefined) expect(np.sharesMemory(out, a), `${what} is a view`).toBe(r.view);
          expectValues(flat(out), r.values ?? c.values, c.dtype, `${what} values`);
          // the free function agrees with the method
          const viaFn = np.reshape(a, r.shape, { order: r.order });
          expect([...viaFn.strides], `np.reshape ${what}`).toEqual(r.strides);
        }
        expect(snapshot(a), 'input unchanged').toBe(before);
      });

      it('transpose, swapaxes, moveaxis, squeeze, expandDims, broadcastTo', () => {
        const { a, root } = build();
        const before = snapshot(a);
        for (const v of c.views) {
          const what = `${v.op}(${v.args.map((x) => JSON.stringify(x)).join(', ')})`;
          if (v.error) {
            expectNumpyError(() => runViewOp(a, v), v.error, what);
            continue;
          }
          if (v.op === 'view' && misaligned(v, v.args[0] as DType)) {
            // numnode's documented restriction: its arrays stay aligned to their itemsize
            // (NumPy allows unaligned views); refused with a coded error instead.
            const e = thrown(() => runViewOp(a, v), what);
            expect(e.code, e.message).toBe('ERR_NUMNODE_DTYPE');
            expect(e.message).toMatch(/^numnode requires arrays aligned to their itemsize/);
            continue;
          }
          const out = runViewOp(a, v);
          expect([...out.shape], `${what} shape`).toEqual(v.shape);
          expect([...out.strides], `${what} strides`).toEqual(v.strides);
          expect(offsetFrom(out, root), `${what} offset`).toBe(v.offset);
          expect(out.flags.writeable, `${what} writeable`).toBe(v.writeable);
          if (a.size > 0) expect(np.sharesMemory(out, a), `${what} is a view`).toBe(true);
          if (v.values) expectValues(flat(out), v.values, out.dtype, `${what} values`);
        }
        expect(snapshot(a), 'input unchanged').toBe(before);
      });

      it('astype to every dtype', () => {
        const { a } = build();
        const before = snapshot(a);
        for (const to of fx.dtypes) {
          const want = c.astype[to];
          const r = a.astype(to);
          expect(r.dtype).toBe(to);
          expect([...r.strides], `astype('${to}') strides`).toEqual(want.strides);
          expectValues(flat(r), want.values, to, `astype('${to}') values`);
        }
        expect(snapshot(a), 'input unchanged').toBe(before);
      });

      it('assign through the view: overlapping self-assignment, broadcast row with a cast, scalar', () => {
        for (const op of Object.keys(c.assign) as AssignOp[]) {
          const want = c.assign[op];
          const { a, root } = build(); // a fresh base every time
          const what = `assign '${op}'`;
          if (want.error) {
            const before = snapshot(root);
            expectNumpyError(() => runAssign(a, op), want.error, what, { code: 'ERR_NUMNODE_READONLY' });
            expect(snapshot(root), `${what}: nothing written`).toBe(before);
            continue;
          }
          runAssign(a, op);
          expectValues(flat(root), want.root!, c.dtype, `${what}: the whole owner afterwards`);
        }
      });

      it('basic slicing', () => {
        const { a, root } = build();
        const before = snapshot(a);
        for (const s of c.slicing) {
          const what = `a${itemsLabel(s.items)}`;
          const run = () => a.slice(...s.items.map(toItem));
          if (s.error) {
            expectNumpyError(run, s.error, what);
            continue;
          }
          const out = run();
          expect([...out.shape], `${what} shape`).toEqual(s.shape);
          expect([...out.strides], `${what} strides`).toEqual(s.strides);
          if (out.size > 0) expect(offsetFrom(out, root), `${what} offset`).toBe(s.offset);
          expect(out.flags.writeable, `${what} writeable`).toBe(c.flags.writeable);
          expectValues(flat(out), s.values!, c.dtype, `${what} values`);
        }
        expect(snapshot(a), 'input unchanged').toBe(before);
      });
    });
  }
}

/** Registers np.sharesMemory / np.mayShareMemory against NumPy for every recorded pair. */
export function pairsSuite(fx: CoreFixture): void {
  const base = () => np.arange(fx.pair_base, { dtype: 'float64' });
  const byName = new Map<string, PairCase>(fx.pairs.map((p) => [p.name, p]));
  it.each([...byName.keys()])('sharesMemory / mayShareMemory: %s', (name) => {
    const p = byName.get(name)!;
    const b0 = base();
    const { a } = applySteps(b0, p.a);
    const { a: b } = applySteps(b0, p.b);
    expect(np.sharesMemory(a, b), 'sharesMemory(a, b)').toBe(p.shares);
    expect(np.sharesMemory(b, a), 'sharesMemory(b, a)').toBe(p.shares);
    expect(np.mayShareMemory(a, b), 'mayShareMemory(a, b)').toBe(p.may);
    expect(np.mayShareMemory(b, a), 'mayShareMemory(b, a)').toBe(p.may);
  });
}

function runCreation(c: CreationCase): NDArray {
  const args = decodeInput(c.args) as unknown[];
  const opts = c.opts as never;
  const any = np as unknown as Record<string, (...xs: unknown[]) => NDArray>;
  switch (c.fn) {
    case 'arange': return np.arange(...(args as number[]), opts);
    case 'linspace': return np.linspace(args[0] as number, args[1] as number, args[2] as number, opts);
    case 'eye': return np.eye(args[0] as number, (args[1] ?? null) as number | null, (args[2] ?? 0) as number, opts);
    case 'identity': return np.identity(args[0] as number, opts);
    case 'full': return np.full(args[0] as number[], args[1] as number, opts);
    case 'zeros': case 'ones': return any[c.fn]!(args[0], opts);
    case 'array': return np.array(args[0] as never, opts);
    case 'concatenate': return np.concatenate(args[0] as NDArray[], opts);
    case 'stack': return np.stack(args[0] as NDArray[], opts);
    default: throw new Error(`unknown creation function ${c.fn}`);
  }
}

export function creationTitle(c: CreationCase): string {
  const show = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.$big === 'string') return `${o.$big}n`;
      if (o.$array !== undefined) {
        const s = o.$array as { dtype: string; shape: number[] };
        return `<${s.dtype} (${s.shape.join(',')})>`;
      }
    }
    return JSON.stringify(v);
  };
  const opts = Object.keys(c.opts).length ? `, ${JSON.stringify(c.opts)}` : '';
  return `${c.fn}(${c.args.map(show).join(', ')}${opts})`;
}

/** Registers every recorded creation call (arange, linspace, eye, full, array, concatenate, stack, ...). */
export function creationSuite(fx: CoreFixture): void {
  const titles = fx.creation.map((c, i) => `#${i} ${creationTitle(c)}`);
  it.each(titles.map((t, i) => [t, i] as const))('%s', (_t, i) => {
    const c = fx.creation[i]!;
    const title = creationTitle(c);
    if (c.error) {
      expectNumpyError(() => runCreation(c), c.error, title);
      return;
    }
    const want = c.result!;
    if ((want.dtype as string) === 'object') {
      // NumPy falls back to its object dtype (e.g. for an integer beyond uint64); numnode has none.
      expectNumpyError(() => runCreation(c), { type: 'OverflowError', msg: '' }, title, {
        code: 'ERR_NUMNODE_DTYPE', msg: /out of bounds/,
      });
      return;
    }
    const r = runCreation(c);
    expect(r.dtype, 'dtype').toBe(want.dtype);
    expect([...r.shape], 'shape').toEqual(want.shape);
    expect([...r.strides], 'strides').toEqual(want.strides);
    expectValues(flat(r), want.values, want.dtype, 'values');
  });
}
