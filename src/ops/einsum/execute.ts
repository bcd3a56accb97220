// einsum's execution: each contraction of the plan is lowered to the cheapest kernel
// that computes it exactly:
//   - a relabeling of one operand ('ij->ji', 'ii->i', '...ii->...i') is a view;
//   - a pairwise contraction that is a matrix product (some label summed between the
//     two, some label kept from at least one) becomes one (batched) matmul on permuted
//     views, tensordot style: labels grouped into batch / kept-from-a / summed /
//     kept-from-b, each group merged into one axis (a view when the strides allow, a
//     copy otherwise), then OpenBLAS for floats or the blocked integer loops;
//   - everything else (row-wise products 'ij,ij->i', traces, sums, outer and Hadamard
//     products, NumPy's unoptimised n-operand contractions) runs on the strided
//     sum-of-products kernel, with length-1 labels dropped, mergeable labels merged and
//     the smallest strides innermost.
import { DType, toDType } from '../../core/dtype';
import { fail, shapeStr } from '../../core/errors';
import { NDArray, checkOptions } from '../../core/ndarray';
import { emptyOf } from '../../core/creation';
import { canCastDType, Casting, toCasting, promoteTypes } from '../../core/promotion';
import { copyInto } from '../../backend/dispatch';
import { runSumProducts } from '../../backend/linalg';
import { matmul } from '../linalg';
import { parseEinsum, labelNames, ParsedEinsum, ELLIPSIS_BASE, EINSUM_SYMBOLS } from './parse';
import { planEinsum, PathSpec, EinsumPlan } from './plan';
import { einsumFast } from './fast';

export interface EinsumOptions {
  /** false (default): one contraction, as NumPy; true / 'greedy' / 'optimal' / an einsum_path list. */
  optimize?: PathSpec;
  out?: NDArray | null;
  /** Compute in this dtype (the operands are cast with `casting`, 'safe' by default). */
  dtype?: DType | string | null;
  casting?: Casting;
}

/** A labelled operand: one label per axis (unique once prepared). */
interface Term {
  array: NDArray;
  labels: number[];
}

function splitOptions(args: unknown[], allowed: readonly string[], fn: string): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  if (args.length > 1 && typeof last === 'object' && last !== null && !Array.isArray(last)
    && !(last instanceof NDArray) && !ArrayBuffer.isView(last)) {
    checkOptions(last, allowed, fn);
    return [args.slice(0, -1), last as Record<string, unknown>];
  }
  return [args, {}];
}

/** Label sizes with NumPy's rules: repeated labels in one operand must agree; across operands 1 broadcasts. */
function labelSizes(p: ParsedEinsum): Map<number, number> {
  const sizes = new Map<number, number>();
  const name = (l: number) => (l < ELLIPSIS_BASE ? EINSUM_SYMBOLS[l]! : '...');
  p.inputs.forEach((labels, k) => {
    const shape = p.operands[k]!.shape;
    const own = new Map<number, number>();
    labels.forEach((l, i) => {
      const d = shape[i]!;
      const prev = own.get(l);
      if (prev !== undefined && prev !== d) {
        fail('ERR_NUMNODE_EINSUM', RangeError,
          `dimensions in operand ${k} for collapsing index '${name(l)}' don't match (${prev} != ${d})`);
      }
      own.set(l, d);
    });
    for (const [l, d] of own) {
      const have = sizes.get(l);
      if (have === undefined || have === 1) sizes.set(l, d);
      else if (d !== 1 && d !== have) {
        if (l >= ELLIPSIS_BASE) {
          fail('ERR_NUMNODE_EINSUM', RangeError,
            `operands could not be broadcast together with shapes ${p.operands.map((o) => shapeStr(o.shape).replace(/ /g, '')).join(' ')}`);
        }
        fail('ERR_NUMNODE_EINSUM', RangeError,
          `Size of label '${name(l)}' for operand ${k} (${d}) does not match previous terms (${have}).`);
      }
    }
  });
  return sizes;
}

