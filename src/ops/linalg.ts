// Linear algebra with NumPy's semantics: matmul (the @ operator), dot, vdot, inner,
// outer, tensordot, trace, diag, diagonal, linalg.norm, isclose, allclose,
// arrayEqual. The products all end in one kernel call (src/backend/linalg.ts):
// OpenBLAS on the operands as they lie for float32/float64, native blocked loops for
// the other dtypes, the TypeScript kernels for small inputs or without the addon.
// Where NumPy returns a scalar (dot/vdot/inner of two vectors, trace of a matrix, a
// norm over all axes, allclose, arrayEqual) these return a JS scalar (API.md).
import { DType, KIND, Scalar, toDType } from '../core/dtype';
import { fail, shapeStr } from '../core/errors';
import { NDArray, checkOptions } from '../core/ndarray';
import { asarray, emptyOf, ArrayLike } from '../core/creation';
import { broadcastShapes, normalizeAxis, sizeOf, describe } from '../core/shape';
import { canCastDType, promoteTypes } from '../core/promotion';
import { copyInto, boundsOverlap } from '../backend/dispatch';
import { runMatmul, runSumProducts } from '../backend/linalg';

const SIG = '(n?,k),(k,m?)->(n?,m?)';

/** Converts an operand (NDArray, nested arrays, TypedArray, scalar) as np.asarray does. */
export function toArray(x: unknown, what = 'operand'): NDArray {
  if (x instanceof NDArray) return x;
  if (x === null || x === undefined || typeof x === 'string' || typeof x === 'function') {
    return fail('ERR_NUMNODE_ARG', TypeError, `${what} must be an array-like (NDArray, nested arrays, TypedArray or number), got ${describe(x)}`);
  }
  return asarray(x as ArrayLike);
}

function checkOut(out: unknown, fn: string): NDArray | null {
  if (out === undefined || out === null) return null;
  if (!(out instanceof NDArray)) return fail('ERR_NUMNODE_ARG', TypeError, `${fn}: out must be an NDArray, got ${describe(out)}`);
  out._checkWriteable();
  return out;
}

function castCheck(from: DType, to: DType, fn: string): void {
  if (!canCastDType(from, to, 'same_kind')) {
    fail('ERR_NUMNODE_DTYPE', TypeError,
      `Cannot cast ufunc '${fn}' output from dtype('${from}') to dtype('${to}') with casting rule 'same_kind'`);
  }
}

/**
 * Where a kernel may write a result destined for `out`: `out` itself when its dtype
 * is the computation's and it shares no memory with an input, else a fresh array
 * (copied into `out` by finish()) — NumPy's answer for overlapping operands.
 */
function target(out: NDArray | null, shape: readonly number[], dtype: DType, inputs: readonly NDArray[]): NDArray {
  if (out !== null && out.dtype === dtype && !inputs.some((x) => boundsOverlap(out, x))) return out;
  return emptyOf(shape, dtype);
}

function finish(result: NDArray, out: NDArray | null): NDArray {
  if (out === null || result === out) return result;
  copyInto(out, result);
  return out;
}

// ---- matmul -------------------------------------------------------------------------

export interface OutOptions { out?: NDArray | null }

/**
 * NumPy's matmul (the @ operator): a 1-D first operand is a row, a 1-D second one a
 * column, and the added axis is removed from the result; leading axes broadcast as a
 * batch; zero-size axes give empty (or, for k = 0, zero) results. Unlike NumPy, two
 * 1-D operands give a 0-d array rather than a scalar (use `dot` for a JS scalar), so
 * that matmul always returns an NDArray. `out` gets NumPy's ufunc rules: exact shape,
 * 'same_kind' casting, and a temporary when it overlaps an input.
 */
