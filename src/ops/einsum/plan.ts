// einsum's contraction planner: NumPy's einsum_path (numpy/_core/einsumfunc.py)
// ported step for step, so that paths and the printed report agree with NumPy's:
// the naive single contraction, the 'greedy' search (best pair by removed size,
// then cost; outer products only when nothing else is left; intermediates limited
// to the largest input or output unless a memory limit is given), the 'optimal'
// search (every pairwise order), or an explicit ['einsum_path', [i, j], ...].
//
// Labels are single characters here, as in NumPy (see labelNames in parse.ts), and
// sets are kept as sorted strings so that every iteration order is deterministic.
//
// The optimal search grows factorially with the number of operands. NumPy lets it
// run; here it stops after OPTIMAL_WORK_LIMIT candidate contractions and falls back
// to the greedy path (planInfo.optimalCapped says so), so that a hostile expression
// cannot make einsum run for minutes.
import { fail } from '../../core/errors';

export type PathSpec = false | true | 'greedy' | 'optimal' | readonly unknown[];

/** Candidate contractions the optimal search may evaluate before falling back to greedy. */
export const OPTIMAL_WORK_LIMIT = 250_000;

export interface Contraction {
  /** Positions of the contracted operands in the current list, descending (NumPy's order). */
  positions: number[];
  /** 'kl,jk->jl': the operands' terms in `positions` order and the result's term. */
  einsumStr: string;
  /** The terms left after this contraction (the result appended last). */
  remaining: string[];
  /** The result term. */
  result: string;
}

export interface EinsumPlan {
  /** ['einsum_path', [i, j], ...] as numnode returns it (arrays for NumPy's tuples). */
  path: (string | number[])[];
  contractions: Contraction[];
  report: string;
  /** True when 'optimal' hit OPTIMAL_WORK_LIMIT and the greedy path was used instead. */
  optimalCapped: boolean;
}

// Label sets are bitmasks over the expression's labels (a number when there are at
// most 31 labels, the usual case, else a bigint): the optimal search evaluates up to
// OPTIMAL_WORK_LIMIT contractions, each a handful of set operations, so these must be
// cheap. The universe is set up by planEinsum (one synchronous call at a time).
type LabelSet = number | bigint;
let UNIVERSE: string[] = [];
let INDEX = new Map<string, number>();
let DIMS: number[] = [];
let BIG = false;

function setUniverse(chars: string[], dims: Map<string, number>): void {
  UNIVERSE = [...new Set(chars)].sort();
  INDEX = new Map(UNIVERSE.map((c, i) => [c, i]));
  DIMS = UNIVERSE.map((c) => dims.get(c) ?? 1);
  BIG = UNIVERSE.length > 31;
}
const bit = (i: number): LabelSet => (BIG ? 1n << BigInt(i) : 1 << i);
const has = (a: LabelSet, i: number): boolean => (BIG ? ((a as bigint) >> BigInt(i)) & 1n : (a as number) & (1 << i)) !== (BIG ? 0n : 0);
const setOf = (s: string): LabelSet => {
  let m: LabelSet = BIG ? 0n : 0;
  for (const ch of s) m = union(m, bit(INDEX.get(ch)!));
  return m;
};
/* eslint-disable @typescript-eslint/no-explicit-any */
const union = (a: LabelSet, b: LabelSet): LabelSet => (a as any) | (b as any);
const inter = (a: LabelSet, b: LabelSet): LabelSet => (a as any) & (b as any);
const minus = (a: LabelSet, b: LabelSet): LabelSet => (a as any) & ~(b as any);
/* eslint-enable @typescript-eslint/no-explicit-any */
const isEmpty = (a: LabelSet): boolean => a === 0 || a === 0n;
const disjoint = (a: LabelSet, b: LabelSet): boolean => isEmpty(inter(a, b));
function count(a: LabelSet): number {
  let c = 0;
  for (let i = 0; i < UNIVERSE.length; i++) if (has(a, i)) c++;
  return c;
}
/** The labels of a set, in character order. */
function chars(a: LabelSet): string[] {
  return UNIVERSE.filter((_, i) => has(a, i));
}

function sizeOf(a: LabelSet, _dims?: Map<string, number>): number {
  let r = 1;
  for (let i = 0; i < UNIVERSE.length; i++) if (has(a, i)) r *= DIMS[i]!;
  return r;
}