/** Collapses repeated labels into a diagonal view and broadcasts length-1 axes to the label sizes. */
function prepare(array: NDArray, labels: readonly number[], sizes: Map<number, number>): Term {
  const uniq: number[] = [];
  const shape: number[] = [];
  const strides: number[] = [];
  let broadcast = false;
  labels.forEach((l, i) => {
    const j = uniq.indexOf(l);
    if (j >= 0) {
      // The diagonal steps along every repeat at once; a length-1 axis broadcast to
      // the label's size stays put (stride 0), as the first occurrence does.
      if (array.shape[i] === sizes.get(l)) strides[j] = strides[j]! + array.strides[i]!;
      return;
    }
    uniq.push(l);
    const d = sizes.get(l)!;
    if (array.shape[i] !== d) broadcast = true;
    shape.push(d);
    strides.push(array.shape[i] === d ? array.strides[i]! : 0);
  });
  if (uniq.length === labels.length && !broadcast) return { array, labels: uniq };
  // einsum's views of a writeable operand are writeable (NumPy >= 1.10); broadcast ones are not.
  return { array: array._view(shape, strides, array.byteOffset, array.flags.writeable && !broadcast), labels: uniq };
}

/** a's axes reordered to `labels` (a view). */
function permuted(t: Term, labels: readonly number[]): NDArray {
  return t.array.transpose(labels.map((l) => t.labels.indexOf(l)));
}

function cast(t: Term, dtype: DType): Term {
  return t.array.dtype === dtype ? t : { array: t.array.astype(dtype), labels: t.labels };
}

/**
 * Sum of products of `terms` into a new array (or `into`) whose axes are `result`.
 * Labels of length 1 are dropped, neighbours that step together in every operand
 * are merged, summed labels are ordered by decreasing stride (smallest innermost).
 */
function sumProductsTerms(terms: Term[], result: number[], sizes: Map<number, number>, dtype: DType, into?: NDArray): NDArray {
  const res = into ?? emptyOf(result.map((l) => sizes.get(l)!), dtype);
  if (res.size === 0) return res;
  const ops = terms.map((t) => cast(t, dtype));
  const all = new Set<number>(ops.flatMap((t) => t.labels));
  const strideOf = (t: Term, l: number) => { const i = t.labels.indexOf(l); return i < 0 ? 0 : t.array.strides[i]!; };
  const summed = [...all].filter((l) => !result.includes(l));
  const firstStride = (l: number) => { const t = ops.find((o) => o.labels.includes(l))!; return Math.abs(strideOf(t, l)); };
  summed.sort((x, y) => firstStride(y) - firstStride(x));
  type Lab = { size: number; st: number[]; out: number };
  const outLabs: Lab[] = [];
  result.forEach((l, i) => {
    if (sizes.get(l) === 1) return;
    outLabs.push({ size: sizes.get(l)!, st: ops.map((t) => strideOf(t, l)), out: res.strides[i]! });
  });
  const redLabs: Lab[] = [];
  for (const l of summed) if (sizes.get(l) !== 1) redLabs.push({ size: sizes.get(l)!, st: ops.map((t) => strideOf(t, l)), out: 0 });
  const merge = (labs: Lab[]): Lab[] => {
    const outL: Lab[] = [];
    for (const lab of labs) {
      const prev = outL[outL.length - 1];
      if (prev !== undefined && prev.out === lab.out * lab.size && prev.st.every((s, k) => s === lab.st[k]! * lab.size)) {
        outL[outL.length - 1] = { size: prev.size * lab.size, st: lab.st, out: lab.out };
      } else outL.push(lab);
    }
    return outL;
  };
  const o = merge(outLabs), r = merge(redLabs);
  const labs = [...o, ...r];
  runSumProducts(labs.map((x) => x.size), o.length,
    ops.map((t, k) => ({ array: t.array, strides: labs.map((x) => x.st[k]!) })), res, o.map((x) => x.out));
  return res;
}

/** The order of labels `ls` by decreasing |stride| in t (so that merged groups can stay views). */
function byStride(t: Term, ls: number[]): number[] {
  return ls.slice().sort((x, y) => Math.abs(t.array.strides[t.labels.indexOf(y)]!) - Math.abs(t.array.strides[t.labels.indexOf(x)]!));
}

