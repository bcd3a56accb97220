// Loads the native addon, or records why it could not, without ever throwing:
// numnode then runs on its TypeScript backend and config()/showConfig() explain
// what was tried and how to fix it (sharp's loader is the model).
//
// Where it looks, in order:
//   NUMNODE_BACKEND=js        -> nothing (the TypeScript backend is forced)
//   NUMNODE_ADDON_PATH=<file> -> exactly that .node file (the sanitizer run uses it)
//   otherwise                 -> node-gyp-build's choice in the package root
//                                (build/Release, build/Debug, prebuilds/<platform>-<arch>),
//                                and the prebuilds if a local build fails to load.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { NativeBinding } from './binding';

export interface LoadAttempt {
  /** The file tried (or the package root, when no file was found). */
  path: string;
  error: string;
}

export interface NativeLoadError {
  /** One line: why the native backend is not in use. */
  message: string;
  /** Each path tried and the error it gave. */
  attempts: LoadAttempt[];
  /** One line: what to do about it. */
  howToFix: string;
}

const INSTALL_LIBS = 'apt-get update && apt-get install -y libopenblas-openmp-dev libsleef-dev pkg-config';
const REQUIRED_FUNCTIONS = ['copy', 'cast', 'setNumThreads', 'getNumThreads', 'opTable', 'dtypeTable', 'config'];

/** The directory of numnode's package.json, found by walking up from this file (dist/ or src/). */
export function findPackageRoot(start: string = __dirname): string | null {
  for (let dir = start; ; ) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'numnode') return dir;
    } catch {
      // no (readable) package.json here: keep walking
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

function tryLoad(file: string, attempts: LoadAttempt[]): NativeBinding | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    const missing = REQUIRED_FUNCTIONS.filter((f) => typeof mod[f] !== 'function');
    if (missing.length > 0) throw new Error(`not a numnode addon (missing ${missing.join(', ')})`);
    return mod as unknown as NativeBinding;
  } catch (err) {
    attempts.push({ path: file, error: message(err) });
    return null;
  }
}

/**
 * Prebuilt addons shipped in the package for this platform (prebuildify names
 * them numnode[.abiNN][.glibc|.musl].node), most specific first. Files for
 * another Node ABI or libc are skipped; anything else is worth a try.
 */
function prebuildCandidates(root: string): string[] {
  const dir = path.join(root, 'prebuilds', `${process.platform}-${process.arch}`);
  let files: string[];
  try {
    files = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const musl = process.platform === 'linux' && fs.existsSync('/etc/alpine-release');
  return files
    .filter((f) => f.endsWith('.node'))
    .filter((f) => {
      const tags = f.slice(0, -'.node'.length).split('.').slice(1);
      const abi = tags.find((t) => /^abi\d+$/.test(t));
      if (abi && abi !== `abi${process.versions.modules}`) return false;
      if (tags.includes('musl') && !musl) return false;
      if (tags.includes('glibc') && musl) return false;
      return true;
    })
    .sort((a, b) => b.split('.').length - a.split('.').length)
    .map((f) => path.join(dir, f));
}

function howToFix(attempts: LoadAttempt[]): string {
  const errors = attempts.map((a) => a.error).join(' ');
  if (/lib(openblas|sleef|gomp)[^ ]*: cannot open shared object/.test(errors))
    return `install the system libraries the addon links against: ${INSTALL_LIBS}`;
  if (/NODE_MODULE_VERSION|invalid ELF|wrong ELF class|undefined symbol/.test(errors))
    return 'rebuild the addon for this Node and machine: npm run build:native';
  return `build the addon: npm run build:native (it needs: ${INSTALL_LIBS}); or set NUMNODE_BACKEND=js to use the TypeScript backend quietly`;
}

interface LoadResult {
  binding: NativeBinding | null;
  path: string | null;
  error: NativeLoadError | null;
}

function load(): LoadResult {
  const attempts: LoadAttempt[] = [];
  if (process.env.NUMNODE_BACKEND === 'js') {
    return {
      binding: null,
      path: null,
      error: {
        message: 'NUMNODE_BACKEND=js: the native backend is disabled',
        attempts,
        howToFix: 'unset NUMNODE_BACKEND to use the native addon',
      },
    };
  }

  const explicit = process.env.NUMNODE_ADDON_PATH;
  if (explicit) {
    const file = path.resolve(explicit);
    const binding = tryLoad(file, attempts);
    if (binding) return { binding, path: file, error: null };
    return {
      binding: null,
      path: null,
      error: {
        message: `NUMNODE_ADDON_PATH=${explicit} did not load: ${attempts[0]!.error}`,
        attempts,
        howToFix: 'point NUMNODE_ADDON_PATH at a numnode .node file built for this Node, or unset it',
      },
    };
  }

  const root = findPackageRoot();
  if (root === null) {
    attempts.push({ path: __dirname, error: "no package.json named 'numnode' above this directory" });
  } else {
    const candidates: string[] = [];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const nodeGypBuild = require('node-gyp-build') as { resolve(dir: string): string };
      candidates.push(nodeGypBuild.resolve(root));
    } catch (err) {
      attempts.push({ path: root, error: message(err) });
    }
    // A local build that fails to load (stale, or built on another machine) should
    // not hide a working prebuild.
    for (const p of prebuildCandidates(root)) if (!candidates.includes(p)) candidates.push(p);
    for (const file of candidates) {
      const binding = tryLoad(file, attempts);
      if (binding) return { binding, path: file, error: null };
    }
  }
  return {
    binding: null,
    path: null,
    error: {
      message: `the native addon did not load (${attempts.length} attempt${attempts.length === 1 ? '' : 's'}); using the TypeScript backend`,
      attempts,
      howToFix: howToFix(attempts),
    },
  };
}