function flopCount(idxContraction: LabelSet, inner: boolean, numTerms: number, dims: Map<string, number>): number {
  const overall = sizeOf(idxContraction, dims);
  let factor = Math.max(1, numTerms - 1);
  if (inner) factor += 1;
  return overall * factor;
}

interface Found { newResult: LabelSet; remaining: LabelSet[]; removed: LabelSet; contract: LabelSet }

function findContraction(positions: readonly number[], inputSets: readonly LabelSet[], outputSet: LabelSet): Found {
  let contract: LabelSet = BIG ? 0n : 0;
  let remain = outputSet;
  const remaining: LabelSet[] = [];
  for (let i = 0; i < inputSets.length; i++) {
    const v = inputSets[i]!;
    if (positions.includes(i)) contract = union(contract, v);
    else {
      remaining.push(v);
      remain = union(remain, v);
    }
  }
  const newResult = inter(remain, contract);
  const removed = minus(contract, newResult);
  remaining.push(newResult);
  return { newResult, remaining, removed, contract };
}

class Budget {
  work = 0;
  constructor(readonly limit: number) {}
  spend(): boolean { return ++this.work <= this.limit; }
}

function optimalPath(inputSets: LabelSet[], outputSet: LabelSet, dims: Map<string, number>, memoryLimit: number, budget: Budget): number[][] | null {
  let full: [number, number[][], LabelSet[]][] = [[0, [], inputSets]];
  for (let iteration = 0; iteration < inputSets.length - 1; iteration++) {
    const iter: [number, number[][], LabelSet[]][] = [];
    for (const [cost, positions, remaining] of full) {
      const n = inputSets.length - iteration;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          if (!budget.spend()) return null;
          const c = findContraction([i, j], remaining, outputSet);
          if (sizeOf(c.newResult, dims) > memoryLimit) continue;
          const total = cost + flopCount(c.contract, !isEmpty(c.removed), 2, dims);
          iter.push([total, [...positions, [i, j]], c.remaining]);
        }
      }
    }
    if (iter.length > 0) full = iter;
    else {
      const best = minBy(full, (x) => x[0])[1];
      return [...best, [...Array(inputSets.length - iteration).keys()]];
    }
  }
  if (full.length === 0) return [[...inputSets.keys()]];
  return minBy(full, (x) => x[0])[1];
}

/** Python's min(): the first of the smallest. */
function minBy<T>(xs: readonly T[], key: (x: T) => number | readonly number[]): T {
  let best = xs[0]!;
  let bk = key(best);
  for (let i = 1; i < xs.length; i++) {
    const k = key(xs[i]!);
    if (less(k, bk)) { best = xs[i]!; bk = k; }
  }
  return best;
}

function less(a: number | readonly number[], b: number | readonly number[]): boolean {
  if (typeof a === 'number') return a < (b as number);
  const bb = b as readonly number[];
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < bb[i]!) return true;
    if (a[i]! > bb[i]!) return false;
  }
  return false;
}

type Candidate = [[number, number], number[], LabelSet[]]; // [(-removedSize, cost), positions, newInputSets]

function parsePossible(positions: number[], inputSets: LabelSet[], outputSet: LabelSet, dims: Map<string, number>,
  memoryLimit: number, pathCost: number, naiveCost: number): Candidate | null {
  const c = findContraction(positions, inputSets, outputSet);
  const newSize = sizeOf(c.newResult, dims);
  if (newSize > memoryLimit) return null;
  let oldSizes = 0;
  for (const p of positions) oldSizes += sizeOf(inputSets[p]!, dims);
  const removedSize = oldSizes - newSize;
  const cost = flopCount(c.contract, !isEmpty(c.removed), positions.length, dims);
  if (pathCost + cost > naiveCost) return null;
  return [[-removedSize, cost], positions, c.remaining];
}

function updateOther(results: Candidate[], best: Candidate): Candidate[] {
  const [bx, by] = best[1] as [number, number];
  const out: Candidate[] = [];
  for (const [cost, [x, y], sets0] of results as [Candidate[0], [number, number], LabelSet[]][]) {
    if (x === bx || x === by || y === bx || y === by) continue;
    const sets = sets0.slice();
    sets.splice(by - (by > x ? 1 : 0) - (by > y ? 1 : 0), 1);
    sets.splice(bx - (bx > x ? 1 : 0) - (bx > y ? 1 : 0), 1);
    sets.splice(sets.length - 1, 0, best[2][best[2].length - 1]!);
    out.push([cost, [x - (x > bx ? 1 : 0) - (x > by ? 1 : 0), y - (y > bx ? 1 : 0) - (y > by ? 1 : 0)], sets]);
  }
  return out;
}

