// The tutorial's closing design challenge, built: each user's top-10 most similar
// users (cosine similarity) among 100,000 synthetic users, in bounded memory.
//
// Design: users are 32 latent features (what factorising the sparse 100,000 × 10,000
// rating matrix would give), unit-normalised, float32: 12.8 MB. The full similarity
// matrix would be 100,000² × 4 B = 40 GB, over the 8 GB budget, so it is computed in
// tiles (R query users × C candidates) with one sgemm each, and only each tile's
// candidates for the top 10 survive it:
//  - the tile is viewed as (R, G, W): W strided groups of G columns; the top-10
//    elements of a row lie in the 10 groups with the largest maxima (each group
//    holding one of them has a maximum at least the 10th-best value, and at most 10
//    groups can), so one max-reduction and an argpartition over W maxima pick 10·G
//    candidates instead of C;
//  - those are merged with the running top 10 by argpartition, and at the end of a
//    row chunk sorted by score.
// Memory is one tile and its candidates, whatever the number of users. A sample of
// users is checked against brute force over all users in plain JavaScript.
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { Section } from '../section';
import { getGc, mb, settledMemory } from '../memory';
import { formatSeconds } from '../timing';
import { since } from './distance-fns';

/**
 * The bound the live peak is checked against, in tiles: one tile is alive when it is
 * sampled, and its (R, W) maxima, candidates and the running top-k come to about half
 * a tile more; measured peaks reach twice that now and then, since V8 releases freed
 * buffers on a background sweeper that can lag behind the collection.
 */
const PEAK_TILES = 5;

interface Plan { users: number; queries: number; rows: number; cols: number; groups: number }

/** Top-k by cosine similarity for users[0:queries] among all users (self excluded): ids and scores, best first. */
function topKSimilar(U: NDArray, p: Plan, k: number, onTile: (done: number, tile: NDArray) => void): { ids: NDArray; scores: NDArray } {
  const { users: N, queries: Q, rows: R, cols: C, groups: W } = p;
  const G = C / W;
  const ids = np.empty([Q, k], { dtype: 'int64' });
  const scores = np.empty([Q, k], { dtype: 'float32' });
  const groupOffsets = np.multiply(np.arange(G), W).reshape(1, G, 1);   // column of (g, w) is g·W + w
  for (let r0 = 0; r0 < Q; r0 += R) {
    const r1 = Math.min(r0 + R, Q);
    const nr = r1 - r0;
    const q = U.slice(`${r0}:${r1}`);
    let bestS: NDArray | null = null;
    let bestI: NDArray | null = null;
    for (let c0 = 0; c0 < N; c0 += C) {
      const S = np.matmul(q, U.slice(`${c0}:${c0 + C}`).T);               // (nr, C) similarities
      for (let r = Math.max(r0, c0); r < Math.min(r1, c0 + C); r++) S.set([r - r0, r - c0], -Infinity);   // not oneself
      const S3 = S.reshape(nr, G, W);
      const groupMax = np.max(S3, { axis: 1 });                             // (nr, W)
      const topGroups = np.argpartition(groupMax, -k, { axis: 1 }).slice(':', `${-k}:`).slice(':', np.newaxis, ':');   // (nr, 1, k)
      const candS = np.takeAlongAxis(S3, topGroups, { axis: 2 }).reshape(nr, G * k);
      const candI = np.add(np.add(groupOffsets, topGroups), c0).reshape(nr, G * k);
      const allS: NDArray = bestS === null ? candS : np.concatenate([bestS, candS], { axis: 1 });
      const allI: NDArray = bestI === null ? candI : np.concatenate([bestI, candI], { axis: 1 });
      const keep = np.argpartition(allS, -k, { axis: 1 }).slice(':', `${-k}:`);
      bestS = np.takeAlongAxis(allS, keep, { axis: 1 });
      bestI = np.takeAlongAxis(allI, keep, { axis: 1 });
      onTile(r0, S);
    }
    const order = np.argsort(np.negative(bestS!), { axis: 1 });
    scores.slice(`${r0}:${r1}`).assign(np.takeAlongAxis(bestS!, order, { axis: 1 }));
    ids.slice(`${r0}:${r1}`).assign(np.takeAlongAxis(bestI!, order, { axis: 1 }));
  }
  return { ids, scores };
}

