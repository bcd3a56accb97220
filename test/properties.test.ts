// Property tests with fast-check (issue 9, item 2), on both backends:
//  - view algebra: any composition of slice / transpose / reshape / broadcastTo /
//    expandDims / squeeze / flip reaches the same base elements as a brute-force model
//    that maps every index tuple by hand (and, for views, through the byte strides);
//  - `out` overlap: np.add/subtract/multiply/maximum into an `out` that overlaps an input
//    (shifted, reversed, transposed) equals computing into a fresh array and copying;
//  - promotion closure: resultType commutative, associative where NumPy's table is,
//    canCast consistent with resultType, all equal to NumPy's tables (from the
//    differential fixture);
//  - einsum against a brute-force sum over all index values (random valid subscripts,
//    1-3 operands, repeated and implicit indices, integer data: exact);
//  - .npy round trips of random arrays of every dtype, shape and layout (C, Fortran,
//    strided), in every format version.
// Seeded: NUMNODE_PROP_SEED=<n> replays a run; fast-check prints the seed and the path
// of a failing (shrunk) case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { DType, NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { loadDiffFixture } from './helpers/differential';

const SEED = process.env.NUMNODE_PROP_SEED !== undefined && process.env.NUMNODE_PROP_SEED !== ''
  ? Number(process.env.NUMNODE_PROP_SEED) : 20261128;
const params = (numRuns: number) => ({ seed: SEED, numRuns });

const DTYPES: DType[] = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64'];
const prod = (s: readonly number[]) => s.reduce((p, d) => p * d, 1);

/** Every index tuple of `shape` in C order. */
function tuples(shape: readonly number[]): number[][] {
  const out: number[][] = [];
  const n = prod(shape);
  for (let k = 0; k < n; k++) {
    const t = new Array<number>(shape.length);
    let r = k;
    for (let ax = shape.length - 1; ax >= 0; ax--) { t[ax] = r % shape[ax]!; r = Math.floor(r / shape[ax]!); }
    out.push(t);
  }
  return out;
}

// ---- view algebra ------------------------------------------------------------------------

/** The brute-force model: a shape and, in C order, the base element each position shows. */
interface Model { shape: number[]; ids: number[] }

const flatPos = (t: readonly number[], shape: readonly number[]) => t.reduce((p, v, i) => p * shape[i]! + v, 0);

type ViewOp = { kind: 'slice' | 'transpose' | 'reshape' | 'broadcast' | 'expand' | 'squeeze' | 'flip'; r: number[] };

