// Timing one JavaScript contender with tinybench, the way timeit times NumPy
// (numpy-timer.ts follows the same steps):
//   1. warm up for warmupMs (JIT tiers, first-touch page faults);
//   2. choose a batch size k from 1, 2, 5, 10, … until k calls last batchTargetMs,
//      so that sub-microsecond operations are not lost in the clock's overhead;
//   3. take samples until budgetMs has passed and minSamples were taken (but, with
//      maxMs set, stop once maxMs is spent: --quick's cap on slow calls); a sample is
//      the mean time per call over one batch of k calls, the first being the last
//      calibration batch.
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

/**
 * How many samples to take after the first (a batch of `firstMs`): until budgetMs is
 * spent and minSamples are taken, but, when settings.maxMs is set, no more than fit
 * in maxMs (a call slower than maxMs gets its one sample). Mirrored in numpy-timer.ts.
 */
export function moreSamples(firstMs: number, settings: TimingSettings): { timeMs: number; iterations: number } {
  let iterations = settings.minSamples - 1;
  if (settings.maxMs !== undefined) {
    iterations = Math.min(iterations, Math.max(0, Math.ceil((settings.maxMs - firstMs) / Math.max(firstMs, 1e-6))));
  }
  return { timeMs: Math.max(0, Math.min(settings.budgetMs, settings.maxMs ?? Infinity) - firstMs), iterations };
}

export async function measure(fn: () => unknown, settings: TimingSettings): Promise<Stats> {
  const warmEnd = nowMs() + settings.warmupMs;
  do sink = fn(); while (nowMs() < warmEnd);

  // The last calibration batch has the chosen size and follows the warm-up: it is
  // the first sample (for a call slower than batchTargetMs it is one whole call
  // that would otherwise be thrown away).
  let batch = 1;
  let firstMs = 0;
  for (const k of batchSizes()) {
    batch = k;
    firstMs = runBatch(fn, k);
    if (firstMs >= settings.batchTargetMs) break;
  }
  const more = moreSamples(firstMs, settings);
  const samplesMs = [firstMs / batch];
  if (more.iterations > 0 || more.timeMs > 0) {
    // tinybench loops while (time spent < `time` || samples < `iterations`); the task
    // reports the per-call mean of its batch as the sample (overriddenDuration) and the
    // whole batch as the time spent (overriddenIterationCost).
    const { Bench } = await import('tinybench');
    const bench = new Bench({
      time: more.timeMs,
      iterations: more.iterations,
      warmup: false,
      retainSamples: true,
      throws: true,
    });
    // `async: false` said, not detected: tinybench would detect it by calling the
    // task once, an untimed batch (a whole call of a slow case) thrown away.
    bench.add('case', () => {
      const ms = runBatch(fn, batch);
      return { overriddenDuration: ms / batch, overriddenIterationCost: ms };
    }, { async: false });
    const [task] = await bench.run();
    const result = task?.result;
    if (result === undefined || !('latency' in result) || result.latency.samples === undefined) {
      throw new Error(`tinybench gave no samples (state ${result?.state ?? 'unknown'})`);
    }
    samplesMs.push(...result.latency.samples);
  }
  // The last result may be a large array: let it go with the case's state.
  sink = undefined;
  return summarize(samplesMs.map((ms) => ms / 1e3), batch);
}
