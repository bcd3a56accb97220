// Native-only tests: the addon's boundary (src/backend/native/binding.ts) checked
// directly, below the NDArray layer. The conformance suites test the same kernels
// through the public API on both backends; these pin down what only the addon
// can get wrong: tables out of sync, strided byte movement, cast semantics, and
// hostile arguments that must give coded errors instead of crashing the process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

import { native } from '../src/backend/native/loader';
import type { NativeBinding } from '../src/backend/native/binding';
import { DTYPES, DTYPE_CODE, ITEMSIZE, type DType } from '../src/core/dtype';
import { OPS } from '../src/core/ops';

const ROOT = path.resolve(__dirname, '..');
const state = native();
const b = state.binding as NativeBinding;
if (!state.binding) {
  console.warn(`[native.test] native addon not loaded, addon tests skipped: ${state.error}\n  tried: ${state.tried.join('\n         ')}`);
}

// ---------------------------------------------------------------------------
// Build files (no addon needed)

describe('build files', () => {
  const cmakeSources = (): string[] => {
    const text = fs.readFileSync(path.join(ROOT, 'CMakeLists.txt'), 'utf8');
    const m = /set\(NUMNODE_SOURCES([^)]*)\)/.exec(text);
    expect(m, 'CMakeLists.txt has set(NUMNODE_SOURCES ...)').not.toBeNull();
    return m![1]!.split(/\s+/).filter((s) => s.length > 0);
  };
  const gypSources = (): string[] => {
    const text = fs.readFileSync(path.join(ROOT, 'binding.gyp'), 'utf8');
    const m = /['"]sources['"]\s*:\s*\[([^\]]*)\]/.exec(text);
    expect(m, "binding.gyp has 'sources': [...]").not.toBeNull();
    return [...m![1]!.matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]!);
  };

  it('CMakeLists.txt and binding.gyp build the same sources', () => {
    expect([...gypSources()].sort()).toEqual([...cmakeSources()].sort());
  });

  it('every native .cc file is built, and every listed file exists', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (e.name.endsWith('.cc')) found.push(rel);
      }
    };
    walk('native');
    expect(found.sort()).toEqual([...cmakeSources()].sort());
  });

  it('src/core/ops.ts mirrors native/kernels/ops.def', () => {
    const def = fs.readFileSync(path.join(ROOT, 'native/kernels/ops.def'), 'utf8');
    const rows = [...def.matchAll(/^NUMNODE_OP\((\d+), (\w+), (\d+)\)/gm)].map((m) => ({
      name: m[2],
      code: Number(m[1]),
      nin: Number(m[3]),
    }));
    expect(rows).toEqual(OPS.map((o) => ({ ...o })));
  });
});

// ---------------------------------------------------------------------------
// Helpers: a JS model of strided views, used as the oracle.

interface ViewSpec {
  shape: number[];
  strides: number[]; // bytes
  offset: number; // bytes
}

/** Byte offsets of every element of a view, in C order of `shape`. */
function elementOffsets(v: ViewSpec): number[] {
  const out: number[] = [];
  const n = v.shape.length;
  if (v.shape.some((d) => d === 0)) return out;
  const idx = new Array<number>(n).fill(0);
  for (;;) {
    let off = v.offset;
    for (let k = 0; k < n; k++) off += idx[k]! * v.strides[k]!;
    out.push(off);
    let k = n - 1;
    while (k >= 0) {
      if (++idx[k]! < v.shape[k]!) break;
      idx[k] = 0;
      k--;
    }
    if (k < 0) return out;
  }
}

function cStrides(shape: number[], itemsize: number): number[] {
  const s = new Array<number>(shape.length);
  let acc = itemsize;
  for (let k = shape.length - 1; k >= 0; k--) {
    s[k] = acc;
    acc *= Math.max(shape[k]!, 1);
  }
  return s;
}

function patterned(n: number, seed = 1): Uint8Array {
  const u = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    u[i] = x & 0xff;
  }
  return u;
}