/** Applies one op to both the array and the model; the op's arguments come from the random numbers r. */
function step(a: NDArray, m: Model, op: ViewOp): [NDArray, Model, string] {
  const nd = m.shape.length;
  const r = (i: number) => op.r[i % op.r.length]!;
  switch (op.kind) {
    case 'slice': {
      if (nd === 0) return [a, m, ''];
      const specs = m.shape.map((d, ax) => {
        const step0 = [1, 2, 3, -1, -2][r(ax) % 5]!;
        const start = d === 0 ? 0 : r(ax + 1) % d;
        const count = d === 0 ? 0 : r(ax + 2) % (step0 > 0 ? Math.ceil((d - start) / step0) + 1 : Math.floor(start / -step0) + 2);
        return { start, step: step0, count };
      });
      const items = specs.map((s) => {
        const stop = s.start + s.count * s.step;
        return np.s(s.start, stop < 0 ? null : stop, s.step);
      });
      const b = a.slice(...items);
      const shape = specs.map((s) => s.count);
      const ids = tuples(shape).map((t) => m.ids[flatPos(t.map((v, ax) => specs[ax]!.start + v * specs[ax]!.step), m.shape)]!);
      return [b, { shape, ids }, `.slice(${items.map((s) => `np.s(${s.start}, ${s.stop}, ${s.step})`).join(', ')})`];
    }
    case 'transpose': {
      const perm = [...Array(nd).keys()];
      for (let i = nd - 1; i > 0; i--) { const j = r(i) % (i + 1); [perm[i], perm[j]] = [perm[j]!, perm[i]!]; }
      const shape = perm.map((p) => m.shape[p]!);
      const ids = tuples(shape).map((t) => {
        const src = new Array<number>(nd);
        perm.forEach((p, i) => { src[p] = t[i]!; });
        return m.ids[flatPos(src, m.shape)]!;
      });
      return [a.transpose(perm), { shape, ids }, `.transpose(${JSON.stringify(perm)})`];
    }
    case 'reshape': {
      // a random factorisation of the size (C order: the ids keep their order)
      const n = prod(m.shape);
      const shape: number[] = [];
      let rest = n;
      for (let i = 0; i < r(0) % 4; i++) {
        const f = [1, 2, 3][r(i + 1) % 3]!;
        if (rest % f === 0 && rest > 0) { shape.push(f); rest /= f; }
      }
      shape.push(rest);
      if (r(5) % 2 === 1) shape.reverse();
      return [a.reshape(shape), { shape, ids: m.ids }, `.reshape(${JSON.stringify(shape)})`];
    }
    case 'broadcast': {
      // prepend up to two axes and stretch the length-1 ones
      const lead = Array.from({ length: r(0) % 3 }, (_, i) => r(i + 1) % 3);
      const shape = [...lead, ...m.shape.map((d, i) => (d === 1 ? r(i + 3) % 3 : d))];
      const ids = tuples(shape).map((t) => m.ids[flatPos(t.slice(lead.length).map((v, i) => (m.shape[i] === 1 ? 0 : v)), m.shape)]!);
      return [np.broadcastTo(a, shape), { shape, ids }, `np.broadcastTo(<>, ${JSON.stringify(shape)})`];
    }
    case 'expand': {
      const axis = r(0) % (nd + 1);
      const shape = [...m.shape.slice(0, axis), 1, ...m.shape.slice(axis)];
      return [np.expandDims(a, axis), { shape, ids: m.ids }, `np.expandDims(<>, ${axis})`];
    }
    case 'squeeze': {
      const ones = m.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0);
      if (ones.length === 0) return [a, m, ''];
      if (r(0) % 2 === 0) return [np.squeeze(a), { shape: m.shape.filter((d) => d !== 1), ids: m.ids }, '.squeeze()'];
      const axis = ones[r(1) % ones.length]!;
      return [np.squeeze(a, axis), { shape: m.shape.filter((_, i) => i !== axis), ids: m.ids }, `.squeeze(${axis})`];
    }
    case 'flip': {
      if (nd === 0) return [a, m, ''];
      const axis = r(0) % nd;
      const ids = tuples(m.shape).map((t) => m.ids[flatPos(t.map((v, i) => (i === axis ? m.shape[i]! - 1 - v : v)), m.shape)]!);
      return [np.flip(a, { axis }), { shape: m.shape, ids }, `np.flip(<>, {axis: ${axis}})`];
    }
  }
}

const viewOp: fc.Arbitrary<ViewOp> = fc.record({
  kind: fc.constantFrom('slice', 'transpose', 'reshape', 'broadcast', 'expand', 'squeeze', 'flip'),
  r: fc.array(fc.nat(1000), { minLength: 6, maxLength: 6 }),
});
const baseShape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }).filter((s) => prod(s) <= 64);

