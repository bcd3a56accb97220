// The foundation's fast paths, checked against NumPy and against the slow paths
// they replaced:
//  - int64/uint64 casts and arange moved as 32-bit word pairs instead of BigInts
//    (test/fixtures/fastpaths.json from scripts/gen-fastpaths-fixtures.py; casts that
//    C leaves undefined are compared with castFunction, numnode's x86-64 model);
//  - fill through the unsigned typed array of the item's width (bit patterns: -0,
//    NaN, int64 extremes);
//  - views that share frozen shape/strides arrays, contiguity flags computed in the
//    constructor, the per-buffer typed-array cache.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import type { DType, NDArray } from '../src/index';
import { castFunction, Storage } from '../src/core/convert';
import { bytesOf, NDArray as NDArrayClass, typedArrayOf } from '../src/core/ndarray';
import { isCContiguous, isFContiguous } from '../src/core/shape';
import { describeBackends } from './helpers/backends';
import { canon, decode, flat, numpyAvailable, ROOT, type Enc } from './helpers/fixtures';
import { rng } from './helpers/async';

interface CastCase { from: DType; to: DType; input: Enc[]; values: (Enc | null)[] }
interface RangeCase { args: [string, string, string]; dtype: DType; values: Enc[] }
interface Fixture { numpy: string; casts: CastCase[]; arange: RangeCase[] }

const FIXTURE = join(ROOT, 'test', 'fixtures', 'fastpaths.json');
const GENERATOR = join(ROOT, 'scripts', 'gen-fastpaths-fixtures.py');
const fx = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;

const DTYPES: readonly DType[] = [
  'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64',
];

/** A stored value as the public JS value of its dtype. */
function pub(v: Storage, dtype: DType): unknown {
  return dtype === 'bool' ? v !== 0 : v;
}

/** What castFunction (the BigInt reference) makes of one input value. */
function reference(from: DType, to: DType, v: unknown): string {
  const stored: Storage = typeof v === 'boolean' ? (v ? 1 : 0) : (v as Storage);
  const f = castFunction(from, to);
  let out = f === null ? stored : f(stored);
  // The store into the destination's typed array finishes the cast (wrapping, rounding).
  const ta = new (typedArrayOf(new ArrayBuffer(8), to).constructor as new (n: number) => { [i: number]: Storage })(1);
  ta[0] = out;
  out = ta[0]!;
  return canon(pub(out, to));
}

/** The fixture's values with castFunction's answer where C leaves the cast undefined. */
function expected(c: CastCase): string[] {
  return c.values.map((v, i) => (v === null ? reference(c.from, c.to, decode(c.input[i]!, c.from)) : canon(decode(v, c.to))));
}

/** The same 1-D values in several layouts, each with the element order it presents. */
function layouts(a: NDArray): [string, NDArray, (xs: string[]) => string[]][] {
  const n = a.size;
  const out: [string, NDArray, (xs: string[]) => string[]][] = [
    ['contiguous', a, (xs) => xs],
    ['reversed', a.slice('::-1'), (xs) => [...xs].reverse()],
  ];
  // every other element of a doubled array (strided, and at an odd offset)
  const twice = np.stack([a, a], { axis: 1 }).reshape(2 * n);
  out.push(['step 2, offset 1', twice.slice('1::2'), (xs) => xs]);
  // a transposed 2-D view (column-major reads) when the length allows it
  if (n % 2 === 0) {
    const t = a.reshape(2, n / 2).T;
    out.push(['transposed', t, (xs) => {
      const r: string[] = [];
      for (let j = 0; j < n / 2; j++) for (let i = 0; i < 2; i++) r.push(xs[i * (n / 2) + j]!);
      return r;
    }]);
  }
  // a broadcast (zero-stride) view of the first element
  out.push(['broadcast', a.slice('0:1').broadcastTo([3]), (xs) => [xs[0]!, xs[0]!, xs[0]!]]);
  return out;
}

describeBackends('int64/uint64 casts at the edges (NumPy, and castFunction where C is undefined)', () => {
  for (const c of fx.casts) {
    it(`${c.from} -> ${c.to} (${c.input.length} values)`, () => {
      const a = np.array(c.input.map((v) => decode(v!, c.from)) as never, { dtype: c.from });
      const want = expected(c);
      for (const [name, view, order] of layouts(a)) {
        const got = flat(view.astype(c.to)).map(canon);
        expect(got, `${name}`).toEqual(order(want));
      }
    });
  }
});

