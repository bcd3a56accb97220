// einsum's small-call path (issue 5): the two-operand matrix forms that dominate real
// use, row-wise products ('ij,ij->i' and its spellings) and matrix products
// ('ik,kj->ij', 'ki,kj->ij', 'ik,jk->ji', ...), computed straight from the operands'
// strides. At the tutorial's 3x4 sizes the general path (parse, label sizes, prepared
// terms, permuted and reshaped views, matmul's validation) cost 3-5x the arithmetic
// (perf profile: parse, Set/Map construction, views, megamorphic loads); here a call
// is a Map lookup, a few shape comparisons, one fresh result and the kernel.
//
// The results are those of the general path, bit for bit: the matrix forms call the
// same matmul routing (runMatmul, given the operands' strides instead of views), and the row-wise
// form runs the TypeScript sum-of-products loop's arithmetic (products summed in order
// from 0) only where the general path would run the TypeScript kernel too; where it
// would pick the addon this path steps aside.
//
// The cache maps a subscripts string (for two 2-D operands) to the form it spells, or
// to null when it spells none: only labels' axis positions are kept, never an array,
// shape or dtype, so a hit cannot go stale: shapes, dtypes, strides and offsets are
// read from the operands on every call. Bounded, oldest entry evicted first.
import { NDArray } from '../../core/ndarray';
import { emptyOf } from '../../core/creation';
import { nativeFor, thresholds } from '../../backend/backend';
import { runMatmul } from '../../backend/linalg';
import { parseEinsum } from './parse';

/**
 * out[t] = sum_r A[..] * B[..]: `ao`/`ar` are the axes of A holding the output label
 * and the summed label, `bo`/`br` those of B.
 */
interface RowDot { readonly kind: 0; readonly ao: number; readonly ar: number; readonly bo: number; readonly br: number }
/**
 * result[i, j] = sum_c L[i, c] * R[c, j], L and R being the operands holding the
 * result's first and second labels (`leftIsA`); `li`/`lc` are L's axes of i and c,
 * `rc`/`rj` R's axes of c and j.
 */
interface Product { readonly kind: 1; readonly leftIsA: boolean; readonly li: number; readonly lc: number; readonly rc: number; readonly rj: number }
type Form = RowDot | Product;

const FORMS = new Map<string, Form | null>();
/** @internal Entries kept (exported for tests of the bound). */
export const FAST_CACHE_SIZE = 128;

/** @internal The cache's entries (for tests: bounded, and holding no arrays). */
export function fastCacheEntries(): [string, Form | null][] {
  return [...FORMS];
}

/** The form labels `ins` -> `out` spell for two 2-D operands, or null. */
function classify(ins: readonly (readonly number[])[], out: readonly number[]): Form | null {
  const [x, y] = ins as [readonly number[], readonly number[]];
  if (x.length !== 2 || y.length !== 2 || x[0] === x[1] || y[0] === y[1]) return null;
  const shared = x.filter((l) => y.includes(l));
  if (shared.length === 2 && out.length === 1) {
    const o = out[0]!;
    const ao = x.indexOf(o), bo = y.indexOf(o);
    return { kind: 0, ao, ar: 1 - ao, bo, br: 1 - bo };
  }
  if (shared.length === 1 && out.length === 2) {
    const c = shared[0]!;
    const a = x.find((l) => l !== c)!, b = y.find((l) => l !== c)!;
    if (a === b || !out.includes(a) || !out.includes(b)) return null;
    const leftIsA = out[0] === a;
    const [L, R] = leftIsA ? [x, y] : [y, x];
    const li = L.indexOf(out[0]!), rj = R.indexOf(out[1]!);
    return { kind: 1, leftIsA, li, lc: 1 - li, rc: 1 - rj, rj };
  }
  return null;
}

function formOf(subscripts: string, A: NDArray, B: NDArray): Form | null {
  let f = FORMS.get(subscripts);
  if (f !== undefined) return f;
  try {
    const p = parseEinsum([subscripts, A, B]);
    f = classify(p.inputs, p.output);
  } catch {
    // A bad expression: the general path raises its error.
    return null;
  }
  if (FORMS.size >= FAST_CACHE_SIZE) FORMS.delete(FORMS.keys().next().value!);
  FORMS.set(subscripts, f);
  return f;
}

/**
 * einsum(subscripts, A, B) without options when it is one of the forms above and the
 * operands are two 2-D arrays of one dtype whose label sizes match exactly (no
 * broadcasting of length-1 axes); otherwise null and the general path runs.
 */
export function einsumFast(args: readonly unknown[]): NDArray | null {
  if (args.length !== 3) return null;
  const s = args[0], A = args[1], B = args[2];
  if (typeof s !== 'string' || !(A instanceof NDArray) || !(B instanceof NDArray)) return null;
  if (A.ndim !== 2 || B.ndim !== 2 || A.dtype !== B.dtype) return null;
  const f = formOf(s, A, B);
  if (f === null) return null;
  const as = A.shape, bs = B.shape;
  if (f.kind === 1) {
    const L = f.leftIsA ? A : B, R = f.leftIsA ? B : A;
    const ls = L.shape, rs = R.shape;
    const K = ls[f.lc]!;
    if (rs[f.rc] !== K) return null;
    const M = ls[f.li]!, N = rs[f.rj]!;
    const C = emptyOf([M, N], A.dtype);
    if (M !== 0 && N !== 0) {
      runMatmul([], M, N, K, L, R, C, [L.strides[f.li]!, L.strides[f.lc]!], [R.strides[f.rc]!, R.strides[f.rj]!]);
    }
    return C;
  }
  const dtype = A.dtype;
  if (dtype !== 'float64' && dtype !== 'float32') return null;
  const T = as[f.ao]!, K = as[f.ar]!;
  if (bs[f.bo] !== T || bs[f.br] !== K) return null;
  // The general path's routing: the addon from thresholds.sumProducts elements touched.
  if (nativeFor(2 * T * K, thresholds.sumProducts) !== null) return null;
  A._checkBuffer(); B._checkBuffer();
  const res = emptyOf([T], dtype);
  const is = A.itemsize;
  const x = A._data as Float64Array, y = B._data as Float64Array, o = res._data as Float64Array;
  const xt = A.strides[f.ao]! / is, xr = A.strides[f.ar]! / is, yt = B.strides[f.bo]! / is, yr = B.strides[f.br]! / is;
  let p0 = A.byteOffset / is, q0 = B.byteOffset / is;
  const o0 = res.byteOffset / is;
  for (let t = 0; t < T; t++, p0 += xt, q0 += yt) {
    let acc = 0;
    for (let r = 0, p = p0, q = q0; r < K; r++, p += xr, q += yr) acc += x[p]! * y[q]!;
    o[o0 + t] = acc;
  }
  return res;
}
