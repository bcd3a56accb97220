// The addon's reduce() and scan() entry points checked directly, below the NDArray
// layer: the op tables agree with TypeScript, the kernels give what a plain JS
// model of the strided views gives, and hostile arguments get coded errors,
// never a crash (the binding re-checks everything: dtypes, shapes, bounds with
// checked arithmetic, alignment, detached buffers, overlap).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { native } from '../src/backend/native/loader';
import type { NativeBinding } from '../src/backend/native/binding';
import { DTYPE_CODE } from '../src/core/dtype';
import { REDUCE_CODE, REDUCE_OPS, SCAN_CODE, SCAN_OPS } from '../src/ops/reduce-ops';
import { reduceSupported, scanSupported } from '../src/ops/reduce-exec';
import { DTYPES } from '../src/core/dtype';

const ROOT = path.resolve(__dirname, '..');
const state = native();
const b = state.binding as NativeBinding;

describe('reduce op tables', () => {
  it('src/ops/reduce-ops.ts mirrors native/kernels/reduce_ops.def', () => {
    const def = fs.readFileSync(path.join(ROOT, 'native/kernels/reduce_ops.def'), 'utf8');
    const rows = (macro: string) => [...def.matchAll(new RegExp(`^${macro}\\((\\d+), (\\w+)\\)`, 'gm'))].map((m) => ({ name: m[2], code: Number(m[1]) }));
    expect(rows('NUMNODE_REDUCE_OP')).toEqual(REDUCE_OPS.map((name, code) => ({ name, code })));
    expect(rows('NUMNODE_SCAN_OP')).toEqual(SCAN_OPS.map((name, code) => ({ name, code })));
  });

  it.skipIf(!state.binding)('the addon was built from the same table', () => {
    const t = b.reduceOpTable();
    expect(t.reduce).toEqual(REDUCE_OPS.map((name, code) => ({ name, code })));
    expect(t.scan).toEqual(SCAN_OPS.map((name, code) => ({ name, code })));
  });
});

const F64 = DTYPE_CODE.float64;
const u8 = (t: ArrayBufferView) => new Uint8Array(t.buffer, t.byteOffset, t.byteLength);

