// Fused top-k (issue 8): the selection step of the showcase's recommender. Each row of
// a (1000, 10000) tile — the similarities of 1,000 users against 10,000 candidates —
// gives its k best columns, best first: np.topk against NumPy's idiom (argpartition
// over the row, then an argsort of the k survivors) and a hand-written JavaScript loop
// (per row, a sorted buffer of the k best and one compare per element against the
// k-th best: the same algorithm topk runs, without vectors or threads).
// The tile is uniform random numbers from default_rng(0), identical for every
// contender (numnode's default_rng reproduces NumPy's stream), so no ties: the
// contenders return the same indices.
import type { NDArray } from 'numnode';
import { benchCase, numnode, type BenchCase, type SetupContext } from '../types';
import { bytesLabel } from '../plain';

// test/bench.test.ts runs every case once under vitest: small sizes keep it quick.
const UNDER_TEST = process.env.VITEST !== undefined;
const R = UNDER_TEST ? 50 : 1000;
const C = UNDER_TEST ? 400 : 10000;

type F = 'float32' | 'float64';
interface Tile { S: NDArray; a: Float32Array | Float64Array }

function tile(dtype: F) {
  return ({ np, impl }: SetupContext): Tile => {
    const S = (np.random.defaultRng(0).random([R, C]) as NDArray).astype(dtype);
    return impl === 'plainjs' ? { S: null as unknown as NDArray, a: S.toTypedArray() as Float32Array | Float64Array } : { S, a: null as unknown as Float64Array };
  };
}

/** Per row: the k best (value, index) kept sorted in a small buffer, best first. */
function plainTopK(a: Float32Array | Float64Array, rows: number, cols: number, k: number): Float64Array {
  const out = new Float64Array(rows * k);
  const bv = new Float64Array(k);
  const bi = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    let filled = 0;
    let thr = -Infinity;
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      const x = a[o + j]!;
      if (filled === k && x <= thr) continue;
      let p = filled < k ? filled++ : k - 1;
      while (p > 0 && bv[p - 1]! < x) { bv[p] = bv[p - 1]!; bi[p] = bi[p - 1]!; p--; }
      bv[p] = x; bi[p] = j;
      thr = bv[k - 1]!;
    }
    out.set(bi, r * k);
  }
  return out;
}

function npIdiom(dtype: F, k: number): { setup: string; stmt: string } {
  return {
    setup: `S = np.random.default_rng(0).random((${R}, ${C})).astype(np.${dtype})`,
    // argpartition, then the k survivors sorted best first (a stable argsort of their negatives)
    stmt: `np.take_along_axis(p := np.argpartition(S, -${k}, axis=1)[:, -${k}:], np.argsort(-np.take_along_axis(S, p, axis=1), axis=1, kind='stable'), axis=1)`,
  };
}

function topkCase(dtype: F, k: number): BenchCase {
  const itemsize = dtype === 'float32' ? 4 : 8;
  return benchCase({
    group: 'topk',
    name: `np.topk(S, ${k}) per row (${dtype})`,
    size: `${R}×${C} ${dtype} (${bytesLabel(R * C * itemsize)})`,
    description: `each row's ${k} largest, best first (the recommender's per-tile step); NumPy: argpartition(S, -${k}, axis=1) then argsort of the ${k}; plain JS: a sorted size-${k} buffer per row`,
    setup: tile(dtype),
    ...numnode((s: Tile, np) => np.topk(s.S, k).indices),
    plainjs: (s: Tile) => plainTopK(s.a, R, C, k),
    numpy: npIdiom(dtype, k),
  });
}

export const cases: BenchCase[] = [topkCase('float32', 10), topkCase('float64', 10), topkCase('float32', 100)];