function greedyPath(inputSets0: LabelSet[], outputSet: LabelSet, dims: Map<string, number>, memoryLimit: number): number[][] {
  let inputSets = inputSets0;
  if (inputSets.length === 1) return [[0]];
  if (inputSets.length === 2) return [[0, 1]];
  const c = findContraction([...inputSets.keys()], inputSets, outputSet);
  const naiveCost = flopCount(c.contract, !isEmpty(c.removed), inputSets.length, dims);
  let combIter: [number, number][] = [];
  for (let i = 0; i < inputSets.length; i++) for (let j = i + 1; j < inputSets.length; j++) combIter.push([i, j]);
  let known: Candidate[] = [];
  let pathCost = 0;
  const path: number[][] = [];
  for (let iteration = 0; iteration < inputSets0.length - 1; iteration++) {
    for (const positions of combIter) {
      if (disjoint(inputSets[positions[0]]!, inputSets[positions[1]]!)) continue;
      const r = parsePossible(positions, inputSets, outputSet, dims, memoryLimit, pathCost, naiveCost);
      if (r !== null) known.push(r);
    }
    if (known.length === 0) {
      for (let i = 0; i < inputSets.length; i++) {
        for (let j = i + 1; j < inputSets.length; j++) {
          const r = parsePossible([i, j], inputSets, outputSet, dims, memoryLimit, pathCost, naiveCost);
          if (r !== null) known.push(r);
        }
      }
      if (known.length === 0) {
        path.push([...inputSets.keys()]);
        break;
      }
    }
    const best = minBy(known, (x) => x[0]);
    known = updateOther(known, best);
    inputSets = best[2];
    const newPos = inputSets.length - 1;
    combIter = [];
    for (let i = 0; i < newPos; i++) combIter.push([i, newPos]);
    path.push(best[1]);
    pathCost += best[0][1];
  }
  return path;
}

