#!/usr/bin/env node
// `npm run test:asan`: the test suite against an addon built with AddressSanitizer
// and UndefinedBehaviorSanitizer, run by the stock node.
//
//   node scripts/test-asan.mjs [vitest args...]     e.g. test/native.test.ts
//
// 1. cmake-js builds build-asan/Release/numnode.node with NUMNODE_SANITIZE=ON;
// 2. vitest runs with NUMNODE_ADDON_PATH pointing at it (the loader takes exactly
//    that file) and the sanitizer runtimes preloaded: node itself is not
//    instrumented, so ASan's runtime must be the first library loaded
//    (LD_PRELOAD) for the instrumented addon to work;
// 3. every process writes its sanitizer reports to build-asan/reports/ (log_path),
//    so a report from a vitest worker cannot get lost in piped output; any report,
//    or a failing test, fails the run.
// Leak checking is off (detect_leaks=0): V8 keeps allocations alive until exit by
// design, so leak reports would need suppressions for node itself.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

import { ROOT } from './install.mjs';

const log = (s) => console.log(`[test:asan] ${s}`);
const OUT = path.join(ROOT, 'build-asan');
const ADDON = path.join(OUT, 'Release', 'numnode.node');
const REPORTS = path.join(OUT, 'reports');
const requireHere = createRequire(path.join(ROOT, 'package.json'));

function gccFile(name) {
  const r = spawnSync('gcc', [`-print-file-name=${name}`], { encoding: 'utf8' });
  const p = (r.stdout || '').trim();
  // gcc prints the bare name back when it does not know the file.
  return r.status === 0 && path.isAbsolute(p) && fs.existsSync(p) ? p : null;
}

// ---- 1. build
const cmakeJs = path.join(path.dirname(requireHere.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const jobs = String(os.availableParallelism?.() ?? os.cpus().length);
log(`building ${path.relative(ROOT, ADDON)} with -fsanitize=address,undefined`);
const build = spawnSync(
  process.execPath,
  [cmakeJs, 'compile', '--out', OUT, '--CDNUMNODE_SANITIZE=ON', '--parallel', jobs],
  { cwd: ROOT, stdio: 'inherit' },
);
if (build.status !== 0 || !fs.existsSync(ADDON)) {
  log('sanitizer build FAILED');
  process.exit(1);
}

// ---- 2. run
const asan = gccFile('libasan.so');
const ubsan = gccFile('libubsan.so');
if (!asan || !ubsan) {
  log(`cannot find the sanitizer runtimes (gcc -print-file-name=libasan.so gave ${asan}, libubsan.so ${ubsan})`);
  process.exit(1);
}
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });
const env = {
  ...process.env,
  NUMNODE_ADDON_PATH: ADDON,
  NUMNODE_BACKEND: '',
  LD_PRELOAD: `${asan}:${ubsan}`,
  ASAN_OPTIONS: `detect_leaks=0:log_path=${path.join(REPORTS, 'asan')}`,
  UBSAN_OPTIONS: `halt_on_error=1:print_stacktrace=1:log_path=${path.join(REPORTS, 'ubsan')}`,
};
// Fail early, and clearly, if the instrumented addon does not load or is not the sanitized build.
const probe = spawnSync(process.execPath, ['-e', `const c = require(${JSON.stringify(ADDON)}).config(); if (!c.sanitize) process.exit(3)`], { env, encoding: 'utf8' });
if (probe.status !== 0) {
  log(`the sanitized addon does not load under LD_PRELOAD (status ${probe.status}):\n${probe.stderr}`);
  process.exit(1);
}
const vitest = path.join(path.dirname(requireHere.resolve('vitest/package.json')), 'vitest.mjs');
const args = process.argv.slice(2);
log(`LD_PRELOAD=${env.LD_PRELOAD}`);
log(`NUMNODE_ADDON_PATH=${ADDON} vitest run ${args.join(' ')}`);
const run = spawnSync(process.execPath, [vitest, 'run', ...args], { cwd: ROOT, stdio: 'inherit', env });

// ---- 3. verdict
const reports = fs.readdirSync(REPORTS).map((f) => path.join(REPORTS, f));
for (const r of reports) {
  log(`sanitizer report ${path.relative(ROOT, r)}:`);
  process.stdout.write(fs.readFileSync(r, 'utf8'));
}
if (reports.length > 0) {
  log(`FAILED: ${reports.length} sanitizer report(s)`);
  process.exit(1);
}
if (run.status !== 0) {
  log(`FAILED: vitest exited with ${run.status ?? run.signal}`);
  process.exit(1);
}
log('passed with no sanitizer reports');
