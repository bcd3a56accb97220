// The frame every live differential test shares: when python3 can import NumPy, a
// generator writes a fixture for a fresh random seed into a temporary directory and
// the suites run on it; a generator failure is a failing test; without NumPy the run
// is skipped with the reason. The seed is in the titles; set the seed variable to
// replay a failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { numpyAvailable } from './fixtures';

export interface LiveContext {
  seed: number;
  /** The temporary directory (removed after the file's tests). */
  dir: string;
  /** "NumPy <version>" (and the other modules' versions). */
  numpy: string;
}

export function liveDifferential<T>(opts: {
  /** The test's name, e.g. 'core live'. */
  name: string;
  /** The environment variable that fixes the seed (default NUMNODE_LIVE_SEED). */
  seedVar?: string;
  /** Python modules needed besides NumPy (e.g. ['scipy']). */
  modules?: string[];
  /** Writes and loads the fixture for `seed` (files go under `dir`). */
  generate: (seed: number, dir: string) => T;
  /** Declares the tests over the fixture. */
  suites: (fx: T, ctx: LiveContext) => void;
}): void {
  const seedVar = opts.seedVar ?? 'NUMNODE_LIVE_SEED';
  const numpy = numpyAvailable(opts.modules);
  const env = process.env[seedVar];
  const seed = env !== undefined && env !== '' ? Number(env) : Math.floor(Math.random() * 2 ** 31);
  if (!numpy.ok) {
    it.skip(`${opts.name}: skipped, ${numpy.reason}`, () => {});
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'numnode-live-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fx: T;
  try {
    fx = opts.generate(seed, dir);
  } catch (e) {
    const failure = `the generator failed: ${(e as Error).message}`;
    it(`${opts.name} (${seedVar}=${seed})`, () => {
      throw new Error(failure);
    });
    return;
  }
  opts.suites(fx, { seed, dir, numpy: numpy.reason });
}
