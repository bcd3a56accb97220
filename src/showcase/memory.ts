// Heap measurements for the showcase: a garbage collection before each reading, so
// that a difference of two readings is what the objects in between hold.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFn: (() => void) | null | undefined;

/**
 * V8's gc(): the global one under --expose-gc, otherwise obtained by setting the
 * flag at run time (a fresh context then exposes it). Null if neither works.
 */
export function getGc(): (() => void) | null {
  if (gcFn !== undefined) return gcFn;
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return (gcFn = g);
  try {
    setFlagsFromString('--expose-gc');
    const f = runInNewContext('gc') as unknown;
    gcFn = typeof f === 'function' ? (f as () => void) : null;
  } catch {
    gcFn = null;
  }
  return gcFn;
}

/** process.memoryUsage() after a full collection (when gc is available). */
export function settledMemory(): NodeJS.MemoryUsage {
  const gc = getGc();
  if (gc !== null) { gc(); gc(); }
  return process.memoryUsage();
}

/** Bytes in the tutorial's units (1 MB = 1e6 bytes). */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