function checkViewChain(shape: number[], ops: ViewOp[]): void {
  const n = prod(shape);
  const base = np.arange(n, { dtype: 'int32' }).reshape(shape);
  let a: NDArray = base;
  let m: Model = { shape: [...shape], ids: Array.from({ length: n }, (_, i) => i) };
  let trail = `np.arange(${n}, {dtype: 'int32'}).reshape(${JSON.stringify(shape)})`;
  for (const op of ops) {
    if (prod(m.shape) > 4096) break; // broadcasts can grow the view; keep the brute force small
    let t: string;
    [a, m, t] = step(a, m, op);
    trail += t;
    expect(a.shape, trail).toEqual(m.shape);
  }
  // values, in C order, through toTypedArray and through get(...)
  expect(Array.from(a.toTypedArray() as Int32Array), trail).toEqual(m.ids);
  const ts = tuples(m.shape);
  const some = ts.filter((_, i) => i % Math.max(1, Math.floor(ts.length / 16)) === 0);
  for (const t of some) expect(a.get(...t), `${trail}.get(${t})`).toBe(m.ids[flatPos(t, m.shape)]);
  // a view of the base (not a copy, which may sit in the same slab buffer): the byte strides reach the same elements
  if (m.ids.length > 0 && np.sharesMemory(a, base)) {
    for (const t of some) {
      const byte = a.byteOffset + t.reduce((p, v, i) => p + v * a.strides[i]!, 0);
      expect((byte - base.byteOffset) / 4, `${trail}: strides at (${t})`).toBe(m.ids[flatPos(t, m.shape)]);
    }
  }
}

describeBackends('property: view algebra', () => {
  it('any composition of views indexes the brute-force elements', () => {
    fc.assert(fc.property(baseShape, fc.array(viewOp, { maxLength: 6 }), (shape, ops) => { checkViewChain(shape, ops); }), params(4000));
  });
});

// ---- out overlap -------------------------------------------------------------------------

/** A view of z (shape [R, C]) of shape `shape` (1-d or 2-d), from random numbers: steps, starts, maybe transposed. */
function viewOf(z: NDArray, shape: number[], r: number[]): NDArray | null {
  const [R, C] = z.shape as [number, number];
  const t = shape.length === 2 && r[0]! % 2 === 1;
  const want = t ? [shape[1]!, shape[0]!] : shape;
  const pick = (len: number, n: number, k: number) => {
    if (n === 0) return np.s(0, 0, 1);
    const st = [1, 2, -1, -2, 1][r[k]! % 5]!;
    const span = n === 0 ? 0 : (n - 1) * Math.abs(st) + 1;
    if (span > len) return null;
    const lo = r[k + 1]! % (len - span + 1);
    const start = st > 0 ? lo : lo + span - 1;
    const stop = start + n * st;
    return np.s(start, stop < 0 ? null : stop, st);
  };
  if (want.length === 1) {
    // a 1-d view runs along one row (or the flat buffer)
    const flatZ = z.reshape([R * C]);
    const s = pick(R * C, want[0]!, 1);
    return s === null ? null : flatZ.slice(s);
  }
  const s0 = pick(R, want[0]!, 1);
  const s1 = pick(C, want[1]!, 3);
  if (s0 === null || s1 === null) return null;
  const v = z.slice(s0, s1);
  return t ? v.T : v;
}