/** What loading gave: the binding, or the reasons it is missing. */
export interface NativeState {
  binding: NativeBinding | null;
  /** The .node file that loaded, or null. */
  path: string | null;
  /** One line, why the addon is not in use and how to fix it; null when it loaded. */
  error: string | null;
  /** Each path tried, as "path: error". */
  tried: string[];
  /** The same, structured; null when it loaded. */
  loadError: NativeLoadError | null;
}

/**
 * How OpenMP's workers wait between parallel regions, for numnode's kernels and
 * OpenBLAS: a short spin (GOMP_SPINCOUNT=1000: 1000 PAUSE loops, ~50 µs on this EPYC), then sleep,
 * unless the user set OMP_WAIT_POLICY or GOMP_SPINCOUNT. Why neither extreme:
 * - libgomp's default spins up to ~300,000 iterations after each region; on a machine
 *   whose cores are busy (a server, CI) that spinning competes with the thread that
 *   called numnode. Measured on 2 loaded cores, median of 200-500 calls: sum of 1e6
 *   float64 9.7-12 ms spinning vs 0.11 ms passive.
 * - PASSIVE (no spin) makes every region wake a sleeping worker through a futex,
 *   30-60 µs here, which is most of a small kernel: on a quiet machine, median of
 *   1000 calls, sum(axis=1) of 1000x300 took 111 µs passive vs 32 µs with a spin of
 *   1000 (NumPy: 72 µs), einsum('ij,ij->i') 133 vs 52 µs; on 2 cores busy with two
 *   other processes the 1000-spin kept passive's figures (256² matmul 0.80-0.82 ms
 *   vs 0.80-0.81 ms; a spin of 3000 made it 3.4 ms).
 * libgomp reads the variable once, when it is loaded with the addon; it is removed
 * again right after so that child processes do not inherit it.
 */
export interface WaitPolicy {
  value: string;
  source: 'numnode' | 'OMP_WAIT_POLICY' | 'GOMP_SPINCOUNT';
}

/** numnode's default spin count (see WaitPolicy). */
const SPIN_COUNT = '1000';

function loadWithWaitPolicy(): { result: LoadResult; waitPolicy: WaitPolicy } {
  const user = process.env.OMP_WAIT_POLICY;
  if (user !== undefined) return { result: load(), waitPolicy: { value: user.toUpperCase(), source: 'OMP_WAIT_POLICY' } };
  if (process.env.GOMP_SPINCOUNT !== undefined) {
    return { result: load(), waitPolicy: { value: `GOMP_SPINCOUNT=${process.env.GOMP_SPINCOUNT}`, source: 'GOMP_SPINCOUNT' } };
  }
  process.env.GOMP_SPINCOUNT = SPIN_COUNT;
  try {
    return { result: load(), waitPolicy: { value: `GOMP_SPINCOUNT=${SPIN_COUNT}`, source: 'numnode' } };
  } finally {
    delete process.env.GOMP_SPINCOUNT;
  }
}

// Loaded eagerly, when numnode is imported: loading also applies the addon's
// process-wide settings (malloc policy, NUMNODE_NUM_THREADS) before any array exists.
const { result, waitPolicy } = loadWithWaitPolicy();

/** The OpenMP wait policy in force (see loadWithWaitPolicy). */
export const ompWaitPolicy: Readonly<WaitPolicy> = Object.freeze(waitPolicy);
const state: NativeState = Object.freeze({
  binding: result.binding,
  path: result.path,
  error: result.error ? `${result.error.message}. To fix: ${result.error.howToFix}` : null,
  tried: result.error ? result.error.attempts.map((a) => `${a.path}: ${a.error}`) : [],
  loadError: result.error,
});

/** The load result (the same object on every call). */
export function native(): NativeState {
  return state;
}

/** The .node file that loaded, or null. */
export const addonPath: string | null = state.path;
/** Why the addon is not in use (null when it loaded). */
export const loadError: NativeLoadError | null = state.loadError;