export function matmul(a: ArrayLike, b: ArrayLike, opts?: OutOptions): NDArray {
  // Two matrices of one dtype and no `out`, the common call: no batch, no broadcast,
  // no views (at 3x4 @ 4x5 the general path's bookkeeping cost three times the
  // product). Anything else, including every error, takes the general path below.
  if (opts === undefined && a instanceof NDArray && b instanceof NDArray && a.ndim === 2 && b.ndim === 2
    && a.dtype === b.dtype && a.shape[1] === b.shape[0]) {
    const m = a.shape[0]!, n = b.shape[1]!;
    const C = emptyOf([m, n], a.dtype);
    if (m !== 0 && n !== 0) runMatmul([], m, n, a.shape[1]!, a, b, C);
    return C;
  }
  checkOptions(opts, ['out'], 'matmul');
  const A = toArray(a, 'matmul: a');
  const B = toArray(b, 'matmul: b');
  const out = checkOut(opts?.out, 'matmul');
  for (const [i, x] of [A, B].entries()) {
    if (x.ndim === 0) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `matmul: Input operand ${i} does not have enough dimensions (has 0, gufunc core with signature ${SIG} requires 1)`);
    }
  }
  const A2 = A.ndim === 1 ? A.reshape(1, A.shape[0]!) : A;
  const B2 = B.ndim === 1 ? B.reshape(B.shape[0]!, 1) : B;
  const [m, k] = A2.shape.slice(-2) as [number, number];
  const [k2, n] = B2.shape.slice(-2) as [number, number];
  if (k !== k2) {
    fail('ERR_NUMNODE_SHAPE', RangeError,
      `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${SIG} (size ${k2} is different from ${k})`);
  }
  let batch = batchShape(A2, B2, m, n);
  let shape = [...batch, ...(A.ndim === 1 ? [] : [m]), ...(B.ndim === 1 ? [] : [n])];
  const dtype = promoteTypes(A.dtype, B.dtype);
  if (out !== null) {
    // NumPy's ufunc machinery lets `out` carry extra (or stretched) batch axes: the
    // inputs broadcast to them.
    shape = checkMatmulOut(out, shape, A.ndim === 1, B.ndim === 1, dtype);
    batch = shape.slice(0, shape.length - (A.ndim === 1 ? 0 : 1) - (B.ndim === 1 ? 0 : 1));
  }
  const res = target(out, shape, dtype, [A, B]);
  const C = res.reshape([...batch, m, n]);
  matmulInto(A2, B2, batch, m, n, k, C);
  return finish(res, out);
}

function batchShape(A: NDArray, B: NDArray, m: number, n: number): number[] {
  const a = A.shape.slice(0, -2), b = B.shape.slice(0, -2);
  try {
    return broadcastShapes(a, b);
  } catch {
    const rem = (x: NDArray, s: readonly number[]) => `${shapeStr(x.shape).replace(/ /g, '')}->(${[...s, 'newaxis', 'newaxis'].join(',')})`;
    return fail('ERR_NUMNODE_BROADCAST', RangeError,
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${rem(A, a)} ${rem(B, b)}  and requested shape (${m},${n})`);
  }
}

/** Checks `out` against the result's shape and returns the shape to compute (out's). */
function checkMatmulOut(out: NDArray, shape: number[], aVec: boolean, bVec: boolean, dtype: DType): number[] {
  const core = (aVec ? 0 : 1) + (bVec ? 0 : 1);
  if (out.ndim < core) {
    fail('ERR_NUMNODE_SHAPE', RangeError,
      `matmul: Output operand 0 does not have enough dimensions (has ${out.ndim}, gufunc core with signature ${SIG} requires ${core})`);
  }
  for (let c = 0; c < core; c++) {
    const got = out.shape[out.ndim - core + c]!;
    const want = shape[shape.length - core + c]!;
    if (got !== want) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `matmul: Output operand 0 has a mismatch in its core dimension ${c}, with gufunc signature ${SIG} (size ${got} is different from ${want})`);
    }
  }
  const batch = shape.slice(0, shape.length - core);
  const outBatch = out.shape.slice(0, out.ndim - core);
  let ok = outBatch.length >= batch.length;
  for (let i = 0; ok && i < batch.length; i++) {
    const o = outBatch[outBatch.length - batch.length + i]!, d = batch[i]!;
    ok = d === o || d === 1;
  }
  if (!ok) {
    fail('ERR_NUMNODE_SHAPE', RangeError,
      `non-broadcastable output operand with shape ${shapeStr(out.shape).replace(/ /g, '')} doesn't match the broadcast shape ${shapeStr(shape).replace(/ /g, '')}`);
  }
  castCheck(dtype, out.dtype, 'matmul');
  return [...out.shape];
}

/** C (batch + [m, n], fresh or a safe out) = A @ B with A, B broadcast over the batch. */
function matmulInto(A: NDArray, B: NDArray, batch: number[], m: number, n: number, k: number, C: NDArray): void {
  if (C.size === 0) return;
  const dtype = C.dtype;
  const Ac = A.dtype === dtype ? A : A.astype(dtype);
  const Bc = B.dtype === dtype ? B : B.astype(dtype);
  runMatmul(batch, m, n, k, Ac.broadcastTo([...batch, m, k]), Bc.broadcastTo([...batch, k, n]), C);
}

/** A 2-D (M x K) @ (K x N) product into a fresh array of `dtype`. */
function gemm2(A: NDArray, B: NDArray, dtype: DType): NDArray {
  const [M, K] = A.shape as [number, number];
  const N = B.shape[1]!;
  const C = emptyOf([M, N], dtype);
  matmulInto(A, B, [], M, N, K, C);
  return C;
}

// ---- dot, vdot, inner, outer, tensordot -------------------------------------------

type ScalarOr = NDArray | Scalar;

function scalarOf(a: NDArray): Scalar {
  return a.item() as Scalar;
}

/** a * b with broadcasting, in `dtype` (the products of dot/inner with a 0-d operand, and outer). */
function multiplyBroadcast(A: NDArray, B: NDArray, dtype: DType, out: NDArray | null = null): NDArray {
  const shape = broadcastShapes(A.shape, B.shape);
  const res = out ?? emptyOf(shape, dtype);
  if (res.size === 0) return res;
  const Ac = (A.dtype === dtype ? A : A.astype(dtype)).broadcastTo(shape);
  const Bc = (B.dtype === dtype ? B : B.astype(dtype)).broadcastTo(shape);
  runSumProducts(shape, shape.length, [{ array: Ac, strides: Ac.strides }, { array: Bc, strides: Bc.strides }], res, res.strides, true);
  return res;
}

function notAligned(a: NDArray, b: NDArray, ia: number, ib: number): never {
  return fail('ERR_NUMNODE_SHAPE', RangeError,
    `shapes ${shapeStr(a.shape).replace(/ /g, '')} and ${shapeStr(b.shape).replace(/ /g, '')} not aligned: ${a.shape[ia]} (dim ${ia}) != ${b.shape[ib]} (dim ${ib})`);
}

/**
 * np.dot: scalars multiply; two vectors give their inner product as a JS scalar; a
 * matrix with a vector sums over the last axis; otherwise the sum over a's last and
 * b's second-to-last axis (dot(a, b)[i,j,k,m] = sum(a[i,j,:] * b[k,:,m])). `out`, as
 * in NumPy, must have the result's exact dtype and shape and be C-contiguous.
 */
export function dot(a: ArrayLike, b: ArrayLike, opts?: OutOptions): ScalarOr {
  checkOptions(opts, ['out'], 'dot');
  const A = toArray(a, 'dot: a');
  const B = toArray(b, 'dot: b');
  const out = checkOut(opts?.out, 'dot');
  const dtype = promoteTypes(A.dtype, B.dtype);
  let shape: number[];
  if (A.ndim === 0 || B.ndim === 0) shape = broadcastShapes(A.shape, B.shape);
  else {
    const ia = A.ndim - 1, ib = B.ndim === 1 ? 0 : B.ndim - 2;
    if (A.shape[ia] !== B.shape[ib]) notAligned(A, B, ia, ib);
    shape = [...A.shape.slice(0, -1), ...B.shape.slice(0, ib), ...B.shape.slice(ib + 1)];
  }
  if (out !== null) {
    if (out.dtype !== dtype || out.ndim !== shape.length || out.shape.some((d, i) => d !== shape[i]) || !out.flags.cContiguous) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        'output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)');
    }
  }
  const res = target(out, shape, dtype, [A, B]);
  if (A.ndim === 0 || B.ndim === 0) multiplyBroadcast(A, B, dtype, res);
  else if (res.size > 0) {
    // Explicit lengths, not -1: a zero-length K leaves -1 undetermined.
    const K = A.shape[A.ndim - 1]!;
    const M = sizeOf(A.shape.slice(0, -1));
    const N = B.ndim === 1 ? 1 : sizeOf(B.shape.filter((_, i) => i !== B.ndim - 2));
    const A2 = A.reshape(M, K);
    const B2 = B.ndim === 1 ? B.reshape(K, 1) : B.moveaxis(-2, 0).reshape(K, N);
    matmulInto(A2, B2, [], M, N, K, res.reshape(M, N));
  }
  const r = finish(res, out);
  return out === null && r.ndim === 0 ? scalarOf(r) : r;
}