/** A pairwise contraction as one batched matmul (see the header), or null when it is not a matrix product. */
function matmulTerms(a: Term, b: Term, result: number[], sizes: Map<number, number>, dtype: DType): NDArray | null {
  const inA = new Set(a.labels), inB = new Set(b.labels), inR = new Set(result);
  // `result` holds every label needed later (the planner's intermediate, or the output).
  const keepLabel = (l: number) => inR.has(l);
  const batch = result.filter((l) => inA.has(l) && inB.has(l));
  const con = a.labels.filter((l) => inB.has(l) && !keepLabel(l));
  const keepA = a.labels.filter((l) => !inB.has(l) && keepLabel(l));
  const keepB = b.labels.filter((l) => !inA.has(l) && keepLabel(l));
  if (con.length === 0 || keepA.length + keepB.length === 0) return null;
  // When the result lists b's kept labels first, C^T = B^T A^T comes out in the
  // result's order: swap the operands so the product is contiguous, not a transposed view.
  const firstFree = result.find((l) => !batch.includes(l));
  if (firstFree !== undefined && keepB.includes(firstFree)) return matmulTerms(b, a, result, sizes, dtype);
  // Labels only one side has and nobody needs are summed out first.
  const sumOnly = (t: Term, other: Set<number>) => t.labels.filter((l) => !other.has(l) && !keepLabel(l));
  let A = cast(a, dtype), B = cast(b, dtype);
  if (sumOnly(A, inB).length > 0) {
    const keep = A.labels.filter((l) => inB.has(l) || keepLabel(l));
    A = { array: sumProductsTerms([A], keep, sizes, dtype), labels: keep };
  }
  if (sumOnly(B, inA).length > 0) {
    const keep = B.labels.filter((l) => inA.has(l) || keepLabel(l));
    B = { array: sumProductsTerms([B], keep, sizes, dtype), labels: keep };
  }
  const conO = byStride(A, con), keepAO = byStride(A, keepA), keepBO = byStride(B, keepB);
  const sz = (ls: number[]) => ls.reduce((p, l) => p * sizes.get(l)!, 1);
  const bshape = batch.map((l) => sizes.get(l)!);
  const M = sz(keepAO), K = sz(conO), N = sz(keepBO);
  const Am = permuted(A, [...batch, ...keepAO, ...conO]).reshape([...bshape, M, K]);
  const Bm = permuted(B, [...batch, ...conO, ...keepBO]).reshape([...bshape, K, N]);
  const C = matmul(Am, Bm);
  const labels = [...batch, ...keepAO, ...keepBO];
  const full = C.reshape(labels.map((l) => sizes.get(l)!));
  return full.transpose(result.map((l) => labels.indexOf(l)));
}

/** One contraction of `terms` into labels `result` (see the header for the lowering). */
function contract(terms: Term[], result: number[], sizes: Map<number, number>, dtype: DType): NDArray {
  if (terms.length === 1) {
    const t = terms[0]!;
    if (t.labels.length === result.length && result.every((l) => t.labels.includes(l)) && t.array.dtype === dtype) {
      return permuted(t, result);
    }
    return sumProductsTerms([t], result, sizes, dtype);
  }
  if (terms.length === 2) {
    const r = matmulTerms(terms[0]!, terms[1]!, result, sizes, dtype);
    if (r !== null) return r;
  }
  return sumProductsTerms(terms, result, sizes, dtype);
}

function resolveDType(p: ParsedEinsum, o: EinsumOptions): DType {
  let dtype = p.operands.map((x) => x.dtype).reduce((a, b) => promoteTypes(a, b));
  const casting = toCasting(o.casting ?? 'safe');
  if (o.dtype !== undefined && o.dtype !== null) {
    dtype = toDType(o.dtype);
    for (const x of p.operands) {
      if (!canCastDType(x.dtype, dtype, casting)) {
        fail('ERR_NUMNODE_DTYPE', TypeError,
          `Iterator operand ${p.operands.indexOf(x)} dtype could not be cast from dtype('${x.dtype}') to dtype('${dtype}') according to the rule '${casting}'`);
      }
    }
  }
  return dtype;
}

function plannerTerms(p: ParsedEinsum): [string[], string] {
  const names = labelNames(p);
  const term = (ls: number[]) => ls.map((l) => names.get(l)!).join('');
  return [p.inputs.map(term), term(p.output)];
}

/** One step of a planned einsum: operand positions (descending) and the result's labels. */
interface PlannedStep {
  readonly positions: readonly number[];
  readonly result: number[];
}

// Planned paths by (labels, shapes, optimize). Planning a 3-operand greedy path and
// building its einsum_path report took about 25 us a call (measured), a tenth of the
// work in the bench's 600×400×500×30 chain; the path depends only on the key, so a
// repeated call reuses it. Bounded: the oldest entry goes first.
const PLAN_CACHE = new Map<string, readonly PlannedStep[]>();
const PLAN_CACHE_SIZE = 256;

