// Child process for test/npy.save-mmap.test.ts: the parts that need a fresh process
// (`--expose-gc`, /proc/self/maps) or a patched node:fs. Prints one JSON line.
//   node --expose-gc child.cjs <bundle> maps <dir> <1 if load maps files, else 0>
//   node child.cjs <bundle> interrupted <dir>
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const [bundle, what, dir, native] = process.argv.slice(2);

/** How many mappings of `file` this process has (lines of /proc/self/maps naming it). */
function mappings(file) {
  return fs.readFileSync('/proc/self/maps', 'utf8').split('\n').filter((l) => l.endsWith(` ${file}`)).length;
}

async function collect() {
  // FinalizationRegistry and N-API finalizers run after the GC, from the event loop
  for (let i = 0; i < 10; i++) {
    global.gc();
    await new Promise((r) => setImmediate(r));
  }
}

async function maps(np) {
  const p = path.join(dir, 'maps.npy');
  const q = path.join(dir, 'maps-other.npy');
  np.save(p, np.arange(4096, { dtype: 'float64' }));
  np.save(q, np.arange(10, { dtype: 'int32' }));
  const rep = { native: native === '1' };
  use(np, p, q, rep); // every array it makes is garbage when it returns
  await collect();
  rep.afterGc = mappings(p) + mappings(q);
  // and again: the cache forgot the collected mapping, a new load maps afresh
  const again = np.load(p, { mmapMode: 'r' });
  rep.reloaded = mappings(p) === (rep.native ? 1 : 0) && again.get(7) === 14;
  return rep;
}

function use(np, p, q, rep) {
  const held = [];
  for (let i = 0; i < 200; i++) held.push(np.load(p, { mmapMode: 'r' }));
  held.push(np.load(q, { mmapMode: 'r' }));
  rep.readOnly = mappings(p); // 200 read-only loads of one file
  rep.sameBuffer = held[0].buffer === held[199].buffer;
  rep.other = mappings(q);
  held.push(np.load(p, { mmapMode: 'c' }), np.load(p, { mmapMode: 'c' }));
  rep.withCopyOnWrite = mappings(p);
  const c = held[held.length - 1];
  c.set([5], -1);
  rep.cowIsolated = held[held.length - 2].get(5) === 5 && held[0].get(5) === 5 && c.get(5) === -1;
  // the file rewritten in place while mapped: new loads, and old views of the mapping, see the new data
  np.save(p, np.multiply(np.arange(4096, { dtype: 'float64' }), 2));
  const after = np.load(p, { mmapMode: 'r' });
  rep.newData = after.get(7) === 14;
  rep.oldView = held[0].get(7); // 14 through a mapping, 7 in a private copy (no addon)
  rep.copyOnWriteKept = c.get(5) === -1;
}

function interrupted(np) {
  // A save that dies after writing part of the data and cannot even empty the file:
  // what is left must be refused by load(), never old data under the new header.
  const p = path.join(dir, 'interrupted.npy');
  np.save(p, np.arange(1 << 16, { dtype: 'float64' }));
  const rep = {};
  const { writeSync, ftruncateSync } = fs;
  let writes = 0;
  fs.writeSync = (...args) => {
    if (++writes === 2) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    return writeSync(...args);
  };
  fs.ftruncateSync = () => { throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' }); };
  try {
    np.save(p, np.add(np.arange(1 << 16, { dtype: 'float64' }), 1));
    rep.saveError = null;
  } catch (e) {
    rep.saveError = e.code;
  } finally {
    fs.writeSync = writeSync;
    fs.ftruncateSync = ftruncateSync;
  }
  rep.size = fs.statSync(p).size;
  try {
    np.load(p);
    rep.loadError = null;
  } catch (e) {
    rep.loadError = e.code;
  }
  return rep;
}

(async () => {
  const np = require(bundle);
  const rep = what === 'maps' ? await maps(np) : interrupted(np);
  process.stdout.write(`${JSON.stringify(rep)}\n`);
})();
