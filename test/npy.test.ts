// .npy/.npz: round trips for every dtype, order, version and shape; byte-for-byte equality
// with NumPy's writer and two-way exchange with NumPy (live, when python3 has NumPy);
// hostile inputs refused with ERR_NUMNODE_NPY.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { NDArray } from '../src/core/ndarray';
import type { DType } from '../src/core/dtype';
import { DEFAULT_MAX_INFLATED, NpzFile, mmapAvailable, parseNpyHeader } from '../src/io';

const DTYPES: DType[] = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64'];
const dir = mkdtempSync(join(tmpdir(), 'numnode-npy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

function python(code: string): string {
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}

/** A deterministic test array of a dtype and shape with interesting values. */
function sample(dtype: DType, shape: number[]): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const vals: (number | bigint | boolean)[] = [];
  for (let i = 0; i < n; i++) {
    if (dtype === 'bool') vals.push(i % 3 === 0);
    else if (dtype === 'int64') vals.push(BigInt(i * 7919 - 3) * (i % 2 ? -1234567890123n : 1n));
    else if (dtype === 'uint64') vals.push(BigInt.asUintN(64, BigInt(i) * 1234567890123457n + 18446744073709551000n * BigInt(i % 2)));
    else if (dtype === 'float32' || dtype === 'float64') vals.push(i % 5 === 0 ? -0 : (i - 3.25) * 1.5e-3 * (i % 2 ? 1e30 : 1));
    else vals.push(i * 37 - 5);
  }
  const flat = dtype === 'int64' || dtype === 'uint64' || dtype === 'bool' || dtype.startsWith('float')
    ? np.array(vals as number[], { dtype })
    : np.array(vals as number[], { dtype: 'int64' }).astype(dtype); // wraps out-of-range values as C casts do
  return flat.reshape(shape);
}

function same(a: NDArray, b: NDArray): void {
  expect(a.dtype).toBe(b.dtype);
  expect(a.shape).toEqual(b.shape);
  const x = a.toTypedArray();
  const y = b.toTypedArray();
  expect(Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength))).toBe(true);
}

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded: ${(e as Error).message}`;
  }
  return undefined;
}

const SHAPES: number[][] = [[], [0], [5], [3, 4], [2, 3, 4], [0, 3], [1, 1]];

describe('toNpy/fromNpy round trips', () => {
  it.each(DTYPES)('%s: every shape, C and F order, versions 1.0/2.0/3.0', (dtype) => {
    for (const shape of SHAPES) {
      const a = sample(dtype, shape);
      for (const version of ['1.0', '2.0', '3.0'] as const) {
        for (const arr of a.ndim > 0 ? [a, a.T, np.asfortranarray(a)] : [a]) {
          const bytes = np.toNpy(arr, { version });
          expect(bytes[6]).toBe(Number(version[0]));
          const h = parseNpyHeader(bytes);
          expect(h.dataOffset % 64).toBe(0);
          same(np.fromNpy(bytes), arr);
          same(np.fromNpy(bytes, { copy: true }), arr);
        }
      }
    }
  });

  it('writes Fortran order for F-contiguous arrays and copies other layouts to C order', () => {
    const a = sample('float64', [3, 4]);
    expect(parseNpyHeader(np.toNpy(a.T)).fortranOrder).toBe(true);
    expect(parseNpyHeader(np.toNpy(a)).fortranOrder).toBe(false);
    const strided = a.slice('::2', '::-1');
    const h = parseNpyHeader(np.toNpy(strided));
    expect(h.fortranOrder).toBe(false);
    same(np.fromNpy(np.toNpy(strided)), strided);
  });

  it('shares memory with aligned little-endian input and copies misaligned input', () => {
    const bytes = np.toNpy(sample('float64', [4]));
    const a = np.fromNpy(bytes);
    expect(a.buffer).toBe(bytes.buffer);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const b = np.fromNpy(shifted.subarray(1));
    expect(b.buffer).not.toBe(shifted.buffer);
    same(b, a);
  });

  it('reads big-endian data (swapping it) and refuses object arrays with NumPy\'s reason', () => {
    const hdr = (descr: string, shape: string) => {
      const text = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
      const pad = 64 - ((10 + text.length + 1) % 64);
      const h = Buffer.alloc(10 + text.length + pad + 1, 0x20);
      Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(h);
      h.writeUInt16LE(text.length + pad + 1, 8);
      h.write(text, 10, 'latin1');
      h[h.length - 1] = 0x0a;
      return h;
    };
    const be = Buffer.concat([hdr('>i4', '(2,)'), Buffer.from([0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe])]);
    expect(np.fromNpy(be).toArray()).toEqual([258, -2]);
    const bef = Buffer.concat([hdr('>f8', '(1,)'), Buffer.from([0x3f, 0xf8, 0, 0, 0, 0, 0, 0])]);
    expect(np.fromNpy(bef).toArray()).toEqual([1.5]);
    try {
      np.fromNpy(Buffer.concat([hdr('|O', '(1,)'), Buffer.alloc(8)]));
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('ERR_NUMNODE_NPY');
      expect((e as Error).message).toBe('Object arrays cannot be loaded when allow_pickle=False');
    }
    // Python 2 headers: 'L' suffixes on integers (format 1.0)
    const py2 = Buffer.concat([hdr('<i2', '(2L,)'), Buffer.from([1, 0, 2, 0])]);
    expect(np.fromNpy(py2).toArray()).toEqual([1, 2]);
  });
});

describe('save/load', () => {
  it.each(DTYPES)('%s: save then load, C and F order', (dtype) => {
    for (const shape of SHAPES) {
      const a = sample(dtype, shape);
      for (const arr of a.ndim > 0 ? [a, np.asfortranarray(a)] : [a]) {
        const p = join(dir, `rt-${dtype}-${shape.join('x')}.npy`);
        np.save(p, arr);
        same(np.load(p) as NDArray, arr);
        same(np.load(p, { mmapMode: 'c' }) as NDArray, arr);
        const r = np.load(p, { mmapMode: 'r' }) as NDArray;
        same(r, arr);
        expect(r.flags.writeable).toBe(false);
      }
    }
  });

  it("appends '.npy' as np.save does, and refuses missing files with a coded error", () => {
    np.save(join(dir, 'noext'), sample('int32', [3]));
    expect((np.load(join(dir, 'noext.npy')) as NDArray).toArray()).toEqual([-5, 32, 69]);
    expect(code(() => np.load(join(dir, 'does-not-exist.npy')))).toBe('ERR_NUMNODE_NPY');
  });
});

describe.skipIf(!mmapAvailable())('mmapMode through the addon', () => {
  it("maps the file: 'r' read-only, 'c' copy-on-write, 'r+' writes through", () => {
    const p = join(dir, 'mapped.npy');
    const a = sample('float64', [64, 3]);
    np.save(p, a);
    const size = readFileSync(p).length;
    const r = np.load(p, { mmapMode: 'r' }) as NDArray;
    expect(r.buffer.byteLength).toBe(size); // the whole file is the buffer
    expect(r.byteOffset).toBe(128);
    expect(r.flags.writeable).toBe(false);
    same(r, a);
    expect(code(() => r.set([0, 0], 1))).toBe('ERR_NUMNODE_READONLY');
    const c = np.load(p, { mmapMode: 'c' }) as NDArray;
    c.set([0, 0], 123);
    expect(c.get(0, 0)).toBe(123);
    expect((np.load(p) as NDArray).get(0, 0)).toBe(a.get(0, 0));
    const w = np.load(p, { mmapMode: 'r+' }) as NDArray;
    w.set([1, 2], -7.5);
    expect((np.load(p) as NDArray).get(1, 2)).toBe(-7.5);
    // Fortran order maps too; big-endian data falls back to a swapped copy
    np.save(p, np.asfortranarray(a));
    const f = np.load(p, { mmapMode: 'r' }) as NDArray;
    expect(f.flags.fContiguous).toBe(true);
    same(f, a);
  });

  it('maps a large file without reading it', () => {
    const p = join(dir, 'large.npy');
    const a = np.zeros([4096, 4096]); // 128 MiB
    a.set([4095, 4095], 2.5);
    np.save(p, a);
    const t0 = performance.now();
    const m = np.load(p, { mmapMode: 'r' }) as NDArray;
    const dt = performance.now() - t0;
    expect(m.get(4095, 4095)).toBe(2.5);
    expect(dt).toBeLessThan(50);
  });
});

describe('npz', () => {
  it('savez/savezCompressed round trip, names and positional arrays, lazily', () => {
    const a = sample('float64', [3, 4]);
    const b = sample('int16', [5]);
    const c = sample('bool', []);
    for (const [fn, name] of [[np.savez, 'u.npz'], [np.savezCompressed, 'c.npz']] as const) {
      const p = join(dir, name);
      fn(p, a, { weights: b, flag: c });
      const z = np.load(p) as NpzFile;
      expect(z).toBeInstanceOf(NpzFile);
      expect(z.files).toEqual(['weights', 'flag', 'arr_0']);
      same(z.get('arr_0'), a);
      same(z.get('weights'), b);
      same(z.get('flag'), c);
      expect([...z.keys()]).toEqual(z.files);
      expect(code(() => z.get('nope'))).toBe('ERR_NUMNODE_INDEX');
      z.close();
      expect(code(() => z.get('arr_0'))).toBe('ERR_NUMNODE_NPY');
    }
  });

  it('caps the inflated size of members (zip bombs)', () => {
    // 16 MiB of zeros deflate to ~16 KiB: refused under a 1 MiB cap, accepted with a raised one
    const big = np.zeros([2 * 1024 * 1024]);
    const p = join(dir, 'bomb.npz');
    np.savezCompressed(p, { z: big });
    const z = np.load(p, { maxInflatedBytes: 1 << 20 }) as NpzFile;
    expect(code(() => z.get('z'))).toBe('ERR_NUMNODE_NPY');
    expect((np.load(p) as NpzFile).get('z').size).toBe(big.size);
    expect(DEFAULT_MAX_INFLATED).toBe(2 ** 30);
    // a member that lies about its size: claimed sizes are patched in the directory
    const bytes = new Uint8Array(readFileSync(p));
    const dv = new DataView(bytes.buffer);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (dv.getUint32(i, true) === 0x02014b50) { dv.setUint32(i + 24, 2 ** 31, true); break; }
    }
    const liar = NpzFile.fromBytes(bytes, { maxInflatedBytes: 2 ** 32 });
    expect(code(() => liar.get('z'))).toBe('ERR_NUMNODE_NPY');
  });

  it('stops inflating a member that produces more than it declares', () => {
    const p = join(dir, 'liar.npz');
    np.savezCompressed(p, { z: np.zeros([1024 * 1024]) }); // 8 MiB of zeros, ~8 KB compressed
    const bytes = new Uint8Array(readFileSync(p));
    const dv = new DataView(bytes.buffer);
    // declare 1000 bytes, in the local header and in the central directory
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = dv.getUint32(i, true);
      if (sig === 0x04034b50 && i === 0) dv.setUint32(i + 22, 1000, true);
      if (sig === 0x02014b50) dv.setUint32(i + 24, 1000, true);
    }
    const t0 = performance.now();
    expect(code(() => NpzFile.fromBytes(bytes).get('z'))).toBe('ERR_NUMNODE_NPY');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses a forged zip64 directory claiming billions of entries, quickly', () => {
    np.savez(join(dir, 'z64.npz'), np.arange(3));
    const base = readFileSync(join(dir, 'z64.npz'));
    // append a zip64 end record (count 2**32 - 1) and its locator before the end record
    const eocdAt = base.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const z64 = Buffer.alloc(56);
    z64.writeUInt32LE(0x06064b50, 0);
    z64.writeUInt32LE(0xffffffff, 32);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeUInt32LE(eocdAt, 8); // where the zip64 record will be
    const forged = Buffer.concat([base.subarray(0, eocdAt), z64, loc, base.subarray(eocdAt)]);
    const t0 = performance.now();
    expect(code(() => NpzFile.fromBytes(forged))).toBe('ERR_NUMNODE_NPY');
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('refuses archives that are not zip files and members that are not .npy', () => {
    const p = join(dir, 'junk.npz');
    writeFileSync(p, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]));
    expect(code(() => np.load(p))).toBe('ERR_NUMNODE_NPY');
    const z = NpzFile.fromBytes(zipSync({ 'a.npy': new Uint8Array([1, 2, 3]) }));
    expect(code(() => z.get('a'))).toBe('ERR_NUMNODE_NPY');
  });

  it('checks each member against the CRC-32 its directory entry records (as zipfile does)', () => {
    for (const [fn, name] of [[np.savez, 'crc-u.npz'], [np.savezCompressed, 'crc-c.npz']] as const) {
      const p = join(dir, name);
      fn(p, { a: np.arange(1000, { dtype: 'float64' }), b: np.arange(3) });
      const bytes = new Uint8Array(readFileSync(p));
      const dv = new DataView(bytes.buffer);
      // the stored CRC of member a.npy, in the central directory, off by one bit
      let patched = false;
      for (let i = bytes.length - 22; i >= 0 && !patched; i--) {
        if (dv.getUint32(i, true) !== 0x02014b50) continue;
        const nameLen = dv.getUint16(i + 28, true);
        if (Buffer.from(bytes.subarray(i + 46, i + 46 + nameLen)).toString() !== 'a.npy') continue;
        dv.setUint32(i + 16, dv.getUint32(i + 16, true) ^ 1, true);
        patched = true;
      }
      expect(patched).toBe(true);
      const z = NpzFile.fromBytes(bytes);
      expect(() => z.get('a')).toThrow(/Bad CRC-32 for file 'a\.npy'/);
      expect(code(() => z.get('a'))).toBe('ERR_NUMNODE_NPY');
      expect(z.get('b').size).toBe(3); // the other member is intact
    }
  });
});

describe('hostile .npy input is refused with ERR_NUMNODE_NPY', () => {
  const good = Buffer.from(np.toNpy(sample('float64', [3, 4])));
  const withHeader = (text: string, version = 1, data: Buffer = Buffer.alloc(0)) => {
    const lenBytes = version === 1 ? 2 : 4;
    const h = Buffer.alloc(8 + lenBytes + text.length + 1, 0x20);
    Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(h);
    if (lenBytes === 2) h.writeUInt16LE(text.length + 1, 8); else h.writeUInt32LE(text.length + 1, 8);
    h.write(text, 8 + lenBytes, 'latin1');
    h[h.length - 1] = 0x0a;
    return Buffer.concat([h, data]);
  };
  const cases: [string, Buffer][] = [
    ['empty input', Buffer.alloc(0)],
    ['bad magic', Buffer.concat([Buffer.from('XNUMPY'), good.subarray(6)])],
    ['unknown version', Buffer.concat([good.subarray(0, 6), Buffer.from([4, 0]), good.subarray(8)])],
    ['minor version', Buffer.concat([good.subarray(0, 6), Buffer.from([1, 1]), good.subarray(8)])],
    ['truncated preamble', good.subarray(0, 9)],
    ['truncated header', good.subarray(0, 40)],
    ['header longer than 10000', withHeader(`{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }${' '.repeat(10001)}`, 2, Buffer.alloc(8))],
    ['not a dict', withHeader("['descr', '<f8']")],
    ['missing key', withHeader("{'descr': '<f8', 'shape': (3,)}")],
    ['extra key', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}")],
    ['non-string key', withHeader("{1: '<f8', 'fortran_order': False, 'shape': (3,)}")],
    ['shape not a tuple', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': [3]}")],
    ['shape (3) is an int', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3)}")],
    ['negative shape', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}")],
    ['float in shape', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,)}")],
    ['overflowing shape', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296)}")],
    ['huge shape, little data', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000,)}", 1, Buffer.alloc(64))],
    ['data shorter than promised', good.subarray(0, good.length - 1)],
    ['fortran_order not a bool', withHeader("{'descr': '<f8', 'fortran_order': 0, 'shape': (0,)}")],
    ['unknown descr', withHeader("{'descr': '<x9', 'fortran_order': False, 'shape': (0,)}")],
    ['complex descr', withHeader("{'descr': '<c16', 'fortran_order': False, 'shape': (0,)}")],
    ['structured descr', withHeader("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (0,)}")],
    ['object in structured descr', withHeader("{'descr': [('a', '|O')], 'fortran_order': False, 'shape': (0,)}")],
    ['object descr', withHeader("{'descr': '|O', 'fortran_order': False, 'shape': (1,)}", 1, Buffer.alloc(8))],
    ['a call in the header', withHeader("{'descr': __import__('os').system('true'), 'fortran_order': False, 'shape': (0,)}")],
    ['unterminated string', withHeader("{'descr': '<f8, 'fortran_order': False, 'shape': (0,)}")],
    ['deep nesting', withHeader(`{'descr': '<f8', 'fortran_order': False, 'shape': ${'('.repeat(5000)}${')'.repeat(5000)}}`, 2)],
    ['trailing garbage', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (0,)} junk")],
    ['invalid utf-8 in 3.0', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (0,)}\xff", 3)],
  ];
  it.each(cases)('%s', (_name, bytes) => {
    expect(code(() => np.fromNpy(bytes))).toBe('ERR_NUMNODE_NPY');
  });

  it('refuses pickles and other files in load()', () => {
    const p = join(dir, 'pickle.npy');
    writeFileSync(p, Buffer.from([0x80, 0x04, 0x95, 0, 0, 0]));
    expect(code(() => np.load(p))).toBe('ERR_NUMNODE_NPY');
    const q = join(dir, 'text.npy');
    writeFileSync(q, 'hello');
    expect(code(() => np.load(q))).toBe('ERR_NUMNODE_NPY');
    const big = join(dir, 'short.npy');
    writeFileSync(big, withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000,)}"));
    expect(code(() => np.load(big))).toBe('ERR_NUMNODE_NPY');
  });

  it('accepts a larger header when maxHeaderSize allows it', () => {
    const text = `{'descr': '<i1', 'fortran_order': False, 'shape': (2,), }${' '.repeat(20000)}`;
    const bytes = withHeader(text, 2, Buffer.from([5, 6]));
    expect(code(() => np.fromNpy(bytes))).toBe('ERR_NUMNODE_NPY');
    expect(np.fromNpy(bytes, { maxHeaderSize: 30000 }).toArray()).toEqual([5, 6]);
  });
});

describe.skipIf(!hasNumpy)('live exchange with NumPy', () => {
  const orders = ['C', 'F'];
  const versions = [[1, 0], [2, 0], [3, 0]];

  it('numnode writes exactly the bytes NumPy writes', () => {
    const specs: { dtype: DType; shape: number[]; order: string }[] = [];
    for (const dtype of DTYPES) for (const shape of SHAPES) for (const order of orders) specs.push({ dtype, shape, order });
    const out = JSON.parse(python(`
