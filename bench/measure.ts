// Timing one JavaScript contender with tinybench, the way timeit times NumPy
// (numpy-timer.ts follows the same steps):
//   1. warm up for warmupMs (JIT tiers, first-touch page faults);
//   2. choose a batch size k from 1, 2, 5, 10, … until k calls last batchTargetMs,
//      so that sub-microsecond operations are not lost in the clock's overhead;
//   3. take samples until budgetMs has passed and minSamples were taken; a sample is
//      the mean time per call over one batch of k calls.
// The statistic reported is the median of those per-call samples (stats.ts).
import { batchSizes, summarize } from './stats';
import type { Stats, TimingSettings } from './types';

/** Each result is stored here, a side effect the JIT cannot prove useless, so the work is not dropped. */
let sink: unknown;

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function runBatch(fn: () => unknown, k: number): number {
  const t0 = nowMs();
  for (let i = 0; i < k; i++) sink = fn();
  return nowMs() - t0;
}

export async function measure(fn: () => unknown, settings: TimingSettings): Promise<Stats> {
  const warmEnd = nowMs() + settings.warmupMs;
  do sink = fn(); while (nowMs() < warmEnd);

  let batch = 1;
  for (const k of batchSizes()) {
    batch = k;
    if (runBatch(fn, k) >= settings.batchTargetMs) break;
  }

  // tinybench loops while (time spent < `time` || samples < `iterations`); the task
  // reports the per-call mean of its batch as the sample (overriddenDuration) and the
  // whole batch as the time spent (overriddenIterationCost).
  const { Bench } = await import('tinybench');
  const bench = new Bench({
    time: settings.budgetMs,
    iterations: settings.minSamples,
    warmup: false,
    retainSamples: true,
    throws: true,
  });
  bench.add('case', () => {
    const ms = runBatch(fn, batch);
    return { overriddenDuration: ms / batch, overriddenIterationCost: ms };
  });
  const [task] = await bench.run();
  const result = task?.result;
  if (result === undefined || !('latency' in result) || result.latency.samples === undefined) {
    throw new Error(`tinybench gave no samples (state ${result?.state ?? 'unknown'})`);
  }
  return summarize(result.latency.samples.map((ms) => ms / 1e3), batch);
}
