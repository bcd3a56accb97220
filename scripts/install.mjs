#!/usr/bin/env node
// The package's npm `install` script, and the native-build half of setup.mjs.
//
//   1. system packages (scripts/system-deps.mjs: apt-get when root, else a hint);
//   2. if an addon already loads (a prebuild, or a local build of these very
//      sources), nothing more;
//   3. else build it: cmake-js (Node-API mode: node-api-headers, no download),
//      falling back to node-gyp (binding.gyp);
//   4. whatever happens, exit 0: without the addon numnode runs on its
//      TypeScript backend, and np.config().backend says why.
//
// A successful build writes build/numnode-build.json: a hash of the native
// sources and build files plus the built file's size and mtime. setup.mjs and
// this script both trust a local build only while that stamp matches, so that
// `npm ci` (which runs this script) and setup.mjs never build twice, and a
// node-gyp build that replaced build/ (npm run prebuild) is noticed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureSystemDeps, INSTALL_COMMAND } from './system-deps.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADDON = path.join(ROOT, 'build', 'Release', 'numnode.node');
const STAMP = path.join(ROOT, 'build', 'numnode-build.json');
const requireHere = createRequire(path.join(ROOT, 'package.json'));

const log = (s) => console.log(`[numnode] ${s}`);

function listFiles(dir) {
  const out = [];
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** A hash of files' relative paths and contents (sorted, so order-independent). */
export function hashFiles(files, extra = '') {
  const h = createHash('sha256');
  h.update(extra);
  for (const f of [...files].sort()) {
    h.update(path.relative(ROOT, f));
    h.update('\0');
    try {
      h.update(fs.readFileSync(f));
    } catch {
      h.update('<missing>');
    }
    h.update('\0');
  }
  return h.digest('hex').slice(0, 32);
}

/** What a native build depends on: native/, both build files, the package version (it is compiled in). */
export function nativeSourcesHash() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return hashFiles(
    [...listFiles(path.join(ROOT, 'native')), path.join(ROOT, 'CMakeLists.txt'), path.join(ROOT, 'binding.gyp')],
    `version=${pkg.version};napi=${JSON.stringify(pkg.binary ?? null)}`,
  );
}

function fileId(file) {
  try {
    const st = fs.statSync(file);
    return { size: st.size, mtimeMs: Math.round(st.mtimeMs) };
  } catch {
    return null;
  }
}

/** Whether build/Release/numnode.node is a build of the current sources made by buildNative(). */
export function localBuildFresh(hash = nativeSourcesHash()) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  const id = fileId(ADDON);
  return stamp.hash === hash && id !== null && stamp.size === id.size && stamp.mtimeMs === id.mtimeMs;
}

/** Loads a .node file (or node-gyp-build's choice) in a child process: a crash there cannot take us down. */
export function probeAddon(file = null) {
  const code = file
    ? `require(${JSON.stringify(file)}).config()`
    : `const p = require('node-gyp-build').resolve(${JSON.stringify(ROOT)}); require(p).config(); console.log(p)`;
  const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
  const lines = (r.stderr || '').trim().split('\n');
  const err = lines.find((l) => /Error|error:/.test(l)) ?? lines[0];
  return { ok: r.status === 0, path: file ?? (r.stdout || '').trim(), error: r.status === 0 ? '' : err };
}

function run(cmd, args, opts = {}) {
  log(`$ ${[cmd, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  return r.status === 0;
}

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function buildWithCmakeJs({ force }) {
  if (!hasCommand('cmake')) {
    log('cmake not found (apt-get install -y cmake); skipping cmake-js');
    return false;
  }
  let bin;
  try {
    const pkgDir = path.dirname(requireHere.resolve('cmake-js/package.json'));
    bin = path.join(pkgDir, 'bin', 'cmake-js');
  } catch {
    log('cmake-js is not installed; skipping it');
    return false;
  }
  if (force) fs.rmSync(path.join(ROOT, 'build'), { recursive: true, force: true });
  const jobs = String(os.availableParallelism?.() ?? os.cpus().length);
  return run(process.execPath, [bin, 'compile', '--parallel', jobs]);
}

function buildWithNodeGyp() {
  // npm tells its scripts where its bundled node-gyp is; otherwise try PATH.
  const gyp = process.env.npm_config_node_gyp;
  const args = ['rebuild'];
  if (process.env.npm_config_nodedir) args.push(`--nodedir=${process.env.npm_config_nodedir}`);
  if (gyp && fs.existsSync(gyp)) return run(process.execPath, [gyp, ...args]);
  if (hasCommand('node-gyp')) return run('node-gyp', args);
  log('node-gyp not found; skipping it');
  return false;
}

/**
 * Builds build/Release/numnode.node (cmake-js, then node-gyp), checks that it
 * loads, and stamps it. Returns true on success; never throws.
 */
export function buildNative({ force = false } = {}) {
  const hash = nativeSourcesHash();
  const t0 = Date.now();
  let how = null;
  if (buildWithCmakeJs({ force })) how = 'cmake-js';
  else {
    log('cmake-js build failed; trying node-gyp');
    if (buildWithNodeGyp()) how = 'node-gyp';
  }
  if (how === null) {
    log('native build FAILED (see the compiler output above).');
    log(`It needs g++, cmake (or node-gyp), and: ${INSTALL_COMMAND}`);
    log('numnode still works, on its TypeScript backend.');
    return false;
  }
  const probe = probeAddon(ADDON);
  if (!probe.ok) {
    log(`the ${how} build does not load: ${probe.error}`);
    log('numnode still works, on its TypeScript backend.');
    return false;
  }
  fs.writeFileSync(STAMP, JSON.stringify({ hash, builtWith: how, ...fileId(ADDON), builtAt: new Date().toISOString() }, null, 2) + '\n');
  log(`native addon built with ${how} in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${path.relative(ROOT, ADDON)}`);
  return true;
}

/** The install script proper. */
export function install({ force = false } = {}) {
  const deps = ensureSystemDeps({ log });
  if (!force) {
    const probe = probeAddon();
    const local = probe.ok && probe.path.startsWith(path.join(ROOT, 'build') + path.sep);
    if (probe.ok && (!local || localBuildFresh())) {
      log(`native addon present: ${path.relative(ROOT, probe.path)}`);
      return true;
    }
  }
  if (!deps.ok) {
    log('not building the native addon: system packages are missing (see above).');
    return false;
  }
  return buildNative({ force });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `--build` (npm run build:native): just (re)build, incrementally, and report
  // failure in the exit code; for developers, not for `npm install`.
  if (process.argv.includes('--build')) process.exit(buildNative() ? 0 : 1);
  try {
    install({ force: process.argv.includes('--force') });
  } catch (err) {
    // Never fail `npm install` because of the addon.
    log(`install script error: ${err && err.stack ? err.stack : err}`);
  }
  process.exit(0);
}
