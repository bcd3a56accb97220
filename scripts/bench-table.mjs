#!/usr/bin/env node
// Prints a bench results file (default bench/results/latest.json) as the Markdown
// table the README's Performance section shows, so that every figure there comes
// from one run: `node scripts/bench-table.mjs [results.json]`.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? new URL('../bench/results/latest.json', import.meta.url);
const run = JSON.parse(readFileSync(file, 'utf8'));

function time(r) {
  if (r === undefined || r.status !== 'ok') return '—';
  const s = r.stats.median;
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toPrecision(3)} ms`;
  if (s >= 1e-6) return `${(s * 1e6).toPrecision(3)} µs`;
  return `${(s * 1e9).toPrecision(3)} ns`;
}

function ratio(x) {
  return x === null || x === undefined ? '—' : `${x.toPrecision(2)}×`;
}

const m = run.machine;
console.log(`${run.cases.length} cases, ${run.options.quick ? '`--quick`' : 'full'} run of ${run.startedAt} (${Math.round(run.durationSeconds)} s): `
  + `${m.cpu.model}, ${m.cpu.logicalCores} logical cores, Node ${m.node.version}, NumPy ${m.numpy?.status === 'ok' ? m.numpy.numpy : 'absent'}, `
  + `load average ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')} at the start. `
  + 'Times are medians; ratios are numnode-native time ÷ the other\'s (below 1× numnode is faster).');
console.log('');
console.log('| workload | size | native | TypeScript | plain JS | NumPy | ÷ NumPy | ÷ plain JS |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const c of run.cases) {
  const r = c.results;
  console.log(`| ${c.group}: \`${c.name.replaceAll('|', '\\|')}\` | ${c.size} | ${time(r.native)} | ${time(r.ts)} | ${time(r.plainjs)} | ${time(r.numpy)} `
    + `| ${ratio(c.ratios.nativeVsNumpy)} | ${ratio(c.ratios.nativeVsPlainjs)} |`);
}
