// The selection/sorting/statistics conformance suites, written once and registered
// per backend by the test files (with the committed fixture) and by the live
// differential test (with a freshly generated one). Every expectation comes from
// the fixture, i.e. from NumPy.
import { expect, it } from 'vitest';
import * as np from '../../src/index';
import type { NDArray } from '../../src/index';
import {
  BigCase, CallCase, IndexCase, Out, SelectionFixture, SortCase, arrTitle, buildArr, cmp, decodeArg, expectError,
  expectOut, expectPartitioned, flat, fnv, formulaArray, itemsTitle, lanes, snapshot,
} from './selection';
import { expectValues } from './fixtures';

// ---- indexing corpus -------------------------------------------------------------------------

export function indexSuite(cases: readonly IndexCase[]): void {
  const titles = cases.map((c, i) => `#${i} ${arrTitle(c.arr)}${itemsTitle(c.items)}`);
  it.each(titles.map((t, i) => [t, i] as const))('get %s', (_t, i) => {
    const c = cases[i]!;
    const x = buildArr(c.arr);
    const items = c.items.map(decodeArg) as np.IndexSpec[];
    const before = snapshot(x);
    const g = c.get;
    if ('error' in g) {
      expectError(() => x.index(...items), g.error, 'a[items]');
    } else {
      const r = x.index(...items);
      expect(r.dtype, 'dtype').toBe(g.dtype);
      expect([...r.shape], 'shape').toEqual(g.shape);
      expectValues(flat(r), g.values, g.dtype, 'values');
      if (g.shape.length > 0 && r.size > 0) {
        expect(np.sharesMemory(r, x), g.view ? 'basic indexing gives a view' : 'advanced indexing gives a copy').toBe(g.view);
      }
    }
    expect(snapshot(x), 'input unchanged').toBe(before);
  });
  it.each(titles.map((t, i) => [t, i] as const))('set %s', (_t, i) => {
    const c = cases[i]!;
    const x = buildArr(c.arr);
    const items = c.items.map(decodeArg) as np.IndexSpec[];
    const value = decodeArg(c.set.value);
    if (c.set.error !== undefined) {
      const before = snapshot(x);
      expectError(() => x.indexSet(items, value), c.set.error, 'a[items] = value');
      expect(snapshot(x), 'a failed assignment changes nothing').toBe(before);
    } else {
      x.indexSet(items, value);
      expectValues(flat(x), c.set.values!, x.dtype, 'values after the assignment');
    }
  });
}

// ---- sorting ---------------------------------------------------------------------------------

export function sortSuite(cases: readonly SortCase[]): void {
  const titles = cases.map((c, i) => `#${i} ${arrTitle(c.arr)} axis=${c.axis}`);
  it.each(titles.map((t, i) => [t, i] as const))('%s', (_t, i) => {
    const c = cases[i]!;
    const x = buildArr(c.arr);
    const before = snapshot(x);
    const opts = { axis: c.axis };
    expectOut(np.sort(x, { ...opts, kind: 'stable' }), c.sort, 'sort(stable)');
    expectOut(np.argsort(x, { ...opts, kind: 'stable' }), c.argsort, 'argsort(stable)');
    // The default kind may order equal elements (and -0.0/+0.0) either way: the
    // values must still be NumPy's, and argsort a permutation that sorts.
    expectOut(np.sort(x, opts), c.sort, 'sort(default)', { zeroSign: false });
    const idx = np.argsort(x, opts);
    const src = c.axis === null ? x.ravel() : x;
    const ax = c.axis === null ? 0 : c.axis;
    if (src.ndim > 0) {
      expectOut(np.takeAlongAxis(src, idx, { axis: ax }), c.sort, 'x[argsort(default)]', { zeroSign: false });
      for (const lane of lanes(idx, ax)) {
        expect([...lane].map(Number).sort((p, q) => p - q), 'argsort lane is a permutation').toEqual(lane.map((_, k) => k));
      }
    }
    if (c.axis !== null && x.flags.writeable) {
      const y = x.copy();
      expect(y.sort({ axis: c.axis, kind: 'stable' }), 'a.sort() returns the array').toBe(y);
      expectOut(y, c.sort, 'a.sort() in place');
    }
    expect(snapshot(x), 'input unchanged').toBe(before);
  });
}

