// Memory: arrays borrowing a user's buffer (frombuffer, asarray of a TypedArray),
// what happens when that buffer is detached or shrunk, numnode's own buffers being
// untransferable, `empty`, hostile sizes, and read-only broadcast views.
import { MessageChannel } from 'node:worker_threads';
import { inspect } from 'node:util';
import { expect, it } from 'vitest';
import * as np from '../src/index';
import type { NDArray } from '../src/index';
import { describeBackends } from './helpers/backends';
import { flat, loadFixture, thrown } from './helpers/fixtures';

const fx = loadFixture();

function expectCode(fn: () => unknown, cls: typeof Error, code: string, msg?: string | RegExp): void {
  const e = thrown(fn, code);
  expect(e, `${e.constructor.name}: ${e.message}`).toBeInstanceOf(cls);
  expect(e.code, e.message).toBe(code);
  if (typeof msg === 'string') expect(e.message).toBe(msg);
  else if (msg) expect(e.message).toMatch(msg);
}

/** Every way of reading an array's elements, each of which must notice a missing buffer. */
const READERS: [string, (a: NDArray) => unknown][] = [
  ['get', (a) => a.get(...a.shape.map(() => 0))],
  ['item', (a) => a.item(0)],
  ['copy', (a) => a.copy()],
  ['copy F', (a) => a.copy('F')],
  ['astype', (a) => a.astype('float32')],
  ['toArray', (a) => a.toArray()],
  ['toTypedArray', (a) => a.toTypedArray()],
  ['flatten', (a) => a.flatten()],
  ['fill', (a) => a.fill(1)],
  ['set', (a) => a.set(a.shape.map(() => 0), 1)],
  ['assign', (a) => a.assign(np.ones(a.shape))],
  ['np.array', (a) => np.array(a)],
  ['concatenate', (a) => np.concatenate([a, a])],
  ['String', (a) => String(a)],
];