/** np.vdot: the dot product of the flattened arrays (real dtypes: no conjugation). A JS scalar. */
export function vdot(a: ArrayLike, b: ArrayLike): Scalar {
  const A = toArray(a, 'vdot: a').ravel();
  const B = toArray(b, 'vdot: b').ravel();
  if (A.size !== B.size) fail('ERR_NUMNODE_SHAPE', RangeError, 'cannot reshape array of size ' + B.size + ' into shape ' + `(${A.size},)`);
  return dot(A, B) as Scalar;
}

/**
 * np.inner: the sum over the last axes of both (inner(a, b)[i..., j...] =
 * sum(a[i..., :] * b[j..., :])); a 0-d operand multiplies; two vectors give a JS scalar.
 */
export function inner(a: ArrayLike, b: ArrayLike): ScalarOr {
  const A = toArray(a, 'inner: a');
  const B = toArray(b, 'inner: b');
  const dtype = promoteTypes(A.dtype, B.dtype);
  if (A.ndim === 0 || B.ndim === 0) {
    const r = multiplyBroadcast(A, B, dtype);
    return r.ndim === 0 ? scalarOf(r) : r;
  }
  const K = A.shape[A.ndim - 1]!;
  if (B.shape[B.ndim - 1] !== K) notAligned(A, B, A.ndim - 1, B.ndim - 1);
  const shape = [...A.shape.slice(0, -1), ...B.shape.slice(0, -1)];
  const res = emptyOf(shape, dtype);
  if (res.size > 0) {
    const M = sizeOf(A.shape.slice(0, -1)), N = sizeOf(B.shape.slice(0, -1));
    const A2 = A.reshape(M, K), B2 = B.reshape(N, K);
    matmulInto(A2, B2.T, [], M, N, K, res.reshape(M, N));
  }
  return A.ndim === 1 && B.ndim === 1 ? scalarOf(res) : res;
}