/** Long lanes (radix paths, several lanes, strided lanes) from the generator's formula. */
export function bigSuite(cases: readonly BigCase[]): void {
  it.each(cases.map((c, i) => [`#${i} ${c.dtype} (${c.shape.join(',')}) axis=${c.axis}`, i] as const))('%s', (_t, i) => {
    const c = cases[i]!;
    const x = formulaArray(c.dtype, c.shape, c.salt);
    expect(fnv(x), 'the formula reproduces the generator\'s input').toBe(c.input);
    const s = np.sort(x, { axis: c.axis, kind: 'stable' });
    expect(fnv(s), 'sort(stable) bytes').toBe(c.sort);
    expect(fnv(np.argsort(x, { axis: c.axis, kind: 'stable' })), 'argsort(stable) bytes').toBe(c.argsort);
    const sortedLanes = lanes(s, c.axis);
    const d = np.sort(x, { axis: c.axis });
    const dl = lanes(d, c.axis);
    let bad = -1;
    for (let l = 0; l < dl.length && bad < 0; l++) for (let k = 0; k < dl[l]!.length; k++) if (cmp(dl[l]![k], sortedLanes[l]![k]) !== 0) { bad = l; break; }
    expect(bad, 'sort(default) gives the sorted values').toBe(-1);
    expectPartitioned(lanes(np.partition(x, c.kth, { axis: c.axis }), c.axis), sortedLanes, c.kth, 'partition');
    const ip = np.argpartition(x, c.kth, { axis: c.axis });
    expectPartitioned(lanes(np.takeAlongAxis(x, ip, { axis: c.axis }), c.axis), sortedLanes, c.kth, 'argpartition');
    if (c.median !== null) expectOut(np.median(x, { axis: c.axis }), c.median, 'median');
    if (c.percentile !== null) expectOut(np.percentile(x, [5, 50, 95], { axis: c.axis }), c.percentile, 'percentile');
  });
}

// ---- everything else -------------------------------------------------------------------------

type Runner = (args: unknown[], opts: Record<string, unknown>) => unknown;

/** Each recorded fn as numnode spells it. In-place functions return the array they wrote. */
export const CALLS: Record<string, Runner> = {
  lexsort: (a, o) => np.lexsort(a[0] as never, o),
  searchsorted: (a, o) => np.searchsorted(a[0] as never, a[1] as never, o),
  unique: (a, o) => np.unique(a[0] as never, o),
  bincount: (a, o) => np.bincount(a[0] as never, o),
  histogram: (a, o) => np.histogram(a[0] as never, o as never),
  digitize: (a, o) => np.digitize(a[0] as never, a[1] as never, o),
  median: (a, o) => np.median(a[0] as never, o),
  nanmedian: (a, o) => np.nanmedian(a[0] as never, o),
  quantile: (a, o) => np.quantile(a[0] as never, a[1] as never, o),
  percentile: (a, o) => np.percentile(a[0] as never, a[1] as never, o),
  nanquantile: (a, o) => np.nanquantile(a[0] as never, a[1] as never, o),
  nanpercentile: (a, o) => np.nanpercentile(a[0] as never, a[1] as never, o),
  take: (a, o) => np.take(a[0] as never, a[1], o),
  put: (a, o) => { np.put(a[0] as NDArray, a[1], a[2], o); return a[0]; },
  compress: (a, o) => np.compress(a[0] as never, a[1] as never, o),
  extract: (a) => np.extract(a[0] as never, a[1] as never),
  nonzero: (a) => np.nonzero(a[0] as never),
  argwhere: (a) => np.argwhere(a[0] as never),
  flatnonzero: (a) => np.flatnonzero(a[0] as never),
  where: (a) => (np.where as unknown as (c: unknown) => unknown)(a[0]),
  choose: (a, o) => np.choose(a[0] as never, a[1] as never, o),
  takeAlongAxis: (a, o) => np.takeAlongAxis(a[0] as never, a[1] as never, o),
  putAlongAxis: (a, o) => { np.putAlongAxis(a[0] as NDArray, a[1] as never, a[2], o); return a[0]; },
  repeat: (a, o) => np.repeat(a[0] as never, a[1] as never, o),
  tile: (a) => np.tile(a[0] as never, a[1] as never),
  flip: (a, o) => np.flip(a[0] as never, o),
  roll: (a, o) => np.roll(a[0] as never, a[1] as never, o as never),
  pad: (a, o) => np.pad(a[0] as never, a[1] as never, o as never),
};