function expectCode(fn: () => unknown, code: string, cls?: ErrorConstructor, msg?: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected an error with code ${code}`).toBeInstanceOf(Error);
  expect((err as { code?: string }).code, (err as Error).message).toBe(code);
  if (cls) expect(err).toBeInstanceOf(cls);
  if (msg) expect((err as Error).message).toMatch(msg);
}

/** sum over the last axes of a C-contiguous float64 block, by b.reduce. */
function sumF64(shape: number[], nred: number, x: Float64Array): Float64Array {
  const nk = shape.length - nred;
  const kshape = shape.slice(0, nk);
  const out = new Float64Array(Math.max(1, kshape.reduce((s, d) => s * d, 1)));
  const xs: number[] = [];
  let acc = 8;
  for (let i = shape.length - 1; i >= 0; i--) { xs[i] = acc; acc *= Math.max(shape[i]!, 1); }
  const os: number[] = [];
  acc = 8;
  for (let i = nk - 1; i >= 0; i--) { os[i] = acc; acc *= Math.max(kshape[i]!, 1); }
  b.reduce(REDUCE_CODE.sum, F64, F64, shape, nred, u8(x), xs, 0, u8(out), os, 0, null, [], 0, 1, 0);
  return out;
}

describe.skipIf(!state.binding)('native reduce and scan', () => {
  it('support exactly the (op, dtype) pairs TypeScript routes to them', () => {
    const x = new Uint8Array(64);
    const out = new Uint8Array(64);
    for (const op of REDUCE_OPS) {
      for (const din of DTYPES) {
        for (const dout of DTYPES) {
          const aux = op === 'sumsqdev' ? new Uint8Array(8) : null;
          const call = () => b.reduce(REDUCE_CODE[op], DTYPE_CODE[din], DTYPE_CODE[dout], [2], 1, x, [8], 0, out, [], 0, aux, [], 0, 1, 0);
          if (reduceSupported(op, din, dout)) call();
          else expectCode(call, 'ERR_NUMNODE_DTYPE', TypeError, /is not implemented from/);
        }
      }
    }
    for (const op of SCAN_OPS) {
      for (const din of DTYPES) {
        for (const dout of DTYPES) {
          const call = () => b.scan(SCAN_CODE[op], DTYPE_CODE[din], DTYPE_CODE[dout], [2], 0, x, [8], 0, out, [8], 0);
          if (scanSupported(op, din, dout)) call();
          else expectCode(call, 'ERR_NUMNODE_DTYPE', TypeError);
        }
      }
    }
  });

  it('reduce over no axes, all axes, and empty axes', () => {
    const x = Float64Array.from({ length: 12 }, (_, i) => i + 0.5);
    expect(Array.from(sumF64([3, 4], 0, x))).toEqual(Array.from(x));
    expect(Array.from(sumF64([3, 4], 1, x))).toEqual([8, 24, 40]);
    expect(Array.from(sumF64([3, 4], 2, x))).toEqual([72]);
    expect(Array.from(sumF64([3, 0], 1, new Float64Array(0)))).toEqual([0, 0, 0]);
    // zero strides: a broadcast input
    const out = new Float64Array(2);
    b.reduce(REDUCE_CODE.sum, F64, F64, [2, 1000], 1, u8(new Float64Array([1.5, 2])), [8, 0], 0, u8(out), [8], 0, null, [], 0, 1, 0);
    expect(Array.from(out)).toEqual([1500, 2000]);
    // divisor and square root
    const o2 = new Float32Array(1);
    b.reduce(REDUCE_CODE.sum, DTYPE_CODE.float32, DTYPE_CODE.float32, [4], 1, u8(new Float32Array([1, 2, 3, 10])), [4], 0, u8(o2), [], 0, null, [], 0, 4, 1);
    expect(o2[0]).toBe(Math.fround(2));
  });

  it('sums in the fixed tree whatever the layout: reversed and transposed give the bits of the contiguous sum', () => {
    const n = 1000;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10 ** ((i % 13) - 6));
    const fwd = sumF64([n], 1, x)[0]!;
    const rev = Float64Array.from(x).reverse();
    const out = new Float64Array(1);
    b.reduce(REDUCE_CODE.sum, F64, F64, [n], 1, u8(rev), [-8], (n - 1) * 8, u8(out), [], 0, null, [], 0, 1, 0);
    expect(out[0]).toBe(fwd);
  });

  it('scan: cumsum, cumprod and diff along any axis', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const out = new Float64Array(6);
    b.scan(SCAN_CODE.cumsum, F64, F64, [2, 3], 1, u8(x), [24, 8], 0, u8(out), [24, 8], 0);
    expect(Array.from(out)).toEqual([1, 3, 6, 4, 9, 15]);
    b.scan(SCAN_CODE.cumprod, F64, F64, [2, 3], 0, u8(x), [24, 8], 0, u8(out), [24, 8], 0);
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 10, 18]);
    const d = new Float64Array(4);
    b.scan(SCAN_CODE.diff, F64, F64, [2, 3], 1, u8(x), [24, 8], 0, u8(d), [16, 8], 0);
    expect(Array.from(d)).toEqual([1, 1, 1, 1]);
    const i8 = new Int8Array([100, 100, 100]);
    const o64 = new BigInt64Array(3);
    b.scan(SCAN_CODE.cumsum, DTYPE_CODE.int8, DTYPE_CODE.int64, [3], 0, u8(i8), [1], 0, u8(o64), [8], 0);
    expect(Array.from(o64)).toEqual([100n, 200n, 300n]);
  });

  describe('hostile arguments give coded errors, never a crash', () => {
    const x = () => new Uint8Array(new Float64Array(8).buffer);
    const o = () => new Uint8Array(new Float64Array(8).buffer);
    const R = (...args: unknown[]) => () => (b.reduce as unknown as (...a: unknown[]) => void)(...args);
    const S = (...args: unknown[]) => () => (b.scan as unknown as (...a: unknown[]) => void)(...args);

    it('argument counts, op codes, dtype codes', () => {
      expectCode(R(0, F64, F64), 'ERR_NUMNODE_ARG', TypeError);
      expectCode(R(99, F64, F64, [8], 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(R(-1, F64, F64, [8], 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(R(0, 11, F64, [8], 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_DTYPE', TypeError);
      expectCode(R(0, F64, 1.5, [8], 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(S(7, F64, F64, [8], 0, x(), [8], 0, o(), [8], 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(S(0, F64, F64, [], 0, x(), [], 0, o(), [], 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(S(0, F64, F64, [8], 1, x(), [8], 0, o(), [8], 0), 'ERR_NUMNODE_ARG', RangeError);
    });

    it('shapes, strides, nReduce', () => {
      expectCode(R(0, F64, F64, [-1], 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(R(0, F64, F64, [8], 2, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(R(0, F64, F64, [2, 4], 1, x(), [32], 0, o(), [8], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(R(0, F64, F64, [2, 4], 1, x(), [32, 8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(R(0, F64, F64, [2 ** 40, 2 ** 40], 2, x(), [0, 0], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError, /too big/);
      expectCode(R(0, F64, F64, new Array(65).fill(1), 1, x(), new Array(65).fill(8), 0, o(), new Array(64).fill(8), 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(R(0, F64, F64, '8', 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', TypeError);
    });

    it('views reaching outside their buffers, or misaligned', () => {
      expectCode(R(0, F64, F64, [9], 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(R(0, F64, F64, [8], 1, x(), [8], 8, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(R(0, F64, F64, [8], 1, x(), [-8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(R(0, F64, F64, [2, 4], 1, x(), [32, 8], 0, o(), [8], 60, null, [], 0, 1, 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(R(0, F64, F64, [2, 4], 1, x(), [2 ** 52, 8], 0, o(), [8], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(R(0, F64, F64, [4], 1, x(), [8], 4, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError, /aligned/);
      expectCode(R(0, F64, F64, [4], 1, x(), [12], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError, /aligned/);
      expectCode(S(0, F64, F64, [8], 0, x(), [8], 0, o(), [8], 8, null), 'ERR_NUMNODE_ARG', TypeError);
      expectCode(S(0, F64, F64, [8], 0, x(), [8], 0, o(), [8], 8), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(S(2, F64, F64, [9], 0, x(), [8], 0, o(), [8], 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(R(0, F64, F64, [8], 1, new Float64Array(8), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', TypeError);
    });

    it('aux, divisor, post', () => {
      const aux = new Uint8Array(8);
      expectCode(R(REDUCE_CODE.sum, F64, F64, [8], 1, x(), [8], 0, o(), [], 0, aux, [], 0, 1, 0), 'ERR_NUMNODE_ARG', TypeError, /aux must be null/);
      expectCode(R(REDUCE_CODE.sumsqdev, F64, F64, [8], 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', TypeError);
      expectCode(R(REDUCE_CODE.sumsqdev, F64, F64, [2, 4], 1, x(), [32, 8], 0, o(), [8], 0, aux, [8], 0, 1, 0), 'ERR_NUMNODE_BUFFER', RangeError);
      expectCode(R(0, F64, F64, [8], 1, x(), [8], 0, o(), [], 0, null, [], 0, '1', 0), 'ERR_NUMNODE_ARG', TypeError);
      expectCode(R(0, F64, F64, [8], 1, x(), [8], 0, o(), [], 0, null, [], 0, 1, 2), 'ERR_NUMNODE_ARG', RangeError);
      expectCode(R(0, DTYPE_CODE.int32, DTYPE_CODE.int64, [8], 1, x(), [4], 0, o(), [], 0, null, [], 0, 2, 0), 'ERR_NUMNODE_ARG', RangeError, /floating-point results only/);
    });

    it('an empty reduction without identity, and out overlapping x', () => {
      expectCode(R(REDUCE_CODE.max, F64, F64, [3, 0], 1, x(), [0, 8], 0, o(), [8], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError, /zero-size array to reduction operation max which has no identity/);
      b.reduce(REDUCE_CODE.max, F64, F64, [0, 5], 1, x(), [40, 8], 0, o(), [8], 0, null, [], 0, 1, 0); // no outputs: fine
      const shared = x();
      expectCode(R(0, F64, F64, [2, 4], 1, shared, [32, 8], 0, shared, [8], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_ARG', RangeError, /overlaps/);
      expectCode(S(0, F64, F64, [8], 0, shared, [8], 0, shared, [8], 0), 'ERR_NUMNODE_ARG', RangeError, /overlaps/);
    });

    it('a detached buffer, also when detached by a getter while arguments are read', () => {
      const buf = new ArrayBuffer(64);
      const view = new Uint8Array(buf);
      structuredClone(buf, { transfer: [buf] });
      expectCode(R(0, F64, F64, [8], 1, view, [8], 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_BUFFER', TypeError);
      expectCode(S(0, F64, F64, [8], 0, view, [8], 0, o(), [8], 0), 'ERR_NUMNODE_BUFFER', TypeError);
      const buf2 = new ArrayBuffer(64);
      const v2 = new Uint8Array(buf2);
      const strides = [8];
      Object.defineProperty(strides, 0, {
        get() {
          structuredClone(buf2, { transfer: [buf2] });
          return 8;
        },
      });
      expectCode(R(0, F64, F64, [8], 1, v2, strides, 0, o(), [], 0, null, [], 0, 1, 0), 'ERR_NUMNODE_BUFFER', TypeError);
    });
  });
});