/** np.outer: out[i, j] = a.ravel()[i] * b.ravel()[j]. `out` follows the ufunc rules (exact shape, 'same_kind'). */
export function outer(a: ArrayLike, b: ArrayLike, opts?: OutOptions): NDArray {
  checkOptions(opts, ['out'], 'outer');
  const A = toArray(a, 'outer: a').ravel();
  const B = toArray(b, 'outer: b').ravel();
  const out = checkOut(opts?.out, 'outer');
  const dtype = promoteTypes(A.dtype, B.dtype);
  const shape = [A.size, B.size];
  if (out !== null) {
    if (out.ndim !== 2 || out.shape[0] !== shape[0] || out.shape[1] !== shape[1]) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `non-broadcastable output operand with shape ${shapeStr(out.shape).replace(/ /g, '')} doesn't match the broadcast shape ${shapeStr(shape).replace(/ /g, '')}`);
    }
    castCheck(dtype, out.dtype, 'multiply');
  }
  const res = target(out, shape, dtype, [A, B]);
  multiplyBroadcast(A.reshape(A.size, 1), B.reshape(1, B.size), dtype, res);
  return finish(res, out);
}

export type TensordotAxes = number | readonly [number | readonly number[], number | readonly number[]];

/**
 * np.tensordot(a, b, {axes}): `axes` an int N (the last N axes of a with the first N
 * of b; 0 is the outer product), or a pair [axesA, axesB] of ints or lists. The free
 * axes of a, then those of b, make the result (always an NDArray).
 */
export function tensordot(a: ArrayLike, b: ArrayLike, opts?: { axes?: TensordotAxes }): NDArray {
  checkOptions(opts, ['axes'], 'tensordot');
  const A = toArray(a, 'tensordot: a');
  const B = toArray(b, 'tensordot: b');
  const axes = opts?.axes ?? 2;
  let axA: number[], axB: number[];
  if (typeof axes === 'number') {
    if (!Number.isInteger(axes)) fail('ERR_NUMNODE_ARG', TypeError, `tensordot: axes must be an integer or a pair, got ${axes}`);
    axA = []; axB = [];
    for (let i = -axes; i < 0; i++) axA.push(i);
    for (let i = 0; i < axes; i++) axB.push(i);
  } else if (Array.isArray(axes) && axes.length === 2) {
    const list = (x: unknown): number[] => (Array.isArray(x) ? [...x as number[]] : [x as number]);
    axA = list(axes[0]);
    axB = list(axes[1]);
    for (const v of [...axA, ...axB]) {
      if (typeof v !== 'number' || !Number.isInteger(v)) fail('ERR_NUMNODE_ARG', TypeError, `tensordot: axes entries must be integers, got ${describe(v)}`);
    }
  } else {
    return fail('ERR_NUMNODE_ARG', TypeError, 'tensordot: axes must be an integer or a pair [axesA, axesB]');
  }
  let equal = axA.length === axB.length;
  if (equal) {
    for (let i = 0; i < axA.length; i++) {
      const da = axisLen(A, axA[i]!), db = axisLen(B, axB[i]!);
      if (da !== db) { equal = false; break; }
      if (axA[i]! < 0) axA[i] = axA[i]! + A.ndim;
      if (axB[i]! < 0) axB[i] = axB[i]! + B.ndim;
    }
  }
  if (!equal) fail('ERR_NUMNODE_SHAPE', RangeError, 'shape-mismatch for sum');
  const freeA = [...A.shape.keys()].filter((i) => !axA.includes(i));
  const freeB = [...B.shape.keys()].filter((i) => !axB.includes(i));
  const K = sizeOf(axA.map((i) => A.shape[i]!));
  const M = sizeOf(freeA.map((i) => A.shape[i]!));
  const N = sizeOf(freeB.map((i) => B.shape[i]!));
  const At = A.transpose([...freeA, ...axA]).reshape(M, K);
  const Bt = B.transpose([...axB, ...freeB]).reshape(K, N);
  const dtype = promoteTypes(A.dtype, B.dtype);
  return gemm2(At, Bt, dtype).reshape([...freeA.map((i) => A.shape[i]!), ...freeB.map((i) => B.shape[i]!)]);
}

/** A's length along a (possibly negative) axis, with Python's IndexError for a bad one. */
function axisLen(A: NDArray, ax: number): number {
  const i = ax < 0 ? ax + A.ndim : ax;
  if (i < 0 || i >= A.ndim) fail('ERR_NUMNODE_INDEX', RangeError, 'tuple index out of range');
  return A.shape[i]!;
}

// ---- diagonal, diag, trace ----------------------------------------------------------

export interface DiagonalOptions { offset?: number; axis1?: number; axis2?: number }

