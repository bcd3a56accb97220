#!/usr/bin/env node
// `npm run soak [-- --minutes N]`: a slow leak takes a server down after days, so run the
// showcase's workloads (the real sections, --quick sizes) and a burst of np.promises calls
// (the libuv-pool job path, with aborts and rejections) in a loop for N minutes (default
// 10), sampling RSS every few seconds. The figure reported is the growth of the RSS
// plateau: the median of the last window minus the median of the first window (a window
// is one minute, or a quarter of the run when it is shorter). Medians, because a sample
// can land in the middle of a workload's temporary arrays. Exits 1 when the growth
// exceeds --max-growth-mb (default 64), or when a workload fails.
// Not in CI (it runs for minutes): the lead runs it before a release.
//
//   node scripts/soak.mjs [--minutes 10] [--sample-seconds 5] [--max-growth-mb 64] [--json]
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`soak: --${name} needs a positive number`);
    process.exit(2);
  }
  return v;
}
const minutes = arg('minutes', 10);
const sampleSeconds = arg('sample-seconds', 5);
const maxGrowthMb = arg('max-growth-mb', 64);
const asJson = process.argv.includes('--json');

const np = require(path.join(ROOT, 'dist', 'index.js'));
const { runShowcase } = require(path.join(ROOT, 'dist', 'showcase', 'index.js'));
const log = (s) => { if (!asJson) console.log(`[soak] ${s}`); };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'numnode-soak-'));

async function promisesBurst(i) {
  const rng = np.random.defaultRng(i);
  const a = rng.standardNormal([96, 96]);
  const x = rng.random([20000]);
  const f = path.join(dir, 'p.npy');
  await Promise.all([
    np.promises.matmul(a, a),
    np.promises.einsum('ij,jk->ik', a, a.T),
    np.promises.sum(x),
    np.promises.cumsum(x),
    np.promises.exp(x),
    np.promises.distance.cdist(a.slice(np.s(0, 32)), a),
    np.promises.copy(a.T),
    np.promises.save(f, a).then(() => np.promises.load(f)),
  ]);
  const ctl = new AbortController();
  const p = np.promises.matmul(a, a, { signal: ctl.signal });
  ctl.abort();
  await p.catch(() => {});
  await np.promises.add(a, np.ones([3])).then(() => { throw new Error('a bad broadcast resolved'); }, () => {});
}

const samples = []; // [seconds since start, rss bytes]
const t0 = Date.now();
const endAt = t0 + minutes * 60_000;
const sample = () => samples.push([(Date.now() - t0) / 1000, process.memoryUsage().rss]);
sample();
const timer = setInterval(sample, sampleSeconds * 1000);
let loops = 0;
let failures = 0;
log(`running for ${minutes} min, sampling RSS every ${sampleSeconds} s; backend ${np.getBackend()}, native addon ${np.config().backend.native ? 'loaded' : 'not loaded'}`);
while (Date.now() < endAt) {
  const r = runShowcase({ quick: true, write: () => {}, progress: null });
  if (r.failures.length > 0) {
    failures++;
    log(`showcase cross-check failed: ${r.failures.map((f) => f.label).join('; ')}`);
  }
  for (let i = 0; i < 5; i++) await promisesBurst(loops * 5 + i);
  loops++;
  // let the sampling timer and pending callbacks run between loops
  await new Promise((res) => setImmediate(res));
}
clearInterval(timer);
sample();
fs.rmSync(dir, { recursive: true, force: true });

const total = (Date.now() - t0) / 1000;
const win = Math.min(60, total / 4);
const median = (xs) => { const s = [...xs].sort((p, q) => p - q); return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]; };
const first = median(samples.filter(([t]) => t <= win).map(([, r]) => r));
const last = median(samples.filter(([t]) => t >= total - win).map(([, r]) => r));
const peak = Math.max(...samples.map(([, r]) => r));
const MB = 1024 * 1024;
const growthMb = (last - first) / MB;
const result = {
  minutes: total / 60, loops, samples: samples.length, windowSeconds: win,
  firstPlateauMb: first / MB, lastPlateauMb: last / MB, growthMb, peakMb: peak / MB, maxGrowthMb, failures,
};
if (asJson) console.log(JSON.stringify(result));
else {
  log(`${loops} loops (showcase --quick + 5 promises bursts each) in ${(total / 60).toFixed(1)} min, ${samples.length} RSS samples`);
  log(`RSS plateau: first ${win.toFixed(0)} s ${(first / MB).toFixed(1)} MB, last ${win.toFixed(0)} s ${(last / MB).toFixed(1)} MB, growth ${growthMb.toFixed(1)} MB (limit ${maxGrowthMb} MB); peak ${(peak / MB).toFixed(1)} MB`);
}
process.exit(growthMb > maxGrowthMb || failures > 0 ? 1 : 0);