describeBackends('property: out overlapping an input', () => {
  it('equals computing into a fresh array, then copying', () => {
    const arb = fc.record({
      op: fc.constantFrom('add', 'subtract', 'multiply', 'maximum', 'negative', 'square'),
      dtype: fc.constantFrom<DType>('float64', 'int32', 'int8', 'uint16', 'float32'),
      // out in the inputs' dtype (written in place) or in a wider one (through a temporary)
      outDtype: fc.constantFrom<DType | null>(null, null, 'float64', 'int64'),
      shape: fc.oneof(fc.tuple(fc.integer({ min: 0, max: 12 })).map((t) => [...t]), fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map((t) => [...t])),
      ra: fc.array(fc.nat(100), { minLength: 5, maxLength: 5 }),
      rb: fc.array(fc.nat(100), { minLength: 5, maxLength: 5 }),
      ro: fc.array(fc.nat(100), { minLength: 5, maxLength: 5 }),
      bFresh: fc.boolean(),
    });
    let tried = 0;
    fc.assert(fc.property(arb, ({ op, dtype, outDtype, shape, ra, rb, ro, bFresh }) => {
      const unary = op === 'negative' || op === 'square';
      const make = (d: DType) => np.arange(48, { dtype: 'int32' }).astype(d).reshape([6, 8]);
      // the inputs are views of z; out is a view of z too, or of zo (a wider dtype) when outDtype is set
      const z = make(dtype);
      const zo = outDtype === null ? z : make(outDtype);
      const a = viewOf(z, shape, ra);
      const b = bFresh ? np.arange(prod(shape), { dtype: 'int32' }).astype(dtype).reshape(shape) : viewOf(z, shape, rb);
      const out = viewOf(zo, shape, ro);
      if (a === null || b === null || out === null) return;
      const f = (np as unknown as Record<string, (...x: unknown[]) => NDArray>)[op]!;
      // expected: inputs copied first, the result cast and written into a copy of z through the same view
      const fresh = unary ? f(a.copy()) : f(a.copy(), b.copy());
      if (outDtype !== null && !np.canCast(fresh.dtype, outDtype, 'same_kind')) return; // NumPy refuses that out
      tried++;
      const z2 = make(dtype);
      const zo2 = outDtype === null ? z2 : make(outDtype);
      viewOf(zo2, shape, ro)!.assign(fresh);
      const res = unary ? f(a, { out }) : f(a, b, { out });
      expect(res).toBe(out);
      const what = `np.${op} ${dtype} -> ${outDtype ?? dtype} ${JSON.stringify(shape)} a ${ra} b ${bFresh ? 'fresh' : rb} out ${ro}`;
      expect(Array.from(z.toTypedArray() as ArrayLike<number>), what).toEqual(Array.from(z2.toTypedArray() as ArrayLike<number>));
      expect(Array.from(zo.toTypedArray() as ArrayLike<number>), what).toEqual(Array.from(zo2.toTypedArray() as ArrayLike<number>));
    }), params(5000));
    expect(tried).toBeGreaterThan(1500);
  });
});

// ---- promotion closure ---------------------------------------------------------------------

describe('property: promotion closure', () => {
  const table = loadDiffFixture().promotion!;
  const dt = fc.constantFrom(...DTYPES);
  const CASTINGS = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'] as const;
  it('promoteTypes and resultType equal NumPy\'s table', () => {
    for (const a of DTYPES) for (const b of DTYPES) {
      expect(np.promoteTypes(a, b), `${a},${b}`).toBe(table.promote[`${a},${b}`]);
      expect(np.resultType(a, b), `${a},${b}`).toBe(table.promote[`${a},${b}`]);
      CASTINGS.forEach((c, i) => expect(np.canCast(a, b, c), `canCast(${a}, ${b}, ${c})`).toBe(table.can_cast[`${a},${b}`]![i] === '1'));
    }
    for (const d of DTYPES) {
      const arr = np.zeros([1], { dtype: d });
      expect([np.resultType(arr, 1), np.resultType(arr, 0.5), np.resultType(arr, true)], d).toEqual(table.weak[d]);
    }
  });
  it('resultType is commutative, and associative wherever NumPy\'s promotion is', () => {
    const npPromote = (a: string, b: string) => table.promote[`${a},${b}`]!;
    fc.assert(fc.property(dt, dt, dt, (a, b, c) => {
      expect(np.resultType(a, b)).toBe(np.resultType(b, a));
      const left = np.resultType(np.resultType(a, b), c);
      const right = np.resultType(a, np.resultType(b, c));
      const npAssoc = npPromote(npPromote(a, b), c) === npPromote(a, npPromote(b, c));
      if (npAssoc) expect(left, `(${a},${b}),${c} vs ${a},(${b},${c})`).toBe(right);
      // the n-ary form equals NumPy's (it reduces pairwise from the left for these dtypes)
      expect(np.resultType(a, b, c)).toBe(npPromote(npPromote(a, b), c));
    }), params(1000));
  });
  it('canCast is consistent with resultType', () => {
    fc.assert(fc.property(dt, dt, (a, b) => {
      const r = np.resultType(a, b);
      expect(np.canCast(a, r), `${a} -> resultType(${a}, ${b}) = ${r}`).toBe(true);
      expect(np.canCast(b, r)).toBe(true);
      expect(np.canCast(a, b), `canCast(${a}, ${b}) vs resultType ${r}`).toBe(r === b);
      // every casting level admits what the stricter one does
      const levels = CASTINGS.map((c) => np.canCast(a, b, c));
      for (let i = 1; i < levels.length; i++) if (levels[i - 1]) expect(levels[i]).toBe(true);
    }), params(500));
  });
});

