// save() overwriting an existing file in place, and load(..., {mmapMode: 'r'}) sharing a
// live read-only mapping of the same file (issue 6, session 3: the two speed fixes).
// What must hold whatever the speed: the file afterwards is exactly what NumPy's np.save
// writes (size included, when the old file was longer), the file's identity is kept as
// np.save's truncate-and-write keeps it, a failed or interrupted save leaves a file that
// load() refuses, saving a mapped array over its own file works, copy-on-write mappings
// stay private, and mappings are released when their arrays are collected.
import { spawnSync } from 'node:child_process';
import { linkSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { NDArray } from '../src/core/ndarray';
import type { DType } from '../src/core/dtype';
import { mmapAvailable } from '../src/io';
import { childEnv, numnodeBundle, removeBundles } from './helpers/bundle';

const dir = mkdtempSync(join(tmpdir(), 'numnode-npy-save-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeBundles();
});

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
const DTYPES: DType[] = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64'];

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

/** Test data: n values of a dtype, different for each seed. */
function data(dtype: DType, n: number, seed: number): NDArray {
  return np.add(np.multiply(np.arange(n, { dtype: 'int64' }), seed), seed * 3 + 1).astype(dtype);
}

function same(a: NDArray, b: NDArray): void {
  expect(a.dtype).toBe(b.dtype);
  expect(a.shape).toEqual(b.shape);
  expect(a.toArray()).toEqual(b.toArray());
}

describe('save over an existing file', () => {
  it.each(DTYPES)('%s: longer, shorter, 0-d, empty and Fortran-order files replace each other exactly', (dtype) => {
    const p = join(dir, `over-${dtype}.npy`);
    const q = join(dir, `fresh-${dtype}.npy`);
    const seq: NDArray[] = [
      data(dtype, 5000, 3).reshape([50, 100]),
      data(dtype, 7, 5),
      data(dtype, 1, 2).reshape([]),
      np.asfortranarray(data(dtype, 60, 7).reshape([6, 10])),
      data(dtype, 0, 1).reshape([0, 3]),
      data(dtype, 9000, 11),
    ];
    for (const a of seq) {
      np.save(p, a);
      rmSync(q, { force: true });
      np.save(q, a); // written into a new file
      // byte for byte what a fresh save writes: no tail of the longer old file is left
      expect(readFileSync(p).equals(readFileSync(q))).toBe(true);
      same(np.load(p) as NDArray, a);
    }
  });

  it('keeps the file (inode, hard links) as truncate-and-write does', () => {
    const p = join(dir, 'linked.npy');
    const l = join(dir, 'link.npy');
    np.save(p, data('float64', 1000, 1));
    linkSync(p, l);
    const ino = statSync(p).ino;
    np.save(p, data('float64', 10, 2));
    expect(statSync(p).ino).toBe(ino);
    same(np.load(l) as NDArray, data('float64', 10, 2));
  });

  it('writes to a character device (no positioned writes, no truncation)', () => {
    expect(() => np.save('/dev/null', data('int32', 100, 1))).not.toThrow();
  });

  it.skipIf(spawnSync('bash', ['-c', 'ulimit -f 8'], { encoding: 'utf8' }).status !== 0)(
    'a write that fails (EFBIG past ulimit -f) is a coded error and leaves an empty file, which load() refuses',
    async () => {
      const bundle = await numnodeBundle();
      const p = join(dir, 'efbig.npy');
      writeFileSync(p, Buffer.alloc(300_000, 7)); // longer than the limit too: the overwrite fails inside it
      const script = `const np = require(${JSON.stringify(bundle)});
        try { np.save(${JSON.stringify(p)}, np.arange(100000, { dtype: 'float64' })); console.log('saved'); }
        catch (e) { console.log(e.code); }`;
      const r = spawnSync('bash', ['-c', `ulimit -f 100; exec "${process.execPath}" -e '${script.replace(/'/g, "'\\''")}'`], {
        env: childEnv(), encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('ERR_NUMNODE_NPY');
      expect(statSync(p).size).toBe(0);
      expect(code(() => np.load(p))).toBe('ERR_NUMNODE_NPY');
    },
  );

  it('a save interrupted mid-data leaves a file load() refuses, not old data under a header', async () => {
    const bundle = await numnodeBundle();
    const r = spawnSync(process.execPath, [join(__dirname, 'npy-save', 'child.cjs'), bundle, 'interrupted', dir], { env: childEnv(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout.trim()) as Record<string, unknown>;
    expect(rep.saveError).toBe('ERR_NUMNODE_NPY');
    expect(rep.size).toBe(128 + 8 * (1 << 16)); // the old length: the failed truncation left it
    expect(rep.loadError).toBe('ERR_NUMNODE_NPY');
  });

  it('saves an array mapped from the same file over that file (also with a longer header)', () => {
    const p = join(dir, 'self.npy');
    const a = data('float64', 6000, 3).reshape([60, 100]);
    const modes = mmapAvailable() ? (['r', 'c', 'r+', null] as const) : (['r', 'c', null] as const); // 'r+' needs the addon
    for (const mode of modes) {
      np.save(p, a);
      const m = np.load(p, { mmapMode: mode }) as NDArray;
      np.save(p, m); // same header length: the data lands where it is read from
      same(np.load(p) as NDArray, a);
      const m2 = np.load(p, { mmapMode: mode }) as NDArray;
      // a 3-d shape whose header is longer than the 2-d one's: the data moves up the file
      const deep = m2.reshape([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 60, 100]);
      np.save(p, deep, { version: '2.0' });
      same(np.load(p) as NDArray, a.reshape(deep.shape));
      // a slice of the mapping (data moves down the file)
      np.save(p, a);
      const m3 = np.load(p, { mmapMode: mode }) as NDArray;
      np.save(p, m3.slice('10:'));
      same(np.load(p) as NDArray, a.slice('10:'));
    }
  });

  it('np.promises.save overwrites the same way: exact files, and a mapped array over its own file', async () => {
    const p = join(dir, 'async.npy');
    const q = join(dir, 'async-fresh.npy');
    for (const a of [data('int32', 5000, 3), data('int32', 7, 5), np.asfortranarray(data('float64', 60, 7).reshape([6, 10]))]) {
      await np.promises.save(p, a);
      rmSync(q, { force: true });
      np.save(q, a);
      expect(readFileSync(p).equals(readFileSync(q))).toBe(true);
    }
    const a = data('float64', 6000, 3).reshape([60, 100]);
    for (const mode of ['r', 'c'] as const) {
      np.save(p, a);
      const m = np.load(p, { mmapMode: mode }) as NDArray;
      await np.promises.save(p, m.slice('10:'));
      same(np.load(p) as NDArray, a.slice('10:'));
    }
  });

  it.skipIf(!hasNumpy)('live: NumPy reads an overwritten file, and it is byte for byte what np.save writes', () => {
    const p = join(dir, 'live.npy');
    const q = join(dir, 'live-numpy.npy');
    const r = spawnSync('python3', ['-c', `import numpy as np; np.save(${JSON.stringify(p)}, np.ones(100000))`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    np.save(p, np.asfortranarray(data('int16', 600, 9).reshape([20, 30])));
    const check = spawnSync('python3', ['-c', `import numpy as np
a = np.load(${JSON.stringify(p)})
b = np.asfortranarray((np.arange(600, dtype=np.int64) * 9 + 28).astype(np.int16).reshape(20, 30))
assert a.dtype == b.dtype and a.shape == b.shape and a.flags.f_contiguous and (a == b).all(), (a, b)
np.save(${JSON.stringify(q)}, b)`], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(readFileSync(p).equals(readFileSync(q))).toBe(true);
  });
});

describe("load(path, {mmapMode: 'r'}) of a file already mapped", () => {
  it('shares one read-only mapping; copy-on-write loads stay private; all are released when collected (child, --expose-gc)', async () => {
    const bundle = await numnodeBundle();
    const native = mmapAvailable();
    const r = spawnSync(process.execPath, ['--expose-gc', join(__dirname, 'npy-save', 'child.cjs'), bundle, 'maps', dir, native ? '1' : '0'], {
      env: childEnv(), encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout.trim()) as Record<string, unknown>;
    expect(rep.native).toBe(native);
    // without the addon (or with the js backend) every load is a private copy
    expect(rep.readOnly).toBe(native ? 1 : 0);
    expect(rep.sameBuffer).toBe(native);
    expect(rep.other).toBe(native ? 1 : 0);
    expect(rep.withCopyOnWrite).toBe(native ? 3 : 0);
    expect(rep.cowIsolated).toBe(true);
    expect(rep.newData).toBe(true);
    expect(rep.oldView).toBe(native ? 14 : 7);
    expect(rep.copyOnWriteKept).toBe(true);
    expect(rep.afterGc).toBe(0);
    expect(rep.reloaded).toBe(true);
  });

  it('a file replaced by another (new inode) or grown is mapped afresh', () => {
    const p = join(dir, 'replaced.npy');
    np.save(p, data('float32', 100, 1));
    const a = np.load(p, { mmapMode: 'r' }) as NDArray;
    rmSync(p);
    np.save(p, data('float32', 100, 2));
    const b = np.load(p, { mmapMode: 'r' }) as NDArray;
    same(b, data('float32', 100, 2));
    same(a, data('float32', 100, 1)); // the unlinked file stays mapped
    np.save(p, data('float32', 200, 3));
    const c = np.load(p, { mmapMode: 'r' }) as NDArray;
    same(c, data('float32', 200, 3));
    if (mmapAvailable()) {
      expect(b.buffer).not.toBe(a.buffer);
      expect(c.buffer).not.toBe(b.buffer);
      expect(c.buffer.byteLength).toBe(128 + 800);
    }
    expect(c.flags.writeable).toBe(false);
  });
});