/**
 * np.diagonal: a read-only view (as NumPy's) of the diagonal of the axis1/axis2 plane,
 * that axis pair removed and the diagonal appended as the last axis.
 */
export function diagonal(a: ArrayLike, opts?: DiagonalOptions): NDArray {
  checkOptions(opts, ['offset', 'axis1', 'axis2'], 'diagonal');
  const A = toArray(a, 'diagonal: a');
  return diagonalView(A, opts?.offset ?? 0, opts?.axis1 ?? 0, opts?.axis2 ?? 1, false);
}

function diagonalView(A: NDArray, offset: number, axis1: number, axis2: number, writeable: boolean): NDArray {
  if (!Number.isInteger(offset)) fail('ERR_NUMNODE_ARG', TypeError, `offset must be an integer, got ${describe(offset)}`);
  if (A.ndim < 2) fail('ERR_NUMNODE_SHAPE', RangeError, 'diag requires an array of at least two dimensions');
  const a1 = normalizeAxis(axis1, A.ndim, 'axis1');
  const a2 = normalizeAxis(axis2, A.ndim, 'axis2');
  if (a1 === a2) fail('ERR_NUMNODE_AXIS', RangeError, 'axis1 and axis2 cannot be the same');
  const n1 = A.shape[a1]!, n2 = A.shape[a2]!;
  let start = A.byteOffset;
  let len: number;
  if (offset >= 0) {
    len = Math.max(0, Math.min(n1, n2 - offset));
    if (len > 0) start += offset * A.strides[a2]!;
  } else {
    len = Math.max(0, Math.min(n1 + offset, n2));
    if (len > 0) start -= offset * A.strides[a1]!;
  }
  const keep = [...A.shape.keys()].filter((i) => i !== a1 && i !== a2);
  const shape = [...keep.map((i) => A.shape[i]!), len];
  const strides = [...keep.map((i) => A.strides[i]!), A.strides[a1]! + A.strides[a2]!];
  return A._view(shape, strides, start, writeable && A.flags.writeable);
}

/**
 * np.diag(v, k): a 1-D v gives a new square array with v on the k-th diagonal; a
 * 2-D v gives its k-th diagonal (a read-only view, as in NumPy). `k` may be given
 * as a number or as {k}.
 */
export function diag(v: ArrayLike, k: number | { k?: number } = 0): NDArray {
  const kk = typeof k === 'number' ? k : (checkOptions(k, ['k'], 'diag'), k.k ?? 0);
  if (!Number.isInteger(kk)) fail('ERR_NUMNODE_ARG', TypeError, `k must be an integer, got ${describe(kk)}`);
  const V = toArray(v, 'diag: v');
  if (V.ndim === 1) {
    const n = V.shape[0]! + Math.abs(kk);
    const res = emptyOf([n, n], V.dtype, 'C', true);
    const d = diagonalView(res, kk, 0, 1, true);
    copyInto(d, V);
    return res;
  }
  if (V.ndim === 2) return diagonalView(V, kk, 0, 1, false);
  return fail('ERR_NUMNODE_SHAPE', RangeError, 'Input must be 1- or 2-d.');
}

/** The dtype np.sum gives by default: small signed ints and bool to int64, small unsigned to uint64. */
export function sumDType(d: DType): DType {
  if (d === 'bool') return 'int64';
  if (KIND[d] === 'i') return 'int64';
  if (KIND[d] === 'u') return 'uint64';
  return d;
}

export interface TraceOptions extends DiagonalOptions { dtype?: DType | string; out?: NDArray | null }

/**
 * np.trace: the sum along the diagonal (of the axis1/axis2 plane), in np.sum's
 * default dtype (int64 for bool and small signed ints, uint64 for small unsigned) or
 * `dtype`. A matrix gives a JS scalar, more dimensions an array.
 */
export function trace(a: ArrayLike, opts?: TraceOptions): ScalarOr {
  checkOptions(opts, ['offset', 'axis1', 'axis2', 'dtype', 'out'], 'trace');
  const A = toArray(a, 'trace: a');
  const out = checkOut(opts?.out, 'trace');
  const d = diagonalView(A, opts?.offset ?? 0, opts?.axis1 ?? 0, opts?.axis2 ?? 1, false);
  const dtype = opts?.dtype === undefined || opts.dtype === null ? sumDType(A.dtype) : toDType(opts.dtype);
  const res = sumLastAxis(d, dtype);
  if (out !== null) {
    if (out.ndim !== res.ndim || out.shape.some((x, i) => x !== res.shape[i])) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `output parameter for reduction operation add has the wrong number of dimensions: Found ${out.ndim} but expected ${res.ndim}`);
    }
    copyInto(out, res);
    return out;
  }
  return res.ndim === 0 ? scalarOf(res) : res;
}

