#!/usr/bin/env node
// System libraries the native addon links against, and how to get them.
//
//   node scripts/system-deps.mjs            check; install with apt-get when allowed
//   node scripts/system-deps.mjs --check    check only (exit 0 either way)
//   node scripts/system-deps.mjs --print openblas-include|openblas-libdir|openblas-lib
//                                           one path, for binding.gyp (exit 1 if missing)
//
// Why OpenBLAS's *OpenMP* build: Debian ships a pthread and an OpenMP build and
// points the generic libopenblas.so at one of them through update-alternatives.
// The pthread build hangs when child_process.spawn forks while a threaded dgemm
// runs (BUILD-NOTES.md); the OpenMP one does not, and it shares libgomp's thread
// pool with numnode's own OpenMP loops. So both build files link the OpenMP
// build by path, with an rpath, whatever the alternatives say.
//
// Never fails the caller: without the libraries numnode runs on its TypeScript
// backend, so a missing library is a printed instruction, not an error.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APT_PACKAGES = ['libopenblas-openmp-dev', 'libsleef-dev', 'pkg-config'];
export const INSTALL_COMMAND = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;

function multiarch() {
  // Debian's multiarch triplet (x86_64-linux-gnu, aarch64-linux-gnu, ...).
  try {
    return execFileSync('gcc', ['-print-multiarch'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  }
}

/** Where the OpenMP build of OpenBLAS lives on Debian/Ubuntu. */
export function openblasPaths() {
  const triplet = multiarch();
  const libdir = `/usr/lib/${triplet}/openblas-openmp`;
  return {
    libdir,
    lib: path.join(libdir, 'libopenblas.so'),
    include: `/usr/include/${triplet}/openblas-openmp`,
    pkgconfig: path.join(libdir, 'pkgconfig'),
  };
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** What is present. File checks decide (they are what the build needs); dpkg and pkg-config are reported. */
export function checkSystemDeps() {
  const ob = openblasPaths();
  const openblas = existsSync(ob.lib) && existsSync(path.join(ob.include, 'cblas.h'));
  const triplet = multiarch();
  const sleefHeader = [`/usr/include/${triplet}/sleef.h`, '/usr/include/sleef.h'].find((p) => existsSync(p));
  const sleefLib = [`/usr/lib/${triplet}/libsleef.so`, '/usr/lib/libsleef.so'].find((p) => existsSync(p));
  const sleef = Boolean(sleefHeader && sleefLib);
  const pkgConfig = hasCommand('pkg-config');
  let sleefPc = false;
  if (pkgConfig) sleefPc = spawnSync('pkg-config', ['--exists', 'sleef']).status === 0;
  const missing = [];
  if (!openblas) missing.push('libopenblas-openmp-dev');
  if (!sleef) missing.push('libsleef-dev');
  if (!pkgConfig) missing.push('pkg-config');
  return {
    openblas,
    sleef,
    pkgConfig,
    sleefPc,
    dpkg: Object.fromEntries(APT_PACKAGES.map((p) => [p, hasCommand('dpkg-query') ? dpkgInstalled(p) : null])),
    paths: { ...ob, sleefHeader: sleefHeader ?? null, sleefLib: sleefLib ?? null },
    missing,
    ok: missing.length === 0,
  };
}

/**
 * Checks, and when something is missing installs it with apt-get if we are root,
 * apt-get exists and NUMNODE_SKIP_APT is unset. Returns the final check.
 * `log` prints a line. Never throws.
 */
export function ensureSystemDeps({ install = true, log = (s) => console.log(`[numnode] ${s}`) } = {}) {
  let state = checkSystemDeps();
  if (state.ok) return state;
  log(`missing system packages: ${state.missing.join(', ')}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const canApt = process.platform === 'linux' && hasCommand('apt-get');
  if (install && isRoot && canApt && !process.env.NUMNODE_SKIP_APT) {
    log('running: apt-get update');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const up = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    if (up.status === 0) {
      log(`running: apt-get install -y ${APT_PACKAGES.join(' ')}`);
      spawnSync('apt-get', ['install', '-y', ...APT_PACKAGES], { stdio: 'inherit', env });
    }
    state = checkSystemDeps();
    if (state.ok) {
      log('system packages installed');
      return state;
    }
    log(`apt-get did not install: ${state.missing.join(', ')}`);
  }
  const why = process.env.NUMNODE_SKIP_APT
    ? 'NUMNODE_SKIP_APT is set'
    : !canApt
      ? 'apt-get is not available'
      : !isRoot
        ? 'not running as root'
        : 'apt-get failed';
  log(`not installing (${why}). To build the native addon, run:`);
  log(`  ${isRoot ? '' : 'sudo sh -c "'}${INSTALL_COMMAND}${isRoot ? '' : '"'}`);
  log('numnode still works without it, on its TypeScript backend.');
  return state;
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--print') {
    const ob = openblasPaths();
    const value = { 'openblas-include': ob.include, 'openblas-libdir': ob.libdir, 'openblas-lib': ob.lib }[args[1]];
    if (!value) {
      console.error(`usage: system-deps.mjs --print openblas-include|openblas-libdir|openblas-lib`);
      process.exit(2);
    }
    process.stdout.write(value + '\n');
    process.exit(existsSync(value) ? 0 : 1);
  }
  const state = ensureSystemDeps({ install: !args.includes('--check') });
  if (state.ok) console.log('[numnode] system packages present: OpenBLAS (OpenMP build), SLEEF, pkg-config');
  process.exit(0);
}