describeBackends('core buffers', () => {
  it('frombuffer borrows the buffer: writes are visible both ways, nothing is copied', () => {
    const buf = new ArrayBuffer(48);
    const ta = new Float64Array(buf);
    const a = np.frombuffer(buf, { dtype: 'float64' });
    expect(a.buffer).toBe(buf);
    expect(a.byteOffset).toBe(0);
    expect([...a.shape]).toEqual([6]);
    ta[1] = 5.5;
    expect(a.get(1)).toBe(5.5);
    a.set([2], -7.25);
    expect(ta[2]).toBe(-7.25);
    a.slice('3:').fill(9); // a view of the borrowed memory writes through too
    expect(Array.from(ta.subarray(3))).toEqual([9, 9, 9]);
    a.reshape(2, 3).T.slice(0).assign([1, 2]); // strided write through a transposed view
    expect(ta[0]).toBe(1);
    expect(ta[3]).toBe(2);
  });

  it('frombuffer of a TypedArray borrows its window; offset and count select within it', () => {
    const buf = new ArrayBuffer(64);
    const view = new Int32Array(buf, 8, 10);
    const a = np.frombuffer(view, { dtype: 'int32', offset: 8, count: 4 });
    expect(a.buffer).toBe(buf);
    expect(a.byteOffset).toBe(16);
    expect([...a.shape]).toEqual([4]);
    view[2] = 42;
    expect(a.get(0)).toBe(42);
    a.set([-1], -3);
    expect(view[5]).toBe(-3);
    const u = np.frombuffer(new Uint8Array(buf, 3, 5), { dtype: 'uint8' });
    expect(u.byteOffset).toBe(3);
  });

  it('asarray of a TypedArray borrows it; np.array copies it', () => {
    const ta = new Uint16Array([1, 2, 3]);
    const a = np.asarray(ta);
    expect(a.dtype).toBe('uint16');
    expect(a.buffer).toBe(ta.buffer);
    ta[0] = 100;
    expect(a.get(0)).toBe(100);
    const c = np.array(ta);
    ta[1] = 200;
    expect(c.get(1)).toBe(2);
    expect(c.buffer).not.toBe(ta.buffer);
  });

  it('frombuffer accepts a zero-length buffer and a SharedArrayBuffer', () => {
    const z = np.frombuffer(new ArrayBuffer(0), { dtype: 'int16' });
    expect([...z.shape]).toEqual([0]);
    expect(z.toArray()).toEqual([]);
    const sab = new SharedArrayBuffer(16);
    const s = np.frombuffer(sab, { dtype: 'uint32' });
    s.set([3], 77);
    expect(new Uint32Array(sab)[3]).toBe(77);
    expect(s.copy().get(3)).toBe(77);
  });

  it('a detached buffer (transferred after frombuffer) is ERR_NUMNODE_BUFFER for every reader, never a crash', () => {
    for (const [name, read] of READERS) {
      const buf = new ArrayBuffer(64);
      const a = np.frombuffer(buf, { dtype: 'float64' });
      const v = a.slice('1::2'); // a view made before the transfer
      const moved = structuredClone(buf, { transfer: [buf] });
      expect(buf.byteLength).toBe(0);
      expect(moved.byteLength).toBe(64);
      expectCode(() => read(a), Error, 'ERR_NUMNODE_BUFFER', /detached/);
      expectCode(() => read(v), Error, 'ERR_NUMNODE_BUFFER', /detached/);
      expect(() => inspect(a), `${name}: inspect`).not.toThrow();
    }
  });

  it('a resizable ArrayBuffer shrunk below the array is ERR_NUMNODE_BUFFER; views still inside keep working', () => {
    // (typed by hand: resizable buffers are ES2024, the project's lib is ES2022)
    type Resizable = ArrayBuffer & { resize(n: number): void };
    const buf = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable)(64, { maxByteLength: 128 });
    const a = np.frombuffer(buf, { dtype: 'float64' });
    expect([...a.shape]).toEqual([8]);
    a.assign(np.arange(8));
    const head = a.slice(':2');
    buf.resize(24);
    for (const [, read] of READERS) expectCode(() => read(a), Error, 'ERR_NUMNODE_BUFFER', /resized to 24 bytes; this array needs 64/);
    expect(head.toArray()).toEqual([0, 1]);
    expect(head.copy().toArray()).toEqual([0, 1]);
    buf.resize(64); // grown back: the bytes are there again (zeroed beyond 24 by the resize)
    expect(flat(a)).toEqual([0, 1, 2, 0, 0, 0, 0, 0]);
  });

  it('numnode\'s own buffers cannot be transferred away (structuredClone and postMessage copy instead)', () => {
    for (const a of [np.zeros(4), np.zeros(100_000), np.empty(3, { dtype: 'int8' }), np.arange(10).copy()]) {
      a.fill(3);
      const before = a.buffer.byteLength;
      try {
        structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
      } catch {
        // refusing is fine too
      }
      expect(a.buffer.byteLength).toBe(before);
      const { port1, port2 } = new MessageChannel();
      try {
        port1.postMessage(a.buffer, [a.buffer as ArrayBuffer]);
      } catch {
        // refusing is fine too
      } finally {
        port1.close();
        port2.close();
      }
      expect(a.buffer.byteLength).toBe(before);
      expect(flat(a).every((v) => v === 3 || v === 3n)).toBe(true);
    }
  });

  it('empty gives the shape, dtype and C/F strides asked for (its contents are unspecified)', () => {
    for (const dtype of fx.dtypes) {
      const a = np.empty([3, 4], { dtype });
      expect(a.dtype).toBe(dtype);
      expect([...a.shape]).toEqual([3, 4]);
      expect([...a.strides]).toEqual([4 * a.itemsize, a.itemsize]);
      expect(a.flags.ownData && a.flags.writeable).toBe(true);
      const f = np.empty([3, 4], { dtype, order: 'F' });
      expect([...f.strides]).toEqual([f.itemsize, 3 * f.itemsize]);
      a.fill(1);
      expect(flat(a).every((v) => v === 1 || v === 1n || v === true)).toBe(true);
    }
    expect([...np.empty(0).strides]).toEqual([0]); // NumPy's strides for a fresh empty array
    expect(np.emptyLike(np.zeros([2, 5], { dtype: 'int16' })).dtype).toBe('int16');
  });

  it('hostile sizes are ERR_NUMNODE_ALLOC before anything is allocated', () => {
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const tooBig = 'array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.';
    expectCode(() => np.zeros([2 ** 40, 2 ** 40]), RangeError, 'ERR_NUMNODE_ALLOC', tooBig);
    expectCode(() => np.empty(2 ** 60), RangeError, 'ERR_NUMNODE_ALLOC', tooBig);
    expectCode(() => np.ones([2 ** 31, 2 ** 31, 4], { dtype: 'int8' }), RangeError, 'ERR_NUMNODE_ALLOC', tooBig);
    expectCode(() => np.zeros(2 ** 40), RangeError, 'ERR_NUMNODE_ALLOC', /^Unable to allocate 8\.0 TiB/);
    expectCode(() => np.full([2 ** 20, 2 ** 20], 1.5), RangeError, 'ERR_NUMNODE_ALLOC');
    expectCode(() => np.eye(2 ** 30), RangeError, 'ERR_NUMNODE_ALLOC');
    expectCode(() => np.zeros([2 ** 40, 2 ** 40]).reshape(-1), RangeError, 'ERR_NUMNODE_ALLOC');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    // A zero in the shape makes any other dimension harmless, as in NumPy.
    expect(np.zeros([0, 2 ** 52]).size).toBe(0);
  });

  it('broadcastTo views are read-only, with zero strides; copies of them are writable', () => {
    const src = np.arange(3, { dtype: 'float64' });
    const b = np.broadcastTo(src, [4, 3]);
    expect([...b.strides]).toEqual([0, 8]);
    expect(b.flags.writeable).toBe(false);
    expect(np.broadcastTo(src, [3]).flags.writeable).toBe(false); // even when nothing is stretched (NumPy)
    const msg = 'assignment destination is read-only';
    expectCode(() => b.set([0, 0], 1), RangeError, 'ERR_NUMNODE_READONLY', msg);
    expectCode(() => b.fill(1), RangeError, 'ERR_NUMNODE_READONLY', msg);
    expectCode(() => b.assign(1), RangeError, 'ERR_NUMNODE_READONLY', msg);
    for (const v of [b.slice(1), b.T, b.reshape(4, 3, 1), b.slice('::-1'), np.expandDims(b, 0), b.squeeze()]) {
      expect(v.flags.writeable).toBe(false);
      expectCode(() => v.fill(0), RangeError, 'ERR_NUMNODE_READONLY', msg);
    }
    expect(b.reshape(12).flags.writeable).toBe(true); // a copy, as in NumPy
    expect(flat(src)).toEqual([0, 1, 2]);
    const c = b.copy();
    expect(c.flags.writeable).toBe(true);
    c.set([3, 2], 9);
    expect(c.get(3, 2)).toBe(9);
    expect(src.get(2)).toBe(2);
  });
});
