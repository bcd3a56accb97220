// numnode's src/ as one CommonJS file, for tests that need it outside vitest's
// module graph: worker_threads, child processes (`node --expose-gc`), examples.
// rolldown (vitest's bundler) builds it in about a second; the child loads the same
// addon as this process (NUMNODE_ADDON_PATH), or the TypeScript backend when this
// process runs without one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as np from '../../src/index';
import { ROOT } from './fixtures';

let built: Promise<string> | null = null;
const dirs: string[] = [];

/** The path of a CommonJS bundle of src/index.ts (built once per test file). */
export function numnodeBundle(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('rolldown');
    const dir = mkdtempSync(join(tmpdir(), 'numnode-bundle-'));
    dirs.push(dir);
    const file = join(dir, 'numnode.cjs');
    await build({
      input: join(ROOT, 'src', 'index.ts'),
      platform: 'node',
      write: true,
      logLevel: 'silent',
      output: { file, format: 'cjs' },
    });
    return file;
  })();
  return built;
}

/** Removes the bundles (afterAll). */
export function removeBundles(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  built = null;
}

/** The environment a child needs to load the addon this process uses (or none). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const cfg = np.config();
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (cfg.backend.addonPath !== null) env.NUMNODE_ADDON_PATH = cfg.backend.addonPath;
  else env.NUMNODE_BACKEND = 'js';
  return env;
}
