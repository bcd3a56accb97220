// np.topk (issue 8): each row's k largest entries, best first, optionally merged into
// running buffers — the selection step of a tiled nearest-neighbour search (the
// showcase's recommender), fused so that a tile is read once.
//
// NumPy has no top-k function; its idiom is argpartition(a, -k) followed by an argsort
// of the k survivors. topk gives the same set and order with one tie rule made
// definite: larger values first, NaN above every number (NumPy's sort order, as
// argpartition(a, -k) selects), -0.0 equal to +0.0, and among equal values the
// smaller index first. So for a row x, topk(x, k).indices equals the first k entries
// of np.lexsort((arange(n), -key(x))), key mapping NaN above +inf.
//
// Merging (`into`): values (a's dtype) and indices (int64), shaped (rows, k), hold a
// running result; the row's new entries compete with them and the k best remain,
// sorted. A negative index marks an empty slot (ranking below everything); fresh
// buffers start empty (-inf, -1), and slots stay empty while fewer than k entries
// have been seen. Entries are not de-duplicated: merging a column range twice
// offers its entries twice. Column j of `a` enters with index indexOffset + j.
//
// Cost: one compare per element against the row's current k-th best (32 float32 or 16 float64 at a
// time in the addon), and for each element that enters, O(log k) compares and a move
// of the worse entries: on random rows about k·(1 + ln(n/k)) elements enter, so the
// function is meant for k much smaller than the row.
import { DTYPE_CODE } from '../core/dtype';
import { fail } from '../core/errors';
import { NDArray, bytesOf, checkOptions } from '../core/ndarray';
import { ArrayLike, asarray, emptyOf } from '../core/creation';
import { describe } from '../core/shape';
import { mayShareMemory } from '../core/overlap';
import { nativeFor } from '../backend/backend';
import { topkMerge } from '../backend/js/topk';
import type { View2 } from '../backend/js/topk';

export interface TopK<D extends 'float32' | 'float64' = 'float32' | 'float64'> {
  values: NDArray<D>;
  indices: NDArray<'int64'>;
}

export interface TopKOptions {
  /** Running buffers to merge into (values: a's dtype, indices: int64; updated in place and returned). */
  into?: { values: NDArray; indices: NDArray };
  /** The index column 0 of `a` stands for (a tile's first column), >= 0. */
  indexOffset?: number;
}

/**
 * Elements (rows × (cols + k)) from which 'auto' prefers the addon. Measured on the
 * 2-core dev machine (float64, 4 rows, k = 10, merging into buffers; medians of 2,000
 * calls, other jobs running: indicative): 64 elements 4.3 µs native / 2.9 µs
 * TypeScript, 256: 6.2 / 3.3, 1024: 2.7 / 4.8, 4096: 3.8 / 10.7.
 */
export const topkThreshold = 1024;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function view2(x: NDArray): View2 {
  const is = x.itemsize;
  return { data: x._data as View2['data'], s0: x.strides[0]! / is, s1: x.strides[1]! / is, off: x.byteOffset / is };
}

/** topk(a, k, {into, indexOffset}): the k largest entries of each row of a 1-D or 2-D float array, best first. */
export function topk(a: ArrayLike, k: number, opts?: TopKOptions): TopK {
  checkOptions(opts, ['into', 'indexOffset'], 'topk');
  let x = asarray(a);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    fail('ERR_NUMNODE_DTYPE', TypeError, `topk() supports float32 and float64 arrays, got ${x.dtype}`);
  }
  if (x.ndim !== 1 && x.ndim !== 2) fail('ERR_NUMNODE_SHAPE', RangeError, `topk() takes a 1-D or 2-D array, got ${x.ndim}-D`);
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0) {
    fail('ERR_NUMNODE_ARG', RangeError, `topk(): k must be a non-negative integer, got ${describe(k)}`);
  }
  const rows = x.ndim === 2 ? x.shape[0]! : 1;
  const cols = x.shape[x.ndim - 1]!;
  const off = opts?.indexOffset ?? 0;
  if (typeof off !== 'number' || !Number.isSafeInteger(off) || off < 0 || off + cols > MAX_SAFE) {
    fail('ERR_NUMNODE_ARG', RangeError, `topk(): indexOffset must be an integer with 0 <= indexOffset and indexOffset + ${cols} <= 2**53 - 1, got ${describe(off)}`);
  }
  const bshape = x.ndim === 2 ? [rows, k] : [k];
  let out: TopK;
  const into = opts?.into;
  if (into !== undefined) {
    if (typeof into !== 'object' || into === null || !(into.values instanceof NDArray) || !(into.indices instanceof NDArray)) {
      return fail('ERR_NUMNODE_ARG', TypeError, 'topk(): into must be {values: NDArray, indices: NDArray}');
    }
    const { values, indices } = into;
    if (values.dtype !== x.dtype) fail('ERR_NUMNODE_DTYPE', TypeError, `topk(): into.values must be ${x.dtype}, got ${values.dtype}`);
    if (indices.dtype !== 'int64') fail('ERR_NUMNODE_DTYPE', TypeError, `topk(): into.indices must be int64, got ${indices.dtype}`);
    for (const [name, b] of [['values', values], ['indices', indices]] as const) {
      if (b.ndim !== bshape.length || b.shape.some((n, i) => n !== bshape[i])) {
        fail('ERR_NUMNODE_SHAPE', RangeError, `topk(): into.${name} has shape (${b.shape.join(', ')}), expected (${bshape.join(', ')})`);
      }
      b._checkBuffer();
      b._checkWriteable();
    }
    if (mayShareMemory(values, indices)) fail('ERR_NUMNODE_ARG', RangeError, 'topk(): into.values and into.indices must not share memory');
    out = { values, indices } as TopK;
  } else {
    out = { values: emptyOf(bshape, x.dtype).fill(-Infinity), indices: emptyOf(bshape, 'int64').fill(-1) } as TopK;
  }
  x._checkBuffer();
  if (rows === 0 || k === 0) return out;
  // The kernels write the buffers while reading `a`, row by row in parallel: an `a`
  // sharing memory with them is read from a copy.
  if (mayShareMemory(x, out.values) || mayShareMemory(x, out.indices)) x = x.copy();
  const a2 = x.ndim === 2 ? x : x.reshape(1, cols);
  const v2 = out.values.ndim === 2 ? out.values : out.values.reshape(1, k);
  const i2 = out.indices.ndim === 2 ? out.indices : out.indices.reshape(1, k);
  const b = nativeFor(rows * (cols + k), topkThreshold);
  if (b !== null && typeof b.topk === 'function') {
    b.topk(DTYPE_CODE[x.dtype], [rows, cols], [a2.strides[0]!, a2.strides[1]!], a2.byteOffset, bytesOf(a2.buffer), k,
      [v2.strides[0]!, v2.strides[1]!], v2.byteOffset, bytesOf(v2.buffer),
      [i2.strides[0]!, i2.strides[1]!], i2.byteOffset, bytesOf(i2.buffer), off);
  } else {
    topkMerge(rows, cols, view2(a2), k, view2(v2), view2(i2), off);
  }
  return out;
}
