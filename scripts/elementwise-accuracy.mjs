#!/usr/bin/env node
// Worst error, in ulps of the correctly rounded result, of every transcendental
// ufunc on numnode's native and TypeScript backends and of NumPy, against the
// mpmath references of scripts/gen-elementwise-accuracy.py.
//
//   python3 scripts/gen-elementwise-accuracy.py --n 20000 --seed 2 --out /tmp/acc.json
//   node scripts/elementwise-accuracy.mjs /tmp/acc.json      (uses dist/: npm run build:ts first)
//
// The committed small reference (test/fixtures/elementwise-accuracy.json) is the
// default; test/elementwise.accuracy.test.ts asserts the bounds on it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const np = createRequire(import.meta.url)(join(root, 'dist', 'index.js'));
const file = process.argv[2] ?? join(root, 'test', 'fixtures', 'elementwise-accuracy.json');
const doc = JSON.parse(readFileSync(file, 'utf8'));
const dec = (b) => new Float64Array(new Uint8Array(Buffer.from(b, 'base64')).buffer);

function ulpError(y, hi, lo, f32) {
  if (Number.isNaN(y)) return Infinity;
  let e = Math.floor(Math.log2(Math.abs(hi)));
  if (Math.abs(hi) < 2 ** e) e -= 1;
  else if (Math.abs(hi) >= 2 ** (e + 1)) e += 1;
  return Math.abs(((y - hi) - lo) / 2 ** (e - (f32 ? 23 : 52)));
}

const backends = np.config().backend.native ? ['native', 'js'] : ['js'];
console.log(`reference: ${file} (mpmath ${doc.mpmath_version}, NumPy ${doc.numpy_version}, n=${doc.n} per function and dtype)`);
console.log(`${'function'.padEnd(9)}${'dtype'.padEnd(9)}${backends.map((b) => (b === 'js' ? 'TypeScript' : b).padStart(12)).join('')}${'NumPy'.padStart(12)}`);
for (const f of doc.funcs) {
  const x = dec(f.x), hi = dec(f.hi), lo = dec(f.lo), numpy = dec(f.numpy);
  const f32 = f.dtype === 'float32';
  const cols = [];
  for (const be of backends) {
    np.setBackend(be);
    const xa = np.array(x).astype(f.dtype);
    const r = f.nin === 1 ? np[f.op](xa) : np[f.op](xa, np.array(dec(f.y)).astype(f.dtype));
    const out = r.astype('float64').toTypedArray();
    let w = 0;
    for (let i = 0; i < out.length; i++) w = Math.max(w, ulpError(out[i], hi[i], lo[i], f32));
    cols.push(w);
  }
  let wn = 0;
  for (let i = 0; i < numpy.length; i++) wn = Math.max(wn, ulpError(numpy[i], hi[i], lo[i], f32));
  console.log(`${f.op.padEnd(9)}${f.dtype.padEnd(9)}${cols.map((w) => w.toFixed(3).padStart(12)).join('')}${wn.toFixed(3).padStart(12)}`);
}
np.setBackend('auto');