/** Brute force for one user in plain JavaScript: every dot product in double, the k best (self excluded). */
function bruteForce(u: Float32Array, N: number, D: number, user: number, k: number): { ids: number[]; scores: number[] } {
  const best: [number, number][] = [];
  for (let j = 0; j < N; j++) {
    if (j === user) continue;
    let s = 0;
    for (let f = 0; f < D; f++) s += u[user * D + f]! * u[j * D + f]!;
    if (best.length < k || s > best[best.length - 1]![0]) {
      best.push([s, j]);
      best.sort((a, b) => b[0] - a[0]);
      if (best.length > k) best.pop();
    }
  }
  return { ids: best.map((b) => b[1]), scores: best.map((b) => b[0]) };
}

export const recommender: Section = {
  id: 'Design',
  title: 'Design challenge: each user\'s top-10 similar users among 100,000, in bounded memory',
  run(ctx) {
    const k = 10;
    const D = 32;
    const plan: Plan = ctx.quick
      ? { users: 4_000, queries: 4_000, rows: 500, cols: 2_000, groups: 200 }
      : { users: 100_000, queries: 10_000, rows: 1_000, cols: 20_000, groups: 200 };
    const { users: N, queries: Q, rows: R, cols: C, groups: W } = plan;
    ctx.print(`${N.toLocaleString('en-US')} users × ${D} latent features (float32: ${mb(N * D * 4)}); cosine similarity = dot product of unit rows.`,
      `The whole similarity matrix would take ${(N * N * 4 / 1e9).toFixed(2)} GB; a tile of ${R} × ${C} takes ${mb(R * C * 4)}.`,
      Q < N ? `This run ranks users 0…${Q - 1} (${Q.toLocaleString('en-US')} of them, to keep the showcase near a minute) against all ${N.toLocaleString('en-US')};`
        + ' the throughput below says what the rest would take.' : `Every user is ranked against all ${N.toLocaleString('en-US')}.`);
    ctx.code(`
np.random.seed(2024);
const raw = np.random.randn(${N}, ${D});
const U = np.divide(raw, np.sqrt(np.einsum('ij,ij->i', raw, raw)).slice(':', np.newaxis)).astype('float32');
// per tile: S = q @ U[c0:c0+${C}].T; the ${k} groups of ${C / W} (of ${W}) with the largest maxima hold the tile's top ${k};
// argpartition picks them, then merges ${k} · ${C / W} candidates with the running top ${k}
const { ids, scores } = topKSimilar(U, { users: ${N}, queries: ${Q}, rows: ${R}, cols: ${C}, groups: ${W} }, ${k});`);
    ctx.progress(`drawing ${N} synthetic users`);
    np.random.seed(2024);
    const raw = np.random.randn(N, D);
    const U = np.divide(raw, np.sqrt(np.einsum('ij,ij->i', raw, raw)).slice(':', np.newaxis)).astype('float32');

    // Peak memory: live array bytes (process.memoryUsage().arrayBuffers after a full
    // collection), sampled after every tile while the tile is still referenced. The time the
    // collections and samples take is left out of the throughput. RSS is no measure of it
    // here: the addon has glibc keep freed buffers for reuse, so RSS stays at the
    // showcase's earlier high-water mark.
    const gc = getGc();
    const base = settledMemory().arrayBuffers;
    let peak = base;
    let probeSeconds = 0;
    let tileBytes = 0;
    const start = process.hrtime.bigint();
    let lastNote = 0;
    const { ids, scores } = topKSimilar(U, plan, k, (done, tile) => {
      const t0 = process.hrtime.bigint();
      if (gc !== null) gc();
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      tileBytes += tile.nbytes; // the tile is used after the sample, so it was alive at it
      if (done !== lastNote) { lastNote = done; ctx.progress(`recommender: ${done}/${Q} users ranked`); }
      probeSeconds += since(t0);
    });
    const elapsed = since(start) - probeSeconds;
    const usersPerSecond = Q / elapsed;
    ctx.print('', `Ranked ${Q.toLocaleString('en-US')} users in ${elapsed.toFixed(2)} s: ${Math.round(usersPerSecond).toLocaleString('en-US')} users/s`
      + ` (${((Q * N) / elapsed / 1e9).toFixed(2)} billion similarities/s)${Q < N ? `; all ${N.toLocaleString('en-US')} would take about ${formatSeconds(N / usersPerSecond)} at this rate` : ''}.`,
      `Peak memory: ${mb(peak - base)} of live arrays beyond the ${mb(base)} alive before (process.memoryUsage().arrayBuffers`
      + ` after a full collection, sampled at every tile while the tile is alive); the tile alone is ${mb(R * C * 4)}.`
      + ` ${(tileBytes / 1e9).toFixed(1)} GB of similarities went through tiles; ${formatSeconds(probeSeconds)} of collections and samples are left out of the time.`);
    if (gc === null) ctx.print('(no access to the garbage collector here: the peak includes garbage not yet collected, and is not checked)');
    else {
      ctx.check(`peak live array memory stays bounded: below ${PEAK_TILES} tiles (${mb(PEAK_TILES * R * C * 4)}), whatever the number of users`,
        peak - base < PEAK_TILES * R * C * 4, true);
    }
    const u0 = ids.slice(0);
    ctx.print(`User 0's top ${k}: ${String(u0)}`, `with similarities ${String(scores.slice(0))}`);

    const sample = Array.from(new Set([0, 1, Q - 1, ...Array.from({ length: 17 }, (_, i) => Math.floor(((i + 1) * Q) / 19))]));
    ctx.progress(`brute force for ${sample.length} users`);
    const u = U.toTypedArray() as Float32Array;
    const idsAll = ids.toTypedArray() as BigInt64Array;
    let worst = 0;
    let sameSets = 0;
    let valid = true;
    for (const user of sample) {
      const bf = bruteForce(u, N, D, user, k);
      const mine = Array.from(idsAll.subarray(user * k, user * k + k), Number);
      if (new Set(mine).size !== k || mine.includes(user) || mine.some((j) => j < 0 || j >= N)) valid = false;
      // Scores of the ids found, recomputed in double, against the true best: ties and float32
      // rounding may swap near-equal candidates, never lose a clearly better one.
      const exact = mine.map((j) => { let s = 0; for (let f = 0; f < D; f++) s += u[user * D + f]! * u[j * D + f]!; return s; })
        .sort((a, b) => b - a);
      for (let i = 0; i < k; i++) worst = Math.max(worst, Math.abs(exact[i]! - bf.scores[i]!));
      if (mine.slice().sort((a, b) => a - b).join() === bf.ids.slice().sort((a, b) => a - b).join()) sameSets++;
    }
    ctx.print(`Brute force on ${sample.length} users: the same ${k} users for ${sameSets} of them; largest score gap ${worst.toExponential(2)}.`);
    ctx.check(`${sample.length} sampled users: ${k} distinct valid ids each, never the user itself`, valid, true);
    ctx.check(`${sample.length} sampled users: the top-${k} scores match brute force within 1e-5 (float32 sgemm rounding)`, worst <= 1e-5, true);
    ctx.check('scores are sorted best first', np.all(np.greaterEqual(scores.slice(':', ':-1'), scores.slice(':', '1:'))), true);
    ctx.check('cosine similarities lie in [-1, 1]', Number(np.max(np.abs(scores))) <= 1 + 1e-6, true);
  },
};
