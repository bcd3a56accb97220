// Where array memory comes from. Arrays live in V8-owned ArrayBuffers (the garbage
// collector frees them without waiting for the event loop; BUILD-NOTES.md has the
// measurements that ruled out addon-owned external buffers). Three rules:
//  - never zero-fill when the caller will overwrite everything (`empty`, results);
//  - carve small arrays from shared slabs, as Node's Buffer pool does, because a
//    fresh off-heap ArrayBuffer costs ~1 µs and a view on an existing one ~45 ns;
//  - mark every buffer untransferable, so that postMessage cannot detach memory an
//    array (or a pending native call) still uses.
// Reuse of freed large blocks is glibc's job; the addon raises its mmap/trim
// thresholds at load (see native/binding/config and README "Memory"). Array buffers
// are not advised onto transparent huge pages (NumPy advises its own of 4 MiB and up):
// tried, it made `take` of 1e6 from 1e7 float64 12 -> 10 ms, but fresh 200 MB results
// then stalled 400-500 ms now and then (x.T.ravel() of 5000² in the bench: 46 -> 260 ms).
import { constants as bufferConstants } from 'node:buffer';
import { markAsUntransferable } from 'node:worker_threads';
import { fail } from './errors';

/**
 * Arrays of at most this many bytes are carved from a slab. 8 KiB (1024 float64)
 * covers the sizes where a fresh buffer's ~1 us dominated a call (a + b of 256
 * float64: 2.56 -> 0.58 us); a live array keeps its whole slab alive, so the slab
 * stays small (Node's Buffer pool: 4 KiB from 8 KiB).
 */
export const SLAB_MAX_ALLOC = 8192;
const SLAB_SIZE = 128 * 1024;
const ALIGN = 16;

let slab: ArrayBuffer | null = null;
let slabUsed = SLAB_SIZE;

// ---- issue 7: np.promises (src/promises.ts) asks which memory is numnode's ----
/** Buffers allocated here: untransferable and fixed-length, so an async kernel may hold them. */
export const ownedBuffers = new WeakSet<ArrayBufferLike>();
/** The slabs among them (shared by many small arrays). */
export const slabBuffers = new WeakSet<ArrayBufferLike>();
/** While np.promises plans a call, every allocation gets its own buffer (no slab). */
export const allocationHooks = { noSlab: false };

/** The largest ArrayBuffer this Node can make. */
export const MAX_ALLOC_BYTES: number = bufferConstants.MAX_LENGTH;

export interface Allocation {
  buffer: ArrayBuffer;
  byteOffset: number;
}

function freshBuffer(nbytes: number, zero: boolean): ArrayBuffer {
  try {
    // Buffer.allocUnsafeSlow skips zero-filling and never uses Node's shared pool, so
    // its ArrayBuffer is exactly ours; `new ArrayBuffer` zero-fills through calloc,
    // which gets fresh pages without touching them.
    const buf = zero ? new ArrayBuffer(nbytes) : Buffer.allocUnsafeSlow(nbytes).buffer as ArrayBuffer;
    markAsUntransferable(buf);
    ownedBuffers.add(buf);
    return buf;
  } catch (e) {
    return fail('ERR_NUMNODE_ALLOC', RangeError,
      `Unable to allocate ${formatBytes(nbytes)} for an array: ${(e as Error).message}`);
  }
}

/**
 * Allocates nbytes of array memory, zeroed when asked. Hostile sizes are refused
 * before anything is attempted.
 */
export function allocate(nbytes: number, zero: boolean): Allocation {
  if (!(nbytes >= 0) || !Number.isSafeInteger(nbytes)) {
    return fail('ERR_NUMNODE_ALLOC', RangeError, `invalid allocation size ${nbytes}`);
  }
  if (nbytes > MAX_ALLOC_BYTES) {
    return fail('ERR_NUMNODE_ALLOC', RangeError,
      `Unable to allocate ${formatBytes(nbytes)} for an array: larger than the maximum buffer size (${formatBytes(MAX_ALLOC_BYTES)})`);
  }
  if (nbytes <= SLAB_MAX_ALLOC && !allocationHooks.noSlab) {
    const need = Math.max(ALIGN, (nbytes + ALIGN - 1) & ~(ALIGN - 1));
    if (slab === null || slabUsed + need > SLAB_SIZE) {
      slab = freshBuffer(SLAB_SIZE, false);
      slabBuffers.add(slab);
      slabUsed = 0;
    }
    const byteOffset = slabUsed;
    slabUsed += need;
    // A slab is reused memory: zero explicitly when asked.
    if (zero && nbytes > 0) new Uint8Array(slab, byteOffset, nbytes).fill(0);
    return { buffer: slab, byteOffset };
  }
  return { buffer: freshBuffer(nbytes, zero), byteOffset: 0 };
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 40) return `${(n / 2 ** 40).toFixed(1)} TiB`;
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  return `${n} bytes`;
}

export const memoryPolicy = {
  slabSize: SLAB_SIZE,
  slabMaxAlloc: SLAB_MAX_ALLOC,
  alignment: ALIGN,
  zeroFillsEmpty: false,
  untransferable: true,
};
