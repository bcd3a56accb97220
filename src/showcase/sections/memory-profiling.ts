// 3.2 "Memory Profiling": memory before, at the peak and after, for the trick, the
// broadcast, the chunked version and distance.cdist.
//
// How the peak is measured: the tutorial reads RSS once after the call, which sees
// only the result. Here each function is the tutorial's, step for step, with a probe
// after every step that samples process.memoryUsage() while that step's inputs,
// outputs and the earlier temporaries are still referenced: the peak is sampled at
// step granularity (inside one kernel call nothing is sampled; cdist is one call, so
// its row shows the result, its bounded workspace being internal). Two readings:
// `arrayBuffers`, the bytes of live array memory, which is what the peak of an
// algorithm is; and RSS, the tutorial's, which with numnode's addon loaded keeps its
// high-water mark (the addon raises glibc's mmap/trim thresholds so that freed large
// buffers are reused instead of re-faulted), so it grows only when a step needs more
// than any earlier one did. Next to the samples: the peak the array sizes predict.
import * as np from '../../index';
import type { NDArray } from '../../index';
import type { Section } from '../section';
import { getGc, mb, settledMemory } from '../memory';
import { euclideanTrick } from './distance-fns';

type Probe = () => void;

function trickProbed(x: NDArray, y: NDArray, probe: Probe): NDArray {
  const xs = np.einsum('ij,ij->i', x, x).slice(':', np.newaxis); probe();
  const ys = np.einsum('ij,ij->i', y, y).slice(np.newaxis, ':'); probe();
  const xy = np.matmul(x, y.T); probe();
  const s = np.add(xs, ys); probe();
  const t = np.multiply(2.0, xy); probe();
  const d = np.subtract(s, t); probe();
  const a = np.abs(d); probe();
  const r = np.sqrt(a); probe();
  return r;
}

function broadcastProbed(x: NDArray, y: NDArray, probe: Probe): NDArray {
  const diff = np.subtract(x.slice(':', np.newaxis, ':'), y.slice(np.newaxis, ':', ':')); probe();
  const sq = np.multiply(diff, diff); probe();
  const s = np.sum(sq, { axis: 2 }); probe();
  const r = np.sqrt(s); probe();
  return r;
}

function chunkedProbed(x: NDArray, y: NDArray, chunkSize: number, probe: Probe): NDArray {
  const [n, m] = [x.shape[0]!, y.shape[0]!];
  const result = np.empty([n, m], { dtype: 'float64' });
  for (let i = 0; i < n; i += chunkSize) {
    for (let j = 0; j < m; j += chunkSize) {
      const [iEnd, jEnd] = [Math.min(i + chunkSize, n), Math.min(j + chunkSize, m)];
      result.slice(`${i}:${iEnd}`, `${j}:${jEnd}`).assign(trickProbed(x.slice(`${i}:${iEnd}`), y.slice(`${j}:${jEnd}`), probe));
      probe();
    }
  }
  return result;
}

interface Reading { rss: number; arrayBuffers: number }
interface Profile { initial: Reading; peak: Reading; final: Reading; result: NDArray }

function reading(m: NodeJS.MemoryUsage): Reading {
  return { rss: m.rss, arrayBuffers: m.arrayBuffers };
}

function memoryProfile(fn: (probe: Probe) => NDArray): Profile {
  const initial = reading(settledMemory());
  const peak = { ...initial };
  const probe = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  };
  let result: NDArray | null = fn(probe);
  probe();
  const out = result;
  result = null; // del result (the caller keeps its own reference for the cross-check)
  const final = reading(settledMemory());
  return { initial, peak, final, result: out };
}

export const memoryProfiling: Section = {
  id: '3.2',
  title: 'Memory profiling: the trick vs broadcasting vs chunked (peak sampled at every step)',
  run(ctx) {
    const n = ctx.quick ? 300 : 800;
    const d = 50;
    const chunk = n / 4;
    ctx.code(`
const testData = np.random.rand(${n}, ${d});
// readings after a full GC, then after every step of the function (the peak), then after
// dropping the result and a full GC
memoryProfileFunction(euclideanTrick, testData, 'Trick method');
memoryProfileFunction(euclideanBroadcast, testData, 'Broadcast method');
memoryProfileFunction((x, y) => euclideanChunked(x, y, ${chunk}), testData, 'Chunked (${chunk} rows)');
memoryProfileFunction(np.distance.cdist, testData, 'distance.cdist');`);
    np.random.seed(n);
    const testData = np.random.rand(n, d);
    ctx.print(`Test data: ${mb(testData.nbytes)}`);
    if (getGc() === null) ctx.print('(no access to the garbage collector: initial and final readings include unreclaimed garbage)');
    const n2 = n * n * 8;
    const methods: [string, (p: Probe) => NDArray, number][] = [
      // the result and its five same-sized temporaries, all referenced until the function returns
      ['Trick method', (p) => trickProbed(testData, testData, p), 6 * n2],
      // diff, diff * diff, then two n×n arrays
      ['Broadcast method', (p) => broadcastProbed(testData, testData, p), 2 * n2 * d + 2 * n2],
      // the result, plus one block's six temporaries
      [`Chunked (${chunk}-row blocks)`, (p) => chunkedProbed(testData, testData, chunk, p), n2 + 6 * chunk * chunk * 8],
      ['distance.cdist (one call)', (p) => { const r = np.distance.cdist(testData, testData); p(); return r; }, n2],
    ];
    const rows: string[][] = [];
    const peaks = new Map<string, number>();
    const results: NDArray[] = [];
    const grow = (a: number, b: number) => `${mb(b)} (+${mb(b - a)})`;
    for (const [name, fn, predicted] of methods) {
      ctx.progress(`memory profile: ${name}`);
      const p = memoryProfile(fn);
      results.push(p.result);
      peaks.set(name, p.peak.arrayBuffers - p.initial.arrayBuffers);
      rows.push([name, mb(p.peak.arrayBuffers - p.initial.arrayBuffers), mb(predicted),
        mb(p.initial.rss), grow(p.initial.rss, p.peak.rss), mb(p.final.rss)]);
    }
    ctx.table(['method', 'peak array memory (sampled)', 'predicted by the sizes', 'initial RSS', 'peak RSS', 'final RSS'], rows);
    const malloc = (np.config().build as { malloc?: { detail?: string } } | null)?.malloc?.detail;
    ctx.print('The broadcast holds two N×N×D arrays at once; the others never more than a few N×N ones (the',
      'chunked row also counts earlier blocks\' temporaries the garbage collector has not reclaimed yet).',
      'Array memory is process.memoryUsage().arrayBuffers over its value before the call. RSS keeps its',
      `high-water mark here${malloc !== undefined ? ` (${malloc})` : ''}: it rises only when a step needs`,
      'more memory than any earlier step of the showcase did, so it is shown, as the tutorial does, but not compared.');
    const [pTrick, pBroad] = [peaks.get('Trick method')!, peaks.get('Broadcast method')!];
    ctx.check('the broadcast method\'s sampled peak exceeds the trick\'s', pBroad > pTrick, true);
    ctx.check(`the broadcast method's sampled peak covers at least its diff array (${mb(n2 * d)})`, pBroad >= n2 * d, true);
    const ref = euclideanTrick(testData, testData);
    ctx.check('all four results agree (allclose, atol 1e-6)', results.map((r) => np.allclose(r, ref, { atol: 1e-6 })), [true, true, true, true]);
  },
};