describeBackends('int64/uint64 casts of random bit patterns match the BigInt reference', () => {
  const r = rng(7);
  const doubles: number[] = [NaN, Infinity, -Infinity, -0, 2 ** 63, -(2 ** 63), 2 ** 64, 2 ** 53 + 2];
  for (let i = 0; i < 4000; i++) {
    const mag = 2 ** Math.floor(r() * 70 - 4);
    doubles.push((r() * 2 - 1) * mag);
  }
  const words = new Uint32Array(8000);
  for (let i = 0; i < words.length; i++) words[i] = Math.floor(r() * 2 ** 32);
  for (const to of ['int64', 'uint64'] as const) {
    for (const from of ['float64', 'float32'] as const) {
      it(`${from} -> ${to}`, () => {
        const a = np.array(doubles, { dtype: from });
        const src = a.toArray() as number[];
        expect(flat(a.astype(to)).map(canon)).toEqual(src.map((v) => reference(from, to, v)));
      });
    }
  }
  for (const from of ['int64', 'uint64'] as const) {
    for (const to of DTYPES) {
      if (to === from) continue;
      it(`${from} -> ${to}`, () => {
        const a = np.frombuffer(words.slice().buffer, { dtype: from });
        const src = a.toArray() as bigint[];
        expect(flat(a.astype(to)).map(canon)).toEqual(src.map((v) => reference(from, to, v)));
      });
    }
  }
});

describeBackends('arange over int64/uint64 word boundaries', () => {
  for (const c of fx.arange) {
    it(`arange(${c.args.join(', ')}, dtype=${c.dtype})`, () => {
      const [a, b, s] = c.args.map((x) => BigInt(x));
      const r = np.arange(a!, b!, s!, { dtype: c.dtype });
      expect(r.dtype).toBe(c.dtype);
      expect(flat(r).map(canon)).toEqual(c.values.map((v) => canon(decode(v, c.dtype))));
    });
  }
  it('arange(1e5) int64 equals its BigInt definition', () => {
    const r = np.arange(-50000, 50000, 1);
    const got = r.toArray() as bigint[];
    for (let i = 0; i < got.length; i += 997) expect(got[i]).toBe(BigInt(i - 50000));
    expect(got[got.length - 1]).toBe(49999n);
  });
});

describeBackends('fill writes the exact bit pattern', () => {
  const cases: [DType, (number | bigint | boolean)[]][] = [
    ['bool', [true, false]],
    ['int8', [-1, 0, 7, -128]],
    ['uint8', [255, 0, 1]],
    ['int16', [-1, 0, 257, -32768]],
    ['uint16', [65535, 256, 1]],
    ['int32', [-1, 0, 1, -2147483648, 16843009]],
    ['uint32', [4294967295, 1, 2147483648]],
    ['int64', [-1n, 0n, 1n, -(2n ** 63n), 2n ** 63n - 1n, 72340172838076673n]],
    ['uint64', [2n ** 64n - 1n, 0n, 1n, 2n ** 63n]],
    ['float32', [0, -0, 1, NaN, -Infinity, 3.4e38, 1e-45]],
    ['float64', [0, -0, 1, 3.14, NaN, Infinity, 5e-324, -1e308]],
  ];
  for (const [dtype, vals] of cases) {
    it(dtype, () => {
      for (const v of vals) {
        // what the dtype stores (float32 rounds 3.4e38 and 1e-45)
        const want = canon(dtype === 'float32' ? Math.fround(v as number) : v);
        // contiguous (C), F-ordered, an offset block inside a bigger array, and a strided view
        const full = np.full([3, 5], v, { dtype });
        expect(flat(full).map(canon).every((x) => x === want), `full(${canon(v)})`).toBe(true);
        const f = np.zeros([4, 3], { dtype, order: 'F' }).fill(v);
        expect(flat(f).map(canon).every((x) => x === want), `F fill(${canon(v)})`).toBe(true);
        const big = np.zeros(40, { dtype });
        big.slice('3:37').fill(v);
        const got = flat(big).map(canon);
        const zero = canon(dtype === 'bool' ? false : dtype === 'int64' || dtype === 'uint64' ? 0n : 0);
        expect(got.slice(0, 3).every((x) => x === zero) && got.slice(37).every((x) => x === zero), 'outside untouched').toBe(true);
        expect(got.slice(3, 37).every((x) => x === want), `block fill(${canon(v)})`).toBe(true);
        const g = np.zeros([6, 6], { dtype });
        g.slice('::2', '1::3').fill(v);
        const gv = flat(g).map(canon);
        gv.forEach((x, k) => {
          const on = Math.floor(k / 6) % 2 === 0 && (k % 6) % 3 === 1;
          expect(x, `strided fill(${canon(v)}) at ${k}`).toBe(on ? want : zero);
        });
      }
    });
  }
  it('ones and full of every dtype', () => {
    for (const dtype of DTYPES) {
      const one = canon(dtype === 'bool' ? true : dtype === 'int64' || dtype === 'uint64' ? 1n : 1);
      expect(flat(np.ones(1000, { dtype })).map(canon).every((x) => x === one), dtype).toBe(true);
    }
  });
});