/** Sums the last axis of x in `dtype` (x cast first when needed) with the sum-of-products kernel. */
function sumLastAxis(x: NDArray, dtype: DType): NDArray {
  const src = x.dtype === dtype ? x : x.astype(dtype);
  const shape = src.shape;
  const res = emptyOf(shape.slice(0, -1), dtype);
  if (res.size === 0) return res;
  runSumProducts(shape, shape.length - 1, [{ array: src, strides: src.strides }], res, res.strides);
  return res;
}

// ---- norms ----------------------------------------------------------------------------

export type NormOrder = number | 'fro' | 'f' | 'nuc' | null;
export interface NormOptions { ord?: NormOrder; axis?: number | number[] | null; keepdims?: boolean }

/**
 * np.linalg.norm: vector norms (ord = null/2: Euclidean, 1, Infinity, -Infinity, 0:
 * count of nonzeros, any other p: sum(|x|^p)^(1/p)) over one axis, matrix norms
 * ('fro', 1, -1, Infinity, -Infinity) over two; over all axes when `axis` is omitted
 * (a vector norm for 1-D, Frobenius for anything with ord null). Integers are
 * converted to float64 first, float32 stays float32. A norm over all axes is a JS
 * number unless keepdims. The spectral and nuclear norms (ord 2, -2, 'nuc' over two
 * axes) need an SVD, which numnode does not have: they throw.
 */
export function norm(x: ArrayLike, opts?: NormOptions): number | NDArray {
  checkOptions(opts, ['ord', 'axis', 'keepdims'], 'linalg.norm');
  let X = toArray(x, 'norm: x');
  if (KIND[X.dtype] !== 'f') X = X.astype('float64');
  const ord = opts?.ord ?? null;
  const keepdims = opts?.keepdims ?? false;
  const axisOpt = opts?.axis ?? null;
  const nd = X.ndim;
  const finish1 = (r: NDArray, axes: number[]): number | NDArray => {
    const kept = keepdims ? r.reshape(X.shape.map((d, i) => (axes.includes(i) ? 1 : d))) : r;
    return !keepdims && kept.ndim === 0 ? (kept.item() as number) : kept;
  };
  if (axisOpt === null) {
    if (ord === null || ((ord === 'fro' || ord === 'f') && nd === 2) || (ord === 2 && nd === 1)) {
      const r = sqrtInPlace(sumSquares(X.ravel('K'), [0]));
      return finish1(r, [...X.shape.keys()]);
    }
  }
  const axesList = axisOpt === null ? [...X.shape.keys()] : (Array.isArray(axisOpt) ? axisOpt : [axisOpt]).map((ax) => normalizeAxis(ax, nd));
  if (new Set(axesList).size !== axesList.length) fail('ERR_NUMNODE_AXIS', RangeError, 'Duplicate axes given.');
  const axes = axesList;
  if (axes.length === 1) {
    if (typeof ord === 'string') fail('ERR_NUMNODE_ARG', RangeError, `Invalid norm order '${ord}' for vectors`);
    let r: NDArray;
    if (ord === Infinity) r = reduceAbs(X, axes, 'max');
    else if (ord === -Infinity) r = reduceAbs(X, axes, 'min');
    else if (ord === 0) r = reduceAbs(X, axes, 'count');
    else if (ord === 1) r = reduceAbs(X, axes, 'sum');
    else if (ord === null || ord === 2) r = sqrtInPlace(sumSquares(X, axes));
    else r = reduceAbs(X, axes, 'pow', ord);
    return finish1(r, axes);
  }
  if (axes.length === 2) {
    let [row, col] = axes as [number, number];
    let r: NDArray;
    if (ord === 2 || ord === -2 || ord === 'nuc') {
      return fail('ERR_NUMNODE_ARG', RangeError,
        `norm: ord=${typeof ord === 'string' ? `'${ord}'` : ord} over two axes is a singular-value norm, which needs an SVD; numnode has no SVD`);
    } else if (ord === 1 || ord === -1) {
      if (col > row) col -= 1;
      r = reduceAbs(reduceAbs(X, [row], 'sum'), [col], ord === 1 ? 'max' : 'min', undefined, true);
    } else if (ord === Infinity || ord === -Infinity) {
      if (row > col) row -= 1;
      r = reduceAbs(reduceAbs(X, [col], 'sum'), [row], ord === Infinity ? 'max' : 'min', undefined, true);
    } else if (ord === null || ord === 'fro' || ord === 'f') {
      r = sqrtInPlace(sumSquares(X, axes));
    } else {
      return fail('ERR_NUMNODE_ARG', RangeError, 'Invalid norm order for matrices.');
    }
    return finish1(r, axes);
  }
  return fail('ERR_NUMNODE_SHAPE', RangeError, 'Improper number of dimensions to norm.');
}

/** sum(x*x) over `axes` with the sum-of-products kernel (x and x as two operands). */
function sumSquares(X: NDArray, axes: readonly number[]): NDArray {
  const keep = [...X.shape.keys()].filter((i) => !axes.includes(i));
  const order = [...keep, ...axes];
  const shape = order.map((i) => X.shape[i]!);
  const strides = order.map((i) => X.strides[i]!);
  const res = emptyOf(keep.map((i) => X.shape[i]!), X.dtype);
  if (res.size === 0) return res;
  runSumProducts(shape, keep.length, [{ array: X, strides }, { array: X, strides }], res, res.strides);
  return res;
}

