// Which backend runs a kernel. 'auto' sends arrays of at least `thresholds.*`
// elements to the addon (when it loaded) and smaller ones to the TypeScript
// kernels, which avoid the call overhead; 'native' and 'js' force one side, for
// tests and the benchmark suite. NUMNODE_BACKEND sets the mode at load.
import { fail } from '../core/errors';
import type { NativeBinding } from './native/binding';
import { native as loadedNative } from './native/loader';

export type BackendMode = 'auto' | 'native' | 'js';

/** Element counts from which 'auto' prefers the addon (measured by bench/; see README). */
export const thresholds = {
  copy: 2048,
  cast: 1024,
  // issue 3: elementwise ufuncs and np.where. Where the addon's call (~0.6 us since
  // its arguments travel in one Float64Array descriptor) starts to pay: best of 40
  // batches per size on the 2-core dev machine (float64, both backends forced), a + b
  // 512 elements 1.05 us native / 0.93 us TypeScript, 1024: 1.56 / 1.76; exp(x) 64:
  // 0.71 / 0.72, 128: 0.80 / 1.28; sin(x) 64: 0.75 / 0.64, 128: 0.84 / 1.10.
  elementwise: 1024,
  elementwiseTranscendental: 128,
  // issue 4: reductions and scans (elements of the input). Measured: a native
  // call costs ~3 us of argument checking, the TypeScript sum ~2-3 ns/element.
  reduce: 1024,
  // issue 5: matmul (multiply-adds m*n*k), einsum's sum of products (elements touched,
  // summed over operands), cdist (m*n*d)
  matmul: 4096,
  sumProducts: 2048,
  cdist: 2048,
};

let mode: BackendMode = parseMode(process.env.NUMNODE_BACKEND);

function parseMode(v: string | undefined): BackendMode {
  if (v === undefined || v === '') return 'auto';
  if (v === 'auto' || v === 'native' || v === 'js') return v;
  process.emitWarning(`NUMNODE_BACKEND=${v} is not one of auto, native, js; using auto`);
  return 'auto';
}

export function setBackend(m: BackendMode): void {
  if (m !== 'auto' && m !== 'native' && m !== 'js') {
    fail('ERR_NUMNODE_ARG', TypeError, `backend must be 'auto', 'native' or 'js', got ${String(m)}`);
  }
  if (m === 'native' && loadedNative().binding === null) {
    fail('ERR_NUMNODE_NATIVE', Error, `the native addon is not loaded: ${loadedNative().error ?? 'unknown reason'}`);
  }
  mode = m;
}

export function getBackend(): BackendMode {
  return mode;
}

/** The addon to use for a kernel over `size` elements, or null for the TypeScript kernel. */
export function nativeFor(size: number, threshold: number): NativeBinding | null {
  if (mode === 'js') return null;
  const b = loadedNative().binding;
  if (b === null) return null;
  if (!(mode === 'native' || size >= threshold)) return null;
  return bindingHook === null ? b : bindingHook(b);
}

// ---- issue 7: while np.promises plans a call (src/promises.ts), the kernels an
// operation asks for go to a stand-in binding that queues them in an async job.
let bindingHook: ((b: NativeBinding) => NativeBinding) | null = null;

/** @internal Set by src/promises.ts for the duration of one planning; null otherwise. */
export function setBindingHook(hook: ((b: NativeBinding) => NativeBinding) | null): void {
  bindingHook = hook;
}