/** Python's '%.3e' ("1.600e+02"). */
function fmtE(x: number): string {
  const s = x.toExponential(3);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
const pad = (s: string | number, w: number): string => String(s).padStart(w);

/**
 * NumPy's einsum_path over terms written with single-character labels.
 * `optimize`: false (one contraction of everything), true/'greedy', 'optimal', an
 * explicit ['einsum_path', [i, j], ...], or [name, memoryLimit].
 */
export function planEinsum(inputTerms: readonly string[], outputTerm: string, shapes: readonly (readonly number[])[],
  optimize: PathSpec): EinsumPlan {
  let pathType: unknown = optimize;
  if (pathType === true) pathType = 'greedy';
  let explicit = false;
  let memoryLimit: number | null = null;
  if (pathType === false || typeof pathType === 'string') {
    // one contraction of everything, or a named algorithm (checked below)
  } else if (Array.isArray(pathType) && pathType.length > 0 && pathType[0] === 'einsum_path') {
    explicit = true;
  } else if (Array.isArray(pathType) && pathType.length === 2 && typeof pathType[0] === 'string' && typeof pathType[1] === 'number') {
    memoryLimit = Math.trunc(pathType[1]);
    pathType = pathType[0];
  } else {
    fail('ERR_NUMNODE_EINSUM', TypeError, `Did not understand the path: ${JSON.stringify(pathType)}`);
  }
  // NumPy only notices an unknown name when it gets to use it; numnode always does.
  if (typeof pathType === 'string' && pathType !== 'greedy' && pathType !== 'optimal') {
    fail('ERR_NUMNODE_EINSUM', RangeError,
      `Path name ${pathType} not found (optimize takes false, true, 'greedy', 'optimal' or an einsum_path list)`);
  }

  const inputList = inputTerms.slice();
  const numInputs = inputList.length;
  const dims = new Map<string, number>();
  inputList.forEach((term, t) => {
    [...term].forEach((ch, i) => {
      const d = shapes[t]![i]!;
      const have = dims.get(ch);
      if (have === undefined || have === 1) dims.set(ch, d);
    });
  });
  setUniverse([...inputList.join(''), ...outputTerm], dims);
  let inputSets = inputList.map(setOf);
  const outputSet = setOf(outputTerm);
  const indices = setOf(inputList.join(''));
  const sizes = [...inputList, outputTerm].map((t) => sizeOf(setOf(t), dims));
  const maxSize = Math.max(...sizes);
  const memoryArg = memoryLimit ?? maxSize;

  let path: number[][];
  let optimalCapped = false;
  if (explicit) {
    path = (pathType as unknown[]).slice(1).map((p) => {
      if (!Array.isArray(p) || p.some((x) => typeof x !== 'number' || !Number.isInteger(x))) {
        fail('ERR_NUMNODE_EINSUM', TypeError, `Did not understand the path entry ${JSON.stringify(p)}: expected a list of operand positions`);
      }
      return [...p] as number[];
    });
  } else if (pathType === false || numInputs === 1 || numInputs === 2 || indices === outputSet) {
    path = [[...Array(numInputs).keys()]];
  } else if (pathType === 'greedy') {
    path = greedyPath(inputSets, outputSet, dims, memoryArg);
  } else if (pathType === 'optimal') {
    const r = optimalPath(inputSets, outputSet, dims, memoryArg, new Budget(OPTIMAL_WORK_LIMIT));
    if (r === null) {
      optimalCapped = true;
      path = greedyPath(inputSets, outputSet, dims, memoryArg);
    } else path = r;
  } else {
    return fail('ERR_NUMNODE_EINSUM', RangeError, `Path name ${String(pathType)} not found`);
  }

  const costs: number[] = [], scales: number[] = [], sizesOut: number[] = [];
  const contractions: Contraction[] = [];
  path.forEach((inds0, cnum) => {
    const inds = [...inds0].sort((a, b) => b - a);
    for (const x of inds) {
      if (x < 0 || x >= inputList.length) {
        fail('ERR_NUMNODE_EINSUM', RangeError, `Invalid einsum_path: operand position ${x} does not exist (${inputList.length} operands left)`);
      }
    }
    if (new Set(inds).size !== inds.length) fail('ERR_NUMNODE_EINSUM', RangeError, 'Invalid einsum_path: a contraction names an operand twice');
    const c = findContraction(inds, inputSets, outputSet);
    inputSets = c.remaining;
    costs.push(flopCount(c.contract, !isEmpty(c.removed), inds.length, dims));
    scales.push(count(c.contract));
    sizesOut.push(sizeOf(c.newResult, dims));
    const tmp: string[] = [];
    for (const x of inds) tmp.push(inputList.splice(x, 1)[0]!);
    let result: string;
    if (cnum === path.length - 1) result = outputTerm;
    else {
      result = chars(c.newResult).map((ch) => [dims.get(ch)!, ch] as const)
        .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map((x) => x[1]).join('');
    }
    inputList.push(result);
    contractions.push({ positions: inds, einsumStr: `${tmp.join(',')}->${result}`, remaining: inputList.slice(), result });
  });
  if (inputList.length !== 1) {
    fail('ERR_NUMNODE_EINSUM', Error,
      `Invalid einsum_path is specified: ${inputList.length - 1} more operands has to be contracted.`);
  }

  const overall = `${inputTerms.join(',')}->${outputTerm}`;
  const innerProduct = inputTerms.reduce((s, x) => s + count(setOf(x)), 0) - count(indices) > 0;
  const naiveCost = flopCount(indices, innerProduct, numInputs, dims);
  const optCost = costs.reduce((a, b) => a + b, 0) + 1;
  const speedup = naiveCost / optCost;
  const maxI = Math.max(...sizesOut);
  let report = `  Complete contraction:  ${overall}\n`;
  report += `         Naive scaling:  ${count(indices)}\n`;
  report += `     Optimized scaling:  ${Math.max(...scales)}\n`;
  report += `      Naive FLOP count:  ${fmtE(naiveCost)}\n`;
  report += `  Optimized FLOP count:  ${fmtE(optCost)}\n`;
  report += `   Theoretical speedup:  ${speedup.toFixed(3)}\n`;
  report += `  Largest intermediate:  ${fmtE(maxI)} elements\n`;
  report += `${'-'.repeat(74)}\n`;
  report += `${pad('scaling', 6)} ${pad('current', 24)} ${pad('remaining', 40)}\n`;
  report += '-'.repeat(74);
  contractions.forEach((c, n) => {
    const remainingStr = `${c.remaining.join(',')}->${outputTerm}`;
    report += `\n${pad(scales[n]!, 4)}    ${pad(c.einsumStr, 24)} ${pad(remainingStr, 40)}`;
  });
  return { path: ['einsum_path', ...path.map((p) => [...p])], contractions, report, optimalCapped };
}