function sqrtInPlace(r: NDArray): NDArray {
  const d = r._data as Float64Array;
  walk(r, (i) => { d[i] = Math.sqrt(d[i]!); });
  return r;
}

/** Calls fn(elementIndex) for every element of a (C order). */
function walk(a: NDArray, fn: (i: number) => void): void {
  if (a.size === 0) return;
  const st = a.strides.map((s) => s / a.itemsize);
  const idx = new Array<number>(a.ndim).fill(0);
  let p = a.byteOffset / a.itemsize;
  for (let t = 0; t < a.size; t++) {
    fn(p);
    for (let d = a.ndim - 1; d >= 0; d--) {
      p += st[d]!;
      if (++idx[d]! < a.shape[d]!) break;
      p -= st[d]! * a.shape[d]!;
      idx[d] = 0;
    }
  }
}

/**
 * A reduction of |x| over `axes` (TypeScript loops; these norms are not hot paths):
 * max, min, count of nonzeros, sum, or sum of |x|^p then ^(1/p). In x's float dtype;
 * float32 rounds every step as NumPy's float32 arithmetic does. `noAbs` when x is
 * already non-negative.
 */
function reduceAbs(X: NDArray, axes: number[], op: 'max' | 'min' | 'count' | 'sum' | 'pow', p?: number, noAbs = false): NDArray {
  const f32 = X.dtype === 'float32';
  const r = f32 ? Math.fround : (v: number) => v;
  const keep = [...X.shape.keys()].filter((i) => !axes.includes(i));
  const res = emptyOf(keep.map((i) => X.shape[i]!), X.dtype);
  const red = axes.map((i) => X.shape[i]!);
  const nred = sizeOf(red);
  if (nred === 0 && (op === 'max' || op === 'min')) {
    fail('ERR_NUMNODE_SHAPE', RangeError,
      `zero-size array to reduction operation ${op === 'max' ? 'maximum' : 'minimum'} which has no identity`);
  }
  const data = X._data as Float64Array;
  const out = res._data as Float64Array;
  const kst = keep.map((i) => X.strides[i]! / X.itemsize);
  const rst = axes.map((i) => X.strides[i]! / X.itemsize);
  const values = new Float64Array(nred);
  const oidx = new Array<number>(keep.length).fill(0);
  let base = X.byteOffset / X.itemsize;
  let po = res.byteOffset / res.itemsize;
  const ost = res.strides.map((s) => s / res.itemsize);
  for (let t = 0; t < res.size; t++) {
    // gather this lane's |x|
    const ridx = new Array<number>(axes.length).fill(0);
    let q = base;
    for (let u = 0; u < nred; u++) {
      const v = data[q]!;
      values[u] = noAbs ? v : Math.abs(v);
      for (let d = axes.length - 1; d >= 0; d--) {
        q += rst[d]!;
        if (++ridx[d]! < red[d]!) break;
        q -= rst[d]! * red[d]!;
        ridx[d] = 0;
      }
    }
    let acc: number;
    if (op === 'max' || op === 'min') {
      acc = values[0]!;
      for (let u = 1; u < nred; u++) {
        const v = values[u]!;
        if (Number.isNaN(acc) || Number.isNaN(v)) { acc = NaN; break; }
        acc = op === 'max' ? Math.max(acc, v) : Math.min(acc, v);
      }
    } else if (op === 'count') {
      acc = 0;
      for (let u = 0; u < nred; u++) if (values[u] !== 0) acc++;
    } else if (op === 'sum') {
      acc = pairwise(values, 0, nred, r);
    } else {
      for (let u = 0; u < nred; u++) values[u] = r(values[u]! ** p!);
      acc = r(pairwise(values, 0, nred, r) ** r(1 / p!));
    }
    out[po] = acc;
    for (let d = keep.length - 1; d >= 0; d--) {
      base += kst[d]!;
      po += ost[d]!;
      if (++oidx[d]! < res.shape[d]!) break;
      base -= kst[d]! * res.shape[d]!;
      po -= ost[d]! * res.shape[d]!;
      oidx[d] = 0;
    }
  }
  return res;
}

/** NumPy's pairwise summation (blocks of 8 below 128 elements), rounding with r after each add. */
function pairwise(v: Float64Array, lo: number, n: number, r: (x: number) => number): number {
  if (n < 8) {
    let s = 0;
    for (let i = lo; i < lo + n; i++) s = r(s + v[i]!);
    return s;
  }
  if (n <= 128) {
    const acc = [v[lo]!, v[lo + 1]!, v[lo + 2]!, v[lo + 3]!, v[lo + 4]!, v[lo + 5]!, v[lo + 6]!, v[lo + 7]!];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) acc[j] = r(acc[j]! + v[lo + i + j]!);
    let s = r(r(r(acc[0]! + acc[1]!) + r(acc[2]! + acc[3]!)) + r(r(acc[4]! + acc[5]!) + r(acc[6]! + acc[7]!)));
    for (; i < n; i++) s = r(s + v[lo + i]!);
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(pairwise(v, lo, n2, r) + pairwise(v, lo + n2, n - n2, r));
}