// ---- einsum against brute force ------------------------------------------------------------

const LETTERS = 'abcd';

interface EinsumCase { terms: string[]; out: string | null; sizes: Record<string, number>; dtype: DType; seed: number; transpose: string[] }

const einsumCase: fc.Arbitrary<EinsumCase> = fc.record({
  nops: fc.integer({ min: 1, max: 3 }),
  termLetters: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), { minLength: 3, maxLength: 3 }),
  outPick: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  outOrder: fc.array(fc.nat(100), { minLength: 4, maxLength: 4 }),
  implicit: fc.boolean(),
  sizes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  dtype: fc.constantFrom<DType>('int32', 'int64', 'float64', 'int16'),
  seed: fc.nat(),
  transpose: fc.array(fc.constantFrom('C', 'F', 'strided', 'reversed'), { minLength: 3, maxLength: 3 }),
}).map((r) => {
  const terms = r.termLetters.slice(0, r.nops).map((t) => t.map((i) => LETTERS[i]!).join(''));
  const used = [...new Set(terms.join(''))].sort();
  let out: string | null = null;
  if (!r.implicit) {
    const chosen = used.filter((_, i) => r.outPick[i]);
    out = chosen.map((c, i) => [c, r.outOrder[i]!] as const).sort((x, y) => x[1] - y[1]).map((x) => x[0]).join('');
  }
  const sizes: Record<string, number> = {};
  [...LETTERS].forEach((c, i) => { sizes[c] = r.sizes[i]! === 0 && r.seed % 4 !== 0 ? 1 : r.sizes[i]!; });
  return { terms, out, sizes, dtype: r.dtype, seed: r.seed, transpose: r.transpose };
});

