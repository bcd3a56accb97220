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

// ---- issue 10: selection (a.index / a.indexSet, take, ...), sorting, order statistics ----
export {
  index, indexSet, take, put, compress, extract, nonzero, argwhere, flatnonzero, choose, takeAlongAxis, putAlongAxis,
} from './ops/indexing';
export type { IndexSpec } from './ops/indexing';
export {
  sort, argsort, partition, argpartition, lexsort, searchsorted, unique, bincount, histogram, digitize,
} from './ops/sort';
export type { SortKind, SortOpts, PartitionOpts, UniqueOpts } from './ops/sort';
export { median, percentile, quantile, nanmedian, nanpercentile, nanquantile } from './ops/statistics';
export type { QuantileMethod, QuantileOpts } from './ops/statistics';
export { repeat, tile, flip, roll, pad } from './ops/manipulation';
export type { PadMode } from './ops/manipulation';
// ---- end issue 10 ----

// ---- issue 5: linear algebra, einsum, distances (src/ops/linalg.ts, src/ops/einsum/, src/ops/distance.ts) ----
import './ops/linalg-methods';
export {
  matmul, dot, vdot, inner, outer, tensordot, trace, diag, diagonal, linalg, isclose, allclose, arrayEqual,
} from './ops/linalg';
export type { OutOptions, TensordotAxes, DiagonalOptions, TraceOptions, NormOptions, NormOrder, CloseOptions } from './ops/linalg';
export { einsum, einsumPath } from './ops/einsum/execute';
export type { EinsumOptions } from './ops/einsum/execute';
export { distance } from './ops/distance';
export type { CdistOptions, Metric } from './ops/distance';
// ---- end issue 5 ----

// ---- issue 4: reductions and scans (src/ops/reduce*.ts) ----
import './ops/reduce';
import './ops/reduce-scan';
export {
  sum, prod, mean, std, variance as var, min, max, amin, amax, argmin, argmax, all, any,
  nansum, nanmean, nanmin, nanmax,
} from './ops/reduce';
export type { Axis, ReduceOptions, VarOptions, ExtremeOptions, ArgOptions, SumOf, MeanOf } from './ops/reduce';
export { cumsum, cumprod, diff } from './ops/reduce-scan';
export type { ScanOptions, DiffOptions } from './ops/reduce-scan';
// ---- end issue 4 ----

// ---- issue 7: np.promises (async kernels on the libuv pool) and the thread budget ----
export { promises, promisesStats, runAsync } from './promises';
export type { AsyncOptions, PromisesStats, Async, AsyncArgs, AsyncTail } from './promises';
// ---- end issue 7 ----

// ---- issue 8: fused per-row top-k (the showcase recommender's selection step; src/ops/topk.ts) ----
export { topk } from './ops/topk';
export type { TopK, TopKOptions } from './ops/topk';
// ---- end issue 8 ----