describe('views share frozen shape and strides', () => {
  const x = np.arange(24, { dtype: 'float64' }).reshape(2, 3, 4);
  it('every view exposes frozen arrays that cannot be written', () => {
    for (const v of [x, x.T, x.ravel(), x.slice('1:', '::-1', 2), x.transpose(1, 0, 2), x.reshape(6, 4), x.view('int64'),
      x.squeeze(), x.expandDims(0), x.broadcastTo([2, 2, 3, 4]), x.copy(), x.flatten(), x.astype('int32')]) {
      expect(Object.isFrozen(v.shape)).toBe(true);
      expect(Object.isFrozen(v.strides)).toBe(true);
      expect(() => { (v.shape as number[])[0] = 99; }).toThrow(TypeError);
      expect(() => { (v.strides as number[]).push(1); }).toThrow(TypeError);
    }
  });
  it('the constructor copies a caller\'s mutable arrays and shares frozen ones', () => {
    const shape = [3, 4];
    const strides = [32, 8];
    const a = new NDArrayClass(x.buffer, 'float64', shape, strides, 0, null);
    shape[0] = 1;
    strides[1] = 16;
    expect([...a.shape]).toEqual([3, 4]);
    expect([...a.strides]).toEqual([32, 8]);
    expect(Object.isFrozen(shape)).toBe(false);
    const b = new NDArrayClass(x.buffer, 'float64', a.shape, a.strides, 8, null);
    expect(b.shape).toBe(a.shape);
    expect(b.strides).toBe(a.strides);
  });
  it('_view takes ownership: its arrays are kept, and frozen in place when first read', () => {
    const shape = [4, 6];
    const strides = [48, 8];
    const v = x._view(shape, strides, 0);
    expect(v._shape).toBe(shape);
    const t = v.T;
    expect(Object.isFrozen(shape)).toBe(false); // internal use does not publish
    expect([...t._shape]).toEqual([6, 4]);
    expect(v.shape).toBe(shape);
    expect(Object.isFrozen(shape)).toBe(true);
    expect(Object.isFrozen(strides)).toBe(true);
    expect(v.strides).toBe(strides);
    expect(() => { shape[0] = 1; }).toThrow(TypeError);
    // an NDArray's own enumerable properties do not change when it is published
    const a = x.transpose(1, 0, 2);
    const before = Object.keys(a).map((k) => [k, (a as unknown as Record<string, unknown>)[k]]);
    void a.shape;
    expect(Object.keys(a).map((k) => [k, (a as unknown as Record<string, unknown>)[k]])).toEqual(before);
  });
  it('contiguity flags and the touched byte range agree with their definitions', () => {
    const r = rng(11);
    for (let t = 0; t < 3000; t++) {
      const nd = Math.floor(r() * 5);
      const itemsize = [1, 2, 4, 8][Math.floor(r() * 4)]!;
      const shape = Array.from({ length: nd }, () => [0, 1, 1, 2, 3, 4][Math.floor(r() * 6)]!);
      const size = shape.reduce((p, d) => p * d, 1);
      // strides: C, F, or random multiples of the itemsize (negative and zero included)
      const kind = r();
      let strides: number[];
      if (kind < 0.3) strides = np.zeros(shape, { dtype: 'uint8' }).strides.map((s) => s * itemsize);
      else if (kind < 0.5) strides = np.zeros(shape, { dtype: 'uint8', order: 'F' }).strides.map((s) => s * itemsize);
      else strides = shape.map(() => itemsize * (Math.floor(r() * 9) - 4));
      const dtype = ({ 1: 'uint8', 2: 'int16', 4: 'float32', 8: 'float64' } as const)[itemsize as 1 | 2 | 4 | 8];
      const offset = 64 * itemsize;
      const a = new NDArrayClass(new ArrayBuffer(256 * itemsize), dtype, shape, strides, offset, null);
      expect(a.flags.cContiguous, `${shape} ${strides}`).toBe(isCContiguous(shape, strides, itemsize));
      expect(a.flags.fContiguous, `${shape} ${strides}`).toBe(isFContiguous(shape, strides, itemsize));
      expect(a.size).toBe(size);
      // brute force: the lowest and one-past-highest byte of any element
      let lo = Infinity;
      let hi = -Infinity;
      const idx = new Array<number>(nd).fill(0);
      for (let k = 0; k < size; k++) {
        let off = offset;
        for (let i = 0; i < nd; i++) off += idx[i]! * strides[i]!;
        lo = Math.min(lo, off);
        hi = Math.max(hi, off + itemsize);
        for (let i = nd - 1; i >= 0; i--) { if (++idx[i]! < shape[i]!) break; idx[i] = 0; }
      }
      if (size === 0) { lo = offset; hi = offset; }
      expect([a._lo, a._hi], `${shape} ${strides}`).toEqual([lo, hi]);
    }
  });
  it('a parsed slice string gives the same view every time', () => {
    const a = np.arange(100).reshape(10, 10);
    for (let i = 0; i < 3; i++) {
      const v = a.slice('2:8:3', '::-4');
      expect([...v.shape]).toEqual([2, 3]);
      expect(flat(v)).toEqual([29n, 25n, 21n, 59n, 55n, 51n]);
    }
  });
});

