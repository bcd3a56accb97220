// Whether two arrays share memory. mayShareMemory compares byte bounds only;
// sharesMemory answers exactly, as NumPy's shares_memory does, by deciding whether
//   offA + Σ sA_i·x_i + u  =  offB + Σ sB_j·y_j + v
// has a solution with 0 ≤ x_i < dA_i, 0 ≤ y_j < dB_j, 0 ≤ u < itemsizeA, 0 ≤ v < itemsizeB.
// That is a bounded knapsack-style Diophantine problem (NP-hard in general), so the
// search has a work limit, past which it throws instead of running for minutes.
import { fail } from './errors';
import type { NDArray } from './ndarray';
import { boundsOverlap } from '../backend/dispatch';

export function mayShareMemory(a: NDArray, b: NDArray): boolean {
  return boundsOverlap(a, b);
}

interface Term { coef: number; ub: number }

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Exact overlap test. `maxWork` bounds the number of search nodes visited (NumPy's
 * `max_work`); when exceeded an Error with code ERR_NUMNODE_SHAPE ("Exceeded max_work")
 * is thrown, like NumPy's TooHardError.
 */
export function sharesMemory(a: NDArray, b: NDArray, opts: { maxWork?: number } = {}): boolean {
  if (!boundsOverlap(a, b)) return false;
  const maxWork = opts.maxWork ?? 1_000_000;
  // Bring every term to a positive coefficient: c·x with c < 0 becomes |c|·(ub - x').
  let rhs = b.byteOffset - a.byteOffset;
  const terms: Term[] = [];
  const add = (coef: number, ub: number) => {
    if (coef === 0 || ub === 0) return;
    if (coef < 0) { rhs -= coef * ub; coef = -coef; }
    terms.push({ coef, ub });
  };
  a.shape.forEach((d, i) => add(a.strides[i]!, d - 1));
  b.shape.forEach((d, i) => add(-b.strides[i]!, d - 1));
  add(1, a.itemsize - 1);
  add(-1, b.itemsize - 1);
  // Merge equal coefficients, then search largest coefficient first.
  const merged = new Map<number, number>();
  for (const t of terms) merged.set(t.coef, (merged.get(t.coef) ?? 0) + t.ub);
  const list = [...merged].map(([coef, ub]) => ({ coef, ub })).sort((x, y) => y.coef - x.coef);
  const n = list.length;
  // Suffix maxima and gcds prune the search: the rest can reach at most maxRest[i], and
  // only multiples of gcdRest[i].
  const maxRest = new Array<number>(n + 1).fill(0);
  const gcdRest = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    maxRest[i] = maxRest[i + 1]! + list[i]!.coef * list[i]!.ub;
    gcdRest[i] = gcd(list[i]!.coef, gcdRest[i + 1]!);
  }
  let work = 0;
  const solve = (i: number, target: number): boolean => {
    if (++work > maxWork) {
      fail('ERR_NUMNODE_SHAPE', Error, `Exceeded max_work (${maxWork}) deciding whether the arrays share memory`);
    }
    if (target < 0 || target > maxRest[i]!) return false;
    if (i === n) return target === 0;
    if (target % gcdRest[i]! !== 0) return false;
    const { coef, ub } = list[i]!;
    const hi = Math.min(ub, Math.floor(target / coef));
    const lo = Math.max(0, Math.ceil((target - maxRest[i + 1]!) / coef));
    for (let x = hi; x >= lo; x--) if (solve(i + 1, target - coef * x)) return true;
    return false;
  };
  return solve(0, rhs);
}