import json, numpy as np, io, base64
specs = json.loads(${JSON.stringify(JSON.stringify(specs))})
res = []
for s in specs:
    n = int(np.prod(s['shape']))
    a = np.arange(n).astype(s['dtype']).reshape(s['shape'], order=s['order'])
    f = io.BytesIO(); np.save(f, a); res.append(base64.b64encode(f.getvalue()).decode())
print(json.dumps(res))`)) as string[];
    specs.forEach((s, i) => {
      const n = s.shape.reduce((a, b) => a * b, 1);
      let a = np.arange(n).astype(s.dtype).reshape(s.shape, { order: s.order as 'C' | 'F' });
      if (s.order === 'F' && a.ndim > 0) a = np.asfortranarray(a);
      const mine = Buffer.from(np.toNpy(a));
      expect(mine.toString('base64'), `${s.dtype} ${s.shape} ${s.order}`).toBe(out[i]);
    });
  });

  it('NumPy writes every dtype/order/version/byte order; numnode reads it', () => {
    const sub = join(dir, 'from-numpy');
    python(`
import numpy as np, os, itertools
from numpy.lib import format as fmt
os.makedirs(${JSON.stringify(sub)}, exist_ok=True)
rng = np.random.default_rng(5)
for dt, shape, order, ver, bo in itertools.product(${JSON.stringify(DTYPES)}, [(), (0,), (7,), (3, 5), (2, 3, 4)], 'CF', [(1,0),(2,0),(3,0)], '<>'):
    d = np.dtype(dt).newbyteorder(bo) if np.dtype(dt).itemsize > 1 else np.dtype(dt)
    a = (rng.random(shape) * 200 - 100).astype(dt).astype(d)
    a = np.asfortranarray(a) if order == 'F' else np.ascontiguousarray(a) if a.ndim else a
    name = f"{dt}-{'x'.join(map(str, shape))}-{order}-{ver[0]}-{'be' if bo == '>' else 'le'}"
    with open(os.path.join(${JSON.stringify(sub)}, name + '.npy'), 'wb') as f:
        fmt.write_array(f, a, version=ver)
    with open(os.path.join(${JSON.stringify(sub)}, name + '.txt'), 'w') as f:
        f.write(a.astype(a.dtype.newbyteorder('<')).tobytes().hex() if a.dtype.itemsize > 1 else a.tobytes().hex())