function einsumBrute(c: EinsumCase, ops: NDArray[]): { shape: number[]; values: number[] } {
  const all = [...new Set(c.terms.join(''))].sort();
  // implicit mode: the letters that appear exactly once, alphabetically
  const counts = new Map<string, number>();
  for (const ch of c.terms.join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const outLetters = c.out !== null ? [...c.out] : all.filter((ch) => counts.get(ch) === 1);
  const shape = outLetters.map((ch) => c.sizes[ch]!);
  const values = new Array<number>(prod(shape)).fill(0);
  const vals = ops.map((o) => Array.from(o.toTypedArray() as ArrayLike<number | bigint>, Number));
  for (const t of tuples(all.map((ch) => c.sizes[ch]!))) {
    const at = new Map(all.map((ch, i) => [ch, t[i]!]));
    let p = 1;
    c.terms.forEach((term, k) => {
      const idx = [...term].map((ch) => at.get(ch)!);
      p *= vals[k]![flatPos(idx, ops[k]!.shape)]!;
    });
    values[flatPos(outLetters.map((ch) => at.get(ch)!), shape)]! += p;
  }
  return { shape, values };
}

describeBackends('property: einsum', () => {
  it('equals the brute-force sum over all index values', () => {
    fc.assert(fc.property(einsumCase, (c) => {
      const ops = c.terms.map((term, k) => {
        const shape = [...term].map((ch) => c.sizes[ch]!);
        const n = prod(shape);
        const data = Array.from({ length: n }, (_, i) => ((c.seed + 7 * i + 13 * k) % 7) - 3);
        const base = np.array(data, { dtype: c.dtype }).reshape(shape);
        // the same values as an F-ordered, strided or reversed view
        switch (c.transpose[k]) {
          case 'F': return base.T.copy().T;
          case 'strided': {
            const big = np.zeros(shape.map((d) => 2 * d + 1), { dtype: c.dtype });
            const v = big.slice(...shape.map(() => '1::2'));
            v.assign(base);
            return v;
          }
          case 'reversed': {
            if (shape.length === 0) return base;
            const r = np.flip(base).copy();
            return np.flip(r);
          }
          default: return base;
        }
      });
      const subs = c.terms.join(',') + (c.out !== null ? `->${c.out}` : '');
      const got = np.einsum(subs, ...ops);
      const want = einsumBrute(c, ops);
      expect(got.shape, subs).toEqual(want.shape);
      const g = got.size === 0 ? [] : Array.from(got.toTypedArray() as ArrayLike<number | bigint>, Number);
      expect(g, `np.einsum('${subs}', ...) sizes ${JSON.stringify(c.sizes)} ${c.dtype}`).toEqual(want.values);
    }), params(3000));
  });
});

// ---- .npy round trips ----------------------------------------------------------------------

describeBackends('property: .npy round trip', () => {
  it('toNpy then fromNpy gives the same dtype, shape, values and order', () => {
    const arb = fc.record({
      dtype: fc.constantFrom(...DTYPES),
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }).filter((s) => prod(s) <= 80),
      layout: fc.constantFrom('C', 'F', 'reversed', 'strided'),
      version: fc.constantFrom<[number, number] | undefined>(undefined, [1, 0], [2, 0], [3, 0]),
      seed: fc.nat(),
    });
    fc.assert(fc.property(arb, ({ dtype, shape, layout, version, seed }) => {
      const n = prod(shape);
      const raw = np.array(Array.from({ length: 2 * n + 2 }, (_, i) => ((seed + i * 2654435761) >>> 0) % 251 - 120), { dtype: 'int64' });
      // reinterpret random bytes as the dtype where it has no NaN payload concerns, else cast
      let c = raw.slice(`0:${n}`).astype(dtype).reshape(shape);
      if (dtype === 'float64' || dtype === 'float32') c = np.divide(c, 7).astype(dtype);
      let a: NDArray;
      if (layout === 'C') a = c;
      else if (layout === 'F') a = shape.length ? np.asfortranarray(c) : c; // NumPy's asfortranarray makes a 0-d array 1-d
      else if (layout === 'reversed') a = shape.length ? np.flip(c) : c;
      else {
        const big = np.zeros(shape.map((d) => 2 * d + 1), { dtype });
        a = big.slice(...shape.map(() => '1::2'));
        a.assign(c);
      }
      const bytes = version === undefined ? np.toNpy(a) : np.toNpy(a, { version });
      const b = np.fromNpy(bytes);
      expect(b.dtype).toBe(dtype);
      expect(b.shape).toEqual(shape);
      expect(Array.from(b.toTypedArray() as ArrayLike<unknown>)).toEqual(Array.from(a.toTypedArray() as ArrayLike<unknown>));
      // NumPy writes Fortran order for an F-contiguous, non-C-contiguous array; the reader keeps it
      const fortran = a.flags.fContiguous && !a.flags.cContiguous;
      const header = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 256)));
      expect(header.includes(`'fortran_order': ${fortran ? 'True' : 'False'}`), header).toBe(true);
      if (fortran) expect(b.flags.fContiguous).toBe(true);
      // and a second round trip is byte-identical
      expect(Buffer.from(np.toNpy(b, version === undefined ? undefined : { version })).equals(Buffer.from(bytes))).toBe(true);
    }), params(3000));
  });
});