function expectCode(fn: () => unknown, code: string, cls?: ErrorConstructor): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected an error with code ${code}`).toBeInstanceOf(Error);
  expect((err as { code?: string }).code).toBe(code);
  if (cls) expect(err).toBeInstanceOf(cls);
}

// ---------------------------------------------------------------------------

describe.skipIf(!state.binding)('native addon', () => {
  it('exports the op table of src/core/ops.ts', () => {
    expect(b.opTable()).toEqual(OPS.map((o) => ({ ...o })));
  });

  it('exports the dtype table of src/core/dtype.ts', () => {
    expect(b.dtypeTable()).toEqual(DTYPES.map((d) => ({ name: d, code: DTYPE_CODE[d], itemsize: ITEMSIZE[d] })));
  });

  it('reports its configuration', () => {
    const c = b.config();
    expect(c.blas.threading).toBe('openmp'); // never the pthread build (see CMakeLists.txt)
    expect(c.blas.parallel).toBe(2);
    expect(c.blas.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(c.openmp.enabled).toBe(true);
    expect(c.sleef.linked).toBe(true);
    expect(c.sleef.works).toBe(true);
    expect(c.napiVersion).toBeGreaterThanOrEqual(8);
    expect(['native', 'portable']).toContain(c.arch);
    expect(typeof c.compiler).toBe('string');
    expect(typeof c.flags).toBe('string');
    expect(c.cpu.found).toEqual(expect.arrayContaining(['sse2']));
    expect(typeof c.malloc.tuning).toBe('boolean');
    expect(c.copy.parallelMinBytes).toBeGreaterThan(0);
    expect(c.numThreads).toBe(b.getNumThreads());
  });

  it('sets and gets the thread budget', () => {
    const before = b.getNumThreads();
    try {
      b.setNumThreads(1);
      expect(b.getNumThreads()).toBe(1);
      expect(b.config().blas.numThreads).toBe(1);
      b.setNumThreads(3);
      expect(b.getNumThreads()).toBe(3);
    } finally {
      b.setNumThreads(before);
    }
    expectCode(() => b.setNumThreads(0), 'ERR_NUMNODE_ARG', RangeError);
    expectCode(() => b.setNumThreads(1.5), 'ERR_NUMNODE_ARG', RangeError);
  });

  // -------------------------------------------------------------------------
  describe('copy', () => {
    /** Runs b.copy and checks every dst byte: copied items where the view points, untouched elsewhere. */
    function checkCopy(itemsize: number, shape: number[], src: ViewSpec, dst: ViewSpec, srcLen: number, dstLen: number) {
      const s = patterned(srcLen, 7);
      const d = patterned(dstLen, 99);
      const expected = d.slice();
      const so = elementOffsets({ ...src, shape });
      const dOff = elementOffsets({ ...dst, shape });
      for (let i = 0; i < so.length; i++) expected.set(s.subarray(so[i]!, so[i]! + itemsize), dOff[i]!);
      b.copy(itemsize, shape, s, src.strides, src.offset, d, dst.strides, dst.offset);
      expect(Buffer.from(d).equals(Buffer.from(expected))).toBe(true);
    }

    it.each([1, 2, 3, 4, 8, 16])('contiguous, itemsize %i', (z) => {
      for (const shape of [[], [1], [7], [3, 5], [2, 3, 4], [0], [4, 0, 2]]) {
        const st = cStrides(shape, z);
        const n = shape.reduce((a, x) => a * x, 1) * z;
        checkCopy(z, shape, { shape, strides: st, offset: 0 }, { shape, strides: st, offset: 0 }, n + 5, n + 5);
      }
    });

    it.each([1, 2, 4, 8, 16])('transposed 2-D (blocked path), itemsize %i', (z) => {
      for (const [r, c] of [[9, 8], [37, 53], [130, 70]] as const) {
        // src is C-contiguous [c, r]; we copy its transpose [r, c] into C order.
        checkCopy(z, [r, c], { shape: [r, c], strides: [z, r * z], offset: 0 }, { shape: [r, c], strides: [c * z, z], offset: 0 }, r * c * z, r * c * z);
      }
    });

    it('transposed large enough to run in parallel, and batched transposes', () => {
      const r = 700, c = 300; // 1.7 MB of float64: above the parallel threshold
      checkCopy(8, [r, c], { shape: [r, c], strides: [8, r * 8], offset: 0 }, { shape: [r, c], strides: [c * 8, 8], offset: 0 }, r * c * 8, r * c * 8);
      // transposed and reversed: (a.T)[:, ::-1] and (a.T)[::-1, :]
      checkCopy(8, [r, c], { shape: [r, c], strides: [8, -r * 8], offset: (c - 1) * r * 8 }, { shape: [r, c], strides: [c * 8, 8], offset: 0 }, r * c * 8, r * c * 8);
      checkCopy(4, [r, c], { shape: [r, c], strides: [-4, r * 4], offset: (r - 1) * 4 }, { shape: [r, c], strides: [c * 4, 4], offset: 0 }, r * c * 4, r * c * 4);
      // [3, r, c] from a [3, c, r] array: a transpose per batch
      const bshape = [3, 40, 33];
      checkCopy(4, bshape, { shape: bshape, strides: [40 * 33 * 4, 4, 40 * 4], offset: 0 }, { shape: bshape, strides: cStrides(bshape, 4), offset: 0 }, 3 * 40 * 33 * 4, 3 * 40 * 33 * 4);
    });

    it('negative strides (reversed views), both sides', () => {
      for (const z of [1, 4, 8]) {
        const shape = [6, 5];
        const cs = cStrides(shape, z);
        const n = 30 * z;
        // src a[::-1, ::-1]
        checkCopy(z, shape, { shape, strides: [-cs[0]!, -cs[1]!], offset: n - z }, { shape, strides: cs, offset: 0 }, n, n);
        // dst reversed
        checkCopy(z, shape, { shape, strides: cs, offset: 0 }, { shape, strides: [cs[0]!, -cs[1]!], offset: cs[1]! * 4 }, n, n);
        // 1-D reversed large (parallel path)
        const m = 300000;
        checkCopy(z, [m], { shape: [m], strides: [-z], offset: (m - 1) * z }, { shape: [m], strides: [z], offset: 0 }, m * z, m * z);
      }
    });

    it('zero strides (broadcast and fill)', () => {
      checkCopy(8, [4, 5], { shape: [4, 5], strides: [0, 8], offset: 16 }, { shape: [4, 5], strides: [40, 8], offset: 0 }, 64, 160);
      checkCopy(4, [3, 7], { shape: [3, 7], strides: [0, 0], offset: 4 }, { shape: [3, 7], strides: [28, 4], offset: 0 }, 8, 84);
      checkCopy(2, [300000], { shape: [300000], strides: [0], offset: 0 }, { shape: [300000], strides: [2], offset: 0 }, 2, 600000);
    });

    it('offset and sliced views (steps, non-contiguous both sides)', () => {
      checkCopy(4, [3, 4], { shape: [3, 4], strides: [40, 8], offset: 12 }, { shape: [3, 4], strides: [32, 4], offset: 20 }, 200, 200);
      checkCopy(3, [5, 2, 3], { shape: [5, 2, 3], strides: [30, 15, 3], offset: 1 }, { shape: [5, 2, 3], strides: [6, 90, 2 * 90], offset: 7 }, 200, 500);
    });

    it('overlapping views behave as if the source were read first', () => {
      // shift a buffer right by one float64 within itself: a[1:] = a[:-1]
      const buf = new Float64Array(64).map((_, i) => i);
      const u = new Uint8Array(buf.buffer);
      b.copy(8, [63], u, [8], 0, u, [8], 8);
      expect(Array.from(buf.subarray(1))).toEqual(Array.from({ length: 63 }, (_, i) => i));
      // reverse in place: a[:] = a[::-1]
      const r = new Int32Array(10).map((_, i) => i);
      const ur = new Uint8Array(r.buffer);
      b.copy(4, [10], ur, [-4], 36, ur, [4], 0);
      expect(Array.from(r)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      // in-place transpose of a square matrix
      const m = new Float64Array(16).map((_, i) => i);
      const um = new Uint8Array(m.buffer);
      b.copy(8, [4, 4], um, [8, 32], 0, um, [32, 8], 0);
      expect(Array.from(m)).toEqual([0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15]);
    });

    it('works on views of a SharedArrayBuffer and on subarrays', () => {
      const sab = new SharedArrayBuffer(64);
      const s = new Uint8Array(sab, 8, 32);
      s.set(patterned(32, 3));
      const d = new Uint8Array(new ArrayBuffer(80), 16, 32);
      b.copy(1, [32], s, [1], 0, d, [1], 0);
      expect(Array.from(d)).toEqual(Array.from(s));
    });
  });

  // -------------------------------------------------------------------------
  describe('cast', () => {
    const VALUES = [
      0, 1, -1, 0.5, -0.9, 2.5, -2.5, 100, 127, 128, 255, 256, -129.5, 300, 32767, 32768, 65535.9, 70000,
      2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 31 + 0.5, 2 ** 32 + 5, 5e9, 1e10, -1e10, 2 ** 53, 2 ** 63, 1.8e19,
      2 ** 64, 1e20, -1e20, NaN, Infinity, -Infinity, -0,
    ];
    const BITS: Record<DType, number> = {
      bool: 8, int8: 8, uint8: 8, int16: 16, uint16: 16, int32: 32, uint32: 32, int64: 64, uint64: 64, float32: 32, float64: 64,
    };
    const isFloat = (d: DType) => d === 'float32' || d === 'float64';
    const isSigned = (d: DType) => d.startsWith('int');

    type Val = number | bigint;
    function read(d: DType, u: Uint8Array, off: number): Val {
      const dv = new DataView(u.buffer, u.byteOffset, u.byteLength);
      switch (d) {
        case 'bool': return dv.getUint8(off);
        case 'int8': return dv.getInt8(off);
        case 'uint8': return dv.getUint8(off);
        case 'int16': return dv.getInt16(off, true);
        case 'uint16': return dv.getUint16(off, true);
        case 'int32': return dv.getInt32(off, true);
        case 'uint32': return dv.getUint32(off, true);
        case 'int64': return dv.getBigInt64(off, true);
        case 'uint64': return dv.getBigUint64(off, true);
        case 'float32': return dv.getFloat32(off, true);
        case 'float64': return dv.getFloat64(off, true);
      }
    }
    function write(d: DType, u: Uint8Array, off: number, v: Val): void {
      const dv = new DataView(u.buffer, u.byteOffset, u.byteLength);
      const big = typeof v === 'bigint' ? v : 0n;
      const num = typeof v === 'number' ? v : Number(v);
      switch (d) {
        case 'bool': case 'uint8': return dv.setUint8(off, Number(BigInt.asUintN(8, typeof v === 'bigint' ? big : BigInt(num))));
        case 'int8': return dv.setInt8(off, Number(BigInt.asIntN(8, typeof v === 'bigint' ? big : BigInt(num))));
        case 'int16': return dv.setInt16(off, Number(BigInt.asIntN(16, typeof v === 'bigint' ? big : BigInt(num))), true);
        case 'uint16': return dv.setUint16(off, Number(BigInt.asUintN(16, typeof v === 'bigint' ? big : BigInt(num))), true);
        case 'int32': return dv.setInt32(off, Number(BigInt.asIntN(32, typeof v === 'bigint' ? big : BigInt(num))), true);
        case 'uint32': return dv.setUint32(off, Number(BigInt.asUintN(32, typeof v === 'bigint' ? big : BigInt(num))), true);
        case 'int64': return dv.setBigInt64(off, BigInt.asIntN(64, typeof v === 'bigint' ? big : BigInt(num)), true);
        case 'uint64': return dv.setBigUint64(off, BigInt.asUintN(64, typeof v === 'bigint' ? big : BigInt(num)), true);
        case 'float32': return dv.setFloat32(off, num, true);
        case 'float64': return dv.setFloat64(off, num, true);
      }
    }
    /** Source values representable in dtype d (integers wrap; floats round). */
    function sourceValues(d: DType): Val[] {
      if (isFloat(d)) return VALUES;
      if (d === 'bool') return [0, 1, 1, 0];
      const out: Val[] = [];
      for (const v of VALUES) {
        if (!Number.isFinite(v)) continue;
        const t = BigInt(Math.trunc(v));
        const w = isSigned(d) ? BigInt.asIntN(BITS[d], t) : BigInt.asUintN(BITS[d], t);
        out.push(BITS[d] === 64 ? w : Number(w));
      }
      out.push(isSigned(d) ? -(2n ** BigInt(BITS[d] - 1)) : 2n ** BigInt(BITS[d]) - 1n); // extremes
      return out.map((v) => (BITS[d] === 64 ? BigInt(v) : Number(v)));
    }

    // x86's cvttsd2si, as numnode documents it (cast.h)
    const I64_MIN = -(2n ** 63n);
    const cvtt64 = (x: number): bigint => (x >= -(2 ** 63) && x < 2 ** 63 ? BigInt(Math.trunc(x)) : I64_MIN);
    const cvtt32 = (x: number): number => (x > -2147483649 && x < 2147483648 ? Math.trunc(x) : -2147483648);

    /** The oracle: NumPy's C cast of v (of dtype s) to dtype d, as the value dtype d stores. */
    function expectedCast(s: DType, d: DType, v: Val): Val {
      if (d === 'bool') return (typeof v === 'bigint' ? v !== 0n : v !== 0) ? 1 : 0; // NaN !== 0
      if (s === 'bool') v = v ? 1 : 0;
      if (isFloat(d)) {
        const x = typeof v === 'bigint' ? Number(v) : v;
        return d === 'float32' ? Math.fround(x) : x;
      }
      let wide: bigint;
      if (typeof v === 'number' && isFloat(s)) {
        if (BITS[d] === 64 && isSigned(d)) wide = cvtt64(v);
        else if (BITS[d] === 64) wide = !(v >= 2 ** 63) ? cvtt64(v) : cvtt64(v - 2 ** 63) ^ (1n << 63n);
        else if (d === 'uint32') wide = cvtt64(v);
        else wide = BigInt(cvtt32(v));
      } else {
        wide = BigInt(v);
      }
      const w = isSigned(d) ? BigInt.asIntN(BITS[d], wide) : BigInt.asUintN(BITS[d], wide);
      return BITS[d] === 64 ? w : Number(w);
    }

    // Integer -> float32 through a double rounds twice; numnode rounds once. Skip
    // the (few) int64 values where the two differ by picking the oracle only when
    // the value is exactly representable in a double.
    const exactInDouble = (v: Val) => typeof v !== 'bigint' || BigInt(Number(v)) === v;

    for (const s of DTYPES) {
      it(`from ${s} to every dtype (contiguous and strided)`, () => {
        const vals = sourceValues(s).filter(exactInDouble);
        const n = vals.length;
        const zs = ITEMSIZE[s];
        const src = new Uint8Array(n * zs * 2); // every other slot: a strided view too
        vals.forEach((v, i) => write(s, src, i * zs * 2, v));
        for (const d of DTYPES) {
          const zd = ITEMSIZE[d];
          // strided source -> contiguous destination
          const dst = new Uint8Array(n * zd);
          b.cast(DTYPE_CODE[s], DTYPE_CODE[d], [n], src, [2 * zs], 0, dst, [zd], 0);
          const got = vals.map((_, i) => read(d, dst, i * zd));
          const want = vals.map((_, i) => expectedCast(s, d, read(s, src, i * zs * 2)));
          expect(got, `${s} -> ${d}`).toEqual(want);
          // contiguous source (the vectorisable loop) gives the same
          const csrc = new Uint8Array(n * zs);
          b.copy(zs, [n], src, [2 * zs], 0, csrc, [zs], 0);
          const dst2 = new Uint8Array(n * zd);
          b.cast(DTYPE_CODE[s], DTYPE_CODE[d], [n], csrc, [zs], 0, dst2, [zd], 0);
          expect(Array.from(dst2), `${s} -> ${d} contiguous`).toEqual(Array.from(dst));
        }
      });
    }

    it('matches values NumPy 2.4 gives on x86-64', () => {
      const f = new Float64Array([300, -1, -129.5, 1e10, NaN, 70000]);
      const u = new Uint8Array(f.buffer);
      const i8 = new Int8Array(6);
      b.cast(DTYPE_CODE.float64, DTYPE_CODE.int8, [6], u, [8], 0, new Uint8Array(i8.buffer), [1], 0);
      expect(Array.from(i8)).toEqual([44, -1, 127, 0, 0, 112]);
      const g = new Float64Array([-1, 1e20, NaN, 2 ** 63, -1e10, Infinity]);
      const u64 = new BigUint64Array(6);
      b.cast(DTYPE_CODE.float64, DTYPE_CODE.uint64, [6], new Uint8Array(g.buffer), [8], 0, new Uint8Array(u64.buffer), [8], 0);
      expect(Array.from(u64)).toEqual([2n ** 64n - 1n, 0n, 2n ** 63n, 2n ** 63n, 18446744063709551616n, 0n]);
      const i32 = new Int32Array(3);
      b.cast(DTYPE_CODE.float64, DTYPE_CODE.int32, [3], new Uint8Array(new Float64Array([1e10, NaN, -2.9]).buffer), [8], 0, new Uint8Array(i32.buffer), [4], 0);
      expect(Array.from(i32)).toEqual([-2147483648, -2147483648, -2]);
      const bo = new Uint8Array(4);
      b.cast(DTYPE_CODE.float32, DTYPE_CODE.bool, [4], new Uint8Array(new Float32Array([0, -0, NaN, 1e-40]).buffer), [4], 0, bo, [1], 0);
      expect(Array.from(bo)).toEqual([0, 0, 1, 1]);
    });

    it('over transposed, reversed, broadcast and offset views', () => {
      const r = 300, c = 200;
      const a = new Int32Array(r * c).map((_, i) => i - 1000);
      const ua = new Uint8Array(a.buffer);
      // transpose: out[i, j] = a[j, i] for a viewed as [c, r]
      const out = new Float64Array(r * c);
      b.cast(DTYPE_CODE.int32, DTYPE_CODE.float64, [r, c], ua, [4, r * 4], 0, new Uint8Array(out.buffer), [c * 8, 8], 0);
      for (let i = 0; i < r; i += 17) for (let j = 0; j < c; j += 13) expect(out[i * c + j]).toBe(a[j * r + i]);
      // reversed source with an offset
      const rev = new Int16Array(100);
      b.cast(DTYPE_CODE.int32, DTYPE_CODE.int16, [100], ua, [-4], 4 * 150, new Uint8Array(rev.buffer), [2], 0);
      for (let k = 0; k < 100; k++) expect(rev[k]).toBe(a[150 - k]);
      // broadcast a row
      const bc = new Float32Array(3 * 5);
      b.cast(DTYPE_CODE.int32, DTYPE_CODE.float32, [3, 5], ua, [0, 4], 8, new Uint8Array(bc.buffer), [20, 4], 0);
      expect(Array.from(bc)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4].map((k) => a[2 + k]!));
      // in place through overlapping memory: int32 -> float32 on the same bytes
      const same = new Int32Array([1, -2, 3, 1 << 24, 7]);
      const us = new Uint8Array(same.buffer);
      b.cast(DTYPE_CODE.int32, DTYPE_CODE.float32, [5], us, [4], 0, us, [4], 0);
      expect(Array.from(new Float32Array(same.buffer))).toEqual([1, -2, 3, 1 << 24, 7]);
      // widening onto an overlapping region: int16 -> int64 from the front of the same buffer
      const wbuf = new ArrayBuffer(64);
      new Int16Array(wbuf, 0, 4).set([1, -1, 300, -300]);
      b.cast(DTYPE_CODE.int16, DTYPE_CODE.int64, [4], new Uint8Array(wbuf), [2], 0, new Uint8Array(wbuf), [8], 0);
      expect(Array.from(new BigInt64Array(wbuf, 0, 4))).toEqual([1n, -1n, 300n, -300n]);
    });
  });

  // -------------------------------------------------------------------------
  describe('hostile arguments give coded errors, never a crash', () => {
    const u = () => new Uint8Array(64);

    it('views reaching outside the buffer', () => {
      expectCode(() => b.copy(8, [9], u(), [8], 0, u(), [8], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(() => b.copy(8, [8], u(), [8], 1, u(), [8], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(() => b.copy(8, [8], u(), [8], 0, u(), [8], 8), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(() => b.copy(8, [2], u(), [-8], 0, u(), [8], 0), 'ERR_NUMNODE_BUFFER', RangeError); // reaches byte -8
      expectCode(() => b.copy(1, [2, 2], u(), [64, 1], 0, u(), [2, 1], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(() => b.copy(1, [1], u(), [1], 64, u(), [1], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      // a subarray's limits are its own, not its ArrayBuffer's
      const sub = new Uint8Array(new ArrayBuffer(64), 16, 16);
      expectCode(() => b.copy(1, [17], sub, [1], 0, u(), [1], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      // checked arithmetic: spans that overflow int64
      expectCode(() => b.copy(8, [2 ** 20, 2 ** 20], u(), [2 ** 50, 2 ** 50], 0, u(), [0, 0], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(() => b.copy(1, [2 ** 53 - 1], u(), [2 ** 52], 0, u(), [0], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(() => b.cast(10, 10, [9], u(), [8], 0, u(), [8], 0), 'ERR_NUMNODE_BUFFER', RangeError);
    });

    it('bad shapes, strides and offsets', () => {
      expectCode(() => b.copy(1, [-1], u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(() => b.copy(1, new Array(65).fill(1), u(), new Array(65).fill(0), 0, u(), new Array(65).fill(0), 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(() => b.copy(1, [2], u(), [1, 1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(() => b.copy(1, [2], u(), [1], -1, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(() => b.copy(0, [2], u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
      // more elements than 2^53 (zero strides would make it "fit" in memory)
      expectCode(() => b.copy(1, [2 ** 30, 2 ** 30], u(), [0, 0], 0, u(), [0, 0], 0), 'ERR_NUMNODE_ARG', RangeError);
      // 64 dimensions are fine
      b.copy(1, new Array(64).fill(1), u(), new Array(64).fill(1), 0, u(), new Array(64).fill(1), 0);
    });

    it('non-integer and non-number arguments', () => {
      for (const bad of [1.5, NaN, Infinity, -Infinity, 2 ** 53]) {
        expectCode(() => b.copy(1, [bad], u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
        expectCode(() => b.copy(1, [2], u(), [bad], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
        expectCode(() => b.copy(1, [2], u(), [1], bad, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
        expectCode(() => b.copy(bad, [2], u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
      }
      for (const bad of ['3', null, undefined, 3n, {}, true]) {
        expectCode(() => b.copy(1, [bad as never], u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', TypeError);
        expectCode(() => b.copy(1, [2], u(), [1], bad as never, u(), [1], 0), 'ERR_NUMNODE_ARG', TypeError);
      }
      expectCode(() => b.copy(1, 'ab' as never, u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', TypeError);
      expectCode(() => b.copy(1, { length: 1, 0: 1 } as never, u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', TypeError);
      expectCode(() => (b.copy as (...a: unknown[]) => void)(1, [2], u(), [1], 0, u(), [1]), 'ERR_NUMNODE_ARG', TypeError);
    });

    it('buffers that are not Uint8Arrays', () => {
      for (const bad of [new Float64Array(8), new ArrayBuffer(64), new DataView(new ArrayBuffer(64)), [1, 2], null, 'x']) {
        expectCode(() => b.copy(1, [2], bad as never, [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', TypeError);
        expectCode(() => b.cast(2, 2, [2], u(), [1], 0, bad as never, [1], 0), 'ERR_NUMNODE_ARG', TypeError);
      }
      // Buffer is a Uint8Array: accepted
      b.copy(1, [2], Buffer.alloc(4), [1], 0, u(), [1], 0);
    });

    it('bad dtype codes and misaligned cast views', () => {
      for (const code of [11, -1, 1000]) {
        expectCode(() => b.cast(code, 0, [1], u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_DTYPE', TypeError);
        expectCode(() => b.cast(0, code, [1], u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_DTYPE', TypeError);
      }
      expectCode(() => b.cast(1.5, 0, [1], u(), [1], 0, u(), [1], 0), 'ERR_NUMNODE_ARG', RangeError);
      const f64 = DTYPE_CODE.float64;
      expectCode(() => b.cast(f64, f64, [2], u(), [8], 4, u(), [8], 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(() => b.cast(f64, DTYPE_CODE.int32, [2], u(), [12], 0, u(), [4], 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(() => b.cast(f64, f64, [2], new Uint8Array(new ArrayBuffer(64), 1, 32), [8], 0, u(), [8], 0), 'ERR_NUMNODE_ARG', RangeError);
      // copy does not need alignment
      b.copy(8, [2], new Uint8Array(new ArrayBuffer(64), 1, 32), [8], 3, u(), [8], 0);
    });

    it('a detached buffer (transferred away)', () => {
      const buf = new ArrayBuffer(64);
      const view = new Uint8Array(buf);
      structuredClone(buf, { transfer: [buf] });
      expect(buf.byteLength).toBe(0);
      expectCode(() => b.copy(1, [4], view, [1], 0, u(), [1], 0), 'ERR_NUMNODE_BUFFER', TypeError);
      expectCode(() => b.copy(1, [4], u(), [1], 0, view, [1], 0), 'ERR_NUMNODE_BUFFER', TypeError);
      expectCode(() => b.cast(0, 1, [4], view, [1], 0, u(), [1], 0), 'ERR_NUMNODE_BUFFER', TypeError);
      // an empty view touches nothing, even in a detached buffer
      b.copy(1, [0], view, [1], 0, u(), [1], 0);
    });

    it('a buffer detached by a getter while the arguments are read', () => {
      const buf = new ArrayBuffer(64);
      const view = new Uint8Array(buf);
      const strides = [1];
      Object.defineProperty(strides, 0, {
        get() {
          structuredClone(buf, { transfer: [buf] });
          return 1;
        },
      });
      expectCode(() => b.copy(1, [64], view, strides, 0, u(), [1], 0), 'ERR_NUMNODE_BUFFER', TypeError);
    });

    it('a shrunk resizable ArrayBuffer', () => {
      const Ctor = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & {
        resize(n: number): void;
      };
      const rab = new Ctor(64, { maxByteLength: 128 });
      const tracking = new Uint8Array(rab); // follows the length
      const fixed = new Uint8Array(rab, 0, 64); // goes out of bounds when shrunk
      rab.resize(16);
      expect(tracking.length).toBe(16);
      expectCode(() => b.copy(1, [32], tracking, [1], 0, u(), [1], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(() => b.copy(1, [32], fixed, [1], 0, u(), [1], 0), 'ERR_NUMNODE_BUFFER');
      expectCode(() => b.copy(1, [32], u(), [1], 0, tracking, [1], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      b.copy(1, [16], u(), [1], 0, tracking, [1], 0); // what is left is usable
    });
  });
});
