#!/usr/bin/env node
// `npm run fuzz -- [--runs 1000000] [--seed N] [--target npy-model|npy-bytes|einsum-string|einsum-sublist|all]`
// Fuzzes the .npy header parser and the einsum subscripts parser with fast-check
// (the targets and their oracles are test/fuzz/targets.ts, bundled here with rolldown
// straight from the TypeScript sources, as test/helpers/bundle.ts does). --runs is the
// total over the targets chosen, split evenly. A failure (an uncoded error, a hang, a
// wrong accept or reject) is shrunk by fast-check, saved to test/fuzz-corpus/<target>/
// (so that test/fuzz.test.ts replays it from then on) and makes the run exit 1.
// Not part of the normal suite: a million executions take a few minutes.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : process.argv[i + 1];
}
const runs = Number(arg('runs', 1_000_000));
const seed = Number(arg('seed', Date.now() % 2 ** 31));
const which = arg('target', 'all');
if (!Number.isSafeInteger(runs) || runs <= 0) { console.error('fuzz: --runs needs a positive integer'); process.exit(2); }

const { build } = await import('rolldown');
// inside node_modules so that the bundle resolves fast-check like the sources do
mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'numnode-fuzz-'));
const file = join(dir, 'targets.cjs');
await build({
  input: join(ROOT, 'test', 'fuzz', 'targets.ts'), platform: 'node', write: true, logLevel: 'silent',
  output: { file, format: 'cjs' }, external: ['fast-check'],
});
const T = require(file);
const fc = require('fast-check');
rmSync(dir, { recursive: true, force: true });

const seeds = T.npySeeds();
// accepted/refused per target: a fuzzer that only ever refuses would prove little
const tally = {};
const count = (n, v) => { tally[n] ??= { accepted: 0, refused: 0 }; tally[n][v]++; };
const TARGETS = {
  'npy-model': () => fc.property(T.npyModelArb, (m) => { count('npy-model', T.checkNpyModel(m)); }),
  'npy-bytes': () => fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(T.mutationArb, { minLength: 1, maxLength: 5 }), (s, muts) => {
    count('npy-bytes', T.checkNpyBytes(T.mutateNpy(seeds[s], muts)));
  }),
  'einsum-string': () => fc.property(T.einsumStringArb, (c) => { count('einsum-string', T.checkEinsum(c)); }),
  'einsum-sublist': () => fc.property(T.einsumSublistArb, (c) => { count('einsum-sublist', T.checkEinsum(c)); }),
};
// --write-corpus: keep the first input of every kind of outcome (a coarse stand-in for
// coverage: each error message, each accepted dtype/order/rank) as the committed corpus.
if (process.argv.includes('--write-corpus')) {
  const corpus = join(ROOT, 'test', 'fuzz-corpus');
  const npyKinds = new Map();
  const einsumKinds = new Map();
  const keepNpy = (b) => { const o = T.npyOutcome(b); const k = T.outcomeKind(o); if (!npyKinds.has(k)) npyKinds.set(k, { bytes: b, outcome: o }); };
  const keepEinsum = (c) => { const o = T.einsumOutcome(c); const k = T.outcomeKind(o); if (!einsumKinds.has(k)) einsumKinds.set(k, { case: c, outcome: o }); };
  for (const b of seeds) keepNpy(b);
  fc.assert(fc.property(T.npyModelArb, (m) => { keepNpy(T.renderNpyModel(m)); }), { numRuns: runs, seed });
  fc.assert(fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(T.mutationArb, { minLength: 1, maxLength: 5 }), (s, muts) => { keepNpy(T.mutateNpy(seeds[s], muts)); }), { numRuns: runs, seed });
  fc.assert(fc.property(T.einsumStringArb, (c) => { keepEinsum(c); }), { numRuns: runs, seed });
  fc.assert(fc.property(T.einsumSublistArb, (c) => { keepEinsum(c); }), { numRuns: runs, seed });
  mkdirSync(join(corpus, 'npy'), { recursive: true });
  mkdirSync(join(corpus, 'einsum'), { recursive: true });
  let i = 0;
  for (const { bytes, outcome } of npyKinds.values()) {
    const name = `seed-${String(i++).padStart(3, '0')}`;
    writeFileSync(join(corpus, 'npy', `${name}.npy`), bytes);
    writeFileSync(join(corpus, 'npy', `${name}.expected`), `${outcome}\n`);
  }
  i = 0;
  for (const { case: c, outcome } of einsumKinds.values()) {
    writeFileSync(join(corpus, 'einsum', `seed-${String(i++).padStart(3, '0')}.json`), `${JSON.stringify({ case: c, expected: outcome })}\n`);
  }
  console.log(`[fuzz] corpus: ${npyKinds.size} .npy inputs, ${einsumKinds.size} einsum cases (from ${runs} executions per generator, seed ${seed})`);
  process.exit(0);
}
const names = which === 'all' ? Object.keys(TARGETS) : which.split(',');
for (const n of names) if (!TARGETS[n]) { console.error(`fuzz: unknown target ${n}`); process.exit(2); }
const per = Math.ceil(runs / names.length);
let failed = 0;
let total = 0;
console.log(`[fuzz] seed ${seed}; ${per} executions per target: ${names.join(', ')}`);
for (const n of names) {
  const t0 = Date.now();
  let executed = 0;
  const prop = TARGETS[n]().beforeEach(() => { executed++; });
  const r = fc.check(prop, { numRuns: per, seed, endOnFailure: false });
  total += executed;
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.failed) {
    failed++;
    const counterexample = r.counterexample;
    const err = r.errorInstance;
    const input = err && err.input !== undefined ? err.input : counterexample;
    const outDir = join(ROOT, 'test', 'fuzz-corpus', n.startsWith('npy') ? 'npy' : 'einsum');
    mkdirSync(outDir, { recursive: true });
    const out = join(outDir, `found-${n}-${seed}-${r.numRuns}.json`);
    writeFileSync(out, `${JSON.stringify({ target: n, seed, input, counterexample, message: String(err && err.message) }, (k, v) => (typeof v === 'bigint' ? `${v}n` : v), 1)}\n`);
    console.log(`[fuzz] ${n}: FAILED after ${r.numRuns} runs (${secs} s): ${err && err.message}\n        saved to ${out}`);
  } else {
    const t = tally[n] ?? { accepted: 0, refused: 0 };
    console.log(`[fuzz] ${n}: ${r.numRuns} executions, 0 failures (${t.accepted} accepted, ${t.refused} refused; ${secs} s)`);
  }
}
console.log(`[fuzz] ${total} executions in total, ${failed} failing target(s)`);
process.exit(failed > 0 ? 1 : 0);