`);
    const names = spawnSync('ls', [sub], { encoding: 'utf8' }).stdout.split('\n').filter((n) => n.endsWith('.npy'));
    expect(names.length).toBe(DTYPES.length * 5 * 2 * 3 * 2);
    for (const n of names) {
      const a = np.load(join(sub, n)) as NDArray;
      const expected = readFileSync(join(sub, n.replace('.npy', '.txt')), 'utf8');
      // the .txt holds NumPy's tobytes(): the elements in C order, little-endian
      const t = a.toTypedArray();
      expect(Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('hex'), n).toBe(expected);
      if (n.includes('-F-') && a.ndim > 1) expect(a.flags.fContiguous, n).toBe(true);
    }
  });

  it("numnode's files load in NumPy, equal (save, savez, savezCompressed)", () => {
    const sub = join(dir, 'to-numpy');
    python(`import os; os.makedirs(${JSON.stringify(sub)}, exist_ok=True)`);
    const expected: Record<string, string> = {};
    for (const dtype of DTYPES) {
      for (const shape of SHAPES) {
        for (const order of orders) {
          for (const version of ['1.0', '2.0', '3.0'] as const) {
            let a = sample(dtype, shape);
            if (order === 'F' && a.ndim > 0) a = np.asfortranarray(a);
            const name = `${dtype}-${shape.join('x')}-${order}-${version}`;
            np.save(join(sub, `${name}.npy`), a, { version });
            const t = a.toTypedArray();
            expected[name] = Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('hex');
          }
        }
      }
    }
    np.savez(join(sub, 'plain.npz'), sample('float32', [2, 3]), { b: sample('uint64', [4]) });
    np.savezCompressed(join(sub, 'packed.npz'), { x: sample('int8', [10]), y: sample('bool', [2, 2]) });
    const out = JSON.parse(python(`
