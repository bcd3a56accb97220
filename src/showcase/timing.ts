// A small %timeit for the showcase (the benchmark suite's tinybench is a dev
// dependency, and the showcase ships in dist/): warm up, pick a batch size from
// 1, 2, 5, 10, … until a batch lasts batchMs, then time batches until budgetMs is
// spent; the result is the median time per call over the batches.

export interface Timing {
  /** Median seconds per call. */
  median: number;
  /** Best batch, seconds per call. */
  min: number;
  /** Calls per batch, and batches timed. */
  batch: number;
  runs: number;
}

export interface TimingBudget {
  budgetMs: number;
  batchMs: number;
  minRuns: number;
}

/** Each result is stored here, a side effect the JIT cannot prove useless, so the work is not dropped. */
let sink: unknown;

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function batchMs(fn: () => unknown, k: number): number {
  const t0 = nowMs();
  for (let i = 0; i < k; i++) sink = fn();
  return nowMs() - t0;
}

export function timeit(fn: () => unknown, b: TimingBudget): Timing {
  sink = fn(); // first call: page faults and compilation, not counted
  let batch = 1;
  outer: for (let p = 1; ; p *= 10) {
    for (const k of [p, 2 * p, 5 * p]) {
      batch = k;
      if (batchMs(fn, k) >= b.batchMs) break outer;
    }
  }
  const perCall: number[] = [];
  let spent = 0;
  while (spent < b.budgetMs || perCall.length < b.minRuns) {
    const ms = batchMs(fn, batch);
    spent += ms;
    perCall.push(ms / 1e3 / batch);
  }
  perCall.sort((x, y) => x - y);
  const n = perCall.length;
  const median = n % 2 === 1 ? perCall[(n - 1) / 2]! : (perCall[n / 2 - 1]! + perCall[n / 2]!) / 2;
  return { median, min: perCall[0]!, batch, runs: n };
}

/** Seconds as a short human string: 312 ns, 4.10 µs, 18.2 ms, 1.30 s. */
export function formatSeconds(s: number): string {
  const units: [number, string][] = [[1, 's'], [1e-3, 'ms'], [1e-6, 'µs'], [1e-9, 'ns']];
  for (const [scale, unit] of units) {
    if (s >= scale || unit === 'ns') {
      const v = s / scale;
      return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${unit}`;
    }
  }
  return String(s);
}
