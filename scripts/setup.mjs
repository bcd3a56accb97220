#!/usr/bin/env node
// One-time set-up, run as the `pre` script of `npm test`, `npm run showcase` and
// `npm run bench` (and by `npm run setup`; `npm run build:all` passes --force):
//   1. system packages (OpenBLAS's OpenMP build, SLEEF) via scripts/system-deps.mjs;
//   2. `npm ci` when node_modules is missing or does not match package-lock.json
//      (npm ci runs our install and prepare scripts, which build the addon and
//      dist/ when needed; the stamps below keep the later steps from repeating it);
//   3. the native addon (scripts/install.mjs's buildNative) when missing or stale;
//   4. dist/ (scripts/build-ts.mjs) when stale.
// Afterwards it is a quick no-op: .setup-stamp holds a key hashed from
// package-lock.json, the native sources and build files, src/ and the system
// packages' presence, plus the identity of the built addon; when all match,
// nothing runs. `--force` rebuilds the addon and dist/ regardless.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { distFresh, tsSourcesHash, buildTs } from './build-ts.mjs';
import { ADDON, ROOT, buildNative, hashFiles, localBuildFresh, nativeSourcesHash } from './install.mjs';
import { checkSystemDeps, ensureSystemDeps } from './system-deps.mjs';

const t0 = performance.now();
const force = process.argv.includes('--force');
const STAMP = path.join(ROOT, '.setup-stamp');
const LOCK = path.join(ROOT, 'package-lock.json');
const log = (s) => console.log(`[setup] ${s}`);
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function fileId(file) {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    return null;
  }
}

/**
 * Whether node_modules holds what package-lock.json asks for: npm's own record of
 * what it installed (node_modules/.package-lock.json) has every locked package at
 * its locked version (optional packages for other platforms may be absent).
 */
function depsFresh() {
  const lock = readJson(LOCK);
  const installed = readJson(path.join(ROOT, 'node_modules', '.package-lock.json'));
  if (!lock || !installed) return false;
  for (const [key, meta] of Object.entries(lock.packages ?? {})) {
    if (key === '' || !key.startsWith('node_modules/')) continue;
    const got = installed.packages?.[key];
    if (!got) {
      if (meta.optional || meta.peer) continue;
      return false;
    }
    if (got.version !== meta.version) return false;
  }
  return true;
}

function currentKey(sys) {
  return createHash('sha256')
    .update(hashFiles([LOCK]))
    .update(nativeSourcesHash())
    .update(tsSourcesHash())
    .update(`sys=${sys.ok};node=${process.versions.node}`)
    .digest('hex')
    .slice(0, 32);
}

// ---- fast path: nothing changed since the last complete set-up
let sys = checkSystemDeps();
let key = currentKey(sys);
const stamp = readJson(STAMP);
if (!force && stamp && stamp.key === key && stamp.addon === fileId(ADDON) && distFresh()) {
  log(`up to date (${elapsed()}): ${stamp.summary}`);
  process.exit(0);
}

// ---- 1. system packages
if (!sys.ok) sys = ensureSystemDeps({ log });
else log('system packages: present (OpenBLAS OpenMP build, SLEEF, pkg-config)');

// ---- 2. node_modules
if (!fs.existsSync(path.join(ROOT, 'node_modules')) || !depsFresh()) {
  log('node_modules is missing or differs from package-lock.json: running npm ci');
  log('(npm ci runs the install script, which builds the addon, and prepare, which builds dist/)');
  const npm = process.env.npm_execpath;
  const r = npm
    ? spawnSync(process.execPath, [npm, 'ci'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['ci'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    log('npm ci FAILED');
    process.exit(1);
  }
} else {
  log('node_modules: matches package-lock.json');
}

// ---- 3. native addon
let nativeState;
if (!sys.ok) {
  nativeState = 'not built (system packages missing): TypeScript backend';
  log(`native addon: ${nativeState}`);
} else if (!force && localBuildFresh()) {
  nativeState = 'up to date';
  log(`native addon: up to date (${path.relative(ROOT, ADDON)})`);
} else {
  log(force ? 'native addon: rebuilding (--force)' : 'native addon: missing or stale, building');
  nativeState = buildNative({ force }) ? 'built' : 'build failed: TypeScript backend';
}

// ---- 4. dist/
let tsState = 'up to date';
if (!force && distFresh()) {
  log('dist/: up to date');
} else {
  log(force ? 'dist/: rebuilding (--force)' : 'dist/: missing or stale, building');
  if (!buildTs()) {
    log('TypeScript build FAILED');
    process.exit(1);
  }
  tsState = 'built';
}

// Recompute: npm ci or apt-get may have changed what the key covers.
sys = checkSystemDeps();
key = currentKey(sys);
const summary = `native addon ${fileId(ADDON) ? 'ready' : 'absent (TypeScript backend)'}, dist ready`;
fs.writeFileSync(STAMP, JSON.stringify({ key, addon: fileId(ADDON), summary, at: new Date().toISOString() }, null, 2) + '\n');
log(`done in ${elapsed()}: native addon ${nativeState}; dist/ ${tsState}`);