import numpy as np, os, json
d = ${JSON.stringify(sub)}
res = {}
for f in sorted(os.listdir(d)):
    p = os.path.join(d, f)
    if f.endswith('.npy'):
        a = np.load(p)
        res[f[:-4]] = [a.dtype.name, list(a.shape), a.tobytes().hex(), bool(a.flags.f_contiguous and not a.flags.c_contiguous)]
    else:
        with np.load(p) as z:
            res[f] = {k: [z[k].dtype.name, list(z[k].shape), z[k].tobytes().hex()] for k in z.files}
print(json.dumps(res))`)) as Record<string, unknown>;
    for (const [name, hex] of Object.entries(expected)) {
      const [dtype, shape] = name.split('-');
      const got = out[name] as [string, number[], string, boolean];
      expect(got[0], name).toBe(dtype);
      expect(got[1].join('x'), name).toBe(shape);
      expect(got[2], name).toBe(hex);
    }
    const plain = out['plain.npz'] as Record<string, [string, number[], string]>;
    expect(Object.keys(plain).sort()).toEqual(['arr_0', 'b']);
    expect(plain.b![0]).toBe('uint64');
    const packed = out['packed.npz'] as Record<string, [string, number[], string]>;
    expect(packed.y![0]).toBe('bool');
    expect(packed.x![2]).toBe(Buffer.from((sample('int8', [10]).toTypedArray() as Int8Array).buffer).toString('hex'));
  });

  it('reads NumPy\'s .npz archives (savez and savez_compressed)', () => {
    const p1 = join(dir, 'np-plain.npz');
    const p2 = join(dir, 'np-packed.npz');
    python(`
import numpy as np
a = np.arange(12, dtype='<f8').reshape(3, 4); b = np.array([True, False]); c = np.arange(5, dtype='>i4')
np.savez(${JSON.stringify(p1)}, a, named=b)
np.savez_compressed(${JSON.stringify(p2)}, c=c, a=np.asfortranarray(a))`);
    const z1 = np.load(p1) as NpzFile;
    expect(z1.files).toEqual(['named', 'arr_0']);
    expect(z1.get('arr_0').toArray()).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
    expect(z1.get('named').toArray()).toEqual([true, false]);
    const z2 = np.load(p2) as NpzFile;
    expect(z2.get('c').toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(z2.get('a').toArray()).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
    expect(z2.get('a').flags.fContiguous).toBe(true);
  });
});
