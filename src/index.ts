// numnode: NumPy for Node.js. The public namespace: `import * as np from 'numnode'`.
import { Slice } from './core/ndarray';

export { NDArray, Slice } from './core/ndarray';
export type { Flags, IndexItem, Order } from './core/ndarray';
export type { DType, Scalar, ValueOf, TypedArrayOf } from './core/dtype';
export { DTYPES } from './core/dtype';
export type { ErrorCode, NumnodeError } from './core/errors';
export {
  array, asarray, frombuffer, empty, zeros, ones, full, emptyLike, zerosLike, onesLike, fullLike,
  arange, linspace, eye, identity, concatenate, stack, ascontiguousarray, asfortranarray,
} from './core/creation';
export type { ArrayLike } from './core/creation';
export {
  reshape, ravel, transpose, swapaxes, moveaxis, squeeze, expandDims, copy,
  broadcastTo, broadcastShapes, broadcastArrays,
} from './core/functional';
export { sharesMemory, mayShareMemory } from './core/overlap';
export { array2string, arrayRepr, arrayStr } from './core/functional';
export { setPrintOptions, getPrintOptions, withPrintOptions as printOptions } from './core/print';
export type { PrintOptions } from './core/print';
export { config, showConfig, setNumThreads, getNumThreads, version } from './config';
export { setBackend, getBackend } from './backend/backend';
export type { BackendMode } from './backend/backend';

// ---- issue 3: elementwise ufuncs, where, clip, type promotion ----
import './ops/elementwise-methods';
export { promoteTypes, resultType, canCast } from './core/promotion';
export type { Casting } from './core/promotion';
export * from './ops/elementwise-ufuncs';
export { where, clip } from './ops/elementwise';
export type { UfuncOptions, Operand } from './ops/elementwise';
// ---- end issue 3 ----

/** NumPy's `np.newaxis` (it is `None` in Python). */
export const newaxis = null;

/** `np.s(start, stop, step)`: a slice for `a.slice(...)`, like `slice(start, stop, step)` / `np.s_[start:stop:step]`. */
export function s(start: number | null = null, stop: number | null = null, step: number | null = null): Slice {
  return new Slice(start, stop, step);
}

// dtype constants: np.float32 === 'float32'
export const bool = 'bool' as const;
export const int8 = 'int8' as const;
export const uint8 = 'uint8' as const;
export const int16 = 'int16' as const;
export const uint16 = 'uint16' as const;
export const int32 = 'int32' as const;
export const uint32 = 'uint32' as const;
export const int64 = 'int64' as const;
export const uint64 = 'uint64' as const;
export const float32 = 'float32' as const;
export const float64 = 'float64' as const;

// ---- issue 6: random streams and .npy/.npz files (src/random, src/io) ----------------
export * as random from './random';
export { save, load, toNpy, fromNpy, savez, savezCompressed, NpzFile } from './io';
export type { LoadOptions, MmapMode, NpyHeader } from './io';