describe('typed arrays over an array\'s buffer', () => {
  it('_data is made once per array and covers the whole buffer', () => {
    const a = np.zeros(300);
    const b = a.slice('10:20');
    expect(a._data).toBe(a._data);
    expect(b._data.buffer).toBe(a.buffer);
    expect(b._data.length).toBe(a.buffer.byteLength / 8);
    // nothing is attached to the buffer (no per-buffer cache, no WeakMap entry)
    expect(Object.getOwnPropertySymbols(a.buffer).filter((s) => String(s).includes('numnode'))).toEqual([]);
    expect(bytesOf(a.buffer).length).toBe(a.buffer.byteLength);
    expect(typedArrayOf(a.buffer, 'int32').length).toBe(a.buffer.byteLength / 4);
  });
  it('works on a frozen buffer', () => {
    const buf = Object.freeze(new ArrayBuffer(64));
    const a = np.frombuffer(buf, { dtype: 'float64' });
    expect(() => a.fill(2)).not.toThrow();
    expect(a.toArray()).toEqual(new Array(8).fill(2));
  });
  it('follows a resizable buffer that grew', () => {
    // ES2024's resizable ArrayBuffer (Node 20 has it; the project's lib is ES2022)
    type Resizable = ArrayBuffer & { resize(n: number): void };
    const RAB = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable;
    const buf = new RAB(16, { maxByteLength: 64 });
    const a = np.frombuffer(buf, { dtype: 'float64' });
    a.fill(1);
    expect(a._data.length).toBe(2);
    buf.resize(64);
    expect(a._data.length).toBe(8);
    const b = np.frombuffer(buf, { dtype: 'float64' });
    b.fill(3);
    expect(b.toArray()).toEqual(new Array(8).fill(3));
  });
});

const live = numpyAvailable();
describe.skipIf(!live.ok)(`live: a fresh fixture from NumPy agrees (${live.reason})`, () => {
  it('casts and aranges from another seed', async () => {
    const { execFileSync } = await import('node:child_process');
    const text = execFileSync('python3', [GENERATOR, '--seed', '99', '--out', '-'], { encoding: 'utf8', timeout: 120_000 });
    const fresh = JSON.parse(text) as Fixture;
    for (const backend of ['js', 'native'] as const) {
      if (backend === 'native' && !np.config().backend.native) continue;
      const prev = np.getBackend();
      np.setBackend(backend);
      try {
        for (const c of fresh.casts) {
          const a = np.array(c.input.map((v) => decode(v!, c.from)) as never, { dtype: c.from });
          expect(flat(a.astype(c.to)).map(canon), `${backend} ${c.from}->${c.to}`).toEqual(expected(c));
        }
      } finally {
        np.setBackend(prev);
      }
    }
  });
});
