// The backends a conformance suite runs on, and the wrapper that runs one suite per
// backend (tfjs's shared backend tests): `describeBackends(title, (backend) => {...})`
// registers the same tests under "title [js]" and "title [native]". Each test runs
// with np.setBackend(backend) in force and the previous mode restored afterwards.
// 'native' forces every kernel onto the addon whatever the size (no thresholds), so
// the small arrays of the fixtures exercise the native copy/cast loops too.
// When the addon did not load, the native half is registered but skipped, and the
// reason is part of its title.
import { afterEach, beforeEach, describe } from 'vitest';
import * as np from '../../src/index';

export type BackendName = 'js' | 'native';

const cfg = np.config();

/** Whether the native addon loaded in this process. */
export const nativeLoaded: boolean = cfg.backend.native;

/** Why the native half is skipped (null when it runs). */
export const nativeSkipReason: string | null = nativeLoaded
  ? null
  : `native addon not loaded: ${cfg.backend.loadError ?? 'no reason given (try `node scripts/setup.mjs`)'}`;

/** The backends to run: always 'js', and 'native' when the addon loaded. */
export const backends: BackendName[] = nativeLoaded ? ['js', 'native'] : ['js'];

/** Runs `fn` for the duration of one backend mode, restoring the previous mode after. */
export function withBackend<T>(backend: BackendName, fn: () => T): T {
  const prev = np.getBackend();
  np.setBackend(backend);
  try {
    return fn();
  } finally {
    np.setBackend(prev);
  }
}

/**
 * Registers `fn`'s tests once per backend: `title [js]` and `title [native]`. The
 * native block is skipped, with the reason in its title, when the addon is absent.
 */
export function describeBackends(title: string, fn: (backend: BackendName) => void): void {
  for (const backend of ['js', 'native'] as const) {
    const skip = backend === 'native' && !nativeLoaded;
    const name = skip ? `${title} [native] (skipped: ${nativeSkipReason})` : `${title} [${backend}]`;
    describe.skipIf(skip)(name, () => {
      let prev: np.BackendMode = 'auto';
      beforeEach(() => {
        prev = np.getBackend();
        np.setBackend(backend);
      });
      afterEach(() => {
        np.setBackend(prev);
      });
      fn(backend);
    });
  }
}