export const linalg = { norm };

// ---- comparisons --------------------------------------------------------------------

export interface CloseOptions { rtol?: number; atol?: number; equalNan?: boolean }

/**
 * np.isclose: |a - b| <= atol + rtol * |b| elementwise (broadcast), with infinities
 * equal only to themselves and NaN equal to NaN only with equalNan. Computed in the
 * dtype NumPy uses (float32 when both are float32, else float64). A bool array, or a
 * boolean for two scalars / 0-d arrays.
 */
export function isclose(a: ArrayLike, b: ArrayLike, opts?: CloseOptions): NDArray | boolean {
  checkOptions(opts, ['rtol', 'atol', 'equalNan'], 'isclose');
  const A = toArray(a, 'isclose: a');
  const B = toArray(b, 'isclose: b');
  const rtol = opts?.rtol ?? 1e-5, atol = opts?.atol ?? 1e-8, equalNan = opts?.equalNan ?? false;
  // NumPy makes y inexact (result_type(y, 1.0)), then computes x - y in the promoted type.
  const yd = KIND[B.dtype] === 'f' ? B.dtype : 'float64';
  const f32 = promoteTypes(A.dtype, yd) === 'float32';
  const r = f32 ? Math.fround : (v: number) => v;
  const shape = broadcastShapes(A.shape, B.shape);
  const res = emptyOf(shape, 'bool');
  const xs = values(A.broadcastTo(shape)), ys = values(B.broadcastTo(shape));
  const o = res._data as Uint8Array;
  const o0 = res.byteOffset;
  const rt = r(rtol), at = r(atol);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!, y = ys[i]!;
    let ok = x === y || (Number.isFinite(y) && r(Math.abs(r(x - y))) <= r(at + r(rt * Math.abs(y))));
    if (!ok && equalNan && Number.isNaN(x) && Number.isNaN(y)) ok = true;
    o[o0 + i] = ok ? 1 : 0;
  }
  return res.ndim === 0 ? o[o0] === 1 : res;
}

/** The elements of a (C order) as doubles (int64/uint64 rounded as NumPy's cast to float64). */
function values(a: NDArray): Float64Array {
  const out = new Float64Array(a.size);
  const d = a._data as unknown as { [i: number]: number | bigint };
  let k = 0;
  walk(a, (i) => { out[k++] = Number(d[i]!); });
  return out;
}

/** np.allclose: every element isclose. A boolean. */
export function allclose(a: ArrayLike, b: ArrayLike, opts?: CloseOptions): boolean {
  const r = isclose(a, b, opts);
  if (typeof r === 'boolean') return r;
  const d = r._data as Uint8Array;
  for (let i = r.byteOffset; i < r.byteOffset + r.size; i++) if (d[i] === 0) return false;
  return true;
}

/**
 * np.array_equal: same shape and equal elements (NaN unequal unless equalNan).
 * Integers compare exactly, also int64 against uint64; an integer against a float
 * compares as float64, as NumPy's promotion does. Anything that cannot be made an
 * array gives false.
 */
export function arrayEqual(a1: ArrayLike, a2: ArrayLike, opts?: { equalNan?: boolean }): boolean {
  checkOptions(opts, ['equalNan'], 'arrayEqual');
  let A: NDArray, B: NDArray;
  try {
    A = toArray(a1);
    B = toArray(a2);
  } catch {
    return false;
  }
  if (A.ndim !== B.ndim || A.shape.some((d, i) => d !== B.shape[i])) return false;
  const equalNan = opts?.equalNan ?? false;
  const exact = KIND[A.dtype] !== 'f' && KIND[B.dtype] !== 'f';
  const f32 = promoteTypes(A.dtype, B.dtype) === 'float32';
  const da = A._data as unknown as { [i: number]: number | bigint };
  const db = B._data as unknown as { [i: number]: number | bigint };
  const xa: (number | bigint)[] = [], xb: (number | bigint)[] = [];
  walk(A, (i) => { xa.push(da[i]!); });
  walk(B, (i) => { xb.push(db[i]!); });
  for (let i = 0; i < xa.length; i++) {
    const x = xa[i]!, y = xb[i]!;
    if (exact) {
      if (BigInt(x) !== BigInt(y)) return false;
      continue;
    }
    let fx = Number(x), fy = Number(y);
    if (f32) { fx = Math.fround(fx); fy = Math.fround(fy); }
    if (fx === fy) continue;
    if (equalNan && Number.isNaN(fx) && Number.isNaN(fy)) continue;
    return false;
  }
  return true;
}