function contractionPlan(p: ParsedEinsum, optimize: PathSpec): readonly PlannedStep[] {
  const key = `${JSON.stringify(optimize)}\u0000${p.inputs.map((ls) => ls.join('.')).join(',')}>${p.output.join('.')}`
    + `\u0000${p.operands.map((x) => x.shape.join('x')).join(',')}`;
  const hit = PLAN_CACHE.get(key);
  if (hit !== undefined) return hit;
  const [inTerms, outTerm] = plannerTerms(p);
  const plan = planEinsum(inTerms, outTerm, p.operands.map((x) => x.shape), optimize);
  const names = labelNames(p);
  const codeOf = new Map([...names].map(([l, ch]) => [ch, l]));
  const steps = plan.contractions.map((c) => Object.freeze({
    positions: Object.freeze([...c.positions]),
    result: Object.freeze([...c.result].map((ch) => codeOf.get(ch)!)) as number[],
  }));
  if (PLAN_CACHE.size >= PLAN_CACHE_SIZE) PLAN_CACHE.delete(PLAN_CACHE.keys().next().value!);
  PLAN_CACHE.set(key, Object.freeze(steps));
  return steps;
}

/**
 * np.einsum. `einsum('ij,jk->ik', a, b)`, implicit `einsum('ij,jk', a, b)`, ellipses,
 * repeated labels, or NumPy's sublist form `einsum(a, [0, 1], b, [1, 2], [0, 2])`,
 * with a trailing options object {optimize, out, dtype, casting}. The result has the
 * operands' promoted dtype; a 0-d result is returned as a 0-d array (NumPy returns a
 * scalar), and a result that is only a relabeling of one operand is a view of it, as
 * in NumPy.
 */
export function einsum(...args: unknown[]): NDArray {
  // Two-matrix row-wise and matrix products without options: straight to the kernel (fast.ts).
  const fast = einsumFast(args);
  if (fast !== null) return fast;
  const [pos, opts] = splitOptions(args, ['optimize', 'out', 'dtype', 'casting'], 'einsum');
  const o = opts as EinsumOptions;
  const p = parseEinsum(pos);
  const sizes = labelSizes(p);
  const dtype = resolveDType(p, o);
  const outShape = p.output.map((l) => sizes.get(l)!);
  let out: NDArray | null = null;
  if (o.out !== undefined && o.out !== null) {
    if (!(o.out instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, `einsum: out must be an NDArray, got ${typeof o.out}`);
    out = o.out;
    out._checkWriteable();
    if (out.ndim !== outShape.length || out.shape.some((d, i) => d !== outShape[i])) {
      fail('ERR_NUMNODE_SHAPE', RangeError,
        `einsum: out has shape ${shapeStr(out.shape)}, the result has shape ${shapeStr(outShape)}`);
    }
    const casting = toCasting(o.casting ?? 'safe');
    if (!canCastDType(dtype, out.dtype, casting)) {
      fail('ERR_NUMNODE_DTYPE', TypeError,
        `Cannot cast array data from dtype('${dtype}') to dtype('${out.dtype}') according to the rule '${casting}'`);
    }
  }
  const optimize: PathSpec = o.optimize ?? false;
  let terms: Term[] = p.inputs.map((ls, k) => prepare(p.operands[k]!, ls, sizes));

  let result: NDArray;
  if (optimize === false) {
    // NumPy's default: everything in one contraction.
    result = contract(terms, p.output, sizes, dtype);
  } else {
    for (const c of contractionPlan(p, optimize)) {
      const picked = c.positions.map((i) => terms[i]!);
      for (const i of c.positions) terms.splice(i, 1); // positions are descending
      const r = contract(picked, c.result, sizes, dtype);
      terms = [...terms, { array: r, labels: c.result }];
    }
    result = terms[0]!.array;
  }
  if (out !== null) {
    if (result !== out) copyInto(out, result);
    return out;
  }
  return result;
}

/**
 * np.einsum_path: [path, report] where path is ['einsum_path', [i, j], ...] (NumPy's
 * tuples as arrays) and report NumPy's printed summary. `optimize` defaults to
 * 'greedy' as in NumPy. Letters standing for ellipsis dimensions in the report are
 * unused letters (NumPy's choice of letters there depends on Python's set order).
 */
export function einsumPath(...args: unknown[]): [(string | number[])[], string] {
  const [pos, opts] = splitOptions(args, ['optimize'], 'einsumPath');
  const p = parseEinsum(pos);
  labelSizes(p);
  const [inTerms, outTerm] = plannerTerms(p);
  const plan: EinsumPlan = planEinsum(inTerms, outTerm, p.operands.map((x) => x.shape), (opts.optimize as PathSpec | undefined) ?? 'greedy');
  return [plan.path, plan.report];
}