function callTitle(c: CallCase): string {
  const show = (v: unknown): string => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if ('$arr' in o) return arrTitle(o as never);
      if ('$list' in o) return JSON.stringify(o.$list);
      if ('$kths' in o) return `kth in ${JSON.stringify(o.$kths)}`;
      return JSON.stringify(v);
    }
    if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
    return JSON.stringify(v);
  };
  const opts = Object.keys(c.opts).length ? `, ${show(c.opts)}` : '';
  return `${c.fn}(${c.args.map(show).join(', ')}${opts})`;
}

const MUTATING = new Set(['put', 'putAlongAxis']);
/**
 * Where NumPy leaves unspecified which of -0.0 and +0.0 comes out (an order
 * statistic among equal zeros, the first of equal values in unique), the sign of a
 * zero is not compared.
 */
const ZERO_SIGN_FREE = new Set(['median', 'nanmedian', 'quantile', 'percentile', 'nanquantile', 'nanpercentile', 'unique']);

export function callsSuite(cases: readonly CallCase[]): void {
  const titles = cases.map((c, i) => `#${i} ${callTitle(c)}`);
  it.each(titles.map((t, i) => [t, i] as const))('%s', (_t, i) => {
    const c = cases[i]!;
    if (c.fn === 'partition') { partitionCall(c); return; }
    const run = CALLS[c.fn];
    if (run === undefined) throw new Error(`no numnode call for ${c.fn}`);
    const args = c.args.map(decodeArg);
    const opts = decodeArg(c.opts) as Record<string, unknown>;
    const arrays = args.filter((a): a is NDArray => a instanceof np.NDArray);
    const before = arrays.map(snapshot);
    if (c.error !== undefined) {
      expectError(() => run(args, opts), c.error, c.fn);
      arrays.forEach((a, k) => expect(snapshot(a), `${c.fn}: argument ${k} unchanged after the error`).toBe(before[k]));
      return;
    }
    const r = run(args, opts);
    expectOut(r, c.result as Out, c.fn, { zeroSign: !ZERO_SIGN_FREE.has(c.fn) });
    arrays.forEach((a, k) => {
      if (MUTATING.has(c.fn) && k === 0) return;
      expect(snapshot(a), `${c.fn}: argument ${k} unchanged`).toBe(before[k]);
    });
  });
}

/** partition/argpartition at every kth of the case, checked by their defining property against np.sort. */
function partitionCall(c: CallCase): void {
  const x = decodeArg(c.args[0]) as NDArray;
  const k = c.args[1] as unknown;
  const kths: unknown[] = k !== null && typeof k === 'object' && '$kths' in (k as object) ? (k as { $kths: unknown[] }).$kths : [k];
  const opts = c.opts as { axis?: number | null };
  const before = snapshot(x);
  for (const kth of kths) {
    if (c.error !== undefined) {
      expectError(() => np.partition(x, kth, opts), c.error, `partition(kth=${JSON.stringify(kth)})`);
      expectError(() => np.argpartition(x, kth, opts), c.error, `argpartition(kth=${JSON.stringify(kth)})`);
      continue;
    }
    const want = (c.result as { array: { shape: number[] } }).array;
    const src = opts.axis === null ? x.ravel() : x;
    const axis = opts.axis === null ? 0 : opts.axis ?? -1;
    const ax = axis < 0 ? axis + src.ndim : axis;
    const sorted = np.sort(src, { axis: ax, kind: 'stable' });
    expectOut(sorted, c.result as Out, 'np.sort (the reference)');
    const ks = (Array.isArray(kth) ? kth : [kth]) as number[];
    const p = np.partition(x, kth, opts);
    expect([...p.shape]).toEqual(want.shape);
    expectPartitioned(lanes(p, ax), lanes(sorted, ax), ks, `partition(kth=${JSON.stringify(kth)})`);
    const ip = np.argpartition(x, kth, opts);
    expect(ip.dtype).toBe('int64');
    expectPartitioned(lanes(np.takeAlongAxis(src, ip, { axis: ax }), ax), lanes(sorted, ax), ks, `argpartition(kth=${JSON.stringify(kth)})`);
    if (opts.axis !== null && x.flags.writeable) {
      const y = x.copy();
      expect(y.partition(kth, { axis: ax })).toBe(y);
      expectPartitioned(lanes(y, ax), lanes(sorted, ax), ks, 'a.partition() in place');
    }
  }
  expect(snapshot(x), 'input unchanged').toBe(before);
}

export function selectCalls(fx: SelectionFixture, fns: readonly string[]): CallCase[] {
  return fx.calls.filter((c) => fns.includes(c.fn));
}
